"""The record and artifact pages show linked names in the visitor's language."""

import pytest

from shanyraq.authorities.services import link_artifact, link_record
from shanyraq.authorities.tests.factories import abai, make_authority
from shanyraq.collection.tests.factories import ArtifactFactory
from shanyraq.library.tests.factories import RecordFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "shown"),
    [
        ("kk", '<span lang="kk">Абай Құнанбайұлы</span>'),
        ("ru", '<span lang="ru">Абай Кунанбаев</span>'),
        ("zh-hans", '<span lang="zh-hans">阿拜·库南拜乌勒</span>'),
        ("en", '<span lang="en">Abai Qunanbaiuly</span>'),
    ],
)
def test_the_record_page_shows_the_authority_in_the_visitors_language(client, lang, shown):
    record = RecordFactory(title="Қара сөздер")
    link_record(abai(), record)
    text = client.get(f"/{lang}/library/records/{record.pk}/").content.decode()
    assert shown in text


def test_a_name_missing_in_the_visitors_language_falls_back_and_says_which_language(client):
    artifact = ArtifactFactory()
    link_artifact(make_authority(en="Zhambyl Zhabayev", ru="Джамбул Джабаев"), artifact)
    text = client.get(f"/kk/collection/artifacts/{artifact.accession_number}/").content.decode()
    # Kazakh readers fall back to Russian first (settings.CONTENT_FALLBACKS).
    assert '<span lang="ru">Джамбул Джабаев</span>' in text


def test_a_page_without_linked_names_has_no_names_row(client):
    record = RecordFactory(title="Жаңа кітап")
    assert 'class="authority-name"' not in client.get(f"/en/library/records/{record.pk}/").content.decode()


def test_the_program_page_shows_its_performer_in_the_visitors_language(client):
    from shanyraq.authorities.services import link_program
    from shanyraq.authorities.tests.factories import shostakovich
    from shanyraq.programs.tests.factories import ProgramFactory

    program = ProgramFactory()
    link_program(shostakovich(), program)
    text = client.get(f"/zh-hans/programs/{program.pk}/").content.decode()
    assert '<dl class="authority-names"><dt>名称</dt>' in text
    assert '<span lang="zh-hans">德米特里·肖斯塔科维奇</span> — 表演者' in text
