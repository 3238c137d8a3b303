"""Precomputed facet cells: every write keeps them equal to a recount, and the counts they give
for any filter combination equal a brute-force count over the artifacts themselves."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from shanyraq.collection.facet_cells import cells_current
from shanyraq.collection.models import Artifact, FacetCell, FacetState, Term
from shanyraq.collection.selectors import artifacts_browse
from shanyraq.collection.services.artifacts import artifact_create, artifact_publish, artifact_update
from shanyraq.collection.services.facets import _keys, facets_rebuild
from shanyraq.collection.services.procedures import artifact_move
from shanyraq.collection.tests.factories import SpaceFactory, StorageFactory

pytestmark = pytest.mark.django_db


def cells_in_db() -> Counter:
    return Counter(dict(FacetCell.objects.filter(count__gt=0).values_list("key", "count")))


def recount() -> Counter:
    from shanyraq.collection.services.facets import _key_string

    return Counter(_key_string(k) for k in _keys(Artifact, None).values())


def brute_force(selection: dict) -> dict:
    """Facet counts straight from the artifacts, the other facets' filters applied."""
    rows = []
    for a in Artifact.objects.filter(published=True).select_related("category", "period", "current_space"):
        on_view = a.status == Artifact.Status.ON_VIEW
        rows.append(
            {
                "category": a.category.slug if a.category else None,
                "period": a.period.slug if a.period else None,
                "material": {m.slug for m in a.materials.all()},
                "hall": a.current_space.slug if on_view and a.current_space else None,
                "on_view": on_view,
            }
        )

    def ok(row, facet):
        if (
            facet != "material"
            and selection["material"]
            and not (row["material"] & set(selection["material"]))
        ):
            return False
        for name in ("category", "period", "hall"):
            if facet != name and selection[name] and row[name] not in selection[name]:
                return False
        return facet == "on_view" or not selection["on_view"] or row["on_view"]

    counts = {name: Counter() for name in ("category", "period", "material", "hall")}
    for row in rows:
        for name in ("category", "period", "hall"):
            if row[name] and ok(row, name):
                counts[name][row[name]] += 1
        if ok(row, "material"):
            counts["material"].update(row["material"])
    counts = {name: dict(c) for name, c in counts.items()}
    counts["on_view"] = sum(1 for row in rows if row["on_view"] and ok(row, "on_view"))
    counts["total"] = sum(1 for row in rows if ok(row, None))
    return counts


def browse_counts(selection: dict) -> dict:
    browse = artifacts_browse(**selection)
    counts = {name: {obj.slug: n for obj, n, _ in values} for name, values in browse.facets.items()}
    counts["on_view"], counts["total"] = browse.on_view_count, browse.total
    return counts


@pytest.fixture
def world(vocab, curator):
    halls = [SpaceFactory(slug=f"hall-{i}") for i in (1, 2)]
    terms = {
        v: list(Term.objects.filter(vocabulary=v).order_by("order")[:4])
        for v in ("category", "period", "material")
    }
    return {"halls": halls, "storage": StorageFactory(), "terms": terms, "curator": curator}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_writes_keep_cells_equal_to_a_recount_and_to_brute_force(world, seed):
    rng = random.Random(seed)
    terms, curator = world["terms"], world["curator"]
    artifacts = []
    for step in range(36):
        op = rng.choice(["create", "create", "update", "publish", "move", "move"]) if artifacts else "create"
        if op == "create":
            artifacts.append(
                artifact_create(
                    actor=curator,
                    accession_number=f"F.{seed}.{step}",
                    title_en=f"Thing {step}",
                    category=rng.choice([None, *terms["category"]]),
                    period=rng.choice([None, *terms["period"]]),
                    materials=rng.sample(terms["material"], rng.randint(0, 3)),
                    published=rng.random() < 0.8,
                )
            )
        elif op == "update":
            artifact_update(
                actor=curator,
                artifact=rng.choice(artifacts),
                category=rng.choice(terms["category"]),
                materials=rng.sample(terms["material"], rng.randint(0, 2)),
            )
        elif op == "publish":
            artifact_publish(actor=curator, artifact=rng.choice(artifacts), published=rng.random() < 0.5)
        else:
            space = rng.choice([*world["halls"], world["storage"]])
            artifact_move(actor=curator, artifact=rng.choice(artifacts), space=space, reason="installation")
        assert cells_in_db() == recount(), f"after step {step} ({op})"

    slugs = {v: [t.slug for t in ts] for v, ts in terms.items()}
    for _ in range(12):
        selection = {
            "category": rng.sample(slugs["category"], rng.randint(0, 2)),
            "period": rng.sample(slugs["period"], rng.randint(0, 1)),
            "material": rng.sample(slugs["material"], rng.randint(0, 2)),
            "hall": rng.sample(["hall-1", "hall-2"], rng.randint(0, 1)),
            "on_view": rng.random() < 0.3,
        }
        assert browse_counts(selection) == brute_force(selection), selection


