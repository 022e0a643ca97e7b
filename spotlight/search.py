"""Search: the Pagefind index of the interview pages, built in buckets.

Pagefind indexes a whole site in one process, and its memory grows with the site (about
1.6 GB for 5,000 interviews) while it has no incremental mode. So the pages it indexes
(those marked ``data-pagefind-body``) are split into buckets of at most
``SEARCH_BUCKET_SIZE`` pages, by a stable hash of each page's path, and each bucket is
indexed on its own into its own bundle: ``pagefind/`` for the first, ``pagefind-more/bN/``
for the others. The search page reads ``pagefind/spotlight-bundles.json`` and asks Pagefind
to merge the other bundles into the first, so a search still covers every page.

A bucket whose pages are byte for byte those of the previous build keeps its bundle (linked
from the previous output), so a full build re-indexes only the buckets whose pages changed.

A quick build (only the text of a few posts changed) does not re-index their buckets: it
indexes the edited pages, with every page edited since their buckets were last indexed, into
one small extra bundle, ``pagefind-more/recent/``. The search page leaves out the results
of the copies those pages replace (their fragment ids are listed in the manifest, under
``recent.hidden``): the search page's own module (``pagefind/spotlight/pagefind.js``) is
Pagefind's API with those results filtered out. Pagefind ranks a page against the pages of
its own bundle, so the recent bundle also indexes ``RECENT_PADDING`` unchanged pages, under
other addresses, whose results are hidden too: a recent page is then scored among pages like
those of a bucket, not alone. Once more than ``SEARCH_RECENT_LIMIT`` pages are recent, the
buckets holding them are indexed again and the recent bundle goes; a full build never makes one.
"""

from __future__ import annotations

import functools
import gzip
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
from typing import Any

from .errors import BuildError
from .files import link_or_copy

BUCKET_SIZE = 500
FIRST_BUNDLE = "pagefind"
MORE_BUNDLES = "pagefind-more"
MANIFEST = "spotlight-bundles.json"
RECENT_BUNDLE = f"{MORE_BUNDLES}/recent"
RECENT_LIMIT = 100  # pages indexed in the recent bundle at most (about 1.4 ms each)
RECENT_PADDING = 100  # unchanged pages indexed beside them, hidden from results
FRAGMENTS = "spotlight-fragments.json"  # in each bucket's bundle: page address -> fragment id
FILTER_MODULE = "spotlight/pagefind.js"  # in the first bundle: the API the search page uses
_PADDING = "_spotlight-padding"
MARK = "data-pagefind-body"  # what makes a page one that search indexes
_MARK = MARK.encode()

# Pagefind's API as the search page uses it, with the results of superseded copies left out.
_FILTER_SOURCE = """\
// Spotlight: Pagefind's API (../pagefind.js), leaving out the results the manifest hides
// (copies of pages that the recent bundle indexes anew, and that bundle's padding pages).
import * as pagefind from "../pagefind.js";
export * from "../pagefind.js";

const manifest = fetch(new URL("../spotlight-bundles.json", import.meta.url))
  .then((response) => (response.ok ? response.json() : {}))
  .catch(() => ({}));

// The bundles to merge into the first one, as paths relative to the site's root.
export async function spotlightBundles() {
  return (await manifest).bundles || [];
}

async function visible(response) {
  const hidden = new Set(((await manifest).recent || {}).hidden || []);
  if (!response || !response.results || !hidden.size) return response;
  const results = response.results.filter((result) => !hidden.has(result.id));
  const left = response.results.length - results.length;
  return { ...response, results, unfilteredResultCount: Math.max(0, response.unfilteredResultCount - left) };
}

export async function search(term, options) {
  return visible(await pagefind.search(term, options));
}

export async function debouncedSearch(term, options, timeout) {
  return visible(await pagefind.debouncedSearch(term, options, timeout));
}
"""


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


def _indexed_digests(site: Path, written: dict[str, bytes | None] | None = None) -> dict[str, bytes]:
    """Each page Pagefind indexes, with a digest of its bytes. ``written``: what the build
    knows of the pages it just wrote (path -> digest, or None for a page search does not
    index); only the other files are read, each once."""
    pages = {}
    written = written or {}
    for name in _html_files(str(site)):
        if name in written:
            digest = written[name]
            if digest is not None:
                pages[name] = digest
            continue
        data = (site / name).read_bytes()
        if _MARK in data:
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


