"""Every service write keeps the index in step; manage.py reindex rebuilds from search_sources."""

import datetime

import pytest

from shanyraq.collection import search_sources
from shanyraq.collection.services.artifacts import artifact_create, artifact_publish, artifact_update
from shanyraq.collection.services.exhibitions import exhibition_create
from shanyraq.collection.services.procedures import artifact_deaccession
from shanyraq.search.selectors import search_ids
from shanyraq.search.services import reindex_all

pytestmark = pytest.mark.django_db


def test_create_update_and_unpublish_keep_search_in_step(curator):
    art = artifact_create(actor=curator, title_en="Kobyz", title_kk="Қобыз", published=True)
    assert search_ids("қобыз", kind="artifact") == [str(art.pk)]
    artifact_update(actor=curator, artifact=art, title_en="Qyl-qobyz")
    assert search_ids("qyl-qobyz", kind="artifact") == [str(art.pk)]
    artifact_publish(actor=curator, artifact=art, published=False)
    assert search_ids("qobyz", kind="artifact") == []
    assert search_ids("qobyz", kind="artifact", public_only=False) == [str(art.pk)]


def test_deaccessioned_artifact_leaves_public_search(curator):
    art = artifact_create(actor=curator, title_en="Saddle", published=True)
    artifact_deaccession(actor=curator, artifact=art, method="transfer", reason="Transfer")
    assert search_ids("saddle", kind="artifact") == []


def test_exhibitions_are_indexed_with_their_own_kind(curator):
    e = exhibition_create(
        actor=curator,
        slug="s",
        title_en="Steppe gold",
        title_zh_hans="草原黄金",
        start_date=datetime.date(2025, 9, 2),
        published=True,
    )
    assert search_ids("草原黄金", kind="exhibition") == [str(e.pk)]


def test_reindex_rebuilds_artifacts_and_exhibitions(curator):
    art = artifact_create(actor=curator, title_en="Tekemet", published=True)
    exhibition_create(
        actor=curator, slug="f", title_en="Felt", start_date=datetime.date(2025, 9, 2), published=True
    )
    reindex_all()
    assert search_ids("tekemet", kind="artifact") == [str(art.pk)]
    assert len(search_ids("felt", kind="exhibition")) == 1
    assert search_sources.KIND == "artifact"


@pytest.mark.parametrize(
    "q",
    [
        "musical instrument",
        "kobyz instruments",
        "музыкальный инструмент",
        "музыкалық аспап",
        "乐器",
        "XIX ғасыр қобыз",
    ],
)
def test_category_and_period_are_words_of_the_artifact_in_every_language(curator, q):
    """What a thing is counts as words of it (decision 022): a visitor who names the category or
    the period, in any of the four languages and in any form of the word, finds the artifact."""
    from shanyraq.collection.tests.factories import TermFactory

    category = TermFactory(
        slug="instruments",
        name_en="Musical instruments",
        name_ru="Музыкальные инструменты",
        name_kk="Музыкалық аспаптар",
        name_zh_hans="乐器",
    )
    period = TermFactory(
        vocabulary="period", slug="c19", name_en="19th century", name_ru="XIX век", name_kk="XIX ғасыр"
    )
    art = artifact_create(
        actor=curator, title_en="Kobyz", title_kk="Қобыз", category=category, period=period, published=True
    )
    assert search_ids(q, kind="artifact") == [str(art.pk)]
