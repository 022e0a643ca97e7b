"""Article extraction on Mozilla Readability's 130 saved pages (a development set read from
../shared; never copied here): what `spotlight import` makes of each page is scored against the
expected article, beside trafilatura and readability-lxml in the same run
(scripts/bench_pages.py prints the whole table)."""

from __future__ import annotations

import importlib.util
import statistics
from pathlib import Path

import pytest

SUITE = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "real-pages" / "readability"
pytestmark = pytest.mark.skipif(not SUITE.is_dir(), reason=f"the shared real-page suite is not beside the project ({SUITE})")


def _bench():
    spec = importlib.util.spec_from_file_location("bench_pages", Path(__file__).resolve().parent.parent / "scripts" / "bench_pages.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scored():
    bench = _bench()
    pages = bench.load_suite(SUITE)
    return pages, bench.run(pages, ["spotlight", "trafilatura", "readability-lxml"])


def _mean(results: dict, name: str, pages: list) -> float:
    return statistics.fmean(results[name]["pages"][p.name]["f1"] for p in pages)


def test_spotlight_extracts_at_least_as_well_as_trafilatura_and_readability(scored) -> None:
    pages, results = scored
    real = [p for p in pages if p.real]
    assert len(pages) >= 130 and len(real) >= 90
    assert _mean(results, "spotlight", pages) >= _mean(results, "trafilatura", pages)
    assert _mean(results, "spotlight", real) >= _mean(results, "readability-lxml", real)


def test_no_page_is_much_worse_than_trafilatura(scored) -> None:
    pages, results = scored
    ours, theirs = results["spotlight"]["pages"], results["trafilatura"]["pages"]
    worse = {p.name: round(ours[p.name]["f1"] - theirs[p.name]["f1"], 3) for p in pages if ours[p.name]["f1"] < theirs[p.name]["f1"] - 0.1}
    assert not worse
    assert not [p.name for p in pages if ours[p.name]["error"]]


def test_titles_and_bylines(scored) -> None:
    pages, results = scored
    ours = results["spotlight"]["pages"]
    with_title = [p for p in pages if p.title]
    with_byline = [p for p in pages if p.byline]
    # Mozilla's expected title sometimes keeps the site's name (" | eHow"), which Spotlight drops.
    assert sum(ours[p.name]["title_ok_but_suffix"] for p in with_title) >= 0.95 * len(with_title)
    assert sum(ours[p.name]["title_ok"] for p in with_title) >= 0.9 * len(with_title)
    assert sum(bool(ours[p.name]["byline_ok"]) for p in with_byline) >= 0.75 * len(with_byline)


def test_no_page_of_the_suite_is_read_as_an_interview_or_names_a_ui_word() -> None:
    from spotlight.cleanup.pipeline import clean_html_page

    for folder in sorted(p for p in SUITE.iterdir() if (p / "source.html").is_file()):
        cleaned = clean_html_page((folder / "source.html").read_text(encoding="utf-8", errors="replace"))
        assert cleaned.turn_count == 0, folder.name
        author = cleaned.metadata.get("Author", "")
        assert author.casefold() not in {"loaded", "map", "learn more", "notes", "progress", "pro", "con", "task"}, folder.name


def test_a_page_with_a_published_time_gets_a_date() -> None:
    import json

    from spotlight.cleanup.pipeline import clean_html_page

    dated = missing = 0
    for folder in sorted(p for p in SUITE.iterdir() if (p / "source.html").is_file()):
        expected = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8")).get("publishedTime")
        if not expected:
            continue
        dated += 1
        cleaned = clean_html_page((folder / "source.html").read_text(encoding="utf-8", errors="replace"))
        if cleaned.metadata.get("Date") != expected[:10]:
            missing += 1
    assert dated >= 30 and missing <= dated // 10
