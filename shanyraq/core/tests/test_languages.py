import pytest

from shanyraq.core import languages
from shanyraq.spaces.models import Space


def test_fallback_chain_for_kazakh_prefers_russian_then_english():
    assert languages.fallback_chain("kk")[:3] == ["kk", "ru", "en"]


def test_normalize_refuses_unknown_codes():
    assert languages.normalize("zh_Hans") == "zh-hans"
    assert languages.normalize("de") is None
    assert languages.normalize("") is None


def test_translated_reports_the_language_it_fell_back_to():
    space = Space(slug="x", kind="hall", name_en="Hall", name_ru="Зал")
    assert languages.translated(space, "name", "kk") == ("Зал", "ru")
    assert languages.translated(space, "name", "zh-hans") == ("Hall", "en")


def test_from_dict_refuses_unknown_language_code():
    with pytest.raises(ValueError):
        languages.from_dict({"de": "Halle"}, "name")
    assert languages.from_dict({"zh-hans": "展厅"}, "name") == {"name_zh_hans": "展厅"}
