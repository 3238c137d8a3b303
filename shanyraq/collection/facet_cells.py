"""Facet counts from the precomputed cells (models.facets), for any combination of filters.

Each count follows the faceted-search rule: a facet's values are counted with every *other*
facet's filters applied (so choosing "Saka" still shows how many bronze objects each period has).
Pure functions over plain tuples: the cells are read once per FacetState version and kept in this
process, so a page after a curator's write pays one small read, not a recount.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass

# (category_id, period_id, on_view, space_id, material ids, count)
Cell = tuple[int, int, bool, int, frozenset[int], int]

_lock = threading.Lock()
_cached: tuple[int, list[Cell]] | None = None


def cells_current() -> list[Cell]:
    """The cells of the present version (one indexed read of the version on every call)."""
    global _cached
    from shanyraq.collection.models import FacetCell, FacetState

    version = FacetState.objects.values_list("version", flat=True).first() or 0
    cached = _cached
    if cached is not None and cached[0] == version:
        return cached[1]
    rows = FacetCell.objects.filter(count__gt=0).values_list(
        "category_id", "period_id", "on_view", "space_id", "materials", "count"
    )
    cells = [
        (c, p, v, s, frozenset(int(m) for m in mats.split(",")) if mats else frozenset(), n)
        for c, p, v, s, mats, n in rows
    ]
    with _lock:
        _cached = (version, cells)
    return cells


@dataclass(frozen=True)
class Selection:
    """Chosen filter values as ids; empty means "any"."""

    category: frozenset[int] = frozenset()
    period: frozenset[int] = frozenset()
    material: frozenset[int] = frozenset()
    hall: frozenset[int] = frozenset()
    on_view: bool = False


def counts_from_cells(cells: list[Cell], sel: Selection) -> dict:
    """The same shape as selectors._facet_counts: {facet: {id: n}, "on_view": n, "total": n}."""
    category: Counter[int] = Counter()
    period: Counter[int] = Counter()
    material: Counter[int] = Counter()
    hall: Counter[int] = Counter()
    on_view_total = total = 0
    for cat, per, on_view, space, mats, n in cells:
        ok_cat = not sel.category or cat in sel.category
        ok_per = not sel.period or per in sel.period
        ok_mat = not sel.material or not sel.material.isdisjoint(mats)
        ok_hall = not sel.hall or (on_view and space in sel.hall)
        ok_view = not sel.on_view or on_view
        others = ok_hall and ok_view
        if ok_per and ok_mat and others and cat:
            category[cat] += n
        if ok_cat and ok_mat and others and per:
            period[per] += n
        if ok_cat and ok_per and others:
            for m in mats:
                material[m] += n
        if ok_cat and ok_per and ok_mat and ok_view and on_view and space:
            hall[space] += n
        if ok_cat and ok_per and ok_mat and ok_hall and on_view:
            on_view_total += n
        if ok_cat and ok_per and ok_mat and others:
            total += n
    return {
        "category": dict(category),
        "period": dict(period),
        "material": dict(material),
        "hall": dict(hall),
        "on_view": on_view_total,
        "total": total,
    }
