"""Staff roles are Django groups; each app declares what its roles may do.

An app that has staff actions adds `<app>/roles.py` with a `PERMISSIONS` dict mapping a
role slug to permission names (`"app_label.codename"`). `sync_roles()` merges them into the
groups, so the rules live beside the code they guard. `make run` and the test setup call it.
Superusers are for the operator only; the demo staff are plain users in one group each.
"""

from __future__ import annotations

from importlib import import_module

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext_lazy as _

ROLES: dict[str, object] = {
    "director": _("Director"),
    "curator": _("Curator"),
    "librarian": _("Librarian"),
    "program_coordinator": _("Program coordinator"),
    "front_desk": _("Front desk"),
    "teacher": _("Teacher"),
    "safeguarding_officer": _("Safeguarding officer"),
    "moderator": _("Showcase moderator"),
    "exchange_coordinator": _("Exchange coordinator"),
    "reviewer": _("Reviewer"),
}


def role_modules():
    """Each of our apps' `roles` module, in app order."""
    for config in apps.get_app_configs():
        if not config.name.startswith("shanyraq."):
            continue
        try:
            yield config.name, import_module(f"{config.name}.roles")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.roles":
                raise


def declared_permissions() -> dict[str, set[str]]:
    merged: dict[str, set[str]] = {role: set() for role in ROLES}
    for name, module in role_modules():
        for role, perms in getattr(module, "PERMISSIONS", {}).items():
            if role not in ROLES:
                raise ValueError(f"{name}.roles names unknown role {role!r}")
            merged[role].update(perms)
    return merged


def sync_roles() -> dict[str, int]:
    """Create the six groups and set exactly the declared permissions on each."""
    counts = {}
    with transaction.atomic():
        for role, perms in declared_permissions().items():
            group, _created = Group.objects.get_or_create(name=role)
            objs = []
            for name in sorted(perms):
                app_label, codename = name.split(".", 1)
                try:
                    objs.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
                except Permission.DoesNotExist:
                    raise ValueError(f"role {role!r} names missing permission {name!r}")
            group.permissions.set(objs)
            counts[role] = len(objs)
    return counts


def role_of(user) -> str | None:
    if not user.is_authenticated:
        return None
    names = set(user.groups.values_list("name", flat=True))
    return next((role for role in ROLES if role in names), None)
