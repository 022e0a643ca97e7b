"""Cleanup stage: a saved HTML page -> the article as Markdown, the page's metadata, its comments.

The first stage for HTML input, before the text stages of :mod:`spotlight.cleanup.pipeline`.
The article is found in the page's own DOM (by known article-body selectors, checked against
what trafilatura extracts, or by the smallest element holding most of trafilatura's text),
so figure captions and block quotes survive; comments are taken out first and returned apart,
never appended to the article. Every removal and every metadata field read is recorded.

The modules, in the order the stage uses them: :mod:`.dom` (parsing, page code, hidden
elements, shared helpers), :mod:`.css` (the tables' selectors), :mod:`.page_meta` (title,
author, date and the rest), :mod:`.comments`, :mod:`.extraction` (trafilatura, the article
element, chrome and furniture pruning) and :mod:`.markdown`. Each holds the tables of
selectors and sources it uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import Record, found, missing
from .comments import extract_comments
from .css import Selection
from .dom import STAGE, absolute, collapse, http_base, parse_page, strip_hidden, strip_page_code
from .extraction import (
    article_guard,
    chrome_marker_in,
    find_article,
    html_from_trafilatura,
    prune_unagreed_blocks,
    run_trafilatura,
    second_opinion,
    strip_page_chrome,
    trafilatura_source,
)
from .markdown import to_markdown
from .page_meta import byline_name, read_byline, read_date, read_page_metadata

__all__ = ["HtmlArticle", "byline_name", "chrome_marker_in", "extract_html", "looks_like_html"]

_HTML_START = re.compile(r"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_HTML_BLOCK_TAG = re.compile(
    r"<(?:p|div|h[1-6]|ul|ol|li|blockquote|article|section|table|tr|td|figure|pre|main|header|footer|nav|aside|body|dl)"
    r"(?:\s[^<>]*)?>",
    re.I,
)


@dataclass
class HtmlArticle:
    """What a saved page holds: the article as Markdown and, apart, its metadata and comments."""

    title: str | None
    markdown: str  # the article body as Markdown (title heading NOT included)
    metadata: dict[str, str]  # keys among: author, date, canonical, description, site_name, image, lang, locale
    comments: list[dict[str, str]]  # each {"name": ..., "text": ...}
    records: list[Record]  # stage="html": what was removed and where each metadata field came from


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is a saved page or an HTML fragment rather than plain text or Markdown.

    >>> looks_like_html("<!DOCTYPE html><title>x</title>"), looks_like_html("<p>a</p><p>b</p><div>c</div>")
    (True, True)
    >>> looks_like_html("# A title\\n\\nSome *Markdown* with a <br> and a <b>tag</b>.")
    False
    """
    if not isinstance(text, str):
        return False
    head = text[:4096].lstrip("\ufeff \t\r\n")
    if _HTML_START.match(head):
        return True
    count = 0
    for _ in _HTML_BLOCK_TAG.finditer(text, 0, 200_000):
        count += 1
        if count >= 3:
            return True
    return False


def _empty(records: list[Record]) -> HtmlArticle:
    records.append(missing(STAGE, "article", why="no HTML content"))
    return HtmlArticle(title=None, markdown="", metadata={}, comments=[], records=records)


def extract_html(html: str, *, url: str | None = None) -> HtmlArticle:
    """The article of a saved page as Markdown, with the page's metadata and comments apart."""
    records: list[Record] = []
    page = parse_page(html)
    root = page.root
    if root is None:
        return _empty(records)
    meta = read_page_metadata(root, url)
    records.extend(meta.records)
    metadata = dict(meta.metadata)
    traf = run_trafilatura(trafilatura_source(page), http_base(url))  # before the page is changed

    records.extend(strip_page_code(root))
    records.extend(strip_hidden(root))
    traf = second_opinion(traf, page, http_base(url))
    selection = Selection(root)
    comments, recs = extract_comments(selection, article_guard(selection, traf))
    records.extend(recs)

    article = find_article(selection, traf, records)
    if "author" not in metadata:
        author = read_byline(selection, article)
        if author:
            metadata["author"] = author[0]
            records.append(found(STAGE, "author", author[0], source=author[1]))
    base = http_base(url, metadata.get("canonical"))
    base_el = next(root.iter("base"), None)
    if base_el is not None:
        base = http_base(absolute(base_el.get("href"), base)) or base

    date, date_source = read_date(meta, article, root)
    if date:
        metadata["date"] = date
        records.append(found(STAGE, "date", date, source=date_source))
    else:
        records.append(missing(STAGE, "date"))

    from_dom = article is not None
    if article is None and traf.body is not None:
        comment_lines = {collapse(line).strip().casefold() for c in comments for line in c["text"].split("\n")}
        article = html_from_trafilatura(traf.body, comment_lines)
    if article is None:
        body = root.find("body")
        article = body if body is not None else root
    records.extend(strip_page_chrome(article))
    if from_dom and traf.body is not None:
        records.extend(prune_unagreed_blocks(article, traf))
    markdown = to_markdown(article, base_url=base, title=meta.title, records=records)
    return HtmlArticle(title=meta.title, markdown=markdown, metadata=metadata, comments=comments, records=records)
