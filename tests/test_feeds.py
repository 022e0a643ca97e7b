"""The RSS feed, checked through feedparser (without a base URL, so relative links show)."""

from __future__ import annotations

import datetime as dt

import feedparser
import pytest

from spotlight.errors import BuildError
from spotlight.feeds import FeedChannel, FeedItem, absolutize_html, build_rss

UTC = dt.timezone.utc
CHANNEL = FeedChannel(title="Spotlight", site_url="https://ex.org/blog", description="Interviews", language="en")


def _item(slug: str, day: int, content: str = "<p>Body</p>") -> FeedItem:
    return FeedItem(
        title=f"Talk {slug}",
        url=f"https://ex.org/blog/{slug}/",
        date=dt.datetime(2024, 1, day, 9, tzinfo=UTC),
        summary_html=f"<p>Summary {slug}</p>",
        content_html=content,
        author="Lena Fairbrook",
        categories=("interviews", "design"),
    )


def test_rss_round_trip() -> None:
    content = '<p><strong>Lena Fairbrook:</strong> See <a href="/about/">about</a> and <img src="../img/x.png" alt="x"></p><script>bad()</script>'
    data = build_rss(CHANNEL, [_item("old", 1), _item("new", 3, content), _item("mid", 2)])
    feed = feedparser.parse(data)
    assert not feed.bozo, feed.bozo_exception
    assert [e.link for e in feed.entries] == ["https://ex.org/blog/new/", "https://ex.org/blog/mid/", "https://ex.org/blog/old/"]
    assert len({e.id for e in feed.entries}) == 3
    newest = feed.entries[0]
    assert newest.summary == "<p>Summary new</p>"
    html = newest.content[0].value
    assert "<strong>Lena Fairbrook:</strong>" in html
    assert 'href="https://ex.org/about/"' in html and 'src="https://ex.org/blog/img/x.png"' in html
    assert "bad()" not in html
    assert newest.author == "Lena Fairbrook"
    assert {t.term for t in newest.tags} == {"interviews", "design"}
    assert feed.feed.language == "en"
    assert any(link.rel == "self" and link.href == "https://ex.org/blog/feeds/rss.xml" for link in feed.feed.links)
    assert feed.feed.link == "https://ex.org/blog/"


def test_feed_is_reproducible_and_dated_by_the_newest_post() -> None:
    items = [_item("a", 1), _item("b", 2)]
    first = build_rss(CHANNEL, items)
    assert first == build_rss(CHANNEL, list(reversed(items)))
    assert b"<lastBuildDate>Tue, 02 Jan 2024 09:00:00 +0000</lastBuildDate>" in first


def test_limit_and_relative_site_url() -> None:
    feed = feedparser.parse(build_rss(CHANNEL, [_item(str(i), i) for i in range(1, 6)], limit=2))
    assert len(feed.entries) == 2
    with pytest.raises(BuildError, match="absolute URL"):
        build_rss(FeedChannel(title="x", site_url="", description="", language="en"), [])


def test_absolutize_keeps_absolute_and_mail_links() -> None:
    html = '<p><a href="mailto:a@b.c">m</a> <a href="https://o.org/x">o</a> <a href="#top">t</a></p>'
    out = absolutize_html(html, "https://ex.org/p/")
    assert 'href="mailto:a@b.c"' in out and 'href="https://o.org/x"' in out and 'href="https://ex.org/p/#top"' in out
