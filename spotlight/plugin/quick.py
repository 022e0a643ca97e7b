"""Quick builds: an edit to the text of a few posts, without running Pelican again.

After every full build the site as Pelican left it (its shared context with every post, and
every recorded page, feed and e-mail edition with the posts it was handed) is kept in the
build cache (``quick.pickle``, beside the posts' file stamps in ``quick.json``). When the
next build finds that only a few posts changed, and that none of them changed anything a
listing may show of a post that is not handed to it (their list-level facts: title, URL,
dates, summary, metadata, reading time; see :mod:`spotlight.plugin.incremental`), it:

1. reads and prepares just those posts, through Pelican's own readers and our plugin;
2. puts their new text into the kept site, in place of the old (and records it in
   ``quick-patches.pickle``, so the kept site itself is written only by full builds);
3. renders only the pages, feeds and editions that were handed one of them (exactly the
   ones a full build would render again), into a scratch folder, and indexes the changed
   pages for search (the recent bundle: see :mod:`spotlight.search`);
4. and only when all of that worked, moves the new files into the output, one rename each.

Anything else (a new or deleted post, a changed title or summary, a theme or settings
change, another plugin, a ``{static}`` link, or any failure on the way) makes a full build
instead, which reports problems as usual. Pages, feeds and editions are byte-identical to a
full build's, and a search finds the same pages with the same text (tested).
"""

from __future__ import annotations

import copy
import json
import logging
import os
import pickle
import tempfile
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..files import no_gc, relative_path, release_memory, remove_in_background
from .bodies import KEEP_KEY, prune_one
from .incremental import KEYS_KEY, PREVIOUS_KEY, Fingerprints, load_previous, save_keys, site_posts

SNAPSHOT_FILE = "quick.pickle"
STAMPS_FILE = "quick.json"
FACTS_FILE = "quick-facts.json"  # each post's list and a digest of its list-level facts
PATCHES_FILE = "quick-patches.pickle"  # what quick builds changed in the kept site since it was made
MAX_CHANGED = 20  # more than this: a full (incremental) build does as well
_PAGE_LISTS = ("pages", "hidden_pages", "draft_pages")
# What a post's text decides (everything else a post holds is in its list-level facts).
BODY_ATTRIBUTES = ("_spotlight_body", "_spotlight_store", "_spotlight_inline", "_content", "interview", "_spotlight_outline", "reading_time")
_log = logging.getLogger("spotlight.build")


@dataclass
class _TemplateName:
    """A template in a kept job, by name (compiled templates cannot be kept)."""

    name: str


@dataclass
class Snapshot:
    base_stamp: str
    site: str  # the site stamp of the build (see Fingerprints)
    root: str  # the folder the jobs write under
    context: dict[str, Any]
    jobs: list[Any]
    posts: dict[str, tuple[str, Any]]  # source path -> (the list holding it, the post)
    shown_by: dict[str, array]  # source path -> the numbers of the jobs that were handed the post


def _transient() -> tuple[str, ...]:
    """Settings that belong to one build only (the previous build's keys, this build's...)."""
    from .parallel import COUNTS_KEY, SEARCH_KEY, SEARCHED_KEY, SNAPSHOT_KEY, WRITTEN_KEY

    return (PREVIOUS_KEY, KEYS_KEY, COUNTS_KEY, SNAPSHOT_KEY, KEEP_KEY, "_SPOTLIGHT_PRERENDERED", SEARCH_KEY, SEARCHED_KEY, WRITTEN_KEY)


