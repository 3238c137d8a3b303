"""Names for codes that records carry (ISO 639-2 languages), shown in the visitor's language."""

from django.utils.translation import gettext_lazy as _

LANGUAGES = {
    "kaz": _("Kazakh"),
    "rus": _("Russian"),
    "chi": _("Chinese"),
    "zho": _("Chinese"),
    "eng": _("English"),
    "ger": _("German"),
    "fre": _("French"),
    "jpn": _("Japanese"),
    "kor": _("Korean"),
    "ara": _("Arabic"),
    "ukr": _("Ukrainian"),
    "uzb": _("Uzbek"),
    "kir": _("Kyrgyz"),
    "tur": _("Turkish"),
    "per": _("Persian"),
    "spa": _("Spanish"),
    "ita": _("Italian"),
    "heb": _("Hebrew"),
    "gre": _("Greek"),
    "tha": _("Thai"),
}
# BCP 47 tags for the lang="" attribute of a record's title (records are not translated).
BCP47 = {
    "kaz": "kk",
    "rus": "ru",
    "chi": "zh",
    "zho": "zh",
    "eng": "en",
    "ger": "de",
    "fre": "fr",
    "jpn": "ja",
    "kor": "ko",
    "ara": "ar",
    "ukr": "uk",
    "uzb": "uz",
    "kir": "ky",
    "tur": "tr",
    "per": "fa",
    "spa": "es",
    "ita": "it",
    "heb": "he",
    "gre": "el",
    "tha": "th",
}


def language_name(code: str) -> str:
    return str(LANGUAGES.get(code, code or "—"))


def bcp47(code: str) -> str:
    return BCP47.get(code, "")