def index_for_search(site: Path, *, bucket_size: int = BUCKET_SIZE, previous: Path | None = None, jobs: int = 1, written: dict[str, bytes | None] | None = None) -> dict[str, int]:
    """Build the search bundles into ``site``. ``previous``: the output this build replaces,
    whose bundles are kept where their pages did not change. ``written``: the pages the build
    just wrote, as :func:`_indexed_digests` takes them (they are not read back). Returns how
    many buckets were indexed and kept."""
    digests = _indexed_digests(site, written)
    if not digests:
        _run_pagefind(site, None, site / FIRST_BUNDLE)  # nothing marked: Pagefind's own choice
        return {"indexed": 1, "kept": 0}
    return Indexing(site, digests, bucket_size=bucket_size, previous=previous).finish(jobs)


def start_index(site: Path, written: dict[str, bytes | None], *, bucket_size: int, previous: Path | None, fits: Callable[[float], bool]) -> Indexing | None:
    """A full build's search bundles, started while the build still writes other pages:
    ``written`` holds the pages written so far (as :func:`_indexed_digests` takes them), and
    those search indexes must all be among them. None when nothing is marked yet, or when
    ``fits`` (given the megabytes one Pagefind run would take) says there is no room: then
    nothing was started. The caller checks the pages at the end (:meth:`Indexing.matches`)."""
    digests = _indexed_digests(site, written)
    if not digests:
        return None
    indexing = Indexing(site, digests, bucket_size=bucket_size, previous=previous)
    if not fits(indexing.memory_mb()):
        return None
    try:
        indexing.poll()
    except BaseException:
        indexing.cancel()
        raise
    return indexing


# What one Pagefind run takes at its peak, measured (pagefind 1.4, 250 to 500 pages): about
# 7 MB, plus about 11 times the bytes of the pages it indexes (text costs more than markup;
# this prices all of a page as text).
PAGEFIND_BASE_MB = 8
PAGEFIND_BYTES_FACTOR = 11


