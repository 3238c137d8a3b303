"""Erase people on request (a guest who registered without an account writes to the center)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from shanyraq.people.models import Person
from shanyraq.people.services import person_erase


class Command(BaseCommand):
    help = "Erase people everywhere (people.services.person_erase), by id or by e-mail address."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="Person ids")
        parser.add_argument("--email", help="every person with this e-mail address (any case)")

    def handle(self, *args, ids=(), email=None, **options):
        people = Person.objects.filter(is_erased=False)
        if email:
            people = people.filter(email__iexact=email.strip())
        elif ids:
            people = people.filter(pk__in=ids)
        else:
            raise CommandError("Give person ids or --email.")
        erased = 0
        for pk in people.order_by("pk").values_list("pk", flat=True):
            person = Person.objects.filter(pk=pk).first()
            if person is None:  # erased meanwhile as a child of an earlier one
                continue
            try:
                person_erase(person=person)
            except ValidationError as exc:
                raise CommandError(f"person {pk}: {' '.join(exc.messages)}") from exc
            erased += 1
        self.stdout.write(f"erased people: {erased}")
