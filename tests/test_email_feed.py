"""The e-mail-ready feed, feeds/email.xml: RSS 2.0 whose items carry each interview's e-mail
edition (inline styles only, images at most 600 wide, the lead image first and as
media:content, no enclosure), with the site feed's GUIDs, linked from every page."""

from __future__ import annotations

import datetime as dt
import logging
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import lxml.html
import pytest
from lxml import etree

from spotlight.feeds import FeedChannel, FeedItem, LeadImage, build_email_rss, email_content
from tests.conftest import FIXTURES, build_into

MEDIA = "http://search.yahoo.com/mrss/"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("email-feed")
    content = base / "content"
    shutil.copytree(FIXTURES / "site", content)
    return build_into(content, base / "output")


@pytest.fixture(scope="module")
def items(built: Path) -> list[etree._Element]:
    root = etree.fromstring((built / "feeds" / "email.xml").read_bytes())
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.findall("channel/item")


def _content(item: etree._Element) -> lxml.html.HtmlElement:
    encoded = item.findtext(f"{{{CONTENT}}}encoded")
    assert encoded and encoded.strip()
    return lxml.html.fragment_fromstring(encoded, create_parent="div")


def test_email_feed_parses_and_has_the_site_feeds_items(built: Path, items: list[etree._Element]) -> None:
    parsed = feedparser.parse((built / "feeds" / "email.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    site = etree.fromstring((built / "feeds" / "rss.xml").read_bytes())
    site_guids = [g.text for g in site.findall("channel/item/guid")]
    email_guids = [i.findtext("guid") for i in items]
    assert email_guids == site_guids and len(set(email_guids)) == len(email_guids) == 3
    assert all(i.find("guid").get("isPermaLink") == "false" for i in items)
    assert [e.id for e in parsed.entries] == site_guids


def test_every_item_is_inline_styled_mail_html(items: list[etree._Element]) -> None:
    for item in items:
        body = _content(item)
        assert not list(body.iter("style", "link", "script"))
        assert any(el.get("style") for el in body.iter() if isinstance(el.tag, str))
        # The preheader: the first element, a visible line of the summary's plain text.
        first = body[0]
        assert first.tag == "p" and first.get("style") and first.text_content().strip()
        for img in body.iter("img"):
            assert (img.get("width") or "").isdigit() and int(img.get("width")) <= 600
        for element in body.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute) if isinstance(element.tag, str) else None
                if value is not None:
                    assert urlsplit(value).scheme in ("http", "https") and urlsplit(value).netloc, value
        assert item.findtext(f"{{{DC}}}creator")
        assert item.findall("category")
        assert item.find("enclosure") is None


def test_question_and_answer_turns_are_told_apart_by_inline_styles(items: list[etree._Element]) -> None:
    for item in items:
        body = _content(item)
        questions = body.find_class("turn-question")
        answers = body.find_class("turn-answer")
        assert questions and answers
        assert all(q.get("style") for q in questions) and all(a.get("style") for a in answers)
        assert {q.get("style") for q in questions}.isdisjoint({a.get("style") for a in answers})


def test_the_lead_image_is_first_and_media_content(items: list[etree._Element]) -> None:
    with_image = [i for i in items if i.find(f"{{{MEDIA}}}content") is not None]
    assert len(with_image) == 1  # (the fixture's first interview has Image)
    item = with_image[0]
    media = item.find(f"{{{MEDIA}}}content")
    assert media.get("medium") == "image" and media.get("type") == "image/png"
    first_img = next(_content(item).iter("img"))
    assert first_img.get("src") == media.get("url")
    assert item.find("enclosure") is None


def test_every_page_links_the_email_feed(built: Path) -> None:
    for page in (built / "index.html", next(built.glob("*/index.html"))):
        doc = lxml.html.fromstring(page.read_bytes())
        hrefs = [l.get("href") for l in doc.xpath('//head/link[@rel="alternate"][@type="application/rss+xml"]')]
        assert any(h and h.endswith("/feeds/email.xml") for h in hrefs), page


def _item(guid: str, day: int, **kwargs: object) -> FeedItem:
    return FeedItem(
        guid=guid, title=f"Post {day}", url=f"https://ex.org/p{day}/", date=dt.datetime(2024, 1, day, tzinfo=dt.timezone.utc),
        summary_html="<p>A <em>short</em> summary.</p>", content_html="<p>Body</p>", author="Avery", categories=("interviews",), **kwargs,  # type: ignore[arg-type]
    )


def test_email_content_drops_styles_and_caps_images() -> None:
    body = '<link rel="stylesheet" href="https://ex.org/s.css"><style>p{color:red}</style><p style="margin:0">x<img src="https://ex.org/a.png" width="1000" height="500"><img src="https://ex.org/b.png"></p>'
    out = lxml.html.fragment_fromstring(email_content(_item("g", 1), body), create_parent="div")
    assert not list(out.iter("style", "link"))
    assert out[0].text_content() == "A short summary."
    a, b = out.iter("img")
    assert (a.get("width"), a.get("height")) == ("600", "300") and b.get("width") == "600"


def test_build_email_rss_has_no_enclosure_even_with_a_known_size() -> None:
    image = LeadImage(url="https://ex.org/i.png", type="image/png", length=1234, width=800, height=400)
    channel = FeedChannel(title="S", site_url="https://ex.org", description="d", language="en", paths={"rss": "feeds/email.xml"})
    entries = [(_item("g1", 1, image=image), "<p>one</p>"), (_item("g2", 2), "<p>two</p>")]
    root = etree.fromstring(build_email_rss(channel, entries, limit=1))
    (item,) = root.findall("channel/item")
    assert item.findtext("guid") == "g2" and item.findtext(f"{{{CONTENT}}}encoded") == "<p>two</p>"
    root = etree.fromstring(build_email_rss(channel, entries))
    first = root.findall("channel/item")[1]
    assert first.find("enclosure") is None and first.find(f"{{{MEDIA}}}content").get("medium") == "image"


def test_a_long_item_warns_at_build(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "site", content)
    post = content / "interviews" / "second.md"
    post.write_text(post.read_text(encoding="utf-8") + "\n\n" + "\n\n".join(f"Paragraph {i}: " + "words " * 40 for i in range(500)) + "\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="spotlight.build"):
        build_into(content, tmp_path / "output")
    assert any("e-mail feed" in r.getMessage() and "clips" in r.getMessage() for r in caplog.records)
