"""What a page says about its article: title, author, date, address, description, site name,
image and language, read from <meta> tags, JSON-LD, <title>, the first heading, bylines and
<time> elements, each with the record of where it was found.
"""

from __future__ import annotations

import json
import re
from types import MappingProxyType
from typing import Any, Mapping, NamedTuple

from lxml.html import HtmlElement

from ..blocks import cjk_chars
from ..dates import parse_date
from ..records import Record, found, missing
from ..speakers import is_person_name
from ..tables import BYLINE_PATTERNS
from .css import Selection
from .dom import STAGE, absolute, http_base, is_below, plain_text, tag_of, words

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
        "locale": ("og:locale",),
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

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")
_JSON_LD_WRAPPING = re.compile(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$|;\s*$")


# ---------------------------------------------------------------------------------------------
# <meta> and JSON-LD
# ---------------------------------------------------------------------------------------------


def _meta_values(metas: list[HtmlElement]) -> dict[str, str]:
    """<meta> content by lower-case property, name or itemprop (first one wins)."""
    values: dict[str, str] = {}
    for meta in metas:
        content = (meta.get("content") or "").strip()
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            # One <meta> may stand for several properties: property="og:title twitter:title".
            for key in (meta.get(attr) or "").lower().split():
                if key not in values:
                    values[key] = content
    return values


def _json_ld_objects(scripts: list[HtmlElement]) -> list[dict[str, Any]]:
    """Every JSON object in the page's JSON-LD scripts (lists and @graph flattened); invalid
    JSON is ignored."""
    objects: list[dict[str, Any]] = []
    for script in scripts:
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


class JsonLd(NamedTuple):
    """What the page's JSON-LD says of its article."""

    author: str | None
    date: str | None
    url: str | None
    site_name: str | None
    titles: tuple[str, ...] = ()  # the article's headline and name, as given


def _read_json_ld(objects: list[dict[str, Any]]) -> JsonLd:
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
    return JsonLd(author, date, url, site_name, titles)


# ---------------------------------------------------------------------------------------------
# Titles and bylines
# ---------------------------------------------------------------------------------------------


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
    ordered = sorted((w for w in prefixes if w), key=len, reverse=True)
    return re.compile(r"^(?:" + "|".join(re.escape(w) for w in ordered) + r")(?:\s*[:：／/]\s*|\s+|$)", re.I)


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
        if not line or parse_date(line) and len(words(line)) <= 6:
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
    ref = set(words(reference or ""))

    def similarity(candidate: str) -> float:
        have = set(words(candidate))
        return len(ref & have) / max(len(ref | have), 1)

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


def read_byline(selection: Selection, article: HtmlElement | None) -> tuple[str, str] | None:
    """The author a byline element names (and its selector): inside the article or the
    <article> around it first, then anywhere outside navigation and asides."""
    root = selection.root
    scopes = [article, *article.iterancestors("article"), root] if article is not None else [root]
    matches: dict[str, list[HtmlElement]] = {}  # each selector run once, when first needed, then filtered
    for scope in scopes:
        for selector in BYLINE_SELECTORS:
            if selector not in matches:
                matches[selector] = selection.select(selector)
            for el in matches[selector]:
                if scope is not root and el is not scope and not is_below(el, scope):
                    continue
                if scope is root and any(tag_of(a) in ("nav", "aside", "footer") for a in el.iterancestors()):
                    continue
                text = plain_text(el, set())
                if not text or len(text) > _MAX_BYLINE_CHARS:
                    continue
                name = byline_name(text)
                if name:
                    return name, selector
    return None


# ---------------------------------------------------------------------------------------------
# The page's metadata
# ---------------------------------------------------------------------------------------------


class PageMeta(NamedTuple):
    """The page's metadata (but its date), the records of where each field came from, and the
    sources the date is read from later."""

    title: str | None
    metadata: dict[str, str]
    records: list[Record]
    json_ld: JsonLd
    meta: dict[str, str]


def read_page_metadata(root: HtmlElement, url: str | None = None) -> PageMeta:
    """Title, author, canonical address, description, site name, image and language of a page
    (the publication date needs the article; see :func:`read_date`)."""
    # The elements read, in document order, in one walk of the page.
    found_tags: dict[str, list[HtmlElement]] = {"meta": [], "script": [], "title": [], "h1": [], "link": []}
    for el in root.iter(*found_tags):
        found_tags[el.tag].append(el)
    meta = _meta_values(found_tags["meta"])
    json_ld = _read_json_ld(_json_ld_objects(found_tags["script"]))
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

    title_el = next(iter(found_tags["title"]), None)
    document_title = _as_text(title_el.text_content() if title_el is not None else None)
    title, title_source = _closest(json_ld.titles, document_title), "json-ld"
    if not title:
        title, title_source = first_meta("title")
    if not title and document_title:
        title, title_source = title_from_document_title(document_title), "<title>"
    h1 = next(iter(found_tags["h1"]), None)
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

    base = http_base(url)
    canonical = None
    for link in found_tags["link"]:
        if "canonical" in (link.get("rel") or "").lower().split():
            canonical = absolute(_as_text(link.get("href")), base)
            if canonical:
                break
    if not put("canonical", canonical, "canonical link"):
        value, source = first_meta("canonical")
        if not put("canonical", absolute(value, base), source):
            put("canonical", json_ld.url, "json-ld")

    description, source = first_meta("description")
    put("description", description, source)
    image, source = first_meta("image")
    put("image", absolute(image, http_base(base, metadata.get("canonical"))), source)
    html_el = root if tag_of(root) == "html" else root.find(".//html")
    lang = _as_text(html_el.get("lang") or html_el.get("xml:lang")) if html_el is not None else None
    put("lang", lang, "html lang")
    locale, source = first_meta("locale")
    put("locale", locale, source)
    return PageMeta(title, metadata, records, json_ld, meta)


def read_date(page: PageMeta, article: HtmlElement | None, root: HtmlElement) -> tuple[str | None, str]:
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
        tag = tag_of(el)
        if tag is None:
            continue
        own = " ".join((el.text or "").split())
        if len(own) > _PROSE_CHARS and tag in ("p", "div", "section", "li"):
            return None
        if not own or len(own) > _MAX_DATELINE_CHARS or len(el.text_content()) > 2 * _MAX_DATELINE_CHARS:
            continue
        text = plain_text(el, set())
        if len(text) <= _MAX_DATELINE_CHARS:
            for line in text.split("\n"):
                date = parse_date(line)
                if date:
                    return date.isoformat()
    return None
