"""Search: the Pagefind index of the interview pages, built in buckets.

Pagefind indexes a whole site in one process, its memory grows with the site (about 1.6 GB
for 5,000 interviews) and it has no incremental mode. So the pages it indexes (those marked
``data-pagefind-body``) are split into buckets of at most ``bucket_size`` pages, by a stable
hash of each page's path, and each bucket is indexed on its own into its own bundle:
``pagefind/`` for the first, ``pagefind-more/bN/`` for the others. The first bundle holds
``spotlight-bundles.json``, always written: the other bundles (which the search page asks
Pagefind to merge into the first, so a search still covers every page) and each bucket's key.

A bucket whose pages are byte for byte those of the previous build (same paths, same bucket
number and count, same Pagefind) keeps its bundle, hard-linked from the previous output, so a
build re-indexes only the buckets whose pages changed.
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
from pathlib import Path
from typing import Any

from .errors import BuildError

BUCKET_SIZE = 500
FIRST_BUNDLE = "pagefind"
MORE_BUNDLES = "pagefind-more"
MANIFEST = "spotlight-bundles.json"
MARK = "data-pagefind-body"  # what makes a page one that search indexes

# What the search page reads of a bundle it merges into the first one: Pagefind's script and
# WebAssembly come from the first bundle only, so the other bundles need no copy of them.
_MERGED_BUNDLE_FILES = ("pagefind-entry.json", "index", "fragment", "filter")


def index_site(settings: dict[str, Any], site: Path, previous: Path | None) -> dict[str, int]:
    """:func:`index_for_search` of ``site`` with the site's settings (``SEARCH_BUCKET_SIZE``,
    ``SEARCH_JOBS``, ``DEFAULT_LANG``); run at the end of any Pelican build by the plugin, and
    by ``spotlight build`` after the runs of a sharded build."""
    return index_for_search(
        site,
        bucket_size=int(settings.get("SEARCH_BUCKET_SIZE") or BUCKET_SIZE),
        previous=previous,
        jobs=int(settings.get("SEARCH_JOBS") or 1),
        language=str(settings.get("DEFAULT_LANG") or "") or None,
    )


def index_for_search(
    site: Path, *, bucket_size: int = BUCKET_SIZE, previous: Path | None = None, jobs: int = 1, language: str | None = None
) -> dict[str, int]:
    """Build the search bundles of the site written in ``site``. ``previous``: the output this
    build replaces, whose bundles are kept where their bucket did not change (``site`` itself
    for a build that writes in place). ``jobs``: how many Pagefind runs at once. ``language``:
    the site's (DEFAULT_LANG), which every page is indexed in. Pagefind would otherwise make
    one index per ``<html lang>``, and the search page (in the site's language) would only
    search its own: a post in another language ("Lang: es") would never be found. Returns the
    pages indexed, and the buckets indexed and kept."""
    digests = _indexed_digests(site)
    one_language = {"language": language} if language else {}
    if not digests:  # nothing marked: Pagefind's own choice (every page), in one bundle
        _run_pagefind(site, None, site / FIRST_BUNDLE, merged=False, **one_language)
        _write_manifest(site, [], {})
        return {"pages": 0, "indexed": 1, "kept": 0}
    buckets = buckets_of(sorted(digests), bucket_size)
    keys = {str(n): _bucket_key(digests, bucket, n, len(buckets)) for n, bucket in enumerate(buckets)}
    old_keys = _previous_keys(previous)
    in_place = previous is not None and previous.resolve() == site.resolve()
    todo = []
    for number, bucket in enumerate(buckets):
        target = site / _bundle_dir(number)
        if previous is None or old_keys.get(str(number)) != keys[str(number)]:
            todo.append((bucket, target, number > 0))
        elif not ((target / "pagefind-entry.json").is_file() if in_place else _link_tree(previous / _bundle_dir(number), target)):
            todo.append((bucket, target, number > 0))
    with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(todo)))) as pool:
        runs = [pool.submit(_run_pagefind, site, *job, **one_language) for job in todo]
        try:
            for run in runs:
                run.result()
        except BaseException:
            for run in runs:
                run.cancel()  # (those not started; the running ones end on their own)
            raise
    _write_manifest(site, [_bundle_dir(n) + "/" for n in range(1, len(buckets))], keys)
    return {"pages": len(digests), "indexed": len(todo), "kept": len(buckets) - len(todo)}


def indexed_pages(site: Path) -> list[str]:
    """The site's pages Pagefind indexes (marked ``data-pagefind-body``), as sorted paths."""
    return sorted(_indexed_digests(site))


def _indexed_digests(site: Path) -> dict[str, bytes]:
    """Each page Pagefind indexes, with a digest of its bytes."""
    pages = {}
    mark = MARK.encode()
    for name in _html_files(str(site)):
        data = (site / name).read_bytes()
        if mark in data:
            pages[name] = hashlib.sha256(data).digest()
    return pages


def _html_files(root: str) -> list[str]:
    """The HTML files under ``root`` (as "/"-separated paths relative to it), outside the
    search bundles: what ``Path.rglob("*.html")`` finds, in a third of its time (it makes a
    path object of every file and folder of the site)."""
    found = []
    folders = [("", root)]
    while folders:
        prefix, folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):  # (as rglob, not into linked folders)
                    if prefix or entry.name not in (FIRST_BUNDLE, MORE_BUNDLES):
                        folders.append((prefix + entry.name + "/", entry.path))
                elif entry.name.endswith(".html") and entry.is_file():
                    found.append(prefix + entry.name)
    return found


