"""The shape every text stage works on: a document as blocks (paragraphs) of lines.

Scraped text separates paragraphs with blank lines but often glues UI lines together
("Reply" on the line before the next commenter's name), so stages that look at UI chrome
work line by line, and stages that look at prose work block by block.
"""

from __future__ import annotations

import re
import unicodedata
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
    """Split text into blocks of non-empty lines (right-stripped unless
    ``keep_trailing_space``: Markdown's two-space line break is meaningful).

    >>> split_blocks("a\\nb\\n\\n\\nc\\n")
    [['a', 'b'], ['c']]
    """
    blocks = []
    for chunk in _BLANK_RUN.split(text.strip("\n")):
        lines = [line if keep_trailing_space else line.rstrip() for line in chunk.split("\n") if line.strip()]
        if lines:
            blocks.append(lines)
    return blocks


def join_blocks(blocks: Blocks) -> str:
    """The inverse of :func:`split_blocks`."""
    return "\n\n".join("\n".join(lines) for lines in blocks if lines)


def flatten(blocks: Blocks) -> list[Line]:
    """Every line of the document, in order, with its position."""
    return [Line(b, i, text) for b, lines in enumerate(blocks) for i, text in enumerate(lines)]


def block_text(lines: list[str]) -> str:
    return "\n".join(lines)


def match_key(text: str) -> str:
    """The form phrases are compared in: NFKC, case-folded, single spaces, no trailing dots.

    >>> match_key("  要查看或添加评论，请登录 ")
    '要查看或添加评论,请登录'
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = " ".join(text.split())
    return text.rstrip(" .…:")
