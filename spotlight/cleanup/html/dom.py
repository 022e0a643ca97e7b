"""The page as a tree: input cleaning and parsing, page code and hidden elements taken out, and
the small DOM and text helpers the other modules of the HTML stage share (tags, texts, words,
ancestry, addresses).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, NamedTuple
from urllib.parse import urljoin

import lxml.html
from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction

from ..records import Record, removed

STAGE = "html"

# Code and invisible markup, dropped from the whole page before anything is measured
# (MathML's annotations are the formula's source, TeX or MathML again, never shown).
PAGE_CODE_TAGS: tuple[str, ...] = ("script", "style", "noscript", "template", "svg", "annotation", "annotation-xml")
# Inline styles that hide an element from every reader of the page.
HIDDEN_STYLES: tuple[str, ...] = ("display:none", "visibility:hidden")
# An element hidden from screen readers is still shown when its class says it is the page's
# fallback for something not loaded (an image behind a script).
ARIA_HIDDEN_SHOWN_CLASSES: tuple[str, ...] = ("fallback-image",)

# Link and image addresses kept; anything else (javascript:, data:, vbscript:) is dropped.
SAFE_URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto", "tel", "ftp"})

BLOCK_TAGS: frozenset[str] = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir", "div",
        "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table",
        "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)
# Never rendered, wherever they are (the chrome pass records most of them first).
SKIP_TAGS: frozenset[str] = frozenset(
    {
        "script", "style", "noscript", "template", "head", "title", "meta", "link", "base", "svg", "button", "input",
        "select", "option", "optgroup", "textarea", "iframe", "object", "embed", "canvas", "video", "audio", "source",
        "track", "map", "area", "param", "frame", "frameset", "applet", "datalist", "progress", "meter", "rp",
    }
)
HEADINGS: frozenset[str] = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Python frames per nesting level are bounded by this; deeper content is kept as plain text.
MAX_DEPTH = 120

# trafilatura and lxml are third-party code fed arbitrary pages: these are the failures they
# are known to show on hostile input; extraction then goes on without them.
EXTRACTOR_ERRORS: tuple[type[BaseException], ...] = (
    ValueError, TypeError, AttributeError, LookupError, RecursionError, etree.LxmlError,
)

_WORD = re.compile(r"\w+")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_XML_FORBIDDEN = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# The control characters _clean_text changes, as UTF-8 writes them: single bytes, which
# bytes.translate finds many times faster than a regular expression finds the characters.
_CONTROL_BYTES = bytes(range(0x00, 0x09)) + b"\x0b\x0c" + bytes(range(0x0E, 0x20))
# A character reference to a character XML forbids ("&#1;", "&#x1F;", "&#xFFFE;"): the only way
# one reaches the tree once the input itself is clean.
_CONTROL_REFERENCE = re.compile(
    rb"&#(?:x0*(?:[0-8bcef]|1[0-9a-f]|fff[ef])|0*(?:[0-8]|1[124-9]|2[0-9]|3[01]|6553[45]))(?![0-9a-f])", re.I
)
_XML_FORBIDDEN_IN_TREE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_URL_STRIP = "".join(chr(c) for c in range(0x21))
_HTTP_URL = re.compile(r"^https?://[^/\s]", re.I)

# lxml.html's own lookup picks a Python class per element in Python (FormElement for <form>...);
# the stage uses none of those classes' extras, and this lookup runs in C.
_ELEMENT_CLASSES = etree.ElementDefaultClassLookup(
    element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
)


# ---------------------------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------------------------


class ParsedPage(NamedTuple):
    """A saved page as parsed."""

    text: str  # the input as parsed: characters lxml refuses replaced or removed
    root: HtmlElement | None  # None when there is nothing to parse
    as_written: bool  # False when characters written as references had to be removed from the tree


def _clean_text(html: str) -> str:
    """Lone surrogates and NUL characters as U+FFFD, other characters XML forbids removed:
    lxml refuses them (even in the text it moves while dropping an element)."""
    html = _SURROGATES.sub("\ufffd", html).replace("\x00", "\ufffd")
    return _XML_FORBIDDEN.sub("", html)


def clean_input(html: Any) -> tuple[str, bytes]:
    """The input as lxml accepts it, and its UTF-8 bytes (see :func:`_clean_text`).

    >>> clean_input("a\\x00b\\x01c\\ud800")
    ('a\\ufffdbc\\ufffd', b'a\\xef\\xbf\\xbdbc\\xef\\xbf\\xbd')
    >>> text = "<p>fine</p>"
    >>> clean_input(text)[0] is text
    True
    """
    if not isinstance(html, str):
        html = str(html or "")
    try:
        data = html.encode("utf-8")  # fails on surrogates
    except UnicodeEncodeError:
        pass
    else:
        if len(data.translate(None, _CONTROL_BYTES)) == len(data) and "\ufffe" not in html and "\uffff" not in html:
            return html, data
    text = _clean_text(html)
    return text, text.encode("utf-8")


def parse_page(html: Any) -> ParsedPage:
    """The page as an lxml tree, whatever encoding it declares."""
    text, data = clean_input(html)
    if not text or text.isspace():
        return ParsedPage(text, None, True)
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True, no_network=True)
    parser.set_element_class_lookup(_ELEMENT_CLASSES)
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
    except EXTRACTOR_ERRORS:
        return ParsedPage(text, None, True)
    if not isinstance(root, HtmlElement):
        return ParsedPage(text, None, True)
    if _CONTROL_REFERENCE.search(data):
        _drop_forbidden_characters(root)
        return ParsedPage(text, root, False)
    return ParsedPage(text, root, True)


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


# ---------------------------------------------------------------------------------------------
# Page code and hidden elements
# ---------------------------------------------------------------------------------------------


def strip_page_code(root: HtmlElement) -> list[Record]:
    """Remove script, style, noscript, template, svg and MathML annotations from the whole page."""
    counts: dict[str, int] = {}
    for el in list(root.iter(*PAGE_CODE_TAGS)):
        if el.getparent() is None:
            continue
        tag = tag_of(el) or ""
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


# The elements strip_hidden looks at, in document order (one attribute walk each is cheaper
# than testing three attributes on every element).
_MAYBE_HIDDEN = etree.XPath("//@hidden/.. | //@aria-hidden/.. | //@style/..")


def strip_hidden(root: HtmlElement) -> list[Record]:
    """Remove the elements the page hides (a formula's MathML beside its image, a collapsed
    menu, text for another layout), recording each."""
    records: list[Record] = []
    gone: set[HtmlElement] = set()  # what is inside an element already removed
    for el in _MAYBE_HIDDEN(root):
        if el in gone:
            continue
        tag = tag_of(el)
        if tag is None or tag in ("html", "head", "body") or not is_hidden(el):
            continue
        records.append(removed(STAGE, "hidden element", collapse(el.text_content()).strip()[:300], tag=tag))
        gone.update(el.iterdescendants())
        el.drop_tree()
    return records


# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------


def tag_of(el: Any) -> str | None:
    """The element's lower-case tag, or None for comments and processing instructions."""
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else None


