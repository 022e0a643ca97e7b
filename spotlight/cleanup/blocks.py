"""The shape every text stage works on: a document as blocks (paragraphs) of lines.

Scraped text separates paragraphs with blank lines but often glues UI lines together
("Reply" on the line before the next commenter's name), so stages that look at UI chrome
work line by line, and stages that look at prose work block by block.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from dataclasses import dataclass

_BLANK_RUN = re.compile(r"\n[ \t\u00a0]*\n+")


@dataclass(frozen=True)
class Line:
    """A line and where it sits: block number and line number inside the block."""

    block: int
    index: int
    text: str


Blocks = list[list[str]]


def split_blocks(text: str, *, keep_trailing_space: bool = False) -> Blocks:
    """Split text into blocks of non-empty lines (stripped unless ``keep_trailing_space``:
    in Markdown, indentation and the two-space line break are meaningful).

    >>> split_blocks("a\\nb\\n\\n\\nc\\n")
    [['a', 'b'], ['c']]
    """
    blocks = []
    for chunk in _BLANK_RUN.split(text.strip("\n")):
        # Scraped text: spaces around a line mean nothing. Markdown keeps them (indented lists,
        # the two-space line break).
        lines = [line if keep_trailing_space else line.strip() for line in chunk.split("\n") if line.strip()]
        if lines:
            blocks.append(lines)
    return blocks


def join_blocks(blocks: Blocks) -> str:
    """The inverse of :func:`split_blocks`."""
    return "\n\n".join("\n".join(lines) for lines in blocks if lines)


def drop_lines(blocks: Blocks, gone: set[tuple[int, int]]) -> Blocks:
    """``blocks`` without the lines at (block, line) positions in ``gone``; emptied blocks go.

    >>> drop_lines([["a", "b"], ["c"]], {(0, 1), (1, 0)})
    [['a']]
    """
    out: Blocks = []
    for b, lines in enumerate(blocks):
        kept = [text for i, text in enumerate(lines) if (b, i) not in gone]
        if kept:
            out.append(kept)
    return out


def flatten(blocks: Blocks) -> list[Line]:
    """Every line of the document, in order, with its position."""
    return [Line(b, i, text) for b, lines in enumerate(blocks) for i, text in enumerate(lines)]


def block_text(lines: list[str]) -> str:
    return "\n".join(lines)


@lru_cache(maxsize=8192)
def match_key(text: str) -> str:
    """The form phrases are compared in: NFKC, case-folded, single spaces, no trailing dots.

    >>> match_key("  要查看或添加评论，请登录 ")
    '要查看或添加评论,请登录'
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = " ".join(text.split())
    return text.rstrip(" .…:")


_PLACEHOLDERS = {"{name}": r"(?P<name>.+?)", "{date}": r"(?P<date>.+?)", "{any}": r".*?"}


@lru_cache(maxsize=2048)
def pattern_from_phrase(phrase: str) -> re.Pattern[str]:
    """A table phrase ("More articles by {name}") as a regex over :func:`match_key` text.

    >>> pattern_from_phrase("Published {date}").match(match_key("Published May 1, 2023")).group("date")
    'may 1, 2023'
    """
    key = match_key(phrase)
    parts = re.split(r"(\{name\}|\{date\}|\{any\})", key)
    body = "".join(_PLACEHOLDERS.get(part, re.escape(part)) for part in parts)
    return re.compile(rf"^{body}$")


def any_of_patterns(patterns: "tuple[re.Pattern[str], ...] | list[re.Pattern[str]]") -> re.Pattern[str]:
    """One pattern that matches where any of ``patterns`` (from :func:`pattern_from_phrase`)
    matches: a gate that tries them all in one call, before they are tried one by one."""
    bodies = [re.sub(r"\(\?P<\w+>", "(?:", p.pattern) for p in patterns]
    return re.compile("|".join(f"(?:{b})" for b in bodies) or r"(?!)")


def original_span(original: str, key: str, start: int, end: int) -> str:
    """The text of ``original`` at a span found in its :func:`match_key` form, with its capitals.

    Case folding and NFKC usually keep lengths; when they did not, the key's span is returned
    title-cased.
    """
    stripped = " ".join(original.split())
    if len(stripped) >= end and match_key(stripped[start:end]) == key[start:end]:
        return stripped[start:end].strip()
    return key[start:end].strip().title()


# A Markdown link or image; its text holds no bracket, so a run of "[" is read in linear time.
MD_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^)]*\)")
# Chinese, Japanese and Korean letters: their words are not set off by spaces.
CJK = re.compile(r"[\u3040-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def cjk_chars(text: str) -> int:
    """How many Chinese, Japanese or Korean letters ``text`` holds.

    >>> cjk_chars("王小明さん, 김민지 and Ada")
    8
    """
    return len(CJK.findall(text))


_QUOTE_MARKERS = re.compile(r"^\s*(?:>\s*)+")
_EMPHASIS = re.compile(r"(?<!\w)[*_]|[*_](?!\w)")


@lru_cache(maxsize=8192)
def plain_line(line: str) -> str:
    """A Markdown line as plain text for matching: links become their text, emphasis and
    quote markers and trailing separators go.

    >>> plain_line("*[Dashiell Park](https://x.example/u/1) ·*")
    'Dashiell Park'
    """
    text = MD_LINK.sub(r"\1", line)
    text = _QUOTE_MARKERS.sub("", text)
    text = text.replace("**", "").replace("__", "")
    text = _EMPHASIS.sub("", text)
    return text.strip().strip("·•|—–-").strip()
