"""Cleanup stage: a saved HTML page -> the article as Markdown, the page's metadata, its comments.

The first stage for HTML input, before the text stages of :mod:`spotlight.cleanup.pipeline`.
The article is found in the page's own DOM (by known article-body selectors, checked against
what trafilatura extracts, or by the smallest element holding most of trafilatura's text),
so figure captions and block quotes survive; comments are taken out first and returned apart,
never appended to the article. Every removal and every metadata field read is recorded.

The selectors and metadata sources live in the tables at the top of this module.
"""

from __future__ import annotations

import json
import re
import unicodedata
from copy import deepcopy
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Callable, Iterable, Mapping, NamedTuple
from urllib.parse import urljoin

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from .blocks import cjk_chars
from .dates import parse_date
from .records import Record, found, missing, removed
from .speakers import is_person_name
from .tables import BYLINE_PATTERNS, CHROME_LINES, IMAGE_PLACEHOLDERS

STAGE = "html"

# ---------------------------------------------------------------------------------------------
# Tables: selectors and metadata sources. Adding a platform is adding rows.
# Selectors use a small CSS subset: tag, .class, #id, [attr], [attr=v], [attr*=v], [attr~=v],
# [attr^=v], [attr$=v], descendant (space) and child (>) combinators, and commas.
# ---------------------------------------------------------------------------------------------

# Where the article body sits, most specific first: when several match, the one with the most
# text wins, but a more specific match inside it holding at least half its text is preferred
# (".entry-content" rather than the whole "article" with its header and footer).
ARTICLE_BODY_SELECTORS: tuple[tuple[str, str], ...] = (
    ("linkedin", ".reader-article-content"),
    ("linkedin", ".article-content__body"),
    ("linkedin", "[data-test-id=article-content]"),
    ("medium", "[data-testid=storyContent]"),
    ("substack", ".available-content .body.markup"),
    ("substack", ".body.markup"),
    ("ghost", ".gh-content"),
    ("wordpress", ".entry-content"),
    ("wordpress", ".post-content"),
    ("generic", "[itemprop=articleBody]"),
    ("generic", ".article-body"),
    ("generic", ".post-body"),
    ("medium", "article section"),
    ("ghost", ".kg-card"),
    ("generic", "main article"),
    ("generic", "article"),
)

# A whole comment thread, wherever it sits in the page.
COMMENT_THREAD_SELECTORS: tuple[str, ...] = (
    "#comments", ".comments-page", ".comments", ".comments-area", ".comment-list", ".commentlist", ".comments-section",
    ".comment-section", "#disqus_thread", ".comments-comments-list", "#responses", ".responses", "[data-testid=responses]",
)

# One comment (nested replies are comments of their own).
COMMENT_ITEM_SELECTORS: tuple[str, ...] = (
    "li.comment", "article.comment", "div.comment", ".comment-item", ".comments-comment-item",
    ".comments-comment-entity", "[itemtype*=schema.org/Comment]", "[itemprop=comment]", "[data-testid=response]",
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

# Inside the article: elements that are never the article.
CHROME_TAGS: frozenset[str] = frozenset(
    {
        "form", "button", "nav", "aside", "iframe", "input", "select", "textarea", "object", "embed", "dialog", "canvas",
        "video", "audio",
    }
)
# A class or id naming one of these marks share bars, subscribe widgets, related posts and
# author boxes. Matched on the words of the name (split at "-", "_", spaces and camelCase, so
# "like-button" and "shareBar" match, "a-shared-changeset" does not); a marker's last word may
# carry one of CHROME_MARKER_SUFFIXES ("shares", "sharing", "buttons").
CHROME_MARKERS: tuple[str, ...] = (
    "share", "social", "subscribe", "subscription", "newsletter", "paywall", "related", "recommend", "footer",
    "comments", "responses", "reactions", "button", "signup", "sign-up", "author-box", "author-bio", "about-author",
    "author-card", "byline", "entry-meta", "post-meta", "breadcrumb", "sidebar", "screen-reader-text",
    "visually-hidden", "sr-only", "cookie", "speechify-ignore",  # Medium marks its byline and action bars so
    "sharing", "sharedaddy", "addthis", "sharethis", "jp-relatedposts", "promo", "advert", "advertisement", "ad-slot",
    "most-popular", "trending", "read-more", "more-stories", "outbrain", "taboola",
)
CHROME_MARKER_SUFFIXES: tuple[str, ...] = ("", "s", "es", "ing", "bar", "box", "links", "tools", "widget", "container", "wrapper", "posts")
# data-testid values of page furniture inside Medium's article (byline, claps, read time).
CHROME_TEST_IDS: frozenset[str] = frozenset(
    {
        "authorphoto", "authorname", "storyreadtime", "storypublishdate", "headerclapbutton", "headerbookmarkbutton",
        "audioplaybutton", "headersocialsharebutton", "publicationname",
    }
)
# ARIA roles of page furniture.
CHROME_ROLES: frozenset[str] = frozenset(
    {"navigation", "complementary", "search", "dialog", "toolbar", "menu", "menubar", "banner"}
)

# Code and invisible markup, dropped from the whole page before anything is measured
# (MathML's annotations are the formula's source, TeX or MathML again, never shown).
PAGE_CODE_TAGS: tuple[str, ...] = ("script", "style", "noscript", "template", "svg", "annotation", "annotation-xml")
# Inline styles that hide an element from every reader of the page.
HIDDEN_STYLES: tuple[str, ...] = ("display:none", "visibility:hidden")
# An element hidden from screen readers is still shown when its class says it is the page's
# fallback for something not loaded (an image behind a script).
ARIA_HIDDEN_SHOWN_CLASSES: tuple[str, ...] = ("fallback-image",)

# Where a page names its author in the article, most trusted first (after JSON-LD and <meta>).
BYLINE_SELECTORS: tuple[str, ...] = (
    "a[rel~=author]", "[rel~=author]", "[itemprop~=author] [itemprop~=name]", "[itemprop~=author]", ".p-author",
    ".byline", ".byline__name", ".byline-name", ".author-name", ".author", "[class*=byline]", "[class*=Byline]",
    "[class*=author]", "[class*=Author]",
    "[data-testid=authorName]",
)
_MAX_BYLINE_CHARS = 200
# A visible date is looked for only in short texts before the article's prose gets going.
_MAX_DATELINE_CHARS = 80
_PROSE_CHARS = 200

# <meta> names and properties per metadata field, in order of preference.
META_SOURCES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "title": (
            "dc:title", "dc.title", "dcterm:title", "dcterms.title", "og:title", "weibo:article:title", "weibo:webpage:title",
            "twitter:title", "parsely-title", "sailthru.title",
        ),
        "author": (
            "article:author", "dc:creator", "dc.creator", "dcterm:creator", "dcterms.creator", "author", "parsely-author",
            "sailthru.author", "byl",
        ),
        "published": ("article:published_time",),
        "date": (
            "date", "pubdate", "publish-date", "publishdate", "datepublished", "dc.date", "dc.date.issued", "dcterms.created",
            "parsely-pub-date", "sailthru.date",
        ),
        "canonical": ("og:url",),
        "description": ("og:description", "description", "twitter:description"),
        "site_name": ("og:site_name", "application-name"),
        "image": ("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src"),
    }
)

# JSON-LD @type values that describe the article (others, such as WebPage, are a fallback).
JSON_LD_ARTICLE_TYPES: frozenset[str] = frozenset(
    {
        "article", "blogposting", "newsarticle", "profilepage", "socialmediaposting", "techarticle", "report",
        "scholarlyarticle", "analysisnewsarticle", "opinionnewsarticle", "reportagenewsarticle", "liveblogposting",
    }
)

# JSON-LD @type values of the page itself, whose url is the article's when the article has none.
JSON_LD_PAGE_TYPES: frozenset[str] = frozenset({"webpage", "itempage", "aboutpage", "profilepage", "qapage", "faqpage"})

# What may stand between a page title and the site name it ends with.
TITLE_SEPARATORS: tuple[str, ...] = (" | ", " - ", " – ", " — ", " · ", " • ", " :: ", " / ", " \\ ", " > ", " » ")

# Where an <img> keeps its address, first usable one wins (lazy loaders move it out of src).
IMAGE_SOURCE_ATTRIBUTES: tuple[str, ...] = ("src", "data-src", "data-delayed-url", "data-lazy-src", "data-original")

# Link and image addresses kept; anything else (javascript:, data:, vbscript:) is dropped.
SAFE_URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto", "tel", "ftp"})

# ---------------------------------------------------------------------------------------------

_BLOCK_TAGS: frozenset[str] = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir", "div",
        "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table",
        "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)
# Never rendered, wherever they are (the chrome pass records most of them first).
_SKIP_TAGS: frozenset[str] = frozenset(
    {
        "script", "style", "noscript", "template", "head", "title", "meta", "link", "base", "svg", "button", "input",
        "select", "option", "optgroup", "textarea", "iframe", "object", "embed", "canvas", "video", "audio", "source",
        "track", "map", "area", "param", "frame", "frameset", "applet", "datalist", "progress", "meter", "rp",
    }
)
_HEADINGS: frozenset[str] = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_LISTS: frozenset[str] = frozenset({"ul", "ol", "menu", "dir"})
_CODE_TAGS: frozenset[str] = frozenset({"code", "kbd", "samp", "tt"})
_BOLD_TAGS: frozenset[str] = frozenset({"strong", "b"})
_ITALIC_TAGS: frozenset[str] = frozenset({"em", "i"})
# Python frames per nesting level are bounded by this; deeper content is kept as plain text.
_MAX_DEPTH = 120
# The share of trafilatura's words a selector match must hold to be trusted.
_MIN_SELECTOR_SHARE = 0.25
# The share of trafilatura's words the element picked for it must hold.
_MIN_COVERAGE = 0.8
# trafilatura's recall mode now and then keeps a sliver of a long page (one teaser of a
# listing): below these, its balanced mode is asked too and the longer text is kept.
_FEW_TRAFILATURA_WORDS = 150
_PAGE_TO_TRAFILATURA = 8

