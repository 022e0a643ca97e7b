"""Cleanup stage: platform UI chrome, page furniture after the article, image placeholders,
and the title repeated in the body.

The phrases live in :mod:`spotlight.cleanup.tables`; this module only compiles and applies
them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .blocks import (
    CJK,
    MD_LINK,
    Blocks,
    any_of_patterns,
    cjk_chars,
    flatten,
    match_key,
    original_span,
    pattern_from_phrase,
    plain_line,
)
from .records import Record, found, removed
from .speakers import is_person_name
from .tables import (
    CHROME_LINES,
    FOLLOWER_COUNT_WORDS,
    IMAGE_PLACEHOLDERS,
    PAGE_END_MARKERS,
    PAGE_HEADER_LINES,
    REACTION_COUNT_WORDS,
    READING_TIME_PATTERNS,
)

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
    """The page-end phrases with a placeholder, as patterns (the others are matched by key)."""
    markers = []
    for platform, languages in PAGE_END_MARKERS.items():
        for language, phrases in languages.items():
            for phrase in phrases:
                if "{" not in phrase:
                    continue
                needle = max(re.split(r"\{name\}|\{date\}|\{any\}", match_key(phrase)), key=len)
                markers.append(_Marker(pattern_from_phrase(phrase), platform, language, "{name}" in phrase, needle))
    # Most specific first: "المزيد من المقالات بقلم {name}" before "المزيد من {name}".
    markers.sort(key=lambda m: -len(re.sub(r"\(\?P<\w+>\.\+\?\)|\.\*\?", "", m.pattern.pattern)))
    return tuple(markers)


@lru_cache(maxsize=1)
def _any_end_marker() -> re.Pattern[str]:
    """Where any of :func:`_end_markers` matches (one try for a line that is none)."""
    return any_of_patterns([m.pattern for m in _end_markers()])


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


# A number as platforms print counts: "128", "1,234", "1.234", "1.2K", "3 mil", "2,3 тыс."
# (\d also matches Arabic-Indic and Devanagari digits).
_COUNT = r"\d[\d.,\u00a0\u202f ]*(?:[KkMm万千]|mil|тыс\.?)?"
_COUNT_SEPARATORS = re.compile(r"\s*[·•|∙]\s*")


@lru_cache(maxsize=None)
def _count_pattern(kind: str) -> re.Pattern[str]:
    table = REACTION_COUNT_WORDS if kind == "reactions" else FOLLOWER_COUNT_WORDS
    nouns = sorted({match_key(w) for words in table.values() for w in words}, key=len, reverse=True)
    noun = "|".join(re.escape(n) for n in nouns)
    # "23 comments", "23条评论", and the noun first as Korean writes it ("댓글 12개").
    return re.compile(rf"^(?:{_COUNT}\s*(?:{noun})|(?:{noun})\s*{_COUNT}\s*개?)$")


def is_reaction_count(line: str) -> bool:
    """A line made only of reaction and comment counts ("23 Comments · 5 reposts").

    >>> is_reaction_count("23 Comments"), is_reaction_count("1.234 Reaktionen"), is_reaction_count("12 años")
    (True, True, False)
    """
    text = plain_line(line)
    if not text or len(text) > 80 or not any(ch.isdigit() for ch in text):
        return False
    pattern = _count_pattern("reactions")
    parts = [p for p in _COUNT_SEPARATORS.split(match_key(text)) if p]
    worded = [p for p in parts if pattern.match(p)]
    return bool(worded) and all(pattern.match(p) or is_counter(p) for p in parts)


def is_follower_count(text: str) -> bool:
    """A follower count ("3,400 followers", "1.2K abonnés")."""
    return bool(_count_pattern("followers").match(match_key(plain_line(text))))


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
    return exact, _end_markers()


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


@lru_cache(maxsize=1)
def _claims() -> dict[str, frozenset[str]]:
    """Every exact UI phrase and page-end phrase (as keys), with all the platforms that print it."""
    claims: dict[str, set[str]] = {}
    for table in (CHROME_LINES, PAGE_END_MARKERS):
        for platform, languages in table.items():
            for phrases in languages.values():
                for phrase in phrases:
                    if "{" not in phrase:
                        claims.setdefault(match_key(phrase), set()).add(platform)
    return {key: frozenset(platforms) for key, platforms in claims.items()}


def platforms_of(line: str) -> frozenset[str]:
    """Every platform whose UI or page furniture ``line`` is exactly ("Reply": several of them;
    "More articles by Ada Lovelace": LinkedIn), or none."""
    if len(line) > 160:
        return frozenset()
    key = match_key(marker_text(line))
    claimed = set(_claims().get(key, ()))
    if _any_end_marker().match(key):
        claimed.update(marker.platform for marker in _end_markers() if marker.match(key))
    return frozenset(claimed)


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
    """Remove lines that are exactly a platform's UI phrase ("Reply", "回复", "Like"), the
    reaction counts under a post ("23 Comments", "1.234 Reaktionen"), and a bare number
    ("128") that sits in a run of such lines: never inside code."""
    keys = _chrome_keys()
    code = code_lines(blocks)
    lines = [line for line in flatten(blocks) if line.block >= start_block and (line.block, line.index) not in code]
    kinds: dict[tuple[int, int], str] = {}
    for line in lines:
        if keys.get(match_key(line.text)):
            kinds[(line.block, line.index)] = "chrome"
        elif is_reaction_count(line.text):
            kinds[(line.block, line.index)] = "count"
    # A bare number is a count only beside the reaction row (before or after, through other
    # bare numbers): alone, "128" may be the article's.
    for direction in (lines, lines[::-1]):
        near_row = False
        for line in direction:
            pos = (line.block, line.index)
            if pos in kinds and kinds[pos] != "bare":
                near_row = True
            elif near_row and is_counter(line.text):
                kinds[pos] = "bare"
            else:
                near_row = False
    records: list[Record] = []
    out: Blocks = []
    for b, block in enumerate(blocks):
        kept = []
        for i, text in enumerate(block):
            kind = kinds.get((b, i))
            if kind == "chrome":
                platform, language = keys[match_key(text)]
                records.append(removed(STAGE, "platform UI chrome", text, platform=platform, language=language))
            elif kind is not None:
                records.append(removed(STAGE, "reaction or response count", text))
            else:
                kept.append(text)
        if kept:
            out.append(kept)
    return out, records


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def code_lines(blocks: Blocks, *, indented: bool = True) -> frozenset[tuple[int, int]]:
    """(block, line) of every line inside Markdown code: a fenced block (its fences
    included, across the blank lines that split it into blocks) and, with ``indented``,
    a line indented four spaces or a tab (an indented code block, or text inside a list
    item: neither is a line of its own)."""
    inside: set[tuple[int, int]] = set()
    fence: str | None = None
    for b, block in enumerate(blocks):
        for i, text in enumerate(block):
            m = _FENCE.match(text)
            if fence is not None:
                inside.add((b, i))
                if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not text.strip().strip(fence[0]):
                    fence = None
            elif m:
                inside.add((b, i))
                fence = m.group(1)
            elif indented and (text.startswith("    ") or text.startswith("\t")):
                inside.add((b, i))
    return frozenset(inside)


@dataclass(frozen=True)
class PageEnd:
    """Where the article stops and the page's furniture begins."""

    block: int
    line: int
    marker: str
    byline: str | None


