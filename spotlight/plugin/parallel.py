"""Write stage: render the site's pages and e-mail editions on every core.

Pelican renders each page the moment a generator asks for it, one after another on one
core, and template rendering is the largest part of a build once Markdown is done. Here
Pelican's writer keeps all of its bookkeeping (paths, pagination, overwrite checks) but,
instead of rendering, records each page as a job; e-mail editions are recorded as jobs too.
When Pelican has finished (``finalized``), the jobs run in worker processes forked from the
build, so every worker already holds the whole site in memory and nothing is pickled but the
jobs' numbers and the warnings that come back. Warnings and errors logged in a worker are
logged again in the build, so the build's checks see them exactly as before. Where there is
room, search indexing starts once the pages it indexes are written (:class:`_EarlySearch`).
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import multiprocessing
import multiprocessing.connection
import os
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pelican import writers
from pelican.writers import FileOverwriteFailedError, Writer

from ..errors import BuildError
from ..files import memory_kb, relative_path
from ..search import MARK as SEARCH_MARK
from .incremental import BASE_STAMP_KEY, KEYS_KEY, Fingerprints, page_key, previous_of, reuse, site_posts

_WRITER_KEY = "_SPOTLIGHT_WRITER"
_EXTRA_JOBS_KEY = "_SPOTLIGHT_EXTRA_JOBS"
COUNTS_KEY = "_SPOTLIGHT_RENDER_COUNTS"  # settings: how many jobs ran and how many were reused
SNAPSHOT_KEY = "_SPOTLIGHT_SNAPSHOT"  # settings: where to keep the site for quick builds (see .quick)
# settings: each page this build rendered (path under the output) -> the digest of its bytes
# when search indexes it (it is marked ``data-pagefind-body``), else None: so the search
# stage need not read back the pages the build just wrote (see spotlight.search).
WRITTEN_KEY = "_SPOTLIGHT_WRITTEN_PAGES"
# settings: set by the build when search indexes the site (see :class:`_EarlySearch`): the
# bucket size, the output this build replaces, the megabytes the build may take, and the
# processes of the build that hold memory besides this one. The outcome goes to SEARCHED_KEY.
SEARCH_KEY = "_SPOTLIGHT_SEARCH"
SEARCHED_KEY = "_SPOTLIGHT_SEARCHED"
MIN_JOBS = 200  # below this, forking costs more than it saves
DEFAULT_MEMORY_MB = 250  # the memory a build may take, unless SPOTLIGHT_MEMORY_MB says otherwise

# The jobs of the running build, set just before the workers are forked (they inherit it).
_JOBS: list[Callable[[], None]] = []
# While a build renders: the pages this process wrote (path -> as in WRITTEN_KEY).
_written: dict[str, bytes | None] | None = None


class _Recording:
    """The template Pelican's writer is given: ``render`` returns nothing yet, and the page is
    recorded as a job when the writer goes on to write it (after its overwrite checks)."""

    def __init__(self, writer: DeferredWriter, template: Any) -> None:
        self._writer = writer
        self._template = template

    def render(self, localcontext: dict[str, Any]) -> str:
        self._writer._pending = (self._template, localcontext)
        return ""

    def __getattr__(self, name: str) -> Any:
        return getattr(self._template, name)


class _Sink:
    """The file object Pelican writes a recorded page to: it records the job (``path`` None:
    a page Pelican decided not to write)."""

    def __init__(self, writer: DeferredWriter, path: str | None) -> None:
        self._writer, self._path = writer, path

    def __enter__(self) -> _Sink:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def write(self, text: str) -> int:
        pending, self._writer._pending = self._writer._pending, None
        if self._path is None:
            return len(text)
        if pending is None or text:  # written directly, not through a template
            os.makedirs(os.path.dirname(self._path), exist_ok=True)
            with open(self._path, "w", encoding="utf-8") as fh:
                return fh.write(text)
        template, localcontext = pending
        self._writer.add_job(_PageJob(self._path, template, localcontext, self._writer._context))
        return 0


class _OsWithoutMakedirs:
    """``os`` for Pelican's writer while it records a page (see :meth:`DeferredWriter.write_file`)."""

    @staticmethod
    def makedirs(*_args: Any, **_kwargs: Any) -> None:
        return None

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)


