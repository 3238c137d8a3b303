from django.contrib import admin
from django.db import transaction

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


@admin.register(Record)
class RecordAdmin(admin.ModelAdmin):
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


@admin.register(Copy)
class CopyAdmin(admin.ModelAdmin):
    list_display = ["barcode", "record", "call_number", "status", "copy_type"]
    list_filter = ["status", "copy_type"]
    search_fields = ["barcode", "call_number"]
    raw_id_fields = ["record"]


@admin.register(Patron)
class PatronAdmin(admin.ModelAdmin):
    list_display = ["barcode", "category", "expires_on"]
    list_filter = ["category"]
    search_fields = ["barcode"]
    raw_id_fields = ["person"]


@admin.register(Loan)
class LoanAdmin(admin.ModelAdmin):
    list_display = ["copy", "patron", "checked_out_at", "due_on", "returned_at", "anonymized"]
    list_filter = ["anonymized", "patron_category"]
    raw_id_fields = ["copy", "patron"]


@admin.register(Hold)
class HoldAdmin(admin.ModelAdmin):
    list_display = ["record", "patron", "status", "placed_at", "ready_until"]
    list_filter = ["status"]
    raw_id_fields = ["record", "patron", "copy"]


admin.site.register(LoanRule)
admin.site.register(OpeningDay)
admin.site.register(Holiday)
