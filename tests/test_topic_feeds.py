"""A feed per tag, per person and per company (RSS, Atom, JSON Feed), linked from its page with
``<link rel="alternate">`` and holding exactly that page's published interviews, newest first:
so an e-mail service can send one topic, or everything about one person or one company.

The expected interviews are worked out here from the posts this test writes (``write_posts``'s
pattern, plus a few written by hand), never from the code under test."""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import uuid
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import feedparser
import lxml.html
import pytest
from lxml import etree

from spotlight.cli import main
from tests.conftest import ROOT, write_posts

SITE = "https://example.org/spot"  # (under a sub-path: a link from the server's root would show)
N = 12  # posts from write_posts: post-i has tags (craft, teams, tools)[i % 3] and (data, design)[i % 2], Company Firm{i % 4}
FEED_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml", "json": "application/feed+json"}
SITE_FEEDS = {"feeds/rss.xml", "feeds/atom.xml", "feeds/feed.json", "feeds/email.xml"}  # (the site's feeds, on every page)


def _date_of(slug: str) -> dt.datetime:
    """An interview's date, as this test (or write_posts) wrote it."""
    if slug in EXTRA:
        return dt.datetime.strptime(EXTRA[slug][0], "%Y-%m-%d %H:%M")
    i = int(slug.removeprefix("post-"))
    return dt.datetime(2024, 1 + i % 12, 1 + i % 27, 10, i % 60)


# Posts written by hand beside write_posts's: a second and a third interview with the person of
# post-0 (at another company), a draft and a post dated in the future that name the same tag,
# person and company (and must be in no feed), and a company and a person with hostile names.
EXTRA = {
    "again-1": ("2025-03-01 09:00", "Ines Marlow 0", "Firm1", "data, Later"),
    "again-2": ("2023-05-05 09:00", "ines marlow 0", "Otherco", "craft"),  # (the same person, case aside)
    "hostile": ("2024-06-06 09:00", 'Eve "<script>alert(1)</script>" Quote', "Acme <img src=x onerror=alert(1)> & Co", "data"),
}
UNPUBLISHED = {
    "a-draft": ("2024-07-01 09:00", "Status: draft\n"),
    "the-future": ((dt.date.today() + dt.timedelta(days=60)).isoformat() + " 09:00", ""),
}


def _expected() -> dict[str, set[str]]:
    """Page (its folder in the output) -> the slugs of the interviews it lists and its feeds hold."""
    tags: dict[str, set[str]] = {}
    firms: dict[str, set[str]] = {}
    for i in range(N):
        for tag in (("craft", "teams", "tools")[i % 3], ("data", "design")[i % 2]):
            tags.setdefault(tag, set()).add(f"post-{i}")
        firms.setdefault(f"firm{i % 4}", set()).add(f"post-{i}")
    tags["data"] |= {"again-1", "hostile"}
    tags["craft"] |= {"again-2"}
    firms["firm1"] |= {"again-1"}
    return {
        "tag/data": tags["data"],
        "tag/craft": tags["craft"],
        "tag/later": {"again-1"},
        "people/ines-marlow-0": {"post-0", "again-1", "again-2"},
        "people/tomas-achebe-1": {"post-1"},
        "companies/firm1": firms["firm1"],
        "companies/otherco": {"again-2"},
    }


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("topic-feeds")
    content = base / "content"
    write_posts(content, N)
    posts = content / "interviews"
    for n, (slug, (date, guest, company, tags)) in enumerate(EXTRA.items()):
        (posts / f"{slug}.md").write_text(
            f"Title: Talk {slug}\nDate: {date}\nAuthor: Avery Lane\nInterviewee: {guest}\nRole: Engineer\nCompany: {company}\n"
            f"Tags: {tags}\nSlug: {slug}\nGuid: urn:uuid:00000000-0000-4000-9000-{n:012d}\n\n"
            f"An introduction.\n\n**Avery Lane:** Why?\n\n**{guest}:** Because.\n",
            encoding="utf-8",
        )
    for n, (slug, (date, status)) in enumerate(UNPUBLISHED.items()):
        (posts / f"{slug}.md").write_text(
            f"Title: Not yet {slug}\nDate: {date}\n{status}Author: Avery Lane\nInterviewee: Ines Marlow 0\nCompany: Firm1\n"
            f"Tags: data, craft\nSlug: {slug}\nGuid: urn:uuid:00000000-0000-4000-a000-{n:012d}\n\nNot yet.\n\n**Avery Lane:** Ready?\n\n**Ines Marlow 0:** No.\n",
            encoding="utf-8",
        )
    out = base / "output"
    code = main(["build", "--project", str(ROOT), "--content", str(content), "--output", str(out),
                 "-e", f'SITEURL="{SITE}"', "-e", "RELATIVE_URLS=false", "-e", "SEARCH_INDEX=false"])
    if code != 0:
        pytest.fail(f"the build exited with {code}; its error is in the captured stderr", pytrace=False)
    return out


