"""Hostile input: every entry of the Big List of Naughty Strings and of the HTML5 Security
Cheatsheet's vectors (from ../shared) goes through import (text and HTML) and straight into
posts, one site is built from all of them, and every page and feed is parsed: nothing that
can run reaches a reader, and nothing breaks the build."""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import lxml.html
import pytest
from lxml import etree

from spotlight.cli import main
from spotlight.importer import import_many, write_post
from tests.conftest import ROOT, SHARED

ADVERSARIAL = SHARED / "data" / "adversarial"
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")


def _strings() -> list[str]:
    if not ADVERSARIAL.is_dir():
        pytest.skip(f"the shared adversarial data is not here ({ADVERSARIAL}); CI has ../shared beside the clone")
    naughty = json.loads((ADVERSARIAL / "blns.json").read_text(encoding="utf-8"))
    raw = (ADVERSARIAL / "h5sc_vectors.txt").read_text(encoding="utf-8")
    vectors = [v.strip() for v in re.split(r"//\[\"'`-->\]\]>\]</div>", raw)]
    vectors = [re.sub(r'^(?:>>> vectors\(\)\s*)?<div id="\d+">', "", v) for v in vectors if v]
    assert len(naughty) == 515 and len(vectors) >= 130
    return naughty + vectors


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    strings = _strings()
    base = tmp_path_factory.mktemp("hostile")
    scrapes, posts = base / "scrapes", base / "content" / "interviews"
    scrapes.mkdir()
    posts.mkdir(parents=True)
    (base / "content" / "pages").mkdir()
    paths = []
    for n, s in enumerate(strings):
        one_line = " ".join(s.split()) or "(empty)"
        text = f"Hostile #{n}: Test Person, Role at Company\n\nIntro {s}\n\nAda Tester: Question {s}?\n\nTest Person: Answer {s}\n\nAda Tester: More?\n\nTest Person: {one_line}\n"
        (scrapes / f"t{n}.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
        page = f"<html><head><title>Hostile page {n}</title></head><body><article><h1>Hostile page {n}</h1><p>Intro.</p>{s}<p><strong>Ada Tester:</strong> Why?</p><p><strong>Test Person:</strong> {s}</p></article></body></html>"
        (scrapes / f"h{n}.html").write_text(page, encoding="utf-8", errors="surrogatepass")
        paths += [str(scrapes / f"t{n}.txt"), str(scrapes / f"h{n}.html")]
        # The same string written straight into a post, as an author might paste it.
        safe = _CONTROL.sub("\ufffd", s)
        title = _CONTROL.sub("\ufffd", one_line)
        (posts / f"raw{n}.md").write_text(
            f"Title: Raw {n} {title}\nDate: 2024-01-01\nAuthor: Ada Tester\nInterviewee: Test Person {title[:40]}\nSlug: raw-{n}\n"
            f"Guid: urn:uuid:00000000-0000-4000-8000-{n:012d}\n\n{safe}\n\n**Ada Tester:** {safe}\n\n**Test Person:** [x]({title[:80]}) {safe}\n",
            encoding="utf-8",
        )
    imported = 0
    for path, _, outcome in import_many(paths, jobs=2):
        assert hasattr(outcome, "post"), f"{path}: {outcome}"
        outcome.post.metadata["Date"] = "2024-02-01"
        outcome.post.metadata.pop("Status", None)
        write_post(outcome.post, posts / f"imp-{Path(path).stem}-{Path(path).suffix[1:]}.md".replace(".md-", "-"))
        imported += 1
    output = base / "output"
    code = main(["build", "--project", str(ROOT), "--content", str(base / "content"), "--output", str(output), "--publish", "-e", "FEED_MAX_ITEMS=100000"])
    assert code == 0
    return output, len(strings) + imported


def _check_html(tree: lxml.html.HtmlElement, where: str) -> None:
    for script in tree.xpath("//script"):
        assert script.get("type") == "application/ld+json" or "search" in where, f"{where}: script"
    assert not tree.xpath("//iframe | //object | //embed | //base | //form | //frame | //frameset | //applet"), where
    assert not tree.xpath("//@*[starts-with(translate(name(), 'ON', 'on'), 'on')]"), f"{where}: event handler"
    assert not tree.xpath('//meta[translate(@http-equiv, "REFSH", "refsh")="refresh"]'), where
    for value in tree.xpath("//@href | //@src | //@action | //@formaction | //@xlink:href", namespaces={"xlink": "http://www.w3.org/1999/xlink"}):
        assert not re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith(DANGEROUS_SCHEMES), f"{where}: {value[:60]}"


def test_every_page_is_safe(hostile_site: tuple[Path, int]) -> None:
    output, _ = hostile_site
    pages = [p for p in output.rglob("*.html") if "pagefind" not in p.parts]
    assert len(pages) > 1000
    for page in pages:
        text = page.read_bytes().decode("utf-8")  # valid UTF-8
        _check_html(lxml.html.fromstring(text), str(page.relative_to(output)))


def test_every_feed_is_valid_and_safe(hostile_site: tuple[Path, int]) -> None:
    output, count = hostile_site
    for name in ("rss.xml", "atom.xml"):
        data = (output / "feeds" / name).read_bytes()
        etree.fromstring(data)  # well-formed XML
        feed = feedparser.parse(data)
        assert not feed.bozo, feed.bozo_exception
        assert len(feed.entries) == count
        for entry in feed.entries:
            for html in [c.value for c in entry.get("content", [])] + [entry.get("summary", "")]:
                if html.strip():
                    _check_html(lxml.html.fragment_fromstring(html, create_parent="div"), f"{name}: {entry.link}")
    items = json.loads((output / "feeds" / "feed.json").read_text(encoding="utf-8"))["items"]
    assert len(items) == count
    for item in items:
        _check_html(lxml.html.fragment_fromstring(item["content_html"], create_parent="div"), f"feed.json: {item['url']}")


def test_markup_in_a_header_field_shows_as_its_text_not_as_an_escape(tmp_path: Path) -> None:
    """A header value holding "<" reaches the readers as written (the body's HTML guard leaves
    the metadata header to them): the person's page shows the name, with its "<" made inert
    (‹), never an "&lt;" escaped twice, and its slug has no "lt"."""
    from tests.conftest import build_into

    content = tmp_path / "content" / "interviews"
    content.mkdir(parents=True)
    (content / "eve.md").write_text(
        "Title: Meet Eve\nDate: 2024-01-01\nAuthor: Bo Lind\nInterviewee: Eve <script>alert(1)</script> & Co\n"
        "Guid: urn:uuid:00000000-0000-4000-8000-000000000009\n\n**Bo Lind:** Hi?\n\n**Eve <script>alert(1)</script> & Co:** Hello.\n",
        encoding="utf-8",
    )
    output = build_into(tmp_path / "content", tmp_path / "output")
    [person] = [p for p in (output / "people").iterdir() if p.is_dir()]
    assert "lt" not in person.name.split("-")
    heading = lxml.html.fromstring((person / "index.html").read_bytes()).xpath("//h1")[0].text_content()
    assert heading == "Eve \u2039script>alert(1)\u2039/script> & Co"
    assert "&lt;" not in heading and not lxml.html.fromstring((person / "index.html").read_bytes()).xpath("//script[not(@type)]")
