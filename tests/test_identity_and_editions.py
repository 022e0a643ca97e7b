"""Feed identity that never changes, reproducible feeds, and the e-mail editions."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import feedparser
import lxml.html
import pytest
from lxml import etree

from spotlight.cli import main
from spotlight.newsletter import image_size
from tests.conftest import ROOT

FEEDS = ("feeds/rss.xml", "feeds/atom.xml", "feeds/feed.json", "feeds/series/test-talks/rss.xml", "feeds/series/test-talks/atom.xml", "feeds/series/test-talks/feed.json")


def _build(content: Path, output: Path, *extra: str) -> int:
    return main(["build", "--project", str(ROOT), "--content", str(content), "--output", str(output), *extra])


def _ids(output: Path) -> dict[str, set[str]]:
    ids = {}
    for path in ("feeds/rss.xml", "feeds/atom.xml"):
        ids[path] = {e.id for e in feedparser.parse((output / path).read_bytes()).entries}
    ids["feeds/feed.json"] = {i["id"] for i in json.loads((output / "feeds/feed.json").read_text(encoding="utf-8"))["items"]}
    return ids


def test_ids_survive_a_new_host_a_new_title_slug_date_and_time_zone(site: Path, tmp_path: Path) -> None:
    assert _build(site, tmp_path / "a") == 0
    before = _ids(tmp_path / "a")
    guids = {m for m in re.findall(r"^Guid: (\S+)$", "".join(p.read_text(encoding="utf-8") for p in (site / "interviews").glob("*.md")), re.M)}
    assert all(ids == guids for ids in before.values())

    post = site / "interviews" / "first.md"
    text = post.read_text(encoding="utf-8")
    text = text.replace("Title: Test Talks #1: Wren Oduya, Staff Engineer at Quillmark", "Title: A completely new title")
    text = text.replace("Slug: wren-oduya", "Slug: renamed-slug").replace("Date: 2024-02-01 09:30", "Date: 2024-02-02 18:00")
    post.write_text(text, encoding="utf-8")
    assert _build(site, tmp_path / "b", "-e", 'SITEURL="https://new-host.example.net/blog"', "-e", 'TIMEZONE="Asia/Tokyo"') == 0
    after = _ids(tmp_path / "b")
    assert after == before
    assert "https://new-host.example.net/blog/renamed-slug/" in (tmp_path / "b" / "feeds/rss.xml").read_text(encoding="utf-8")


def test_the_same_content_gives_byte_identical_feeds(site: Path, tmp_path: Path) -> None:
    assert _build(site, tmp_path / "a") == 0
    copy = tmp_path / "copy"
    shutil.copytree(site, copy)
    assert _build(copy, tmp_path / "b") == 0
    for path in FEEDS:
        assert (tmp_path / "a" / path).read_bytes() == (tmp_path / "b" / path).read_bytes(), path


def test_two_posts_with_one_guid_fail_the_build(site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    original = (site / "interviews" / "second.md").read_text(encoding="utf-8")
    (site / "interviews" / "copy.md").write_text(original.replace("Slug: maro-eze", "Slug: maro-eze-copy"), encoding="utf-8")
    assert _build(site, tmp_path / "out") == 1
    err = capsys.readouterr().err
    assert "copy.md" in err and "second.md" in err and "same Guid" in err
    assert not (tmp_path / "out").exists()


def test_check_fix_gives_guids_and_says_so(site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    post = site / "interviews" / "no-guid.md"
    post.write_text("Title: No guid\nDate: 2024-04-01\nSlug: no-guid\n\nText.\n", encoding="utf-8")
    assert main(["check", str(site)]) == 1
    assert "no Guid" in capsys.readouterr().out
    assert _build(site, tmp_path / "out") == 0
    assert "no-guid.md: no Guid" in capsys.readouterr().err
    assert main(["check", "--fix", str(site)]) == 0
    assert f"wrote a new Guid into {post}" in capsys.readouterr().err
    header = post.read_text(encoding="utf-8").split("\n\n")[0]
    assert re.search(r"^Guid: urn:uuid:[0-9a-f-]{36}$", header, re.M)
    before = post.read_bytes()
    assert main(["check", "--fix", str(site)]) == 0
    assert post.read_bytes() == before  # a Guid is given once


def test_import_assigns_a_guid_and_force_keeps_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scrape = tmp_path / "s.txt"
    scrape.write_text("Meet Ida Vance, Potter at Kilnworks\n\nRavi Kahn: Why?\n\nIda Vance: Clay.\n", encoding="utf-8")
    out = tmp_path / "posts"
    assert main(["import", str(scrape), "--out", str(out)]) == 0
    post = next(out.glob("*.md"))
    guid = re.search(r"^Guid: (\S+)$", post.read_text(encoding="utf-8"), re.M).group(1)
    scrape.write_text(scrape.read_text(encoding="utf-8").replace("Clay.", "Clay, mostly."), encoding="utf-8")
    assert main(["import", str(scrape), "--out", str(out), "--force"]) == 0
    text = post.read_text(encoding="utf-8")
    assert "Clay, mostly." in text and f"Guid: {guid}" in text


@pytest.fixture
def built(site: Path, tmp_path: Path) -> Path:
    output = tmp_path / "output"
    assert _build(site, output, "--publish") == 0
    return output


def test_lead_image_three_ways(built: Path, site: Path) -> None:
    rss = (built / "feeds/rss.xml").read_text(encoding="utf-8")
    url = "https://spotlight.example.org/images/diagram.png"
    size = (site / "images" / "diagram.png").stat().st_size
    assert f'<enclosure url="{url}" length="{size}" type="image/png"/>' in rss
    media = etree.fromstring(rss.encode("utf-8")).find(".//item/{http://search.yahoo.com/mrss/}content")
    assert (media.get("url"), media.get("medium"), media.get("type"), media.get("width"), media.get("height")) == (url, "image", "image/png", "800", "400")
    entry = next(e for e in feedparser.parse(rss).entries if e.link.endswith("/wren-oduya/"))
    assert entry.content[0].value.startswith("<p><img")


def test_edition_is_a_ready_to_send_email(built: Path) -> None:
    page = (built / "newsletter" / "wren-oduya.html").read_text(encoding="utf-8")
    tree = lxml.html.fromstring(page)
    assert not tree.xpath("//script") and not tree.xpath('//link[@rel="stylesheet"]')
    assert not tree.xpath("//@*[starts-with(name(), 'on')]")
    assert tree.xpath('//table[@width="600"]')
    for style in tree.xpath("//style"):  # every plain rule was inlined; only @media rules may stay
        assert re.sub(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", "", style.text or "").strip() == ""
    links = tree.xpath("//a/@href") + tree.xpath("//img/@src")
    assert links and all(u.startswith(("https://", "mailto:")) for u in links)
    assert tree.xpath('//a[normalize-space()="View in browser"]/@href') == ["https://spotlight.example.org/newsletter/wren-oduya.html"]
    for img in tree.xpath("//img"):
        assert img.get("width") and img.get("height"), lxml.html.tostring(img)
    assert tree.xpath('//img[@src="https://spotlight.example.org/images/diagram.png"]/@width')[0] in ("552", "800")
    text = " ".join(tree.text_content().split())
    assert "Wren Oduya, Staff Engineer at Quillmark" in text
    for said in ("How did you start?", "With a broken printer.", "It taught me patience.", "What is next?", "More fonts."):
        assert said in text
    question = tree.xpath('//div[contains(@class, "turn-question")]')[0]
    assert "border-left" in question.get("style", "")  # the stylesheet was inlined


def test_edition_text_part_keeps_speaker_labels(built: Path) -> None:
    text = (built / "newsletter" / "wren-oduya.txt").read_text(encoding="utf-8")
    assert "Lena Fairbrook: How did you start?" in text and "Wren Oduya: With a broken printer." in text
    assert "- Ana Ruiz: my first mentor.\n- Bo Lind: my second mentor." in text
    assert "https://spotlight.example.org/wren-oduya/" in text


def test_a_long_edition_warns_about_gmail_clipping(site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    long_answer = " ".join(["A long answer that goes on and on about typesetting."] * 2400)
    post = site / "interviews" / "first.md"
    post.write_text(post.read_text(encoding="utf-8") + f"\n**Lena Fairbrook:** And?\n\n**Wren Oduya:** {long_answer}\n", encoding="utf-8")
    assert _build(site, tmp_path / "out") == 0
    err = capsys.readouterr().err
    assert "first.md" in err and "Gmail clips" in err


def test_newsletter_command(built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["newsletter", "wren-oduya", "--output", str(built)]) == 0
    out = capsys.readouterr().out
    assert str(built / "newsletter" / "wren-oduya.html") in out and "KB" in out
    target = tmp_path / "send" / "wren.html"
    assert main(["newsletter", "wren-oduya", "--output", str(built), "--out", str(target)]) == 0
    assert target.read_bytes() == (built / "newsletter" / "wren-oduya.html").read_bytes()
    assert target.with_suffix(".txt").is_file()
    assert main(["newsletter", "nope", "--output", str(built)]) == 2
    assert "wren-oduya" in capsys.readouterr().err


def test_image_size_reads_headers(site: Path) -> None:
    assert image_size(site / "images" / "diagram.png") == (800, 400)


def test_an_unsafe_image_value_never_reaches_a_feed_or_an_edition(site: Path, tmp_path: Path) -> None:
    post = site / "interviews" / "second.md"
    post.write_text(post.read_text(encoding="utf-8").replace("Slug: maro-eze", "Slug: maro-eze\nImage: javascript:alert(1)"), encoding="utf-8")
    output = tmp_path / "out"
    assert _build(site, output) == 0
    for path in ("feeds/rss.xml", "feeds/atom.xml", "feeds/feed.json", "newsletter/maro-eze.html", "maro-eze/index.html"):
        assert "javascript:" not in (output / path).read_text(encoding="utf-8"), path


@pytest.mark.parametrize("shown", ["once", "twice"])
def test_a_themes_own_relative_links_in_an_edition_become_absolute(site: Path, tmp_path: Path, shown: str) -> None:
    """The edition's page is made absolute around its content (parsed once); a theme that
    shows the content some other way (here twice) gets the same treatment the long way."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    template = theme / "templates" / "newsletter.html"
    html = template.read_text(encoding="utf-8").replace('You are reading', '<a href="about/">About us</a> <img src="img/logo.png" alt="Logo"> You are reading')
    if shown == "twice":
        html = html.replace("{{ edition_content|safe }}", "{{ edition_content|safe }}<hr>{{ edition_content|safe }}")
    template.write_text(html, encoding="utf-8")
    output = tmp_path / "output"
    assert _build(site, output, "--publish", "-e", f'THEME="{theme}"') == 0
    tree = lxml.html.fromstring((output / "newsletter" / "wren-oduya.html").read_text(encoding="utf-8"))
    assert tree.xpath('//a[normalize-space()="About us"]/@href') == ["https://spotlight.example.org/wren-oduya/about/"]
    assert tree.xpath('//img[@alt="Logo"]/@src') == ["https://spotlight.example.org/wren-oduya/img/logo.png"]
    links = tree.xpath("//a/@href") + tree.xpath("//img/@src")
    assert all(u.startswith(("https://", "mailto:")) for u in links)
    said = " ".join(tree.text_content().split())
    assert said.count("With a broken printer.") == (1 if shown == "once" else 2)
    question = tree.xpath('//div[contains(@class, "turn-question")]')[0]
    assert "border-left" in question.get("style", "")  # the content's styles were inlined too


def test_check_reports_a_shared_guid_once(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from spotlight.cli import main

    original = (site / "interviews" / "second.md").read_text(encoding="utf-8")
    (site / "interviews" / "copy.md").write_text(original.replace("Slug: maro-eze", "Slug: maro-eze-copy"), encoding="utf-8")
    assert main(["check", str(site / "interviews")]) != 0
    out = capsys.readouterr()
    assert (out.out + out.err).count("same Guid") == 1