def _site_path(url: str) -> str:
    """An absolute URL under SITE as a path from the site's root ("tag/data/")."""
    assert url.startswith(SITE + "/"), url
    return unquote(urlsplit(url).path)[len(urlsplit(SITE).path) + 1:]


def _output_file(output: Path, url: str) -> Path:
    path = _site_path(url)
    target = output / path
    return target / "index.html" if path.endswith("/") or path == "" else target


def _topic_feeds(output: Path, page: str) -> dict[str, str]:
    """The page's own feeds (not the site's, which every page links) by kind: absolute URLs of
    its <link rel="alternate"> elements, each resolved against the page's URL."""
    page_url = f"{SITE}/{page}/"
    tree = lxml.html.fromstring((output / page / "index.html").read_bytes())
    found: dict[str, list[str]] = {}
    for link in tree.xpath('//head/link[@rel="alternate"]'):
        url = urljoin(page_url, link.get("href"))
        if _site_path(url) in SITE_FEEDS:
            continue
        kind = next((k for k, t in FEED_TYPES.items() if t == link.get("type")), None)
        assert kind, f"{page}: an alternate of type {link.get('type')}"
        found.setdefault(kind, []).append(url)
    assert {k: len(v) for k, v in found.items()} == {"rss": 1, "atom": 1, "json": 1}, f"{page}: {found}"
    return {k: v[0] for k, v in found.items()}


@pytest.mark.parametrize("page", sorted(_expected()))
def test_the_page_links_feeds_holding_exactly_its_interviews(output: Path, page: str) -> None:
    expected = _expected()[page]
    urls = {f"{SITE}/{slug}/" for slug in expected}
    newest_first = sorted(expected, key=_date_of, reverse=True)
    feeds = _topic_feeds(output, page)
    for kind in ("rss", "atom"):
        target = _output_file(output, feeds[kind])
        assert target.is_file(), f"{page}: its {kind} feed {feeds[kind]} is not in the output"
        feed = feedparser.parse(target.read_bytes())
        assert not feed.bozo, f"{page} ({kind}): {feed.bozo_exception}"
        assert feed.version.startswith(kind), feed.version
        links = [e.link for e in feed.entries]
        assert set(links) == urls and len(links) == len(urls), f"{page} ({kind}): {sorted(links)} != {sorted(urls)}"
        assert links == [f"{SITE}/{slug}/" for slug in newest_first], f"{page} ({kind}): not newest first"
        assert feed.feed.link == f"{SITE}/{page}/"  # (the channel's home is the page)
    items = json.loads(_output_file(output, feeds["json"]).read_text(encoding="utf-8"))["items"]
    assert {i["url"] for i in items} == urls and len(items) == len(urls)
    # The visible "Follow … by RSS" link is the RSS feed too.
    tree = lxml.html.fromstring((output / page / "index.html").read_bytes())
    assert feeds["rss"] in [urljoin(f"{SITE}/{page}/", h) for h in tree.xpath("//main//a/@href")], f"{page}: no visible RSS link"


