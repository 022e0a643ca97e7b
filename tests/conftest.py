"""Shared fixtures: paths to the project, the shared seed, a temporary site, and (for the
browser tests) the built fixture site, served, and chromium."""

from __future__ import annotations

import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "employee-spotlight-2-skylar-payne.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip(f"the shared seed is not here ({SEED}); CI has ../shared beside the clone")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A temporary content folder holding the fixture posts (two interviews and a page)."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "site", content)
    return content


# Shared by the browser tests (test_browser.py, test_quality.py): the fixture site built once per
# test session, served over http on 127.0.0.1, and Debian's chromium launched once.

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
NO_CHROMIUM = "chromium is not installed (apt-get install chromium); .ci/run installs it"


def build_into(content: Path, output: Path) -> Path:
    """Build ``content`` into ``output`` exactly as ``spotlight build`` does; fail the caller
    (every test using a fixture built with it) with the exit code when the build fails."""
    from spotlight.cli import main

    code = main(["build", "--project", str(ROOT), "--content", str(content), "--output", str(output)])
    if code != 0:
        pytest.fail(f"`spotlight build --content {content}` exited with {code}; its error is in the captured stderr", pytrace=False)
    return output


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output folder of the fixture site (tests/fixtures/site), built once per session.
    Tests must not change it."""
    base = tmp_path_factory.mktemp("built-site")
    content = base / "content"
    shutil.copytree(FIXTURES / "site", content)
    return build_into(content, base / "output")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def served(built_site: Path) -> Iterator[str]:
    """``built_site`` served over http on 127.0.0.1 (random port); the base URL, no trailing slash."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(built_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's chromium driven by playwright, launched once per session (skips without it)."""
    if not Path(CHROMIUM).exists():
        pytest.skip(NO_CHROMIUM)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield b
        b.close()


GUESTS = ("Ines Marlow", "Tomas Achebe", "Priya Valdor", "Kenji Harlan", "Oona Feld", "Bruno Castell")


def write_posts(content: Path, n: int) -> None:
    """``n`` interviews under ``content/interviews`` (series, tags, turns, Guids), as an author writes them."""
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
