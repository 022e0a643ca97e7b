"""Feeds: RSS 2.0 and Atom (feedgen) and JSON Feed 1.1, for the site and for each series, tag,
person and company.

What RSS readers and RSS-to-email services rely on:
- each item's id is the post's permanent ``Guid`` (never its URL, title, slug or date), so a
  new host or a retitled post never looks like a new post;
- the summary comes first, the full HTML second, every URL inside content absolute, speaker
  labels kept in the text;
- newest first; the feed's own dates come from the newest post, not the clock, so the same
  content gives byte-identical feeds;
- the lead image three ways: ``media:content``, an RSS ``enclosure`` (when its size is known)
  and an ``<img>`` at the top of the content.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable
from urllib.parse import urljoin, urlsplit, urlunsplit

import lxml.html
from feedgen.feed import FeedGenerator

from .errors import BuildError
from .sanitize import sanitize_html, xml_safe

RSS_PATH = "feeds/rss.xml"
ATOM_PATH = "feeds/atom.xml"
JSON_PATH = "feeds/feed.json"
# The e-mail-ready RSS feed (for RSS-to-email services): each item's content is the post's
# e-mail edition (inline styles only, images at most the column's width).
EMAIL_PATH = "feeds/email.xml"
EMAIL_MAX_WIDTH = 600
# The podcast (RSS with enclosures, iTunes and Podcasting 2.0 elements): the interviews with an
# Audio (spotlight/podcast.py).
PODCAST_PATH = "feeds/podcast.xml"
SERIES_FEED_DIR = "feeds/series/{slug}/"
# A tag's, a person's and a company's own feeds (their pages' slugs), so that a reader (or an
# e-mail service) can follow one topic, one person or one company.
TAG_FEED_DIR = "feeds/tag/{slug}/"
PERSON_FEED_DIR = "feeds/people/{slug}/"
COMPANY_FEED_DIR = "feeds/companies/{slug}/"
# The three formats' file names inside a series', tag's, person's or company's folder.
FEED_FILES = {"rss": "rss.xml", "atom": "atom.xml", "json": "feed.json"}


def feed_paths(folder: str) -> dict[str, str]:
    """The three feeds of a folder ("feeds/tag/design/"), as :attr:`FeedChannel.paths`.

    >>> feed_paths(TAG_FEED_DIR.format(slug="design"))["atom"]
    'feeds/tag/design/atom.xml'
    """
    return {kind: folder + name for kind, name in FEED_FILES.items()}


def topic_feed_id(site_feed_id: str, kind: str, slug: str) -> str:
    """The fixed id of a series', tag's, person's or company's feed (``kind`` "tag", ``slug``
    its page's), made from the site feed's id so that it moves with the site, never with the
    host. An id that is a UUID URN (``FEED_ID``) gives a UUID URN, the name-based UUID of
    "kind/slug" in that UUID's namespace (a URN with a "#…" suffix is no valid UUID URN, and
    the W3C validator rejects it); any other id (the site's URL) gets a "#kind-slug" fragment.

    >>> topic_feed_id("urn:uuid:6f1d3c3e-5b7a-4f43-9b1e-2f6c1a8d9e40", "tag", "design")
    'urn:uuid:fcc6a941-ba6c-597f-87a6-e7934f626ce8'
    >>> topic_feed_id("https://ex.org/", "tag", "design")
    'https://ex.org/#tag-design'
    """
    if site_feed_id[:9].lower() == "urn:uuid:":
        try:
            namespace = uuid.UUID(site_feed_id[9:])
        except ValueError:
            pass
        else:
            return f"urn:uuid:{uuid.uuid5(namespace, f'{kind}/{slug}')}"
    return f"{site_feed_id}#{kind}-{slug}"


_URL_ATTRIBUTES = (("a", "href"), ("img", "src"), ("blockquote", "cite"), ("q", "cite"), ("audio", "src"), ("source", "src"))


@dataclass(frozen=True)
class LeadImage:
    """A post's lead image: absolute URL, MIME type, and size in bytes when known."""

    url: str
    type: str
    length: int | None = None
    width: int | None = None
    height: int | None = None
    alt: str = ""


@dataclass(frozen=True)
class FeedItem:
    """What a feed needs to know about one post; built from a Pelican article."""

    guid: str
    title: str
    url: str  # absolute
    date: dt.datetime  # time-zone aware
    summary_html: str
    content_html: str
    author: str | None
    categories: tuple[str, ...] = ()
    updated: dt.datetime | None = None
    image: LeadImage | None = None
    sanitized: bool = False  # the HTML was already sanitized (by the plugin): not cleaned again
    language: str | None = None  # the post's own language ("Lang: es"), when it has one


@dataclass(frozen=True)
class FeedChannel:
    """The feed as a whole; ``paths`` are where its three formats live, under the site."""

    title: str
    site_url: str
    description: str
    language: str
    feed_id: str = ""
    image_url: str | None = None
    paths: dict[str, str] = field(default_factory=lambda: {"rss": RSS_PATH, "atom": ATOM_PATH, "json": JSON_PATH})
    home_path: str = ""

    def url(self, kind: str) -> str:
        return absolute_url(self.site_url, self.paths[kind])

    @property
    def home_url(self) -> str:
        return absolute_url(self.site_url, self.home_path)

    @property
    def self_url(self) -> str:
        return self.url("rss")


def absolute_url(site_url: str, url: str) -> str:
    """``url``, a path from the site's root, as an absolute URL under the site's URL; a URL
    that is absolute already stays as it is ("//host/x" takes the site's scheme). A path from
    the server's root ("/about/") is a path from the site's root too, so a site under a
    sub-path never links outside it, and a path cannot climb above the site's root ("../x" is
    "x"). Without an absolute ``site_url`` (empty, or a bare path) there is no absolute URL
    to make: the result is "", and what has none leaves the URL out.

    >>> absolute_url("https://ex.org/blog", "ada/"), absolute_url("https://ex.org/blog", "/x#y")
    ('https://ex.org/blog/ada/', 'https://ex.org/blog/x#y')
    >>> absolute_url("https://ex.org/blog/", "../../x"), absolute_url("", "ada/"), absolute_url("", "https://o.org/")
    ('https://ex.org/blog/x', '', 'https://o.org/')
    """
    url = url.strip()  # (" /a:" would otherwise come out as "a:", no URL of the site)
    if urlsplit(url).scheme:
        return url
    base = site_url.rstrip("/") + "/"
    if url.startswith("//"):  # (another host: the site's scheme)
        return urljoin(base, url) if base.startswith(("https://", "http://")) else url
    if not base.startswith(("https://", "http://", "//")):
        return ""
    if _PLAIN_PATH.match(url) and "/." not in url and "//" not in url and "?" not in base and "#" not in base:
        return base + url  # what urljoin gives for a plain relative path, without parsing both
    joined = urljoin(base, url.lstrip("/"))
    if joined.startswith(base):
        return joined
    # A path that climbs above the site's root ("../../x"): its ".." stop at the root.
    parts = urlsplit(url.lstrip("/"))
    kept: list[str] = []
    for segment in parts.path.split("/"):
        if segment == "..":
            kept = kept[:-1]
        elif segment != ".":
            kept.append(segment)
    return urljoin(base, urlunsplit(("", "", "/".join(kept).lstrip("/"), parts.query, parts.fragment)))


# A relative path with no scheme, query, fragment or dot segment ("people/ada/", "post-1/").
_PLAIN_PATH = re.compile(r"[\w~%-][\w.~%/-]*\Z")


def absolutize_html(fragment: str, base_url: str, site_url: str | None = None) -> str:
    """Rewrite every relative ``href``/``src``/``cite`` in an HTML fragment against ``base_url``
    (the URL of the page the fragment is from). With ``site_url``, a link from the server's
    root ("/about/", as an author links the site's about page) is a path from the site's root
    (:func:`absolute_url`), so that a site under a sub-path never links outside it.

    >>> absolutize_html('<a href="/about/">a</a> <img src="x.png">', "https://ex.org/blog/ada/", "https://ex.org/blog")
    '<a href="https://ex.org/blog/about/">a</a> <img src="https://ex.org/blog/ada/x.png">'
    """
    if not fragment.strip() or _all_absolute(fragment):
        return fragment
    return _absolutize_parsed(fragment, base_url, site_url)


def _absolutize_parsed(fragment: str, base_url: str, site_url: str | None = None) -> str:
    """:func:`absolutize_html`, parsing the fragment whatever it holds."""
    wrapper = lxml.html.fragment_fromstring(fragment, create_parent="div")
    changed = False
    for tag, attribute in _URL_ATTRIBUTES:
        for element in wrapper.iter(tag):
            value = element.get(attribute)
            if value is None:
                continue
            if not urlsplit(value).scheme:
                from_root = absolute_url(site_url, value) if site_url and value.startswith("/") and not value.startswith("//") else ""
                element.set(attribute, from_root or urljoin(base_url, value))
                changed = True
    if not changed:
        return fragment
    return (wrapper.text or "") + "".join(lxml.html.tostring(child, encoding="unicode", method="html") for child in wrapper)


# An attribute absolutize_html looks at, with a quoted value (in a lowercased fragment); a
# value that starts with a scheme (as urlsplit finds one).
_URL_ATTRIBUTE = re.compile(r"""(?:href|src|cite)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:")


def _all_absolute(fragment: str) -> bool:
    """Whether ``fragment`` surely has no relative URL for :func:`absolutize_html` to
    rewrite, without parsing it: a post without links, or with absolute ones only (most of
    them; parsing and writing a post again costs 0.5 to 1 ms, for every feed and edition
    that shows it). Sure only when every "href", "src" and "cite" in it, in any case, starts
    an attribute with a quoted value that starts with a scheme (an entity cannot hide one:
    it starts with "&"). Anything else (the word in the text or inside a value, "srcset",
    an unquoted value, an attribute without a value) leaves it to the parser."""
    low = fragment.lower()  # (the parser takes attribute names in any case)
    names = low.count("href") + low.count("src") + low.count("cite")
    if not names:
        return True
    values = _URL_ATTRIBUTE.findall(low)
    return len(values) == names and all(_SCHEME.match(double or single) for double, single in values)


def check_site_url(site_url: str) -> None:
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise BuildError(
            f"SITEURL is {site_url!r}, but feeds need an absolute URL such as https://example.org: "
            "set SITEURL in pelicanconf.py or publishconf.py (or pass -e SITEURL='\"https://…\"')."
        )


def newest_first(items: Iterable[FeedItem], limit: int | None = None) -> list[FeedItem]:
    ordered = sorted(items, key=lambda i: (i.date, i.guid), reverse=True)
    return ordered[:limit] if limit is not None else ordered


# A channel's RSS, Atom and JSON feeds show the same items (and the site's and a series' feeds
# often the same posts): each item's HTML is made once, not once per feed. (Bounded: an item
# holds a whole post; FEED_MAX_ITEMS is 50 by default.)
@functools.lru_cache(maxsize=256)
def _content(item: FeedItem, site_url: str) -> tuple[str, str]:
    """(summary, full content) as safe HTML with absolute URLs (those from the server's root
    under ``site_url``, the channel's); the lead image on top."""
    clean = (lambda fragment: fragment) if item.sanitized else sanitize_html
    summary = absolutize_html(clean(item.summary_html), item.url, site_url) or html.escape(item.title)
    content = absolutize_html(clean(item.content_html), item.url, site_url)
    if item.image is not None:
        size = "".join(f' {k}="{v}"' for k, v in (("width", item.image.width), ("height", item.image.height)) if v)
        alt = html.escape(item.image.alt or item.title, quote=True)
        content = f'<p><img src="{html.escape(item.image.url, quote=True)}" alt="{alt}"{size}></p>\n' + content
    return summary, content


def _last_updated(items: list[FeedItem]) -> dt.datetime | None:
    return max((i.updated or i.date for i in items), default=None)


def _generator(channel: FeedChannel, kind: str, items: list[FeedItem], email: dict[str, str] | None = None) -> FeedGenerator:
    """The channel's feed; with ``email`` (an item's e-mail content by its guid), the e-mail
    feed: that content in ``content:encoded`` and no enclosure (the lead image is in it)."""
    fg = FeedGenerator()
    fg.load_extension("dc")
    fg.load_extension("media")
    fg.title(xml_safe(channel.title))
    fg.description(xml_safe(channel.description) or xml_safe(channel.title))
    fg.subtitle(xml_safe(channel.description) or xml_safe(channel.title))
    fg.language(channel.language)
    fg.id(channel.feed_id or channel.home_url)
    # feedgen keeps the last link() as the RSS channel <link>: self first, alternate last.
    self_type = "application/rss+xml" if kind == "rss" else "application/atom+xml"
    fg.link(href=channel.url(kind), rel="self", type=self_type)
    fg.link(href=channel.home_url, rel="alternate", type="text/html")
    fg.generator("Spotlight")
    if channel.image_url:
        if kind == "rss":
            fg.image(url=channel.image_url, title=xml_safe(channel.title), link=channel.home_url)
        else:
            fg.logo(channel.image_url)
            fg.icon(channel.image_url)
    newest = _last_updated(items)
    if items:
        fg.lastBuildDate(newest)
        fg.pubDate(items[0].date)
        fg.updated(newest)
    else:
        # An empty feed still needs a fixed date to stay reproducible.
        epoch = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
        fg.updated(epoch)
        fg.lastBuildDate(epoch)
    for item in items:
        summary, content = _content(item, channel.site_url)
        if email is not None:
            content = email[item.guid]
        entry = fg.add_entry(order="append")
        entry.id(item.guid)
        entry.guid(item.guid, permalink=False)
        entry.title(xml_safe(item.title))
        entry.link(href=item.url, rel="alternate", type="text/html")
        entry.published(item.date)
        entry.updated(item.updated or item.date)
        # (the RSS description and the Atom summary, declared HTML as it is: W3C's validator
        # warns of HTML in an Atom summary of the default type, text)
        entry.summary(summary, type="html")
        entry.content(content, type="html" if kind == "atom" else None)
        if item.author:
            entry.dc.dc_creator(xml_safe(item.author))
            entry.author(name=xml_safe(item.author))
        for name in item.categories:
            entry.category(term=xml_safe(name))
        if item.language:  # (an RSS item has no language element, and feedgen writes no xml:lang: Dublin Core's, in both)
            entry.dc.dc_language(xml_safe(item.language))
        if item.image is not None:
            media = {"url": item.image.url, "medium": "image", "type": item.image.type}
            if item.image.width and item.image.height:
                media.update(width=str(item.image.width), height=str(item.image.height))
            if item.image.length:
                media["fileSize"] = str(item.image.length)
            entry.media.content(media, group=None)
            if kind == "rss" and item.image.length and email is None:
                entry.enclosure(item.image.url, str(item.image.length), item.image.type)
    return fg


def build_rss(channel: FeedChannel, items: Iterable[FeedItem], *, limit: int | None = None) -> bytes:
    """The RSS 2.0 document (summary in ``description``, full HTML in ``content:encoded``)."""
    return rss_generator(channel, items, limit=limit).rss_str(pretty=True)


def rss_generator(channel: FeedChannel, items: Iterable[FeedItem], *, limit: int | None = None) -> FeedGenerator:
    """The feedgen generator of :func:`build_rss`, not serialized yet: for a feed that adds its
    own elements to the same channel and items (the podcast, :mod:`spotlight.podcast`)."""
    check_site_url(channel.site_url)
    return _generator(channel, "rss", newest_first(items, limit))


def build_atom(channel: FeedChannel, items: Iterable[FeedItem], *, limit: int | None = None) -> bytes:
    """The Atom document (``summary`` and ``content type="html"``)."""
    check_site_url(channel.site_url)
    return _generator(channel, "atom", newest_first(items, limit)).atom_str(pretty=True)


# What an e-mail client refuses or a feed reader drops in an e-mail's body.
_EMAIL_DROPPED = ("style", "link", "script", "meta", "title")


def email_content(item: FeedItem, body_html: str, *, max_width: int = EMAIL_MAX_WIDTH) -> str:
    """An item's content for the e-mail feed: a preheader line (the summary as plain text),
    then ``body_html``, the inner HTML of the post's finished e-mail edition (its CSS inlined
    into ``style`` attributes, its URLs absolute). No ``<style>``, ``<link>`` or ``<script>``
    is kept, and every ``<img>`` is at most ``max_width`` wide (its height scaled).

    >>> item = FeedItem(guid="g", title="T", url="https://ex.org/t/", date=dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc),
    ...                 summary_html="<p>Hi <b>there</b></p>", content_html="", author=None)
    >>> email_content(item, '<style>p{}</style><p style="margin:0"><img src="https://ex.org/a.png" width="1200" height="800"></p>')
    '<p style="margin:0 0 16px;font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#5b5b66">Hi there</p><p style="margin:0"><img src="https://ex.org/a.png" width="600" height="400"></p>'
    """
    summary = item.summary_html or ""
    text = lxml.html.fragment_fromstring(summary, create_parent="div").text_content() if summary.strip() else ""
    text = " ".join(text.split()) or item.title
    preheader = f'<p style="{_PREHEADER_STYLE}">{html.escape(text, quote=False)}</p>'
    if not body_html.strip():
        return preheader
    wrapper = lxml.html.fragment_fromstring(body_html, create_parent="div")
    for element in list(wrapper.iter(*_EMAIL_DROPPED)):
        element.drop_tree()
    for img in wrapper.iter("img"):
        width, height = _number(img.get("width")), _number(img.get("height"))
        if width is None or width > max_width:
            img.set("width", str(max_width))
            if width and height:
                img.set("height", str(round(height * max_width / width)))
            elif height is not None:
                del img.attrib["height"]
    body = (wrapper.text or "") + "".join(lxml.html.tostring(c, encoding="unicode", method="html") for c in wrapper)
    return preheader + body.strip()


_PREHEADER_STYLE = "margin:0 0 16px;font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#5b5b66"


def _number(value: str | None) -> int | None:
    """An HTML width or height ("600", "600px") as a number of pixels; None for anything else."""
    match = re.fullmatch(r"\s*(\d+)(?:px)?\s*", value or "")
    return int(match.group(1)) if match else None


def build_email_rss(channel: FeedChannel, entries: Iterable[tuple[FeedItem, str]], *, limit: int | None = None) -> bytes:
    """The e-mail feed, RSS 2.0: ``entries`` are (item, its :func:`email_content`); each item
    has that content in ``content:encoded``, the summary in ``description``, the lead image
    as ``media:content`` (and no enclosure), ``dc:creator``, its categories and its GUID."""
    check_site_url(channel.site_url)
    pairs = list(entries)
    contents = {item.guid: content for item, content in pairs}
    return _generator(channel, "rss", newest_first((item for item, _ in pairs), limit), email=contents).rss_str(pretty=True)


def write_email_feed(channel: FeedChannel, entries: Iterable[tuple[FeedItem, str]], output_dir: Path, *, limit: int | None = None) -> Path:
    """Write :func:`build_email_rss` at the channel's RSS path under ``output_dir``."""
    target = output_dir / channel.paths["rss"]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(build_email_rss(channel, entries, limit=limit))
    return target


def _rfc3339(value: dt.datetime) -> str:
    return value.isoformat(timespec="seconds")


def build_json_feed(channel: FeedChannel, items: Iterable[FeedItem], *, limit: int | None = None) -> bytes:
    """The JSON Feed 1.1 document (``summary`` and ``content_html``)."""
    check_site_url(channel.site_url)
    entries = []
    for item in newest_first(items, limit):
        summary, content = _content(item, channel.site_url)
        entry: dict[str, object] = {
            "id": item.guid,
            "url": item.url,
            "title": xml_safe(item.title),
            "summary": lxml.html.fragment_fromstring(summary, create_parent="div").text_content().strip() if summary.strip() else "",
            "content_html": content,
            "date_published": _rfc3339(item.date),
            "date_modified": _rfc3339(item.updated or item.date),
        }
        if item.author:
            entry["authors"] = [{"name": xml_safe(item.author)}]
        if item.categories:
            entry["tags"] = list(item.categories)
        if item.image is not None:
            entry["image"] = item.image.url
        if item.language:
            entry["language"] = item.language  # (JSON Feed 1.1: the item's own, over the feed's)
        entries.append(entry)
    feed: dict[str, object] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": xml_safe(channel.title),
        "home_page_url": channel.home_url,
        "feed_url": channel.url("json"),
        "description": xml_safe(channel.description),
        "language": channel.language,
    }
    if channel.image_url:
        feed["icon"] = channel.image_url
    feed["items"] = entries
    return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_feeds(channel: FeedChannel, items: list[FeedItem], output_dir: Path, *, limit: int | None = None) -> list[Path]:
    """Write the channel's RSS, Atom and JSON feeds under ``output_dir``; returns the paths."""
    written = []
    for kind, build in (("rss", build_rss), ("atom", build_atom), ("json", build_json_feed)):
        target = output_dir / channel.paths[kind]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(build(channel, items, limit=limit))
        written.append(target)
    return written
