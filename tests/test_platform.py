"""Where an interview was first published (``Source_name``), told only by what says it: a known
platform's address, a saved page's name for its site, or furniture only one platform prints, in
any UI language; never by lines several platforms share, and never a guess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spotlight.cleanup import clean_scrape
from spotlight.importer import import_path, import_text, parse_date
from spotlight.sources import name_of_address
from tests.conftest import ROOT

INTERVIEW = """{title}

Nadia Okafor builds tools for river pilots.

Jon Park: What got you started?

Nadia Okafor: A broken depth gauge on a foggy morning, and a lot of patience.

Jon Park: What comes next?

Nadia Okafor: Better maps for the people who read the water every day.

{furniture}
"""


def platform_of(furniture: list[str], title: str = "Meet Nadia Okafor, Engineer at Rivermark") -> str | None:
    cleaned = clean_scrape(INTERVIEW.format(title=title, furniture="\n\n".join(furniture)))
    return cleaned.metadata.get("Source_name")


@pytest.mark.parametrize(
    ("furniture", "expected"),
    [
        (["To view or add a comment, sign in", "More articles by Jon Park", "Others also viewed"], "LinkedIn"),
        (["Para ver o añadir un comentario, inicia sesión", "Más artículos de Jon Park"], "LinkedIn"),
        (["Weitere Artikel von Jon Park", "Einblicke aus der Community"], "LinkedIn"),
        (["Recommended from Medium", "Written by Jon Park", "No responses yet"], "Medium"),
        (["Recomendado de Medium", "Escrito por Jon Park"], "Medium"),
        (["Discussion about this post", "Ready for more?"], "Substack"),
        (["Diskussion über diesen Beitrag", "Bereit für mehr?"], "Substack"),
    ],
)
def test_one_platforms_own_furniture_names_it_in_any_language(furniture: list[str], expected: str) -> None:
    assert platform_of(furniture) == expected


@pytest.mark.parametrize(
    "furniture",
    [
        [],  # nothing says
        ["Reply", "Share", "Like"],  # lines several platforms print
        ["More articles by Jon Park"],  # one line is not enough
        ["To view or add a comment, sign in", "Others also viewed", "Recommended from Medium", "Written by Jon Park"],  # two platforms
        ["{name}のその他の記事".replace("{name}", "Jon Park"), "Share"],  # LinkedIn and Medium both print it
    ],
)
def test_nothing_is_named_without_two_witnesses_of_one_platform(furniture: list[str]) -> None:
    assert platform_of(furniture) is None


def test_a_known_address_names_the_platform_and_another_its_host() -> None:
    assert name_of_address("https://www.linkedin.com/pulse/meet-nadia") == "LinkedIn"
    assert name_of_address("https://rivers.substack.com/p/meet-nadia") == "Substack"
    assert name_of_address("https://medium.com/@jon/meet-nadia") == "Medium"
    assert name_of_address("https://blog.rivermark.example/meet-nadia") == "blog.rivermark.example"
    assert name_of_address("javascript:alert(1)") is None and name_of_address("http://[x") is None


def _page(site_name: str | None, canonical: str) -> str:
    meta = f'<meta property="og:site_name" content="{site_name}">' if site_name else ""
    turns = "".join(
        f"<p><strong>Jon Park:</strong> Question {n} about maps and rivers and the people who read them?</p>"
        f"<p><strong>Nadia Okafor:</strong> Answer {n}: patience, fog, gauges and a great deal of listening to pilots.</p>"
        for n in range(4)
    )
    return (
        f'<html lang="en"><head><title>Meet Nadia Okafor</title>{meta}<link rel="canonical" href="{canonical}">'
        '<meta property="article:published_time" content="2022-03-01"></head>'
        f"<body><article><h1>Meet Nadia Okafor</h1><p>Nadia Okafor builds tools for river pilots.</p>{turns}</article></body></html>"
    )


def test_a_saved_page_says_its_site_by_address_first_then_by_its_name() -> None:
    on_linkedin = import_text(_page("LinkedIn Pulse", "https://www.linkedin.com/pulse/meet-nadia"), source="p.html", html=True)
    assert on_linkedin.post.metadata["Source_name"] == "LinkedIn"
    blog = import_text(_page("River Notes", "https://notes.rivermark.example/meet-nadia"), source="p.html", html=True)
    assert blog.post.metadata["Source_name"] == "River Notes"
    unnamed = import_text(_page(None, "https://notes.rivermark.example/meet-nadia"), source="p.html", html=True)
    assert "Source_name" not in unnamed.post.metadata  # (the build names the host)
    assert [r.details["source"] for r in blog.records if r.stage == "platform"] == ["the page's name for its site"]


def test_no_case_is_named_after_another_platform() -> None:
    """Over every scrape in tests/cases (named by platform): a name given is that platform's,
    or the saved page's own site name; WordPress and Ghost scrapes never get a platform's."""
    named = 0
    for case in sorted((ROOT / "tests" / "cases").iterdir()):
        if not case.is_dir():
            continue
        options = json.loads((case / "options.json").read_text(encoding="utf-8")) if (case / "options.json").exists() else {}
        source = next(case.glob("input.*"))
        result = import_path(str(source), date=parse_date(options["date"]) if "date" in options else None)
        name = result.post.metadata.get("Source_name")
        if name is None:
            continue
        named += 1
        platform = case.name.split("-")[0]
        via = [r.details["source"] for r in result.records if r.stage == "platform"]
        if via == ["the page's name for its site"]:
            assert Path(source).suffix == ".html"
            continue
        assert name == {"linkedin": "LinkedIn", "medium": "Medium", "substack": "Substack"}.get(platform), (case.name, name, via)
    assert named >= 12
