from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from shanyraq.spaces.models import Space


@admin.register(Space)
class SpaceAdmin(TabbedTranslationAdmin):
    list_display = ["name", "kind", "capacity", "floor", "is_public", "order"]
    list_filter = ["kind", "is_public"]
    prepopulated_fields = {"slug": ("name_en",)}
