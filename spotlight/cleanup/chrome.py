"""Cleanup stage: platform UI chrome, page furniture after the article, image placeholders,
and the title repeated in the body.

The phrases live in :mod:`spotlight.cleanup.tables`; this module only compiles and applies
them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .blocks import Blocks, flatten, match_key, original_span, pattern_from_phrase
from .records import Record, found, removed
from .speakers import is_person_name
from .tables import CHROME_LINES, IMAGE_PLACEHOLDERS, PAGE_END_MARKERS, PAGE_HEADER_LINES, READING_TIME_PATTERNS

STAGE = "chrome"


@lru_cache(maxsize=1)
def _chrome_keys() -> dict[str, tuple[str, str]]:
    keys: dict[str, tuple[str, str]] = {}
    for platform, languages in CHROME_LINES.items():
        for language, phrases in languages.items():
            for phrase in phrases:
                keys.setdefault(match_key(phrase), (platform, language))
    return keys


@lru_cache(maxsize=1)
def _placeholder_keys() -> frozenset[str]:
    return frozenset(match_key(p) for phrases in IMAGE_PLACEHOLDERS.values() for p in phrases)


@dataclass(frozen=True)
class _Marker:
    pattern: re.Pattern[str]
    platform: str
    language: str
    has_name: bool
    # The longest fixed part of the phrase: a line that matches holds it, and a line that
    # does not is not tried (the lazy placeholders make a try cost microseconds).
    needle: str

    def match(self, key: str) -> re.Match[str] | None:
        """The pattern's match of ``key`` (a :func:`match_key`)."""
        return self.pattern.match(key) if self.needle in key else None


@lru_cache(maxsize=1)
def _end_markers() -> tuple[_Marker, ...]:
    markers = []
    for platform, languages in PAGE_END_MARKERS.items():
        for language, phrases in languages.items():
            for phrase in phrases:
                needle = max(re.split(r"\{name\}|\{date\}|\{any\}", match_key(phrase)), key=len)
                markers.append(_Marker(pattern_from_phrase(phrase), platform, language, "{name}" in phrase, needle))
    # Most specific first: "المزيد من المقالات بقلم {name}" before "المزيد من {name}".
    markers.sort(key=lambda m: -len(re.sub(r"\(\?P<\w+>\.\+\?\)|\.\*\?", "", m.pattern.pattern)))
    return tuple(markers)


def chrome_phrase(line: str) -> tuple[str, str] | None:
    """(platform, language) when ``line`` is exactly a platform's UI phrase."""
    return _chrome_keys().get(match_key(line))


# Reaction and response counts ("64", "1.2K", "·"): a line of nothing but these.
_COUNTER = re.compile(r"^[\d.,\s·•|/\-–—]*[\d·•][\d.,\s·•|/\-–—]*[KkMm]?$")


def is_counter(line: str) -> bool:
    """A line holding only a count or a separator.

    >>> is_counter("64"), is_counter("1.2K"), is_counter("·"), is_counter("2024 was good")
    (True, True, True, False)
    """
    text = line.strip()
    return 0 < len(text) <= 12 and bool(_COUNTER.match(text))


@lru_cache(maxsize=1)
def _reading_time() -> tuple[re.Pattern[str], ...]:
    return tuple(pattern_from_phrase(p) for phrases in READING_TIME_PATTERNS.values() for p in phrases)


def is_reading_time(line: str) -> bool:
    """"5 min read" and its translations."""
    key = match_key(line)
    return len(key) <= 40 and any(p.match(key) for p in _reading_time())


def is_image_placeholder(line: str) -> bool:
    return match_key(line) in _placeholder_keys()


@lru_cache(maxsize=1)
def _end_index() -> tuple[dict[str, str], tuple[_Marker, ...]]:
    """Exact page-end phrases by key, and the few patterns with a placeholder."""
    exact: dict[str, str] = {}
    for platform, languages in PAGE_END_MARKERS.items():
        for phrases in languages.values():
            for phrase in phrases:
                if "{" in phrase:
                    continue
                exact.setdefault(match_key(phrase), platform)
    patterns = tuple(m for m in _end_markers() if m.has_name or "{any}" in m.pattern.pattern or ".*?" in m.pattern.pattern)
    return exact, patterns