def buckets_of(pages: list[str], size: int) -> list[list[str]]:
    """``pages`` split by a stable hash of each path into ``ceil(len / size)`` buckets, less
    any left empty (Pagefind refuses to index nothing)."""
    count = max(1, math.ceil(len(pages) / max(1, size)))
    buckets: list[list[str]] = [[] for _ in range(count)]
    for page in pages:
        buckets[int(hashlib.sha1(page.encode("utf-8", "surrogateescape")).hexdigest()[:8], 16) % count].append(page)
    return [bucket for bucket in buckets if bucket]


def _bundle_dir(number: int) -> str:
    return FIRST_BUNDLE if number == 0 else f"{MORE_BUNDLES}/b{number}"


def _bucket_key(digests: dict[str, bytes], pages: list[str], number: int, total: int) -> str:
    digest = hashlib.sha256(f"{_version()}\0{number}/{total}\n".encode())
    for page in pages:
        digest.update(page.encode("utf-8", "surrogateescape") + b"\0" + digests[page])
    return digest.hexdigest()


@functools.lru_cache(maxsize=1)
def _version() -> str:
    try:
        from importlib.metadata import version

        return version("pagefind")
    except Exception:  # noqa: BLE001 - any failure only means "unknown"
        return "unknown"


def _previous_keys(previous: Path | None) -> dict[str, str]:
    if previous is None:
        return {}
    try:
        return dict(json.loads((previous / FIRST_BUNDLE / MANIFEST).read_text(encoding="utf-8")).get("keys", {}))
    except (OSError, ValueError, AttributeError, TypeError):
        return {}


def _link_tree(source: Path, target: Path) -> bool:
    """Hard-link the files of bundle ``source`` into ``target`` (copy where links fail), all
    but its manifest; False when there is no such bundle."""
    if not (source / "pagefind-entry.json").is_file():
        return False
    for path in source.rglob("*"):
        relative = path.relative_to(source)
        if path.is_file() and relative.as_posix() != MANIFEST:
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(path, target / relative)
            except OSError:
                shutil.copy2(path, target / relative)
    return True


def _write_manifest(site: Path, bundles: list[str], keys: dict[str, str]) -> None:
    """Written anew, never through a link to the previous output's file."""
    path = site / FIRST_BUNDLE / MANIFEST
    temporary = path.with_name(MANIFEST + ".tmp")
    temporary.write_text(json.dumps({"bundles": bundles, "keys": keys}, indent=1) + "\n", encoding="utf-8")
    os.replace(temporary, path)


@functools.lru_cache(maxsize=1)
def _pagefind_command() -> tuple[str, ...]:
    """Pagefind's binary from its wheel (``python -m pagefind`` finds it the same way, at the
    cost of starting Python once more per run). As Pagefind's own Python package looks for it:
    ``PAGEFIND_BINARY_PATH``, then the extended binary's wheel; that package itself is the
    fallback (importing it costs a build about 12 ms: it loads asyncio)."""
    override = os.environ.get("PAGEFIND_BINARY_PATH")
    if override:
        return (override,)
    try:
        from pagefind_bin_extended import get_executable

        return (str(get_executable().resolve()),)
    except Exception:  # noqa: BLE001 - another way of installing it
        pass
    try:
        from pagefind.service import _must_get_executable

        return (str(_must_get_executable().resolve()),)
    except Exception:  # noqa: BLE001 - let ``python -m pagefind`` say what is missing
        return (sys.executable, "-m", "pagefind")


def _run_pagefind(site: Path, pages: list[str] | None, bundle: Path, merged: bool, *, language: str | None = None) -> None:
    """Index ``pages`` of ``site`` (all of it when None) into ``bundle``. ``merged``: a bundle
    the search page merges into the first (only its index is kept). ``language``: the one
    language (ISO 639-1) all of it is indexed in, whatever each page's ``<html lang>``."""
    with tempfile.TemporaryDirectory(prefix="spotlight-search-") as scratch:
        source = site
        if pages is not None:  # Pagefind indexes a folder: give it one holding only these pages
            source = Path(scratch)
            for page in pages:
                (source / page).parent.mkdir(parents=True, exist_ok=True)
                original = (site / page).absolute()
                try:
                    os.symlink(original, source / page)
                except OSError:  # (a system without symbolic links)
                    shutil.copyfile(original, source / page)
        shutil.rmtree(bundle, ignore_errors=True)  # (a build in place: no fragment of the last index stays)
        command = [*_pagefind_command(), "--site", str(source), "--output-path", str(bundle), "--silent"]
        if language:
            command += ["--force-language", language]
        try:
            done = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
        except OSError as error:
            raise BuildError("The search index could not be built: Pagefind could not be started.", [str(error)]) from error
    if done.returncode != 0 or not (bundle / "pagefind-entry.json").is_file():
        detail = done.stdout.decode("utf-8", "replace").strip().splitlines()[-5:]
        raise BuildError("The search index (Pagefind) could not be built; the previous output was left as it was.", detail)
    if merged:
        for entry in bundle.iterdir():
            if entry.name not in _MERGED_BUNDLE_FILES and not entry.name.endswith(".pf_meta"):
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