def test_an_artifact_of_gold_and_silver_counts_once_when_both_are_chosen(world):
    gold, silver = (
        Term.objects.get(vocabulary="material", slug="gold"),
        Term.objects.get(vocabulary="material", slug="silver"),
    )
    artifact_create(actor=world["curator"], accession_number="G.1", published=True, materials=[gold, silver])
    artifact_create(actor=world["curator"], accession_number="G.2", published=True, materials=[gold])
    browse = artifacts_browse(material=["gold", "silver"])
    assert browse.total == 2
    assert {t.slug: n for t, n, _ in browse.facets["material"]} == {"gold": 2, "silver": 1}


def test_a_value_that_names_nothing_matches_nothing(world):
    artifact_create(
        actor=world["curator"], accession_number="N.1", published=True, category=world["terms"]["category"][0]
    )
    browse = artifacts_browse(category=["no-such-category"])
    assert browse.total == 0
    assert [n for _, n, _ in browse.facets["category"]] == [1]


def test_rebuild_gives_the_cells_the_writes_gave(world):
    for i, category in enumerate(world["terms"]["category"]):
        artifact = artifact_create(
            actor=world["curator"], accession_number=f"R.{i}", published=True, category=category
        )
        artifact_move(
            actor=world["curator"], artifact=artifact, space=world["halls"][i % 2], reason="installation"
        )
    before = cells_in_db()
    assert facets_rebuild() == len(before)
    assert cells_in_db() == before


def test_cells_are_read_again_when_another_process_changes_them(world):
    artifact_create(actor=world["curator"], accession_number="V.1", published=True)
    assert sum(c[-1] for c in cells_current()) == 1
    # Another process's write: the cells and the version change in the database only.
    FacetCell.objects.update(count=5)
    assert sum(c[-1] for c in cells_current()) == 1  # same version: the parsed cells are kept
    FacetState.objects.update(version=12345)
    assert sum(c[-1] for c in cells_current()) == 5


@pytest.mark.django_db(transaction=True)
def test_writers_racing_on_threads_leave_cells_equal_to_a_recount():
    from shanyraq.collection.tests.test_accession import _race
    from shanyraq.collection.vocabularies import vocabularies_load

    vocabularies_load()
    halls = [SpaceFactory(slug=f"race-hall-{i}") for i in range(3)]
    materials = list(Term.objects.filter(vocabulary="material")[:3])
    artifacts = [
        artifact_create(
            actor=None, accession_number=f"RACE.{i}", published=True, materials=materials[: i % 3]
        )
        for i in range(6)
    ]

    def move(i):
        # Two threads per artifact, each moving it to another hall: the counts must follow the
        # state the last writer left, whichever order the refreshes run in.
        artifact_move(actor=None, artifact=artifacts[i % 6], space=halls[i % 3], reason="installation")

    _race(12, move)
    assert cells_in_db() == recount()
    assert sum(cells_in_db().values()) == 6
