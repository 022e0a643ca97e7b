"""`spotlight serve`: the edited post's page first, on its own, then the whole site behind it;
the browser is told to reload; a broken edit keeps the last good site served."""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from spotlight.serve import VERSION_PATH, preview_settings, render_preview
from spotlight.settings import load_settings
from tests.conftest import ROOT, write_posts


def _project(tmp_path: Path, n: int = 4) -> Path:
    project = tmp_path / "site"
    project.mkdir()
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, project / name)
    shutil.copytree(ROOT / "theme", project / "theme")
    write_posts(project / "content", n)
    (project / "content" / "pages").mkdir()
    with open(project / "pelicanconf.py", "a", encoding="utf-8") as fh:
        fh.write("\nSEARCH_INDEX = False\n")
    return project


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _until(check, timeout: float = 30.0):  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            value = check()
        except OSError:
            value = None
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out")


def test_a_preview_renders_only_the_edited_post(tmp_path: Path) -> None:
    project = _project(tmp_path)
    settings = load_settings(project)
    post = project / "content" / "interviews" / "post-2.md"
    scratch = tmp_path / "scratch"
    run = preview_settings(settings, post, scratch)
    assert run["ARTICLE_PATHS"] == ["interviews/post-2.md"] and run["PAGE_PATHS"] == [] and not run["CACHE_CONTENT"]
    output = tmp_path / "out"
    written = render_preview(settings, post, output)
    assert written == ["post-2/index.html"]
    assert sorted(p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()) == written
    page = (output / "post-2" / "index.html").read_text(encoding="utf-8")
    assert "turn-question" in page and "Priya Valdor 2" in page


def test_serve_shows_an_edit_then_builds_the_site_and_keeps_serving_after_a_broken_edit(tmp_path: Path) -> None:
    project = _project(tmp_path)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "spotlight", "serve", "--project", str(project), "--port", str(port)], cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        page = _until(lambda: _get(f"{base}/post-1/"))
        assert VERSION_PATH in page  # the reload script, added by the server...
        assert VERSION_PATH not in (project / "output" / "post-1" / "index.html").read_text(encoding="utf-8")  # ...not in the site
        version = _get(base + VERSION_PATH)
        post = project / "content" / "interviews" / "post-1.md"
        post.write_text(post.read_text(encoding="utf-8") + "\nAn edit seen in the preview.\n", encoding="utf-8")
        _until(lambda: "An edit seen in the preview." in _get(f"{base}/post-1/"))
        assert _get(base + VERSION_PATH) != version  # the browser reloads
        # The whole site follows: a new title shows in the feed.
        post.write_text(post.read_text(encoding="utf-8").replace("Title: Builders 1 #1", "Title: Renamed Builders 1 #1"), encoding="utf-8")
        _until(lambda: "Renamed Builders 1" in _get(f"{base}/feeds/rss.xml"))
        # A broken edit: the last good page stays served.
        good = _get(f"{base}/post-1/")
        post.write_text(post.read_text(encoding="utf-8").replace("Date: 2024-02-02 10:01", "Date: 2024-13-45"), encoding="utf-8")
        time.sleep(3)
        assert _get(f"{base}/post-1/") == good
        assert (project / "output" / "index.html").is_file()
    finally:
        server.send_signal(signal.SIGINT)
        try:
            out, _ = server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            out, _ = server.communicate()
    assert "Date '2024-13-45' is not a date" in out, out
