"""Turns any text into search keys, so a query and a record meet whatever script each is in.

Pure: no database, no Django. The indexer (services) and the query parser (selectors) both call
it, so both sides of a match always go through the same rules.

Pipeline
--------
1. NFKC, casefold; traditional Chinese is folded to simplified with OpenCC (t2s). Private-use
   characters and controls become separators (the index uses private-use markers of its own).
2. The text is cut into runs: Han runs (CJK ideographs) and word runs (letters/digits of any
   other script, with their combining marks; apostrophes and hyphens split words).
3. A word becomes two keys:
   - its *exact* form: casefolded, diacritics removed, script kept (ranking only);
   - its *skeleton*: a coarse Latin spelling that Kazakh Cyrillic, Kazakh Latin (2018 acute and
     2021 umlaut alphabets), ALA-LC, ICAO/passport and informal romanizations, Russian Cyrillic
     and Kazakh in Arabic script all reduce to. The skeleton is what the index matches on.
4. A Han run gives its characters (unigrams) and overlapping character bigrams, plus pinyin keys
   (pypinyin's character table, tones dropped, up to two readings per character): the skeleton
   of each pair of adjacent syllables (every reading combination), and the lone syllable for a
   one-character run. Per-character lookup keeps indexing fast; pairs of readings cover the
   common polyphones.

Skeleton rules (applied in this order)
--------------------------------------
- Letter tables to Latin: Cyrillic (Kazakh + Russian: ә→a, ғ→g, қ→q, ң→ng, ө→o, ұ/ү→u, һ→h,
  і/и/й/ы→i, х→h, ж→zh, ц→ts, ч→ch, ш→sh, щ→shch, ю→yu, я→ya, ё/э→e, ъ/ь dropped); Arabic-script
  Kazakh (ا→a, ٵ→a, ە/ه→e, ب→b, ۆ→v, گ→g, ع/غ→g, د→d, ج→zh, ز→z, ي/ى/ی→i, ك/ک→k, ق→q, ل→l,
  م→m, ن→n, ڭ→ng, و/ۇ→o/u, پ→p, ر→r, س→s, ت→t, ۋ→u, ف→f, ح/خ→h, ھ→h, چ→ch, ش→sh; the hamza
  ٴ/ء that marks front vowels is dropped, since front and back vowels share a skeleton letter);
  special Latin letters (ş/š→sh, ç/č→ch, ž→zh, ñ/ń→ng, ı→i, ý→u (2018 Kazakh У), ß→ss);
  then every other diacritic is stripped (ä á ă→a, ö ó→o, ü ú ū→u, ğ ǵ→g, ĭ→i ...), and
  modifier letters (ʹ ʺ ʼ) are dropped.
- Latin rewrites: y→i; shch/sch→sh; tch→ch; dzh/dj/zh→j; kh→h (so Kazakh is one typo from
  Қазақ); gh→g; ph→f; ts→c; x→ks; q→k; ck→k; w→v; j after a vowel and before a consonant
  or the end→i (Dostoevskij, Tolstoj); ng→n; doubled letters collapse; i between two vowels
  drops (Dostoyevsky, Qunanbaiuly); a word-initial ie→e (Yelena=Elena); doubled letters
  collapse again. The rewrites repeat until nothing changes, so a skeleton is its own skeleton.
- Letters of other scripts pass through (casefolded), so Greek or Korean still match themselves.

Word forms (stemming.py, decision 022): `text_keys(..., stem=True)` adds stem keys ("q" + the
stem's skeleton) for titles and body text, never for names; a query group carries its stem key
and bare stem in `Group.stems`, matched beside the word's own key and scored lower.

Queries additionally get a pinyin reading: a run of Latin words that segments completely into
pinyin syllables (dynamic programming over the syllable inventory, fewest syllables) is matched
through the same syllable-pair keys as a Han run ("dongbula", "dong bu la", "dōng bù lā" → 冬不拉).
Chinese written in Wade-Giles ("Ssu-ma Ch'ien") or Palladius Cyrillic («Сыма Цянь») is read back
into pinyin syllables by romanizations.py and meets the same keys.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

from shanyraq.search.romanizations import read_palladius, read_wade_giles
from shanyraq.search.stemming import STEM_MARK, stems

MAX_QUERY_CHARS = 500
MAX_TOKEN_CHARS = 60
MAX_QUERY_GROUPS = 12

_CYRILLIC = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "й": "i", "і": "i", "ї": "i", "к": "k", "қ": "q", "л": "l",
    "м": "m", "н": "n", "ң": "ng", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ұ": "u", "ү": "u", "ў": "u", "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "є": "e",
    "ґ": "g", "ѣ": "e", "ѳ": "f", "ѵ": "i",
}  # fmt: skip
_ARABIC = {
    "ا": "a", "أ": "a", "إ": "a", "آ": "a", "ٵ": "a", "ە": "e", "ه": "e", "ة": "e", "ب": "b",
    "ۆ": "v", "گ": "g", "ع": "g", "غ": "g", "د": "d", "ج": "zh", "ژ": "zh", "ز": "z", "ذ": "z",
    "ض": "z", "ظ": "z", "ي": "i", "ى": "i", "ی": "i", "ې": "e", "ك": "k", "ک": "k", "ق": "q",
    "ل": "l", "م": "m", "ن": "n", "ڭ": "ng", "و": "o", "ۇ": "u", "ٷ": "u", "ۋ": "u", "پ": "p",
    "ر": "r", "س": "s", "ص": "s", "ث": "s", "ت": "t", "ط": "t", "ف": "f", "ح": "h", "خ": "h",
    "ھ": "h", "چ": "ch", "ش": "sh", "ٴ": "", "ء": "", "ـ": "", "ئ": "",
}  # fmt: skip
_LATIN_SPECIAL = {
    "ş": "sh", "š": "sh", "ç": "ch", "č": "ch", "ž": "zh", "ñ": "ng", "ń": "ng", "ı": "i",
    "ý": "u", "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "ħ": "h",
}  # fmt: skip
_CHAR_MAP = {**_CYRILLIC, **_ARABIC, **_LATIN_SPECIAL}

_REWRITES = [
    (re.compile(r"y"), "i"),
    (re.compile(r"shch|sch"), "sh"),
    (re.compile(r"tch"), "ch"),
    (re.compile(r"dzh|dj|zh"), "j"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"gh"), "g"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"ts"), "c"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"ck|q"), "k"),
    (re.compile(r"w"), "v"),
    (re.compile(r"(?<=[aeiou])j(?![aeiou])"), "i"),
    (re.compile(r"ng"), "n"),
    (re.compile(r"(.)\1+"), r"\1"),
    (re.compile(r"(?<=[aeiou])i(?=[aeiou])"), ""),
    (re.compile(r"^ie"), "e"),
    (re.compile(r"(.)\1+"), r"\1"),
]
_DROP_CATEGORIES = {"Mn", "Mc", "Me", "Lm", "Sk", "Cf"}


_HAN_CLASS = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
_HAS_HAN = re.compile(f"[{_HAN_CLASS}]")
# A Han run, or a run of letters/digits of any other script (no underscore).
_RUN = re.compile(f"(?P<han>[{_HAN_CLASS}]+)|(?P<word>[^\\W_{_HAN_CLASS}]+)")
_WORD = re.compile(r"[^\W_]+")


def _combining_table() -> dict[int, None]:
    """Combining marks left over after NFKC composition (tie bars, dots, harakat): removed."""
    planes = [*range(0x0300, 0x2000), *range(0x20D0, 0x2100), *range(0x3099, 0x309B), *range(0xFE00, 0xFE30)]
    return {cp: None for cp in planes if unicodedata.category(chr(cp)) in ("Mn", "Mc", "Me")}


_COMBINING = _combining_table()


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def exact(word: str) -> str:
    """Casefolded word without diacritics, in its own script (ranking key)."""
    out = []
    for ch in unicodedata.normalize("NFKD", word):
        if unicodedata.category(ch) in _DROP_CATEGORIES:
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))[:MAX_TOKEN_CHARS]


@lru_cache(maxsize=131072)
def skeleton(word: str) -> str:
    """The coarse Latin key a word in any supported script reduces to (see module docstring)."""
    out = []
    for ch in word:
        mapped = _CHAR_MAP.get(ch)
        if mapped is not None:
            out.append(mapped)
            continue
        if ch.isascii():
            out.append(ch)
            continue
        if unicodedata.category(ch) == "Nd":
            out.append(str(unicodedata.digit(ch)))
            continue
        for part in unicodedata.normalize("NFKD", ch):
            mapped = _CHAR_MAP.get(part)
            if mapped is not None:
                out.append(mapped)
            elif unicodedata.category(part) not in _DROP_CATEGORIES:
                out.append(part)
    s = "".join(out)
    if not s:
        return ""
    # Mixed with an unsupported script: rewrite only the Latin stretches.
    s = _rewrite(s) if s.isascii() else re.sub(r"[a-z0-9]+", lambda m: _rewrite(m.group(0)), s)
    return s[:MAX_TOKEN_CHARS]


def _rewrite(s: str) -> str:
    for _round in range(5):
        before = s
        for pattern, repl in _REWRITES:
            s = pattern.sub(repl, s)
        if s == before:
            break
    return s


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold().translate(_COMBINING)
    if _HAS_HAN.search(text):
        text = _t2s().convert(text)
    return text


@dataclass
class Run:
    han: bool
    text: str


def runs(text: str) -> list[Run]:
    """Han runs and word runs of the cleaned text, in order. Everything else separates."""
    return [Run(m.lastgroup == "han", m.group()) for m in _RUN.finditer(_clean(text))]


@lru_cache(maxsize=1)
def _pinyin_table() -> dict[int, tuple[str, ...]]:
    from pypinyin.pinyin_dict import pinyin_dict

    return pinyin_dict


@lru_cache(maxsize=65536)
def char_pinyin(ch: str) -> tuple[str, ...]:
    """Toneless pinyin readings of one character (at most two, most common first)."""
    value = _pinyin_table().get(ord(ch))
    if not value:
        return ()
    readings = list(dict.fromkeys(exact(r).replace("ü", "u") for r in value.split(",")))
    return tuple(r for r in readings[:2] if r.isascii() and r.isalpha())


def pinyin_syllables(run: str) -> tuple[str, ...]:
    """Most common toneless reading of each character (characters without one are skipped)."""
    return tuple(r[0] for r in map(char_pinyin, run) if r)


def _pinyin_keys(run: str) -> list[str]:
    """Skeletons of adjacent syllable pairs, every reading combination of a polyphonic pair
    (so 重庆 is found as chongqing and zhongqing); a lone character gives its syllables."""
    readings = [r for r in map(char_pinyin, run) if r]
    if len(readings) == 1:
        return [skeleton(r) for r in readings[0]]
    keys = []
    for first, second in zip(readings, readings[1:], strict=False):
        keys += [skeleton(a + b) for a in first for b in second]
    return keys


def _han_keys(run: str) -> list[str]:
    keys = list(run)
    keys += [a + b for a, b in zip(run, run[1:], strict=False)]
    return keys


@dataclass(frozen=True)
class Keys:
    """What the index stores for one text: match keys, exact words, the phrase key, word forms."""

    match: tuple[str, ...] = ()  # skeletons + Han keys + pinyin keys
    exact: tuple[str, ...] = ()  # exact folded words and Han runs
    phrase: str = ""  # skeletons and Han runs joined by spaces: "exact title" comparisons
    stems: tuple[str, ...] = ()  # stem keys (stemming.py) of words whose stem differs from them


@lru_cache(maxsize=131072)
def _word(word: str) -> tuple[str, str]:
    """Skeleton and exact form of a word as written."""
    folded = word.casefold()[:MAX_TOKEN_CHARS]
    return skeleton(folded), exact(folded)


@lru_cache(maxsize=131072)
def word_stems(word: str) -> tuple[str, ...]:
    """Stem keys of a casefolded word that differ from its own key ("q" + its skeleton)."""
    skel = skeleton(word[:MAX_TOKEN_CHARS])
    own = STEM_MARK + skel
    return tuple(s for s in stems(word[:MAX_TOKEN_CHARS], skel) if s != own)


# Sentence ends: a capitalised word right after one is not taken for a name.
_SENTENCE_END = re.compile(r"[.!?…:;\n«\"“„(\[]")


def _stem_of(word: str, separator: str, first: bool, caseless: bool) -> tuple[str, ...]:
    """Stem keys of a word as written, unless it looks like a name: capitalised and neither the
    first word nor the first of a sentence (decision 022). In an all-capitals text case says
    nothing, so every word is stemmed."""
    if not caseless and word[:1].isupper() and not first and not _SENTENCE_END.search(separator):
        return ()
    return _written_stems(word)


@lru_cache(maxsize=16384)
def _han(run: str, pinyin: bool) -> tuple[str, ...]:
    keys: list[str] = []
    for i in range(0, len(run), 200):
        chunk = run[i : i + 200]
        keys += _han_keys(chunk)
        if pinyin:
            keys += _pinyin_keys(chunk)
    return tuple(keys)


def text_keys(text: str, *, pinyin: bool = True, stem: bool = False) -> Keys:
    """Keys of a text. `pinyin=False` leaves out pinyin keys of Han runs (used for body text:
    people search titles and names by pinyin, and the index stays smaller and faster).
    `stem=True` adds word-form keys (titles and body text; never names of people).
    Short texts are cached: names of people and places repeat across many records."""
    if len(text) <= 200:
        return _short_text_keys(text, pinyin, stem)
    return _text_keys(text, pinyin, stem)


@lru_cache(maxsize=65536)
def _short_text_keys(text: str, pinyin: bool, stem: bool) -> Keys:
    return _text_keys(text, pinyin, stem)


def _text_keys(text: str, pinyin: bool, stem: bool) -> Keys:
    text = unicodedata.normalize("NFKC", text or "").translate(_COMBINING)
    if not _HAS_HAN.search(text):  # the common case, kept to list comprehensions for speed
        words = _WORD.findall(text)
        pairs = [_word(w) for w in words]
        match = tuple(sk for sk, _ex in pairs if sk)
        stems = _stems(text, words) if stem else ()
        return Keys(match, tuple(ex for _sk, ex in pairs if ex), " ".join(match), stems)
    match: list[str] = []
    exacts: list[str] = []
    phrase: list[str] = []
    stem_keys: list[str] = []
    caseless = text == text.upper()
    end = 0
    text = _t2s().convert(text)
    for m in _RUN.finditer(text):
        han, word = m.group("han"), m.group("word")
        if han:
            match += _han(han, pinyin)
            exacts.append(han[:MAX_TOKEN_CHARS])
            phrase.append(han[:MAX_TOKEN_CHARS])
        else:
            skel, ex = _word(word)
            if skel:
                match.append(skel)
                phrase.append(skel)
                if stem:
                    stem_keys += _stem_of(word, text[end : m.start()], end == 0, caseless)
            if ex:
                exacts.append(ex)
        end = m.end()
    return Keys(tuple(match), tuple(exacts), " ".join(phrase), tuple(dict.fromkeys(stem_keys)))


@lru_cache(maxsize=131072)
def _written_stems(word: str) -> tuple[str, ...]:
    return word_stems(word.casefold())


def _stems(text: str, words: list[str]) -> tuple[str, ...]:
    """Stem keys of a text without Han characters, in first-seen order. Without a capitalised
    word after the first (the common case in body text) no word can be a name: one cached
    lookup a word; else each capitalised word's preceding separator is read."""
    if not any(w[:1].isupper() for w in words[1:]) or text == text.upper():
        return tuple(dict.fromkeys(chain.from_iterable(map(_written_stems, words))))
    found: list[str] = []
    end = 0
    for m in _WORD.finditer(text):
        found += _stem_of(m.group(), text[end : m.start()], end == 0, False)
        end = m.end()
    return tuple(dict.fromkeys(found))