_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_XML_FORBIDDEN = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_INLINE_SPECIAL = re.compile(r"[\\`*\[\]<]|(?<!\w)_|_(?!\w)|&(?=#?\w+;)")
_LINE_START = re.compile(r"^(?:#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|\d{1,9}[.)](?=\s|$)|={3,}\s*$|-{3,}\s*$|\|)")
_BOLD_JOIN = re.compile(r"(?<!\*)\*\*( *)\*\*(?!\*)")
_PARAGRAPH_BREAK = re.compile(r"\n *\n[\n ]*")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_URL_STRIP = "".join(chr(c) for c in range(0x21))
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")
_STYLE_BOLD = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)", re.I)
_STYLE_NOT_BOLD = re.compile(r"font-weight\s*:\s*(?:normal|lighter|[1-4]00)", re.I)
_STYLE_ITALIC = re.compile(r"font-style\s*:\s*(?:italic|oblique)", re.I)
_STYLE_PIXEL = re.compile(r"(?:width|height)\s*:\s*[01]px|display\s*:\s*none", re.I)
_HTML_START = re.compile(r"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_HTML_BLOCK_TAG = re.compile(
    r"<(?:p|div|h[1-6]|ul|ol|li|blockquote|article|section|table|tr|td|figure|pre|main|header|footer|nav|aside|body|dl)"
    r"(?:\s[^<>]*)?>",
    re.I,
)
_JSON_LD_WRAPPING = re.compile(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$|;\s*$")

# trafilatura and lxml are third-party code fed arbitrary pages: these are the failures they
# are known to show on hostile input; extraction then goes on without them.
_EXTRACTOR_ERRORS: tuple[type[BaseException], ...] = (
    ValueError, TypeError, AttributeError, LookupError, RecursionError, etree.LxmlError,
)


@dataclass
class HtmlArticle:
    """What a saved page holds: the article as Markdown and, apart, its metadata and comments."""

    title: str | None
    markdown: str  # the article body as Markdown (title heading NOT included)
    metadata: dict[str, str]  # keys among: author, date, canonical, description, site_name, image, lang
    comments: list[dict[str, str]]  # each {"name": ..., "text": ...}
    records: list[Record]  # stage="html": what was removed and where each metadata field came from


# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------


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


def _collapse(text: str | None) -> str:
    """Runs of whitespace (non-breaking spaces included) as one space.

    >>> _collapse("a\\u00a0 \\n\\tb ")
    'a b '
    """
    return _WS.sub(" ", text) if text else ""


def _escape_inline(text: str) -> str:
    """Make a text node read as itself inside a Markdown paragraph.

    >>> print(_escape_inline("2 * 3 [x] <b> _a_ snake_case `c` &amp;"))
    2 \\* 3 \\[x\\] &lt;b> \\_a\\_ snake_case \\`c\\` &amp;amp;
    """

    def _sub(m: re.Match[str]) -> str:
        s = m.group(0)
        if s == "<":
            return "&lt;"
        if s == "&":
            return "&amp;"
        return "\\" + s

    return _INLINE_SPECIAL.sub(_sub, text)


def _escape_line_start(line: str) -> str:
    """Keep a paragraph line from starting a heading, quote, list or rule.

    >>> [_escape_line_start(s) for s in ("# 1", "> q", "- a", "1. a", "2023.", "---", "**Bold:** x")]
    ['\\\\# 1', '\\\\> q', '\\\\- a', '1\\\\. a', '2023\\\\.', '\\\\---', '**Bold:** x']
    """
    if not _LINE_START.match(line):
        return line
    if line[0].isdigit():
        return re.sub(r"^(\d+)([.)])", r"\1\\\2", line)
    return "\\" + line


def _wrap(text: str, marker: str) -> str:
    """Wrap inline Markdown in an emphasis marker, whitespace moved outside; nothing if empty.

    >>> _wrap(" Jane Doe: ", "**"), _wrap("  ", "*"), _wrap("", "**")
    (' **Jane Doe:** ', ' ', '')
    """
    core = text.strip()
    if not core:
        return "\n" if "\n" in text else (" " if text else "")
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    return text[:start] + marker + core + marker + text[end:]


def _join_bold(text: str) -> str:
    """Merge adjacent bold runs.

    >>> _join_bold("**Jane** **Doe:** hi **a****b**")
    '**Jane Doe:** hi **ab**'
    """
    return _BOLD_JOIN.sub(r"\1", text)


def _md_url(url: str) -> str:
    """An address that cannot end a Markdown link early.

    >>> _md_url("https://x.org/a b(1)")
    'https://x.org/a%20b%281%29'
    """
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")


def _code_span(text: str) -> str:
    """Inline code, with a fence longer than any backtick run inside.

    >>> _code_span("a`b"), _code_span("x")
    ('`` a`b ``', '`x`')
    """
    text = _collapse(text).strip()
    if not text:
        return ""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if "`" in (text[0], text[-1]) or longest else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _line_key(text: str) -> str:
    """The form UI phrases are compared in (NFKC, case-folded, single spaces)."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split()).rstrip(" .…:")


@lru_cache(maxsize=1)
def _chrome_line_keys() -> frozenset[str]:
    return frozenset(_line_key(p) for languages in CHROME_LINES.values() for phrases in languages.values() for p in phrases)


@lru_cache(maxsize=1)
def _placeholder_keys() -> frozenset[str]:
    return frozenset(_line_key(p) for phrases in IMAGE_PLACEHOLDERS.values() for p in phrases)


def _tag(el: Any) -> str | None:
    """The element's lower-case tag, or None for comments and processing instructions."""
    tag = getattr(el, "tag", None)
    return tag.lower() if isinstance(tag, str) else None


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _nonspace_length(text: str | None) -> int:
    return len("".join(text.split())) if text else 0


# ---------------------------------------------------------------------------------------------
# Selectors: the tables' CSS subset, matched against a one-pass index of the page
# ---------------------------------------------------------------------------------------------

_CSS_TOKEN = re.compile(
    r"""(?P<comb>\s*>\s*|\s+)
      | (?P<tag>[a-zA-Z*][\w-]*)
      | \.(?P<cls>[\w-]+)
      | \#(?P<id>[\w-]+)
      | \[\s*(?P<attr>[\w:-]+)\s*(?:(?P<op>[~*^$|]?=)\s*(?P<val>"[^"]*"|'[^']*'|[^\]\s]+)\s*)?\]""",
    re.X,
)


class _Compound(NamedTuple):
    """One step of a selector: ``tag.class#id[attr=value]``."""

    tag: str  # "*" for any
    classes: tuple[str, ...]
    id: str | None
    attrs: tuple[tuple[str, str, str], ...]  # (name, operator or "", value)


class Selector(NamedTuple):
    """A parsed selector: its steps from left to right, each with the combinator before it."""

    steps: tuple[tuple[str, _Compound], ...]  # combinator: "" (first), " " (descendant), ">" (child)


@lru_cache(maxsize=256)
def parse_selector(selector: str) -> tuple[Selector, ...]:
    """Parse the CSS subset the tables use (one ``Selector`` per comma-separated alternative).

    >>> [(comb, c.tag, c.classes) for comb, c in parse_selector("main > article.post")[0].steps]
    [('', 'main', ()), ('>', 'article', ('post',))]
    >>> parse_selector("a:hover")
    Traceback (most recent call last):
    ...
    ValueError: unsupported CSS selector 'a:hover' at ':hover'
    """
    alternatives = []
    for alternative in selector.split(","):
        text = alternative.strip()
        steps: list[tuple[str, _Compound]] = []
        comb, tag, classes, ident, attrs = "", "*", [], None, []
        pos = 0
        while pos < len(text):
            m = _CSS_TOKEN.match(text, pos)
            if m is None or m.end() == pos:
                raise ValueError(f"unsupported CSS selector {selector!r} at {text[pos:]!r}")
            pos = m.end()
            if m.group("comb") is not None:
                steps.append((comb, _Compound(tag, tuple(classes), ident, tuple(attrs))))
                comb = ">" if ">" in m.group("comb") else " "
                tag, classes, ident, attrs = "*", [], None, []
            elif m.group("tag"):
                tag = m.group("tag").lower()
            elif m.group("cls"):
                classes.append(m.group("cls"))
            elif m.group("id"):
                ident = m.group("id")
            else:
                value = m.group("val") or ""
                if value[:1] in ("'", '"'):
                    value = value[1:-1]
                attrs.append((m.group("attr").lower(), m.group("op") or "", value))
        steps.append((comb, _Compound(tag, tuple(classes), ident, tuple(attrs))))
        alternatives.append(Selector(tuple(steps)))
    return tuple(alternatives)


def _attribute_matches(value: str | None, op: str, expected: str) -> bool:
    if value is None:
        return False
    if op == "":
        return True
    if op == "=":
        return value == expected
    if op == "~=":
        return expected in value.split()
    if op == "*=":
        return expected in value
    if op == "^=":
        return value.startswith(expected)
    if op == "$=":
        return value.endswith(expected)
    return value == expected or value.startswith(expected + "-")  # "|="


def _compound_matches(el: HtmlElement, c: _Compound) -> bool:
    if c.tag != "*" and _tag(el) != c.tag:
        return False
    if c.id is not None and el.get("id") != c.id:
        return False
    if c.classes:
        tokens = (el.get("class") or "").split()
        if not all(k in tokens for k in c.classes):
            return False
    return all(_attribute_matches(el.get(name), op, value) for name, op, value in c.attrs)


def _left_steps_match(el: HtmlElement, steps: tuple[tuple[str, _Compound], ...], i: int, context: HtmlElement) -> bool:
    """Whether the steps before ``i`` match above ``el`` (which matched step ``i``), below ``context``."""
    if i == 0:
        return True
    comb, previous = steps[i][0], steps[i - 1][1]
    for ancestor in el.iterancestors():
        if ancestor is context:
            return False
        if _compound_matches(ancestor, previous) and _left_steps_match(ancestor, steps, i - 1, context):
            return True
        if comb == ">":
            return False
    return False


class _Index:
    """Every element of a page by tag, class, id and the attributes the tables ask about, built
    in one pass so that a hundred selectors cost less than one tree walk each."""

    def __init__(self, root: HtmlElement) -> None:
        self.root = root
        self.position: dict[HtmlElement, int] = {}
        self.by_tag: dict[str, list[HtmlElement]] = {}
        self.by_class: dict[str, list[HtmlElement]] = {}
        self.by_id: dict[str, list[HtmlElement]] = {}
        self.by_attr: dict[str, list[HtmlElement]] = {name: [] for name in _indexed_attributes()}
        by_attr, by_tag, by_class = self.by_attr, self.by_tag, self.by_class
        for el in root.iter(etree.Element):  # elements only: no comments or processing instructions
            self.position[el] = len(self.position)
            by_tag.setdefault(el.tag.lower(), []).append(el)
            attrib = el.attrib
            if not attrib:
                continue
            classes = attrib.get("class")
            if classes:
                for token in set(classes.split()):
                    by_class.setdefault(token, []).append(el)
            ident = attrib.get("id")
            if ident:
                self.by_id.setdefault(ident, []).append(el)
            for name in attrib.keys():  # an element has a few attributes; the tables ask about more
                elements = by_attr.get(name)
                if elements is not None:
                    elements.append(el)

    def _candidates(self, c: _Compound) -> list[HtmlElement]:
        if c.id is not None:
            return self.by_id.get(c.id, [])
        if c.classes:
            return min((self.by_class.get(k, []) for k in c.classes), key=len)
        if c.attrs:
            return self.by_attr.get(c.attrs[0][0], [])
        if c.tag != "*":
            return self.by_tag.get(c.tag, [])
        return list(self.position)

    def select(self, context: HtmlElement, selector: str) -> list[HtmlElement]:
        """Elements below ``context`` (still in the page) matching ``selector``, in document order."""
        out: list[HtmlElement] = []
        for alternative in parse_selector(selector):
            steps = alternative.steps
            last = len(steps) - 1
            for el in self._candidates(steps[last][1]):
                if _compound_matches(el, steps[last][1]) and _below(el, context) and _left_steps_match(el, steps, last, context):
                    out.append(el)
        return self.in_order(out) if len(parse_selector(selector)) > 1 else out

    def select_all(self, context: HtmlElement, selectors: Iterable[str]) -> list[HtmlElement]:
        """Elements matching any of ``selectors``, once each, in document order."""
        return self.in_order([el for selector in selectors for el in self.select(context, selector)])

    def in_order(self, elements: Iterable[HtmlElement]) -> list[HtmlElement]:
        """``elements`` once each, in document order."""
        unique = {el: None for el in elements if el in self.position}
        return sorted(unique, key=self.position.__getitem__)


@lru_cache(maxsize=1)
def _indexed_attributes() -> tuple[str, ...]:
    """The attribute names the tables select on (class and id have their own index)."""
    selectors = [s for _, s in ARTICLE_BODY_SELECTORS] + [
        *COMMENT_THREAD_SELECTORS, *COMMENT_ITEM_SELECTORS, *COMMENT_NAME_SELECTORS, *COMMENT_TEXT_SELECTORS,
        *COMMENT_FURNITURE_SELECTORS, COMMENT_FALLBACK_SELECTOR, *BYLINE_SELECTORS,
    ]
    names = {name for s in selectors for alt in parse_selector(s) for _, c in alt.steps for name, _, _ in c.attrs}
    return tuple(sorted(names))


def _below(el: HtmlElement, context: HtmlElement) -> bool:
    """Whether ``el`` is a descendant of ``context`` (False once it has been taken out)."""
    return any(a is context for a in el.iterancestors())


def _outermost(elements: list[HtmlElement]) -> list[HtmlElement]:
    """Those of ``elements`` not inside another one, in their order."""
    chosen = set(elements)
    return [el for el in elements if not any(a in chosen for a in el.iterancestors())]


# ---------------------------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------------------------


def _clean_input(html: str) -> str:
    """Lone surrogates and NUL characters as U+FFFD, other characters XML forbids removed:
    lxml refuses them (even in the text it moves while dropping an element)."""
    if not isinstance(html, str):
        html = str(html or "")
    html = _SURROGATES.sub("\ufffd", html).replace("\x00", "\ufffd")
    return _XML_FORBIDDEN.sub("", html)


def _parse(html: str) -> HtmlElement | None:
    """The page as an lxml tree, whatever encoding it declares; None if there is nothing."""
    if not html.strip():
        return None
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True, no_network=True)
    try:
        root = lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    except _EXTRACTOR_ERRORS:
        return None
    if not isinstance(root, HtmlElement):
        return None
    if _CONTROL_REFERENCE.search(html):
        _drop_forbidden_characters(root)
    return root


