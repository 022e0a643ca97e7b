"""Feeds: the RSS 2.0 feed, built with feedgen from the rendered articles.

Full HTML in ``content:encoded``, the summary in ``description``, every URL inside content
made absolute, newest first, and a ``lastBuildDate`` taken from the newest post rather than
the clock so the same content gives the same feed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable
from urllib.parse import urljoin, urlsplit

import lxml.html
from feedgen.feed import FeedGenerator

from .errors import BuildError
from .sanitize import sanitize_html, xml_safe

RSS_PATH = "feeds/rss.xml"

_URL_ATTRIBUTES = (("a", "href"), ("img", "src"), ("blockquote", "cite"), ("q", "cite"))


@dataclass(frozen=True)
class FeedItem:
    """What a feed needs to know about one post; built from a Pelican article."""

    title: str
    url: str  # absolute
    date: dt.datetime  # time-zone aware
    summary_html: str
    content_html: str
    author: str | None
    categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class FeedChannel:
    title: str
    site_url: str
    description: str
    language: str
    path: str = RSS_PATH

    @property
    def self_url(self) -> str:
        return urljoin(self.site_url.rstrip("/") + "/", self.path)


def absolute_url(site_url: str, url: str) -> str:
    """``url`` made absolute against the site's URL (already absolute URLs stay).

    >>> absolute_url("https://ex.org/blog", "ada/"), absolute_url("https://ex.org", "/x#y")
    ('https://ex.org/blog/ada/', 'https://ex.org/x#y')
    """
    return urljoin(site_url.rstrip("/") + "/", url)


def absolutize_html(fragment: str, base_url: str) -> str:
    """Rewrite every relative ``href``/``src``/``cite`` in an HTML fragment against ``base_url``."""
    if not fragment.strip():
        return fragment
    wrapper = lxml.html.fragment_fromstring(fragment, create_parent="div")
    changed = False
    for tag, attribute in _URL_ATTRIBUTES:
        for element in wrapper.iter(tag):
            value = element.get(attribute)
            if value is None:
                continue
            if not urlsplit(value).scheme:
                element.set(attribute, urljoin(base_url, value))
                changed = True
    if not changed:
        return fragment
    inner = (wrapper.text or "") + "".join(
        lxml.html.tostring(child, encoding="unicode", method="html") for child in wrapper
    )
    return inner


def check_site_url(site_url: str) -> None:
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise BuildError(
            f"SITEURL is {site_url!r}, but feeds need an absolute URL such as https://example.org: "
            "set SITEURL in pelicanconf.py or publishconf.py (or pass -e SITEURL='\"https://…\"')."
        )


def build_rss(channel: FeedChannel, items: Iterable[FeedItem], *, limit: int | None = None) -> bytes:
    """The RSS 2.0 document for ``items`` (sorted newest first here)."""
    check_site_url(channel.site_url)
    ordered = sorted(items, key=lambda i: (i.date, i.url), reverse=True)
    if limit is not None:
        ordered = ordered[:limit]
    fg = FeedGenerator()
    fg.load_extension("dc")
    fg.title(xml_safe(channel.title))
    fg.description(xml_safe(channel.description) or xml_safe(channel.title))
    fg.language(channel.language)
    # feedgen keeps the last link() as the channel <link>: self first, alternate last.
    fg.link(href=channel.self_url, rel="self", type="application/rss+xml")
    fg.link(href=channel.site_url.rstrip("/") + "/", rel="alternate")
    fg.generator("Spotlight")
    if ordered:
        fg.lastBuildDate(ordered[0].date)
        fg.pubDate(ordered[0].date)
    for item in ordered:
        entry = fg.add_entry(order="append")
        entry.title(xml_safe(item.title))
        entry.link(href=item.url)
        entry.guid(item.url, permalink=True)
        entry.pubDate(item.date)
        summary = absolutize_html(sanitize_html(item.summary_html), item.url)
        content = absolutize_html(sanitize_html(item.content_html), item.url)
        entry.description(summary or xml_safe(item.title), isSummary=True)
        entry.content(content)
        if item.author:
            entry.dc.dc_creator(xml_safe(item.author))
        for name in item.categories:
            entry.category(term=xml_safe(name))
    return fg.rss_str(pretty=True)


def write_feed(data: bytes, output_dir: Path, path: str = RSS_PATH) -> Path:
    target = output_dir / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return target
