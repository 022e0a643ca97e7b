"""The site's pages beyond the article: people, companies, series, structured data, sharing
tags, sitemap and robots.txt."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest

from spotlight.cli import main
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    base = tmp_path_factory.mktemp("site")
    shutil.copytree(Path(__file__).parent / "fixtures" / "site", base / "content")
    output = base / "output"
    assert main(["build", "--project", str(ROOT), "--content", str(base / "content"), "--output", str(output), "--publish"]) == 0
    return output


def _page(built: Path, path: str) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(built / path / "index.html")).getroot()


def _jsonld(tree: lxml.html.HtmlElement) -> dict:
    scripts = tree.xpath('//script[@type="application/ld+json"]/text()')
    assert len(scripts) == 1
    return json.loads(scripts[0])


def test_article_json_ld(built: Path) -> None:
    data = _jsonld(_page(built, "wren-oduya"))
    assert data["@type"] == "BlogPosting"
    assert data["author"] == {"@type": "Person", "name": "Lena Fairbrook"}
    about = data["about"]
    assert about["name"] == "Wren Oduya" and about["jobTitle"] == "Staff Engineer"
    assert about["worksFor"] == {"@type": "Organization", "name": "Quillmark"}
    assert data["datePublished"] == "2024-02-01T09:30:00+00:00" and data["dateModified"] == "2024-02-01T09:30:00+00:00"
    assert data["image"] == "https://spotlight.example.org/images/diagram.png"
    assert data["url"] == "https://spotlight.example.org/wren-oduya/"


def test_person_page_lists_every_interview_and_is_a_profile_page(built: Path) -> None:
    tree = _page(built, "people/wren-oduya")
    assert tree.xpath("//h1")[0].text_content().strip() == "Wren Oduya"
    links = tree.xpath('//article[@class="card"]//h3/a/@href')
    assert [link.rstrip("/").rsplit("/", 1)[-1] for link in links] == ["wren-oduya-returns", "wren-oduya"]
    data = _jsonld(tree)
    assert data["@type"] == "ProfilePage" and data["mainEntity"]["name"] == "Wren Oduya"
    assert data["mainEntity"]["sameAs"] == ["https://wren.example.org", "https://x.com/wren_types", "https://github.com/wrenoduya"]
    assert len(data["hasPart"]) == 2


def test_people_and_companies_indexes(built: Path) -> None:
    people = [a.text_content() for a in _page(built, "people").xpath("//main//h2/a")]
    assert people == ["Maro Eze", "Wren Oduya"]
    companies = _page(built, "companies")
    assert [a.text_content() for a in companies.xpath("//main//li/a")] == ["Pebblewick", "Quillmark"]
    quillmark = _page(built, "companies/quillmark")
    assert len(quillmark.xpath('//article[@class="card"]')) == 2


def test_article_profile_card_questions_and_pull_quote(built: Path) -> None:
    tree = _page(built, "wren-oduya-returns")
    card = tree.xpath('//aside[@class="profile-card"]')[0]
    assert card.xpath(".//a[@class='who']/@href")[0].endswith("/people/wren-oduya/")
    assert card.xpath(".//img/@src")[0].endswith("/images/diagram.png")
    assert [a.text for a in card.xpath('.//ul[@class="profile-links"]//a')] == ["Website", "X", "GitHub"]
    questions = tree.xpath('//nav[@class="questions"]//a')
    assert [(a.get("href"), a.text) for a in questions] == [("#q1", "What changed?"), ("#q2", "What stayed?")]
    for anchor in ("q1", "q2"):
        assert tree.xpath(f'//*[@id="{anchor}"]/@class') == ["turn turn-question"]
    assert tree.xpath('//figure[@class="pull-quote"]//p')[0].text == "Fonts are the slowest software we ship."
    assert "blog.example.com/wren-returns" in tree.xpath('//p[@class="source"]')[0].text_content()
    assert tree.xpath('//link[@rel="canonical"]/@href') == ["https://spotlight.example.org/wren-oduya-returns/"]
    assert tree.xpath("//time/@datetime")[0] == "2024-05-20T14:00:00+00:00"
    assert "min read" in tree.xpath('//p[@class="byline"]')[0].text_content()
    initials = _page(built, "maro-eze").xpath('//aside[@class="profile-card"]//span[contains(@class, "avatar-initials")]')
    assert initials[0].text == "ME"


def test_canonical_can_point_to_the_source(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(Path(__file__).parent / "fixtures" / "site", tmp_path / "content")
    out = tmp_path / "out"
    assert main(["build", "--project", str(ROOT), "--content", str(tmp_path / "content"), "--output", str(out), "-e", "CANONICAL_TO_SOURCE=true"]) == 0
    assert _page(out, "wren-oduya-returns").xpath('//link[@rel="canonical"]/@href') == ["https://blog.example.com/wren-returns"]


def test_series_page_and_kicker(built: Path) -> None:
    tree = _page(built, "series/test-talks")
    assert [a.text_content().strip() for a in tree.xpath("//ol//h2/a")] == ["Wren Oduya", "Maro Eze"]
    kicker = _page(built, "maro-eze").xpath('//p[@class="kicker"]')[0].text_content().strip()
    assert kicker == "#2 in Test Talks"  # the post's own Series_index


def test_sharing_tags_are_absolute(built: Path) -> None:
    tree = _page(built, "wren-oduya")
    meta = {m.get("property") or m.get("name"): m.get("content") for m in tree.xpath("//meta[@content]")}
    assert meta["og:type"] == "article" and meta["og:url"] == "https://spotlight.example.org/wren-oduya/"
    assert meta["og:image"] == meta["twitter:image"] == "https://spotlight.example.org/images/diagram.png"
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["og:title"].startswith("Test Talks #1")


def test_sitemap_and_robots(built: Path) -> None:
    from lxml import etree

    root = etree.parse(str(built / "sitemap.xml")).getroot()
    locs = [e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    for path in ("", "wren-oduya/", "maro-eze/", "people/", "people/wren-oduya/", "companies/quillmark/", "series/test-talks/", "tag/design/", "about/", "search/"):
        assert f"https://spotlight.example.org/{path}" in locs, path
    assert len(locs) == len(set(locs))
    robots = (built / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://spotlight.example.org/sitemap.xml" in robots


def test_search_index_is_built(built: Path) -> None:
    assert (built / "pagefind" / "pagefind-ui.js").is_file()
    assert list((built / "pagefind" / "fragment").iterdir())
