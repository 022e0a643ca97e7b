"""The cleanup stages in order, one configuration switch each, and the report.

``clean_scrape`` takes scraped plain text (the title on its first line) and returns the
interview's metadata and its Markdown body; ``clean_markdown`` takes a post body that is
already Markdown and touches only junk. Both record every change.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from . import boilerplate, chrome, comments, encoding
from .blocks import Blocks, flatten, join_blocks, split_blocks
from .metadata import Header, read_author_card, read_header, read_title
from .dates import parse_date
from .language import recognise_language
from .platform import recognise_platform
from .records import Record, removed
from .speakers import speaker_block_indices, write_turns


class CleanupConfig(NamedTuple):
    """Which stages run. Every stage is on by default."""

    strip_invisible: bool = True  # control, zero-width and bidi characters; CRLF -> LF
    fix_mojibake: bool = True  # ftfy, keeping curly quotes
    repair_lost_spaces: bool = True  # "Subscribe?to" -> "Subscribe to" (gated per document)
    normalize_nfc: bool = True
    strip_repeated_title: bool = True
    strip_page_end: bool = True  # "To view or add a comment, sign in", "More articles by…"
    strip_comments: bool = True  # the comment thread under the article
    strip_chrome: bool = True  # "Reply", "Like", "回复"…
    strip_image_placeholders: bool = True  # "No alt text provided for this image"
    strip_boilerplate: bool = True  # repeated promo blocks and edge calls to action
    read_header: bool = True  # byline ("By …") and "Published …" lines -> Author, Date
    detect_speakers: bool = True  # "Name:" labels -> "**Full Name:**" turns


DEFAULT_CONFIG = CleanupConfig()


@dataclass
class Cleaned:
    """What the cleanup recovered: metadata (post field → value), the body, the records."""

    metadata: dict[str, str] = field(default_factory=dict)
    body: str = ""
    records: list[Record] = field(default_factory=list)
    turn_count: int = 0

    def summary(self) -> str:
        """One line for the terminal: what was removed and fixed, grouped by reason."""
        return summarize(self.records)


def summarize(records: list[Record]) -> str:
    """"removed 9 comments, 6 chrome lines; fixed 13 encoding sites" style summary."""
    removed_counts: Counter[str] = Counter()
    fixed_counts: Counter[str] = Counter()
    for r in records:
        if r.kind == "removed":
            removed_counts[_NOUNS.get(r.reason, r.reason)] += 1
        elif r.kind == "fixed":
            fixed_counts[_NOUNS.get(r.reason, r.reason)] += 1
    parts = []
    if removed_counts:
        parts.append("removed " + ", ".join(f"{n} {reason}" for reason, n in removed_counts.most_common()))
    if fixed_counts:
        parts.append("fixed " + ", ".join(f"{n} {reason}" for reason, n in fixed_counts.most_common()))
    return "; ".join(parts) or "nothing to clean"


_NOUNS = {
    "comment": "comment(s)",
    "platform UI chrome": "UI chrome line(s)",
    "image placeholder": "image placeholder(s)",
    "promo block repeated in the article": "repeated promo block(s)",
    "call to action": "call(s) to action",
    "title repeated in the body": "repeated title(s)",
    "page furniture after the article": "page furniture block(s)",
    "between the article's sign-off and the comment thread": "block(s) between sign-off and comments",
    "lost non-breaking space shown as '?'": "lost-space '?' line(s)",
    "mojibake": "mojibake line(s)",
    "speaker label normalized to the full name": "speaker label(s)",
    "name-labelled paragraphs inside a turn kept as a list, not speakers": "name list(s) kept inside a turn",
}


def fix_encoding(text: str, config: CleanupConfig = DEFAULT_CONFIG, *, markdown: bool = False) -> tuple[str, list[Record]]:
    """The character-level stages, in order (``markdown``: keep character references)."""
    records: list[Record] = []
    # Mojibake first: browser-style Windows-1252 mojibake keeps bytes such as 0x9D as C1
    # control characters ("â€\x9d" for "”"), which ftfy needs to see before they go. Removing
    # a control character can in turn expose mojibake that it hid ("\x8dÎ‘" -> "Î‘"), and one
    # ftfy pass can leave text that a second pass changes again, so the two run until neither
    # changes anything: cleaning our own output must change nothing.
    character_stages = (
        (config.fix_mojibake, functools.partial(encoding.fix_mojibake, markdown=markdown)),
        (config.strip_invisible, encoding.strip_invisible_characters),
    )
    for _ in range(4):
        before = text
        for enabled, stage in character_stages:
            if enabled:
                text, recs = stage(text)
                records.extend(recs)
        if text == before:
            break
    for enabled, stage in (
        (config.repair_lost_spaces, encoding.repair_lost_spaces),
        (config.normalize_nfc, encoding.normalize_nfc),
    ):
        if enabled:
            text, recs = stage(text)
            records.extend(recs)
    return text, records


class _TurnBlocks:
    """:func:`speaker_block_indices`, remembered for one input: the stages ask it again of
    blocks that often did not change in between."""

    def __init__(self) -> None:
        self._seen: dict[tuple[object, ...], list[int]] = {}

    def __call__(self, blocks: Blocks, interviewer: str | None, interviewee: str | None) -> list[int]:
        key = (interviewer, interviewee, tuple(tuple(block) for block in blocks))
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = speaker_block_indices(blocks, interviewer, interviewee)
        return list(found)


def _strip_junk_blocks(
    blocks: Blocks,
    config: CleanupConfig,
    *,
    interviewer: str | None,
    interviewee: str | None,
    known_boilerplate: frozenset[str] = frozenset(),
    turn_blocks: _TurnBlocks | None = None,
) -> tuple[Blocks, list[Record], dict[str, str], str | None]:
    """The block-level removals, shared by scrapes and Markdown. Returns the blocks, the
    records, social handles found, and the author named by the page (if any)."""
    records: list[Record] = []
    byline: str | None = None
    turns = (turn_blocks or speaker_block_indices)(blocks, interviewer, interviewee)
    floor = turns[-1] if turns else len(blocks) // 3

    thread_after = floor if turns else -1
    thread_line = comments.find_thread_start(blocks, after_block=thread_after)
    if config.strip_page_end:
        # Prose in a comment thread is not the article going on after a page-end marker.
        thread_block = flatten(blocks)[thread_line].block if thread_line is not None else None
        end, recs = chrome.find_page_end(blocks, after_block=floor, thread_block=thread_block, article_ends=bool(turns))
        records.extend(recs)
        if end is not None:
            byline = end.byline
            blocks, recs = chrome.cut_at(blocks, end.block, end.line, "page furniture after the article")
            records.extend(recs)
            thread_line = comments.find_thread_start(blocks, after_block=thread_after)  # the blocks changed

    if config.strip_comments:
        signoff = None
        if thread_line is not None:
            thread_block = flatten(blocks)[thread_line].block
            signoff = boilerplate.last_signoff_block(blocks[:thread_block], after_block=thread_after)
        blocks, recs = comments.strip_comment_thread(blocks, after_block=thread_after, article_end_block=signoff, start=thread_line)
        records.extend(recs)

    if config.strip_chrome:
        blocks, recs = chrome.strip_chrome_lines(blocks)
        records.extend(recs)
    if config.strip_image_placeholders:
        blocks, recs = chrome.strip_image_placeholders(blocks)
        records.extend(recs)

    handles: dict[str, str] = {}
    if config.strip_boilerplate:
        turns = (turn_blocks or speaker_block_indices)(blocks, byline or interviewer, interviewee)
        blocks, recs, handles = boilerplate.strip_boilerplate(blocks, turn_blocks=turns, known=known_boilerplate)
        records.extend(recs)
    return blocks, records, handles, byline


def clean_scrape(text: str, config: CleanupConfig = DEFAULT_CONFIG, *, known_boilerplate: frozenset[str] = frozenset()) -> Cleaned:
    """Clean scraped plain text whose first line is the article's title.

    ``known_boilerplate`` holds the :func:`~spotlight.cleanup.blocks.match_key` of paragraphs
    that recur across an author's imports (calls to action): they go like repeated promos.
    """
    text, records = fix_encoding(text, config)
    blocks = split_blocks(text)
    if config.strip_chrome:
        blocks, recs = chrome.strip_page_header(blocks)
        records.extend(recs)
    metadata: dict[str, str] = {}
    first = blocks[0] if blocks else []
    if first and (len(first) == 1 and len(first[0]) <= 300 or len(first[0]) <= 150 and not first[0].rstrip().endswith((".", "!", "。"))):
        # The first line is the title (alone, or glued to the text after it).
        title = first[0].strip()
        metadata["Title"] = title
        blocks = ([first[1:]] if len(first) > 1 else []) + blocks[1:]
        if config.strip_repeated_title:
            blocks, recs = chrome.strip_repeated_title(blocks, title)
            records.extend(recs)
    facts, recs = read_title(metadata.get("Title", ""))
    records.extend(recs)

    header = card = Header()
    if config.strip_chrome:
        # The author card goes before the header is read: it is not the article's first paragraph.
        turn_blocks = speaker_block_indices(blocks, None, facts.interviewee)
        blocks, recs, card = read_author_card(blocks, before_block=turn_blocks[0] if turn_blocks else min(len(blocks), 8))
        records.extend(recs)
    if config.read_header:
        turn_blocks = speaker_block_indices(blocks, None, facts.interviewee)
        blocks, recs, header = read_header(blocks, before_block=turn_blocks[0] if turn_blocks else min(len(blocks), 8))
        records.extend(recs)
    header = Header(author=header.author or card.author, date=header.date or card.date)

    blocks, recs, handles, byline = _strip_junk_blocks(
        blocks, config, interviewer=header.author, interviewee=facts.interviewee, known_boilerplate=known_boilerplate
    )
    records.extend(recs)
    byline = header.author or byline

    turns = write_turns(blocks, interviewer=byline, interviewee=facts.interviewee, plain_text=True) if config.detect_speakers else None
    if turns is not None:
        records.extend(turns.records)
        body = turns.body
        interviewer = turns.cast.interviewer if turns.turn_count else byline
        interviewee = facts.interviewee or (turns.cast.interviewee if turns.turn_count else None)
    else:
        from .speakers import escape_markdown

        body = "\n\n".join(escape_markdown("\n".join(b)) for b in blocks)
        interviewer, interviewee = byline, facts.interviewee

    _put(metadata, "Date", header.date.isoformat() if header.date else None)
    _put(metadata, "Author", interviewer)
    _put(metadata, "Interviewee", interviewee)
    _put(metadata, "Role", facts.role)
    _put(metadata, "Company", facts.company)
    _put(metadata, "Series", facts.series)
    _put(metadata, "Series_index", str(facts.series_index) if facts.series_index is not None else None)
    for site, handle in handles.items():
        _put(metadata, f"Author_{site}", handle)
    lang, recs = recognise_language(metadata.get("Title", ""), body, records, facts=facts)
    records.extend(recs)
    _put(metadata, "Lang", lang)
    platform, recs = recognise_platform(records)
    records.extend(recs)
    _put(metadata, "Source_name", platform)
    return Cleaned(metadata=metadata, body=body, records=records, turn_count=turns.turn_count if turns else 0)


def clean_markdown(
    body: str,
    metadata: dict[str, str],
    config: CleanupConfig = DEFAULT_CONFIG,
    *,
    known_boilerplate: frozenset[str] = frozenset(),
    from_page: bool = False,
) -> Cleaned:
    """Clean a body that is already Markdown: only junk is touched, labels are normalized.

    ``from_page``: the Markdown was converted from a saved page, whose author box (the
    author's name on a line of its own, their headline) is byline furniture.
    """
    text, records = fix_encoding(body, config, markdown=True)
    blocks = split_blocks(text, keep_trailing_space=True)
    metadata = dict(metadata)
    title = metadata.get("Title", "")
    if title and config.strip_repeated_title:
        blocks, recs = chrome.strip_repeated_title(blocks, title)
        records.extend(recs)
    facts, _ = read_title(title)
    interviewee = metadata.get("Interviewee") or facts.interviewee
    interviewer = metadata.get("Author")
    turn_blocks_of = _TurnBlocks()
    if from_page and config.strip_chrome:
        turn_blocks = turn_blocks_of(blocks, interviewer, interviewee)
        blocks, recs, card = read_author_card(blocks, before_block=turn_blocks[0] if turn_blocks else min(len(blocks), 8))
        records.extend(recs)
        interviewer = interviewer or card.author
        if card.date and not metadata.get("Date"):
            metadata["Date"] = card.date.isoformat()
    if config.read_header:
        turn_blocks = turn_blocks_of(blocks, interviewer, interviewee)
        blocks, recs, header = read_header(
            blocks, before_block=turn_blocks[0] if turn_blocks else min(len(blocks), 8), known_author=interviewer if from_page else None
        )
        records.extend(recs)
        interviewer = interviewer or header.author
        if header.date and not metadata.get("Date"):
            metadata["Date"] = header.date.isoformat()
    blocks, recs, handles, byline = _strip_junk_blocks(
        blocks,
        config,
        interviewer=interviewer,
        interviewee=interviewee,
        known_boilerplate=known_boilerplate,
        turn_blocks=turn_blocks_of,
    )
    records.extend(recs)
    if config.detect_speakers:
        turns = write_turns(blocks, interviewer=interviewer or byline, interviewee=interviewee, plain_text=False)
        records.extend(turns.records)
        body_out = turns.body
        turn_count = turns.turn_count
        if not metadata.get("Author"):
            metadata["Author"] = (turns.cast.interviewer if turn_count else None) or interviewer or byline or ""
        if turn_count and not metadata.get("Interviewee"):
            metadata["Interviewee"] = turns.cast.interviewee or ""
    else:
        body_out, turn_count = join_blocks(blocks), 0
    for key, value in (
        ("Interviewee", facts.interviewee),
        ("Role", facts.role),
        ("Company", facts.company),
        ("Series", facts.series),
        ("Series_index", str(facts.series_index) if facts.series_index is not None else None),
    ):
        if not metadata.get(key):
            _put(metadata, key, value)
    for site, handle in handles.items():
        metadata.setdefault(f"Author_{site}", handle)
    if not from_page and not metadata.get("Lang"):  # (a page's language: clean_html_page; a post's own Lang stays)
        lang, recs = recognise_language(title, body_out, records, facts=facts)
        records.extend(recs)
        _put(metadata, "Lang", lang)
    if not from_page and not metadata.get("Source_name"):  # (a page's: clean_html_page)
        platform, recs = recognise_platform(records, source=metadata.get("Source"))
        records.extend(recs)
        _put(metadata, "Source_name", platform)
    return Cleaned(metadata={k: v for k, v in metadata.items() if v}, body=body_out, records=records, turn_count=turn_count)


def clean_html_page(
    page: str, config: CleanupConfig = DEFAULT_CONFIG, *, known_boilerplate: frozenset[str] = frozenset(), url: str | None = None
) -> Cleaned:
    """Clean a saved HTML page: find the article (trafilatura and known selectors), read the
    page's metadata, set the comments aside, then clean the article as Markdown."""
    from . import html as html_stage  # lxml and trafilatura load only for HTML inputs

    article = html_stage.extract_html(page, url=url)
    metadata: dict[str, str] = {}
    if article.title:
        title, _ = fix_encoding(" ".join(article.title.split()), config)
        metadata["Title"] = title
    page_date = parse_date(article.metadata.get("date", ""))
    if page_date:
        metadata["Date"] = page_date.isoformat()
    author = article.metadata.get("author")
    if author:
        metadata["Author"] = " ".join(author.split())
    if article.metadata.get("canonical"):
        metadata["Source"] = article.metadata["canonical"]
    cleaned = clean_markdown(article.markdown, metadata, config, known_boilerplate=known_boilerplate, from_page=True)
    records = list(article.records)
    if not any(r.reason == "comment" for r in records):
        for comment in article.comments:
            text = comment.get("text", "")
            records.append(
                removed("comments", "comment", text, name=comment.get("name", ""), spam_signals=comments.spam_signals(text))
            )
    cleaned.records = records + cleaned.records
    lang, recs = recognise_language(
        cleaned.metadata.get("Title", ""), cleaned.body, cleaned.records, declared=article.metadata.get("lang"), locale=article.metadata.get("locale")
    )
    cleaned.records.extend(recs)
    _put(cleaned.metadata, "Lang", lang)
    platform, recs = recognise_platform(cleaned.records, source=cleaned.metadata.get("Source"), site_name=article.metadata.get("site_name"))
    cleaned.records.extend(recs)
    _put(cleaned.metadata, "Source_name", platform)
    return cleaned


def _put(metadata: dict[str, str], key: str, value: str | None) -> None:
    if value:
        metadata[key] = value