def collapse(text: str | None) -> str:
    """Runs of whitespace (non-breaking spaces included) as one space.

    >>> collapse("a\\u00a0 \\n\\tb ")
    'a b '
    """
    if not text:
        return ""
    # What re.sub(r"\s+", " ", text) gives, without a regular expression match per space.
    parts = text.split()
    if not parts:
        return " "
    core = " ".join(parts)
    return (" " if text[0].isspace() else "") + core + (" " if text[-1].isspace() else "")


def words(text: str) -> list[str]:
    """The words of ``text`` (runs of ``\\w``), case-folded.

    >>> words("Ada's GEARS, 2 of them"), words("snake_case  x")
    (['ada', 's', 'gears', '2', 'of', 'them'], ['snake_case', 'x'])
    """
    # What _WORD.findall() finds, split at whitespace first: a regular expression match costs
    # more than a whole run of str.split(), and most pieces are one word already.
    out: list[str] = []
    for piece in text.casefold().split():
        if piece.isalnum():
            out.append(piece)
        else:
            out.extend(_WORD.findall(piece))
    return out


def word_set(text: str) -> set[str]:
    """The distinct :func:`words` of ``text``."""
    pieces = set(text.casefold().split())
    out = {piece for piece in pieces if piece.isalnum()}
    for piece in pieces:
        if not piece.isalnum():
            out.update(_WORD.findall(piece))
    return out


def has_word(text: str) -> bool:
    """Whether :func:`words` finds any word in ``text``."""
    # A word character case-folds to a string holding one, so the text as written is enough to
    # find one; only a text without any needs folding (a few characters become one when folded).
    return _WORD.search(text) is not None or _WORD.search(text.casefold()) is not None


def nonspace_length(text: str | None) -> int:
    """How many characters of ``text`` are not whitespace."""
    return len("".join(text.split())) if text else 0


def line_key(text: str) -> str:
    """The form UI phrases are compared in (NFKC, case-folded, single spaces)."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split()).rstrip(" .…:")


def is_below(el: HtmlElement, context: HtmlElement) -> bool:
    """Whether ``el`` is a descendant of ``context`` (False once it has been taken out)."""
    return any(a is context for a in el.iterancestors())


def outermost(elements: list[HtmlElement]) -> list[HtmlElement]:
    """Those of ``elements`` not inside another one, in their order."""
    chosen = set(elements)
    return [el for el in elements if not any(a in chosen for a in el.iterancestors())]


def plain_text(el: HtmlElement, skip: set[HtmlElement]) -> str:
    """The text of ``el``, one line per block, leaving out the elements in ``skip`` below it."""
    parts: list[str] = []

    def walk(node: HtmlElement, depth: int) -> None:
        tag = tag_of(node)
        if tag is not None and not (depth and node in skip) and tag not in SKIP_TAGS:
            if depth > MAX_DEPTH:
                parts.append(node.text_content())
            elif tag == "br":
                parts.append("\n")
            else:
                block = tag in BLOCK_TAGS
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


def holders_of_blocks(root: HtmlElement) -> set[HtmlElement]:
    """Every element with a block-level element somewhere inside it."""
    holders: set[HtmlElement] = set()
    for el in root.iter():
        tag = tag_of(el)
        if tag is None or not (tag in BLOCK_TAGS or "-" in tag):
            continue
        parent = el.getparent()
        while parent is not None and parent not in holders:
            holders.add(parent)
            if parent is root:
                break
            parent = parent.getparent()
    return holders


def absolute(raw: str | None, base: str | None) -> str | None:
    """A safe address, made absolute against ``base`` when it is relative; None if unsafe.

    >>> absolute("/p/x", "https://a.org/b"), absolute(" java\\tscript:alert(1)", None), absolute("//c.org/i.png", None)
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


def http_base(*candidates: str | None) -> str | None:
    """The first of ``candidates`` that is an http(s) address, to resolve relative ones against."""
    for candidate in candidates:
        if candidate and _HTTP_URL.match(candidate.strip()):
            return candidate.strip()
    return None
