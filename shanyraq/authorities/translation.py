from modeltranslation.translator import TranslationOptions, register

from shanyraq.authorities.models import Authority


@register(Authority)
class AuthorityTranslation(TranslationOptions):
    fields = ("name", "note")
