import pytest
from django.contrib.auth.models import Group

from shanyraq.library.tests.factories import PatronFactory, PersonFactory

PASSWORD = "correct horse battery"


@pytest.fixture
def patron(db, django_user_model):
    """A patron with a login: card P123456, e-mail aru@example.org, speaks Kazakh."""
    user = django_user_model.objects.create_user(username="aru-login", password=PASSWORD)
    person = PersonFactory(name="Aru", email="Aru@Example.org", language="kk", user=user)
    return PatronFactory(person=person, barcode="P123456")


@pytest.fixture
def staff(roles, django_user_model):
    """`staff("director")` -> a staff login in that role, with a person who speaks Russian."""

    def make(role: str, username: str | None = None, language: str = "ru"):
        user = django_user_model.objects.create_user(
            username=username or role, password=PASSWORD, is_staff=True
        )
        user.groups.add(Group.objects.get(name=role))
        PersonFactory(name=f"{role} person", email=f"{role}@example.org", language=language, user=user)
        return user

    return make
