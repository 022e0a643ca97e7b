"""The pre-pass (spotlight.prepared): every post checked, converted and prepared once, kept by
the hash of what it is made from, made on every core; the plugin's reader hands Pelican exactly
what a post made on its own would give."""

from __future__ import annotations

from pathlib import Path

import pytest

from spotlight.settings import load_settings
from spotlight.prepared import MIN_PARALLEL, STORE_FOLDER, make_entry, prepare_posts, read_post, recipe_of
from tests.conftest import ROOT, write_posts


def _settings(content: Path, cache: Path | None, jobs: int) -> dict:
    settings = load_settings(ROOT, content=content, output=content.parent / "out")
    settings["SPOTLIGHT_JOBS"] = jobs
    settings["CACHE_CONTENT"] = cache is not None
    settings["CACHE_PATH"] = str(cache) if cache else ""
    return settings


@pytest.fixture
def content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    write_posts(content, MIN_PARALLEL + 5)
    posts = content / "interviews"
    (posts / "junky.md").write_text("Title: Junky\nDate: 2024-01-02\nSlug: junky\n\nIntro.\n\n回复\n", encoding="utf-8")
    (posts / "no-guid.md").write_text("Title: No Guid\nDate: 2024-01-03\n\n**Avery Lane:** Why?\n\n**Ines Marlow:** Because.\n", encoding="utf-8")
    (content / "pages").mkdir()
    (content / "pages" / "about.md").write_text("Title: About\n\n**Avery Lane:** Not a question here.\n", encoding="utf-8")
    return content


def test_posts_made_on_every_core_are_those_made_one_by_one(content: Path, tmp_path: Path) -> None:
    parallel = _settings(content, tmp_path / "cache-a", jobs=2)
    serial = _settings(content, None, jobs=1)
    made = prepare_posts(parallel)
    alone = prepare_posts(serial)
    assert made.posts == alone.posts == MIN_PARALLEL + 8 and made.made == made.posts
    assert made.problems == alone.problems == []
    assert made.warnings == alone.warnings
    assert any("junky.md:7: platform UI chrome" in w for w in made.warnings)
    assert any("no-guid.md: no Guid" in w for w in made.warnings)
    for path in sorted(content.rglob("*.md")):
        assert read_post(str(path), parallel) == read_post(str(path), serial), path
    # A page is not marked up as an interview; an article is, with the author's turns as questions.
    about = read_post(str(content / "pages" / "about.md"), parallel)
    assert about is not None and not about.prepared.is_article and "turn-question" not in about.prepared.html
    post = read_post(str(content / "interviews" / "post-0.md"), parallel)
    assert post is not None and post.prepared.html.count("turn-question") == 3 and len(post.prepared.outline.questions) == 3


def test_the_store_keeps_what_is_current_and_nothing_else(content: Path, tmp_path: Path) -> None:
    settings = _settings(content, tmp_path / "cache", jobs=2)
    store = tmp_path / "cache" / STORE_FOLDER
    first = prepare_posts(settings)
    entries = set(p.name for p in store.iterdir() if not p.name.startswith("found-"))
    assert len(entries) == first.posts
    again = prepare_posts(settings)
    assert again.made == 0 and again.warnings == first.warnings  # (all from the store)
    post = content / "interviews" / "post-3.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    edited = prepare_posts(settings)
    assert edited.made == 1
    now = set(p.name for p in store.iterdir() if not p.name.startswith("found-"))
    assert len([p for p in store.iterdir() if p.name.startswith("found-")]) == 1  # (what this set of files holds)
    assert len(now) == len(entries) and len(now - entries) == 1  # the old entry went
    converted = read_post(str(post), settings)
    assert converted is not None and "One more line." in converted.prepared.html
    # What the reader takes from the store is what a post made now gives.
    assert converted == make_entry(str(post), post.read_bytes(), "article", recipe_of(settings)).post


def test_a_problem_is_found_wherever_the_post_was_made(content: Path, tmp_path: Path) -> None:
    (content / "interviews" / "broken.md").write_text("Title: Broken\nDate: 2024-13-45\n\nIntro.\n", encoding="utf-8")
    (content / "interviews" / "twin.md").write_text((content / "interviews" / "post-1.md").read_text(encoding="utf-8"), encoding="utf-8")
    for jobs, cache in ((2, tmp_path / "cache"), (1, None)):
        found = prepare_posts(_settings(content, cache, jobs))
        messages = sorted(str(p) for p in found.problems)
        assert any("broken.md:2: Date '2024-13-45' is not a date" in m for m in messages), messages
        assert any("twin.md" in m and "same slug 'post-1'" in m for m in messages), messages
        assert read_post(str(content / "interviews" / "broken.md"), _settings(content, cache, jobs)) is None


def test_what_was_found_is_asked_again_when_the_slug_settings_change(content: Path, tmp_path: Path) -> None:
    (content / "interviews" / "twin.md").write_text("Title: Post 1 copy\nDate: 2024-01-01\n\nText.\n", encoding="utf-8")
    settings = _settings(content, tmp_path / "cache", jobs=1)
    assert prepare_posts(settings).problems == []
    # The same files, with a substitution that makes its slug "post-1": the same page twice.
    settings["SLUG_REGEX_SUBSTITUTIONS"] = [(r" copy$", ""), (r"[^\w\s-]", ""), (r"(?u)\A\s*", ""), (r"(?u)\s*\Z", ""), (r"[-\s]+", "-")]
    found = prepare_posts(settings)
    assert any("same slug 'post-1'" in str(p) for p in found.problems), found.problems