_HEADING_MARK = re.compile(r"^\s{0,3}#{1,6}\s+")
# The article goes on after a marker when the prose after it (up to a comment thread) is at
# least this share of the prose before it, and at least _MIN_CONTINUATION words.
_CONTINUATION_SHARE = 0.25
_MIN_CONTINUATION = 40
_MIN_PROSE_WORDS = 12
_WORD = re.compile(r"\w+")


def marker_text(line: str) -> str:
    """A line as a marker is compared: Markdown emphasis, links and a heading's # go."""
    return plain_line(_HEADING_MARK.sub("", line))


def _word_weight(text: str) -> int:
    """Words of ``text``, counting two CJK characters as one word."""
    return len(_WORD.findall(CJK.sub(" ", text))) + cjk_chars(text) // 2


def _prose_words(lines: list[str]) -> int:
    """The words of a block when it reads as the article's prose: a paragraph of sentences,
    not a heading, a list of links, a caption or a button; 0 otherwise."""
    text = " ".join(line.strip() for line in lines)
    if not text or _HEADING_MARK.match(lines[0]) or re.match(r"^\s*(?:[-*+]|\d+[.)])\s", lines[0]):
        return 0
    total = _word_weight(plain_line(text))
    linked = sum(_word_weight(m.group(1)) for m in MD_LINK.finditer(text))
    if total < _MIN_PROSE_WORDS or linked * 2 > total:
        return 0
    return total if re.search(r"[.!?。！？:;\"”»)]\s*$", plain_line(text)) else 0


