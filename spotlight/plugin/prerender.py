"""Render stage: convert the Markdown of many posts on every core before Pelican reads them.

Pelican reads posts one by one on one core, and python-markdown is most of a cold build.
When the articles generator starts (``article_generator_init``), the posts that Pelican's
content cache does not already hold are converted in a process pool; Pelican's Markdown
reader is replaced by one that takes those results (and converts anything else itself).
Nothing is kept in module state: the results travel in the build's own settings.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

_KEY = "_SPOTLIGHT_PRERENDERED"
MIN_POSTS = 40  # below this a pool costs more than it saves


def _convert(job: tuple[str, dict[str, Any]]) -> tuple[str, str, dict[str, list[str]]] | None:
    path, markdown_settings = job
    try:
        md = Markdown(**markdown_settings)
        with pelican_open(path) as text:
            html = md.convert(text)
        return path, html, dict(getattr(md, "Meta", {}))
    except (OSError, UnicodeError, ValueError, RecursionError):
        return None  # Pelican's own reader will meet the problem and report it


def prerender_articles(generator: Any) -> None:
    """``article_generator_init``: convert the stale posts in parallel."""
    settings = generator.settings
    workers = min(os.cpu_count() or 1, int(settings.get("SPOTLIGHT_JOBS") or os.cpu_count() or 1))
    if workers < 2:
        return
    extensions = [ext for ext, cls in generator.readers.reader_classes.items() if cls is not None and issubclass(cls, MarkdownReader)]
    files = generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"], extensions=extensions)
    stale = []
    for f in sorted(files):
        path = os.path.abspath(os.path.join(generator.path, f))
        if generator.readers.get_cached_data(path, (None, None))[0] is None:
            stale.append(path)
    if len(stale) < MIN_POSTS:
        return
    jobs = [(path, settings["MARKDOWN"]) for path in stale]
    results: dict[str, tuple[str, dict[str, list[str]]]] = {}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for result in pool.map(_convert, jobs, chunksize=max(1, len(jobs) // (workers * 4))):
            if result is not None:
                results[result[0]] = (result[1], result[2])
    settings[_KEY] = results


class PrerenderedMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, taking the HTML converted in parallel when there is some."""

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        done = self.settings.get(_KEY, {}).pop(os.path.abspath(source_path), None)
        if done is None:
            return super().read(source_path)
        html, meta = done
        self._source_path = source_path
        self._md = Markdown(**self.settings["MARKDOWN"])  # converts metadata fields such as Summary
        return html, self._parse_metadata(meta)


def use_prerendered_reader(readers: Any) -> None:
    """``readers_init``: read Markdown with :class:`PrerenderedMarkdownReader`."""
    for ext, cls in list(readers.reader_classes.items()):
        if cls is MarkdownReader:
            readers.reader_classes[ext] = PrerenderedMarkdownReader
