"""Search: the Pagefind index of the interview pages, built in buckets.

Pagefind indexes a whole site in one process, and its memory grows with the site (about
1.6 GB for 5,000 interviews) while it has no incremental mode. So the pages it indexes
(those marked ``data-pagefind-body``) are split into buckets of at most
``SEARCH_BUCKET_SIZE`` pages, by a stable hash of each page's path, and each bucket is
indexed on its own into its own bundle: ``pagefind/`` for the first, ``pagefind-more/bN/``
for the others. The search page reads ``pagefind/spotlight-bundles.json`` and asks Pagefind
to merge the other bundles into the first, so a search still covers every page.

A bucket whose pages are byte for byte those of the previous build keeps its bundle (linked
from the previous output), so an edit to one interview re-indexes one bucket.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Callable
from pathlib import Path

from .errors import BuildError
from .files import link_or_copy

BUCKET_SIZE = 500
FIRST_BUNDLE = "pagefind"
MORE_BUNDLES = "pagefind-more"
MANIFEST = "spotlight-bundles.json"
_MARK = b"data-pagefind-body"


@functools.lru_cache(maxsize=1)
def _version() -> str:
    try:
        from importlib.metadata import version

        return version("pagefind")
    except Exception:  # noqa: BLE001 - any failure only means "unknown", which never matches
        return "unknown"


def indexed_pages(site: Path) -> list[str]:
    """The site's pages Pagefind indexes (marked ``data-pagefind-body``), as sorted paths."""
    return sorted(_indexed_digests(site))


def _indexed_digests(site: Path) -> dict[str, bytes]:
    """Each page Pagefind indexes, with a digest of its bytes (each file is read once)."""
    pages = {}
    for path in site.rglob("*.html"):
        relative = path.relative_to(site)
        if relative.parts[0] in (FIRST_BUNDLE, MORE_BUNDLES):
            continue
        data = path.read_bytes()
        if _MARK in data:
            pages[relative.as_posix()] = hashlib.sha256(data).digest()
    return pages


def buckets_of(pages: list[str], size: int) -> list[list[str]]:
    """``pages`` split into ``ceil(len / size)`` buckets by a stable hash of each path."""
    count = max(1, math.ceil(len(pages) / max(1, size)))
    buckets: list[list[str]] = [[] for _ in range(count)]
    for page in pages:
        buckets[int(hashlib.sha1(page.encode("utf-8", "surrogateescape")).hexdigest()[:8], 16) % count].append(page)
    return buckets


def _bundle_dir(number: int) -> str:
    return FIRST_BUNDLE if number == 0 else f"{MORE_BUNDLES}/b{number}"


def _bucket_key(digests: dict[str, bytes], pages: list[str], number: int, total: int) -> str:
    digest = hashlib.sha256(f"{_version()}\0{number}/{total}\n".encode())
    for page in pages:
        digest.update(page.encode("utf-8", "surrogateescape") + b"\0" + digests[page])
    return digest.hexdigest()