_OS_WITHOUT_MAKEDIRS = _OsWithoutMakedirs()

# Keys Pelican's writer sets for each page, and sets in the shared context while writing it.
_PER_PAGE = ("localsiteurl", "SITEURL", "output_file")


@contextlib.contextmanager
def recording_written() -> Iterator[dict[str, bytes | None]]:
    """While it lasts, the pages jobs of this process write are noted (as in ``WRITTEN_KEY``,
    by path) in the dict it gives."""
    global _written
    outer, _written = _written, {}
    try:
        yield _written
    finally:
        _written = outer


def record_written(path: str, text: str) -> None:
    """Note that a job wrote ``text`` (as UTF-8) to the HTML file ``path`` (see ``WRITTEN_KEY``)."""
    if _written is not None and os.linesep == "\n":  # (then the file's bytes are the text in UTF-8)
        _written[path] = hashlib.sha256(text.encode("utf-8")).digest() if SEARCH_MARK in text else None


class _PageJob:
    """One page to render. It keeps only what its context adds to the site's shared context
    (Pelican copies the whole context, settings included, for every page: tens of KB each)."""

    def __init__(self, path: str, template: Any, localcontext: dict[str, Any], context: dict[str, Any]) -> None:
        self.path, self.template, self.context = path, template, context
        self.own = {k: v for k, v in localcontext.items() if k in _PER_PAGE or k not in context or context[k] is not v}

    @property
    def localcontext(self) -> dict[str, Any]:
        return {**self.context, **self.own}

    def __call__(self) -> None:
        # As Pelican's writer does: content objects read "localsiteurl" from the shared context.
        if self.own.get("localsiteurl"):
            self.context["localsiteurl"] = self.own["localsiteurl"]
        output = self.template.render(self.localcontext)
        os.makedirs(os.path.dirname(self.path), exist_ok=True)  # (Pelican's writer left it to the job)
        with open(self.path, "w", encoding="utf-8") as fh:
            fh.write(output)
        record_written(self.path, output)

    def outputs(self) -> list[str]:
        return [self.path]

    def retarget(self, old_root: str, new_root: str) -> None:
        """Write under ``new_root`` what was written under ``old_root``."""
        self.path = os.path.join(new_root, os.path.relpath(self.path, old_root))

    def key(self, fingerprints: Fingerprints) -> str:
        return page_key(fingerprints, self.template, self.own)

    def __str__(self) -> str:
        article = self.own.get("article") or self.own.get("page")
        source = getattr(article, "source_path", None)
        name = self.own.get("output_file") or os.path.basename(self.path)
        return f"{name} (from {source})" if source else str(name)


class DeferredWriter(Writer):
    """Pelican's writer, recording pages to render later (see the module's docstring)."""

    def __init__(self, output_path: str, settings: dict[str, Any]) -> None:
        super().__init__(output_path, settings=settings)
        self.jobs: list[Callable[[], None]] = []
        self._pending: tuple[Any, dict[str, Any]] | None = None
        self._context: dict[str, Any] = {}
        settings[_WRITER_KEY] = self

    def add_job(self, job: Callable[[], None]) -> None:
        self.jobs.append(job)

    def write_file(self, name: Any, template: Any, context: dict[str, Any], *args: Any, **kwargs: Any) -> None:
        self._context = context
        # Pelican's writer makes each page's folder as it goes; a recorded page's folder is
        # made by the job that writes the page, in a worker (thousands of folders, one at a
        # time, cost a slow disk most of a second per 1,000 posts).
        writers.os = _OS_WITHOUT_MAKEDIRS
        try:
            super().write_file(name, _Recording(self, template), context, *args, **kwargs)
        finally:
            writers.os = os

    def _open_w(self, filename: str, encoding: str, override: bool = False) -> Any:
        # Pelican's rule for a page written twice, without opening the file (the worker does):
        # a second write fails unless exactly one of the writes is marked ``override``, and
        # once a file was overridden, plain writes to it are skipped.
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" a second time (was previously overwritten)')
            return _Sink(self, None)
        if filename in self._written_files and not override:
            raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" as Pelican has already written to it previously (set `override=True` if intended)')
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return _Sink(self, filename)


