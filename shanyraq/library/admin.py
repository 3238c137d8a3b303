"""Library back office. Circulation state (a copy's status, loans, holds) changes only through
the circulation services, so it is read-only here; which person a patron card belongs to is set
once, when the card is made (changing it would hand one reader's loans to another login)."""

from django.contrib import admin
from django.db import transaction

from shanyraq.core.admin import GuardedModelAdmin
from shanyraq.library.models import (
    Classification,
    Contributor,
    Copy,
    Hold,
    Holiday,
    Loan,
    LoanRule,
    OpeningDay,
    Patron,
    Record,
    Subject,
)
from shanyraq.library.services.catalogue import records_index


class ContributorInline(admin.TabularInline):
    model = Contributor
    extra = 0


class SubjectInline(admin.TabularInline):
    model = Subject
    extra = 0


class ClassificationInline(admin.TabularInline):
    model = Classification
    extra = 0


class CopyInline(admin.TabularInline):
    model = Copy
    extra = 0
    readonly_fields = ["status"]  # circulation sets it (library.services.circulation)


@admin.register(Record)
class RecordAdmin(GuardedModelAdmin):
    list_display = ["title", "title_romanized", "language", "year", "marc_flavour"]
    list_filter = ["language", "marc_flavour", "format", "is_public"]
    search_fields = ["title", "title_romanized", "isbn13", "control_number"]
    exclude = ["marc_raw"]
    inlines = [ContributorInline, SubjectInline, ClassificationInline, CopyInline]

    def save_related(self, request, form, formsets, change):
        """Back-office edits reach the search index like service writes do (names and subjects included)."""
        super().save_related(request, form, formsets, change)
        pk = form.instance.pk
        transaction.on_commit(lambda: records_index([pk]))

    def has_delete_permission(self, request, obj=None):
        # A record is withdrawn (untick "shown in the catalogue"), never deleted: OAI-PMH promises
        # harvesters persistent deletions, so a withdrawn record stays to say so (decision 021).
        return False


@admin.register(Copy)
class CopyAdmin(GuardedModelAdmin):
    list_display = ["barcode", "record", "call_number", "status", "copy_type"]
    list_filter = ["status", "copy_type"]
    search_fields = ["barcode", "call_number"]
    raw_id_fields = ["record"]
    readonly_fields = ["status"]


@admin.register(Patron)
class PatronAdmin(GuardedModelAdmin):
    list_display = ["barcode", "category", "expires_on"]
    list_filter = ["category"]
    search_fields = ["barcode"]
    raw_id_fields = ["person"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "person"] if obj else fields


@admin.register(Loan)
class LoanAdmin(GuardedModelAdmin):
    """Loans are read here; they change only at the desk (check out, check in, renew)."""

    list_display = ["copy", "patron", "checked_out_at", "due_on", "returned_at", "anonymized"]
    list_filter = ["anonymized", "patron_category"]
    readonly_fields = [f.name for f in Loan._meta.fields if f.name != "id"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Hold)
class HoldAdmin(GuardedModelAdmin):
    """Holds are read here; the hold services place, trap, expire and cancel them."""

    list_display = ["record", "patron", "status", "placed_at", "ready_until"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in Hold._meta.fields if f.name != "id"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(LoanRule, GuardedModelAdmin)
admin.site.register(OpeningDay, GuardedModelAdmin)
admin.site.register(Holiday, GuardedModelAdmin)
