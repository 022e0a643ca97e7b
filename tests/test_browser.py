"""The theme in a real browser (Debian's chromium driven by playwright): readable on a
phone, questions distinct from answers, dark mode from the system setting."""

from __future__ import annotations

import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

from spotlight.cli import main
from tests.conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="chromium is not installed (apt-get install chromium); .ci/run installs it"
)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    base = tmp_path_factory.mktemp("browser")
    content = base / "content"
    shutil.copytree(Path(__file__).parent / "fixtures" / "site", content)
    output = base / "output"
    assert main(["build", "--project", str(ROOT), "--content", str(content), "--output", str(output)]) == 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(output)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.mark.parametrize("path", ["/", "/wren-oduya/", "/series/test-talks/", "/tag/design/", "/about/", "/archive/"])
def test_nothing_scrolls_sideways_on_a_phone(browser: object, served: str, path: str) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 740})  # type: ignore[attr-defined]
    page.goto(served + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    font_px = float(page.evaluate("getComputedStyle(document.body).fontSize").removesuffix("px"))
    assert font_px >= 16
    page.close()


def test_questions_look_different_from_answers_and_dark_mode_follows_the_system(browser: object, served: str, tmp_path: Path) -> None:
    styles = {}
    for scheme in ("light", "dark"):
        page = browser.new_page(viewport={"width": 800, "height": 1000}, color_scheme=scheme)  # type: ignore[attr-defined]
        page.goto(served + "/wren-oduya/")
        question = page.locator(".turn-question").first
        answer = page.locator(".turn-answer").first
        styles[scheme] = (
            question.evaluate("e => getComputedStyle(e).backgroundColor"),
            answer.evaluate("e => getComputedStyle(e).backgroundColor"),
            page.evaluate("getComputedStyle(document.body).backgroundColor"),
        )
        page.screenshot(path=str(tmp_path / f"article-{scheme}.png"), full_page=True)
        page.close()
    for q_bg, a_bg, _ in styles.values():
        assert q_bg != a_bg
    assert styles["light"][2] != styles["dark"][2]


def test_email_edition_is_one_600px_column(browser: object, served: str, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 900, "height": 1200})  # type: ignore[attr-defined]
    page.goto(served + "/newsletter/wren-oduya.html")
    box = page.locator("table.container").bounding_box()
    assert box is not None and box["width"] == 600
    widest = page.evaluate("Math.max(...[...document.querySelectorAll('table.container *')].map(e => e.getBoundingClientRect().width))")
    assert widest <= 600
    assert page.evaluate("document.scripts.length") == 0
    page.screenshot(path=str(tmp_path / "edition.png"), full_page=True)
    page.close()
