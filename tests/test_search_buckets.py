"""Search in buckets: the pages marked for search are indexed by Pagefind in several bundles
(bounded memory; a bucket whose pages did not change keeps the previous build's bundle), and
the search page still finds pages of every bundle. Real Pagefind runs, on small generated
sites."""

from __future__ import annotations

import functools
import gzip
import json
import math
import os
import re
import shutil
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from spotlight import search
from spotlight.errors import BuildError
from spotlight.search import FIRST_BUNDLE, MANIFEST, MORE_BUNDLES, buckets_of, index_for_search, indexed_pages
from tests.conftest import CHROMIUM, NO_CHROMIUM, ROOT, _QuietHandler

NAMES = ["oduya", "eze", "amadi", "brandt", "castillo", "dahl", "ekwueme", "farrow", "gallo", "hirsch", "ibsen", "jaramillo"]


def _page(name: str, extra: str = "") -> str:
    return f"<!doctype html><html lang=en><head><title>{name}</title></head><body><nav>menu</nav><main data-pagefind-body><h1>Interview with {name}</h1><p>{name} talks about kelp. {extra}</p></main></body></html>"


def _site(folder: Path, names: list[str] = NAMES) -> Path:
    """A site of one marked page per name (``<name>/index.html``) and two unmarked pages."""
    for name in names:
        (folder / name).mkdir(parents=True)
        (folder / name / "index.html").write_text(_page(name), encoding="utf-8")
    (folder / "index.html").write_text("<!doctype html><html><body><p>home zebrafish</p></body></html>", encoding="utf-8")
    (folder / "about").mkdir()
    (folder / "about" / "index.html").write_text("<!doctype html><html><body><p>about zebrafish</p></body></html>", encoding="utf-8")
    return folder


def _copy_pages(site: Path, to: Path) -> Path:
    """The pages of ``site`` without its bundles: what the next build writes before indexing."""
    shutil.copytree(site, to, ignore=shutil.ignore_patterns(FIRST_BUNDLE, MORE_BUNDLES))
    return to


def _manifest(site: Path) -> dict[str, Any]:
    return json.loads((site / FIRST_BUNDLE / MANIFEST).read_text(encoding="utf-8"))


def _bundles(site: Path) -> list[Path]:
    return [site / FIRST_BUNDLE, *(site / b for b in _manifest(site)["bundles"])]


def _fragments(bundle: Path) -> dict[str, str]:
    """Each page a bundle indexes (its address) with its indexed text."""
    found = {}
    for path in (bundle / "fragment").glob("*.pf_fragment"):
        data = path.read_bytes()
        data = gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
        fragment = json.loads(data.removeprefix(b"pagefind_dcd"))
        found[fragment["url"]] = fragment["content"]
    return found


