from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from shanyraq.core.admin import GuardedModelAdmin, SensitiveFieldsMixin
from shanyraq.programs import search_sources
from shanyraq.programs.models import Program, Registration, Session


class SessionInline(admin.TabularInline):
    model = Session
    fields = ["start", "end", "space", "capacity", "is_cancelled"]
    readonly_fields = fields  # sessions are created through services (they book the space)
    extra = 0
    can_delete = False


@admin.register(Program)
class ProgramAdmin(SensitiveFieldsMixin, TabbedTranslationAdmin):
    list_display = ["title", "kind", "level", "language", "is_published"]
    list_filter = ["kind", "is_published", "language"]
    filter_horizontal = ["teachers"]
    inlines = [SessionInline]

    def save_related(self, request, form, formsets, change):
        """Back-office edits reach the search index like service writes do (teachers included)."""
        super().save_related(request, form, formsets, change)
        search_sources.index(form.instance)


@admin.register(Registration)
class RegistrationAdmin(GuardedModelAdmin):
    """Registrations are read here: the registration services confirm, offer, verify and cancel."""

    list_display = ["code", "program", "session", "person", "status", "position", "seats"]
    list_filter = ["status"]
    search_fields = ["code", "person__name"]
    readonly_fields = [f.name for f in Registration._meta.fields if f.name != "id" and f.editable]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
