"""Patrons sign in with their library card number (accounts.identifiers discovers this module)."""

from __future__ import annotations

from shanyraq.library.models import Patron


def user_for_identifier(identifier: str):
    """The login of the patron whose card this is, whatever the case or spaces typed (p 000 001)."""
    barcode = identifier.replace(" ", "").replace("-", "")
    patron = Patron.objects.select_related("person__user").filter(barcode__iexact=barcode).first()
    if patron is None and barcode != identifier:
        patron = Patron.objects.select_related("person__user").filter(barcode__iexact=identifier).first()
    return patron.person.user if patron is not None else None