def test_titles_name_the_topic_and_ids_are_the_sites_own(output: Path) -> None:
    titles = {}
    ids = {}
    for folder in ("feeds/tag/data", "feeds/people/ines-marlow-0", "feeds/companies/firm1", "feeds/series/builders-0"):
        feed = feedparser.parse((output / folder / "atom.xml").read_bytes())
        titles[folder] = feed.feed.title
        ids[folder] = feed.feed.id
    assert titles == {
        "feeds/tag/data": "Spotlight: interviews tagged data",
        "feeds/people/ines-marlow-0": "Spotlight: interviews with Ines Marlow 0",
        "feeds/companies/firm1": "Spotlight: interviews at Firm1",
        "feeds/series/builders-0": "Spotlight: Builders 0",
    }
    # FEED_ID's own (never the host's): valid UUID URNs (a "urn:uuid:…#tag-data" is none, and the
    # W3C validator rejects it), the name-based UUIDs of "kind/slug" in FEED_ID's namespace.
    site_id = uuid.UUID("6f1d3c3e-5b7a-4f43-9b1e-2f6c1a8d9e40")  # (pelicanconf.py's FEED_ID)
    assert ids == {
        "feeds/tag/data": f"urn:uuid:{uuid.uuid5(site_id, 'tag/data')}",
        "feeds/people/ines-marlow-0": f"urn:uuid:{uuid.uuid5(site_id, 'person/ines-marlow-0')}",
        "feeds/companies/firm1": f"urn:uuid:{uuid.uuid5(site_id, 'company/firm1')}",
        "feeds/series/builders-0": f"urn:uuid:{uuid.uuid5(site_id, 'series/builders-0')}",
    }
    assert len(set(ids.values())) == 4


def test_every_tag_person_and_company_page_has_its_feeds_and_no_unpublished_interview_is_in_one(output: Path) -> None:
    for pages, feeds in (("tag", "feeds/tag"), ("people", "feeds/people"), ("companies", "feeds/companies")):
        listed = {p.name for p in (output / pages).iterdir() if p.is_dir() and p.name != "page"}
        written = {p.name for p in (output / feeds).iterdir()}
        assert listed == written, pages
        for name in written:
            assert {f.name for f in (output / feeds / name).iterdir()} == {"rss.xml", "atom.xml", "feed.json"}
    assert {p.name for p in (output / "feeds" / "tag").iterdir()} == {"craft", "teams", "tools", "data", "design", "later"}
    assert len(list((output / "feeds" / "people").iterdir())) == N + 1  # (post-0's person has three interviews; the hostile one)
    for path in sorted((output / "feeds").rglob("*")):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            assert "a-draft" not in text and "the-future" not in text, path


def test_hostile_names_are_text_in_the_feeds_and_on_the_pages(output: Path) -> None:
    for folder, prefix in (("companies", "Spotlight: interviews at Acme"), ("people", "Spotlight: interviews with Eve")):
        found = [p.name for p in (output / folder).iterdir() if p.name.startswith(("acme", "eve"))]
        assert len(found) == 1, found
        page = f"{folder}/{found[0]}"
        feeds = _topic_feeds(output, page)
        for kind in ("rss", "atom"):
            data = _output_file(output, feeds[kind]).read_bytes()
            feed = feedparser.parse(data)
            assert not feed.bozo, feed.bozo_exception
            assert [e.link for e in feed.entries] == [f"{SITE}/hostile/"]
            title = etree.fromstring(data).findtext("channel/title" if kind == "rss" else "{http://www.w3.org/2005/Atom}title")
            assert title.startswith(prefix) and "<" not in title, title  # (text: no tag can open in it)
        tree = lxml.html.fromstring((output / page / "index.html").read_bytes())
        assert not tree.xpath("//img | //script[not(@type='application/ld+json')] | //@*[starts-with(name(), 'on')]"), page
        assert all("<" not in t for t in tree.xpath("//head/link[@rel='alternate']/@title")), page
