"""Cleanup stage helper: dates as platforms print them, in the UI languages we support.

"2023-05-01", "May 1, 2023", "1 de mayo de 2023", "1er mai 2023", "1. Mai 2023",
"2023年5月1日", "2023년 5월 1일". Ambiguous numeric dates ("01/05/2023") are not guessed.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

from .tables import MONTH_NAMES

_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_CJK = re.compile(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?")
_MONTH_FIRST = re.compile(r"(?P<month>[^\W\d_][^\s\d,.]{2,}\.?)\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})")
_DAY_FIRST = re.compile(
    r"(?P<day>\d{1,2})(?:er|º|°|\.|-?го)?\s+(?:de\s+)?(?P<month>[^\W\d_][^\s\d,.]{2,}(?:\s[^\W\d_][^\s\d,.]+)?\.?)(?:,)?\s+(?:de\s+|del\s+)?(?P<year>\d{4})"
)


@lru_cache(maxsize=1)
def _months() -> dict[str, int]:
    names: dict[str, int] = {}
    for pairs in MONTH_NAMES.values():
        for name, number in pairs:
            names.setdefault(_month_key(name), number)
    return names


def _month_key(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold().rstrip(".")


def _month(name: str) -> int | None:
    key = _month_key(name)
    months = _months()
    if key in months:
        return months[key]
    if len(key) >= 3:
        candidates = {n for k, n in months.items() if k.startswith(key) or key.startswith(k) and len(k) >= 3}
        if len(candidates) == 1:
            return candidates.pop()
    return None


def _date(year: str, month: int | str | None, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day)) if month else None
    except (TypeError, ValueError):
        return None


def parse_date(text: str) -> dt.date | None:
    """The first date written in ``text``, or None.

    >>> parse_date("Published May 1, 2023"), parse_date("Publicado el 1 de mayo de 2023")
    (datetime.date(2023, 5, 1), datetime.date(2023, 5, 1))
    >>> parse_date("2023年5月1日に公開"), parse_date("on 01/05/2023")
    (datetime.date(2023, 5, 1), None)
    """
    for pattern in (_ISO, _CJK):
        m = pattern.search(text)
        if m:
            found = _date(m.group(1), m.group(2), m.group(3))
            if found:
                return found
    for pattern in (_MONTH_FIRST, _DAY_FIRST):
        for m in pattern.finditer(text):
            found = _date(m.group("year"), _month(m.group("month")), m.group("day"))
            if found:
                return found
    return None