def keys(text: str) -> list[str]:
    """Match keys of a text, deduplicated in first-seen order."""
    return list(dict.fromkeys(text_keys(text).match))


def phrase(text: str) -> str:
    return text_keys(text).phrase


# --- queries ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    """One query word: a record matches it if it has any of `terms` (or a term starting with
    `prefix`). `exact` is the word's exact form, used to rank same-script matches higher."""

    terms: tuple[str, ...]
    exact: str = ""
    prefix: str = ""
    fuzzy_source: str = ""  # skeleton that may be widened by one edit (filled by the index)
    stems: tuple[str, ...] = ()  # other forms of the word: its stem keys and its bare stem


@dataclass(frozen=True)
class Reading:
    """One way to read the query: a record matches if it matches every group."""

    groups: tuple[Group, ...]


@dataclass(frozen=True)
class ParsedQuery:
    readings: tuple[Reading, ...]
    phrase: str
    # A Han run of three or more characters: Chinese is written without spaces, so its bigrams
    # include ones across the boundary of two words ("哈萨克语课程" has 语课), which an entry
    # holding both words apart lacks (decision 022).
    unsegmented: bool = False

    def __bool__(self) -> bool:
        return bool(self.readings)


@lru_cache(maxsize=1)
def syllable_inventory() -> frozenset[str]:
    from pypinyin.pinyin_dict import pinyin_dict

    found = set()
    for value in pinyin_dict.values():
        for reading in value.split(","):
            folded = exact(reading)
            if folded.isascii() and folded.isalpha():
                found.add(folded)
    found.discard("")
    return frozenset(found)


