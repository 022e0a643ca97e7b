"""Broken posts get clear errors before anything is written, and the last good output stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from spotlight.cli import main
from tests.conftest import ROOT

GOOD_GUID = "urn:uuid:11111111-2222-4333-8444-555555555555"


def _build(content: Path, output: Path, *extra: str) -> int:
    return main(["build", "--project", str(ROOT), "--content", str(content), "--output", str(output), *extra])


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _post(slug: str, extra: str = "", body: str = "Text.") -> str:
    return f"Title: {slug} title\nDate: 2024-06-01\nSlug: {slug}\n{extra}\n{body}\n"


BROKEN: list[tuple[str, bytes, str]] = [
    ("no-title.md", b"Date: 2024-01-01\nSlug: no-title\n\nText.\n", "has no Title"),
    ("bad-date.md", b"Title: Bad date\nDate: next Tuesday-ish\n\nText.\n", "is not a date"),
    ("latin1.md", "Title: Café\n\nCrème brûlée.\n".encode("latin-1"), "is not UTF-8"),
    ("binary.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01" * 20, "binary"),
    ("empty.md", b"", "is empty"),
    ("control.md", _post("control", body="Bad \x01 character.").encode(), "control character (U+0001)"),
    ("escape.md", _post("escape", "Slug: ../../escaped\n").replace("Slug: escape\n", "").encode(), "outside the output folder"),
    ("absolute.md", _post("absolute", "Save_as: /tmp/spotlight-evil.html\n").encode(), "outside the output folder"),
    ("backslash.md", _post("backslash", "Save_as: ..\\evil.html\n").encode(), "outside the output folder"),
    ("nested.md", _post("nested", body="\n".join("  " * i + "- x" for i in range(500))).encode(), "levels deep"),
    ("brackets.md", _post("brackets", body="[" * 20000).encode(), "'[' characters"),
    ("same-slug.md", _post("wren-oduya", "Guid: urn:uuid:99999999-2222-4333-8444-555555555555\n").encode(), "same slug 'wren-oduya'"),
    ("same-guid.md", _post("other-slug", "Guid: urn:uuid:06a070f0-fdb6-42f3-a5f0-b8201ddebc98\n").encode(), "same Guid"),
]


@pytest.fixture
def good_output(site: Path, tmp_path: Path) -> Path:
    output = tmp_path / "output"
    assert _build(site, output) == 0
    return output


@pytest.mark.parametrize("name, data, message", BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_post_fails_the_build_before_anything_is_written(
    site: Path, good_output: Path, tmp_path: Path, name: str, data: bytes, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _snapshot(good_output)
    (site / "interviews" / name).write_bytes(data)
    capsys.readouterr()
    assert _build(site, good_output) != 0
    err = capsys.readouterr().err
    assert name in err and message in err, err
    assert _snapshot(good_output) == before
    assert not list(tmp_path.glob(".output.*")) and not list(tmp_path.parent.glob("escaped*"))
    assert not Path("/tmp/spotlight-evil.html").exists()


def test_a_post_larger_than_the_limit(site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "interviews" / "big.md").write_text(_post("big", body="word " * 400), encoding="utf-8")
    assert _build(site, tmp_path / "out", "-e", "MAX_POST_BYTES=1000") != 0
    err = capsys.readouterr().err
    assert "big.md: is 2,0" in err and "more than the limit of 1,000 (MAX_POST_BYTES" in err
    assert not (tmp_path / "out").exists()


def test_check_reports_every_problem_at_once(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name, data, _ in BROKEN:
        (site / "interviews" / name).write_bytes(data)
    capsys.readouterr()
    assert main(["check", str(site)]) == 1
    out = capsys.readouterr().out
    for name, _, message in BROKEN:
        assert any(name in line and message in line for line in out.splitlines()), (name, message)
