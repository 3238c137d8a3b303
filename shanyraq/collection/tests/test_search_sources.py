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