def index_for_search(site: Path, *, bucket_size: int = BUCKET_SIZE, previous: Path | None = None, jobs: int = 1) -> dict[str, int]:
    """Build the search bundles into ``site``. ``previous``: the output this build replaces,
    whose bundles are kept where their pages did not change. Returns how many buckets were
    indexed and kept."""
    digests = _indexed_digests(site)
    pages = sorted(digests)
    if not pages:
        _run_pagefind(site, None, site / FIRST_BUNDLE)  # nothing marked: Pagefind's own choice
        return {"indexed": 1, "kept": 0}
    buckets = buckets_of(pages, bucket_size)
    keys = [_bucket_key(digests, bucket, n, len(buckets)) for n, bucket in enumerate(buckets)]
    old_keys = _previous_keys(previous)
    todo = []
    kept = 0
    for number, (bucket, key) in enumerate(zip(buckets, keys)):
        target = site / _bundle_dir(number)
        if previous is not None and old_keys.get(str(number)) == key and _link_tree(previous / _bundle_dir(number), target):
            kept += 1
        else:
            todo.append((bucket, target, number > 0))
    with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(todo) or 1))) as pool:
        list(pool.map(lambda job: _run_pagefind(site, job[0], job[1], merged=job[2]), todo))
    manifest = {
        "bundles": [_bundle_dir(n) + "/" for n in range(1, len(buckets))],
        "keys": {str(n): key for n, key in enumerate(keys)},
    }
    (site / FIRST_BUNDLE / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return {"indexed": len(todo), "kept": kept, "pages": pages}


def reindex(site: Path, scratch: Path, written: list[str], pages: list[str], bucket_size: int) -> Callable[[], None] | None:
    """For a quick build: ``written`` pages (relative paths, new versions in ``scratch``)
    replace those of ``site``, whose indexed pages were ``pages``. The buckets holding a
    changed page are indexed again, into ``scratch``; returns what moves those bundles into
    ``site``, or None when the set of indexed pages itself changed (a full build is needed)."""
    indexed = set(pages)
    changed = set()
    for page in written:
        if page.endswith(".html"):
            marked = _MARK in (scratch / page).read_bytes()
            if marked != (page in indexed):
                return None
            if marked:
                changed.add(page)
    buckets = buckets_of(pages, bucket_size) if pages else []
    try:
        manifest = json.loads((site / FIRST_BUNDLE / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not changed:
        return lambda: None
    if len(manifest.get("bundles", [])) != len(buckets) - 1:
        return None
    def file_of(page: str) -> Path:
        return scratch / page if page in changed else site / page

    fresh: dict[int, Path] = {}
    for number, bucket in enumerate(buckets):
        if changed.intersection(bucket):
            fresh[number] = scratch / f".bundle-{number}"
            digests: dict[str, bytes] = {}
            _run_pagefind(site, bucket, fresh[number], file_of=file_of, merged=number > 0, digests=digests)
            manifest["keys"][str(number)] = _bucket_key(digests, bucket, number, len(buckets))

    def commit() -> None:
        for number, bundle in fresh.items():
            place = site / _bundle_dir(number)
            old = place.with_name(f".{place.name}.replaced")
            shutil.rmtree(old, ignore_errors=True)
            if place.exists():
                os.replace(place, old)
            os.replace(bundle, place)
            shutil.rmtree(old, ignore_errors=True)
        temporary = site / FIRST_BUNDLE / (MANIFEST + ".tmp")
        temporary.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
        os.replace(temporary, site / FIRST_BUNDLE / MANIFEST)

    return commit


def _previous_keys(previous: Path | None) -> dict[str, str]:
    if previous is None:
        return {}
    try:
        return dict(json.loads((previous / FIRST_BUNDLE / MANIFEST).read_text(encoding="utf-8")).get("keys", {}))
    except (OSError, ValueError, AttributeError):
        return {}


def _link_tree(source: Path, target: Path) -> bool:
    """Hard-link the files of ``source`` into ``target`` (copy where links fail)."""
    if not source.is_dir():
        return False
    for path in source.rglob("*"):
        if path.name == MANIFEST or not path.is_file():
            continue
        link_or_copy(path, target / path.relative_to(source))
    return True


def _scratch(beside: Path) -> Path:
    """A scratch folder for the pages Pagefind reads: in memory where the system has a memory
    file system (a burst of thousands of small files is slow on some disks), else ``beside``."""
    memory = "/dev/shm"
    usable = os.path.isdir(memory) and os.access(memory, os.W_OK)
    return Path(tempfile.mkdtemp(prefix="spotlight-search-", dir=memory if usable else beside))


@functools.lru_cache(maxsize=1)
def _pagefind_command() -> tuple[str, ...]:
    """Pagefind's binary from its wheel (``python -m pagefind`` finds it the same way, at the
    cost of starting Python once more per run)."""
    try:
        from pagefind.service import _must_get_executable

        return (str(_must_get_executable().resolve()),)
    except Exception:  # noqa: BLE001 - let ``python -m pagefind`` say what is missing
        return (sys.executable, "-m", "pagefind")


# What the search page reads of a bundle it merges into the first one: Pagefind's script and
# WebAssembly come from the first bundle only, so the other bundles need no copy of them.
_MERGED_BUNDLE_FILES = ("pagefind-entry.json", "index", "fragment", "filter")


def _run_pagefind(site: Path, pages: list[str] | None, bundle: Path, *, file_of: Callable[[str], Path] | None = None, merged: bool = False, digests: dict[str, bytes] | None = None) -> None:
    """Index ``pages`` of ``site`` (all of it when None) into ``bundle``. ``file_of``: where
    each page's file is, when not in ``site`` (a quick build's new pages). ``merged``: a
    bundle the search page merges into the first (only its index is kept). ``digests``: filled
    with each page's digest (as :func:`_bucket_key` takes them), from the copy Pagefind reads."""
    if pages is None:
        source = site
        scratch = None
    else:  # Pagefind indexes a folder: give it one holding only this bucket's pages
        scratch = _scratch(site.parent)
        source = scratch
        for page in pages:
            (scratch / page).parent.mkdir(parents=True, exist_ok=True)
            data = (file_of(page) if file_of else site / page).read_bytes()
            (scratch / page).write_bytes(data)
            if digests is not None:
                digests[page] = hashlib.sha256(data).digest()
    try:
        command = [*_pagefind_command(), "--site", str(source), "--output-path", str(bundle), "--silent"]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    if result.returncode != 0 or not (bundle / "pagefind-ui.js").is_file():
        detail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise BuildError("The search index (Pagefind) could not be built; the previous output was left as it was.", detail)
    if merged:
        for entry in bundle.iterdir():
            if entry.name not in _MERGED_BUNDLE_FILES and not entry.name.endswith(".pf_meta"):
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
