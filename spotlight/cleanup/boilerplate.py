"""Cleanup stage: promotional boilerplate.

Two kinds: a block repeated within one article (the newsletter pitch pasted at the top and
again at the bottom), and calls to action at the article's edges ("If you enjoyed this
article…"). The author's social handles found in a removed call to action go into metadata.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .blocks import Blocks, match_key, plain_line
from .chrome import is_counter
from .records import Record, found, removed
from .tables import CALLS_TO_ACTION

STAGE = "boilerplate"

_MIN_REPEATED_CHARS = 30

_HANDLE = re.compile(
    r"\b(?P<site>Twitter|X|Instagram|Medium|Threads|Mastodon|GitHub|TikTok|YouTube|Bluesky|Substack)\b"
    r"[^@\n]{0,12}?(?P<handle>@[A-Za-z0-9_.]{2,40}[A-Za-z0-9_])",
    re.I,
)


@lru_cache(maxsize=1)
def _cta_openings() -> tuple[str, ...]:
    return tuple(match_key(p) for phrases in CALLS_TO_ACTION.values() for p in phrases)


def is_call_to_action(text: str) -> bool:
    """Whether a paragraph opens like a call to action or newsletter pitch.

    >>> is_call_to_action("Thanks for reading! Subscribe for more."), is_call_to_action("Thanks, Ada.")
    (True, False)
    """
    key = match_key(plain_line(text))
    return key.startswith(_cta_openings())


def social_handles(text: str) -> dict[str, str]:
    """``{"twitter": "@name", …}`` from "Follow me on Twitter @name" style text.

    >>> social_handles("Follow me on Twitter @ada and on Instagram @ada_l.")
    {'twitter': '@ada', 'instagram': '@ada_l'}
    """
    out: dict[str, str] = {}
    for m in _HANDLE.finditer(text):
        site = m.group("site").lower()
        site = "twitter" if site == "x" else site
        out.setdefault(site, m.group("handle"))
    return out


def repeated_blocks(blocks: Blocks, protected: set[int]) -> set[int]:
    """Indices of blocks whose text occurs more than once (and is long enough to be a promo)."""
    keys = [match_key(" ".join(lines)) for lines in blocks]
    counts = Counter(k for k in keys if len(k) >= _MIN_REPEATED_CHARS)
    return {i for i, k in enumerate(keys) if counts.get(k, 0) > 1 and i not in protected}


def edge_calls_to_action(blocks: Blocks, first_turn: int | None, last_turn: int | None, skip: set[int]) -> set[int]:
    """Indices of call-to-action blocks at the article's top (before the first turn and before
    any other prose) and bottom (after the last turn, from the end backwards)."""
    def removable(i: int) -> bool:
        return is_call_to_action(" ".join(blocks[i])) or all(is_counter(line) for line in blocks[i])

    def run_from_edge(indices: range) -> set[int]:
        hits: set[int] = set()
        for i in indices:
            if i in skip:
                continue
            if not removable(i):
                break
            hits.add(i)
        return hits

    top = run_from_edge(range(first_turn if first_turn is not None else len(blocks)))
    bottom = run_from_edge(range(len(blocks) - 1, last_turn if last_turn is not None else -1, -1))
    return top | bottom


def strip_boilerplate(
    blocks: Blocks, *, turn_blocks: list[int], known: frozenset[str] = frozenset()
) -> tuple[Blocks, list[Record], dict[str, str]]:
    """Remove repeated promo blocks, edge calls to action and paragraphs ``known`` to recur
    across the author's imports; return the social handles found."""
    protected = set(turn_blocks)
    repeated = repeated_blocks(blocks, protected)
    first_turn = turn_blocks[0] if turn_blocks else None
    last_turn = turn_blocks[-1] if turn_blocks else None
    # Only at the article's edges: inside the interview, a recurring paragraph is content.
    outside = [i for i in range(len(blocks)) if (first_turn is None or i < first_turn) or (last_turn is not None and i > last_turn)]
    recurring = {i for i in outside if match_key(" ".join(blocks[i])) in known} - repeated
    edges = edge_calls_to_action(blocks, first_turn, last_turn, repeated | recurring)
    records: list[Record] = []
    handles: dict[str, str] = {}
    seen_repeats: set[str] = set()
    out: Blocks = []
    for i, lines in enumerate(blocks):
        text = "\n".join(lines)
        if i in repeated:
            key = match_key(text)
            if key not in seen_repeats:
                seen_repeats.add(key)
                count = sum(1 for j in repeated if match_key("\n".join(blocks[j])) == key)
                records.append(removed(STAGE, "promo block repeated in the article", text, occurrences=count))
            handles.update({k: v for k, v in social_handles(text).items() if k not in handles})
        elif i in recurring:
            records.append(removed(STAGE, "paragraph recurring across the author's imports", text))
            handles.update({k: v for k, v in social_handles(text).items() if k not in handles})
        elif i in edges and all(is_counter(line) for line in lines):
            records.append(removed(STAGE, "reaction or response count", text))
        elif i in edges:
            records.append(removed(STAGE, "call to action", text))
            handles.update({k: v for k, v in social_handles(text).items() if k not in handles})
        else:
            out.append(lines)
    for site, handle in handles.items():
        records.append(found(STAGE, f"author's {site} handle", handle))
    return out, records, handles


def last_signoff_block(blocks: Blocks, *, after_block: int) -> int | None:
    """The last block after ``after_block`` that is a call to action or a repeated promo: the
    article's sign-off, after which only page furniture and comments follow."""
    repeated = repeated_blocks(blocks, set())
    last = None
    for i in range(after_block + 1, len(blocks)):
        if i in repeated or is_call_to_action(" ".join(blocks[i])):
            last = i
    return last