def _files(bundle: Path) -> dict[str, tuple[int, bytes]]:
    """Each file of a bundle, with its inode and bytes."""
    return {p.relative_to(bundle).as_posix(): (p.stat().st_ino, p.read_bytes()) for p in sorted(bundle.rglob("*")) if p.is_file()}


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The bundles Pagefind is run for (relative to the site)."""
    seen: list[str] = []
    original = search._run_pagefind

    def watched(site: Path, pages: list[str] | None, bundle: Path, merged: bool) -> None:
        seen.append(bundle.relative_to(site).as_posix())
        original(site, pages, bundle, merged)

    monkeypatch.setattr(search, "_run_pagefind", watched)
    return seen


def test_buckets_are_stable_and_cover_every_page() -> None:
    pages = [f"post-{i}/index.html" for i in range(1_000)]
    buckets = buckets_of(pages, 300)
    assert len(buckets) == 4
    assert sorted(p for b in buckets for p in b) == sorted(pages)
    assert [set(b) for b in buckets_of(list(reversed(pages)), 300)] == [set(b) for b in buckets]  # placed by name only
    assert max(len(b) for b in buckets) < 300 * 1.3
    assert all(all(b) for n in range(1, 30) for b in buckets_of([f"p{i}" for i in range(n)], 1))  # never an empty bucket


def test_every_marked_page_is_indexed_once_in_the_bundle_of_its_bucket(tmp_path: Path, runs: list[str]) -> None:
    site = _site(tmp_path / "site")
    pages = indexed_pages(site)
    assert pages == sorted(f"{name}/index.html" for name in NAMES)  # the unmarked pages are not
    buckets = buckets_of(pages, 4)
    assert len(buckets) >= 2
    assert index_for_search(site, bucket_size=4) == {"pages": 12, "indexed": len(buckets), "kept": 0}
    assert _manifest(site)["bundles"] == [f"pagefind-more/b{n}/" for n in range(1, len(buckets))]
    assert sorted(runs) == sorted(b.relative_to(site).as_posix() for b in _bundles(site))
    seen: list[str] = []
    for bundle, bucket in zip(_bundles(site), buckets):
        fragments = _fragments(bundle)
        assert sorted(fragments) == sorted("/" + page.removesuffix("index.html") for page in bucket)
        for url, text in fragments.items():
            assert url.strip("/") in text and "kelp" in text and "menu" not in text  # the marked part only
        seen += fragments
    assert sorted(seen) == sorted(f"/{name}/" for name in NAMES)  # each page once, in all
    # The first bundle carries Pagefind's script and UI; the merged ones only their index.
    assert (site / FIRST_BUNDLE / "pagefind-ui.js").is_file() and (site / FIRST_BUNDLE / "pagefind.js").is_file()
    for bundle in _bundles(site)[1:]:
        assert (bundle / "pagefind-entry.json").is_file()
        assert not list(bundle.glob("*.js")) and not list(bundle.glob("wasm.*")) and not list(bundle.glob("*.css"))


def test_one_bucket_still_has_a_manifest(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    assert index_for_search(site) == {"pages": 12, "indexed": 1, "kept": 0}
    assert _manifest(site)["bundles"] == [] and not (site / MORE_BUNDLES).exists()
    assert len(_fragments(site / FIRST_BUNDLE)) == 12


def test_a_site_with_no_marked_page_is_indexed_whole(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><html><body><p>home zebrafish</p></body></html>", encoding="utf-8")
    assert index_for_search(site, bucket_size=1) == {"pages": 0, "indexed": 1, "kept": 0}
    assert _manifest(site)["bundles"] == [] and list(_fragments(site / FIRST_BUNDLE)) == ["/"]


def test_only_the_bucket_of_a_changed_page_is_indexed_again(tmp_path: Path, runs: list[str]) -> None:
    first = _site(tmp_path / "first")
    assert index_for_search(first, bucket_size=4)["indexed"] == len(buckets_of(indexed_pages(first), 4))
    before = {b.relative_to(first).as_posix(): _files(b) for b in _bundles(first)}
    manifest_before = (first / FIRST_BUNDLE / MANIFEST).read_bytes()
    second = _copy_pages(first, tmp_path / "second")
    changed = "eze/index.html"
    (second / changed).write_text(_page("eze", "A new line about looms."), encoding="utf-8")
    buckets = buckets_of(indexed_pages(second), 4)
    number = next(n for n, bucket in enumerate(buckets) if changed in bucket)
    bundle = search._bundle_dir(number)
    runs.clear()
    assert index_for_search(second, bucket_size=4, previous=first, jobs=2) == {"pages": 12, "indexed": 1, "kept": len(buckets) - 1}
    assert runs == [bundle]  # Pagefind ran for the changed bucket only
    for name, files in before.items():
        now = _files(second / name)
        if name == bundle:  # indexed anew: its own files, with the new text
            assert not {ino for ino, _ in now.values()} & {ino for ino, _ in files.values()}
            assert "looms" in _fragments(second / name)["/eze/"]
        else:  # the previous build's files themselves (hard links), less its manifest
            assert now == {k: v for k, v in files.items() if k != MANIFEST}
    assert _manifest(second)["bundles"] == _manifest(first)["bundles"]
    keys, old_keys = _manifest(second)["keys"], _manifest(first)["keys"]
    assert [n for n in keys if keys[n] != old_keys[n]] == [str(number)]
    # The previous output is as it was: no file of it was written through a link.
    assert {b.relative_to(first).as_posix(): _files(b) for b in _bundles(first)} == before
    assert (first / FIRST_BUNDLE / MANIFEST).read_bytes() == manifest_before
    assert not any("looms" in text for b in _bundles(first) for text in _fragments(b).values())


def test_an_unchanged_site_keeps_every_bundle(tmp_path: Path, runs: list[str]) -> None:
    first = _site(tmp_path / "first")
    index_for_search(first, bucket_size=4)
    second = _copy_pages(first, tmp_path / "second")
    runs.clear()
    result = index_for_search(second, bucket_size=4, previous=first)
    assert result["indexed"] == 0 and result["kept"] == len(_bundles(first)) and not runs
    assert _manifest(second) == _manifest(first)
    assert (second / FIRST_BUNDLE / MANIFEST).stat().st_ino != (first / FIRST_BUNDLE / MANIFEST).stat().st_ino
    # Indexing anew makes the same bundles, byte for byte, whatever the number of runs at once.
    third = _copy_pages(first, tmp_path / "third")
    assert index_for_search(third, bucket_size=4, jobs=3)["indexed"] == len(_bundles(first))
    for bundle in _bundles(first):
        relative = bundle.relative_to(first)
        assert {k: v[1] for k, v in _files(third / relative).items()} == {k: v[1] for k, v in _files(bundle).items()}


def test_what_is_indexed_again_when_the_buckets_change(tmp_path: Path, runs: list[str]) -> None:
    first = _site(tmp_path / "first")
    index_for_search(first, bucket_size=4)
    # A new page makes a bucket more: every page may move, so every bucket is indexed again.
    second = _copy_pages(first, tmp_path / "second")
    (second / "kowalski").mkdir()
    (second / "kowalski" / "index.html").write_text(_page("kowalski"), encoding="utf-8")
    assert math.ceil(len(indexed_pages(second)) / 4) != math.ceil(len(indexed_pages(first)) / 4)
    result = index_for_search(second, bucket_size=4, previous=first)
    assert result["kept"] == 0 and result["pages"] == 13
    assert sorted(url for b in _bundles(second) for url in _fragments(b)) == sorted(f"/{n}/" for n in [*NAMES, "kowalski"])
    # A page no longer marked leaves its bucket, which alone is indexed again, and search.
    third = _copy_pages(first, tmp_path / "third")
    gone = max(buckets_of(indexed_pages(first), 4), key=len)[0]  # (its bucket keeps other pages)
    (third / gone).write_text("<!doctype html><html><body><p>a draft</p></body></html>", encoding="utf-8")
    assert index_for_search(third, bucket_size=4, previous=first) == {"pages": 11, "indexed": 1, "kept": len(_bundles(first)) - 1}
    assert "/" + gone.removesuffix("index.html") not in [url for b in _bundles(third) for url in _fragments(b)]
    # A previous output without its manifest (or bundles) keeps nothing.
    (first / FIRST_BUNDLE / MANIFEST).unlink()
    fourth = _copy_pages(first, tmp_path / "fourth")
    assert index_for_search(fourth, bucket_size=4, previous=first)["kept"] == 0
    assert index_for_search(_copy_pages(first, tmp_path / "fifth"), bucket_size=4, previous=tmp_path / "nowhere")["kept"] == 0


def test_a_pagefind_that_fails_is_a_build_error_an_author_can_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _site(tmp_path / "site")
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'pagefind: cannot read the site' >&2\nexit 3\n", encoding="utf-8")
    broken.chmod(0o755)
    monkeypatch.setattr(search, "_pagefind_command", lambda: (str(broken),))
    with pytest.raises(BuildError) as failure:
        index_for_search(site, bucket_size=4, jobs=2)
    assert "Pagefind" in str(failure.value) and "cannot read the site" in str(failure.value)
    monkeypatch.setattr(search, "_pagefind_command", lambda: (str(tmp_path / "no-such-pagefind"),))
    with pytest.raises(BuildError) as failure:
        index_for_search(site)
    assert "Pagefind" in str(failure.value) and "no-such-pagefind" in str(failure.value)


def test_the_html_files_search_looks_at(tmp_path: Path) -> None:
    """Every HTML file of the site, as rglob lists them, less the search bundles themselves:
    not a folder named like a page, not through a link to a folder."""
    site = tmp_path / "site"
    for name in ("index.html", "a/index.html", "a/b/c/page.html", "a/notes.txt", "pagefind/x.html", "pagefind-more/b1/y.html", "blog/pagefind/z.html", "odd.html/inner.html"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text("<p>x</p>", encoding="utf-8")
    (site / "linked").symlink_to(site / "a", target_is_directory=True)
    (site / "page-link.html").symlink_to(site / "index.html")
    expected = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.is_file() and p.relative_to(site).parts[0] not in ("pagefind", "pagefind-more"))
    assert sorted(search._html_files(str(site))) == expected == ["a/b/c/page.html", "a/index.html", "blog/pagefind/z.html", "index.html", "odd.html/inner.html", "page-link.html"]


def _search_page(site: Path) -> None:
    """``search/index.html``: the theme's search script (theme/templates/search.html, with the
    site's root as the page links it, relative: "../") in a bare page, without Pelican."""
    template = (ROOT / "theme" / "templates" / "search.html").read_text(encoding="utf-8")
    script = template[template.index("<script>") : template.rindex("</script>") + len("</script>")].replace("{{ site_url('') }}", "../")
    assert "{{" not in script and "{%" not in script
    (site / "search").mkdir()
    (site / "search" / "index.html").write_text(
        '<!doctype html><html><head><link rel="stylesheet" href="/pagefind/pagefind-ui.css"><script src="/pagefind/pagefind-ui.js"></script></head>'
        f'<body><div id="search" class="search"></div>{script}</body></html>',
        encoding="utf-8",
    )


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=NO_CHROMIUM)
def test_the_search_page_finds_pages_in_every_bundle(browser: Any, tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    index_for_search(site, bucket_size=4)
    buckets = buckets_of(indexed_pages(site), 4)
    _search_page(site)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("response", lambda response: errors.append(f"{response.status}: {response.url}") if response.status >= 400 else None)
    page.on("requestfailed", lambda request: errors.append(f"failed: {request.url}"))
    merged: list[str] = []  # what is fetched from the bundles merged into the first
    page.on("request", lambda request: merged.append(urlsplit(request.url).path) if "/pagefind-more/" in request.url else None)
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/search/", wait_until="networkidle")
        assert page.locator("label.search-label").text_content() == "Search interviews by name, company or topic"
        for bucket in buckets:  # a page of each bundle
            name = bucket[0].split("/")[0]
            box = page.locator("#search input")
            box.wait_for(state="visible", timeout=5_000)
            box.fill("")
            box.press_sequentially(name, delay=30)
            links = "[...document.querySelectorAll('#search a[href]')].map(a => new URL(a.href).pathname)"
            page.wait_for_function(f"{links}.includes({f'/{name}/'!r})", timeout=10_000)
        assert not errors, errors
        # Merged bundles are read for their index only: Pagefind's script and WebAssembly
        # come from the first bundle.
        assert merged and all(re.search(r"/(pagefind-entry\.json|[^/]+\.pf_meta|(index|fragment|filter)/[^/]+)$", url) for url in merged), merged
    finally:
        page.close()
        server.shutdown()
        server.server_close()


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=NO_CHROMIUM)
def test_the_search_page_works_without_a_manifest(browser: Any, tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    index_for_search(site)
    os.unlink(site / FIRST_BUNDLE / MANIFEST)
    _search_page(site)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/search/", wait_until="networkidle")
        page.locator("#search input").press_sequentially("oduya", delay=30)
        page.wait_for_function("[...document.querySelectorAll('#search a[href]')].some(a => new URL(a.href).pathname === '/oduya/')", timeout=10_000)
        assert not errors, errors
    finally:
        page.close()
        server.shutdown()
        server.server_close()
