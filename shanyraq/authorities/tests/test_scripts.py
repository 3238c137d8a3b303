import pytest

from shanyraq.authorities.scripts import detect_script, script_of_marc_code


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Абай Құнанбайұлы", "Cyrl"),
        ("Abai Qunanbaiuly", "Latn"),
        ("Ch'ü Yüan", "Latn"),
        ("阿拜·库南拜乌勒", "Hani"),
        ("魯迅", "Hani"),
        ("أباي قونانبايولى", "Arab"),
        ("1845-1904", "Zyyy"),
        ("Абай (Abai)", "Cyrl"),
    ],
)
def test_detect_script_reads_the_letters(text, script):
    assert detect_script(text) == script


def test_marc_script_codes_map_to_scripts():
    assert [script_of_marc_code(c) for c in ("(N", "$1", "(3", "(B", "zz")] == [
        "Cyrl",
        "Hani",
        "Arab",
        "Latn",
        "",
    ]
