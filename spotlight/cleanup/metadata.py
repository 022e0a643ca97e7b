"""Cleanup stage: the interview's metadata, read from its title line, bylines and
"Published …" lines.

"Employee Spotlight #2: Skylar Payne, Machine Learning Lead at HealthRhythms" gives the
series, its number, the interviewee, their role and their company. Nothing is invented:
a field that no pattern finds is left out and reported as missing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields
from functools import lru_cache

from .blocks import Blocks, Line, flatten, match_key, original_span, pattern_from_phrase, plain_line
from .chrome import chrome_phrase, is_counter, is_reading_time
from .dates import parse_date
from .records import Record, found, missing, removed
from .speakers import is_person_name
from .tables import BYLINE_BUTTONS, BYLINE_PATTERNS, PUBLICATION_PATTERNS, PUBLISHED_PATTERNS

STAGE = "metadata"

# "Series #2: rest", "Series No. 2 - rest", "Series 2: rest"
_SERIES = re.compile(r"^(?P<series>.+?)\s*(?:#|No\.?\s*|Nº\s*|Nr\.?\s*|n\.\s*)(?P<index>\d{1,5})\s*[:：\-–—|]\s*(?P<rest>.+)$", re.I)
_COMMA = r"[,、،，]"
# Each pattern reads the part after the series: the person, then the rest (role, company).
_PERSON_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^(?:Q&A with|Q & A with|Interview with|An interview with|In conversation with|Meet|Spotlight on)\s+(?P<name>[^,:–—、،，]+?)(?:\s*(?:[,:–—、،，]|\s-)\s*(?P<rest>.+))?$", re.I),
    re.compile(rf"^(?P<name>[^,:–—、،，]+?)\s*{_COMMA}\s*(?P<rest>.+)$"),
    re.compile(r"^(?P<name>[^,:–—、،，]+?)\s+[–—-]\s+(?P<rest>.+)$"),
)
# Words that join a role to a company, strongest first: "at" beats "of" in
# "Head of Support at Pebblecart".
_AT_WORDS: tuple[tuple[str, ...], ...] = (
    ("at", "@", "chez", "bei", "presso", "en", "na", "no", "в", "في", "में", "のスタッフ"),
    ("of", "from", "de", "da", "do", "di", "von", "del"),
)


def split_role_company(rest: str) -> tuple[str | None, str | None]:
    """Role and company from "Role at Company", "Role, Company" or "Role of Company".

    >>> split_role_company("Head of Support at Pebblecart"), split_role_company("Staff Engineer, Quillhaven")
    (('Head of Support', 'Pebblecart'), ('Staff Engineer', 'Quillhaven'))
    """
    rest = rest.strip().rstrip(".")
    for words in _AT_WORDS:
        pattern = r"\s+(?:" + "|".join(re.escape(w) for w in words) + r")\s+"
        parts = re.split(pattern, rest, flags=re.I)
        if len(parts) >= 2:
            last = list(re.finditer(pattern, rest, flags=re.I))[-1]
            role, company = rest[: last.start()].strip(), rest[last.end() :].strip()
            if role and company:
                return role, company
        if words[0] == "at":
            comma = list(re.finditer(rf"\s*{_COMMA}\s*", rest))
            if comma:
                role, company = rest[: comma[-1].start()].strip(), rest[comma[-1].end() :].strip()
                if role and company:
                    return role, company
    return (rest or None), None


@dataclass
class TitleFacts:
    """What a title says about the interview."""

    series: str | None = None
    series_index: int | None = None
    interviewee: str | None = None
    role: str | None = None
    company: str | None = None


def read_title(title: str) -> tuple[TitleFacts, list[Record]]:
    """Series, number, interviewee, role and company from a title line.

    >>> read_title("Employee Spotlight #2: Ada Lovelace, Lead Engineer at Analytical Engines")[0]
    TitleFacts(series='Employee Spotlight', series_index=2, interviewee='Ada Lovelace', role='Lead Engineer', company='Analytical Engines')
    """
    facts = TitleFacts()
    rest = title.strip()
    m = _SERIES.match(rest)
    if m and len(m.group("series")) <= 80:
        facts.series = m.group("series").strip(" -–—:|")
        facts.series_index = int(m.group("index"))
        rest = m.group("rest").strip()
    for pattern in _PERSON_PATTERNS:
        pm = pattern.match(rest)
        if not pm:
            continue
        name = pm.group("name").strip()
        if not is_person_name(name):
            continue
        facts.interviewee = name
        if pm.group("rest"):
            facts.role, facts.company = split_role_company(pm.group("rest"))
        break
    records = []
    for f in fields(facts):
        value = getattr(facts, f.name)
        if value is None:
            records.append(missing(STAGE, f"no {f.name.replace('_', ' ')} in the title", title=title))
        else:
            records.append(found(STAGE, f.name, str(value)))
    return facts, records


# --- Bylines and "Published …" lines ----------------------------------------------------


@dataclass
class Header:
    """What the lines above the interview say: who wrote it and when."""

    author: str | None = None
    date: dt.date | None = None


@lru_cache(maxsize=1)
def _byline_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(pattern_from_phrase(p) for phrases in BYLINE_PATTERNS.values() for p in phrases)


@lru_cache(maxsize=1)
def _published_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(pattern_from_phrase(p) for phrases in PUBLISHED_PATTERNS.values() for p in phrases)


@lru_cache(maxsize=1)
def _publication_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(pattern_from_phrase(p) for phrases in PUBLICATION_PATTERNS.values() for p in phrases)


def _is_publication_line(line: str) -> bool:
    key = match_key(plain_line(line))
    return len(key) <= 100 and any(p.match(key) for p in _publication_patterns())


def _byline(line: str) -> str | None:
    line = plain_line(line)
    key = match_key(line)
    for pattern in _byline_patterns():
        m = pattern.match(key)
        if m:
            name = original_span(line, key, *m.span("name"))
            if is_person_name(name):
                return name
    return None


def _published(line: str) -> dt.date | None:
    line = plain_line(line)
    key = match_key(line)
    if len(key) > 80:
        return None
    for pattern in _published_patterns():
        m = pattern.match(key)
        if m:
            found = parse_date(original_span(line, key, *m.span("date")))
            if found:
                return found
    return None


@lru_cache(maxsize=1)
def _byline_buttons() -> frozenset[str]:
    return frozenset(match_key(p) for phrases in BYLINE_BUTTONS.values() for p in phrases)


def _is_furniture(line: str) -> bool:
    """Reading time, a count, a separator or a button: lines a byline block carries around
    the date."""
    line = plain_line(line)
    return (
        not line
        or is_counter(line)
        or is_reading_time(line)
        or chrome_phrase(line) is not None
        or match_key(line) in _byline_buttons()
        or _is_publication_line(line)
    )


def _date_only(line: str) -> dt.date | None:
    """A line that is nothing but a date ("Mar 14, 2023", "2023年5月1日")."""
    text = line.strip()
    if len(text) > 30 or len(re.findall(r"[^\W\d_]", text)) > 12:
        return None
    return parse_date(text)


def _is_header_line(line: str) -> bool:
    return len(line) <= 100 and not line.rstrip().endswith((".", "!", "?", "。", "！", "？"))


def _near_header(lines: list[Line], n: int, drop: set[tuple[int, int]]) -> bool:
    """Whether line ``n`` sits next to a line already taken as byline furniture, or next to a
    date line: counts and reading times are only furniture there."""
    for m in (n - 1, n + 1, n + 2):
        if 0 <= m < len(lines):
            neighbour = lines[m]
            if (neighbour.block, neighbour.index) in drop or _date_only(neighbour.text) or _published(neighbour.text):
                return True
    return False


def read_header(blocks: Blocks, *, before_block: int, known_author: str | None = None) -> tuple[Blocks, list[Record], Header]:
    """Take byline and "Published …" lines from the blocks before ``before_block`` (the
    first turn): they become the Author and Date, and leave the body. The short lines just
    above a "Published" line (the author's name and headline, as LinkedIn prints them) go
    with it."""
    header = Header()
    records: list[Record] = []
    drop: set[tuple[int, int]] = set()
    lines = [line for line in flatten(blocks) if line.block < before_block]
    for n, line in enumerate(lines):
        name = _byline(line.text)
        is_author_line = known_author is not None and match_key(plain_line(line.text)) == match_key(known_author)
        if name or is_author_line:
            drop.add((line.block, line.index))
            records.append(found(STAGE, "author (byline)", name or known_author or "", line=line.text))
            header.author = header.author or name or known_author
            # The author's headline ("Features Editor at …") and byline furniture follow.
            for nxt in lines[n + 1 : n + 4]:
                if _is_furniture(nxt.text) or (_is_header_line(nxt.text) and (nxt.block, nxt.index) == (lines[n + 1].block, lines[n + 1].index)):
                    drop.add((nxt.block, nxt.index))
                    records.append(removed(STAGE, "byline furniture", nxt.text))
                else:
                    break
            continue
        if _is_furniture(line.text) and (_near_header(lines, n, drop)):
            drop.add((line.block, line.index))
            continue
        date = _published(line.text) or _date_only(line.text)
        if date is None:
            continue
        drop.add((line.block, line.index))
        records.append(found(STAGE, "date (published line)", date.isoformat(), line=line.text))
        header.date = header.date or date
        above = []
        for prev in reversed(lines[max(0, n - 4) : n]):
            if not _is_header_line(prev.text):
                break
            above.append(prev)
        people = [p for p in above if is_person_name(p.text) and (p.block, p.index) not in drop]
        if people:
            for prev in above:
                if (prev.block, prev.index) not in drop:
                    drop.add((prev.block, prev.index))
                    records.append(removed(STAGE, "author line above the publication date", prev.text))
            header.author = header.author or people[-1].text.strip()
        for nxt in lines[n + 1 : n + 4]:
            if not _is_furniture(nxt.text):
                break
            drop.add((nxt.block, nxt.index))
    if not drop:
        return blocks, records, header
    out: Blocks = []
    for b, block in enumerate(blocks):
        kept = [text for i, text in enumerate(block) if (b, i) not in drop]
        if kept:
            out.append(kept)
    for b, i in sorted(drop):
        if not any(r.kind == "removed" and r.text == blocks[b][i] for r in records):
            records.append(removed(STAGE, "byline or publication line", blocks[b][i]))
    return out, records, header
