"""Keep the precomputed facet cells (models.facets) equal to a recount of the collection.

`facets_refresh(ids)` runs after every write to artifacts (services.indexing.artifacts_index);
it reads the artifacts' present state under the lock, so refreshes that race converge.
`facets_rebuild()` recounts everything (loaders that write with raw SQL, the migration that
introduced the cells, and `manage.py rebuild_facets` as a repair tool).
Both take the FacetState row lock first, so two writers never interleave their count changes.
"""

from __future__ import annotations

import secrets
from collections import Counter, defaultdict
from collections.abc import Iterable

from django.apps import apps as django_apps
from django.db import transaction

ON_VIEW = "on_view"
# Above this many artifacts one recount is cheaper than moving counts cell by cell.
REBUILD_ABOVE = 20_000
Key = tuple[int, int, bool, int, str]


def _models(apps):
    get = apps.get_model
    return (
        get("collection", "Artifact"),
        get("collection", "FacetCell"),
        get("collection", "FacetMembership"),
        get("collection", "FacetState"),
    )


def _key_string(key: Key) -> str:
    category, period, on_view, space, materials = key
    return f"{category}|{period}|{int(on_view)}|{space}|{materials}"


def _keys(Artifact, ids: list[int] | None) -> dict[int, Key]:
    """The cell key of each published artifact among `ids` (all when None); others have none."""
    rows = Artifact.objects.filter(published=True)
    links = Artifact.materials.through.objects.filter(artifact__published=True)
    if ids is not None:
        rows, links = rows.filter(pk__in=ids), links.filter(artifact_id__in=ids)
    materials: dict[int, list[int]] = defaultdict(list)
    for artifact_id, term_id in links.values_list("artifact_id", "term_id").iterator(chunk_size=5000):
        materials[artifact_id].append(term_id)
    keys = {}
    values = rows.values_list("pk", "category_id", "period_id", "status", "current_space_id")
    for pk, category, period, status, space in values.iterator(chunk_size=5000):
        on_view = status == ON_VIEW
        keys[pk] = (
            category or 0,
            period or 0,
            on_view,
            (space or 0) if on_view else 0,
            ",".join(str(t) for t in sorted(materials.get(pk, ()))),
        )
    return keys


def _cells_for(FacetCell, keys: Iterable[Key]) -> dict[str, int]:
    """Cell ids by key string, creating the cells that do not exist yet (under the state lock)."""
    wanted = {_key_string(k): k for k in keys}
    found = dict(FacetCell.objects.filter(key__in=list(wanted)).values_list("key", "pk"))
    missing = [
        FacetCell(
            key=s, category_id=k[0], period_id=k[1], on_view=k[2], space_id=k[3], materials=k[4], count=0
        )
        for s, k in wanted.items()
        if s not in found
    ]
    if missing:
        FacetCell.objects.bulk_create(missing, batch_size=500)
        found.update(FacetCell.objects.filter(key__in=[c.key for c in missing]).values_list("key", "pk"))
    return found


def _new_version(old: int) -> int:
    """Random, not +1: a rolled-back transaction or a restored backup could bring an old number
    back with other cells behind it, and readers would trust their cache."""
    while (new := secrets.randbits(62)) == old:
        pass
    return new


def _lock_state(FacetState):
    state, _ = FacetState.objects.select_for_update().get_or_create(pk=1)
    return state


def facets_refresh(ids: Iterable[int], *, apps=django_apps) -> None:
    """Move the counts of these artifacts to the cells their present state belongs to."""
    ids = sorted(set(ids))
    if not ids:
        return
    if len(ids) > REBUILD_ABOVE:
        facets_rebuild(apps=apps)
        return
    from django.db.models import Case, F, IntegerField, Value, When

    Artifact, FacetCell, FacetMembership, FacetState = _models(apps)
    with transaction.atomic():
        state = _lock_state(FacetState)
        new = _keys(Artifact, ids)
        cells = _cells_for(FacetCell, new.values())
        new_cell = {pk: cells[_key_string(k)] for pk, k in new.items()}
        old_cell = dict(
            FacetMembership.objects.filter(artifact_id__in=ids).values_list("artifact_id", "cell_id")
        )
        delta: Counter[int] = Counter()
        for pk in ids:
            before, after = old_cell.get(pk), new_cell.get(pk)
            if before == after:
                continue
            if before is not None:
                delta[before] -= 1
            if after is not None:
                delta[after] += 1
        if not delta:
            return
        changes = {cell_id: change for cell_id, change in delta.items() if change}
        if changes:  # one statement, however many cells an import touches
            FacetCell.objects.filter(pk__in=list(changes)).update(
                count=F("count")
                + Case(
                    *(When(pk=pk, then=Value(d)) for pk, d in changes.items()), output_field=IntegerField()
                )
            )
        gone = [pk for pk in old_cell if pk not in new_cell]
        changed = [pk for pk in new_cell if old_cell.get(pk) != new_cell[pk]]
        FacetMembership.objects.filter(artifact_id__in=gone + changed).delete()
        FacetMembership.objects.bulk_create(
            [FacetMembership(artifact_id=pk, cell_id=new_cell[pk]) for pk in changed], batch_size=500
        )
        FacetCell.objects.filter(pk__in=list(delta), count__lte=0).delete()
        state.version = _new_version(state.version)
        state.save(update_fields=["version"])


def facets_rebuild(*, apps=django_apps) -> int:
    """Recount every published artifact from scratch; returns the number of cells."""
    Artifact, FacetCell, FacetMembership, FacetState = _models(apps)
    with transaction.atomic():
        state = _lock_state(FacetState)
        keys = _keys(Artifact, None)
        FacetMembership.objects.all().delete()
        FacetCell.objects.all().delete()
        counts = Counter(keys.values())
        FacetCell.objects.bulk_create(
            [
                FacetCell(
                    key=_key_string(k),
                    category_id=k[0],
                    period_id=k[1],
                    on_view=k[2],
                    space_id=k[3],
                    materials=k[4],
                    count=n,
                )
                for k, n in counts.items()
            ],
            batch_size=500,
        )
        cell_ids = dict(FacetCell.objects.values_list("key", "pk"))
        FacetMembership.objects.bulk_create(
            [FacetMembership(artifact_id=pk, cell_id=cell_ids[_key_string(k)]) for pk, k in keys.items()],
            batch_size=2000,
        )
        state.version = _new_version(state.version)
        state.save(update_fields=["version"])
    return len(counts)
