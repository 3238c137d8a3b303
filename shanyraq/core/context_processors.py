from django.conf import settings
from django.utils.translation import gettext_lazy as _

from shanyraq.core import languages as langs

# Translators: the name of the center, shown in the header of every page.
CENTER_NAME = _("Cultural Center of Kazakhstan in Beijing")


def languages(request):
    return {
        "LANGUAGE_CHOICES": settings.LANGUAGES,
        "CURRENT_LANGUAGE": langs.current(),
        "CENTER_NAME": settings.SHANYRAQ.get("CENTER_NAME", CENTER_NAME),
    }
