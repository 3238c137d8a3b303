"""Compare the whole database before and after a request: what a refused or unchanged save must
leave exactly as it was."""

from __future__ import annotations

from django.apps import apps

# Written by every save on purpose (logs, audit, search index, caches), or rows of other sessions.
NOT_COMPARED = {
    "admin.logentry",
    "core.auditevent",
    "sessions.session",
    "search.searchentry",
    "search.searchword",
    "search.searchterm",
    "collection.facetcell",
    "collection.facetmembership",
    "collection.facetstate",
    "django_tasks_database.dbtaskresult",
}


def snapshot(skip: set[str] = NOT_COMPARED) -> dict[str, dict]:
    """Every row of every model, except the ones written by design, with auto_now fields (and the
    time of the last sign-in) left out.
    An empty translation is the same whether stored as NULL (code) or "" (a form)."""
    out = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in skip:
            continue
        names = [
            f.attname
            for f in model._meta.concrete_fields
            if not getattr(f, "auto_now", False) and f.attname != "last_login"  # signing in sets it
        ]
        out[label] = {
            row[0]: tuple("" if v is None else v for v in row)
            for row in model.objects.order_by("pk").values_list("pk", *names)
        }
    return out


def diff(before: dict, after: dict) -> dict[str, list]:
    """{model: [(pk, {field index: (before, after)})]} for every row that differs."""
    out = {}
    for label in before:
        rows = []
        for pk in sorted(set(before[label]) | set(after[label])):
            old, new = before[label].get(pk), after[label].get(pk)
            if old != new:
                rows.append(
                    (
                        pk,
                        {i: (a, b) for i, (a, b) in enumerate(zip(old or (), new or ())) if a != b}
                        or (old, new),
                    )
                )
        if rows:
            out[label] = rows
    return out