def add_job(settings: dict[str, Any], job: Callable[[], None]) -> None:
    """Queue work that must run with the pages (such as an e-mail edition)."""
    settings.setdefault(_EXTRA_JOBS_KEY, []).append(job)


def deferred_writer(_pelican: Any) -> type[Writer]:
    """``get_writer``: Pelican writes through :class:`DeferredWriter`."""
    return DeferredWriter


def remember_urls(generators: list[Any]) -> None:
    """``all_generators_finalized``: each post's address is worked out once. Pelican formats
    it again each time it is asked for (about 20 times per post: listings, feeds, sharing
    tags); its own ``override_url`` attribute then holds it. Static files are left alone (for
    them the attribute means something more)."""
    from pelican.contents import Content, Static

    if not generators:
        return
    for _, post in site_posts(generators[0].context):  # (the context all generators share)
        for content in [post, *(getattr(post, "translations", None) or [])]:
            if isinstance(content, Content) and not isinstance(content, Static) and not hasattr(content, "override_url"):
                content.override_url = content.url


def run_jobs(pelican: Any) -> None:
    """``finalized``: render every recorded page and queued job, on every core."""
    settings = pelican.settings
    writer = settings.pop(_WRITER_KEY, None)
    jobs = (writer.jobs if writer is not None else []) + settings.pop(_EXTRA_JOBS_KEY, [])
    base_stamp = settings.get(BASE_STAMP_KEY)
    every_job = jobs
    fingerprints = None
    if base_stamp is not None and writer is not None:
        fingerprints = Fingerprints(writer._context, base_stamp)
        jobs = _skip_unchanged(jobs, fingerprints, settings, str(pelican.output_path))
    root = str(pelican.output_path)
    early = _EarlySearch.for_jobs(jobs, settings.get(SEARCH_KEY), root)
    try:
        if early is not None:
            jobs = early.jobs
        written = _render(jobs, settings, early)
        settings[WRITTEN_KEY] = {relative_path(path, root).replace(os.sep, "/"): digest for path, digest in written.items()}
        if fingerprints is not None and writer is not None and settings.get(SNAPSHOT_KEY):
            from .quick import save_snapshot

            save_snapshot(settings[SNAPSHOT_KEY], settings, writer._context, every_job, fingerprints, str(pelican.output_path))
        if early is not None:
            settings[SEARCHED_KEY] = early.finish(settings[WRITTEN_KEY])
    finally:
        if early is not None:
            early.cancel()


