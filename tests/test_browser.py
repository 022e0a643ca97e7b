"""The theme in a real browser (Debian's chromium driven by playwright): questions distinct
from answers, dark mode from the system setting, the e-mail edition one 600 px column.
(Readable on a phone, at 360 px, is checked for every page in test_quality.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CHROMIUM, NO_CHROMIUM

# The fixtures `browser` (chromium, launched once) and `served` (the fixture site, built once and
# served on 127.0.0.1) live in conftest.py: test_quality.py shares them. The check that nothing
# scrolls sideways at 360 px covers every page in test_quality.py.

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=NO_CHROMIUM)


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
