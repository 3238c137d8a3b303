from __future__ import annotations

from shanyraq.people.models import Consent, Person


def consent_current(person: Person, kind: str) -> bool:
    """The latest record for this kind wins: consent can be given, withdrawn, given again."""
    latest = Consent.objects.filter(person=person, kind=kind).order_by("-at", "-pk").first()
    return bool(latest and latest.granted)