def save_snapshot(target: dict[str, Any], settings: dict[str, Any], context: dict[str, Any], jobs: list[Any], fingerprints: Fingerprints, root: str) -> None:
    """Keep the site of the build that just rendered (see the module's docstring), with a
    digest of each post's list-level facts. ``target``: the folder to keep it in and the
    build's base stamp; ``saved`` is set in it. A site that cannot be kept (something in it
    cannot be pickled) only means the next edit gets a full build."""
    folder = Path(target["folder"])
    forget(folder)
    if any(not hasattr(j, "outputs") or not hasattr(j, "retarget") for j in jobs):
        return
    for job in jobs:
        template = getattr(job, "template", None)
        if template is not None and hasattr(template, "render"):
            job.template = _TemplateName(template.name)
    posts = {str(post.source_path): (name, post) for name, post in site_posts(context)}
    facts = {s: fingerprints.list_facts(p) for s, (_, p) in posts.items()}
    snapshot = Snapshot(target["base"], fingerprints.site, root, context, jobs, posts, fingerprints.shown_by)
    target["saved"] = _dump(folder, snapshot, settings)
    if target["saved"]:
        (folder / FACTS_FILE).write_text(json.dumps({s: [posts[s][0], digest] for s, digest in facts.items()}), encoding="utf-8")


def save_stamps(folder: Path, stamps: dict[str, Any]) -> None:
    """Declare the kept site current: called once its output is in place (a build that fails
    later, after Pelican kept its site, must not leave a site that the output does not show)."""
    (folder / (STAMPS_FILE + ".tmp")).write_text(json.dumps(stamps), encoding="utf-8")
    os.replace(folder / (STAMPS_FILE + ".tmp"), folder / STAMPS_FILE)


def _dump(folder: Path, snapshot: Snapshot, settings: dict[str, Any]) -> bool:
    """Write the kept site; whether it could be kept."""
    aside: list[tuple[dict[str, Any], str, Any]] = []
    for holder in (settings, snapshot.context):
        for key in _transient():
            if key in holder:
                aside.append((holder, key, holder.pop(key)))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / (SNAPSHOT_FILE + ".tmp")
        with open(temporary, "wb") as fh:
            pickle.dump(snapshot, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, folder / SNAPSHOT_FILE)
        return True
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError, OSError) as exc:
        _log.debug("the site could not be kept for quick builds: %s", exc)
        forget(folder)
        return False
    finally:
        for holder, key, value in aside:
            holder[key] = value


def forget(folder: Path) -> None:
    for name in (STAMPS_FILE, SNAPSHOT_FILE, PATCHES_FILE, FACTS_FILE):
        try:
            (folder / name).unlink()
        except OSError:
            pass


