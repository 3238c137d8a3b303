"""A record's search document, built from plain values (no Django models).

Pure so that the MARC import's helper process can build index entries while the main process
writes; `services.catalogue.document_for` (saved records) and the import share this one function,
so an imported record and the same record re-indexed later get the same entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from shanyraq.search.documents import SearchDocument

KIND = "record"

# What a record is, as words in the four languages (decision 022): indexed with the record so
# "Kazakh music score" or «ноты» find scores. A fixed table, not the gettext catalogue: the MARC
# import builds documents in a helper process without Django's translations.
FORMAT_WORDS = {
    "book": "book books книга книги кітап кітаптар 书 图书",
    "serial": "journal magazine periodical журнал периодика журналдар мерзімді басылым 期刊 杂志",
    "score": "music score sheet music ноты партитура ноталар 乐谱",
    "audio": "sound recording audio music аудиозапись звукозапись музыка дыбыс жазбасы 录音 音频 音乐",
    "video": "video film видео фильм бейне 视频 影片 电影",
    "map": "map atlas карта атлас 地图",
}
_NAME_LOCALES = ("zh_Hans", "en", "kk", "ru")


@lru_cache(maxsize=64)
def language_words(code: str) -> str:
    """The name of a record's language (ISO 639-2) in the four languages, from CLDR."""
    from babel import Locale

    from shanyraq.library.labels import BCP47

    tag = BCP47.get(code, "").split("-")[0]
    if not tag:
        return ""
    return " ".join(dict.fromkeys(Locale.parse(loc).languages.get(tag, "") for loc in _NAME_LOCALES))


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
            FORMAT_WORDS.get(record.format or "", ""),
            language_words(record.language or ""),
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
