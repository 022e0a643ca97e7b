"""Finding the article in a page: trafilatura's reading of it, the element of the page's own DOM
that holds it (by the platforms' article-body selectors, checked against trafilatura's text, or
as the smallest element holding most of that text), and the pruning of that element: page
chrome (navigation, share bars, subscribe widgets, related posts, author boxes) and the link
lists and short furniture lines trafilatura left out.
"""

from __future__ import annotations

import re
from collections import Counter
from copy import deepcopy
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Callable, Mapping, NamedTuple

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from ..blocks import cjk_chars
from ..records import Record, found, missing, removed
from .css import Selection
from .dom import (
    EXTRACTOR_ERRORS,
    HEADINGS,
    STAGE,
    ParsedPage,
    collapse,
    has_word,
    holders_of_blocks,
    is_below,
    nonspace_length,
    plain_text,
    tag_of,
    word_set,
    words,
)

# ---------------------------------------------------------------------------------------------
# Tables. Selectors are CSS as cssselect reads it (values holding "." or "/" are quoted).
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

# The share of trafilatura's words a selector match must hold to be trusted.
_MIN_SELECTOR_SHARE = 0.25
# The share of trafilatura's words the element picked for it must hold.
_MIN_COVERAGE = 0.8
# trafilatura's recall mode now and then keeps a sliver of a long page (one teaser of a
# listing): below these, its balanced mode is asked too and the longer text is kept.
_FEW_TRAFILATURA_WORDS = 150
_PAGE_TO_TRAFILATURA = 8

_NONWORD = re.compile(r"\W+")

# ---------------------------------------------------------------------------------------------
# trafilatura
# ---------------------------------------------------------------------------------------------


class Trafilatura(NamedTuple):
    """trafilatura's main text (its comments kept apart): its words, non-space length and body tree."""

    words: list[str]
    length: int
    body: Any
    text: str = ""
    counts: Mapping[str, int] = MappingProxyType({})  # how often each word occurs in ``words``


_NOTHING = Trafilatura([], 0, None)

# trafilatura 2.3, given a string, repairs it and parses it with a parser of its own (see its
# utils.load_html); given a tree, it works on a copy. It would build the tree this stage parsed
# unless the page starts as a fragment, has a doctype it rewrites or a self-closed <html/>, or is
# past its parser's limits (elements nested more than 256 deep, texts over 10 MB).
_FULL_DOCUMENT = re.compile(r"^\s*<(?:html|!doctype)", re.I)  # lxml.html.fromstring's test
_DOCTYPE_REWRITTEN = re.compile("^< ?! ?DOCTYPE[^>]*/[^<>]*>", re.I)
_TOO_DEEP = etree.XPath("boolean(" + "/*" * 257 + ")")
_MAX_CHARS = 2_500_000  # 10 MB in UTF-8 at the very least


def _parsed_alike(page: ParsedPage) -> bool:
    """Whether trafilatura, given the page's text, would parse it into the page's tree."""
    text, root = page.text, page.root
    beginning = text[:50].lower()
    if not page.as_written or root is None or len(root) < 1 or len(text) >= _MAX_CHARS:
        return False
    if "html" not in beginning or not _FULL_DOCUMENT.match(text):
        return False
    if "doctype" in beginning:
        first_line, newline, _ = text.partition("\n")
        if not newline or _DOCTYPE_REWRITTEN.match(first_line):
            return False
    if any("<html" in line and line.endswith("/>") for line in text[:4096].splitlines()[:4]):
        return False
    return not _TOO_DEEP(root)


def trafilatura_source(page: ParsedPage) -> HtmlElement | str:
    """What to hand trafilatura: the page's tree (trafilatura copies it) when it would parse the
    page's text into that very tree, else the text. Only before the tree is changed."""
    return page.root if page.root is not None and _parsed_alike(page) else page.text


