"""Regenerate the committed expected build of the fixture site (tests/expected/site/).

    .venv/bin/python scripts/regen_expected.py

Builds tests/fixtures/site with the project's settings and theme and keeps the files that
tests/test_expected_tree.py compares (pages, feeds, e-mail editions, sitemap, robots). Run it
after an intended change to the theme, the plugin or the fixtures, and review the diff
(`git diff tests/expected`) before committing it.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from spotlight.cli import main  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "site"
EXPECTED = ROOT / "tests" / "expected" / "site"
# What is compared: our own output. Pagefind's index and the copied theme files are not.
COMPARED_SUFFIXES = (".html", ".xml", ".json", ".txt")
SKIPPED_DIRS = ("pagefind", "theme")


def compared_files(folder: Path) -> dict[str, bytes]:
    """The files of a build that the expected tree holds, by relative path."""
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if path.is_file() and path.suffix in COMPARED_SUFFIXES and rel.parts[0] not in SKIPPED_DIRS:
            out[rel.as_posix()] = path.read_bytes()
    return out


def build_fixture(output: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        shutil.copytree(FIXTURE, content)
        code = main(["build", "--project", str(ROOT), "--content", str(content), "--output", str(output)])
        if code != 0:
            raise SystemExit(f"the fixture site did not build (exit {code})")


def main_() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "output"
        build_fixture(output)
        files = compared_files(output)
        if EXPECTED.exists():
            shutil.rmtree(EXPECTED)
        for rel, data in files.items():
            target = EXPECTED / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    print(f"wrote {len(files)} files to {EXPECTED.relative_to(ROOT)}")


if __name__ == "__main__":
    main_()
