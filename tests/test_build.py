"""`spotlight build` on a fixture site: pages, feed, sanitizing, failures that lose nothing."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import feedparser
import lxml.html
import pytest

from spotlight.build import build_site
from spotlight.settings import load_settings
from spotlight.cli import main
from spotlight.errors import BuildError
from tests.conftest import ROOT


def _build(content: Path, output: Path, *extra: str) -> int:
    return main(["build", "--project", str(ROOT), "--content", str(content), "--output", str(output), *extra])


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def built(site: Path, tmp_path: Path) -> Path:
    output = tmp_path / "output"
    assert _build(site, output) == 0
    return output


def test_pages_and_feed_are_written(built: Path) -> None:
    for page in ("index.html", "wren-oduya/index.html", "maro-eze/index.html", "about/index.html", "series/index.html",
                 "series/test-talks/index.html", "tag/design/index.html", "tag/index.html", "archive/index.html", "feeds/rss.xml",
                 "theme/css/style.css"):
        assert (built / page).is_file(), page
    pages = [p for p in built.rglob("*.html") if "newsletter" not in p.parts]  # e-mail editions are not pages
    assert len(pages) >= 10
    for page in pages:
        tree = lxml.html.parse(str(page)).getroot()
        for kind, target in (("application/rss+xml", "rss.xml"), ("application/atom+xml", "atom.xml"), ("application/feed+json", "feed.json")):
            alternates = tree.xpath(f'//head/link[@rel="alternate"][@type="{kind}"]/@href')
            # Preview builds use relative URLs: the link must lead to the feed from this page.
            assert (page.parent / alternates[0]).resolve() == (built / "feeds" / target).resolve(), page


def test_article_page_has_profile_and_turns(built: Path) -> None:
    tree = lxml.html.parse(str(built / "wren-oduya" / "index.html")).getroot()
    profile = tree.xpath('//p[@class="profile-line"]')[0].text_content()
    assert " ".join(profile.split()) == "Wren Oduya, Staff Engineer at Quillmark"
    turns = tree.xpath('//div[contains(concat(" ", @class, " "), " turn ")]')
    assert [t.get("class") for t in turns] == ["turn turn-question", "turn turn-answer"] * 2
    assert len(turns[1].xpath(".//li")) == 2
    assert tree.xpath("//time/@datetime")[0].startswith("2024-02-01T09:30:00")
    assert tree.xpath('//p[@class="kicker"]')[0].text_content().strip() == "#1 in Test Talks"


def test_home_lists_interviews_with_name_role_company_summary(built: Path) -> None:
    tree = lxml.html.parse(str(built / "index.html")).getroot()
    cards = tree.xpath('//article[@class="card"]')
    assert [c.xpath(".//h2")[0].text_content().strip() for c in cards] == ["Wren Oduya", "Maro Eze", "Wren Oduya"]
    assert "Principal Engineer at Quillmark" in cards[0].text_content()
    assert "Designer at Pebblewick" in cards[1].text_content()
    assert cards[1].xpath('.//div[@class="card-summary"]//em')[0].text == "small"


def test_untrusted_html_never_reaches_page_or_feed(built: Path) -> None:
    page = lxml.html.parse(str(built / "maro-eze" / "index.html")).getroot()
    scripts = page.xpath("//script")
    assert all(s.get("type") == "application/ld+json" for s in scripts)
    assert not page.xpath("//@*[starts-with(name(), 'on')]")
    assert not [h for h in page.xpath("//@href | //@src") if h.strip().lower().startswith(("javascript:", "data:", "vbscript:"))]
    # The stray <script> in the answer is shown as text, and the answer goes on after it.
    answer = page.xpath('//div[@data-speaker="Maro Eze"]')[0].text_content()
    assert '<script>alert("x")</script>screens are small. Tap.' in answer
    feed = (built / "feeds" / "rss.xml").read_text(encoding="utf-8")
    assert "&lt;script" not in feed.replace("&amp;lt;script", "") and "javascript:" not in feed and "onclick" not in feed


def test_feed_items(built: Path) -> None:
    feed = feedparser.parse((built / "feeds" / "rss.xml").read_bytes())
    assert not feed.bozo
    assert [e.link for e in feed.entries] == ["http://127.0.0.1:8000/wren-oduya-returns/", "http://127.0.0.1:8000/maro-eze/", "http://127.0.0.1:8000/wren-oduya/"]
    wren = feed.entries[2]
    html = wren.content[0].value
    assert "<strong>Wren Oduya:</strong>" in html and "It taught me patience." in html
    assert 'href="http://127.0.0.1:8000/about/"' in html and 'src="http://127.0.0.1:8000/images/diagram.png"' in html
    assert wren.summary.startswith("<p>Wren Oduya builds typesetting engines.")


def test_drafts_and_future_posts_stay_out(site: Path, tmp_path: Path) -> None:
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    (site / "interviews" / "future.md").write_text(f"Title: Later\nDate: {future}\nSlug: later\n\nSoon.\n", encoding="utf-8")
    (site / "interviews" / "draft.md").write_text("Title: Draft\nStatus: draft\nSlug: drafty\n\nWIP.\n", encoding="utf-8")
    output = tmp_path / "out"
    assert _build(site, output) == 0
    feed = (output / "feeds" / "rss.xml").read_text(encoding="utf-8")
    home = (output / "index.html").read_text(encoding="utf-8")
    for slug in ("later", "drafty"):
        assert f"/{slug}/" not in feed and f"/{slug}/" not in home


def test_extra_settings_override(site: Path, tmp_path: Path) -> None:
    output = tmp_path / "out"
    assert _build(site, output, "-e", 'SITENAME="Other Name"', "-e", 'SITEURL="https://ex.org"') == 0
    assert "<title>Other Name</title>" in (output / "index.html").read_text(encoding="utf-8")
    assert "https://ex.org/maro-eze/" in (output / "feeds" / "rss.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "name, text",
    [
        ("no-title.md", "Date: 2024-01-01\n\nNo title here.\n"),
        ("bad-date.md", "Title: Bad date\nDate: someday soon\n\nBody.\n"),
    ],
)
def test_a_broken_post_fails_the_build_names_the_file_and_keeps_the_old_output(
    built: Path, site: Path, name: str, text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _snapshot(built)
    (site / "interviews" / name).write_text(text, encoding="utf-8")
    assert _build(site, built) != 0
    err = capsys.readouterr().err
    assert name in err
    assert _snapshot(built) == before
    assert not list(built.parent.glob(".output.building-*"))


def test_publish_uses_publishconf(site: Path, tmp_path: Path) -> None:
    output = tmp_path / "out"
    assert _build(site, output, "--publish") == 0
    feed = (output / "feeds" / "rss.xml").read_text(encoding="utf-8")
    assert "https://spotlight.example.org/maro-eze/" in feed
    assert 'href="https://spotlight.example.org/theme/css/style.css"' in (output / "index.html").read_text(encoding="utf-8")


def test_the_build_warns_about_leftover_junk_with_file_and_line(site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    post = site / "interviews" / "junky.md"
    post.write_text("Title: Junky\nDate: 2024-01-02\nSlug: junky\n\nIntro.\n\n回复\n", encoding="utf-8")
    assert _build(site, tmp_path / "out") == 0
    err = capsys.readouterr().err
    assert f"{post}:7: platform UI chrome" in err
    # Its findings are kept with the post: a rebuild for another edit still names the leftover.
    other = site / "interviews" / "second.md"
    other.write_text(other.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert _build(site, tmp_path / "out") == 0
    assert f"{post}:7: platform UI chrome" in capsys.readouterr().err


def test_a_build_stopped_by_a_problem_leaves_nothing_behind(site: Path, tmp_path: Path) -> None:
    (site / "interviews" / "broken.md").write_text("Title: Broken\nDate: 2024-13-45\n\nIntro.\n\n回复\n", encoding="utf-8")
    children = _children()
    with pytest.raises(BuildError, match="Nothing was built: 1 problem") as raised:
        build_site(load_settings(ROOT, content=site, output=tmp_path / "out"))
    assert f"{tmp_path / 'out'} was left as it was" in str(raised.value) and "broken.md:2" in str(raised.value)
    assert not [p for p in tmp_path.iterdir() if ".building-" in p.name]  # (the staging folder went)
    assert _children() <= children  # no process of the build is left, not even a zombie


def _children() -> set[str]:
    """The processes this one started that still exist (Linux), zombies included."""
    tasks = Path(f"/proc/{os.getpid()}/task")
    if not tasks.is_dir():
        pytest.skip("needs /proc")
    return {pid for task in tasks.iterdir() for pid in (task / "children").read_text().split()}


def test_a_no_change_rebuild_does_nothing_and_an_edit_rebuilds(site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "out"
    assert _build(site, output) == 0
    before = _snapshot(output)
    marker = output / "index.html"
    mtime = marker.stat().st_mtime_ns
    capsys.readouterr()
    assert _build(site, output) == 0
    assert "Nothing changed since the last build" in capsys.readouterr().out
    assert marker.stat().st_mtime_ns == mtime and _snapshot(output) == before
    post = site / "interviews" / "second.md"
    post.write_text(post.read_text(encoding="utf-8").replace("A short introduction.", "A shorter introduction."), encoding="utf-8")
    assert _build(site, output) == 0
    assert "A shorter introduction." in (output / "maro-eze" / "index.html").read_text(encoding="utf-8")
    capsys.readouterr()
    assert _build(site, output, "--force") == 0
    assert "Built 3 interview(s)" in capsys.readouterr().out


def test_a_build_in_shards_writes_byte_for_byte_what_one_run_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import spotlight.build as build
    from tests.conftest import write_posts

    content = tmp_path / "content"
    write_posts(content, 24)
    (content / "pages").mkdir()
    (content / "pages" / "about.md").write_text("Title: About\n\nAbout this site.\n", encoding="utf-8")
    trees = {}
    for shards in (1, 3):
        monkeypatch.setattr(build, "MIN_POSTS_TO_SHARD", 1 if shards > 1 else 10**9)
        settings = load_settings(ROOT, content=content, output=tmp_path / f"out-{shards}", overrides={"SPOTLIGHT_JOBS": shards, "SEARCH_INDEX": False})
        monkeypatch.setattr(build.os, "cpu_count", lambda: 4)
        result = build.build_site(settings)
        assert result.articles == 24 and result.pages == 1
        out = tmp_path / f"out-{shards}"
        trees[shards] = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert len(trees[1]) > 100
    assert trees[3].keys() == trees[1].keys()
    assert [name for name in trees[1] if trees[1][name] != trees[3][name]] == []
    assert not [p for p in tmp_path.iterdir() if "building" in p.name or "shard" in p.name]


def test_what_a_killed_build_left_beside_the_output_is_removed_by_the_next(site: Path, tmp_path: Path) -> None:
    output = tmp_path / "out"
    dead = 2**22 + 12345  # (above the largest pid Linux gives)
    left = [tmp_path / f".out.building-{dead}-x1y2", tmp_path / f".out.building-{dead}-x1y2-shard-z3", tmp_path / f".out.old-{dead}"]
    for folder in left:
        (folder / "post").mkdir(parents=True)
    running = tmp_path / f".out.building-{os.getpid()}-live"  # (a build still running: kept)
    running.mkdir()
    assert _build(site, output) == 0
    assert not any(folder.exists() for folder in left) and running.is_dir()


def test_publish_settings_read_this_projects_pelicanconf_whatever_was_read_before(tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "pelicanconf.py").write_text((ROOT / "pelicanconf.py").read_text(encoding="utf-8") + '\nSITENAME = "Another site"\n', encoding="utf-8")
    (other / "content").mkdir()
    (other / "theme").symlink_to(ROOT / "theme")
    assert load_settings(other)["SITENAME"] == "Another site"
    assert load_settings(ROOT, publish=True)["SITENAME"] != "Another site"
    # ...and an edit to the settings is seen by the next read in the same process (spotlight serve).
    with open(other / "pelicanconf.py", "a", encoding="utf-8") as fh:
        fh.write('SITENAME = "Renamed"\n')
    assert load_settings(other)["SITENAME"] == "Renamed"