class Indexing:
    """The search bundles of a full build of ``site`` whose indexed pages are ``digests``
    (page -> digest of its bytes). Nothing happens until :meth:`poll` (which starts the next
    bucket's run when none is running; they run one at a time, beside the rest of the
    build) or :meth:`finish` (which indexes what is left and writes the manifest)."""

    def __init__(self, site: Path, digests: dict[str, bytes], *, bucket_size: int, previous: Path | None) -> None:
        self._site, self.digests = site, digests
        self.pages = sorted(digests)
        self._buckets = buckets_of(self.pages, bucket_size)
        self._keys = [_bucket_key(digests, bucket, n, len(self._buckets)) for n, bucket in enumerate(self._buckets)]
        self._previous = previous
        self._todo: list[tuple[list[str], Path, bool]] | None = None  # (before the bundles are planned)
        self._kept = self._count = 0
        self._run: _Pagefind | None = None

    def memory_mb(self) -> float:
        """What the largest bucket's Pagefind run takes at its peak (an estimate)."""
        largest = max(sum((self._site / page).stat().st_size for page in bucket) for bucket in self._buckets)
        return PAGEFIND_BASE_MB + PAGEFIND_BYTES_FACTOR * largest / 2**20

    def matches(self, digests: dict[str, bytes]) -> bool:
        """Whether the pages search indexes, byte for byte, are still the ones being indexed."""
        return digests == self.digests

    def _plan(self) -> list[tuple[list[str], Path, bool]]:
        """The buckets to index; the others' bundles are linked from the previous output."""
        if self._todo is None:
            site, todo = self._site, []
            old_keys = _previous_keys(self._previous)
            for number, (bucket, key) in enumerate(zip(self._buckets, self._keys)):
                target = site / _bundle_dir(number)
                if self._previous is not None and old_keys.get(str(number)) == key and _link_tree(self._previous / _bundle_dir(number), target):
                    self._kept += 1
                    if not (target / FRAGMENTS).is_file():  # (kept from a build that did not record it)
                        _record_fragments(target)
                    if number == 0:  # (its module is not linked from the last build: it may be older)
                        _write_filter_module(target)
                else:
                    todo.append((bucket, target, number > 0))
            self._todo, self._count = todo, len(todo)
        return self._todo

    def poll(self) -> bool:
        """Finish the running bucket if it is done and start the next; whether one still runs."""
        todo = self._plan()
        if self._run is not None:
            if not self._run.finished():
                return True
            run, self._run = self._run, None
            run.wait()
        if todo:
            bucket, target, merged = todo.pop(0)
            self._run = _Pagefind(self._site, bucket, target, merged=merged)
        return self._run is not None

    def finish(self, jobs: int = 1) -> dict[str, Any]:
        """Index every bucket not yet indexed (``jobs`` at a time) and write the manifest; how
        many buckets were indexed and kept, and the pages indexed."""
        todo = self._plan()
        try:
            if self._run is not None:
                run, self._run = self._run, None
                run.wait()
            with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(todo) or 1))) as pool:
                list(pool.map(lambda job: _run_pagefind(self._site, job[0], job[1], merged=job[2]), todo))
            todo.clear()
        except BaseException:
            self.cancel()
            raise
        manifest = {
            "bundles": [_bundle_dir(n) + "/" for n in range(1, len(self._buckets))],
            "keys": {str(n): key for n, key in enumerate(self._keys)},
        }
        (self._site / FIRST_BUNDLE / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
        return {"indexed": self._count, "kept": self._kept, "pages": self.pages}

    def cancel(self) -> None:
        """Stop, and remove every bundle made so far: the site is as before :meth:`poll`."""
        if self._run is not None:
            self._run.cancel()
            self._run = None
        if self._todo is not None:
            for name in (FIRST_BUNDLE, MORE_BUNDLES):
                shutil.rmtree(self._site / name, ignore_errors=True)
            self._todo = None


def _marked(scratch: Path, written: list[str], indexed: set[str], known: dict[str, bytes | None] | None = None) -> set[str] | None:
    """The pages among ``written`` (in ``scratch``) that search indexes; None when one of them
    is indexed and was not, or the other way round (the set of indexed pages changed).
    ``known``: what the build noted of the pages it wrote (as :func:`_indexed_digests` takes
    it); the others are read."""
    known = known or {}
    marked = set()
    for page in written:
        if page.endswith(".html"):
            is_marked = known[page] is not None if page in known else _MARK in (scratch / page).read_bytes()
            if is_marked != (page in indexed):
                return None
            if is_marked:
                marked.add(page)
    return marked


class Reindex:
    """A quick build's search work, started by :func:`reindex`: ``finish(release, written)``
    waits for it and returns what moves the new bundles into the site, or None when
    ``written`` (every page the quick build wrote) changes the set of indexed pages (a full
    build is needed). ``release`` is called first when whole buckets must be indexed: it
    frees what the caller no longer needs. ``cancel()`` stops it."""

    def __init__(self, finish: Callable[[Callable[[], None], list[str]], Callable[[], None] | None], cancel: Callable[[], None] = lambda: None) -> None:
        self.finish, self.cancel = finish, cancel


def reindex(
    site: Path, scratch: Path, written: list[str], pages: list[str], bucket_size: int, *, recent_limit: int = RECENT_LIMIT, padding: int = RECENT_PADDING,
    known: dict[str, bytes | None] | None = None,
) -> Reindex | None:
    """For a quick build: ``written`` pages (relative paths, new versions in ``scratch``)
    replace those of ``site``, whose indexed pages were ``pages``. The changed pages go into
    the recent bundle (see the module's notes), whose Pagefind run starts now; when that
    would hold more than ``recent_limit`` pages, or its hidden results could not be told
    apart from the others, the buckets holding them are indexed again instead (in
    :meth:`Reindex.finish`, when the quick build has let go of its memory). The new bundles
    are made in ``scratch``. None: the set of indexed pages itself changed (a full build is
    needed). ``known``: what the build noted of the pages it wrote (see :func:`_marked`; it
    may go on filling while the rest renders)."""
    indexed = set(pages)
    changed = _marked(scratch, written, indexed, known)
    if changed is None:
        return None
    seen = set(written)

    def same_index(all_written: list[str]) -> bool:
        return _marked(scratch, [page for page in all_written if page not in seen], indexed, known) == set()

    buckets = buckets_of(pages, bucket_size) if pages else []
    try:
        manifest = json.loads((site / FIRST_BUNDLE / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not changed:
        return Reindex(lambda release, all_written: (lambda: None) if same_index(all_written) else None)
    recent_dir = RECENT_BUNDLE + "/"
    base_bundles = [bundle for bundle in manifest.get("bundles", []) if bundle != recent_dir]
    if len(base_bundles) != len(buckets) - 1:
        return None
    recent = set((manifest.get("recent") or {}).get("pages", [])) | changed
    if not recent <= indexed:
        return None

    def file_of(page: str) -> Path:
        return scratch / page if page in changed else site / page

    unchanged = [page for page in pages if page not in recent]
    step = max(1, len(unchanged) // max(1, padding))
    padded = unchanged[::step][:padding]  # spread over the site, the same from build to build
    run = None
    if len(recent) <= recent_limit:
        sources = {page: file_of(page) for page in recent}
        sources.update({f"{_PADDING}/{page}": site / page for page in padded})
        run = _Pagefind(site, sorted(sources), scratch / ".bundle-recent", file_of=sources.__getitem__, merged=True)

    def finish(release: Callable[[], None], all_written: list[str]) -> Callable[[], None] | None:
        if not same_index(all_written):
            return None
        fresh: dict[str, Path] = {}
        hidden = None
        if run is not None:
            hidden = _hidden_ids(site, run.wait(), buckets, recent, padded)
        if hidden is not None:
            fresh[RECENT_BUNDLE] = scratch / ".bundle-recent"
            manifest["bundles"] = [*base_bundles, recent_dir]
            manifest["recent"] = {"pages": sorted(recent), "hidden": sorted(hidden)}
        else:  # index again every bucket holding a recent page; the recent bundle goes
            release()
            for number, bucket in enumerate(buckets):
                if recent.intersection(bucket):
                    fresh[_bundle_dir(number)] = scratch / f".bundle-{number}"
                    digests: dict[str, bytes] = {}
                    _run_pagefind(site, bucket, fresh[_bundle_dir(number)], file_of=file_of, merged=number > 0, digests=digests)
                    manifest["keys"][str(number)] = _bucket_key(digests, bucket, number, len(buckets))
            manifest["bundles"] = base_bundles
            manifest.pop("recent", None)
        return functools.partial(_commit, site, fresh, manifest)

    return Reindex(finish, run.cancel if run is not None else lambda: None)


def _commit(site: Path, fresh: dict[str, Path], manifest: dict[str, Any]) -> None:
    """Move the ``fresh`` bundles (name: where they were made) into ``site``, and write its
    new ``manifest``; a recent bundle no longer named goes."""
    gone = [] if RECENT_BUNDLE in fresh else [site / RECENT_BUNDLE]
    for name, bundle in fresh.items():
        place = site / name
        old = place.with_name(f".{place.name}.replaced")
        shutil.rmtree(old, ignore_errors=True)
        if place.exists():
            os.replace(place, old)
        place.parent.mkdir(parents=True, exist_ok=True)
        os.replace(bundle, place)
        gone.append(old)
    temporary = site / FIRST_BUNDLE / (MANIFEST + ".tmp")
    temporary.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    os.replace(temporary, site / FIRST_BUNDLE / MANIFEST)
    for folder in gone:  # (after the manifest stops naming them)
        shutil.rmtree(folder, ignore_errors=True)


def _hidden_ids(site: Path, new_ids: dict[str, str], buckets: list[list[str]], recent: set[str], padded: list[str]) -> set[str] | None:
    """The fragment ids the search page must leave out once the recent bundle (``new_ids``:
    its pages' addresses and fragment ids, the ``recent`` pages and the ``padded`` ones) is
    merged: the old copies of the recent pages, and the padding. None when one of them is
    also the id of a page that must stay visible."""
    bucket_of = {page: number for number, bucket in enumerate(buckets) for page in bucket}
    base_ids = [_fragment_ids(site / _bundle_dir(number)) for number in range(len(buckets))]
    hidden = set()
    visible = set()
    for page in recent:
        old = base_ids[bucket_of[page]].get(_url(page))
        new = new_ids.get(_url(page))
        if old is None or new is None:
            return None
        hidden.add(old)
        visible.add(new)
    for page in padded:
        copy = new_ids.get(_url(f"{_PADDING}/{page}"))
        if copy is None:
            return None
        hidden.add(copy)
    recent_urls = {_url(page) for page in recent}
    for ids in base_ids:
        visible.update(fragment for url, fragment in ids.items() if url not in recent_urls)
    return None if hidden & visible else hidden


def _url(page: str) -> str:
    """The address Pagefind gives a page at ``page`` (a path in the site)."""
    url = "/" + page
    return url[: -len("index.html")] if url.endswith("/index.html") else url


def _record_fragments(bundle: Path) -> dict[str, str]:
    """Record in ``bundle`` which fragment is which page's (read by :func:`_fragment_ids`, for
    the recent bundle's hidden ids); the record."""
    ids = _fragment_ids(bundle)
    (bundle / FRAGMENTS).write_text(json.dumps(ids, sort_keys=True) + "\n", encoding="utf-8")
    return ids


def _fragment_ids(bundle: Path) -> dict[str, str]:
    """Each page a bundle indexes (its address) with the id of its fragment, the id a search
    result carries: from the bundle's record, else read from its fragments."""
    try:
        return dict(json.loads((bundle / FRAGMENTS).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        pass
    return {read_fragment(path.read_bytes())["url"]: path.name.removesuffix(".pf_fragment") for path in (bundle / "fragment").glob("*.pf_fragment")}


def read_fragment(data: bytes) -> dict[str, Any]:
    """A Pagefind fragment file's contents (a page's address, text, anchors...)."""
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return dict(json.loads(data.removeprefix(b"pagefind_dcd")))


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
        relative = path.relative_to(source)
        if relative.as_posix() in (MANIFEST, FILTER_MODULE) or not path.is_file():
            continue
        link_or_copy(path, target / relative)
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


# What the search page reads of a bundle it merges into the first one: Pagefind's script and
# WebAssembly come from the first bundle only, so the other bundles need no copy of them.
_MERGED_BUNDLE_FILES = ("pagefind-entry.json", "index", "fragment", "filter")


def _run_pagefind(site: Path, pages: list[str] | None, bundle: Path, **options: Any) -> None:
    """Index ``pages`` of ``site`` into ``bundle`` (see :class:`_Pagefind`), and wait."""
    _Pagefind(site, pages, bundle, **options).wait()


class _Pagefind:
    """One Pagefind run, started at once: it indexes ``pages`` of ``site`` (all of it when
    None) into ``bundle``; :meth:`wait` finishes it. ``file_of``: where each page's file is,
    when not in ``site`` (a quick build's new pages). ``merged``: a bundle the search page
    merges into the first (only its index is kept). ``digests``: filled with each page's
    digest (as :func:`_bucket_key` takes them), from the copy Pagefind reads."""

    def __init__(self, site: Path, pages: list[str] | None, bundle: Path, *, file_of: Callable[[str], Path] | None = None, merged: bool = False, digests: dict[str, bytes] | None = None) -> None:
        self._pages, self._bundle, self._merged = pages, bundle, merged
        self._scratch: Path | None = None
        if pages is None:
            source = site
        else:  # Pagefind indexes a folder: give it one holding only these pages (as links)
            self._scratch = source = _scratch(site.parent)
            for page in pages:
                (source / page).parent.mkdir(parents=True, exist_ok=True)
                original = (file_of(page) if file_of else site / page).absolute()
                try:
                    os.symlink(original, source / page)
                except OSError:  # (a system without symbolic links)
                    shutil.copyfile(original, source / page)
                if digests is not None:
                    digests[page] = hashlib.sha256(original.read_bytes()).digest()
        command = [*_pagefind_command(), "--site", str(source), "--output-path", str(bundle), "--silent"]
        # What it prints goes to a file, not a pipe: a run that nobody reads from while the
        # build goes on (see :meth:`finished`) must never stall on a full pipe.
        self._said = tempfile.TemporaryFile()
        try:
            self._process: subprocess.Popen[bytes] | None = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=self._said, stderr=subprocess.STDOUT)
        except OSError:
            self._said.close()
            self._remove_scratch()
            raise

    def finished(self) -> bool:
        """Whether the run has ended (then :meth:`wait` does not block)."""
        return self._process is None or self._process.poll() is not None

    def wait(self) -> dict[str, str]:
        """Finish the run; which fragment is which page's (empty when the whole site was
        indexed: no record is kept then)."""
        assert self._process is not None
        try:
            self._process.wait()
            self._said.seek(0)
            said = self._said.read().decode("utf-8", "replace")
        finally:
            self._said.close()
            self._remove_scratch()
        returncode, self._process = self._process.returncode, None
        bundle = self._bundle
        if returncode != 0 or not (bundle / "pagefind-ui.js").is_file():
            detail = said.strip().splitlines()[-5:]
            raise BuildError("The search index (Pagefind) could not be built; the previous output was left as it was.", detail)
        if self._merged:
            for entry in bundle.iterdir():
                if entry.name not in _MERGED_BUNDLE_FILES and not entry.name.endswith(".pf_meta"):
                    shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
        else:
            _write_filter_module(bundle)
        return _record_fragments(bundle) if self._pages is not None else {}

    def cancel(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.wait()
            self._process = None
            self._said.close()
        self._remove_scratch()

    def _remove_scratch(self) -> None:
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None


def _write_filter_module(bundle: Path) -> None:
    """The search page's module (see ``_FILTER_SOURCE``), written anew: never through a link
    to the file of an earlier output."""
    target = bundle / FILTER_MODULE
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_text(_FILTER_SOURCE, encoding="utf-8")
    os.replace(temporary, target)
