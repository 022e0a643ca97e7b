"""Data-driven regression cases: each folder under tests/cases/ holds a raw scrape
(input.txt, input.html or input.md), the post it must become (expected.md) and, optionally,
options.json ({"date": "YYYY-MM-DD"}). When expected.md has no Slug (or Guid) line, that
field is not compared (a new Guid is random).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spotlight.importer import import_path, parse_date

CASES = Path(__file__).parent / "cases"
CASE_DIRS = sorted(p for p in CASES.iterdir() if p.is_dir()) if CASES.is_dir() else []


def _input_of(case: Path) -> Path:
    inputs = sorted(case.glob("input.*"))
    assert len(inputs) == 1, f"{case}: expected exactly one input.* file"
    return inputs[0]


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_case(case: Path) -> None:
    options = json.loads((case / "options.json").read_text(encoding="utf-8")) if (case / "options.json").exists() else {}
    date = parse_date(options["date"]) if "date" in options else None
    result = import_path(str(_input_of(case)), date=date)
    expected = (case / "expected.md").read_text(encoding="utf-8")
    actual = result.post.to_text()
    header = expected.split("\n\n", 1)[0].split("\n")
    for key in ("Slug:", "Guid:"):  # Guid is random; Slug is compared only when expected.md has one
        if not any(line.startswith(key) for line in header):
            actual = "\n".join(line for line in actual.split("\n") if not line.startswith(key))
    assert actual == expected


def test_there_are_cases_for_every_platform_and_format() -> None:
    names = [p.name for p in CASE_DIRS]
    for platform in ("linkedin", "medium", "substack", "wordpress", "ghost", "markdown"):
        assert any(n.startswith(platform + "-") for n in names), platform
    for fmt in ("-txt-", "-html-", "-md-"):
        assert any(fmt in n for n in names), fmt
