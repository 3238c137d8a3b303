"""What the domain modules hand to the search index.

Each module that has searchable things adds `<app>/search_sources.py` with:

    KIND = "artifact"                      # one kind per module object type (see KINDS)
    def documents(ids=None) -> Iterable[SearchDocument]: ...   # all, or only these ids

Services call `search.services.index_documents([...])` after writing, and
`search.services.index_remove(kind, ids)` after deleting; `manage.py reindex` walks
every source. Nothing is indexed from signals.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SearchDocument:
    kind: str
    object_id: str
    # Title per language code ("zh-hans", "en", "kk", "ru"). Library records are not translated:
    # give their title under every code, or under "" meaning "the same in every language".
    titles: dict[str, str]
    # Other names this thing is known by, in any script (romanized twins, 880 fields, names of
    # people, alternative titles). Weighted like the title for ranking exact matches.
    names: list[str] = field(default_factory=list)
    # Body text in any language (descriptions, subjects, notes). Weighted lower.
    text: str = ""
    # Path without language prefix, e.g. "/collection/artifacts/KCC.2025.0001/".
    path: str = ""
    # Short text per language shown under the title in results.
    summaries: dict[str, str] = field(default_factory=dict)
    # Visible to visitors? Unpublished things are indexed for staff but never returned publicly.
    public: bool = True

    def title_in(self, lang: str) -> str:
        return (
            self.titles.get(lang) or self.titles.get("") or next((t for t in self.titles.values() if t), "")
        )
