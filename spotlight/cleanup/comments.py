"""Cleanup stage: the comment thread under an article.

A comment in scraped text has a header (the commenter's name, their headline, a relative
time such as "2 年" or "3h") and a body. The thread is found by its headers, after the
interview's last turn, and removed whole, spam or not; each comment is recorded with the
spam signals it showed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .blocks import Blocks, Line, flatten
from .records import Record, removed
from .tables import RELATIVE_TIMESTAMPS, SPAM_SIGNALS

STAGE = "comments"

_MAX_NAME = 80
_MAX_HEADLINE = 220


@lru_cache(maxsize=1)
def _timestamp_pattern() -> re.Pattern[str]:
    alternatives = [p for patterns in RELATIVE_TIMESTAMPS.values() for p in patterns]
    body = "|".join(f"(?:{p})" for p in alternatives)
    # A comment's clock may carry "(edited)" / "• Edited" after it.
    return re.compile(rf"^(?:{body})(?:\s*[•·(（].{{0,20}})?$", re.I)


@lru_cache(maxsize=1)
def _spam_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((name, re.compile(p, re.I)) for name, p in SPAM_SIGNALS.items())


def is_relative_timestamp(text: str) -> bool:
    """Whether a line holds only a relative time.

    >>> is_relative_timestamp("2 年"), is_relative_timestamp("il y a 2 ans"), is_relative_timestamp("2 years of work")
    (True, True, False)
    """
    key = " ".join(text.split())
    return len(key) <= 40 and bool(_timestamp_pattern().match(key))


def spam_signals(text: str) -> list[str]:
    """The names of the spam signals ``text`` shows (links, phone numbers, money, "DM me")."""
    return [name for name, pattern in _spam_patterns() if pattern.search(text)]


@dataclass
class Comment:
    name: str
    headline: str
    when: str
    text: list[str] = field(default_factory=list)

    def to_details(self) -> dict[str, object]:
        body = "\n".join(self.text)
        return {"name": self.name, "headline": self.headline, "when": self.when, "spam_signals": spam_signals(body)}


def _looks_like_header_line(text: str, limit: int) -> bool:
    return 0 < len(text) <= limit and not text.rstrip().endswith((".", "!", "?", "。", "！", "？"))


def find_thread_start(blocks: Blocks, *, after_block: int = 0) -> int | None:
    """Index (in :func:`flatten` order) of the first line of the comment thread, or None."""
    lines = flatten(blocks)
    for i, line in enumerate(lines):
        if line.block <= after_block or not is_relative_timestamp(line.text):
            continue
        # Name and headline sit on the two lines before the clock; some comments have no
        # headline, so accept a name alone.
        if i >= 2 and _looks_like_header_line(lines[i - 2].text, _MAX_NAME) and _looks_like_header_line(lines[i - 1].text, _MAX_HEADLINE):
            start = i - 2
        elif i >= 1 and _looks_like_header_line(lines[i - 1].text, _MAX_NAME):
            start = i - 1
        else:
            continue
        if lines[start].block <= after_block:
            continue
        return start
    return None


def split_comments(lines: list[Line]) -> list[Comment]:
    """Split the thread's lines into comments by their headers."""
    clocks = [i for i, line in enumerate(lines) if is_relative_timestamp(line.text)]
    comments: list[Comment] = []
    for n, i in enumerate(clocks):
        has_headline = i >= 2 and (not comments or i - 2 > clocks[n - 1])
        name = lines[i - 2].text if has_headline else (lines[i - 1].text if i >= 1 else "")
        headline = lines[i - 1].text if has_headline else ""
        nxt = clocks[n + 1] - 2 if n + 1 < len(clocks) else len(lines)
        body = [line.text for line in lines[i + 1 : max(nxt, i + 1)]]
        comments.append(Comment(name=name, headline=headline, when=lines[i].text, text=body))
    return comments


def strip_comment_thread(
    blocks: Blocks, *, after_block: int = 0, article_end_block: int | None = None, start: int | None = -1
) -> tuple[Blocks, list[Record]]:
    """Remove the comment thread (from its first header to the end of the document).

    ``article_end_block`` is the last block of the article's own sign-off (a call to action or
    a repeated promo) when one precedes the thread: whatever sits between it and the first
    comment header (reaction counts, a comment that lost its header) goes with the thread.
    ``start``: the thread's first line when the caller has found it already (None: no thread).
    """
    if start == -1:
        start = find_thread_start(blocks, after_block=after_block)
    if start is None:
        return blocks, []
    lines = flatten(blocks)
    first = lines[start]
    records: list[Record] = []
    cut_block, cut_line = first.block, first.index
    if article_end_block is not None and article_end_block < first.block:
        for lines_ in blocks[article_end_block + 1 : first.block]:
            records.append(removed(STAGE, "between the article's sign-off and the comment thread", "\n".join(lines_)))
        for line in blocks[first.block][: first.index]:
            records.append(removed(STAGE, "between the article's sign-off and the comment thread", line))
        cut_block, cut_line = article_end_block + 1, 0
    thread = lines[start:]
    for comment in split_comments(thread):
        details = comment.to_details()
        records.append(removed(STAGE, "comment", "\n".join([comment.name, comment.headline, comment.when, *comment.text]).strip(), **details))
    kept = blocks[:cut_block]
    if cut_line and cut_block < len(blocks):
        kept = kept + [blocks[cut_block][:cut_line]]
    return kept, records
