"""The feeds (RSS, Atom, JSON Feed), checked through feedparser (without a base URL, so a
relative link would show) and structurally, rule by rule."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from spotlight.errors import BuildError
from spotlight.feeds import FeedChannel, FeedItem, LeadImage, absolute_url, absolutize_html, build_atom, build_json_feed, build_rss

UTC = dt.timezone.utc
CHANNEL = FeedChannel(title="Spotlight", site_url="https://ex.org/blog", description="Interviews", language="en", image_url="https://ex.org/blog/icon.png")
NS = {"atom": "http://www.w3.org/2005/Atom", "content": "http://purl.org/rss/1.0/modules/content/", "dc": "http://purl.org/dc/elements/1.1/", "media": "http://search.yahoo.com/mrss/"}
CONTENT = '<p><strong>Lena Fairbrook:</strong> See <a href="/about/">about</a> and <img src="../img/x.png" alt="x"></p><script>bad()</script>'


def _item(slug: str, day: int, content: str = "<p>Body</p>", image: LeadImage | None = None) -> FeedItem:
    return FeedItem(
        guid=f"urn:uuid:00000000-0000-4000-8000-0000000000{day:02d}",
        title=f"Talk {slug}",
        url=f"https://ex.org/blog/{slug}/",
        date=dt.datetime(2024, 1, day, 9, tzinfo=UTC),
        summary_html=f"<p>Summary {slug}</p>",
        content_html=content,
        author="Lena Fairbrook",
        categories=("interviews", "design"),
        image=image,
    )


IMAGE = LeadImage(url="https://ex.org/blog/images/wren.png", type="image/png", length=1234, width=640, height=480, alt="Wren")
ITEMS = [_item("old", 1), _item("new", 3, CONTENT, IMAGE), _item("mid", 2)]


@pytest.mark.parametrize("build", [build_rss, build_atom])
def test_round_trip(build) -> None:  # type: ignore[no-untyped-def]
    feed = feedparser.parse(build(CHANNEL, ITEMS))
    assert not feed.bozo, feed.bozo_exception
    assert [e.link for e in feed.entries] == ["https://ex.org/blog/new/", "https://ex.org/blog/mid/", "https://ex.org/blog/old/"]
    assert [e.id for e in feed.entries] == [i.guid for i in sorted(ITEMS, key=lambda i: i.date, reverse=True)]
    newest = feed.entries[0]
    assert newest.summary == "<p>Summary new</p>"
    html = newest.content[0].value
    assert "<strong>Lena Fairbrook:</strong>" in html
    # (a link from the server's root, "/about/", is the site's about page: under the site's address)
    assert 'href="https://ex.org/blog/about/"' in html and 'src="https://ex.org/blog/img/x.png"' in html
    assert "bad()" not in html
    first = html.split("</p>")[0]
    assert first.startswith("<p><img") and 'src="https://ex.org/blog/images/wren.png"' in first  # lead image on top
    assert newest.author == "Lena Fairbrook"
    assert {t.term for t in newest.tags} == {"interviews", "design"}
    assert feed.feed.language == "en"


def test_rss_structure() -> None:
    root = etree.fromstring(build_rss(CHANNEL, ITEMS))
    channel = root.find("channel")
    assert channel.findtext("language") == "en" and channel.findtext("description") == "Interviews"
    assert channel.find("image/url").text == "https://ex.org/blog/icon.png"
    selves = channel.findall("atom:link", NS)
    assert [(s.get("rel"), s.get("href")) for s in selves] == [("self", "https://ex.org/blog/feeds/rss.xml")]
    assert channel.findtext("link") == "https://ex.org/blog/"
    assert channel.findtext("lastBuildDate") == "Wed, 03 Jan 2024 09:00:00 +0000"
    item = channel.find("item")
    children = [etree.QName(c).localname for c in item]
    assert children.index("description") < children.index("encoded")
    guid = item.find("guid")
    assert guid.get("isPermaLink") == "false" and guid.text.startswith("urn:uuid:")
    assert item.findtext("pubDate") == "Wed, 03 Jan 2024 09:00:00 +0000"
    assert item.findtext("dc:creator", namespaces=NS) == "Lena Fairbrook"
    assert item.find("media:group", NS) is None
    media = item.find("media:content", NS)
    assert media.get("url") == IMAGE.url and media.get("medium") == "image"
    enclosure = item.find("enclosure")
    assert (enclosure.get("url"), enclosure.get("length"), enclosure.get("type")) == (IMAGE.url, "1234", "image/png")
    assert channel.findall("item")[1].find("enclosure") is None  # no image, no enclosure


def test_atom_structure() -> None:
    root = etree.fromstring(build_atom(CHANNEL, ITEMS))
    assert root.findtext("atom:updated", namespaces=NS) == "2024-01-03T09:00:00+00:00"
    links = [(link.get("rel"), link.get("href")) for link in root.findall("atom:link", NS)]
    assert ("self", "https://ex.org/blog/feeds/atom.xml") in links
    for entry in root.findall("atom:entry", NS):
        assert entry.find("atom:summary", NS) is not None
        assert entry.find("atom:content", NS).get("type") == "html"
        alternates = [link for link in entry.findall("atom:link", NS) if link.get("rel") in (None, "alternate")]
        assert len(alternates) == 1  # no enclosure turned into a second alternate
    assert root.find("atom:logo", NS).text == "https://ex.org/blog/icon.png"


def test_json_feed() -> None:
    feed = json.loads(build_json_feed(CHANNEL, ITEMS))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == "https://ex.org/blog/feeds/feed.json" and feed["home_page_url"] == "https://ex.org/blog/"
    assert [i["id"] for i in feed["items"]] == [i.guid for i in sorted(ITEMS, key=lambda i: i.date, reverse=True)]
    newest = feed["items"][0]
    assert newest["summary"] == "Summary new"
    assert "<strong>Lena Fairbrook:</strong>" in newest["content_html"] and "bad()" not in newest["content_html"]
    assert newest["date_published"] == "2024-01-03T09:00:00+00:00" and newest["image"] == IMAGE.url
    assert newest["authors"] == [{"name": "Lena Fairbrook"}]


def test_feeds_are_reproducible_whatever_the_input_order() -> None:
    for build in (build_rss, build_atom, build_json_feed):
        assert build(CHANNEL, ITEMS) == build(CHANNEL, list(reversed(ITEMS)))


def test_limit_and_relative_site_url() -> None:
    feed = feedparser.parse(build_rss(CHANNEL, [_item(str(i), i) for i in range(1, 6)], limit=2))
    assert len(feed.entries) == 2
    with pytest.raises(BuildError, match="absolute URL"):
        build_rss(FeedChannel(title="x", site_url="", description="", language="en"), [])


def test_absolutize_keeps_absolute_and_mail_links() -> None:
    html = '<p><a href="mailto:a@b.c">m</a> <a href="https://o.org/x">o</a> <a href="#top">t</a></p>'
    out = absolutize_html(html, "https://ex.org/p/")
    assert 'href="mailto:a@b.c"' in out and 'href="https://o.org/x"' in out and 'href="https://ex.org/p/#top"' in out


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["https://ex.org", "https://ex.org/blog/", "http://127.0.0.1:8000/a/b", "..", "", "https://ex.org/a"]),
    st.text(alphabet="ab./-_~%?#:é 1", max_size=20),
)
def test_absolute_url_stays_under_the_site(site: str, url: str) -> None:
    # A plain relative path gives what urljoin gives (absolute_url skips urljoin for it); a path
    # from the server's root or climbing with "../" stays under the site's address; a site
    # address that is not absolute gives no URL at all.
    got = absolute_url(site, url)
    url = url.strip()  # (absolute_url reads an address without the white space around it)
    if not site.startswith(("http://", "https://")):
        assert got == "" or got == url and (urlsplit(url).scheme or url.startswith("//")), (site, url, got)
    elif not urlsplit(url).scheme and not url.startswith("//"):
        base = urljoin(site.rstrip("/") + "/", ".")
        if not url.startswith("/") and ".." not in url:  # (a ".." climbs: it stops at the site's root)
            assert got == urljoin(site.rstrip("/") + "/", url)
        assert got.startswith(base.split("?")[0].split("#")[0]), (site, url, got)


def test_each_items_html_is_made_once_for_the_three_feeds(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from spotlight import feeds

    made: list[str] = []
    absolutize = feeds.absolutize_html
    monkeypatch.setattr(feeds, "absolutize_html", lambda fragment, base, site=None: made.append(base) or absolutize(fragment, base, site))
    feeds._content.cache_clear()
    channel = FeedChannel(title="Spotlight", site_url="https://ex.org/blog", description="Interviews", language="en", paths={"rss": "rss.xml", "atom": "atom.xml", "json": "feed.json"})
    items = [_item(f"p{day}", day, f"<p>Body {day} <a href='/x/'>x</a></p>") for day in range(1, 8)]
    written = feeds.write_feeds(channel, items, tmp_path)
    assert len(written) == 3
    assert sorted(made) == sorted([item.url for item in items] * 2)  # summary and content, once each
    for path in written:  # and every feed has every item's content, with absolute links
        assert path.read_text(encoding="utf-8").count("https://ex.org/blog/x/") == len(items)
