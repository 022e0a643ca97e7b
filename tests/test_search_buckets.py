"""Search in buckets: the interview pages are indexed in several Pagefind bundles (bounded
memory, re-indexing only what changed) and the search page still finds pages of every bundle."""

from __future__ import annotations

import functools
import json
import re
import shutil
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from spotlight.build import build_site, load_settings
from spotlight.search import FIRST_BUNDLE, FRAGMENTS, MANIFEST, RECENT_BUNDLE, buckets_of, index_for_search, indexed_pages
from tests.conftest import FIXTURES, ROOT, _QuietHandler


def _build(output: Path, **extra: object) -> Path:
    settings = load_settings(ROOT, content=FIXTURES / "site", output=output, overrides=dict(extra))
    build_site(settings)
    return output


def test_buckets_are_stable_and_cover_every_page() -> None:
    pages = [f"post-{i}/index.html" for i in range(1_000)]
    buckets = buckets_of(pages, 300)
    assert len(buckets) == 4
    assert sorted(p for b in buckets for p in b) == sorted(pages)
    assert [set(b) for b in buckets_of(list(reversed(pages)), 300)] == [set(b) for b in buckets]  # placed by name only
    assert max(len(b) for b in buckets) < 300 * 1.3


def test_only_the_bucket_of_a_changed_page_is_indexed_again(tmp_path: Path) -> None:
    first = _build(tmp_path / "first", SEARCH_INDEX=False)
    pages = indexed_pages(first)
    assert len(pages) == 3  # the three interviews; other pages are not marked for search
    assert index_for_search(first, bucket_size=1) == {"indexed": 3, "kept": 0, "pages": pages}
    second = tmp_path / "second"
    shutil.copytree(first, second, ignore=shutil.ignore_patterns("pagefind*"))
    changed = second / pages[0]
    changed.write_text(changed.read_text(encoding="utf-8").replace("</article>", "<p>An added line about kelp.</p></article>", 1), encoding="utf-8")
    recorded = {bundle: (bundle / FRAGMENTS).read_bytes() for bundle in [first / FIRST_BUNDLE, *sorted((first / "pagefind-more").iterdir())]}
    for bundle in recorded:  # as a build before this record existed left them
        (bundle / FRAGMENTS).unlink()
    assert index_for_search(second, bucket_size=1, previous=first) == {"indexed": 1, "kept": 2, "pages": pages}
    manifest = json.loads((second / FIRST_BUNDLE / MANIFEST).read_text(encoding="utf-8"))
    assert len(manifest["bundles"]) == 2 and all((second / b / "pagefind-entry.json").is_file() for b in manifest["bundles"])
    # Every bundle records which fragment is which page's, kept ones included (read from them).
    for bundle, data in recorded.items():
        assert json.loads((second / bundle.relative_to(first) / FRAGMENTS).read_bytes()).keys() == json.loads(data).keys()


def test_search_finds_pages_in_every_bundle(browser: Any, tmp_path: Path) -> None:
    site = _build(tmp_path / "output", SEARCH_BUCKET_SIZE=1)
    manifest = json.loads((site / FIRST_BUNDLE / MANIFEST).read_text(encoding="utf-8"))
    assert len(manifest["bundles"]) == 2  # three interviews, one per bundle
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("requestfailed", lambda request: errors.append(f"failed: {request.url}"))
    merged: list[str] = []  # what is fetched from the bundles merged into the first
    page.on("request", lambda request: merged.append(urlsplit(request.url).path) if "/pagefind-more/" in request.url else None)
    try:
        page.goto(base + "/search/", wait_until="networkidle")
        found = {}
        for term, target in (("Oduya", "/wren-oduya/"), ("Eze", "/maro-eze/")):
            box = page.locator("#search input")
            box.wait_for(state="visible", timeout=5_000)
            box.fill("")
            box.press_sequentially(term, delay=30)
            links = f"[...document.querySelectorAll('#search a[href]')].map(a => new URL(a.href).pathname)"
            page.wait_for_function(f"{links}.includes({target!r})", timeout=10_000)
            found[term] = page.evaluate(links)
        assert not errors, errors
        assert "/wren-oduya/" in found["Oduya"] and "/maro-eze/" in found["Eze"]
        # Merged bundles are read for their index only: Pagefind's script and WebAssembly
        # come from the first bundle, so the others do not carry copies of them.
        assert merged and all(re.search(r"/(pagefind-entry\.json|[^/]+\.pf_meta|(index|fragment|filter)/[^/]+)$", url) for url in merged), merged
        for bundle in manifest["bundles"]:
            assert not list((site / bundle).glob("*.js")) and not list((site / bundle).glob("wasm.*"))
    finally:
        page.close()
        server.shutdown()
        server.server_close()


def _results(page: Any, term: str) -> list[str]:
    """Search the search page for ``term``: the address of each result, in order."""
    box = page.locator("#search input")
    box.wait_for(state="visible", timeout=5_000)
    box.fill("")
    box.press_sequentially(term, delay=30)
    done = (  # the message says how many results there are ("Searching for ..." until then)
        f"(m => m.includes({term!r}) && /results? for/i.test(m))"
        "((document.querySelector('.pagefind-ui__message') || {textContent: ''}).textContent)"
        " && [...document.querySelectorAll('.pagefind-ui__result')].every(r => r.querySelector('a[href]'))"
    )
    page.wait_for_function(done, timeout=10_000)
    return page.evaluate("[...document.querySelectorAll('.pagefind-ui__result')].map(r => new URL(r.querySelector('a[href]').href).pathname)")


