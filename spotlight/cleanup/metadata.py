"""Cleanup stage: the interview's metadata read from its title line.

"Employee Spotlight #2: Skylar Payne, Machine Learning Lead at HealthRhythms" gives the
series, its number, the interviewee, their role and their company. Nothing is invented:
a field that no pattern finds is left out and reported as missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from .records import Record, found, missing
from .speakers import is_person_name

STAGE = "metadata"

# "Series #2: rest", "Series No. 2 - rest", "Series 2: rest"
_SERIES = re.compile(r"^(?P<series>.+?)\s*(?:#|No\.?\s*|Nº\s*|Nr\.?\s*|n\.\s*)(?P<index>\d{1,5})\s*[:：\-–—|]\s*(?P<rest>.+)$", re.I)
_AT = r"(?:at|@|of|from|en|chez|bei|presso|na|no|в|في|के)"
# Each pattern reads the part after the series: person, role, company.
_PERSON_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"^(?:Q&A with|Q & A with|Interview with|An interview with|Meet|Spotlight on)\s+(?P<name>[^,:–—]+?)(?:\s*[,:–—]\s*(?P<role>.+?)(?:\s+{_AT}\s+(?P<company>.+))?)?$", re.I),
    re.compile(rf"^(?P<name>[^,:–—]+?)\s*,\s*(?P<role>.+?)\s+{_AT}\s+(?P<company>.+)$"),
    re.compile(r"^(?P<name>[^,:–—]+?)\s+[–—-]\s+(?P<role>[^,]+?)\s*,\s*(?P<company>.+)$"),
    re.compile(rf"^(?P<name>[^,:–—]+?)\s+[–—-]\s+(?P<role>.+?)\s+{_AT}\s+(?P<company>.+)$"),
    re.compile(r"^(?P<name>[^,:–—]+?)\s*,\s*(?P<role>[^,]+?)\s*,\s*(?P<company>[^,]+)$"),
    re.compile(r"^(?P<name>[^,:–—]+?)\s*,\s*(?P<role>.+)$"),
)


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
        role = (pm.groupdict().get("role") or "").strip()
        company = (pm.groupdict().get("company") or "").strip()
        facts.role = role or None
        facts.company = company.rstrip(".") or None
        break
    records = []
    for f in fields(facts):
        value = getattr(facts, f.name)
        if value is None:
            records.append(missing(STAGE, f"no {f.name.replace('_', ' ')} in the title", title=title))
        else:
            records.append(found(STAGE, f.name, str(value)))
    return facts, records
