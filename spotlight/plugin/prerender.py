"""Render stage: convert and prepare the Markdown of many posts on every core before Pelican
reads them.

Pelican reads posts one by one on one core, and python-markdown is most of a cold build.
When the articles generator starts (``article_generator_init``), the posts that Pelican's
content cache does not already hold are sent to a process pool, in the order Pelican will read
them, to be converted and prepared there (sanitized, marked up as interviews, measured:
:func:`spotlight.plugin.article.prepare_html`). Pelican's Markdown reader is replaced by one
that takes those results as they arrive (and converts and prepares anything else itself): so
Pelican reads the first posts while the pool converts the last ones, and what Pelican caches
is the prepared post (an unchanged post costs nothing but its cache entry on the next build).
Nothing is kept in module state: the pool and its results travel in the build's own settings
until the articles generator is done (``article_generator_finalized``).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from markdown import Markdown
from pelican.readers import MarkdownReader, find_empty_alt
from pelican.utils import SafeDatetime, pelican_open

from ..post import iso_date
from . import bodies
from .article import PREPARED_KEY, Prepared, prepare_html

logger = logging.getLogger(__name__)

_KEY = "_SPOTLIGHT_PRERENDERED"
MIN_POSTS = 40  # below this a pool costs more than it saves
CHUNK = 8  # posts a worker converts per exchange: small, so that Pelican can follow closely


def _convert(job: tuple[str, dict[str, Any]]) -> tuple[str, str, dict[str, list[str]], Prepared, bool] | None:
    """In a worker: one post converted and prepared; its HTML goes to the body store when
    there is one (and only its digest travels back, with whether Pelican's check for images
    without alt text needs to see it)."""
    path, settings = job
    try:
        md = _markdown(settings["MARKDOWN"])
        with pelican_open(path) as text:
            html = md.convert(text)
        meta = dict(getattr(md, "Meta", {}))
        html, prepared = prepare_html(html, _author(meta, settings), True, own_summary="summary" in meta, intrasite=settings.get("INTRASITE_LINK_REGEX"))
        store = settings.get("store")
        may_lack_alt = _may_lack_alt(html)
        if store:  # the HTML and the outline go to the store; its digest travels back
            html, prepared.interview = bodies.put(store, html, prepared.interview), None
        return path, html, meta, prepared, may_lack_alt
    except (OSError, UnicodeError, ValueError, RecursionError):
        return None  # Pelican's own reader will meet the problem and report it


_markdowns: dict[str, Markdown] = {}


def _markdown(config: dict[str, Any]) -> Markdown:
    """A Markdown converter for ``config``, reset for a new document: one per worker process
    and configuration (building one costs about a quarter of a millisecond per post)."""
    key = repr(config)
    md = _markdowns.get(key)
    if md is None:
        md = _markdowns[key] = Markdown(**config)
    else:
        md.reset()
    return md


def _may_lack_alt(html: str) -> bool:
    """Whether :func:`pelican.readers.find_empty_alt` could find anything in ``html``."""
    return "<img" in html and ('alt=""' in html or "alt=''" in html)


def _author(meta: dict[str, Any], settings: dict[str, Any]) -> str | None:
    """The post's author as Pelican will name it: ``Author``, else the first of ``Authors``,
    else the ``AUTHOR`` setting."""
    for key in ("author", "authors"):
        value = meta.get(key)
        if isinstance(value, list):
            value = value[0] if value else None
        if hasattr(value, "name"):
            value = value.name
        if key == "authors" and isinstance(value, str):
            value = value.split(",")[0]
        if value and str(value).strip():
            return str(value).strip()
    return settings.get("AUTHOR") or None


def _is_page(source_path: str, settings: dict[str, Any]) -> bool:
    relative = os.path.relpath(os.path.abspath(source_path), os.path.abspath(settings["PATH"]))
    parts = relative.split(os.sep)
    return any(p and parts[: len(p.split("/"))] == p.split("/") for p in settings.get("PAGE_PATHS", []))


def prerender_articles(generator: Any) -> None:
    """``article_generator_init``: start converting the stale posts in parallel."""
    settings = generator.settings
    workers = min(os.cpu_count() or 1, int(settings.get("SPOTLIGHT_JOBS") or os.cpu_count() or 1))
    markdown = {ext for ext, cls in generator.readers.reader_classes.items() if cls is not None and issubclass(cls, MarkdownReader)}
    # The files as Pelican's articles generator will list them (the same call, so the same
    # order), so that each post is converted about when Pelican comes to read it.
    files = generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"])
    store = bodies.store_dir(settings)
    stale = []
    for f in files:
        if os.path.splitext(f)[1][1:] not in markdown:
            continue
        path = os.path.abspath(os.path.join(generator.path, f))
        cached = generator.readers.get_cached_data(path, (None, None))
        if cached[0] is not None and store and cached[1] and bodies.BODY_KEY in cached[1] and bodies.missing(store, cached[1][bodies.BODY_KEY]):
            generator.readers._cache.pop(path, None)  # its body left the store: read it again
            cached = (None, None)
        if cached[0] is None:
            stale.append(path)
    if workers < 2 or len(stale) < MIN_POSTS:
        return
    wanted = {"MARKDOWN": settings["MARKDOWN"], "AUTHOR": settings.get("AUTHOR"), "store": store, "INTRASITE_LINK_REGEX": settings.get("INTRASITE_LINK_REGEX")}
    settings[_KEY] = _Converting(stale, wanted, workers)


class _Converting:
    """The posts being converted in a pool: :meth:`take` gives one post's result, waiting for
    it if the pool has not got there yet."""

    def __init__(self, paths: list[str], wanted: dict[str, Any], workers: int) -> None:
        self._waiting = set(paths)
        self._done: dict[str, tuple[str, dict[str, list[str]], Prepared, bool] | None] = {}
        self._pool: ProcessPoolExecutor | None = ProcessPoolExecutor(max_workers=workers)
        self._results: Iterator[Any] = zip(paths, self._pool.map(_convert, [(path, wanted) for path in paths], chunksize=CHUNK))

    def take(self, path: str) -> tuple[str, dict[str, list[str]], Prepared, bool] | None:
        """The converted post at ``path``, or None (not sent to the pool, or it failed
        there: Pelican's own reader meets the problem and reports it)."""
        if path not in self._waiting:
            return None
        self._waiting.discard(path)
        try:
            while path not in self._done:
                sent, result = next(self._results)
                self._done[sent] = result[1:] if result is not None else None
        except Exception:  # (a worker died, say out of memory: Pelican converts the rest itself)
            logger.debug("Converting posts in parallel stopped; the rest are converted one by one", exc_info=True)
            self.close()
            return None
        done = self._done.pop(path)
        if not self._waiting:
            self.close()
        return done

    def close(self) -> None:
        """Stop the pool (what it has not converted yet, Pelican converts itself)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._waiting.clear()
        self._done.clear()

    def __deepcopy__(self, memo: dict[int, Any]) -> _Converting:
        return self  # (one pool per build, whatever copies the settings)

    def __reduce__(self) -> tuple[Any, tuple[()]]:
        return _nothing, ()  # (what pickles the settings, such as a cache, keeps no pool)


def _nothing() -> None:
    return None


def stop_converting(generator: Any) -> None:
    """``article_generator_finalized``: the pool is no longer needed."""
    converting = generator.settings.pop(_KEY, None)
    if converting is not None:
        converting.close()


class _NoMarkdown:
    """Stands in for the Markdown instance Pelican's metadata parser expects when no field
    needs converting (building one costs about a millisecond per post)."""

    class preprocessors:  # noqa: N801 - the attribute Pelican reaches for
        @staticmethod
        def deregister(_name: str) -> None:
            return None


class PrerenderedMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, taking the posts converted in parallel when there are some,
    and returning every post prepared (see the module's docstring)."""

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        converting = self.settings.get(_KEY)
        done = converting.take(os.path.abspath(source_path)) if converting is not None else None
        store = bodies.store_dir(self.settings)
        if done is None:
            html, metadata = super().read(source_path)
            is_article = not _is_page(source_path, self.settings)
            author = _author(metadata, self.settings) if is_article else None
            html, prepared = prepare_html(html, author, is_article, own_summary="summary" in metadata, intrasite=self.settings.get("INTRASITE_LINK_REGEX"))
            if store:
                find_empty_alt(html, source_path)  # (Pelican looks only at the body it is handed)
                html, prepared.interview = bodies.put(store, html, prepared.interview), None
        else:
            html, meta, prepared, may_lack_alt = done
            self._source_path = source_path
            formatted = {f.lower() for f in self.settings.get("FORMATTED_FIELDS", [])}
            needs_markdown = any(k.lower() in formatted for k in meta)
            self._md = Markdown(**self.settings["MARKDOWN"]) if needs_markdown else _NoMarkdown()  # type: ignore[assignment]
            metadata = self._parse_metadata(meta)
        metadata[PREPARED_KEY] = prepared
        if store:  # Pelican (and its cache) get an empty body and where the HTML is
            if done is not None and may_lack_alt:
                find_empty_alt(bodies.get(store, html, source_path), source_path)
            metadata[bodies.BODY_KEY] = html
            return "", metadata
        return html, metadata

    def process_metadata(self, name: str, value: Any) -> Any:
        # A date written as YYYY-MM-DD [HH:MM[:SS]] without dateutil's parser (about 0.1 ms
        # a date, on the one core Pelican reads on); any other form, or an impossible date,
        # goes to Pelican's parser, which says what is wrong.
        if name in ("date", "modified") and isinstance(value, str):
            date = iso_date(value, SafeDatetime)
            if date is not None:
                return date
        return super().process_metadata(name, value)


def use_prerendered_reader(readers: Any) -> None:
    """``readers_init``: read Markdown with :class:`PrerenderedMarkdownReader`."""
    for ext, cls in list(readers.reader_classes.items()):
        if cls is MarkdownReader:
            readers.reader_classes[ext] = PrerenderedMarkdownReader


def drop_reader_caches(generators: list[Any]) -> None:
    """``all_generators_finalized``: Pelican has saved its content cache, but keeps the whole of
    it in memory for the rest of the build; let it go."""
    for generator in generators:
        for holder in (generator, getattr(generator, "readers", None)):
            if isinstance(getattr(holder, "_cache", None), dict):
                holder._cache = {}
