from modeltranslation.translator import TranslationOptions, register

from shanyraq.spaces.models import Space


@register(Space)
class SpaceTranslation(TranslationOptions):
    fields = ("name", "description", "equipment", "opening_hours")
