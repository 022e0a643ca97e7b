"""The back catalogue never floods subscribers; an announced import is sent once.

An imported interview keeps its original date ("First published on LinkedIn, 15 June 2021"),
so forty old interviews take their original place in every feed and an RSS-to-email service
sends none of them. ``spotlight import FILE --announce`` dates its feed items the day it was
announced (kept in the post as ``Announced``): the newest item of every feed it is in, sent
once, its GUID unchanged, while its page keeps its original date.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest
from lxml import etree

from spotlight.cli import main
from spotlight.post import parse_post
from tests.conftest import FIXTURES, ROOT, SEED, build_into
from tests.test_podcast import write_wav

CASES = ROOT / "tests" / "cases"
CASE_INPUTS = sorted(next(case.glob("input.*")) for case in CASES.iterdir() if case.is_dir())
NEEDS_SEED = pytest.mark.skipif(not SEED.is_file(), reason=f"the shared seed is not here ({SEED}); CI has ../shared beside the clone")
SEED_SLUG = "employee-spotlight-2-skylar-payne-machine-learning-lead-at-healthrhythms"


@dataclass(frozen=True)
class Item:
    guid: str
    title: str
    published: dt.datetime


def rss_items(path: Path) -> list[Item]:
    root = etree.fromstring(path.read_bytes())
    return [
        Item(i.findtext("guid"), i.findtext("title"), email.utils.parsedate_to_datetime(i.findtext("pubDate")))
        for i in root.findall("channel/item")
    ]


def every_rss_feed(output: Path) -> list[Path]:
    """The site's RSS feed, the e-mail feed, and every series', tag's, person's and company's."""
    feeds = [output / "feeds" / "rss.xml", output / "feeds" / "email.xml", *sorted((output / "feeds").glob("*/*/rss.xml"))]
    assert len(feeds) > 10
    return feeds


def service_sends(feed: list[Item], seen: set[str], last_check: dt.datetime) -> list[Item]:
    """What an RSS-to-email service sends on its next look, as Mailchimp's, Buttondown's and
    Kit's documentation describe them: items it has not sent (by GUID) that are newer than its
    last look."""
    return [item for item in feed if item.guid not in seen and item.published > last_check]


def recent_posts(content: Path) -> None:
    """Three interviews first published on this site, in November 2026."""
    folder = content / "interviews"
    folder.mkdir(parents=True, exist_ok=True)
    for day, guest in ((2, "Ines Moreau"), (9, "Tomas Berg"), (16, "Aiko Sato")):
        slug = guest.lower().replace(" ", "-")
        (folder / f"{slug}.md").write_text(
            f"Title: Meet {guest}, Engineer at Northwind\nDate: 2026-11-{day:02d} 09:00\nAuthor: Avery Lane\nInterviewee: {guest}\n"
            f"Role: Engineer\nCompany: Northwind\nTags: teams\nSlug: {slug}\nGuid: urn:uuid:00000000-0000-4000-8000-0000000000{day:02d}\n\n"
            f"**Avery Lane:** What are you building?\n\n**{guest}:** Tools for the people who keep trains running.\n",
            encoding="utf-8",
        )


