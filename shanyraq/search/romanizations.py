"""Chinese written in other systems: Wade-Giles and Palladius Cyrillic, read back into pinyin.

A Russian reader writes 李白 as «Ли Бо» and 司马迁 as «Сыма Цянь» (the Palladius system, the
Russian and Kazakh usage for Chinese names); an older English catalogue writes them "Li Po" and
"Ssu-ma Ch'ien" (Wade-Giles, the library standard until 2000). Both systems spell every pinyin
syllable one published way. The tables here are built from pypinyin's own conversion tables for
those two systems (`Style.WADEGILES`, `Style.CYRILLIC`), applied to every syllable pypinyin knows,
and inverted: a written form gives the pinyin syllables it can stand for. Wade-Giles written
without its aspiration apostrophes (as most people type it) stands for both the aspirated and the
plain syllable ("chien" = jian or qian), and without umlauts "yu" also stands for yü.

A query word is then segmented into such forms (fewest syllables; "Сыма" = сы + ма,
"Tsetung" = tse + tung), and the syllables meet Han records through the pinyin pair keys the index
already stores. A handful of conventional names that follow no system (Пекин, Peking) are listed
with the syllables they stand for. Pure: no database, no Django.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

Syllables = tuple[frozenset[str], ...]

# Conventional names that are no transliteration, with the pinyin they stand for. Sources: the
# Russian and English exonyms in common use (Great Russian Encyclopedia and Wikipedia name lists).
CONVENTIONAL = {
    "пекин": ("bei", "jing"),
    "peking": ("bei", "jing"),
    "pekin": ("bei", "jing"),
    "нанкин": ("nan", "jing"),
    "nanking": ("nan", "jing"),
    "кантон": ("guang", "zhou"),
    "canton": ("guang", "zhou"),
    "amoy": ("xia", "men"),
    "сямынь": ("xia", "men"),
    "tientsin": ("tian", "jin"),
    "chungking": ("chong", "qing"),
    "конфуций": ("kong", "zi"),
    "confucius": ("kong", "zi"),
    "mencius": ("meng", "zi"),
    "лу синь": ("lu", "xun"),  # 鲁迅: the established Russian spelling, not Palladius (Лу Сюнь)
    "бейжің": ("bei", "jing"),  # Kazakh usage
    "шыңжаң": ("xin", "jiang"),  # Kazakh usage
    "sinkiang": ("xin", "jiang"),
}

_APOSTROPHES = re.compile(r"[’‘ʼʻ`´′]")
_WADE_WORD = re.compile(r"[a-zü]+(?:'[a-zü]+)*")
_CYRILLIC_WORD = re.compile(r"[а-яёәғқңөұүһі]+(?:-[а-яёәғқңөұүһі]+)*")
_MAX_SYLLABLE = 7


def pinyin_key(syllable: str) -> str:
    """The index's spelling of a syllable: toneless, ü as u (as `normalizer.char_pinyin`)."""
    return syllable.replace("ü", "u").replace("v", "u")


@lru_cache(maxsize=1)
def pinyin_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable pypinyin's character table uses, ü kept."""
    from pypinyin.contrib.tone_convert import to_normal
    from pypinyin.pinyin_dict import pinyin_dict

    found = set()
    for value in pinyin_dict.values():
        for reading in value.split(","):
            syllable = to_normal(reading, v_to_u=True)
            if syllable and syllable.replace("ü", "u").isascii() and syllable.replace("ü", "u").isalpha():
                found.add(syllable)
    return frozenset(found)


def fold_wade_giles(text: str) -> str:
    """Lower case, one kind of apostrophe, ü kept (v is pypinyin's spelling of ü)."""
    text = unicodedata.normalize("NFC", _APOSTROPHES.sub("'", text.casefold()))
    return text.replace("v", "ü")


def fold_cyrillic(text: str) -> str:
    """Lower case, soft and hard signs dropped, э/ё as е, й as и: the letters people mix."""
    text = unicodedata.normalize("NFC", text.casefold())
    return text.translate(str.maketrans({"ь": None, "ъ": None, "э": "е", "ё": "е", "й": "и"}))


