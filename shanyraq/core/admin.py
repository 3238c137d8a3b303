"""The audit trail in the back office, and the guard every ModelAdmin of ours uses for
sensitive fields (see `core.permissions`)."""

from __future__ import annotations

from django.contrib import admin
from django.db import models

from shanyraq.core.models import AuditEvent
from shanyraq.core.permissions import hidden_fields, path_hidden


def _filter_name(entry) -> str | None:
    """The field path a list_filter entry filters on (None for a custom filter class)."""
    if isinstance(entry, (list, tuple)):
        entry = entry[0]
    if isinstance(entry, str):
        return entry
    return getattr(entry, "parameter_name", None)


class SensitiveFieldsMixin:
    """Hide sensitive fields from a role without the permission: list columns, filters, search
    fields, sorting and forms leave them out, and a changelist lookup that touches one (any
    `?field__gte=` or `?relation__field=`) is refused with 400 instead of answering with counts."""

    def _hides(self, request, path) -> bool:
        return isinstance(path, str) and path_hidden(request.user, self.model, path)

    def get_list_display(self, request):
        return [f for f in super().get_list_display(request) if not self._hides(request, f)]

    def get_list_display_links(self, request, list_display):
        links = super().get_list_display_links(request, list_display)
        return [f for f in links if f in list_display] if links else links

    def get_list_filter(self, request):
        return [f for f in super().get_list_filter(request) if not self._hides(request, _filter_name(f))]

    def get_search_fields(self, request):
        return [f for f in super().get_search_fields(request) if not self._hides(request, f)]

    def get_sortable_by(self, request):
        return [f for f in super().get_sortable_by(request) if not self._hides(request, f)]

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or [])
        return exclude + sorted(hidden_fields(request.user, self.model) - set(exclude))

    def get_fields(self, request, obj=None):
        return [f for f in super().get_fields(request, obj) if not self._hides(request, f)]

    def get_readonly_fields(self, request, obj=None):
        return [f for f in super().get_readonly_fields(request, obj) if not self._hides(request, f)]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        return [
            (name, {**opts, "fields": [f for f in opts["fields"] if not self._hides(request, f)]})
            for name, opts in fieldsets
        ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Web addresses typed without a scheme are https (Django 6's default; 5.2 warns otherwise).
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def lookup_allowed(self, lookup, value, request=None):
        if request is not None and self._hides(request, lookup):
            return False
        return super().lookup_allowed(lookup, value, request)


class GuardedModelAdmin(SensitiveFieldsMixin, admin.ModelAdmin):
    pass


@admin.register(AuditEvent)
class AuditEventAdmin(GuardedModelAdmin):
    list_display = ["at", "actor", "action", "target_type", "target_id"]
    list_filter = ["action", "target_type"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