def test_a_quick_build_is_searched_as_edited(browser: Any, tmp_path: Path) -> None:
    """After a quick build the edited page is found by its new words only, and once: its old
    copy and the recent bundle's padding pages are hidden by the search page's module."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "site", content)
    output = tmp_path / "output"
    settings = {"SEARCH_BUCKET_SIZE": 1}
    assert not build_site(load_settings(ROOT, content=content, output=output, overrides=settings)).quick
    post = content / "interviews" / "first.md"
    post.write_text(post.read_text(encoding="utf-8").replace("With a broken printer.", "With a borrowed loom."), encoding="utf-8")
    assert build_site(load_settings(ROOT, content=content, output=output, overrides=settings)).quick
    manifest = json.loads((output / FIRST_BUNDLE / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["recent"]["pages"] == ["wren-oduya/index.html"] and len(manifest["recent"]["hidden"]) == 3  # old copy, 2 padding
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(output)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("requestfailed", lambda request: errors.append(f"failed: {request.url}"))
    recent: list[str] = []
    page.on("request", lambda request: recent.append(request.url) if f"/{RECENT_BUNDLE}/" in request.url else None)
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/search/", wait_until="networkidle")
        assert _results(page, "loom") == ["/wren-oduya/"]
        assert _results(page, "printer") == []
        assert sorted(_results(page, "Oduya")) == ["/wren-oduya-returns/", "/wren-oduya/"]  # once each, no old copy
        assert _results(page, "Eze") == ["/maro-eze/"]  # an unchanged page, also a padding page
        assert recent and not errors, errors
    finally:
        page.close()
        server.shutdown()
        server.server_close()


def test_the_search_stage_does_not_read_back_the_pages_the_build_wrote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from spotlight import search

    seen: list[tuple[dict[str, bytes], int]] = []
    original = search._indexed_digests

    def checked(site: Path, written: dict[str, bytes | None] | None = None) -> dict[str, bytes]:
        reads = []
        read_bytes = Path.read_bytes

        def counting(path: Path) -> bytes:
            reads.append(path)
            return read_bytes(path)

        monkeypatch.setattr(Path, "read_bytes", counting)
        try:
            digests = original(site, written)
        finally:
            monkeypatch.setattr(Path, "read_bytes", read_bytes)
        assert digests == original(site)  # what reading every page gives
        seen.append((digests, len(reads)))
        return digests

    monkeypatch.setattr(search, "_indexed_digests", checked)
    output = _build(tmp_path / "output", SEARCH_BUCKET_SIZE=1)
    digests, reads = seen[-1]
    assert len(digests) == 3 and reads == 0  # every page came from the build: none read back
    # The same when the pages are rendered by worker processes (as for any real site).
    from spotlight.plugin import parallel

    monkeypatch.setattr(parallel, "MIN_JOBS", 1)
    _build(tmp_path / "forked", SEARCH_BUCKET_SIZE=1, SPOTLIGHT_JOBS=2)
    assert seen[-1][0] == digests and seen[-1][1] == 0
    # Pages it did not write (a full build links unchanged ones from the last build) are read,
    # once each; what it wrote is not.
    name = sorted(digests)[0]
    reads: list[Path] = []
    read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda path: reads.append(path) or read_bytes(path))
    assert original(output, {name: digests[name], "index.html": None}) == digests
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    pages = [p for p in output.rglob("*.html") if p.relative_to(output).parts[0] not in ("pagefind", "pagefind-more")]
    assert sorted(reads) == sorted(p for p in pages if p.relative_to(output).as_posix() not in (name, "index.html"))


def test_a_drafts_preview_page_is_not_searchable(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "site", content)
    (content / "interviews" / "draft.md").write_text("Title: A secret draft\nDate: 2024-05-01\nStatus: draft\n\n**Ana Ruiz:** Unannounced kelpfarm?\n", encoding="utf-8")
    output = tmp_path / "output"
    build_site(load_settings(ROOT, content=content, output=output, overrides={}))
    draft = output / "drafts" / "a-secret-draft" / "index.html"
    html = draft.read_text(encoding="utf-8")
    assert "kelpfarm" in html and "data-pagefind-body" not in html and '<meta name="robots" content="noindex">' in html
    assert "drafts/a-secret-draft/index.html" not in indexed_pages(output) and len(indexed_pages(output)) == 3
    from spotlight.search import read_fragment

    fragments = [read_fragment(path.read_bytes()) for path in output.glob("pagefind*/**/fragment/*.pf_fragment")]
    assert len(fragments) == 3 and not any("kelpfarm" in f["content"] or "drafts/" in f["url"] for f in fragments)


def test_the_html_files_search_looks_at(tmp_path: Path) -> None:
    """Every HTML file of the site, as rglob lists them, less the search bundles themselves:
    not a folder named like a page, not through a link to a folder."""
    from spotlight.search import _html_files

    site = tmp_path / "site"
    for name in ("index.html", "a/index.html", "a/b/c/page.html", "a/notes.txt", "pagefind/x.html", "pagefind-more/b1/y.html", "blog/pagefind/z.html", "odd.html/inner.html"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text("<p>x</p>", encoding="utf-8")
    (site / "linked").symlink_to(site / "a", target_is_directory=True)
    (site / "page-link.html").symlink_to(site / "index.html")
    expected = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.is_file() and p.relative_to(site).parts[0] not in ("pagefind", "pagefind-more"))
    assert sorted(_html_files(str(site))) == expected == ["a/b/c/page.html", "a/index.html", "blog/pagefind/z.html", "index.html", "odd.html/inner.html", "page-link.html"]
