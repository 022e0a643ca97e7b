"""Rebuilds that reuse the previous build (rendered pages, prepared posts, validation) give
exactly what a build from nothing gives, and render only what an edit touches; pages rendered
on several cores are the same as pages rendered on one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from spotlight.build import build_site, load_settings
from spotlight.errors import BuildError
from spotlight.plugin.parallel import MIN_JOBS
from tests.conftest import ROOT

GUESTS = ("Ines Marlow", "Tomas Achebe", "Priya Valdor", "Kenji Harlan", "Oona Feld", "Bruno Castell")


def _write_posts(content: Path, n: int) -> None:
    folder = content / "interviews"
    folder.mkdir(parents=True)
    for i in range(n):
        guest = f"{GUESTS[i % len(GUESTS)]} {i}"
        series = f"Builders {i % 3}"
        turns = "\n\n".join(
            f"**Avery Lane:** What did week {k} of the project teach you?\n\n**{guest}:** That small steps, shipped often, beat a grand plan. We measured everything."
            for k in range(3)
        )
        (folder / f"post-{i}.md").write_text(
            f"Title: {series} #{i // 3 + 1}: {guest}, Engineer at Firm{i % 4}\nDate: 2024-{1 + i % 12:02d}-{1 + i % 27:02d} 10:{i % 60:02d}\n"
            f"Author: Avery Lane\nInterviewee: {guest}\nRole: Engineer\nCompany: Firm{i % 4}\nSeries: {series}\nSeries_index: {i // 3 + 1}\n"
            f"Tags: {('craft', 'teams', 'tools')[i % 3]}, {('data', 'design')[i % 2]}\nSlug: post-{i}\nGuid: urn:uuid:00000000-0000-4000-8000-{i:012d}\n\n"
            f"An introduction to {guest}, who builds things at Firm{i % 4}.\n\n{turns}\n",
            encoding="utf-8",
        )


def _build(content: Path, output: Path, **extra: object):  # type: ignore[no-untyped-def]
    settings = load_settings(ROOT, content=content, output=output, overrides={"SEARCH_INDEX": False, **extra})
    return build_site(settings)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _cold(content: Path, tmp: Path, name: str, build=None) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    """The same content built from nothing (its own output and cache), by ``build``."""
    output = tmp / name / "output"
    result = (build or _build)(content, output, SPOTLIGHT_CACHE_PATH=str(tmp / name / "cache"))
    assert not result.quick
    return _snapshot(output)


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path]:
    content = tmp_path / "content"
    _write_posts(content, 24)
    output = tmp_path / "site" / "output"
    first = _build(content, output)
    assert first.reused == 0 and first.rendered > 24
    return content, output


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_an_edit_to_one_answer_renders_only_what_shows_it(project: tuple[Path, Path], tmp_path: Path) -> None:
    content, output = project
    _append(content / "interviews" / "post-5.md", "\n**Avery Lane:** One more question?\n\n**Oona Feld 5:** One more answer, added later.\n")
    result = _build(content, output)
    assert result.reused > 0
    # Its page, its e-mail edition, the feeds and the listings that show it; not the others.
    assert 3 <= result.rendered < (result.rendered + result.reused) / 3
    assert "One more answer, added later." in (output / "post-5" / "index.html").read_text(encoding="utf-8")
    assert "One more answer, added later." in (output / "newsletter" / "post-5.html").read_text(encoding="utf-8")
    assert "One more answer, added later." in (output / "feeds" / "rss.xml").read_text(encoding="utf-8")
    assert _snapshot(output) == _cold(content, tmp_path, "cold")


def test_a_new_title_reaches_every_page_that_names_it(project: tuple[Path, Path], tmp_path: Path) -> None:
    content, output = project
    post = content / "interviews" / "post-7.md"
    post.write_text(post.read_text(encoding="utf-8").replace("Title: Builders 1 #3:", "Title: Builders 1 #3 (revised):"), encoding="utf-8")
    _build(content, output)
    assert _snapshot(output) == _cold(content, tmp_path, "cold")
    neighbours = [p for p in output.rglob("*.html") if "(revised)" in p.read_text(encoding="utf-8")]
    assert len(neighbours) > 3  # the post, its series, the home page, its tags…


def test_removing_and_adding_posts_leaves_no_stale_page(project: tuple[Path, Path], tmp_path: Path) -> None:
    content, output = project
    (content / "interviews" / "post-3.md").unlink()
    shutil.copy(content / "interviews" / "post-4.md", content / "interviews" / "post-40.md")
    post = content / "interviews" / "post-40.md"
    post.write_text(post.read_text(encoding="utf-8").replace("Slug: post-4", "Slug: post-40").replace("-000000000004", "-000000000040"), encoding="utf-8")
    _build(content, output)
    assert not (output / "post-3").exists()
    assert (output / "post-40" / "index.html").is_file()
    assert _snapshot(output) == _cold(content, tmp_path, "cold")


def test_a_theme_change_renders_everything_again(project: tuple[Path, Path], tmp_path: Path) -> None:
    content, output = project
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    base = theme / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</body>", "<!-- theme v2 --></body>"), encoding="utf-8")
    result = _build(content, output, THEME=str(theme))
    assert result.reused == 0
    assert "theme v2" in (output / "post-1" / "index.html").read_text(encoding="utf-8")


def test_pages_rendered_on_several_cores_are_the_pages_rendered_on_one(tmp_path: Path) -> None:
    content = tmp_path / "content"
    _write_posts(content, 60)
    # Footnotes and abbreviations are per-document state of a Markdown converter, which a
    # worker reuses from one post to the next: none of it may leak into the next post.
    _append(content / "interviews" / "post-0.md", "\nA note on HTML[^1].\n\n[^1]: Said twice.\n\n*[HTML]: Hypertext Markup Language\n")
    _append(content / "interviews" / "post-1.md", "\nPlain HTML here, and a [^1] that is no footnote.\n")
    parallel = tmp_path / "parallel"
    result = _build(content, parallel / "output", SPOTLIGHT_CACHE_PATH=str(parallel / "cache"), SPOTLIGHT_JOBS=2)
    assert result.rendered >= MIN_JOBS  # enough work for the build to fork its workers
    serial = tmp_path / "serial"
    _build(content, serial / "output", SPOTLIGHT_CACHE_PATH=str(serial / "cache"), SPOTLIGHT_JOBS=1)
    assert _snapshot(parallel / "output") == _snapshot(serial / "output")
    page = (parallel / "output" / "post-1" / "index.html").read_text(encoding="utf-8")
    assert "Plain HTML here, and a [^1] that is no footnote." in page and "<abbr" not in page


def test_a_page_that_fails_in_a_worker_fails_the_build_and_names_it(tmp_path: Path) -> None:
    content = tmp_path / "content"
    _write_posts(content, 60)
    output = tmp_path / "output"
    _build(content, output, SPOTLIGHT_JOBS=2)
    before = _snapshot(output)
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    article = theme / "templates" / "article.html"
    article.write_text("{% if article.slug == 'post-33' %}{{ article.no_such_field.deeper }}{% endif %}" + article.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(BuildError) as failure:
        _build(content, output, SPOTLIGHT_JOBS=2, THEME=str(theme))
    message = str(failure.value)
    assert "post-33/index.html (from " in message and "no_such_field" in message and ".building-" not in message
    assert _snapshot(output) == before


def test_a_page_that_fails_on_one_core_names_it_too(tmp_path: Path) -> None:
    content = tmp_path / "content"
    _write_posts(content, 6)
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    article = theme / "templates" / "article.html"
    article.write_text("{% if article.slug == 'post-3' %}{{ article.no_such_field.deeper }}{% endif %}" + article.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(BuildError, match=r"post-3/index.html \(from .*post-3.md\): .*no_such_field"):
        _build(content, tmp_path / "output", THEME=str(theme))
    assert not (tmp_path / "output").exists()


def test_an_image_that_changes_reaches_the_editions_that_show_it(tmp_path: Path) -> None:
    content = tmp_path / "content"
    _write_posts(content, 6)
    (content / "images").mkdir()
    post = content / "interviews" / "post-2.md"
    post.write_text(post.read_text(encoding="utf-8").replace("Slug: post-2\n", "Slug: post-2\nImage: images/lead.png\n"), encoding="utf-8")
    shutil.copy(ROOT / "tests" / "fixtures" / "site" / "images" / "diagram.png", content / "images" / "lead.png")
    output = tmp_path / "output"
    _build(content, output)
    before = (output / "newsletter" / "post-2.html").read_text(encoding="utf-8")
    # Another picture under the same name: the post itself is untouched.
    png = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + (321).to_bytes(4, "big") + (123).to_bytes(4, "big") + bytes.fromhex("0802000000")
    (content / "images" / "lead.png").write_bytes(png + b"\0" * 64)
    _build(content, output)
    after = (output / "newsletter" / "post-2.html").read_text(encoding="utf-8")
    assert 'width="321" height="123"' in after and 'width="321"' not in before
    assert _snapshot(output) == _cold(content, tmp_path, "cold")


def test_a_post_dated_in_the_future_is_published_by_the_first_build_after_its_time(tmp_path: Path) -> None:
    import datetime as dt
    import time

    content = tmp_path / "content"
    _write_posts(content, 3)
    due = dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=3)  # the settings' TIMEZONE is UTC
    post = content / "interviews" / "post-1.md"
    text = post.read_text(encoding="utf-8")
    post.write_text(text.replace(text.split("\n")[1], f"Date: {due:%Y-%m-%d %H:%M:%S}"), encoding="utf-8")
    output = tmp_path / "output"
    first = _build(content, output)
    assert first.articles == 2 and not (output / "post-1").exists()
    assert _build(content, output).up_to_date  # nothing changed, nothing due yet
    time.sleep(max(0.0, (due - dt.datetime.now(dt.timezone.utc)).total_seconds()) + 1.1)
    later = _build(content, output)  # nothing changed in the files, but the post is due
    assert not later.up_to_date and later.articles == 3
    assert (output / "post-1" / "index.html").is_file()
    assert _build(content, output).up_to_date


def _bodies(output: Path) -> list[Path]:
    return sorted((output.parent / ".spotlight-cache").glob("pelican-*/bodies/*"))


def test_post_bodies_live_in_the_store_not_in_memory_or_pelicans_cache(project: tuple[Path, Path], tmp_path: Path) -> None:
    content, output = project
    phrase = "A sentence only the body store should hold."
    _append(content / "interviews" / "post-2.md", f"\n{phrase}\n")
    _build(content, output)
    caches = list((output.parent / ".spotlight-cache").glob("pelican-*/ArticlesGenerator-Readers"))
    assert caches and all(phrase.encode() not in c.read_bytes() for c in caches)
    stored = _bodies(output)
    assert len(stored) == 24  # one per post: the edited post's old body was removed
    assert sum(phrase in p.read_text(encoding="utf-8") for p in stored) == 1
    assert phrase in (output / "post-2" / "index.html").read_text(encoding="utf-8")
    # The same site as a build that keeps every body in memory.
    inline = tmp_path / "inline" / "output"
    _build(content, inline, SPOTLIGHT_BODY_STORE=False, SPOTLIGHT_CACHE_PATH=str(tmp_path / "inline" / "cache"))
    assert not list((tmp_path / "inline" / "cache").glob("pelican-*/bodies"))
    assert _snapshot(output) == _snapshot(inline)


def test_a_body_lost_from_the_store_is_read_again(project: tuple[Path, Path], tmp_path: Path) -> None:
    content, output = project
    before = _snapshot(output)
    for body in _bodies(output)[::2]:
        body.unlink()
    settings = load_settings(ROOT, content=content, output=output, overrides={"SEARCH_INDEX": False})
    build_site(settings, force=True)  # the content cache still says every post is known
    assert _snapshot(output) == before
    assert len(_bodies(output)) == 24


def test_a_longer_answer_updates_the_reading_time_on_every_card(project: tuple[Path, Path], tmp_path: Path) -> None:
    content, output = project
    long_answer = " ".join(["Every week we wrote down what we learned and read it back."] * 180)
    _append(content / "interviews" / "post-4.md", f"\n**Avery Lane:** And then?\n\n**Kenji Harlan 4:** {long_answer}\n")
    _build(content, output)
    assert _snapshot(output) == _cold(content, tmp_path, "cold")


def _worked_out(text: str, calls: list[str]) -> str:
    calls.append(text)
    return f"<{text}>"


def test_a_value_worked_out_later_stands_in_for_it_and_is_kept_without_it() -> None:
    import pickle

    from markupsafe import Markup

    from spotlight.plugin.incremental import Fingerprints, _plain
    from spotlight.plugin.later import Later

    calls: list[str] = []
    later = Later(_worked_out, "json", calls)
    fingerprints = Fingerprints({}, "base")
    assert _plain(later, 0) == "later" and fingerprints.value({"jsonld": later}) == "{'jsonld':later}"
    assert calls == []  # page keys do not work it out
    assert str(Markup(later)) == "<json>" and later and later == "<json>" and later.upper() == "<JSON>"
    assert calls == ["json"]  # once
    kept = pickle.loads(pickle.dumps(later))
    assert kept._value is None and str(kept) == "<json>"  # kept without the value, worked out again


def test_templates_are_not_checked_on_disk_each_time_a_page_uses_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build's template environment lives for that build: a template is read once, not
    checked for changes on disk for every page that uses it."""
    import jinja2.loaders

    content = tmp_path / "content"
    _write_posts(content, 12)
    theme = str((ROOT / "theme").resolve())
    checked: list[str] = []
    getmtime = jinja2.loaders.os.path.getmtime

    def counting(path):  # type: ignore[no-untyped-def]
        if str(path).startswith(theme):
            checked.append(str(path))
        return getmtime(path)

    monkeypatch.setattr(jinja2.loaders.os.path, "getmtime", counting)
    result = _build(content, tmp_path / "output", SPOTLIGHT_CACHE_PATH=str(tmp_path / "cache"), SPOTLIGHT_JOBS=1, SPOTLIGHT_ISOLATE=False)
    assert result.rendered > 30
    base = [p for p in checked if p.endswith("base.html")]
    assert 1 <= len(base) <= 2  # (read by the build's environment: once per generator at most)
