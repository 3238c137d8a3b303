from modeltranslation.translator import TranslationOptions, register

from shanyraq.newsletter.models import Mailing


@register(Mailing)
class MailingTranslation(TranslationOptions):
    fields = ("subject", "body")
