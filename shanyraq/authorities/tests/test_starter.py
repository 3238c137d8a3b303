"""The starter authority file: size, four preferred forms each, a source for every variant, and
a load that can be repeated."""

import pytest
from django.core.management import call_command

from shanyraq.authorities.models import Authority, Relation, Variant
from shanyraq.authorities.scripts import detect_script
from shanyraq.authorities.selectors import expand_query
from shanyraq.authorities.starter import rows

LANGS = ("zh_hans", "en", "kk", "ru")


def test_the_starter_file_has_at_least_300_authorities_of_every_kind():
    data = rows()
    assert len(data) >= 300
    assert {r["kind"] for r in data} == {"person", "organisation", "place", "work"}


def test_every_authority_has_all_four_preferred_forms_in_the_right_script():
    for r in rows():
        assert all(r[f"name_{x}"].strip() for x in LANGS), r["id"]
        assert detect_script(r["name_zh_hans"]) == "Hani", r["id"]
        assert detect_script(r["name_ru"]) == "Cyrl", r["id"]
        assert detect_script(r["name_kk"]) == "Cyrl", r["id"]


def test_every_variant_has_a_source():
    data = rows()
    assert sum(len(r["variants"]) for r in data) >= 1200
    for r in data:
        for text, source in r["variants"]:
            assert text.strip() and source.strip(), (r["id"], text)


def test_variants_cover_the_scripts_readers_type():
    scripts = {detect_script(t) for r in rows() for t, _s in r["variants"]}
    assert {"Cyrl", "Latn", "Hani"} <= scripts


@pytest.mark.django_db
def test_the_load_command_loads_everything_and_is_safe_to_repeat(capsys):
    call_command("load_authorities")
    total = len(rows())
    assert capsys.readouterr().out.strip() == f"created {total}, updated 0"
    call_command("load_authorities")
    assert capsys.readouterr().out.strip() == f"created 0, updated {total}"
    assert Authority.objects.count() == total
    abai = Authority.objects.get(control_number="shq:abai")
    assert Variant.objects.filter(authority=abai, text="Abai", source="LC Name Authority File").exists()
    assert set(Relation.objects.filter(authority=abai).values_list("related__control_number", flat=True)) == {
        "shq:abai_zholy",
        "shq:kara_sozder",
        "shq:semey",
    }
    # The examples meet through the starter file.
    assert "阿拜 поэмалары" in expand_query("Абай Кунанбаев поэмалары").queries
    assert any(q.startswith("德米特里·肖斯塔科维奇") for q in expand_query("Shostakovich").queries)
    assert any(q == "李白" for q in expand_query("Ли Бо").queries)
    assert any(q == "Ssu-ma Ch'ien" for q in expand_query("司马迁").queries)