def page_end_marker(line: str) -> str | None:
    """The platform whose page furniture ``line`` is ("More articles by …"), or None."""
    if len(line) > 160:
        return None
    key = match_key(line)
    exact, patterns = _end_index()
    if key in exact:
        return exact[key]
    for marker in patterns:
        if marker.needle in key and marker.pattern.match(key):  # (_Marker.match, without the call: 40 % of this function)
            return marker.platform
    return None


def strip_image_placeholders(blocks: Blocks) -> tuple[Blocks, list[Record]]:
    """Remove lines such as "No alt text provided for this image"."""
    keys = _placeholder_keys()
    records: list[Record] = []
    out: Blocks = []
    for lines in blocks:
        kept = []
        for line in lines:
            if match_key(line) in keys:
                records.append(removed(STAGE, "image placeholder", line))
            else:
                kept.append(line)
        if kept:
            out.append(kept)
    return out, records


def strip_chrome_lines(blocks: Blocks, *, start_block: int = 0) -> tuple[Blocks, list[Record]]:
    """Remove lines that are exactly a platform's UI phrase ("Reply", "回复", "Like")."""
    keys = _chrome_keys()
    records: list[Record] = []
    out: Blocks = []
    for b, lines in enumerate(blocks):
        kept = []
        for line in lines:
            hit = keys.get(match_key(line)) if b >= start_block else None
            if hit:
                records.append(removed(STAGE, "platform UI chrome", line, platform=hit[0], language=hit[1]))
            else:
                kept.append(line)
        if kept:
            out.append(kept)
    return out, records


@dataclass(frozen=True)
class PageEnd:
    """Where the article stops and the page's furniture begins."""

    block: int
    line: int
    marker: str
    byline: str | None


def find_page_end(blocks: Blocks, *, after_block: int = 0) -> tuple[PageEnd | None, list[Record]]:
    """The first page-furniture line ("To view or add a comment, sign in", "More articles
    by …") at or after ``after_block``; a "more articles by NAME" line also names the author."""
    first: PageEnd | None = None
    byline: str | None = None
    records: list[Record] = []
    exact, patterns = _end_index()
    for line in flatten(blocks):
        if line.block < after_block or len(line.text) > 160:
            continue
        key = match_key(line.text)
        hit = key in exact
        for marker in () if hit else patterns:
            m = marker.match(key)
            if not m:
                continue
            if marker.has_name:
                name = original_span(line.text, key, *m.span("name"))
                if not is_person_name(name):
                    continue
                records.append(found(STAGE, "author named by the page", name, line=line.text, platform=marker.platform))
                byline = byline or name
            hit = True
            break
        if hit and first is None:
            first = PageEnd(line.block, line.index, line.text, None)
    if first is not None:
        first = PageEnd(first.block, first.line, first.marker, byline)
    return first, records


def cut_at(blocks: Blocks, block: int, line: int, reason: str) -> tuple[Blocks, list[Record]]:
    """Drop everything from (block, line) to the end, recording each block removed."""
    records: list[Record] = []
    head = blocks[:block]
    tail_first = blocks[block][:line]
    dropped = [blocks[block][line:]] + blocks[block + 1 :]
    for lines in dropped:
        if lines:
            records.append(removed(STAGE, reason, "\n".join(lines)))
    if tail_first:
        head = head + [tail_first]
    return head, records


@lru_cache(maxsize=1)
def _header_keys() -> frozenset[str]:
    return frozenset(match_key(p) for phrases in PAGE_HEADER_LINES.values() for p in phrases)


def strip_page_header(blocks: Blocks) -> tuple[Blocks, list[Record]]:
    """Remove the lines a copied page starts with before the title (skip link, the
    platform's name, navigation, sign-in buttons): only at the very top."""
    keys = _header_keys()
    records: list[Record] = []
    out = [list(lines) for lines in blocks]
    while out and out[0]:
        line = out[0][0]
        if match_key(line) not in keys and chrome_phrase(line) is None:
            break
        records.append(removed(STAGE, "page header before the title", line))
        out[0].pop(0)
        if not out[0]:
            out.pop(0)
    return out, records


def strip_repeated_title(blocks: Blocks, title: str) -> tuple[Blocks, list[Record]]:
    """Remove paragraphs that only repeat the title."""
    key = match_key(title)
    records: list[Record] = []
    out: Blocks = []
    for lines in blocks:
        if match_key(" ".join(lines)) == key:
            records.append(removed("title", "title repeated in the body", "\n".join(lines)))
        else:
            out.append(lines)
    return out, records
