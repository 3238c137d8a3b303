from modeltranslation.translator import TranslationOptions, register

from shanyraq.programs.models import Program


@register(Program)
class ProgramTranslation(TranslationOptions):
    fields = ("title", "description")