# A character reference to a character XML forbids ("&#1;", "&#x1F;", "&#xFFFE;"): the only way
# one reaches the tree once the input itself is clean.
_CONTROL_REFERENCE = re.compile(r"&#(?:x0*(?:[0-8bcef]|1[0-9a-f]|fff[ef])|0*(?:[0-8]|1[124-9]|2[0-9]|3[01]|6553[45]))(?![0-9a-f])", re.I)
_XML_FORBIDDEN_IN_TREE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _drop_forbidden_characters(root: HtmlElement) -> None:
    """Character references ("&#1;") reach the tree as control characters, which lxml then
    refuses to move or copy: remove them from every text, tail and attribute value."""
    for el in root.iter():
        if el.text and _XML_FORBIDDEN_IN_TREE.search(el.text):
            el.text = _XML_FORBIDDEN_IN_TREE.sub("", el.text)
        if el.tail and _XML_FORBIDDEN_IN_TREE.search(el.tail):
            el.tail = _XML_FORBIDDEN_IN_TREE.sub("", el.tail)
        for name, value in el.attrib.items():
            if _XML_FORBIDDEN_IN_TREE.search(value):
                el.set(name, _XML_FORBIDDEN_IN_TREE.sub("", value))


def strip_page_code(root: HtmlElement) -> list[Record]:
    """Remove script, style, noscript, template, svg and MathML annotations from the whole page."""
    counts: dict[str, int] = {}
    for el in list(root.iter(*PAGE_CODE_TAGS)):
        if el.getparent() is None:
            continue
        tag = _tag(el) or ""
        counts[tag] = counts.get(tag, 0) + 1
        el.drop_tree()
    if not counts:
        return []
    return [removed(STAGE, "page code", "", **counts)]


def is_hidden(el: HtmlElement) -> bool:
    """Whether the page hides ``el`` from its readers (``hidden``, ``aria-hidden``, inline style).

    >>> is_hidden(lxml.html.fragment_fromstring('<div style="display: none">x</div>'))
    True
    >>> is_hidden(lxml.html.fragment_fromstring('<p aria-hidden="true" class="fallback-image">x</p>'))
    False
    """
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    if style and any(s in "".join(style.lower().split()) for s in HIDDEN_STYLES):
        return True
    if (el.get("aria-hidden") or "").strip().lower() == "true":
        classes = (el.get("class") or "").split()
        return not any(c in classes for c in ARIA_HIDDEN_SHOWN_CLASSES)
    return False


def strip_hidden(root: HtmlElement) -> list[Record]:
    """Remove the elements the page hides (a formula's MathML beside its image, a collapsed
    menu, text for another layout), recording each."""
    records: list[Record] = []
    dropped: set[HtmlElement] = set()
    for el in root.xpath("//*[@hidden or @aria-hidden or @style]"):
        tag = _tag(el)
        if tag is None or tag in ("html", "head", "body") or not is_hidden(el) or any(a in dropped for a in el.iterancestors()):
            continue
        records.append(removed(STAGE, "hidden element", _collapse(el.text_content()).strip()[:300], tag=tag))
        dropped.add(el)
        el.drop_tree()
    return records


# ---------------------------------------------------------------------------------------------
# Metadata
# ---------------------------------------------------------------------------------------------


def _meta_values(root: HtmlElement) -> dict[str, str]:
    """<meta> content by lower-case property, name or itemprop (first one wins)."""
    values: dict[str, str] = {}
    for meta in root.iter("meta"):
        content = (meta.get("content") or "").strip()
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            # One <meta> may stand for several properties: property="og:title twitter:title".
            for key in (meta.get(attr) or "").lower().split():
                if key not in values:
                    values[key] = content
    return values


def _json_ld_objects(root: HtmlElement) -> list[dict[str, Any]]:
    """Every JSON object in the page's JSON-LD scripts (lists and @graph flattened); invalid
    JSON is ignored."""
    objects: list[dict[str, Any]] = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = _JSON_LD_WRAPPING.sub("", script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw, strict=False)
        except (ValueError, RecursionError):
            continue
        queue: list[Any] = [data]
        while queue and len(objects) < 500:
            item = queue.pop(0)
            if isinstance(item, list):
                queue.extend(item)
            elif isinstance(item, dict):
                objects.append(item)
                graph = item.get("@graph")
                if isinstance(graph, (list, dict)):
                    queue.append(graph)
    return objects


def _json_ld_types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.strip().lower() for k in kinds if isinstance(k, str)}


def _as_text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def _is_url(text: str) -> bool:
    return bool(re.match(r"^(?:https?:)?//|^www\.", text.strip(), re.I))


def _json_ld_names(value: Any, by_id: Mapping[str, dict[str, Any]], depth: int = 0) -> list[str]:
    """Names in a JSON-LD author value: a string, a Person, a reference, or a list of them."""
    if depth > 5:
        return []
    if isinstance(value, str):
        name = _as_text(value)
        return [name] if name and not _is_url(name) else []
    if isinstance(value, list):
        return [n for v in value[:20] for n in _json_ld_names(v, by_id, depth + 1)]
    if isinstance(value, dict):
        name = _as_text(value.get("name"))
        if name:
            return [name]
        ref = value.get("@id")
        if isinstance(ref, str) and ref in by_id and by_id[ref] is not value:
            return _json_ld_names(by_id[ref], by_id, depth + 1)
    return []