def run_trafilatura(source: HtmlElement | str, url: str | None, *, favor_recall: bool = True) -> Trafilatura:
    """Trafilatura's main text (its comments kept apart), as words, and its body tree."""
    import trafilatura  # local: a fifth of a second to import, and only HTML input needs it

    try:
        # "xml" keeps the body tree as extracted: the "python" format also renders it as
        # Markdown text, which we do not use and which is quadratic in runs of bold text.
        document = trafilatura.bare_extraction(
            source,
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
    except EXTRACTOR_ERRORS:
        return _NOTHING
    if document is None:
        return _NOTHING
    body = document.get("body") if isinstance(document, dict) else getattr(document, "body", None)
    if body is None or not isinstance(getattr(body, "tag", None), str):
        return _NOTHING
    text = " ".join(body.itertext())
    found_words = words(text)
    return Trafilatura(found_words, nonspace_length(text), body, text, Counter(found_words))


def second_opinion(traf: Trafilatura, page: ParsedPage, url: str | None) -> Trafilatura:
    """trafilatura's balanced reading when its recall reading kept a sliver of a long page (the
    page's code and hidden elements already taken out), if that finds more."""
    if len(traf.words) >= _FEW_TRAFILATURA_WORDS or page.root is None:
        return traf
    body = page.root.find("body")
    if nonspace_length((body if body is not None else page.root).text_content()) <= _PAGE_TO_TRAFILATURA * max(traf.length, 1):
        return traf
    balanced = run_trafilatura(page.text, url, favor_recall=False)
    return balanced if len(balanced.words) > len(traf.words) else traf


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


def html_from_trafilatura(body: Any, comment_lines: set[str]) -> HtmlElement:
    """Trafilatura's body tree as HTML, without any paragraph that is one of the comments."""
    tree = deepcopy(body)
    for el in list(tree.iter()):
        tag = tag_of(el)
        if tag is None:
            continue
        rend = el.get("rend") or ""
        if tag == "hi":
            el.tag = _TRAFILATURA_HI.get(rend, "span")
        elif tag == "head":
            el.tag = rend if rend in HEADINGS else "h2"
        elif tag == "list":
            el.tag = "ol" if rend == "ol" else "ul"
        elif tag == "ref":
            el.tag = "a"
            el.set("href", el.get("target") or "")
        else:
            el.tag = _TRAFILATURA_TAGS.get(tag, "div")
    root = lxml.html.fragment_fromstring(etree.tostring(tree, encoding="unicode", method="html"), create_parent="div")
    for el in list(root.iter("p", "li", "blockquote")):
        if el.getparent() is not None and collapse(el.text_content()).strip().casefold() in comment_lines:
            el.drop_tree()
    return root


def _coverage(have: set[str] | frozenset[str], traf: Trafilatura) -> float:
    """The share of trafilatura's words (counted with repeats) among the words ``have``."""
    if not traf.words:
        return 0.0
    counts = traf.counts
    return sum(map(counts.__getitem__, counts.keys() & have)) / len(traf.words)


# ---------------------------------------------------------------------------------------------
# The article element
# ---------------------------------------------------------------------------------------------


def article_guard(selection: Selection, traf: Trafilatura) -> Callable[[HtmlElement], bool]:
    """A test of whether an element holds the article (then it is not a comment, whatever its
    class): it holds a platform's article body, or else most of trafilatura's text. The bodies
    are looked for on the first test (the page is not changed before)."""
    bodies: list[HtmlElement] = []
    looked = False

    def holds_article(el: HtmlElement) -> bool:
        nonlocal looked
        if not looked:
            looked = True
            lengths = {
                m: nonspace_length(m.text_content())
                for platform, selector in ARTICLE_BODY_SELECTORS
                if platform != "generic"
                for m in selection.select(selector)
            }
            largest = max(lengths.values(), default=0)
            # Only the big ones: a comment whose markup looks like an article body is still a comment.
            bodies.extend(m for m, n in lengths.items() if n and n * 2 >= largest)
        if any(m is el or is_below(m, el) for m in bodies):
            return True
        if bodies or not traf.words:
            return False
        return nonspace_length(el.text_content()) >= 0.3 * traf.length and _coverage(word_set(el.text_content()), traf) >= 0.5

    return holds_article


def _text_lengths(root: HtmlElement) -> dict[HtmlElement, int]:
    """Non-space characters of text under every element, in one bottom-up pass."""
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    lengths: dict[HtmlElement, int] = {}
    get = lengths.get
    for el in reversed(elements):
        text = el.text
        n = len("".join(text.split())) if text else 0  # nonspace_length(), inline: every element
        for child in el:
            n += get(child, 0)
            tail = child.tail
            if tail:
                n += len("".join(tail.split()))
        lengths[el] = n
    return lengths


class _Candidate(NamedTuple):
    elements: tuple[HtmlElement, ...]  # one match, or several sibling matches read as one
    rank: int
    selector: str
    length: int


def _selector_candidates(selection: Selection) -> list[_Candidate]:
    seen: set[HtmlElement] = set()
    lengths: dict[HtmlElement, int] = {}  # a match's text_content() holds the text under it
    out: list[_Candidate] = []
    for rank, (_platform, selector) in enumerate(ARTICLE_BODY_SELECTORS):
        matches = []
        for m in selection.select(selector):
            if m not in lengths:
                lengths[m] = nonspace_length(m.text_content())
            if lengths[m] > 0:
                matches.append(m)
        siblings: dict[HtmlElement, list[HtmlElement]] = {}
        for m in matches:
            if m not in seen:
                seen.add(m)
                out.append(_Candidate((m,), rank, selector, lengths[m]))
            parent = m.getparent()
            if parent is not None:
                siblings.setdefault(parent, []).append(m)
        # Several sibling matches (Medium's sections, Ghost's cards) make one article.
        for group in siblings.values():
            if len(group) > 1:
                out.append(_Candidate(tuple(group), rank, f"{selector} (x{len(group)})", sum(lengths[m] for m in group)))
    return out


def _within(inner: _Candidate, outer: _Candidate) -> bool:
    return all(any(e is o or is_below(e, o) for o in outer.elements) for e in inner.elements)


def _choose_candidate(candidates: list[_Candidate]) -> _Candidate | None:
    """The match with the most text, or a more specific one inside it holding half its text."""
    if not candidates:
        return None
    best = max(candidates, key=lambda c: (c.length, -c.rank))
    inner = [c for c in candidates if c.rank < best.rank and c.length * 2 >= best.length and _within(c, best)]
    return min(inner, key=lambda c: c.rank) if inner else best


def _candidate_element(candidate: _Candidate, selection: Selection) -> HtmlElement:
    """The candidate as one element: sibling matches are moved into a new <div> in their place."""
    first = candidate.elements[0]
    parent = first.getparent()
    if len(candidate.elements) == 1 or parent is None:
        return first
    selection.remember_order()
    wrapper = parent.makeelement("div", {})
    parent.insert(parent.index(first), wrapper)
    wrapper.extend(candidate.elements)
    return wrapper


def _element_covering(root: HtmlElement, traf: Trafilatura) -> tuple[HtmlElement, int] | None:
    """The smallest element holding most of trafilatura's words, and its word count."""
    body = root.find("body")
    top = body if body is not None else root
    top_text = top.text_content()
    ceiling = _coverage(word_set(top_text), traf)
    if ceiling < 0.5:
        return None
    need = _MIN_COVERAGE * ceiling
    lengths = _text_lengths(root)
    candidates = sorted(
        (el for el, n in lengths.items() if n >= 0.6 * traf.length * ceiling and tag_of(el) not in ("html", "head")),
        key=lambda el: lengths[el],
    )
    for el in candidates[:100]:
        el_words = words(el.text_content())
        if _coverage(set(el_words), traf) >= need:
            break
    else:
        el, el_words = top, words(top_text)
    # The whole page is only worth converting when it is little more than the article.
    if tag_of(el) in ("body", "html") and lengths.get(el, 0) > 1.5 * traf.length:
        return None
    return el, len(el_words)


def find_article(selection: Selection, traf: Trafilatura, records: list[Record]) -> HtmlElement | None:
    """The element holding the article (None: convert trafilatura's own output), recording how it
    was found."""
    root = selection.root
    chosen = _choose_candidate(_selector_candidates(selection))
    if chosen is not None:
        element_words = [words(el.text_content()) for el in chosen.elements]
        count = sum(len(w) for w in element_words)
        # A generic match ("article") may be one teaser of a listing: it must hold most of
        # trafilatura's text. A platform's own article body needs only a share of it.
        generic = ARTICLE_BODY_SELECTORS[chosen.rank][0] == "generic"
        if not traf.words or (
            count >= _MIN_SELECTOR_SHARE * len(traf.words)
            and (not generic or sum(_coverage(set(w), traf) for w in element_words) >= _MIN_AGREEMENT)
        ):
            records.append(found(STAGE, "article body", chosen.selector, source="selector", words=count))
            return _candidate_element(chosen, selection)
        records.append(
            missing(STAGE, "article body by selector", selector=chosen.selector, words=count, trafilatura_words=len(traf.words))
        )
    if traf.words:
        covering = _element_covering(root, traf)
        if covering is not None:
            el, count = covering
            where = el.tag + "".join(f".{c}" for c in (el.get("class") or "").split()[:3])
            records.append(found(STAGE, "article body", where, source="trafilatura", words=count))
            return el
        records.append(found(STAGE, "article body", "trafilatura text", source="trafilatura text", words=len(traf.words)))
        return None
    body = root.find("body")
    records.append(found(STAGE, "article body", "body", source="whole page"))
    return body if body is not None else root


# ---------------------------------------------------------------------------------------------
# Page chrome inside the article
# ---------------------------------------------------------------------------------------------


def _chrome_marker(el: HtmlElement, tag: str) -> str | None:
    if tag in CHROME_TAGS:
        return tag
    keys = el.keys()  # one call, then only the attributes the element has are read
    if not keys:
        return None
    role = (el.get("role") or "").strip().lower() if "role" in keys else ""
    if role in CHROME_ROLES:
        return f"role={role}"
    test_id = (el.get("data-testid") or "").strip().lower() if "data-testid" in keys else ""
    if test_id in CHROME_TEST_IDS:
        return f"data-testid={test_id}"
    names = (el.get("class") or "") if "class" in keys else ""
    ident = el.get("id") if "id" in keys else None
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
        marker_words = _name_words(marker)
        alternatives.append(f"(?P<m{i}>" + " ".join(re.escape(w) for w in marker_words) + f"(?:{suffixes}))")
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
    heading = el if tag_of(el) in HEADINGS else next((h for h in el.iter(*HEADINGS)), None)
    if heading is None:
        return False
    id_words = _name_words(ident)
    title_words = words(heading.text_content())
    return bool(id_words) and bool(title_words) and all(w in title_words for w in id_words if not w.isdigit())


def strip_page_chrome(article: HtmlElement) -> list[Record]:
    """Remove navigation, asides, forms, buttons, share bars, subscribe widgets, related posts
    and author boxes from the article, never an element holding most of its text."""
    total = nonspace_length(article.text_content())
    records: list[Record] = []
    # In document order, each element's subtree skipped when the element goes (removing one
    # leaves the elements below the others as they were).
    nodes = list(article.iterdescendants())
    i = 0
    while i < len(nodes):
        el = nodes[i]
        i += 1
        tag = tag_of(el)
        if tag is None:
            continue
        marker = _chrome_marker(el, tag)
        if marker is not None:
            text = plain_text(el, set())
            if not (total and nonspace_length(text) * 2 > total):
                records.append(removed(STAGE, "page chrome", text, tag=tag, marker=marker))
                i += sum(1 for _ in el.iterdescendants())
                el.drop_tree()
    return records


# ---------------------------------------------------------------------------------------------
# Blocks the page's DOM holds and trafilatura left out
# ---------------------------------------------------------------------------------------------

# Kept even when trafilatura drops them: what trafilatura is known to lose (captions, quotes,
# code) and what the Markdown writer needs whole.
_ALWAYS_KEPT: frozenset[str] = frozenset({"figure", "figcaption", "blockquote", "pre", "code", "table", "img", "picture", "math"})
_ALWAYS_KEPT_TAGS: tuple[str, ...] = tuple(sorted(_ALWAYS_KEPT))
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
    """Text compared without case, spacing or punctuation (trafilatura re-spaces what it keeps):
    its words, joined (whitespace removed first: far fewer matches for the expression)."""
    return _NONWORD.sub("", "".join(text.casefold().split()))


def _link_density(el: HtmlElement, length: int, link_lengths: dict[HtmlElement, int]) -> float:
    """The share of ``el``'s text inside links (a link inside a link counted once).
    ``link_lengths`` keeps each link's share across calls: a link's text is not changed between
    the first block holding it being measured and the last."""
    if not length:
        return 0.0
    linked = 0
    for a in el.iter("a"):
        n = link_lengths.get(a)
        if n is None:
            n = 0 if any(p.tag == "a" for p in a.iterancestors()) else nonspace_length(a.text_content())
            link_lengths[a] = n
        linked += n
    return min(1.0, linked / length)


def _is_short(text: str) -> bool:
    text_words = words(text)
    if not text_words:
        return True
    cjk = cjk_chars(text)
    if cjk * 2 > nonspace_length(text):
        return cjk <= _SHORT_CJK_CHARS
    return len(text_words) <= _SHORT_WORDS


def prune_unagreed_blocks(article: HtmlElement, traf: Trafilatura) -> list[Record]:
    """Remove the article's link lists and short furniture that trafilatura's text does not hold.

    Only where trafilatura's text is mostly inside the article (it found this article); prose,
    captions, quotes, code and tables are never removed this way, so a block trafilatura missed
    but the page shows as part of the article stays.
    """
    traf_key = "".join(traf.words)
    if not traf_key:
        return []
    article_words = words(article.text_content())
    article_key = "".join(article_words)
    if not article_key or _coverage(set(article_words), traf) < _MIN_AGREEMENT:
        return []
    prune_short = len(traf_key) >= _MIN_TRAFILATURA_SHARE * len(article_key)
    holders = holders_of_blocks(article)
    link_lengths: dict[HtmlElement, int] = {}
    records: list[Record] = []
    stack = list(reversed(list(article)))
    while stack:
        el = stack.pop()
        tag = tag_of(el)
        if tag is None or tag in _ALWAYS_KEPT:
            continue
        text = el.text_content()
        if not has_word(text) and next(el.iterdescendants("img"), None) is not None:
            continue
        length = nonspace_length(text)
        if not length:
            continue
        if length <= traf.length and _text_key(text) in traf_key:  # a longer block cannot be part of it
            continue
        if _link_density(el, length, link_lengths) >= _LINK_DENSE:
            reason = "links trafilatura left out"
        elif (
            prune_short
            and el not in holders
            and _is_short(text)
            and tag not in HEADINGS
            and next(el.iterdescendants(*_ALWAYS_KEPT_TAGS), None) is None
        ):
            reason = "short line trafilatura left out"
        else:
            stack.extend(reversed(list(el)))
            continue
        records.append(removed(STAGE, "page furniture", collapse(text).strip()[:300], tag=tag, why=reason))
        el.drop_tree()
    records.extend(_drop_orphan_headings(article, traf_key))
    return records


def _drop_orphan_headings(article: HtmlElement, traf_key: str) -> list[Record]:
    """Headings trafilatura left out that now head nothing (the title of a removed link list)."""
    records: list[Record] = []
    for heading in list(article.iter(*HEADINGS)):
        if heading.getparent() is None or _text_key(heading.text_content()) in traf_key:
            continue
        following = heading.getnext()
        while following is not None and not isinstance(following.tag, str):
            following = following.getnext()
        if following is None and not _text_key(heading.tail or "") or following is not None and tag_of(following) in HEADINGS:
            records.append(removed(STAGE, "page furniture", collapse(heading.text_content()).strip()[:300], tag=tag_of(heading), why="heading of nothing"))
            heading.drop_tree()
    return records