def changed_posts(folder: Path, base: str, output: Path, posts: dict[str, list[int]]) -> tuple[list[str], dict[str, Any]] | None:
    """The posts changed since the kept site was built, when a quick build may take them,
    and what was recorded with the kept site."""
    try:
        stamps = json.loads((folder / STAMPS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(stamps, dict) or stamps.get("base") != base or stamps.get("output") != str(output.resolve()):
        return None
    old = stamps.get("posts") or {}
    if set(old) != set(posts):
        return None
    changed = [p for p, st in posts.items() if list(old[p]) != list(st)]
    return (changed, stamps) if 0 < len(changed) <= MAX_CHANGED else None


@dataclass
class QuickResult:
    rendered: int
    reused: int
    warnings: list[str]


def quick_build(settings: dict[str, Any], folder: Path, changed: list[str], stamps: dict[str, Any], output: Path, search: Any) -> QuickResult | None:
    """Rebuild ``output`` for the ``changed`` posts from the kept site; None when this cannot
    be done quickly (a full build must run) — nothing has been touched then.
    ``stamps``: what to record with the kept site once the output is updated.
    ``search(scratch, written, known)``: starts indexing the pages among ``written`` for search
    (see :func:`spotlight.search.reindex`), or returns None when that cannot be done
    quickly; ``search.pages``: the pages it indexes. It is started once the jobs writing
    those pages are done, and runs while the others render; its ``finish()`` checks the
    other pages written and gives what moves the new bundles into place."""
    if list(settings.get("PLUGINS") or []) != ["spotlight.plugin"]:
        return None
    scratch: Path | None = None
    pending = None
    ready = False
    try:
        # First the changed posts alone, against the small record of what listings show:
        # the kept site is loaded only when a quick build can take them.
        fresh = _read_changed(settings, folder, changed)
        if fresh is None:
            return None
        with open(folder / SNAPSHOT_FILE, "rb") as fh, no_gc():
            snapshot: Snapshot = pickle.load(fh)
        patches: dict[str, tuple[type, dict[str, Any]]] = {}
        if (folder / PATCHES_FILE).is_file():
            with open(folder / PATCHES_FILE, "rb") as fh, no_gc():
                patches = pickle.load(fh)
        for source, patch in patches.items():  # what earlier quick builds changed
            _patch(snapshot.posts[source][1], *patch)
        jobs, generator_settings, replaced = plan = _plan(snapshot, fresh, patches)
        scratch = Path(tempfile.mkdtemp(prefix=f".{output.name}.quick-", dir=output.parent))
        # The pages search indexes render first: their Pagefind run goes on while the
        # others render.
        indexed = frozenset(getattr(search, "pages", ()))
        first = [job for job in jobs if any(relative_path(path, snapshot.root) in indexed for path in job.outputs())]
        chosen = {id(job) for job in first}
        jobs = first + [job for job in jobs if id(job) not in chosen]

        def start_search(written: list[str], known: dict[str, bytes | None]) -> bool:
            nonlocal pending
            pending = search(scratch, written, known) if search is not None else None
            return search is None or pending is not None

        rendered, warnings = _render(snapshot, jobs, generator_settings, str(scratch), then=(len(first), start_search))
        if rendered is None:
            return None
        keys = _keys(snapshot, jobs, folder.parent, output)
        with open(folder / (PATCHES_FILE + ".tmp"), "wb") as fh:
            pickle.dump(patches, fh, protocol=pickle.HIGHEST_PROTOCOL)
        in_use = {post.__dict__.get("_spotlight_body") for _, post in snapshot.posts.values()}
        counts = QuickResult(rendered=len(jobs), reused=len(snapshot.jobs) - len(jobs), warnings=warnings)
        # The kept site is let go before search indexes whole buckets (a Pagefind run of up
        # to 500 pages): the two are never in memory at once. (The recent bundle's small run
        # started above; then there is no need to wait for the memory to be collected.)
        del snapshot, jobs, plan
        commit_search = pending.finish(_forget_memoized, rendered) if pending is not None else (lambda: None)
        if commit_search is None:
            return None
        ready = True
    except Exception as exc:  # noqa: BLE001 - whatever went wrong, a full build will say it properly
        _log.debug("quick build not possible: %s: %s", type(exc).__name__, exc)
        return None
    finally:
        if not ready:  # (a full build follows: leave nothing behind)
            if pending is not None:
                pending.cancel()
            if scratch is not None:
                remove_in_background(scratch)
    # Everything is ready: move it into place, then record what the output now is.
    (folder / STAMPS_FILE).unlink()  # (until the output and the kept site agree again)
    for relative in rendered:
        target = output / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(scratch / relative, target)
    commit_search()
    remove_in_background(scratch)
    save_keys(folder.parent, output, keys)
    for store, digest in replaced:
        if store and digest and digest not in in_use:
            prune_one(store, digest)
    os.replace(folder / (PATCHES_FILE + ".tmp"), folder / PATCHES_FILE)
    save_stamps(folder, stamps)
    return counts


def _forget_memoized() -> None:
    """Drop what Pelican memoized while rendering (it holds posts, and through them the whole
    site), so that the site's memory can be returned."""
    from .parallel import memoized_caches

    for cache in memoized_caches():
        cache.clear()
    release_memory()


def _patch(post: Any, cls: type, attributes: dict[str, Any]) -> None:
    """Give ``post`` the text-derived ``attributes`` (and class) of a newer reading."""
    for attribute in BODY_ATTRIBUTES:
        if attribute in attributes:
            post.__dict__[attribute] = attributes[attribute]
        else:
            post.__dict__.pop(attribute, None)
    post.__class__ = cls


def _read_changed(settings: dict[str, Any], folder: Path, changed: list[str]) -> dict[str, Any] | None:
    """Each changed post, read and prepared as a full build would; None when one of them
    changed what a listing shows, or newly links a static file."""
    from pelican.contents import Article, Page
    from pelican.readers import Readers

    from . import register

    try:
        facts = json.loads((folder / FACTS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    register()  # our reader and content signals, as in a full build
    # (Pelican's Markdown reader adds to the MARKDOWN setting it is given: give it a copy, so
    # that the build's settings stay as they were read.)
    readers = Readers({**settings, "MARKDOWN": copy.deepcopy(settings.get("MARKDOWN", {})), "CACHE_PATH": str(folder), "LOAD_CONTENT_CACHE": False, "CACHE_CONTENT": False})
    root = settings["PATH"]
    fresh = {}
    for source in changed:
        if source not in facts:
            return None
        name, digest = facts[source]
        cls = Page if name in _PAGE_LISTS else Article
        new = readers.read_file(base_path=root, path=os.path.relpath(source, root), content_class=cls, context={})
        if Fingerprints.list_facts_of(new) != digest or new.get_static_links():
            return None
        fresh[source] = new
    return fresh


def _plan(snapshot: Snapshot, fresh: dict[str, Any], patches: dict[str, tuple[type, dict[str, Any]]]) -> tuple[list[Any], dict[str, Any], list[tuple[Any, Any]]]:
    """Put the text of the ``fresh`` posts into the kept site (recording each in ``patches``);
    the jobs to run again, the settings to render with and the bodies replaced."""
    any_post = next(iter(snapshot.posts.values()))[1]
    reading = {**any_post.settings, "LOAD_CONTENT_CACHE": False, "CACHE_CONTENT": False}
    replaced: list[tuple[Any, Any]] = []
    for source, new in fresh.items():
        old = snapshot.posts[source][1]
        replaced.append((getattr(old, "_spotlight_store", None), old.__dict__.get("_spotlight_body")))
        patches[source] = (type(new), {a: new.__dict__[a] for a in BODY_ATTRIBUTES if a in new.__dict__})
        _patch(old, *patches[source])
    numbers = sorted({n for source in fresh for n in snapshot.shown_by.get(source, ())})
    return [snapshot.jobs[n] for n in numbers], reading, replaced


def _render(snapshot: Snapshot, jobs: list[Any], settings: dict[str, Any], scratch: str, then: tuple[int, Any] = (0, None)) -> tuple[list[str] | None, list[str]]:
    """Run ``jobs`` into ``scratch``; the paths written (relative), and what was logged.
    ``then``: (n, call): ``call(written, known)`` once the first n jobs are done (False:
    stop); ``known``: what the jobs noted of the pages they wrote (relative path -> as in
    ``parallel.WRITTEN_KEY``; it goes on filling), so that search need not read them back."""
    from pelican.generators import Generator

    from ..build import collecting_problems
    from .parallel import _run_one, recording_written

    generator = Generator(snapshot.context, settings, settings["PATH"], settings["THEME"], scratch)
    written: list[str] = []
    known: dict[str, bytes | None] = {}
    with collecting_problems() as problems, recording_written() as noted:
        for number, job in enumerate(jobs):
            if then[1] is not None and number == then[0] and not then[1](list(written), known):
                return None, []
            if isinstance(getattr(job, "template", None), _TemplateName):
                job.template = generator.env.get_template(job.template.name)
            job.retarget(snapshot.root, scratch)
            try:
                failure = _run_one(job)
                for path in job.outputs():
                    written.append(relative_path(path, scratch))
                    if path in noted:
                        known[written[-1]] = noted[path]
            finally:
                job.retarget(scratch, snapshot.root)
                if hasattr(getattr(job, "template", None), "render"):
                    job.template = _TemplateName(job.template.name)
            if failure:
                return None, []
    if problems.errors:
        return None, []
    if then[1] is not None and then[0] >= len(jobs) and not then[1](list(written), known):
        return None, []
    return written, problems.warnings


def _keys(snapshot: Snapshot, jobs: list[Any], cache: Path, output: Path) -> dict[str, str]:
    """The page keys of the output once ``jobs`` have run (see :mod:`.incremental`)."""
    previous = load_previous(cache, output)
    keys = previous["keys"] if previous else {}
    fingerprints = Fingerprints(snapshot.context, snapshot.base_stamp, site=snapshot.site)
    for job in jobs:
        key = job.key(fingerprints)
        for path in job.outputs():
            keys[relative_path(path, snapshot.root)] = key
    return keys