def _json_ld_url(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    text = _as_text(value)
    return text if text and re.match(r"^https?://", text, re.I) else None


class _JsonLd(NamedTuple):
    author: str | None
    date: str | None
    url: str | None
    site_name: str | None
    titles: tuple[str, ...] = ()  # the article's headline and name, as given


def _read_json_ld(objects: list[dict[str, Any]]) -> _JsonLd:
    """Author, publication date, address and publisher of the article described in JSON-LD."""
    by_id = {obj["@id"]: obj for obj in objects if isinstance(obj.get("@id"), str)}
    articles = [obj for obj in objects if _json_ld_types(obj) & JSON_LD_ARTICLE_TYPES]
    ordered = articles + [obj for obj in objects if not any(obj is a for a in articles)]
    author = date = url = site_name = None
    for obj in articles:
        names = _json_ld_names(obj.get("author") or obj.get("creator"), by_id)
        if not names and "profilepage" in _json_ld_types(obj):
            names = _json_ld_names(obj.get("mainEntity"), by_id)
        if names:
            author = ", ".join(dict.fromkeys(names))
            break
    for obj in ordered:
        date = date or _as_text(obj.get("datePublished"))
        site_name = site_name or (_json_ld_names(obj.get("publisher"), by_id) or [None])[0]
    for obj in articles + [obj for obj in objects if _json_ld_types(obj) & JSON_LD_PAGE_TYPES]:
        url = _json_ld_url(obj.get("url")) or _json_ld_url(obj.get("mainEntityOfPage"))
        if url:
            break
    titles: tuple[str, ...] = ()
    for obj in articles:
        titles = tuple(t for t in dict.fromkeys(_as_text(obj.get(k)) for k in ("headline", "name")) if t)
        if titles:
            break
    return _JsonLd(author, date, url, site_name, titles)


def _strip_site_suffix(title: str, *names: str | None) -> str:
    """A page title without the " | Site" (or " - Author") it ends with.

    >>> _strip_site_suffix("Meet Ada | The Forge", "The Forge"), _strip_site_suffix("A - B", None)
    ('Meet Ada', 'A - B')
    >>> _strip_site_suffix("Samantha and the Lie - John Welch - Medium", "Medium", "John Welch")
    'Samantha and the Lie'
    """
    suffixes = [(separator + name).casefold() for name in names if name for separator in TITLE_SEPARATORS]
    while True:
        folded = title.casefold()
        suffix = next((x for x in suffixes if folded.endswith(x) and len(title) > len(x)), None)
        if suffix is None:
            return title
        title = title[: -len(suffix)].strip()


_NAME_LIST_SEPARATOR = re.compile(r"\s*(?:,|;|、|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bi\b)\s*", re.I)


def _prefix_pattern() -> re.Pattern[str]:
    """What comes before the name in the byline patterns ("By {name}", "Par {name}", "作者：{name}")."""
    prefixes = {
        pattern.split("{name}")[0].strip().rstrip(":：").strip()
        for patterns in BYLINE_PATTERNS.values()
        for pattern in patterns
        if pattern.endswith("{name}") and not pattern.startswith("{name}")
    }
    words = sorted((w for w in prefixes if w), key=len, reverse=True)
    return re.compile(r"^(?:" + "|".join(re.escape(w) for w in words) + r")(?:\s*[:：／/]\s*|\s+|$)", re.I)


_BYLINE_PREFIX = _prefix_pattern()


def byline_name(text: str) -> str | None:
    """The person (or people) a byline names, or None when it names nobody.

    >>> byline_name("By\\n\\t\\tScott Cunningham"), byline_name("By Nathan Willis\\n  March 25, 2015")
    ('Scott Cunningham', 'Nathan Willis')
    >>> byline_name("Par Sébastien Farcis"), byline_name("Loaded"), byline_name("Learn More"), byline_name("CC7567")
    ('Sébastien Farcis', None, None, None)
    >>> byline_name("Martin Untersinger (avec Damien Leloup et Morgane Tual)")
    'Martin Untersinger (avec Damien Leloup et Morgane Tual)'
    """
    if not text or _is_url(text.strip()):
        return None
    for raw in text.split("\n"):
        line = " ".join(raw.split()).strip(" |·•-–—")
        while True:
            stripped = _BYLINE_PREFIX.sub("", line, count=1).strip()
            if stripped == line:
                break
            line = stripped
        if not line or parse_date(line) and len(_words(line)) <= 6:
            continue
        return line if _names_people(line) else None
    return None


def _names_people(line: str) -> bool:
    if len(line) > 100 or "@" in line or any(ch.isdigit() for ch in line):
        return False
    core = re.sub(r"\([^)]*\)", " ", line)
    parts = [p for p in _NAME_LIST_SEPARATOR.split(core) if p.strip()]
    return bool(parts) and len(parts) <= 6 and all(is_person_name(p.strip()) for p in parts)


def _extends(longer: str, shorter: str) -> bool:
    """Whether ``longer`` is ``shorter`` followed by more of the same title (after a comma,
    colon or dash).

    >>> _extends("Meet Ada, Lead Tinkerer at Brassworks", "Meet Ada"), _extends("Meet Adam", "Meet Ada")
    (True, False)
    """
    a, b = " ".join(longer.split()).casefold(), " ".join(shorter.split()).casefold()
    return len(a) > len(b) and a.startswith(b) and bool(re.match(r"^\s*[,:;–—-]\s*\w", a[len(b):]))


def _closest(candidates: tuple[str, ...], reference: str | None) -> str | None:
    """The candidate sharing most words with ``reference`` (the first one on a tie)."""
    if not candidates:
        return None
    ref = set(_words((reference or "").casefold()))

    def similarity(candidate: str) -> float:
        words = set(_words(candidate.casefold()))
        return len(ref & words) / max(len(ref | words), 1)

    return max(candidates, key=similarity)


_TITLE_SEPARATOR = re.compile(r"\s+(?:" + "|".join(re.escape(x.strip()) for x in TITLE_SEPARATORS) + r")\s+")


def title_from_document_title(text: str) -> str:
    """A ``<title>`` without the site's name: the part before its last separator, unless that
    leaves fewer than three words.

    >>> title_from_document_title("Lorem ipsum dolor sit amet – My website")
    'Lorem ipsum dolor sit amet'
    >>> title_from_document_title("Get your Code Covered | Code | Nicolas Perriault")
    'Get your Code Covered | Code'
    >>> title_from_document_title("Interview – Ana Gil")
    'Interview – Ana Gil'
    """
    parts = list(_TITLE_SEPARATOR.finditer(text))
    if not parts:
        return text
    head = text[: parts[-1].start()].strip()
    return head if len(head.split()) >= 3 or cjk_chars(head) >= 6 else text


def _absolute(raw: str | None, base: str | None) -> str | None:
    """A safe address, made absolute against ``base`` when it is relative; None if unsafe.

    >>> _absolute("/p/x", "https://a.org/b"), _absolute(" java\\tscript:alert(1)", None), _absolute("//c.org/i.png", None)
    ('https://a.org/p/x', None, 'https://c.org/i.png')
    """
    if not raw:
        return None
    url = raw.strip(_URL_STRIP).replace("\t", "").replace("\n", "").replace("\r", "")
    if not url or url == "#":
        return None
    m = _SCHEME.match(url)
    if m:
        return url if m.group(1).lower() in SAFE_URL_SCHEMES else None
    if base:
        try:
            joined = urljoin(base, url)
        except ValueError:
            return None
        m = _SCHEME.match(joined)
        return joined if m and m.group(1).lower() in SAFE_URL_SCHEMES else None
    if url.startswith("//"):
        return "https:" + url
    return url


def _http_base(*candidates: str | None) -> str | None:
    for candidate in candidates:
        if candidate and re.match(r"^https?://[^/\s]", candidate.strip(), re.I):
            return candidate.strip()
    return None


class _PageMeta(NamedTuple):
    title: str | None
    metadata: dict[str, str]
    records: list[Record]
    json_ld: _JsonLd
    meta: dict[str, str]


def read_page_metadata(root: HtmlElement, url: str | None = None) -> _PageMeta:
    """Title, author, canonical address, description, site name, image and language of a page
    (the publication date needs the article; see :func:`_read_date`)."""
    meta = _meta_values(root)
    json_ld = _read_json_ld(_json_ld_objects(root))
    metadata: dict[str, str] = {}
    records: list[Record] = []

    def first_meta(field: str) -> tuple[str | None, str]:
        for key in META_SOURCES[field]:
            value = _as_text(meta.get(key))
            if value:
                return value, key
        return None, ""

    def put(field: str, value: str | None, source: str) -> bool:
        if not value:
            return False
        metadata[field] = value
        records.append(found(STAGE, field, value, source=source))
        return True

    site_name, source = first_meta("site_name")
    if not put("site_name", site_name, source):
        put("site_name", json_ld.site_name, "json-ld")

    title_el = next(root.iter("title"), None)
    document_title = _as_text(title_el.text_content() if title_el is not None else None)
    title, title_source = _closest(json_ld.titles, document_title), "json-ld"
    if not title:
        title, title_source = first_meta("title")
    if not title and document_title:
        title, title_source = title_from_document_title(document_title), "<title>"
    h1 = next(root.iter("h1"), None)
    heading = _as_text(h1.text_content() if h1 is not None else None)
    if not title:
        title, title_source = heading, "first h1"
    elif heading and _extends(heading, title):
        # "Meet Ada" in the metadata, "Meet Ada, Lead Tinkerer at Brassworks" on the page: the
        # short form leaves out what the title says of the person.
        title, title_source = heading, "first h1"

    author, source = byline_name(json_ld.author or ""), "json-ld"
    if not author:
        for key in META_SOURCES["author"]:
            value = byline_name(meta.get(key) or "")
            if value:
                author, source = value, key
                break
    if not put("author", author, source):
        records.append(missing(STAGE, "author"))
    if title:
        title = _strip_site_suffix(title, metadata.get("site_name"), metadata.get("author"))
        records.append(found(STAGE, "title", title, source=title_source))
    else:
        records.append(missing(STAGE, "title"))

    base = _http_base(url)
    canonical = None
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            canonical = _absolute(_as_text(link.get("href")), base)
            if canonical:
                break
    if not put("canonical", canonical, "canonical link"):
        value, source = first_meta("canonical")
        if not put("canonical", _absolute(value, base), source):
            put("canonical", json_ld.url, "json-ld")

    description, source = first_meta("description")
    put("description", description, source)
    image, source = first_meta("image")
    put("image", _absolute(image, _http_base(base, metadata.get("canonical"))), source)
    html_el = root if _tag(root) == "html" else root.find(".//html")
    lang = _as_text(html_el.get("lang") or html_el.get("xml:lang")) if html_el is not None else None
    put("lang", lang, "html lang")
    return _PageMeta(title, metadata, records, json_ld, meta)


def _read_date(page: _PageMeta, article: HtmlElement | None, root: HtmlElement) -> tuple[str | None, str]:
    """The publication date as found (ISO 8601), and where it was found."""

    def iso(value: str | None) -> str | None:
        value = _as_text(value)
        return value if value and _ISO_DATE.match(value) else None

    if iso(page.json_ld.date):
        return iso(page.json_ld.date), "json-ld"
    for key in META_SOURCES["published"]:
        if iso(page.meta.get(key)):
            return iso(page.meta.get(key)), key
    scopes: list[HtmlElement] = []
    if article is not None:
        scopes.append(article)
        scopes.extend(a for a in article.iterancestors("article"))
    scopes.extend(root.iter("article"))
    for scope in scopes:
        for time in scope.iter("time"):
            if iso(time.get("datetime")):
                return iso(time.get("datetime")), "<time datetime>"
    for key in META_SOURCES["date"]:
        if iso(page.meta.get(key)):
            return iso(page.meta.get(key)), key
    for scope in scopes[:2]:
        visible = _visible_date(scope)
        if visible:
            return visible, "visible date"
    return None, ""


def _visible_date(scope: HtmlElement) -> str | None:
    """A date written in a short text at the top of ``scope`` ("3 March 2024", "Oct 9, 2019",
    "9 de octubre de 2019", "2019年10月9日"), before its prose begins."""
    for el in scope.iter():
        tag = _tag(el)
        if tag is None:
            continue
        own = " ".join((el.text or "").split())
        if len(own) > _PROSE_CHARS and tag in ("p", "div", "section", "li"):
            return None
        if not own or len(own) > _MAX_DATELINE_CHARS or len(el.text_content()) > 2 * _MAX_DATELINE_CHARS:
            continue
        text = _plain_text(el, set())
        if len(text) <= _MAX_DATELINE_CHARS:
            for line in text.split("\n"):
                date = parse_date(line)
                if date:
                    return date.isoformat()
    return None


# ---------------------------------------------------------------------------------------------
# Comments
# ---------------------------------------------------------------------------------------------


def _owner(el: HtmlElement, items: set[HtmlElement]) -> HtmlElement | None:
    """The comment ``el`` belongs to: the nearest enclosing one (a reply, not its parent)."""
    for ancestor in el.iterancestors():
        if ancestor in items:
            return ancestor
    return None


def _plain_text(el: HtmlElement, skip: set[HtmlElement]) -> str:
    """The text of ``el``, one line per block, leaving out the elements in ``skip`` below it."""
    parts: list[str] = []

    def walk(node: HtmlElement, depth: int) -> None:
        tag = _tag(node)
        if tag is not None and not (depth and node in skip) and tag not in _SKIP_TAGS:
            if depth > _MAX_DEPTH:
                parts.append(node.text_content())
            elif tag == "br":
                parts.append("\n")
            else:
                block = tag in _BLOCK_TAGS
                if block:
                    parts.append("\n")
                parts.append(node.text or "")
                for child in node:
                    walk(child, depth + 1)
                if block:
                    parts.append("\n")
        if depth and node.tail:
            parts.append(node.tail)

    walk(el, 0)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


class _Comment(NamedTuple):
    item: HtmlElement
    name: str
    text: str


def _comment_items(index: _Index, threads: list[HtmlElement]) -> list[HtmlElement]:
    items = index.select_all(index.root, COMMENT_ITEM_SELECTORS)
    for thread in threads:
        if any(item is thread or _below(item, thread) for item in items):
            continue
        fallback = [
            el
            for el in index.select(thread, COMMENT_FALLBACK_SELECTOR)
            if _tag(el) not in _HEADINGS
            and not any(word in (el.get("class") or "").lower() for word in COMMENT_FALLBACK_EXCLUDED)
            and _collapse(el.text_content()).strip()
        ]
        if not fallback:
            lists = [el for el in thread.iter("ol", "ul") if el is not thread]
            fallback = [li for li in lists[0] if _tag(li) == "li"] if lists else []
        items.extend(_outermost(fallback) if fallback else [])
    return index.in_order(items)


def _read_comments(index: _Index, items: list[HtmlElement]) -> list[_Comment]:
    """Each comment's name and text (replies nested in it left out)."""
    item_set = set(items)
    # Each selector runs once over the page; a match belongs to the comment nearest above it.
    names: dict[HtmlElement, tuple[str, HtmlElement]] = {}
    for selector in COMMENT_NAME_SELECTORS:
        for el in index.select(index.root, selector):
            owner = _owner(el, item_set)
            if owner is not None and owner not in names:
                text = " ".join(el.text_content().split())
                if text and len(text) <= 100:
                    names[owner] = (text, el)
    bodies: dict[HtmlElement, HtmlElement] = {}
    for selector in COMMENT_TEXT_SELECTORS:
        for el in index.select(index.root, selector):
            owner = _owner(el, item_set)
            if owner is not None:
                bodies.setdefault(owner, el)
    furniture: dict[HtmlElement, set[HtmlElement]] = {}
    for selector in COMMENT_FURNITURE_SELECTORS:
        for el in index.select(index.root, selector):
            owner = _owner(el, item_set)
            if owner is not None:
                furniture.setdefault(owner, set()).add(el)
    chrome = _chrome_line_keys()
    out = []
    for item in items:
        name, name_el = names.get(item, ("", None))
        skip = item_set | furniture.get(item, set()) | ({name_el} if name_el is not None else set())
        text = _plain_text(bodies.get(item, item), skip)
        lines = [line for line in text.split("\n") if line != name and _line_key(line) not in chrome]
        out.append(_Comment(item, name, "\n".join(lines)))
    return out


def extract_comments(index: _Index, protect: Callable[[HtmlElement], bool]) -> tuple[list[dict[str, str]], list[Record]]:
    """Take the comment threads and comments out of the page: each comment's name and text,
    and the records of what went. ``protect(el)`` vetoes removing an element that holds the
    article."""
    threads = [t for t in _outermost(index.select_all(index.root, COMMENT_THREAD_SELECTORS)) if not protect(t)]
    items = [i for i in _comment_items(index, threads) if not protect(i)]
    read = _read_comments(index, items)
    comments: list[dict[str, str]] = []
    records: list[Record] = []
    for c in read:
        if c.text or c.name:
            comments.append({"name": c.name, "text": c.text})
            records.append(removed(STAGE, "comment", "\n".join(p for p in (c.name, c.text) if p), name=c.name))
    counts = [sum(1 for item in items if _below(item, thread)) for thread in threads]
    for item in reversed(items):
        if item.getparent() is not None:
            item.drop_tree()
    for thread, count in zip(threads, counts):
        if thread.getparent() is not None:
            records.append(removed(STAGE, "comment thread", _plain_text(thread, set()), comments=count))
            thread.drop_tree()
    return comments, records


# ---------------------------------------------------------------------------------------------
# Finding the article
# ---------------------------------------------------------------------------------------------


def _text_lengths(root: HtmlElement) -> dict[HtmlElement, int]:
    """Non-space characters of text under every element, in one bottom-up pass."""
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    lengths: dict[HtmlElement, int] = {}
    for el in reversed(elements):
        n = _nonspace_length(el.text)
        for child in el:
            n += lengths.get(child, 0) + _nonspace_length(child.tail)
        lengths[el] = n
    return lengths


class _Candidate(NamedTuple):
    elements: tuple[HtmlElement, ...]  # one match, or several sibling matches read as one
    rank: int
    selector: str
    length: int


def _selector_candidates(index: _Index, lengths: Mapping[HtmlElement, int]) -> list[_Candidate]:
    seen: set[HtmlElement] = set()
    out: list[_Candidate] = []
    for rank, (_platform, selector) in enumerate(ARTICLE_BODY_SELECTORS):
        matches = [m for m in index.select(index.root, selector) if lengths.get(m, 0) > 0]
        siblings: dict[HtmlElement, list[HtmlElement]] = {}
        for m in matches:
            if m not in seen:
                seen.add(m)
                out.append(_Candidate((m,), rank, selector, lengths.get(m, 0)))
            parent = m.getparent()
            if parent is not None:
                siblings.setdefault(parent, []).append(m)
        # Several sibling matches (Medium's sections, Ghost's cards) make one article.
        for group in siblings.values():
            if len(group) > 1:
                out.append(_Candidate(tuple(group), rank, f"{selector} (x{len(group)})", sum(lengths.get(m, 0) for m in group)))
    return out


def _within(inner: _Candidate, outer: _Candidate) -> bool:
    return all(any(e is o or _below(e, o) for o in outer.elements) for e in inner.elements)


def _choose_candidate(candidates: list[_Candidate]) -> _Candidate | None:
    """The match with the most text, or a more specific one inside it holding half its text."""
    if not candidates:
        return None
    best = max(candidates, key=lambda c: (c.length, -c.rank))
    inner = [c for c in candidates if c.rank < best.rank and c.length * 2 >= best.length and _within(c, best)]
    return min(inner, key=lambda c: c.rank) if inner else best


def _candidate_element(candidate: _Candidate) -> HtmlElement:
    """The candidate as one element: sibling matches are moved into a new <div> in their place."""
    first = candidate.elements[0]
    parent = first.getparent()
    if len(candidate.elements) == 1 or parent is None:
        return first
    wrapper = parent.makeelement("div", {})
    parent.insert(parent.index(first), wrapper)
    wrapper.extend(candidate.elements)
    return wrapper


def _coverage(el: HtmlElement, words: list[str]) -> float:
    if not words:
        return 0.0
    have = set(_words(el.text_content()))
    return sum(1 for w in words if w in have) / len(words)


def _element_covering(root: HtmlElement, lengths: Mapping[HtmlElement, int], words: list[str], length: int) -> HtmlElement | None:
    """The smallest element holding most of trafilatura's words."""
    body = root.find("body")
    top = body if body is not None else root
    ceiling = _coverage(top, words)
    if ceiling < 0.5:
        return None
    need = _MIN_COVERAGE * ceiling
    candidates = sorted(
        (el for el, n in lengths.items() if n >= 0.6 * length * ceiling and _tag(el) not in ("html", "head")),
        key=lambda el: lengths[el],
    )
    for el in candidates[:100]:
        if _coverage(el, words) >= need:
            break
    else:
        el = top
    # The whole page is only worth converting when it is little more than the article.
    if _tag(el) in ("body", "html") and lengths.get(el, 0) > 1.5 * length:
        return None
    return el


class _Trafilatura(NamedTuple):
    words: list[str]
    length: int
    body: Any
    text: str = ""


def _run_trafilatura(html: str, url: str | None, *, favor_recall: bool = True) -> _Trafilatura:
    """Trafilatura's main text (its comments kept apart), as words, and its body tree."""
    import trafilatura  # local: a fifth of a second to import, and only HTML input needs it

    try:
        # "xml" keeps the body tree as extracted: the "python" format also renders it as
        # Markdown text, which we do not use and which is quadratic in runs of bold text.
        document = trafilatura.bare_extraction(
            html,
            url=url,
            output_format="xml",
            include_comments=True,
            include_formatting=True,
            include_links=True,
            include_images=True,
            include_tables=True,
            favor_recall=favor_recall,
            with_metadata=False,
        )
    except _EXTRACTOR_ERRORS:
        return _Trafilatura([], 0, None)
    if document is None:
        return _Trafilatura([], 0, None)
    body = document.get("body") if isinstance(document, dict) else getattr(document, "body", None)
    if body is None or not isinstance(getattr(body, "tag", None), str):
        return _Trafilatura([], 0, None)
    text = " ".join(body.itertext())
    return _Trafilatura(_words(text), _nonspace_length(text), body, text)


# trafilatura's XML -> HTML tags, to convert its own output when the page's DOM cannot be used.
_TRAFILATURA_TAGS: Mapping[str, str] = MappingProxyType(
    {
        "p": "p", "item": "li", "quote": "blockquote", "lb": "br", "graphic": "img", "row": "tr", "cell": "td",
        "code": "pre", "table": "table", "del": "span",
    }
)
_TRAFILATURA_HI: Mapping[str, str] = MappingProxyType(
    {"#b": "strong", "#i": "em", "#t": "code", "#u": "span", "#sup": "sup", "#sub": "sub"}
)


def _html_from_trafilatura(body: Any, comment_lines: set[str]) -> HtmlElement:
    """Trafilatura's body tree as HTML, without any paragraph that is one of the comments."""
    tree = deepcopy(body)
    for el in list(tree.iter()):
        tag = _tag(el)
        if tag is None:
            continue
        rend = el.get("rend") or ""
        if tag == "hi":
            el.tag = _TRAFILATURA_HI.get(rend, "span")
        elif tag == "head":
            el.tag = rend if rend in _HEADINGS else "h2"
        elif tag == "list":
            el.tag = "ol" if rend == "ol" else "ul"
        elif tag == "ref":
            el.tag = "a"
            el.set("href", el.get("target") or "")
        else:
            el.tag = _TRAFILATURA_TAGS.get(tag, "div")
    root = lxml.html.fragment_fromstring(etree.tostring(tree, encoding="unicode", method="html"), create_parent="div")
    for el in list(root.iter("p", "li", "blockquote")):
        if el.getparent() is not None and _collapse(el.text_content()).strip().casefold() in comment_lines:
            el.drop_tree()
    return root


# ---------------------------------------------------------------------------------------------
# Page chrome inside the article
# ---------------------------------------------------------------------------------------------


def _chrome_marker(el: HtmlElement, tag: str) -> str | None:
    if tag in CHROME_TAGS:
        return tag
    role = (el.get("role") or "").strip().lower()
    if role in CHROME_ROLES:
        return f"role={role}"
    test_id = (el.get("data-testid") or "").strip().lower()
    if test_id in CHROME_TEST_IDS:
        return f"data-testid={test_id}"
    names = el.get("class") or ""
    ident = el.get("id")
    if ident and not _is_content_anchor(el, ident):
        names = f"{names} {ident}"
    if names.strip():
        return chrome_marker_in(names)
    return None


_NAME_WORD = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")


def _name_words(names: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in _NAME_WORD.findall(names))


@lru_cache(maxsize=1)
def _marker_pattern() -> re.Pattern[str]:
    """One pattern for every marker, over the name's words joined by spaces: a marker's words in
    a row, the last one with one of the suffixes."""
    suffixes = "|".join(re.escape(x) for x in sorted(CHROME_MARKER_SUFFIXES, key=len, reverse=True))
    alternatives = []
    for i, marker in enumerate(CHROME_MARKERS):
        words = _name_words(marker)
        alternatives.append(f"(?P<m{i}>" + " ".join(re.escape(w) for w in words) + f"(?:{suffixes}))")
    return re.compile(r"(?<![^ ])(?:" + "|".join(alternatives) + r")(?![^ ])")


@lru_cache(maxsize=4096)
def chrome_marker_in(names: str) -> str | None:
    """The chrome marker that a class or id names, matched word by word.

    >>> chrome_marker_in("post-share-bar"), chrome_marker_in("shareButtons"), chrome_marker_in("example-1-amend-a-shared-changeset")
    ('share', 'share', None)
    >>> chrome_marker_in("entry-meta clearfix"), chrome_marker_in("entry-content")
    ('entry-meta', None)
    """
    m = _marker_pattern().search(" ".join(_name_words(names)))
    if m is None:
        return None
    return CHROME_MARKERS[int(m.lastgroup[1:])] if m.lastgroup else None


def _is_content_anchor(el: HtmlElement, ident: str) -> bool:
    """Whether an id is the anchor of the element's own heading ("related-work" on the section
    titled "Related work"): it names the content, not page furniture."""
    heading = el if _tag(el) in _HEADINGS else next((h for h in el.iter(*_HEADINGS)), None)
    if heading is None:
        return False
    id_words = _name_words(ident)
    title_words = _words(heading.text_content().casefold())
    return bool(id_words) and bool(title_words) and all(w in title_words for w in id_words if not w.isdigit())


def strip_page_chrome(article: HtmlElement) -> list[Record]:
    """Remove navigation, asides, forms, buttons, share bars, subscribe widgets, related posts
    and author boxes from the article, never an element holding most of its text."""
    total = _nonspace_length(article.text_content())
    records: list[Record] = []
    stack = list(reversed(list(article)))
    while stack:
        el = stack.pop()
        tag = _tag(el)
        if tag is None:
            continue
        marker = _chrome_marker(el, tag)
        if marker is not None:
            text = _plain_text(el, set())
            if not (total and _nonspace_length(text) * 2 > total):
                records.append(removed(STAGE, "page chrome", text, tag=tag, marker=marker))
                el.drop_tree()
                continue
        stack.extend(reversed(list(el)))
    return records


# ---------------------------------------------------------------------------------------------
# Blocks the page's DOM holds and trafilatura left out
# ---------------------------------------------------------------------------------------------

# Kept even when trafilatura drops them: what trafilatura is known to lose (captions, quotes,
# code) and what the Markdown writer needs whole.
_ALWAYS_KEPT: frozenset[str] = frozenset({"figure", "figcaption", "blockquote", "pre", "code", "table", "img", "picture", "math"})
# A block this link-heavy and absent from trafilatura's text is a list of links to elsewhere
# (related articles, rankings, tag clouds).
_LINK_DENSE = 0.5
# A block this short and absent from trafilatura's text is furniture ("1 of 24", "Skip Ad",
# a chart's axis labels), when trafilatura found a real share of the article.
_SHORT_WORDS = 6
_SHORT_CJK_CHARS = 16
_MIN_TRAFILATURA_SHARE = 0.3
_MIN_AGREEMENT = 0.6


def _text_key(text: str) -> str:
    """Text compared without case, spacing or punctuation (trafilatura re-spaces what it keeps)."""
    return "".join(_words(text.casefold()))


def _link_density(el: HtmlElement, length: int) -> float:
    if not length:
        return 0.0
    linked = sum(_nonspace_length(a.text_content()) for a in el.iter("a") if not any(p.tag == "a" for p in a.iterancestors()))
    return min(1.0, linked / length)


def _is_short(text: str) -> bool:
    words = _words(text)
    if not words:
        return True
    cjk = cjk_chars(text)
    if cjk * 2 > _nonspace_length(text):
        return cjk <= _SHORT_CJK_CHARS
    return len(words) <= _SHORT_WORDS


def prune_unagreed_blocks(article: HtmlElement, traf_text: str) -> list[Record]:
    """Remove the article's link lists and short furniture that trafilatura's text does not hold.

    Only where trafilatura's text is mostly inside the article (it found this article); prose,
    captions, quotes, code and tables are never removed this way, so a block trafilatura missed
    but the page shows as part of the article stays.
    """
    traf_key = _text_key(traf_text)
    if not traf_key:
        return []
    article_key = _text_key(article.text_content())
    if not article_key or _coverage(article, _words(traf_text.casefold())) < _MIN_AGREEMENT:
        return []
    prune_short = len(traf_key) >= _MIN_TRAFILATURA_SHARE * len(article_key)
    traf_length = _nonspace_length(traf_text)
    holders = _holders_of_blocks(article)
    records: list[Record] = []
    stack = list(reversed(list(article)))
    while stack:
        el = stack.pop()
        tag = _tag(el)
        if tag is None or tag in _ALWAYS_KEPT or el.find(".//img") is not None and not _words(el.text_content()):
            continue
        text = el.text_content()
        length = _nonspace_length(text)
        if not length:
            continue
        if length <= traf_length:  # a longer block cannot be part of trafilatura's text
            key = _text_key(text)
            if key in traf_key:
                continue
        if _link_density(el, length) >= _LINK_DENSE:
            reason = "links trafilatura left out"
        elif prune_short and el not in holders and _is_short(text) and tag not in _HEADINGS and not any(
            t in _ALWAYS_KEPT for t in (_tag(a) for a in el.iterdescendants())
        ):
            reason = "short line trafilatura left out"
        else:
            stack.extend(reversed(list(el)))
            continue
        records.append(removed(STAGE, "page furniture", _collapse(text).strip()[:300], tag=tag, why=reason))
        el.drop_tree()
    records.extend(_drop_orphan_headings(article, traf_key))
    return records


def _drop_orphan_headings(article: HtmlElement, traf_key: str) -> list[Record]:
    """Headings trafilatura left out that now head nothing (the title of a removed link list)."""
    records: list[Record] = []
    for heading in list(article.iter(*_HEADINGS)):
        if heading.getparent() is None or _text_key(heading.text_content()) in traf_key:
            continue
        following = heading.getnext()
        while following is not None and not isinstance(following.tag, str):
            following = following.getnext()
        if following is None and not _text_key(heading.tail or "") or following is not None and _tag(following) in _HEADINGS:
            records.append(removed(STAGE, "page furniture", _collapse(heading.text_content()).strip()[:300], tag=_tag(heading), why="heading of nothing"))
            heading.drop_tree()
    return records


# ---------------------------------------------------------------------------------------------
# HTML -> Markdown
# ---------------------------------------------------------------------------------------------


class _Block(NamedTuple):
    kind: str  # "p", "heading", "list", "quote", "code"
    text: str


def _holders_of_blocks(root: HtmlElement) -> set[HtmlElement]:
    """Every element with a block-level element somewhere inside it."""
    holders: set[HtmlElement] = set()
    for el in root.iter():
        tag = _tag(el)
        if tag is None or not (tag in _BLOCK_TAGS or "-" in tag):
            continue
        parent = el.getparent()
        while parent is not None and parent not in holders:
            holders.add(parent)
            if parent is root:
                break
            parent = parent.getparent()
    return holders


def _raw_text(el: HtmlElement) -> str:
    """Text as written (for code): line breaks kept, <br> as a newline."""
    for br in el.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return "".join(el.itertext()).replace("\u00a0", " ")


def _code_language(el: HtmlElement) -> str:
    for node in (el, *el.iter("code")):
        for token in (node.get("class") or "").split():
            for prefix in ("language-", "lang-"):
                if token.startswith(prefix) and re.fullmatch(r"[\w+#.-]+", token[len(prefix):]):
                    return token[len(prefix):]
    return ""


def _is_pixel(img: HtmlElement) -> bool:
    sizes = [(img.get(a) or "").strip().lower().removesuffix("px") for a in ("width", "height")]
    return any(s in ("0", "1") for s in sizes) or bool(_STYLE_PIXEL.search(img.get("style") or ""))


class _MarkdownWriter:
    """Converts one article subtree to Markdown; remembers what it dropped."""

    def __init__(self, root: HtmlElement, *, base_url: str | None, title: str | None, records: list[Record]) -> None:
        self.base_url = base_url
        self.title_key = _line_key(title) if title else None
        self.records = records
        self.has_block = _holders_of_blocks(root)

    def convert(self, root: HtmlElement) -> str:
        blocks = self._blocks(root, 0, frozenset())
        return "\n\n".join(b.text for b in blocks if b.text.strip())

    # -- block level ------------------------------------------------------------------------

    def _blocks(
        self, el: HtmlElement, depth: int, style: frozenset[str], skip: frozenset[HtmlElement] = frozenset()
    ) -> list[_Block]:
        """The blocks made by ``el``'s content (its own tag is the caller's business)."""
        out: list[_Block] = []
        buffer: list[str] = []

        def flush() -> None:
            if buffer:
                out.extend(self._paragraphs("".join(buffer), style))
                buffer.clear()

        if el.text:
            buffer.append(_escape_inline(_collapse(el.text)))
        for child in el:
            tag = _tag(child)
            if tag is not None and tag not in _SKIP_TAGS and child not in skip:
                if tag in _BLOCK_TAGS or child in self.has_block or "-" in tag:
                    flush()
                    out.extend(self._block(child, tag, depth + 1, style))
                else:
                    buffer.append(self._inline(child, tag, depth + 1, style))
            if child.tail:
                buffer.append(_escape_inline(_collapse(child.tail)))
        flush()
        return out

    def _block(self, el: HtmlElement, tag: str, depth: int, style: frozenset[str]) -> list[_Block]:
        if depth > _MAX_DEPTH:
            return self._paragraphs(_escape_inline(_collapse(el.text_content())), style)
        if tag in _HEADINGS:
            return self._heading(el, tag, depth, style)
        if tag in _LISTS:
            return self._list(el, tag, depth, style)
        if tag == "blockquote":
            return self._quote(el, depth, style)
        if tag == "pre":
            return self._code_block(el)
        if tag == "figure":
            captions = frozenset(c for c in el if _tag(c) == "figcaption")
            blocks = self._blocks(el, depth, style, skip=captions)
            for caption in captions:
                blocks.extend(self._blocks(caption, depth + 1, style | {"i"}))
            return blocks
        if tag == "figcaption":
            return self._blocks(el, depth, style | {"i"})
        if tag == "table":
            return self._table(el, depth, style)
        if tag == "hr":
            return []
        return self._blocks(el, depth, self._style_of(el, tag, style))

    def _paragraphs(self, text: str, style: frozenset[str]) -> list[_Block]:
        """Paragraphs from inline Markdown: two line breaks in a row end a paragraph."""
        out = []
        for chunk in _PARAGRAPH_BREAK.split(text):
            lines = [re.sub(" {2,}", " ", line).strip() for line in chunk.split("\n")]
            lines = [_escape_line_start(_join_bold(line)) for line in lines if line]
            if not lines:
                continue
            body = "  \n".join(lines)
            if "i" in style:
                body = _wrap(body, "*")
            if "b" in style:
                body = _wrap(body, "**")
            out.append(_Block("p", body))
        return out

    def _heading(self, el: HtmlElement, tag: str, depth: int, style: frozenset[str]) -> list[_Block]:
        plain = _collapse(el.text_content()).strip()
        if not plain:
            return []
        if self.title_key is not None and _line_key(plain) == self.title_key:
            self.records.append(removed(STAGE, "title repeated in the body", plain))
            return []
        text = _join_bold(" ".join(self._inline_children(el, depth, style).split()))
        if not text:
            return []
        level = max(2, int(tag[1]))
        return [_Block("heading", "#" * level + " " + text)]

    def _list(self, el: HtmlElement, tag: str, depth: int, style: frozenset[str]) -> list[_Block]:
        ordered = tag == "ol"
        try:
            number = max(0, min(int((el.get("start") or "1").strip()), 999_999_999))
        except ValueError:
            number = 1
        items: list[str] = []
        for child in el:
            ctag = _tag(child)
            if ctag is None or ctag in _SKIP_TAGS:
                continue
            if ctag in _LISTS and items:
                # A list straight inside a list belongs to the item before it.
                nested = self._list(child, ctag, depth + 1, style)
                if nested:
                    items[-1] += "\n" + "\n".join("    " + line if line.strip() else "" for line in nested[0].text.split("\n"))
                continue
            if ctag == "li" or ctag in _BLOCK_TAGS or child in self.has_block:
                blocks = self._blocks(child, depth + 1, style) if ctag == "li" else self._block(child, ctag, depth + 1, style)
            else:
                blocks = self._paragraphs(self._inline(child, ctag, depth + 1, style), style)
            if not blocks:
                continue
            marker = f"{number}. " if ordered else "- "
            number += 1
            items.append(self._item(marker, blocks))
        return [_Block("list", "\n".join(items))] if items else []

    @staticmethod
    def _item(marker: str, blocks: list[_Block]) -> str:
        body = blocks[0].text
        for block in blocks[1:]:
            body += ("\n" if block.kind == "list" else "\n\n") + block.text
        pad = " " * max(4, len(marker))
        lines = body.split("\n")
        return marker + lines[0] + "".join("\n" + (pad + line if line.strip() else "") for line in lines[1:])

    def _quote(self, el: HtmlElement, depth: int, style: frozenset[str]) -> list[_Block]:
        inner = self._blocks(el, depth, style)
        if not inner:
            return []
        text = "\n\n".join(b.text for b in inner)
        return [_Block("quote", "\n".join("> " + line if line.strip() else ">" for line in text.split("\n")))]

    @staticmethod
    def _code_block(el: HtmlElement) -> list[_Block]:
        text = _raw_text(el).strip("\n").rstrip()
        if not text.strip():
            return []
        longest = max((len(run) for run in re.findall(r"`{3,}", text)), default=2)
        fence = "`" * (longest + 1)
        return [_Block("code", f"{fence}{_code_language(el)}\n{text}\n{fence}")]

    def _table(self, el: HtmlElement, depth: int, style: frozenset[str]) -> list[_Block]:
        rows = [tr for tr in el.iter("tr") if next(tr.iterancestors("table"), None) is el]
        cells = [[c for c in tr if _tag(c) in ("td", "th")] for tr in rows]
        layout = not rows or max(len(row) for row in cells) < 2 or any(
            next(c.iter("table", "ul", "ol", "blockquote", "pre", "figure", *_HEADINGS), None) is not None
            for row in cells
            for c in row
        )
        if layout:
            # A table used for page layout: its cells are ordinary blocks.
            return self._blocks(el, depth, style)
        out: list[_Block] = []
        for caption in el.iter("caption"):
            out.extend(self._blocks(caption, depth + 1, style))
        for row in cells:
            texts = []
            for cell in row:
                text = " ".join(b.text.replace("  \n", " ") for b in self._blocks(cell, depth + 1, style))
                if text.strip():
                    texts.append(text.strip())
            if texts:
                out.append(_Block("p", " | ".join(texts)))
        return out

    # -- inline level -----------------------------------------------------------------------

    @staticmethod
    def _style_of(el: HtmlElement, tag: str, style: frozenset[str]) -> frozenset[str]:
        css = el.get("style") or ""
        if (tag in _BOLD_TAGS and not _STYLE_NOT_BOLD.search(css)) or _STYLE_BOLD.search(css):
            style = style | {"b"}
        if tag in _ITALIC_TAGS or _STYLE_ITALIC.search(css):
            style = style | {"i"}
        return style

    def _inline_children(self, el: HtmlElement, depth: int, style: frozenset[str]) -> str:
        parts = [_escape_inline(_collapse(el.text))] if el.text else []
        for child in el:
            tag = _tag(child)
            if tag is not None and tag not in _SKIP_TAGS:
                piece = self._inline(child, tag, depth + 1, style)
                parts.append(f" {piece} " if tag in _BLOCK_TAGS else piece)
            if child.tail:
                parts.append(_escape_inline(_collapse(child.tail)))
        return "".join(parts)

    def _inline(self, el: HtmlElement, tag: str, depth: int, style: frozenset[str]) -> str:
        """Inline Markdown for ``el`` (its tail is the caller's business)."""
        if depth > _MAX_DEPTH:
            return _escape_inline(_collapse(el.text_content()))
        if tag == "br":
            return "\n"
        if tag == "img":
            return self._image(el)
        if tag in _CODE_TAGS or tag == "pre":
            return _code_span(_raw_text(el)) if "code" not in style else _escape_inline(_collapse(el.text_content()))
        if tag == "a" and "a" not in style:
            return self._link(el, self._inline_children(el, depth, style | {"a"}))
        inner_style = self._style_of(el, tag, style)
        text = self._inline_children(el, depth, inner_style)
        if "i" in inner_style and "i" not in style:
            text = _wrap(text, "*")
        if "b" in inner_style and "b" not in style:
            text = _wrap(text, "**")
        return text

    def _link(self, el: HtmlElement, text: str) -> str:
        core = text.strip()
        href = self._url(el.get("href"))
        if not core or href is None:
            return text
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        return f"{text[:start]}[{core}]({_md_url(href)}){text[end:]}"

    def _image(self, el: HtmlElement) -> str:
        if _is_pixel(el):
            return ""
        candidates = [el.get(name) for name in IMAGE_SOURCE_ATTRIBUTES]
        srcset = (el.get("srcset") or el.get("data-srcset") or "").strip()
        if srcset:
            candidates.append(srcset.split(",")[0].strip().split(" ")[0])
        for candidate in candidates:
            url = self._url(candidate)
            if url:
                alt = " ".join((el.get("alt") or el.get("title") or "").split())
                if _line_key(alt) in _placeholder_keys():
                    alt = ""
                return f"![{_escape_inline(alt)}]({_md_url(url)})"
        return ""

    def _url(self, raw: str | None) -> str | None:
        return _absolute(raw, self.base_url)


# ---------------------------------------------------------------------------------------------
# The stage
# ---------------------------------------------------------------------------------------------


def _empty(records: list[Record]) -> HtmlArticle:
    records.append(missing(STAGE, "article", why="no HTML content"))
    return HtmlArticle(title=None, markdown="", metadata={}, comments=[], records=records)


def extract_html(html: str, *, url: str | None = None) -> HtmlArticle:
    """The article of a saved page as Markdown, with the page's metadata and comments apart."""
    records: list[Record] = []
    text = _clean_input(html)
    root = _parse(text)
    if root is None:
        return _empty(records)
    page = read_page_metadata(root, url)
    records.extend(page.records)
    metadata = dict(page.metadata)
    traf = _run_trafilatura(text, _http_base(url))

    records.extend(strip_page_code(root))
    records.extend(strip_hidden(root))
    if len(traf.words) < _FEW_TRAFILATURA_WORDS:
        body = root.find("body")
        if _nonspace_length((body if body is not None else root).text_content()) > _PAGE_TO_TRAFILATURA * max(traf.length, 1):
            balanced = _run_trafilatura(text, _http_base(url), favor_recall=False)
            if len(balanced.words) > len(traf.words):
                traf = balanced
    index = _Index(root)
    comments, recs = extract_comments(index, _article_guard(index, traf))
    records.extend(recs)

    article = _find_article(index, traf, records)
    if "author" not in metadata:
        author = _read_byline(index, article)
        if author:
            metadata["author"] = author[0]
            records.append(found(STAGE, "author", author[0], source=author[1]))
    base = _http_base(url, metadata.get("canonical"))
    base_el = next(root.iter("base"), None)
    if base_el is not None:
        base = _http_base(_absolute(base_el.get("href"), base)) or base

    date, date_source = _read_date(page, article, root)
    if date:
        metadata["date"] = date
        records.append(found(STAGE, "date", date, source=date_source))
    else:
        records.append(missing(STAGE, "date"))

    from_dom = article is not None
    if article is None and traf.body is not None:
        comment_lines = {_collapse(line).strip().casefold() for c in comments for line in c["text"].split("\n")}
        article = _html_from_trafilatura(traf.body, comment_lines)
    if article is None:
        body = root.find("body")
        article = body if body is not None else root
    records.extend(strip_page_chrome(article))
    if from_dom and traf.body is not None:
        records.extend(prune_unagreed_blocks(article, traf.text))
    markdown = _MarkdownWriter(article, base_url=base, title=page.title, records=records).convert(article)
    return HtmlArticle(title=page.title, markdown=markdown, metadata=metadata, comments=comments, records=records)


def _article_guard(index: _Index, traf: _Trafilatura) -> Callable[[HtmlElement], bool]:
    """A test of whether an element holds the article (then it is not a comment, whatever its
    class): it holds a platform's article body, or else most of trafilatura's text."""
    lengths = {
        m: _nonspace_length(m.text_content())
        for platform, selector in ARTICLE_BODY_SELECTORS
        if platform != "generic"
        for m in index.select(index.root, selector)
    }
    largest = max(lengths.values(), default=0)
    # Only the big ones: a comment whose markup looks like an article body is still a comment.
    bodies = [m for m, n in lengths.items() if n and n * 2 >= largest]

    def holds_article(el: HtmlElement) -> bool:
        if any(m is el or _below(m, el) for m in bodies):
            return True
        if bodies or not traf.words:
            return False
        return _nonspace_length(el.text_content()) >= 0.3 * traf.length and _coverage(el, traf.words) >= 0.5

    return holds_article


def _read_byline(index: _Index, article: HtmlElement | None) -> tuple[str, str] | None:
    """The author a byline element names (and its selector): inside the article or the
    <article> around it first, then anywhere outside navigation and asides."""
    scopes = [article, *article.iterancestors("article"), index.root] if article is not None else [index.root]
    matches = {selector: index.select(index.root, selector) for selector in BYLINE_SELECTORS}  # once, then filtered
    for scope in scopes:
        for selector in BYLINE_SELECTORS:
            for el in matches[selector]:
                if scope is not index.root and el is not scope and not _below(el, scope):
                    continue
                if scope is index.root and any(_tag(a) in ("nav", "aside", "footer") for a in el.iterancestors()):
                    continue
                text = _plain_text(el, set())
                if not text or len(text) > _MAX_BYLINE_CHARS:
                    continue
                name = byline_name(text)
                if name:
                    return name, selector
    return None


def _find_article(index: _Index, traf: _Trafilatura, records: list[Record]) -> HtmlElement | None:
    """The element holding the article (None: convert trafilatura's own output), recording how it
    was found."""
    root = index.root
    lengths = _text_lengths(root)
    chosen = _choose_candidate(_selector_candidates(index, lengths))
    if chosen is not None:
        words = sum(len(_words(el.text_content())) for el in chosen.elements)
        # A generic match ("article") may be one teaser of a listing: it must hold most of
        # trafilatura's text. A platform's own article body needs only a share of it.
        generic = ARTICLE_BODY_SELECTORS[chosen.rank][0] == "generic"
        if not traf.words or (
            words >= _MIN_SELECTOR_SHARE * len(traf.words)
            and (not generic or sum(_coverage(el, traf.words) for el in chosen.elements) >= _MIN_AGREEMENT)
        ):
            records.append(found(STAGE, "article body", chosen.selector, source="selector", words=words))
            return _candidate_element(chosen)
        records.append(
            missing(STAGE, "article body by selector", selector=chosen.selector, words=words, trafilatura_words=len(traf.words))
        )
    if traf.words:
        el = _element_covering(root, lengths, traf.words, traf.length)
        if el is not None:
            where = el.tag + "".join(f".{c}" for c in (el.get("class") or "").split()[:3])
            records.append(found(STAGE, "article body", where, source="trafilatura", words=len(_words(el.text_content()))))
            return el
        records.append(found(STAGE, "article body", "trafilatura text", source="trafilatura text", words=len(traf.words)))
        return None
    body = root.find("body")
    records.append(found(STAGE, "article body", "body", source="whole page"))
    return body if body is not None else root