def _render(jobs: list[Callable[[], None]], settings: dict[str, Any], early: _EarlySearch | None = None) -> dict[str, bytes | None]:
    """Run ``jobs``; the pages they wrote (as in ``WRITTEN_KEY``, by path). ``early``: search
    indexing to start once its pages are written (only when the jobs run in workers)."""
    global _JOBS
    workers = min(os.cpu_count() or 1, int(settings.get("SPOTLIGHT_JOBS") or os.cpu_count() or 1))
    if workers < 2 or len(jobs) < MIN_JOBS or "fork" not in multiprocessing.get_all_start_methods():
        with recording_written() as written:
            for job in jobs:
                failure = _run_one(job)
                if failure:
                    raise BuildError(f"The build failed while writing {failure}; the previous output was left as it was.")
        return written
    _JOBS = jobs
    # Objects that exist now are never collected in a worker: the collector would otherwise
    # write to every inherited object and so copy the whole site into each worker's memory.
    gc.collect()
    gc.freeze()
    try:
        # Runs of neighbouring jobs: they show the same few posts, so a worker touches (and so
        # copies from the build's memory) only a small part of the site. Each worker renders
        # one run and exits, and the next run gets a fresh fork: what rendering leaves behind
        # (copied pages, memoized HTML) never piles up in a worker.
        count = max(workers * 4, min(64, len(jobs) // 250))  # more forks: less memory, more time
        outcomes = _fork_each(workers, _tasks(jobs, count), early)
    finally:
        _JOBS = []
        gc.unfreeze()
    failures = []
    written: dict[str, bytes | None] = {}
    for logged, failure, pages in outcomes:
        for name, level, message in logged:
            logging.getLogger(name).log(level, "%s", message)
        if failure:
            failures.append(failure)
        written.update(pages)
    if failures:
        raise BuildError(f"The build failed while writing {failures[0]}; the previous output was left as it was.", failures[1:])
    return written


def _tasks(jobs: list[Callable[[], None]], count: int) -> list[tuple[int, int]]:
    """``jobs`` cut into about ``count`` runs of neighbouring jobs, ``(start, stop)``, of
    about the same work: a job's ``weight`` says how many pages' work it is (a feed holds
    dozens of posts), else it is one. A run that took much longer than the others would
    leave the other cores idle at the end."""
    weights = [max(1, int(getattr(job, "weight", 1))) for job in jobs]
    share = sum(weights) / max(1, count)
    tasks: list[tuple[int, int]] = []
    start, load = 0, 0
    for number, weight in enumerate(weights):
        if load and load + weight - share > share - load:  # (it fits the next run better)
            tasks.append((start, number))
            start, load = number, 0
        load += weight
        if load >= share:
            tasks.append((start, number + 1))
            start, load = number + 1, 0
    if start < len(jobs):
        tasks.append((start, len(jobs)))
    return tasks


def _skip_unchanged(jobs: list[Callable[[], None]], fingerprints: Fingerprints, settings: dict[str, Any], output_root: str) -> list[Callable[[], None]]:
    """The jobs to run: those whose outputs the previous build did not make from the same
    inputs (the others are linked from it). Records every output's key for the next build."""
    previous = previous_of(settings)
    keys: dict[str, str] = {}
    todo = []
    for number, job in enumerate(jobs):
        outputs = getattr(job, "outputs", None)
        if outputs is None:
            todo.append(job)
            continue
        paths = outputs()
        fingerprints.touched.clear()
        key = job.key(fingerprints)  # type: ignore[attr-defined]
        fingerprints.handed(number)  # (for the next quick build)
        for path in paths:
            keys[relative_path(path, output_root)] = key
        if not reuse(previous, paths, key, output_root):
            todo.append(job)
        elif hasattr(job, "reused"):
            job.reused()
    settings[KEYS_KEY] = keys
    settings[COUNTS_KEY] = {"rendered": len(todo), "reused": len(jobs) - len(todo)}
    return todo


class _EarlySearch:
    """The search index of a full build, started before the build has written every page.

    Pagefind used to run once the whole site was written, on a bit more than one core. Here
    the pages search indexes are rendered first (the jobs whose templates can mark a page
    ``data-pagefind-body``), and once they are written Pagefind starts on them, one bucket
    at a time, while the workers render the rest (e-mail editions, listings, feeds). At the
    end the pages search indexes are checked again, byte for byte: if they are not exactly
    the ones Pagefind was given (a page marked by a template that did not look as if it
    could, say), its bundles are thrown away and the build indexes the site as before.

    Pagefind's memory then adds to the render's, so it starts only when the estimate of
    both (the build's processes now, with a margin, and Pagefind's run) stays within the
    build's memory budget (``SPOTLIGHT_MEMORY_MB``, 250 MB by default); else the build
    indexes after the render, as before."""

    MARGIN = 1.15  # the render's memory still grows a little after the first pages

    def __init__(self, jobs: list[Callable[[], None]], marking: int, options: dict[str, Any], root: str) -> None:
        self.jobs, self._marking, self._options, self._root = jobs, marking, options, root
        self._written: dict[str, bytes | None] = {}
        self._waiting_for: set[int] | None = None  # the tasks to wait for before starting
        self._indexing: Any = None

    @classmethod
    def for_jobs(cls, jobs: list[Callable[[], None]], options: dict[str, Any] | None, root: str) -> _EarlySearch | None:
        """The jobs put in order, the marking ones first; None when search is off for this
        build or no template can mark a page."""
        if not options:
            return None
        memo: dict[str, bool] = {}
        marking = [job for job in jobs if isinstance(job, _PageJob) and _may_mark(job.template, memo)]
        if not marking:
            return None
        chosen = set(map(id, marking))
        return cls(marking + [job for job in jobs if id(job) not in chosen], len(marking), options, root)

    def timeout(self) -> float | None:
        """How long the render may wait for a worker before :meth:`poll` must run again."""
        return 0.02 if self._indexing is not None else None

    def begin(self, tasks: list[tuple[int, int]]) -> None:
        """The render's tasks (runs of jobs, ``(start, stop)``) are ``tasks``."""
        self._waiting_for = {number for number, (start, _) in enumerate(tasks) if start < self._marking}

    def task_done(self, number: int, outcome: tuple[Any, str | None, dict[str, bytes | None]], running: list[int]) -> None:
        """A worker finished the ``number``th task; once every task holding a marking job
        is done, indexing starts. ``running``: the process ids of the workers still at work."""
        if outcome[1] is not None:  # the build fails: nothing more starts
            self._waiting_for = None
            self.cancel()
            return
        self._written.update(outcome[2])
        if self._waiting_for is None:
            return
        self._waiting_for.discard(number)
        if self._waiting_for:
            return
        self._waiting_for = None
        from ..search import start_index

        written = {relative_path(path, self._root).replace(os.sep, "/"): digest for path, digest in self._written.items()}
        previous = self._options.get("previous")
        budget = float(self._options.get("memory_mb") or DEFAULT_MEMORY_MB)
        pids = [*self._options.get("pids", []), os.getpid(), *running]

        def fits(pagefind_mb: float) -> bool:
            now = _memory_mb(pids)
            return now is not None and now * self.MARGIN + pagefind_mb <= budget

        try:
            self._indexing = start_index(Path(self._root), written, bucket_size=int(self._options["bucket_size"]), previous=Path(previous) if previous else None, fits=fits)
        except (BuildError, OSError):
            self._indexing = None  # (the build indexes after the render, and says what failed)

    def poll(self) -> None:
        if self._indexing is not None:
            try:
                self._indexing.poll()
            except (BuildError, OSError):
                self.cancel()

    def finish(self, written: dict[str, bytes | None]) -> dict[str, Any] | None:
        """The search bundles' outcome (as :func:`spotlight.search.index_for_search` gives it),
        or None when the build must index the site itself."""
        indexing, self._indexing = self._indexing, None
        if indexing is None:
            return None
        from ..search import _indexed_digests

        try:
            if not indexing.matches(_indexed_digests(Path(self._root), written)):
                indexing.cancel()
                return None
            return indexing.finish(int(self._options.get("jobs") or 1))
        except (BuildError, OSError):
            indexing.cancel()
            return None

    def cancel(self) -> None:
        indexing, self._indexing = self._indexing, None
        if indexing is not None:
            indexing.cancel()


def _fork_each(workers: int, tasks: list[tuple[int, int]], early: _EarlySearch | None = None) -> list[tuple[list[tuple[str, int, str]], str | None, dict[str, bytes | None]]]:
    """Run each task in its own forked process, ``workers`` at a time; their outcomes.
    ``early`` is told of each task done, and kept going while the tasks run."""
    context = multiprocessing.get_context("fork")
    pending = list(enumerate(tasks))
    running: dict[Any, tuple[int, Any]] = {}
    if early is not None:
        early.begin(tasks)
    outcomes = []
    while pending or running:
        while pending and len(running) < workers:
            reader, writer = context.Pipe(duplex=False)
            number, task = pending.pop(0)
            process = context.Process(target=_slice_process, args=(task, writer), daemon=True)
            process.start()
            writer.close()
            running[reader] = (number, process)
        timeout = early.timeout() if early is not None else None
        for reader in multiprocessing.connection.wait(list(running), timeout):
            number, process = running.pop(reader)
            try:
                outcome = reader.recv()
            except EOFError:
                process.join()
                outcome = ([], f"a worker process stopped without finishing (exit code {process.exitcode}; out of memory?)", {})
            reader.close()
            process.join()
            outcomes.append(outcome)
            if early is not None:
                early.task_done(number, outcome, [p.pid for _, p in running.values()])
        if early is not None:
            early.poll()
    return outcomes


def _slice_process(task: tuple[int, int], connection: Any) -> None:
    connection.send(_run_slice(task))
    connection.close()


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        self.records.append((record.name, record.levelno, message))


def _run_slice(task: tuple[int, int]) -> tuple[list[tuple[str, int, str]], str | None, dict[str, bytes | None]]:
    """In a worker: run the jobs from ``start`` to ``stop``; return what was logged, the
    first failure and the pages written. The worker logs nowhere itself (the build's console
    belongs to the parent)."""
    start, stop = task
    capture = _Capture()
    root = logging.getLogger()
    for logger in [root] + [lg for lg in logging.Logger.manager.loggerDict.values() if isinstance(lg, logging.Logger)]:
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        logger.propagate = True
    root.addHandler(capture)
    memos = memoized_caches()
    with recording_written() as written:
        for job in _JOBS[start:stop]:
            failure = _run_one(job)
            if failure:
                return capture.records, failure, {}
            for memo in memos:  # each post's HTML, kept by Pelican for the rest of the process
                memo.clear()
    return capture.records, None, written


def memoized_caches() -> list[dict[Any, Any]]:
    """What Pelican memoizes about content objects (their finished HTML and summaries): it
    holds posts, and through them the whole site, for as long as the process lives."""
    from pelican.contents import Content

    caches = [getattr(Content.__dict__.get(name), "cache", None) for name in ("get_content", "get_summary")]
    return [c for c in caches if isinstance(c, dict)]


def _run_one(job: Callable[[], None]) -> str | None:
    """Run one job; what went wrong, naming the page, or None."""
    try:
        job()
    except BuildError:
        raise
    except Exception as exc:  # templates and plugins raise many types; the author needs the page
        tail = traceback.format_exception_only(type(exc), exc)[-1].strip()
        return f"{job}: {tail}"
    return None


def _may_mark(template: Any, memo: dict[str, bool]) -> bool:
    """Whether pages from ``template`` may be marked for search: its source, or that of a
    template it extends, includes or imports, holds the mark (or cannot be read)."""
    name, environment = getattr(template, "name", None), getattr(template, "environment", None)
    if name is None or environment is None:
        return True
    return _source_may_mark(environment, name, memo)


def _source_may_mark(environment: Any, name: str, memo: dict[str, bool]) -> bool:
    if name in memo:
        return memo[name]
    memo[name] = False  # (a template that refers to itself)
    try:
        from jinja2 import meta

        source = environment.loader.get_source(environment, name)[0]
        answer = SEARCH_MARK in source or any(
            other is None or _source_may_mark(environment, other, memo) for other in meta.find_referenced_templates(environment.parse(source))
        )
    except Exception:  # noqa: BLE001 - a template we cannot follow may mark anything
        answer = True
    memo[name] = answer
    return answer


def _memory_mb(pids: list[int]) -> float | None:
    """The memory of these processes together (proportional set size, so pages shared by
    forked workers count once), in MB; None where the system does not say. A process that
    has ended counts nothing."""
    if not os.path.exists("/proc/self/smaps_rollup"):
        return None
    return sum(memory_kb(pid) or 0 for pid in dict.fromkeys(pids)) / 1024
