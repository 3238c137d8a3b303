"""Read years as curators write them: "-500", "500 BCE", "5th century BC", "c. 1850", "公元前500年".

Pure functions (no Django) so the import and its tests stay fast. Years are signed integers,
BCE negative, with no year zero (1 BCE is -1).
"""

from __future__ import annotations

import re

BCE = r"(?:b\.?\s?c\.?\s?e?\.?|bce|до\s*н\.?\s*э\.?|б\.?\s*з\.?\s*б\.?|bc)"
CE = r"(?:a\.?\s?d\.?|c\.?\s?e\.?|н\.?\s*э\.?|б\.?\s*з\.?)"
_year = re.compile(
    rf"^(?:c(?:a)?\.?\s*|circa\s+|около\s+)?(?P<ad>{CE}\s*)?(?P<n>-?\d{{1,4}})\s*(?:г\.?|жыл\w*|年)?\s*(?P<bce>{BCE})?\s*(?P<ce>{CE})?$",
    re.I,
)
_cn = re.compile(r"^(?P<bce>公元前|前)?(?:公元)?(?P<n>\d{1,4})年?$")
_century = re.compile(
    rf"^(?P<n>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:century|c\.?|cent\.?)\s*(?P<bce>{BCE})?\s*(?:{CE})?$", re.I
)
_cn_century = re.compile(r"^(?P<bce>公元前|前)?(?P<n>\d{1,2})世纪$")


class YearError(ValueError):
    pass


def parse_years(text: str) -> tuple[int, int]:
    """Return (earliest, latest) for one written year or century; raise YearError otherwise."""
    value = (text or "").strip().replace("–", "-").replace("—", "-").replace("\u2212", "-")
    if not value:
        raise YearError("empty")
    if m := _year.match(value):
        n = int(m["n"])
        if m["bce"]:
            if n <= 0:
                raise YearError(value)
            n = -n
        if n == 0:
            raise YearError(value)
        return n, n
    if m := _cn.match(value):
        n = int(m["n"])
        if n == 0:
            raise YearError(value)
        return (-n, -n) if m["bce"] else (n, n)
    m = _century.match(value) or _cn_century.match(value)
    if m:
        c = int(m["n"])
        if c == 0:
            raise YearError(value)
        if m["bce"]:
            return -(c * 100), -(c * 100 - 99)
        return c * 100 - 99, c * 100
    raise YearError(value)


def display_year(year: int) -> str:
    return f"{-year} BCE" if year < 0 else str(year)
