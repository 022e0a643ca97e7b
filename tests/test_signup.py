"""The newsletter sign-up form (NEWSLETTER_SIGNUP): on the home page, at the end of every
interview and in the footer, a real form posting to the e-mail service, with a labelled e-mail
field, that works with JavaScript off, passes axe, and says where the address goes; nothing
without the setting; a setting that is not one the build knows stops it, named."""

from __future__ import annotations

import functools
import json
import shutil
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from spotlight.cli import main
from tests.conftest import CHROMIUM, FIXTURES, NO_CHROMIUM, ROOT, _QuietHandler

BUTTONDOWN = {"provider": "buttondown", "account": "spotlight-demo"}


def _build(tmp_path: Path, signup: dict[str, Any] | None) -> tuple[int, Path]:
    content = tmp_path / "content"
    if not content.exists():
        shutil.copytree(FIXTURES / "site", content)
    output = tmp_path / "output"
    extra = ["-e", f"NEWSLETTER_SIGNUP={json.dumps(signup)}"] if signup is not None else []
    return main(["build", "--project", str(ROOT), "--content", str(content), "--output", str(output), "--force", *extra]), output


def _interview_pages(output: Path) -> list[Path]:
    pages = []
    for page in output.glob("*/index.html"):
        tree = lxml.html.fromstring(page.read_bytes())
        if tree.find_class("turn-answer"):
            pages.append(page)
    return pages


@pytest.fixture(scope="module")
def signup_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    code, output = _build(tmp_path_factory.mktemp("signup"), BUTTONDOWN)
    assert code == 0
    return output


def test_home_every_interview_and_the_footer_have_the_form(signup_site: Path) -> None:
    interviews = _interview_pages(signup_site)
    assert len(interviews) >= 2
    for page in [signup_site / "index.html", *interviews, signup_site / "people" / "index.html"]:
        tree = lxml.html.fromstring(page.read_bytes())
        forms = tree.xpath("//form[contains(@class, 'signup-form')]")
        where = {f.getparent().get("class").split()[-1] for f in forms}
        expected = {"signup-footer"} | ({"signup-home"} if page.parent == signup_site else set()) | ({"signup-article"} if page in interviews else set())
        assert where == expected, (page, where)
        for form in forms:
            assert form.get("action") == "https://buttondown.com/api/emails/embed-subscribe/spotlight-demo"
            assert form.get("method") == "post"
            email = form.xpath(".//input[@type='email']")
            assert len(email) == 1 and email[0].get("name") == "email" and email[0].get("required") is not None
            labels = form.xpath(f".//label[@for='{email[0].get('id')}']")
            assert labels and labels[0].text_content().strip()
            assert form.xpath(".//button[@type='submit']")
            note = form.getparent().find_class("signup-note")[0].text_content()
            assert "Buttondown" in note and "buttondown.com" in note
        ids = tree.xpath("//@id")
        assert len(ids) == len(set(ids)), page  # (the forms of one page keep their ids apart)


def test_without_the_setting_no_form(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        if "pagefind" not in page.parts and "newsletter" not in page.parts:
            assert b"signup" not in page.read_bytes(), page


@pytest.mark.parametrize(
    ("signup", "action", "field"),
    [
        ({"provider": "kit", "form": "4321"}, "https://app.kit.com/forms/4321/subscriptions", "email_address"),
        ({"provider": "mailchimp", "action": "https://x.us1.list-manage.com/subscribe/post?u=a&id=b"}, "https://x.us1.list-manage.com/subscribe/post?u=a&id=b", "EMAIL"),
        ({"provider": "generic", "action": "https://lists.example.org/join", "email_field": "addr"}, "https://lists.example.org/join", "addr"),
    ],
)
def test_each_provider_posts_where_it_documents(tmp_path: Path, signup: dict[str, str], action: str, field: str) -> None:
    code, output = _build(tmp_path, signup)
    assert code == 0
    form = lxml.html.fromstring((output / "index.html").read_bytes()).xpath("//form[contains(@class, 'signup-form')]")[0]
    assert form.get("action") == action
    assert form.xpath(".//input[@type='email']")[0].get("name") == field


@pytest.mark.parametrize(
    ("signup", "said"),
    [
        ({"provider": "substack"}, "provider 'substack' is not one of"),
        ({"provider": "buttondown"}, "needs 'account'"),
        ({"provider": "mailchimp", "action": "javascript:alert(1)"}, "is not an https:// address"),
        ({"provider": "buttondown", "account": "a b\"><script>"}, "is not a plain name"),
    ],
)
def test_a_setting_the_build_cannot_use_stops_it_named(tmp_path: Path, signup: dict[str, str], said: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, output = _build(tmp_path, signup)
    assert code != 0 and not output.exists()
    err = " ".join(capsys.readouterr().err.split())
    assert "NEWSLETTER_SIGNUP" in err and said in err


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=NO_CHROMIUM)
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_form_passes_axe_and_posts_with_javascript_off(browser: Any, signup_site: Path, javascript: bool) -> None:
    from axe_playwright_python.sync_playwright import Axe

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(signup_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    page = browser.new_page(java_script_enabled=javascript)
    posted: list[tuple[str, str, str]] = []

    def answer(route: Any) -> None:  # (Buttondown, stood in for: the request the form makes)
        posted.append((route.request.method, route.request.url, route.request.post_data or ""))
        route.fulfill(status=200, body="subscribed")

    try:
        page.route("https://buttondown.com/**", answer)
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/", wait_until="networkidle")
        if javascript:
            violations = Axe().run(page).response["violations"]
            assert not violations, [v["id"] for v in violations]
        page.fill("#signup-email-home", "reader@example.org")
        page.click(".signup-home button[type=submit]")
        page.wait_for_load_state()
        assert posted and posted[0][0] == "POST" and posted[0][1] == "https://buttondown.com/api/emails/embed-subscribe/spotlight-demo"
        assert "email=reader%40example.org" in posted[0][2]
    finally:
        page.close()
        server.shutdown()
        server.server_close()
