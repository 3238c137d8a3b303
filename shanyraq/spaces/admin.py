from django.contrib import admin
from django.db import transaction
from modeltranslation.admin import TabbedTranslationAdmin

from shanyraq.core.admin import SensitiveFieldsMixin
from shanyraq.search.services import index_documents
from shanyraq.spaces import search_sources
from shanyraq.spaces.models import ClosedDay, Space


@admin.register(Space)
class SpaceAdmin(SensitiveFieldsMixin, TabbedTranslationAdmin):
    list_display = ["name", "kind", "capacity", "floor", "is_public", "order"]
    list_filter = ["kind", "is_public"]
    prepopulated_fields = {"slug": ("name_en",)}

    def save_model(self, request, obj, form, change):
        """Back-office edits reach the search index (a space made private leaves public results)."""
        super().save_model(request, obj, form, change)
        doc = search_sources.document(obj)
        transaction.on_commit(lambda: index_documents([doc]))


@admin.register(ClosedDay)
class ClosedDayAdmin(admin.ModelAdmin):
    list_display = ("date", "reason")
    date_hierarchy = "date"
