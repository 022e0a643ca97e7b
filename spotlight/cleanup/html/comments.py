"""Comments in a saved page: the threads and the comments in them found by selector (or, in a
thread with no known comment markup, by the elements whose class says "comment"), each
comment's name and text read, and all of it taken out of the page before the article is looked
for, so that no comment ever joins the article.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable, NamedTuple

from lxml.html import HtmlElement

from ..records import Record, removed
from ..tables import CHROME_LINES
from .css import Selection
from .dom import HEADINGS, STAGE, collapse, is_below, line_key, outermost, plain_text, tag_of

# A whole comment thread, wherever it sits in the page.
COMMENT_THREAD_SELECTORS: tuple[str, ...] = (
    "#comments", ".comments-page", ".comments", ".comments-area", ".comment-list", ".commentlist", ".comments-section",
    ".comment-section", "#disqus_thread", ".comments-comments-list", "#responses", ".responses", "[data-testid=responses]",
)

# One comment (nested replies are comments of their own).
COMMENT_ITEM_SELECTORS: tuple[str, ...] = (
    "li.comment", "article.comment", "div.comment", ".comment-item", ".comments-comment-item",
    ".comments-comment-entity", '[itemtype*="schema.org/Comment"]', "[itemprop=comment]", "[data-testid=response]",
)

# Inside a thread with none of the items above: the outermost elements whose class says
# "comment", except those whose class holds one of the words after it ("3 comments", the form).
COMMENT_FALLBACK_SELECTOR = "[class*=comment]"
COMMENT_FALLBACK_EXCLUDED: tuple[str, ...] = (
    "title", "count", "form", "respond", "reply", "header", "heading", "nav", "pagination",
)

# A commenter's name, first match wins.
COMMENT_NAME_SELECTORS: tuple[str, ...] = (
    ".comment-author .fn", ".fn", ".comment-author-name", ".comment__author", ".comment-author", ".commenter-name",
    ".comment-name", ".comments-post-meta__name-text", ".comment-meta .name", "[itemprop=author] [itemprop=name]",
    "[itemprop=author]", ".author-name", ".user-name", ".username", ".author", ".name",
)

# A comment's text, first match wins (else the whole comment minus its furniture).
COMMENT_TEXT_SELECTORS: tuple[str, ...] = (
    ".comment-content", ".comment__text", ".comment-text", ".comments-comment-item__main-content", ".comment-message",
    ".comment__body", "[itemprop=text]", ".comment-body",
)

# Inside a comment, never part of its text: reply links, timestamps, avatars, reactions.
COMMENT_FURNITURE_SELECTORS: tuple[str, ...] = (
    "button", "form", "time", "nav", "svg", ".reply", ".comment-reply-link", ".comment-meta", ".comment-metadata",
    ".comment-actions", ".comment-footer", ".comment-header", ".comments-comment-social-bar", ".says",
)


@lru_cache(maxsize=1)
def _chrome_line_keys() -> frozenset[str]:
    return frozenset(line_key(p) for languages in CHROME_LINES.values() for phrases in languages.values() for p in phrases)


def _owner(el: HtmlElement, items: set[HtmlElement]) -> HtmlElement | None:
    """The comment ``el`` belongs to: the nearest enclosing one (a reply, not its parent)."""
    for ancestor in el.iterancestors():
        if ancestor in items:
            return ancestor
    return None


class _Comment(NamedTuple):
    item: HtmlElement
    name: str
    text: str


def _comment_items(selection: Selection, threads: list[HtmlElement]) -> list[HtmlElement]:
    items = selection.select_any(COMMENT_ITEM_SELECTORS)
    added = False
    for thread in threads:
        if any(item is thread or is_below(item, thread) for item in items):
            continue
        fallback = [
            el
            for el in selection.select(COMMENT_FALLBACK_SELECTOR, thread)
            if tag_of(el) not in HEADINGS
            and not any(word in (el.get("class") or "").lower() for word in COMMENT_FALLBACK_EXCLUDED)
            and collapse(el.text_content()).strip()
        ]
        if not fallback:
            lists = [el for el in thread.iter("ol", "ul") if el is not thread]
            fallback = [li for li in lists[0] if tag_of(li) == "li"] if lists else []
        if fallback:
            items.extend(outermost(fallback))
            added = True
    return selection.in_order(items) if added else items


def _read_comments(selection: Selection, items: list[HtmlElement]) -> list[_Comment]:
    """Each comment's name and text (replies nested in it left out)."""
    if not items:
        return []
    item_set = set(items)
    # Each selector runs once over the page; a match belongs to the comment nearest above it.
    names: dict[HtmlElement, tuple[str, HtmlElement]] = {}
    for selector in COMMENT_NAME_SELECTORS:
        for el in selection.select(selector):
            owner = _owner(el, item_set)
            if owner is not None and owner not in names:
                text = " ".join(el.text_content().split())
                if text and len(text) <= 100:
                    names[owner] = (text, el)
    bodies: dict[HtmlElement, HtmlElement] = {}
    for selector in COMMENT_TEXT_SELECTORS:
        for el in selection.select(selector):
            owner = _owner(el, item_set)
            if owner is not None:
                bodies.setdefault(owner, el)
    furniture: dict[HtmlElement, set[HtmlElement]] = {}
    for el in selection.select_any(COMMENT_FURNITURE_SELECTORS):
        owner = _owner(el, item_set)
        if owner is not None:
            furniture.setdefault(owner, set()).add(el)
    chrome = _chrome_line_keys()
    out = []
    for item in items:
        name, name_el = names.get(item, ("", None))
        skip = item_set | furniture.get(item, set()) | ({name_el} if name_el is not None else set())
        text = plain_text(bodies.get(item, item), skip)
        lines = [line for line in text.split("\n") if line != name and line_key(line) not in chrome]
        out.append(_Comment(item, name, "\n".join(lines)))
    return out


def extract_comments(selection: Selection, protect: Callable[[HtmlElement], bool]) -> tuple[list[dict[str, str]], list[Record]]:
    """Take the comment threads and comments out of the page: each comment's name and text,
    and the records of what went. ``protect(el)`` vetoes removing an element that holds the
    article."""
    threads = [t for t in outermost(selection.select_any(COMMENT_THREAD_SELECTORS)) if not protect(t)]
    items = [i for i in _comment_items(selection, threads) if not protect(i)]
    read = _read_comments(selection, items)
    comments: list[dict[str, str]] = []
    records: list[Record] = []
    for c in read:
        if c.text or c.name:
            comments.append({"name": c.name, "text": c.text})
            records.append(removed(STAGE, "comment", "\n".join(p for p in (c.name, c.text) if p), name=c.name))
    counts = [sum(1 for item in items if is_below(item, thread)) for thread in threads]
    for item in reversed(items):
        if item.getparent() is not None:
            item.drop_tree()
    for thread, count in zip(threads, counts):
        if thread.getparent() is not None:
            records.append(removed(STAGE, "comment thread", plain_text(thread, set()), comments=count))
            thread.drop_tree()
    return comments, records
