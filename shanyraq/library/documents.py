"""A record's search document, built from plain values (no Django models).

Pure so that the MARC import's helper process can build index entries while the main process
writes; `services.catalogue.document_for` (saved records) and the import share this one function,
so an imported record and the same record re-indexed later get the same entry.
"""

from __future__ import annotations

from collections.abc import Iterable

from shanyraq.search.documents import SearchDocument

KIND = "record"


def record_path(pk) -> str:
    return f"/library/records/{pk}/"


def record_document(
    record, names: Iterable[tuple[str, str]], headings: Iterable[str], *, pk, is_public: bool
) -> SearchDocument:
    """The index entry: the title as printed, every other-script form and name as `names`.

    `record` is a saved Record or a RecordData (both carry the description fields); `names` are
    (name, name in the other script) pairs in order."""
    names = list(names)
    other = [n for pair in names for n in pair if n]
    if record.title_romanized:
        other.append(record.title_romanized)
    for pair in record.parallel or []:
        other.extend(v for k, v in pair.items() if k != "tag" and v)
    author = names[0][0] if names else ""
    summary = " · ".join(str(x) for x in (author, record.publisher, record.year) if x)
    text = " ".join(
        [
            *headings,
            record.subtitle,
            record.publisher,
            record.notes[:2000],
            record.series,
            record.isbn13,
            record.isbn10,
        ]
    )
    return SearchDocument(
        kind=KIND,
        object_id=str(pk),
        titles={"": record.title},
        names=list(dict.fromkeys(other)),
        text=text,
        path=record_path(pk),
        summaries={"": summary},
        public=is_public,
    )
