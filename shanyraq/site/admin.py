from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from shanyraq.core.admin import SensitiveFieldsMixin
from shanyraq.site.models import Page


@admin.register(Page)
class PageAdmin(SensitiveFieldsMixin, TabbedTranslationAdmin):
    list_display = ["slug", "title", "in_navigation", "order"]
