"""End to end on the real seed: import into a temporary site, build, read the page and feed."""

from __future__ import annotations

from pathlib import Path

import feedparser
import lxml.html

from spotlight.cli import main
from tests.conftest import ROOT, SEED


def test_seed_from_scrape_to_page_and_feed(seed_text: str, site: Path, tmp_path: Path) -> None:
    posts = site / "interviews"
    assert main(["import", str(SEED), "--out", str(posts), "--date", "2021-06-01"]) == 0
    output = tmp_path / "output"
    assert main(["build", "--project", str(ROOT), "--content", str(site), "--output", str(output), "--publish"]) == 0

    pages = [p for p in output.glob("*/index.html") if "employee-spotlight-2" in str(p)]
    assert len(pages) == 1
    page = pages[0]
    tree = lxml.html.parse(str(page)).getroot()
    profile = " ".join(tree.xpath('//p[@class="profile-line"]')[0].text_content().split())
    assert profile == "Skylar Payne, Machine Learning Lead at HealthRhythms"
    turns = tree.xpath('//div[contains(concat(" ", @class, " "), " turn ")]')
    assert len(turns) == 12
    assert [t.get("data-speaker") for t in turns] == ["Frederick Daso", "Skylar Payne"] * 6
    assert {t.get("class") for t in turns[::2]} == {"turn turn-question"}
    assert len(turns[7].xpath(".//li")) == 9
    text = tree.xpath('//div[@class="interview-body"]')[0].text_content()
    for junk in ("No alt text", "回复", "要查看或添加评论", "2 年", "Subscribe", "fiverr"):
        assert junk not in text

    feed = feedparser.parse((output / "feeds" / "rss.xml").read_bytes())
    assert not feed.bozo
    entry = next(e for e in feed.entries if "employee-spotlight-2" in e.link)
    assert entry.link.startswith("https://spotlight.example.org/")
    html = entry.content[0].value
    assert html.count("<strong>Frederick Daso:</strong>") == 6 and html.count("<strong>Skylar Payne:</strong>") == 6
    hrefs = lxml.html.fragment_fromstring(html, create_parent="div").xpath("//@href | //@src")
    assert all(h.startswith(("https://", "http://", "mailto:")) for h in hrefs)
    assert entry.summary.startswith("<p>") and len(entry.summary) < len(html) / 5
    assert entry.author == "Frederick Daso"