@lru_cache(maxsize=1)
def wade_giles_forms() -> dict[str, str]:
    """pinyin syllable -> its Wade-Giles form (apostrophes and umlauts kept)."""
    from pypinyin import Style
    from pypinyin.style import convert

    forms = {s: fold_wade_giles(convert(s, Style.WADEGILES, True)) for s in pinyin_syllables()}
    # pypinyin writes the -ai final after some initials as -ei (hai -> "hei", lai -> "lei", ai ->
    # "ei"), which would make Shanghai "Shang-hei"; Wade-Giles keeps -ai there (Shang-hai, Ts'ai).
    return {s: w[:-2] + "ai" if s.endswith("ai") and w.endswith("ei") else w for s, w in forms.items()}


@lru_cache(maxsize=1)
def palladius_forms() -> dict[str, str]:
    """pinyin syllable -> its Palladius Cyrillic form."""
    from pypinyin import Style
    from pypinyin.style import convert

    return {s: convert(s, Style.CYRILLIC, True).rstrip("012345") for s in pinyin_syllables()}


def _invert(forms: dict[str, str], variants) -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for syllable, form in forms.items():
        for variant in variants(form):
            if variant:
                table.setdefault(variant, set()).add(pinyin_key(syllable))
    return {form: frozenset(keys) for form, keys in table.items()}


def _wade_variants(form: str) -> set[str]:
    """As written, without apostrophes, without umlauts, without both (how people type it)."""
    bare = form.replace("'", "")
    out = {form, bare, form.replace("ü", "u"), bare.replace("ü", "u")}
    if form == "tzu" or form == "tz'u":  # 子/词: "tsu" and "szu" are common older spellings
        out |= {form.replace("tz", "ts")}
    if form == "ssu":
        out.add("szu")
    return out


@lru_cache(maxsize=1)
def wade_giles_table() -> dict[str, frozenset[str]]:
    """A written Wade-Giles syllable -> the pinyin syllables (index spelling) it stands for."""
    return _invert(wade_giles_forms(), _wade_variants)


@lru_cache(maxsize=1)
def palladius_table() -> dict[str, frozenset[str]]:
    """A written Palladius syllable (folded) -> the pinyin syllables (index spelling)."""
    return _invert(palladius_forms(), lambda form: {fold_cyrillic(form)})


def _segment(word: str, table: dict[str, frozenset[str]]) -> Syllables | None:
    """Split a word into written syllables of `table` (fewest pieces), or None."""
    n = len(word)
    if not n or n > 60:
        return None
    best: list[Syllables | None] = [None] * (n + 1)
    best[0] = ()
    for i in range(n):
        if best[i] is None:
            continue
        for j in range(i + 1, min(n, i + _MAX_SYLLABLE) + 1):
            piece = word[i:j]
            options = table.get(piece)
            if options is None:
                continue
            candidate = best[i] + (options,)
            if best[j] is None or len(candidate) < len(best[j]):
                best[j] = candidate
    return best[n]


@lru_cache(maxsize=1)
def _conventional_table() -> dict[str, tuple[str, ...]]:
    return {fold_cyrillic(fold_wade_giles(name)): syllables for name, syllables in CONVENTIONAL.items()}


def _conventional(word: str) -> Syllables | None:
    found = _conventional_table().get(word)
    return tuple(frozenset({s}) for s in found) if found else None


def _read(words: list[str], table: dict[str, frozenset[str]]) -> Syllables | None:
    """Syllables of words that are all conventional names or syllable sequences, else None."""
    if not words:
        return None
    whole = _conventional(" ".join(words))
    if whole:
        return whole
    out: list[frozenset[str]] = []
    for word in words:
        found = _conventional(word) or _segment(word, table)
        if found is None and "'" in word:  # an apostrophe typed where Wade-Giles has none
            found = _segment(word.replace("'", ""), table)
        if found is None:
            return None
        out += found
    return tuple(out)


def read_wade_giles(text: str) -> Syllables | None:
    """The pinyin syllables of a text written in Wade-Giles, or None when any word is not.

    Hyphenated given names ("Tse-tung") are read as separate syllables; apostrophes stay inside."""
    return _read(_WADE_WORD.findall(fold_wade_giles(text).replace("-", " ")), wade_giles_table())


def read_palladius(text: str) -> Syllables | None:
    """The pinyin syllables of a text in Palladius Cyrillic, or None when any word is not."""
    words = [w for part in _CYRILLIC_WORD.findall(fold_cyrillic(text)) for w in part.split("-")]
    return _read(words, palladius_table())
