from django.conf import settings

from shanyraq.core import languages as langs


def languages(request):
    return {
        "LANGUAGE_CHOICES": settings.LANGUAGES,
        "CURRENT_LANGUAGE": langs.current(),
        "CENTER_NAME": settings.SHANYRAQ["CENTER_NAME"],
    }
