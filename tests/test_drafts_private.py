"""Drafts stay private: a publish build writes no page, feed entry, search record or sitemap line
for a draft (an interview its guest has not approved yet, or one dated in the future), so its
title, slug and words are found in no file of ``output/``; a local build previews drafts at
``drafts/<slug>/`` and says where."""

from __future__ import annotations

from pathlib import Path

import pytest

from spotlight.cli import main
from tests.conftest import ROOT

# Words found nowhere else: the draft's title, slug and text, each searched for in every file.
TITLE_WORD = "Quillfeather"
SLUG = "unapproved-zephyrine-interview"
TEXT_WORD = "marmalisque"


def _site(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    folder = content / "interviews"
    folder.mkdir(parents=True)
    (content / "pages").mkdir()
    (folder / "published.md").write_text(
        "Title: Builders #1: Ada Stone, Engineer at Kiln\nDate: 2024-03-01\nAuthor: Avery Lane\nInterviewee: Ada Stone\n"
        "Role: Engineer\nCompany: Kiln\nSeries: Builders\nSeries_index: 1\nTags: craft\nSlug: ada-stone\n"
        "Guid: urn:uuid:00000000-0000-4000-8000-000000000001\n\n"
        "Ada builds kilns.\n\n**Avery Lane:** What do you build?\n\n**Ada Stone:** Kilns, mostly, and the tools for them.\n",
        encoding="utf-8",
    )
    for name, status in (("draft.md", "Status: draft\n"), ("future.md", "")):
        slug = SLUG if name == "draft.md" else f"{SLUG}-later"
        date = "2024-04-01" if status else "2999-01-01"
        (folder / name).write_text(
            f"Title: Builders #2: Zephyrine {TITLE_WORD}, Founder at Kiln\nDate: {date}\nAuthor: Avery Lane\n"
            f"Interviewee: Zephyrine {TITLE_WORD}\nRole: Founder\nCompany: Kiln\nSeries: Builders\nSeries_index: 2\n"
            f"Tags: secretive-{TITLE_WORD.lower()}\nSlug: {slug}\n{status}Guid: urn:uuid:00000000-0000-4000-8000-00000000000{len(name)}\n\n"
            f"An introduction that is {TEXT_WORD}.\n\n**Avery Lane:** Ready?\n\n**Zephyrine {TITLE_WORD}:** Not yet, it is all {TEXT_WORD}.\n",
            encoding="utf-8",
        )
    return content


def _traces(output: Path) -> list[str]:
    found = []
    for path in output.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for word in (TITLE_WORD, SLUG, TEXT_WORD):
                if word.encode() in data or word.lower().encode() in data:
                    found.append(f"{path.relative_to(output)}: {word}")
        for word in (TITLE_WORD.lower(), SLUG):
            if word in path.name.lower():
                found.append(f"{path.relative_to(output)} (its name)")
    return found


def test_a_publish_build_leaves_no_trace_of_a_draft(tmp_path: Path) -> None:
    content, output = _site(tmp_path), tmp_path / "output"
    code = main(["build", "--project", str(ROOT), "--content", str(content), "--output", str(output), "--publish"])
    assert code == 0
    assert (output / "ada-stone" / "index.html").is_file()  # (the published interview is there)
    assert (output / "sitemap.xml").is_file() and (output / "pagefind" / "pagefind-entry.json").is_file()
    assert _traces(output) == []


def test_a_local_build_previews_drafts_and_says_where(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content, output = _site(tmp_path), tmp_path / "output"
    assert main(["build", "--project", str(ROOT), "--content", str(content), "--output", str(output)]) == 0
    preview = output / "drafts" / SLUG / "index.html"
    assert preview.is_file() and TEXT_WORD in preview.read_text(encoding="utf-8")
    said = " ".join(capsys.readouterr().out.split())
    assert "2 draft(s) not published; previews in " + str(output / "drafts") in said
    # Previewed, but still in no feed, sitemap, search index, person or series page.
    leaks = [t for t in _traces(output) if not t.startswith("drafts/")]
    assert leaks == []


def test_a_site_that_says_nothing_about_previews_writes_no_draft() -> None:
    """A Pelican site's own settings (Pelican's defaults, no SPOTLIGHT_DRAFT_PREVIEWS): the
    plugin sends drafts nowhere; asked for previews, it leaves Pelican's places for them."""
    from pelican.plugins.spotlight import DRAFT_SAVE_SETTINGS, settle_settings
    from pelican.settings import DEFAULT_CONFIG

    settings = dict(DEFAULT_CONFIG)
    assert settings["DRAFT_SAVE_AS"]  # (Pelican's own default writes them)
    settle_settings(settings)
    assert all(settings[name] == "" for name in DRAFT_SAVE_SETTINGS)
    previews = {**DEFAULT_CONFIG, "SPOTLIGHT_DRAFT_PREVIEWS": True}
    settle_settings(previews)
    assert previews["DRAFT_SAVE_AS"] == DEFAULT_CONFIG["DRAFT_SAVE_AS"]