def segment_pinyin(word: str) -> tuple[str, ...] | None:
    """Split an ASCII word into pinyin syllables (fewest syllables), or None if impossible."""
    if not word or not word.isascii() or not word.isalpha() or len(word) > 60:
        return None
    inventory = syllable_inventory()
    n = len(word)
    best: list[tuple[str, ...] | None] = [None] * (n + 1)
    best[0] = ()
    for i in range(n):
        if best[i] is None:
            continue
        for j in range(i + 1, min(n, i + 6) + 1):
            piece = word[i:j]
            if piece in inventory:
                candidate = best[i] + (piece,)
                if best[j] is None or len(candidate) < len(best[j]):
                    best[j] = candidate
    return best[n]


def parse_query(q: str, *, prefix_last: bool = True) -> ParsedQuery:
    """The readings of a query. Never raises; caps length and the number of words."""
    if not isinstance(q, str):
        q = str(q or "")
    q = q[:MAX_QUERY_CHARS]
    plain: list[Group] = []
    han_pinyin: list[Group] = []
    has_han = unsegmented = False
    latin_words: list[str] = []
    other_for_pinyin: list[Group] = []
    not_cyrillic: list[Group] = []  # what a Palladius reading keeps beside the syllables
    not_han: list[Group] = []  # what the hanzi-as-pinyin reading keeps beside the syllables
    query_runs = runs(q)
    for index, run in enumerate(query_runs):
        if run.han:
            has_han = True
            text = run.text[: MAX_QUERY_GROUPS + 1]
            unsegmented = unsegmented or len(text) >= 3
            if len(text) == 1:
                han_groups = [Group(terms=(text,), exact=text)]
            else:
                han_groups = [Group(terms=(a + b,), exact=text) for a, b in zip(text, text[1:], strict=False)]
            plain += han_groups
            other_for_pinyin += han_groups
            not_cyrillic += han_groups
            readings = [r for r in map(char_pinyin, text) if r]
            if len(readings) == 1:
                han_pinyin.append(Group(terms=tuple(dict.fromkeys(skeleton(r) for r in readings[0]))))
            for first, second in zip(readings, readings[1:], strict=False):
                pair = tuple(dict.fromkeys(skeleton(a + b) for a in first for b in second))
                han_pinyin.append(Group(terms=pair))
            continue
        word = run.text[:MAX_TOKEN_CHARS]
        skel = skeleton(word)
        if not skel:
            continue
        is_last = index == len(query_runs) - 1
        use_prefix = prefix_last and is_last and len(skel) >= 4 and skel.isascii() and skel.isalnum()
        fuzzy = skel if len(skel) >= 5 and skel.isascii() and skel.isalpha() else ""
        group = Group(
            terms=(skel,),
            exact=exact(word),
            prefix=skel if use_prefix else "",
            fuzzy_source=fuzzy,
            stems=query_stems(word, skel),
        )
        plain.append(group)
        not_han.append(group)
        ex = exact(word)
        if ex.isascii() and ex.isalpha():
            latin_words.append(ex)
        else:
            other_for_pinyin.append(group)
        if not _IS_CYRILLIC.fullmatch(ex):
            not_cyrillic.append(group)
    readings = []
    if plain:
        readings.append(Reading(tuple(plain[:MAX_QUERY_GROUPS])))
    if has_han and han_pinyin and not latin_words:
        readings.append(Reading(tuple((han_pinyin + not_han)[:MAX_QUERY_GROUPS])))
    if latin_words:
        syllables = segment_pinyin("".join(latin_words))
        if syllables and len(syllables) >= 2:
            groups = [Group(terms=(skeleton(a + b),)) for a, b in zip(syllables, syllables[1:], strict=False)]
            reading = Reading(tuple((groups + other_for_pinyin)[:MAX_QUERY_GROUPS]))
            if reading not in readings:
                readings.append(reading)
    if latin_words:
        _add_syllable_reading(readings, read_wade_giles(" ".join(_LATIN_TEXT.findall(q))), other_for_pinyin)
    if len(not_cyrillic) < len(plain):
        _add_syllable_reading(readings, read_palladius(q), not_cyrillic)
    return ParsedQuery(readings=tuple(readings), phrase=phrase(q), unsegmented=unsegmented)


