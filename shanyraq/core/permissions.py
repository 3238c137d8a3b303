"""Guards for staff views and sensitive fields.

`staff_permission_required` guards a staff view: a login at /staff/login/ plus named permissions.

Sensitive fields (insurance values, children's data, patrons' contacts) are declared by each app in
`<app>/roles.py` as `SENSITIVE_FIELDS = {"app_label.model": {"field": "app_label.permission"}}`.
A user without the permission never sees, filters, searches or sorts on that field, through any
path of relations (`?person__email=` on another model included): the admin's
`core.admin.SensitiveFieldsMixin` applies these rules, and staff pages and exports ask
`field_hidden` / `path_hidden` before showing a value.
"""

from __future__ import annotations

from functools import cache, wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models
from django.db.models.constants import LOOKUP_SEP


def staff_permission_required(*perms: str):
    """Redirect anonymous users to the staff login; refuse (403) users without the permission."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perms(perms):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


@cache
def sensitive_fields() -> dict[str, dict[str, str]]:
    """{"people.person": {"email": "people.view_contact", ...}, ...} merged from every app's roles."""
    from shanyraq.core.roles import role_modules

    merged: dict[str, dict[str, str]] = {}
    for _name, module in role_modules():
        for label, fields in getattr(module, "SENSITIVE_FIELDS", {}).items():
            merged.setdefault(label.lower(), {}).update(fields)
    return merged


def hidden_fields(user, model: type[models.Model]) -> set[str]:
    """Names of `model`'s fields (and reverse relations) `user` may not see."""
    declared = sensitive_fields().get(model._meta.label_lower, {})
    return {field for field, perm in declared.items() if not user.has_perm(perm)}


def field_hidden(user, model: type[models.Model], name: str) -> bool:
    return name in hidden_fields(user, model)


def path_hidden(user, model: type[models.Model], path: str) -> bool:
    """Does a lookup path (`person__birth_date__gte`, `^email`, `guardian__name`) touch a field
    `user` may not see, on any model along the way?"""
    path = path.lstrip("^=@-")
    for part in path.split(LOOKUP_SEP):
        if part == "pk":
            part = model._meta.pk.name
        if part in hidden_fields(user, model):
            return True
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return False  # a lookup (`gte`, `isnull`) or a callable: the path ends here
        if not field.is_relation or field.related_model is None:
            return False
        model = field.related_model
    return False
