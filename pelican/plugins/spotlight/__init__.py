"""Spotlight's Pelican plugin (the namespace package ``pelican.plugins.spotlight``: Pelican finds
it with ``PLUGINS`` unset, or by ``PLUGINS = ["spotlight"]``). ``register()`` only connects signals; the work lives in pure
modules (:mod:`spotlight.prepared`, :mod:`spotlight.render`, :mod:`spotlight.feeds`,
:mod:`spotlight.newsletter`).

- ``initialized``: every post is checked, and those not prepared yet are prepared on every
  core (:func:`spotlight.prepared.prepare_posts`); a problem stops the build here, before
  anything is written.
- ``readers_init``: Markdown is read through :class:`.reader.SpotlightMarkdownReader`, every
  other format sanitized.
- ``get_generators``: the series, people, companies and search pages, the sitemap.
- ``all_generators_finalized``: the feeds and the e-mail editions.
- ``get_writer``: in a build run in shards (``SPOTLIGHT_SHARD``), a writer that writes only
  this run's share of the files (:mod:`.shard`).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from pelican import signals

from spotlight.errors import PostProblemsError
from spotlight.prepared import prepare_posts
from .pages import pages_generator
from .publish import publish_feeds_and_editions
from .reader import use_spotlight_readers
from .shard import shard_writer

logger = logging.getLogger("spotlight.build")


def theme_path() -> str:
    """The folder of Spotlight's theme, for ``THEME = spotlight.theme_path()`` in a site's
    pelicanconf.py: the copy installed with the package, or the ``theme/`` folder of a source
    checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "theme", here.parents[2] / "theme"):
        if (candidate / "templates" / "article.html").is_file():
            return str(candidate)
    raise FileNotFoundError(f"Spotlight's theme is missing next to {here}; reinstall the spotlight package")


def check_and_prepare(pelican: Any) -> None:
    """``initialized``: check and prepare every post; stop the build on a problem."""
    found = prepare_posts(pelican.settings)
    for warning in found.warnings:
        logger.warning("%s", warning)
    if found.problems:
        raise PostProblemsError([str(p) for p in found.problems])


def register() -> None:
    signals.initialized.connect(check_and_prepare)
    signals.readers_init.connect(use_spotlight_readers)
    signals.get_generators.connect(pages_generator)
    signals.all_generators_finalized.connect(publish_feeds_and_editions)
    signals.get_writer.connect(shard_writer)
