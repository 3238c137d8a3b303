from modeltranslation.translator import TranslationOptions, register

from shanyraq.site.models import Page


@register(Page)
class PageTranslation(TranslationOptions):
    fields = ("title", "summary", "body")