def build_all(content: Path, output: Path) -> Path:
    """:func:`build_into` with every post in the feeds (FEED_MAX_ITEMS above their number)."""
    code = main(["build", "--project", str(ROOT), "--content", str(content), "--output", str(output), "-e", "FEED_MAX_ITEMS=200"])
    assert code == 0, f"the build of {content} failed"
    return output


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A site of three recent interviews, built; then the forty-odd scrapes of tests/cases
    imported (each with its own date; those whose scrape has none with --date), built again."""
    base = tmp_path_factory.mktemp("back-catalogue")
    content = base / "content"
    recent_posts(content)
    before = build_all(content, base / "before")
    interviews = content / "interviews"
    assert main(["import", *map(str, CASE_INPUTS), "--out", str(interviews)]) == 0
    imported = sorted(set(interviews.glob("*.md")) - {interviews / f"{s}.md" for s in ("ines-moreau", "tomas-berg", "aiko-sato")})
    assert len(imported) >= 40
    undated = [p for p in imported if not parse_post(p.read_text(encoding="utf-8"), source=str(p)).get("Date")]
    for post in undated:  # (no date in the scrape: saved as a draft; the author gives the original one)
        text = post.read_text(encoding="utf-8").replace("Status: draft\n", "Date: 2020-05-01\n", 1)
        post.write_text(text, encoding="utf-8")
    after = build_all(content, base / "after")
    return {"base": base, "content": content, "before": before, "after": after, "imported": imported}


def _post_meta(path: Path) -> dict[str, str]:
    return parse_post(path.read_text(encoding="utf-8"), source=str(path)).metadata


def test_forty_old_imports_take_their_original_place_in_every_feed(catalogue: dict[str, object]) -> None:
    after = catalogue["after"]
    imported = {_post_meta(p)["Guid"]: _post_meta(p) for p in catalogue["imported"]}
    assert len(imported) >= 40
    seen_in_feeds = set()
    for feed in every_rss_feed(after):
        items = rss_items(feed)
        dates = [i.published for i in items]
        assert dates == sorted(dates, reverse=True), feed
        for item in items:
            meta = imported.get(item.guid)
            if meta is None:
                continue
            seen_in_feeds.add(item.guid)
            # Its own date, not the day it was imported.
            assert item.published.date() == dt.date.fromisoformat(meta["Date"][:10]), (feed, item.title)
            assert "Announced" not in meta
        recent = [i for i in items if i.guid not in imported]
        if recent:  # a recent interview is above every old one
            assert items[: len(recent)] == recent, feed
    assert len(seen_in_feeds) == len(imported)  # (every one of them, in the site's feed at least)


def test_importing_the_back_catalogue_sends_no_email(catalogue: dict[str, object]) -> None:
    before, after = catalogue["before"], catalogue["after"]
    for name in ("rss.xml", "email.xml"):
        last = rss_items(before / "feeds" / name)
        seen = {i.guid for i in last}
        last_check = max(i.published for i in last)  # the service looked right after the last post
        assert service_sends(rss_items(after / "feeds" / name), seen, last_check) == []
        # (and the same service does send a new interview: the check can fail)
        new = Item("urn:uuid:new", "New", last_check + dt.timedelta(days=1))
        assert service_sends([new, *rss_items(after / "feeds" / name)], seen, last_check) == [new]


def test_an_imported_page_says_where_it_was_first_published(catalogue: dict[str, object]) -> None:
    after = catalogue["after"]
    named = 0
    pages = {item["id"]: item["url"] for item in json.loads((after / "feeds" / "feed.json").read_text(encoding="utf-8"))["items"]}
    for post in catalogue["imported"]:
        meta = _post_meta(post)
        page = after / urlsplit(pages[meta["Guid"]]).path.strip("/") / "index.html"
        tree = lxml.html.fromstring(page.read_bytes())
        time = tree.xpath('//header//p[@class="byline"]//time')[0]
        assert time.get("datetime").startswith(meta["Date"][:10])
        place = tree.xpath('//p[@class="byline"]//span[@class="first-published"]')
        if meta.get("Source_name") or meta.get("Source"):
            assert place, page
            text = place[0].text_content()
            assert text.startswith("First published on ") and (meta.get("Source_name") or "") in text
            if meta.get("Source"):
                assert place[0].xpath(".//a/@href") == [meta["Source"]]
            named += 1
        else:
            assert not place, page
    assert named >= 15


def _feeds_with(output: Path, guid: str) -> list[list[Item]]:
    out = []
    for feed in every_rss_feed(output):
        items = rss_items(feed)
        if any(i.guid == guid for i in items):
            out.append(items)
    return out


@NEEDS_SEED
def test_the_seed_imported_old_is_not_new_and_announced_is_newest_everywhere(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "site", content)
    recent_posts(content)
    interviews = content / "interviews"
    assert main(["import", str(SEED), "--date", "2021-06-15", "--out", str(interviews)]) == 0
    post = interviews / f"{SEED_SLUG}.md"
    meta = _post_meta(post)
    assert meta["Date"] == "2021-06-15" and "Announced" not in meta and meta["Source_name"] == "LinkedIn"
    guid = meta["Guid"]
    old = build_into(content, tmp_path / "old")
    in_feeds = _feeds_with(old, guid)
    assert len(in_feeds) >= 5  # the site's, the e-mail feed, its series', person's and company's
    for items in in_feeds:
        if len(items) > 1:
            assert items[0].guid != guid
        assert next(i for i in items if i.guid == guid).published.date() == dt.date(2021, 6, 15)

    before_announce = dt.datetime.now().astimezone().replace(second=0, microsecond=0)
    assert main(["import", str(SEED), "--date", "2021-06-15", "--announce", "--force", "--out", str(interviews)]) == 0
    meta = _post_meta(post)
    assert meta["Guid"] == guid  # the same interview: never sent twice by GUID
    announced = dt.datetime.fromisoformat(meta["Announced"])  # (with the machine's offset: the same moment in any site's zone)
    assert announced.tzinfo is not None and before_announce <= announced <= dt.datetime.now().astimezone()
    new = build_into(content, tmp_path / "new")
    in_feeds = _feeds_with(new, guid)
    assert len(in_feeds) >= 5
    for items in in_feeds:
        assert items[0].guid == guid and items[0].published == announced
    json_feed = json.loads((new / "feeds" / "feed.json").read_text(encoding="utf-8"))
    assert json_feed["items"][0]["id"] == guid and dt.datetime.fromisoformat(json_feed["items"][0]["date_published"]) == announced
    atom = etree.fromstring((new / "feeds" / "atom.xml").read_bytes())
    first = atom.find("{http://www.w3.org/2005/Atom}entry")
    assert first.findtext("{http://www.w3.org/2005/Atom}id") == guid
    assert dt.datetime.fromisoformat(first.findtext("{http://www.w3.org/2005/Atom}published")) == announced
    # The page keeps the original date.
    page = lxml.html.fromstring((new / SEED_SLUG / "index.html").read_bytes())
    byline = page.xpath('//header//p[@class="byline"]')[0]
    assert byline.xpath(".//time/@datetime")[0].startswith("2021-06-15")
    assert "First published on LinkedIn, 15 June 2021" in " ".join(byline.text_content().split())
    # A service that saw the old feed sends the announced interview once, and only it.
    last_check = max(i.published for i in rss_items(old / "feeds" / "email.xml"))
    seen = {i.guid for i in rss_items(old / "feeds" / "email.xml")} - {guid}  # (it had been in the feed, too old to send)
    sent = service_sends(rss_items(new / "feeds" / "email.xml"), seen, last_check)
    assert [i.guid for i in sent] == [guid]
    assert service_sends(rss_items(new / "feeds" / "email.xml"), seen | {guid}, announced) == []

    # Announced once: importing it again with --announce keeps the first date.
    assert main(["import", str(SEED), "--date", "2021-06-15", "--announce", "--force", "--out", str(interviews)]) == 0
    assert _post_meta(post)["Announced"] == meta["Announced"] and _post_meta(post)["Guid"] == guid
    # Two builds of the same posts give identical feeds.
    again = build_into(content, tmp_path / "again")
    feeds = sorted(p.relative_to(new) for p in (new / "feeds").rglob("*") if p.is_file())
    assert feeds == sorted(p.relative_to(again) for p in (again / "feeds").rglob("*") if p.is_file())
    for path in feeds:
        assert (new / path).read_bytes() == (again / path).read_bytes(), path


def _refusal(tmp_path: Path, header: str, capsys: pytest.CaptureFixture[str]) -> str:
    content = tmp_path / "content"
    (content / "interviews").mkdir(parents=True)
    post = content / "interviews" / "old.md"
    post.write_text(f"Title: Meet Ada\n{header}\nGuid: urn:uuid:00000000-0000-4000-8000-000000000001\n\n**Q:** Hi?\n\n**A:** Hello.\n", encoding="utf-8")
    output = tmp_path / "output"
    code = main(["build", "--project", str(ROOT), "--content", str(content), "--output", str(output)])
    assert code != 0 and not output.exists()
    check = main(["check", str(post)])
    assert check != 0
    return capsys.readouterr().err


@pytest.mark.parametrize(
    ("header", "says"),
    [
        ("Date: 2021-06-15\nAnnounced: next tuesday-ish", "Announced 'next tuesday-ish' is not a date"),
        ("Date: 2021-06-15\nAnnounced: 2020-01-01", "Announced '2020-01-01' is before its Date '2021-06-15'"),
    ],
)
def test_a_bad_announced_date_is_refused_by_name(tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str, says: str) -> None:
    err = _refusal(tmp_path, header, capsys)
    assert "old.md" in err and says in " ".join(err.split())


def test_import_refuses_an_announcement_before_the_interviews_own_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scrape = tmp_path / "future.md"
    scrape.write_text("Title: Meet Ada\nDate: 2099-01-01\nAuthor: Bo\nInterviewee: Ada\n\n**Bo:** Hi?\n\n**Ada:** Hello.\n", encoding="utf-8")
    out = tmp_path / "interviews"
    assert main(["import", str(scrape), "--announce", "--out", str(out)]) == 1
    err = " ".join(capsys.readouterr().err.split())
    assert "future.md" in err and "is before its Date '2099-01-01'" in err
    assert not out.exists() or not list(out.iterdir())


def test_labels_follow_the_sites_language(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "interviews").mkdir(parents=True)
    (content / "interviews" / "ada.md").write_text(
        "Title: Meet Ada\nDate: 2021-06-15\nAnnounced: 2026-11-20 10:00\nAuthor: Bo Lind\nInterviewee: Ada Byron\nSource: https://www.linkedin.com/pulse/meet-ada\n"
        "Audio: audio/ada.wav\nGuid: urn:uuid:00000000-0000-4000-8000-000000000002\n\n**Bo Lind:** Hi?\n\n**Ada Byron:** Hello.\n",
        encoding="utf-8",
    )
    write_wav(content / "audio" / "ada.wav", 0.2)
    output = tmp_path / "output"
    settings = ["-e", 'DEFAULT_LANG="es"', "-e", 'SPOTLIGHT_LABELS={"ES": {"Interview by": "Conversación con"}}', "-e", 'STATIC_PATHS=["audio"]']
    assert main(["build", "--project", str(ROOT), "--content", str(content), "--output", str(output), *settings]) == 0
    page = lxml.html.fromstring((output / "meet-ada" / "index.html").read_bytes())
    byline = " ".join(page.xpath('//p[@class="byline"]')[0].text_content().split())
    assert "Publicado originalmente en LinkedIn," in byline and byline.startswith("Conversación con Bo Lind")
    assert page.xpath('//span[@class="first-published"]//a/@href') == ["https://www.linkedin.com/pulse/meet-ada"]
    assert page.xpath('//h2[@id="episode-title"]')[0].text_content().startswith("Escucha la entrevista")
    assert "Lee la transcripción" in page.text_content()
    transcript = lxml.html.fromstring((output / "transcripts" / "meet-ada" / "index.html").read_bytes())
    assert transcript.xpath("//h1")[0].text_content() == "Transcripción: Meet Ada"
    assert " ".join(transcript.xpath('//p[@class="byline"]')[0].text_content().split()) == "Las palabras de la entrevista, con Bo Lind y Ada Byron."
    edition = (output / "newsletter" / "meet-ada.txt").read_text(encoding="utf-8")
    assert "Publicado originalmente en LinkedIn" in edition and "Léela en la web:" in edition


@pytest.mark.parametrize(
    ("announced", "post_zone", "expected"),
    [
        ("2026-11-20 10:00", None, "Fri, 20 Nov 2026 10:00:00 -0500"),  # the site's TIMEZONE
        ("2026-11-20 10:00", "Europe/Paris", "Fri, 20 Nov 2026 10:00:00 +0100"),  # the post's own Timezone
        ("2026-11-20 10:00+09:00", None, "Fri, 20 Nov 2026 10:00:00 +0900"),  # an offset, as --announce writes it
    ],
)
def test_an_announced_time_is_read_in_the_posts_zone(tmp_path: Path, announced: str, post_zone: str | None, expected: str) -> None:
    content = tmp_path / "content"
    (content / "interviews").mkdir(parents=True)
    zone = f"Timezone: {post_zone}\n" if post_zone else ""
    (content / "interviews" / "ada.md").write_text(
        f"Title: Meet Ada\nDate: 2021-06-15\nAnnounced: {announced}\n{zone}Author: Bo Lind\nInterviewee: Ada Byron\n"
        "Guid: urn:uuid:00000000-0000-4000-8000-000000000003\n\n**Bo Lind:** Hi?\n\n**Ada Byron:** Hello.\n",
        encoding="utf-8",
    )
    output = tmp_path / "output"
    assert main(["build", "--project", str(ROOT), "--content", str(content), "--output", str(output), "-e", 'TIMEZONE="America/New_York"']) == 0
    [item] = etree.fromstring((output / "feeds" / "rss.xml").read_bytes()).findall("channel/item")
    assert item.findtext("pubDate") == expected


def test_a_batch_announced_together_is_dated_a_second_apart_in_the_order_given(tmp_path: Path) -> None:
    inputs = [str(p) for p in CASE_INPUTS if p.suffix == ".txt"][:4]
    interviews = tmp_path / "content" / "interviews"
    report = tmp_path / "report.json"
    assert main(["import", *inputs, "--date", "2020-02-02", "--announce", "--out", str(interviews), "--report", str(report)]) == 0
    written = {entry["source"]: Path(entry["written_to"]) for entry in json.loads(report.read_text(encoding="utf-8"))["imports"]}
    times = [dt.datetime.fromisoformat(_post_meta(written[source])["Announced"]) for source in inputs]
    assert [(t - times[0]).total_seconds() for t in times] == [0, 1, 2, 3]  # (in the order given)
    output = build_all(tmp_path / "content", tmp_path / "output")
    atom = etree.fromstring((output / "feeds" / "atom.xml").read_bytes())
    updated = [e.findtext("{http://www.w3.org/2005/Atom}updated") for e in atom.findall("{http://www.w3.org/2005/Atom}entry")]
    assert len(updated) == 4 and len(set(updated)) == 4  # (the W3C validator warns of two entries updated at once)
