"""Cleanup stage: promotional boilerplate.

Two kinds: a block repeated within one article (the newsletter pitch pasted at the top and
again at the bottom), and calls to action at the article's edges ("If you enjoyed this
article…"). The author's social handles found in a removed call to action go into metadata.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .blocks import Blocks, match_key, plain_line
from .chrome import code_lines, is_counter, is_reaction_count
from .records import Record, found, removed
from .tables import CALL_TO_ACTION_ASK_ENDINGS, CALL_TO_ACTION_ASKS, CALLS_TO_ACTION

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
    """Whether a paragraph opens like a call to action or newsletter pitch, or is a short
    paragraph that only asks the reader to share, like, subscribe or follow.

    >>> is_call_to_action("Thanks for reading! Subscribe for more."), is_call_to_action("Thanks, Ada.")
    (True, False)
    >>> is_call_to_action("¿Te gustó? Compártelo."), is_call_to_action("We share our tools with other teams.")
    (True, False)
    """
    key = match_key(plain_line(text))
    return key.startswith(_cta_openings()) or asks_reader(text)


# A call to action is short: a longer paragraph is the article, whatever it asks.
_MAX_ASK_CHARS = 300
_MAX_LEAD_IN_WORDS = 8
# Sentences end at . ! ? and their full-width forms; "¿…?" and "¡…!" stay whole.
_SENTENCE_END = re.compile(r"(?<=[.!?。！？؟।])\s+|(?<=[。！？])")
_SENTENCE_MARKS = " .!?。！？؟।"
_CLAUSE_START = re.compile(r"^[\s¿¡\"“‘'«(—–-]+")


@lru_cache(maxsize=1)
def _asks() -> tuple[tuple[str, ...], tuple[str, ...]]:
    starts = tuple(sorted({match_key(p) for phrases in CALL_TO_ACTION_ASKS.values() for p in phrases}, key=len, reverse=True))
    endings = tuple(sorted({match_key(p) for phrases in CALL_TO_ACTION_ASK_ENDINGS.values() for p in phrases}, key=len, reverse=True))
    return starts, endings


def _is_ask(sentence: str) -> bool:
    """A sentence that asks the reader to act: it opens with an ask ("Share it…", "Compártelo")
    or, in languages that put the verb last, closes with one ("シェアしてください")."""
    starts, endings = _asks()
    key = _CLAUSE_START.sub("", match_key(sentence)).rstrip(_SENTENCE_MARKS)
    for phrase in starts:
        # A whole word: "subscribe" opens "Subscribe now", not "Subscribers know" (Chinese
        # writes no spaces between words).
        if not key.startswith(phrase):
            continue
        if len(key) == len(phrase) or not key[len(phrase)].isalnum() or not phrase[-1].isalnum() or ord(phrase[-1]) >= 0x2E80:
            return True
    return key.endswith(endings)


def _is_lead_in(sentence: str) -> bool:
    """A short question or exclamation that leads into an ask: "Enjoyed this?", "¿Te gustó?",
    "Thanks for reading!"."""
    key = match_key(sentence)
    if key.startswith(_cta_openings()):
        return True
    short = len(key.split()) <= _MAX_LEAD_IN_WORDS and len(key) <= 60
    return short and key.rstrip().endswith(("?", "？", "!", "！", "؟"))


def asks_reader(text: str) -> bool:
    """Whether ``text`` is a short paragraph made only of asks (share, like, subscribe,
    follow, sign up) and their lead-ins, with at least one ask.

    >>> asks_reader("Enjoyed this? Share it with someone who would like it.")
    True
    >>> asks_reader("Share what you learn. It pays back."), asks_reader("We share our tools.")
    (False, False)
    """
    plain = " ".join(plain_line(line) for line in text.split("\n")).strip()
    if not plain or len(plain) > _MAX_ASK_CHARS:
        return False
    sentences = [s for s in _SENTENCE_END.split(plain) if s.strip()]
    asks = [s for s in sentences if _is_ask(s)]
    return bool(asks) and all(s in asks or _is_lead_in(s) for s in sentences)


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


_LINKISH = re.compile(
    r"\]\(|https?://|\bwww\.|\b[\w-]+\.(?:com|org|net|io|co|me|dev|app|blog|news|example)\b|(?<!\w)@[A-Za-z0-9_.]{2,}|[\w.+-]+@[\w-]+\.\w+",
    re.I,
)


# An image's address is no link the reader is sent to: a figure repeated is no promo.
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")


def _looks_like_promo(text: str) -> bool:
    """A block that asks the reader something or points them somewhere (a link, a URL, an
    @handle, an e-mail address): what a pasted promo is made of."""
    return is_call_to_action(text) or bool(_LINKISH.search(_IMAGE.sub("", text)))


def repeated_blocks(blocks: Blocks, protected: set[int], *, first_turn: int | None = None, last_turn: int | None = None) -> set[int]:
    """Indices of the copies of a block that occurs more than once and is a promo: it asks
    the reader to act or holds a link, URL, handle or e-mail, or it sits at both edges of
    the interview (above the first turn and below the last one). A repeated paragraph that
    is none of these (a line an interview says twice, a pull quote, a figure) stays, every
    copy."""
    code = code_lines(blocks, indented=False)
    keys = [match_key(" ".join(lines)) for lines in blocks]
    plain_lengths = [len(match_key(plain_line(" ".join(lines)))) for lines in blocks]
    copies: dict[str, list[int]] = {}
    for i, k in enumerate(keys):
        if plain_lengths[i] >= _MIN_REPEATED_CHARS and not any((i, n) in code for n in range(len(blocks[i]))):
            copies.setdefault(k, []).append(i)
    out: set[int] = set()
    for k, where in copies.items():
        if len(where) < 2:
            continue
        # The edges are known only around an interview's turns: an article may well open
        # and close on the same paragraph.
        at_both_edges = (
            first_turn is not None and last_turn is not None and where[0] < first_turn and where[-1] > last_turn
        )
        if at_both_edges or _looks_like_promo("\n".join(blocks[where[0]])):
            out.update(i for i in where if i not in protected)
    return out


def edge_calls_to_action(blocks: Blocks, first_turn: int | None, last_turn: int | None, skip: set[int]) -> set[int]:
    """Indices of call-to-action blocks at the article's top (before the first turn and before
    any other prose) and bottom (after the last turn, from the end backwards)."""
    def removable(i: int) -> bool:
        return is_call_to_action("\n".join(blocks[i])) or all(is_counter(line) or is_reaction_count(line) for line in blocks[i])

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
    first_turn = turn_blocks[0] if turn_blocks else None
    last_turn = turn_blocks[-1] if turn_blocks else None
    repeated = repeated_blocks(blocks, protected, first_turn=first_turn, last_turn=last_turn)
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
        elif i in edges and all(is_counter(line) or is_reaction_count(line) for line in lines):
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
