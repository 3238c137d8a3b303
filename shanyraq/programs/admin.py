from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from shanyraq.core.admin import GuardedModelAdmin, SensitiveFieldsMixin
from shanyraq.programs import search_sources
from shanyraq.programs.models import Program, Registration, Session
from shanyraq.programs.services.registrations import registration_approve


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

    actions = ["approve_pending"]

    @admin.action(description=_("Approve group bookings awaiting confirmation"), permissions=["change"])
    def approve_pending(self, request, queryset):
        """Staff vouch for a school they know: each pending group takes its seats (or a place in line)."""
        done = 0
        for registration in queryset.filter(status=Registration.Status.PENDING):
            try:
                registration_approve(registration=registration, actor=request.user)
                done += 1
            except ValidationError as exc:
                self.message_user(request, " ".join(exc.messages), messages.ERROR)
        self.message_user(
            request,
            ngettext("%(n)s group booking approved.", "%(n)s group bookings approved.", done) % {"n": done},
        )