def _article_continues(blocks: Blocks, code: frozenset[tuple[int, int]], block: int, thread_block: int | None) -> bool:
    """Whether substantial prose follows ``block`` (up to the comment thread): then a marker
    there sits in a sidebar, a gallery or a box inside the article, not at its end."""
    def prose(indices: range) -> int:
        return sum(_prose_words(blocks[b]) for b in indices if not any((b, i) in code for i in range(len(blocks[b]))))

    stop = thread_block if thread_block is not None and thread_block > block else len(blocks)
    after = prose(range(block + 1, stop))
    before = prose(range(0, block))
    return after >= _MIN_CONTINUATION and after >= _CONTINUATION_SHARE * before


def find_page_end(
    blocks: Blocks, *, after_block: int = 0, thread_block: int | None = None, article_ends: bool = False
) -> tuple[PageEnd | None, list[Record]]:
    """The first page-furniture line ("To view or add a comment, sign in", "More articles
    by …") at or after ``after_block`` that ends the article; a "more articles by NAME" line
    also names the author.

    A marker ends the article only on a line of its own (not inside code) and when no
    substantial prose follows it before the comment thread that starts at ``thread_block``
    (a marker in a sidebar above the article or in a gallery inside it is passed over);
    ``article_ends``: the article is known to end at ``after_block`` (its last turn), so the
    first marker after it ends it whatever follows.
    """
    first: PageEnd | None = None
    byline: str | None = None
    records: list[Record] = []
    exact, patterns = _end_index()
    any_end = _any_end_marker()
    code = code_lines(blocks)
    for line in flatten(blocks):
        if line.block < after_block or len(line.text) > 160 or (line.block, line.index) in code:
            continue
        text = marker_text(line.text)
        key = match_key(text)
        hit = key in exact
        if not hit and not any_end.match(key):
            continue
        platform = exact.get(key)
        name: str | None = None
        for marker in () if hit else patterns:
            m = marker.match(key)
            if not m:
                continue
            if marker.has_name:
                name = original_span(text, key, *m.span("name"))
                if not is_person_name(name):
                    name = None
                    continue
            hit = True
            platform = marker.platform
            break
        if not hit:
            continue
        if first is None and not article_ends and _article_continues(blocks, code, line.block, thread_block):
            continue
        if name is not None:
            records.append(found(STAGE, "author named by the page", name, line=line.text, platform=platform))
            byline = byline or name
        if first is None:
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


# A scrape may glue the repeated title to what follows it (no blank line): near the top, a
# line that is the title alone is the title, in a block of its own or not.
_TITLE_LINE_BLOCKS = 3


def strip_repeated_title(blocks: Blocks, title: str) -> tuple[Blocks, list[Record]]:
    """Remove paragraphs that only repeat the title, and lines that do near the top.

    >>> strip_repeated_title([["Meet Ada", "Ada builds looms."], ["Text."], ["Meet Ada"]], "Meet Ada")[0]
    [['Ada builds looms.'], ['Text.']]
    """
    key = match_key(title)
    if not key:
        return blocks, []
    records: list[Record] = []
    out: Blocks = []
    for b, lines in enumerate(blocks):
        if match_key(" ".join(lines)) == key:
            records.append(removed("title", "title repeated in the body", "\n".join(lines)))
            continue
        if b < _TITLE_LINE_BLOCKS and len(lines) > 1:
            kept = [line for line in lines if match_key(line) != key]
            if len(kept) < len(lines):
                records.extend(removed("title", "title repeated in the body", line) for line in lines if match_key(line) == key)
                lines = kept
        if lines:
            out.append(lines)
    return out, records


