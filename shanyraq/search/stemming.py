"""Word forms: the stem key that lets «Қара сөз» find «Қара сөздер» (decision 022).

Pure and cached, like the normalizer that calls it. A word gets a few stems (usually one or
two), chosen by its script (the language of a single word cannot be known, so the script decides):

- Cyrillic with a Kazakh letter (ә ғ қ ң ө ұ ү һ і), Arabic script, or Latin with a letter of
  the Kazakh Latin alphabets (ä ö ü ğ ı ş ñ á ó ú ǵ ń ý, or q): Kazakh suffix rules below.
- Other Cyrillic: Snowball Russian (PyStemmer), and the Kazakh rules too (Kazakh words such as
  «жырлары» or «балалар» have no Kazakh letter).
- Other Latin (ASCII): English plurals only (Harman's S-stemmer: -ies → -y, -es → -e, -s → ∅,
  not after -us/-ss and the like). Snowball English also conflates derived words (opening →
  open, general → gener), which made different words meet; plurals are what visitors vary.
  Plain ASCII words do not get the Kazakh rules: too many English words end in what looks like
  a Kazakh suffix (winter, order, ruler).

Kazakh rules work on the skeleton (normalizer.skeleton), the coarse Latin spelling that every
Kazakh script reduces to, so Cyrillic, both Latin alphabets and the Arabic script share one set
of rules: сөздерінде, sözderinde, sózderinde → sozderinde → soz. A suffix chain is stripped from
the end: one case ending, then one possessive ending, then one plural ending, each only
- after the sounds Kazakh allows it after (the -лар/-дар/-тар family follows vowels and р,
  voiced consonants, voiceless consonants respectively; likewise for the case endings);
- when the stem keeps a vowel and at least two letters (three before a one-letter ending);
- with vowel harmony where the skeleton still shows it: a back ending (with a) never follows a
  stem whose last vowel is e (е/э are front; ә/а, ө/о, ү/ұ, і/ы share a skeleton letter, so the
  rest of harmony is not visible there);
- never off a word ending in -stan (Қазақстан is not Қазақс + ablative -тан), and never an
  ending in i off a word written with a final й (Абай is not Аба + ы: both are i in the skeleton).
Where a reading is ambiguous both stems are kept: possessive -сы after a vowel or -ы after a
root in с (атасы, айтысы), and a stem whose final m, n or t merged with the ending's first
letter when the skeleton collapsed the doubled letter (өлеңнің → olenin: оле or өлең).

The stem key is "q" + the stem's skeleton. The skeleton never contains q (q→k), so a stem key
never equals a word key: an exact word form and a word form of the same stem stay apart, and
the scoring ranks the exact form higher.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

STEM_MARK = "q"

_VOWELS = frozenset("aeiou")
_VOICELESS = frozenset("kpstfhc")  # ch, sh end in h in the skeleton; ts is c
_VOICED = frozenset("bvgdjzlmnr")

_KAZAKH_CYRILLIC = re.compile("[әғқңөұүһі]")
_KAZAKH_LATIN = re.compile("[äöüğışñáóúǵńýq]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_ARABIC = re.compile("[\u0600-\u06ff]")


def _after(stem: str, allowed: str) -> bool:
    """Does the stem end in a sound this ending may follow? V vowel (й and у count: they are i
    and u in the skeleton), R the letter r, D voiced consonant, T voiceless consonant, I i,
    N a nasal (м н ң: ң is n in the skeleton)."""
    last = stem[-1]
    return (
        ("V" in allowed and last in _VOWELS)
        or ("N" in allowed and last in "mn")
        or ("R" in allowed and last == "r")
        or ("D" in allowed and last in _VOICED and last != "r")
        or ("T" in allowed and last in _VOICELESS)
        or ("I" in allowed and last == "i")
    )


# (ending, what it may follow), longest first within each class.
_CASE = [
    ("menen", "VDTR"), ("ndagi", "I"), ("ndegi", "I"), ("dagi", "VDR"), ("degi", "VDR"),
    ("tagi", "T"), ("tegi", "T"), ("nin", "VN"), ("din", "DRI"), ("tin", "T"),
    ("dan", "VDR"), ("den", "VDR"), ("tan", "T"), ("ten", "T"), ("nan", "IN"), ("nen", "IN"),
    ("nda", "I"), ("nde", "I"), ("men", "VDR"), ("ben", "D"), ("pen", "T"),
    ("ga", "VDR"), ("ge", "VDR"), ("ka", "T"), ("ke", "T"), ("na", "I"), ("ne", "I"),
    ("ni", "V"), ("di", "DRI"), ("ti", "T"),
    ("da", "VDR"), ("de", "VDR"), ("ta", "T"), ("te", "T"), ("n", "I"),
]  # fmt: skip
_POSSESSIVE = [
    ("imiz", "DTR"), ("miz", "V"), ("iniz", "DTR"), ("niz", "V"), ("si", "V"), ("im", "DTR"), ("i", "DTR"),
]  # fmt: skip
_PLURAL = [("lar", "VR"), ("ler", "VR"), ("dar", "D"), ("der", "D"), ("tar", "T"), ("ter", "T")]


def _strip(word: str, endings: list[tuple[str, str]], final_i_is_root: bool = False) -> list[str]:
    """The word without the first ending that fits, else the word itself. Possessive -сы/-сі
    after a vowel and -ы/-і after a root ending in с cannot be told apart (атасы: ата + сы,
    айтысы: айтыс + ы): both readings are returned."""
    found: list[str] = []
    for ending, allowed in endings:
        if not word.endswith(ending) or (final_i_is_root and ending.endswith("i")):
            continue
        cut = word[: -len(ending)]
        # A stem ending in the ending's first consonant may have lost it: doubled letters
        # collapse in the skeleton (аттар → atar, адаммен → adamen, өлеңнің → olenin). For the
        # endings where that happens (first letter m, n, t) both readings are kept.
        for stem in (cut, cut + ending[0]) if ending[0] in "mnt" else (cut,):
            if len(stem) < (3 if len(ending) == 1 else 2) or not _VOWELS.intersection(stem):
                continue
            if not _after(stem, allowed) and not (ending == "i" and found and stem.endswith("s")):
                continue
            if "a" in ending and [v for v in stem if v in _VOWELS][-1] == "e":
                continue  # a back ending after a front stem: not a suffix
            found.append(stem)
        if found and ending != "si":
            break
    return found or [word]


@lru_cache(maxsize=65536)
def kazakh_stems(skeleton: str, final_i_is_root: bool = False) -> tuple[str, ...]:
    """Stems of a Kazakh word's skeleton: case, possessive and plural endings stripped (usually
    one; two where a possessive ending is ambiguous). `final_i_is_root`: the word ends in й,
    which the skeleton writes i like the endings ы/і (Абай is no Аба + ы)."""
    if len(skeleton) < 4 or not skeleton.isascii() or not skeleton.isalpha() or skeleton.endswith("stan"):
        return (skeleton,)
    stems: list[str] = []
    for word in _strip(skeleton, _CASE, final_i_is_root):
        for possessed in _strip(word, _POSSESSIVE, final_i_is_root and word == skeleton):
            stems += _strip(possessed, _PLURAL)
    return tuple(dict.fromkeys(stems))


def english_plural(word: str) -> str:
    """Singular of an English plural (Harman 1991, "How effective is suffixing?")."""
    if word.endswith("ies") and not word.endswith(("eies", "aies")) and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("es") and not word.endswith(("aes", "ees", "oes")) and len(word) > 3:
        return word[:-1]
    if word.endswith("s") and not word.endswith(("us", "ss", "is")) and len(word) > 3:
        return word[:-1]
    return word


@cache
def _snowball(language: str):
    import Stemmer

    return Stemmer.Stemmer(language, 0)  # the cache here is ours (lru_cache on stems)


@lru_cache(maxsize=131072)
def stems(word: str, skeleton: str) -> tuple[str, ...]:
    """Stem keys of one casefolded word (with its skeleton): empty when no rule applies."""
    from shanyraq.search.normalizer import skeleton as skeleton_of

    if len(word) < 2 or not skeleton or any(c.isdigit() for c in word):
        return ()
    found: list[str] = []
    if _CYRILLIC.search(word):
        if not _KAZAKH_CYRILLIC.search(word):
            found.append(skeleton_of(_snowball("russian").stemWord(word.replace("ё", "е"))))
        found += kazakh_stems(skeleton, word.endswith("й"))
    elif _ARABIC.search(word) or _KAZAKH_LATIN.search(word):
        found += kazakh_stems(skeleton, word.endswith(("ي", "ى", "ی")))
    elif word.isascii() and word.isalpha():
        found.append(skeleton_of(english_plural(word)))
    return tuple(dict.fromkeys(STEM_MARK + s for s in found if s))