def query_stems(word: str, skel: str) -> tuple[str, ...]:
    """Word-form terms of a query word: its stem key ("q" + stem skeleton, which indexed forms of
    the same stem carry) and the bare stem itself (an indexed word that is that stem)."""
    found = stems(word, skel)
    bare = [s[len(STEM_MARK) :] for s in found]
    return tuple(dict.fromkeys(t for t in (*found, *bare) if t and t != skel))


# Latin letters with the apostrophes and hyphens Wade-Giles writes inside a name ("Ch'ien", "Tse-tung").
_LATIN_TEXT = re.compile(r"[A-Za-zÜüÄäĀāÉéÈèÊê'’‘ʼʻ`´-]+")
_IS_CYRILLIC = re.compile(r"[\u0400-\u04ff-]+")


def _add_syllable_reading(readings: list[Reading], syllables, others: list[Group]) -> None:
    """A reading of Chinese syllables written in another system (romanizations.py): adjacent
    syllables meet the pinyin pair keys of Han runs, the query's other words stay as they are."""
    if not syllables or len(syllables) < 2:
        return
    groups = [
        Group(terms=tuple(sorted({skeleton(a + b) for a in first for b in second})))
        for first, second in zip(syllables, syllables[1:], strict=False)
    ]
    reading = Reading(tuple((groups + others)[:MAX_QUERY_GROUPS]))
    if reading not in readings:
        readings.append(reading)
