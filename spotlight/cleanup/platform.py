"""Cleanup stage: where an interview was first published, for the page's "First published on
LinkedIn, 14 June 2021" (the post's ``Source_name``).

Three witnesses, the surest first:
- the article's own address (``Source``, a saved page's canonical URL): a hosted platform's
  host names it ("linkedin.com" is LinkedIn, "*.substack.com" Substack);
- a saved page's own name for its site (``og:site_name``, ``application-name``);
- in a scrape with neither, the platform's furniture the cleanup removed, in any UI language:
  two lines of it at least, one of them printed by that platform alone ("要查看或添加评论，请登录"),
  and none printed by another platform alone. A line several platforms print ("Reply",
  "Share") names nothing by itself.
Self-hosted software (WordPress, Ghost) is no place of publication: its furniture names nothing.
"""

from __future__ import annotations

from collections import Counter

from ..sources import known_platform
from .chrome import platforms_of
from .records import Record, found

STAGE = "platform"

# The platforms an article is published *on* (their furniture says where it was), by the key
# the cleanup's tables use, with their names as they write them.
HOSTED = {"linkedin": "LinkedIn", "medium": "Medium", "substack": "Substack"}
_MAX_NAME = 80
# How many lines of one platform's furniture (and of no other) name it.
MIN_WITNESSES = 2


def furniture_platform(records: list[Record]) -> tuple[str | None, int]:
    """The hosted platform whose furniture the cleanup removed, and how many of its lines say
    so: at least :data:`MIN_WITNESSES` removed lines are furniture that platform prints, one of
    them printed by it alone, and no line is another platform's alone ("Share", which many
    print, names nothing by itself and contradicts nothing)."""
    claimed_by: Counter[str] = Counter()
    alone: Counter[str] = Counter()
    for record in records:
        if record.stage != "chrome" or record.kind != "removed":  # (a line that named the author is removed too: counted once)
            continue
        for line in (record.text or "").split("\n"):
            claims = platforms_of(line.strip())
            claimed_by.update(claims)
            if len(claims) == 1:
                alone.update(claims)
    specific = list(alone)
    if len(specific) != 1 or specific[0] not in HOSTED:
        return None, 0
    platform = specific[0]
    count = claimed_by[platform]
    return (HOSTED[platform], count) if count >= MIN_WITNESSES else (None, 0)


def recognise_platform(records: list[Record], *, source: str | None = None, site_name: str | None = None) -> tuple[str | None, list[Record]]:
    """Where the article was first published (see the module's docstring), and the record of
    how it was told; (None, []) when nothing says."""
    name = known_platform(source)
    if name:
        return name, [found(STAGE, "first published on", name, source="the article's address")]
    site = " ".join(str(site_name or "").split())
    if site and len(site) <= _MAX_NAME:
        return site, [found(STAGE, "first published on", site, source="the page's name for its site")]
    name, count = furniture_platform(records)
    if name:
        return name, [found(STAGE, "first published on", name, source=f"{count} lines of {name}'s page furniture")]
    return None, []
