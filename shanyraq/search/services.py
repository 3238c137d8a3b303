"""Keep the index in step with the records. Called by the services that write records."""

from __future__ import annotations

from collections.abc import Iterable
from importlib import import_module

from django.apps import apps
from django.db import transaction

from shanyraq.search.documents import SearchDocument
from shanyraq.search.models import SearchEntry
from shanyraq.search.normalizer import keys


def _entry(doc: SearchDocument) -> SearchEntry:
    return SearchEntry(
        kind=doc.kind,
        object_id=str(doc.object_id),
        titles=doc.titles,
        summaries=doc.summaries,
        path=doc.path,
        public=doc.public,
        title_keys=" ".join(keys(" ".join([*doc.titles.values(), *doc.names]))),
        body_keys=" ".join(keys(doc.text)),
    )


def index_documents(docs: Iterable[SearchDocument]) -> int:
    entries = [_entry(d) for d in docs]
    with transaction.atomic():
        for e in entries:
            SearchEntry.objects.filter(kind=e.kind, object_id=e.object_id).delete()
        SearchEntry.objects.bulk_create(entries, batch_size=1000)
    return len(entries)


def index_remove(kind: str, ids: Iterable[str]) -> None:
    SearchEntry.objects.filter(kind=kind, object_id__in=[str(i) for i in ids]).delete()


def sources():
    for config in apps.get_app_configs():
        if config.name.startswith("shanyraq."):
            try:
                yield import_module(f"{config.name}.search_sources")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.search_sources":
                    raise


def reindex_all() -> dict[str, int]:
    counts = {}
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        for source in sources():
            counts[source.KIND] = index_documents(source.documents())
    return counts
