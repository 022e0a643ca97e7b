"""Spotlight's Pelican plugin: the namespace package ``pelican.plugins.spotlight``, which Pelican
finds with ``PLUGINS`` unset or by ``PLUGINS = ["spotlight"]``. ``register()`` only connects
signals; the work lives in pure modules (:mod:`spotlight.prepared`, :mod:`spotlight.render`,
:mod:`spotlight.feeds`, :mod:`spotlight.newsletter`, :mod:`spotlight.search`).

- ``initialized``: the settings the plugin stands for (:func:`settle_settings`: drafts kept out
  of a site that publishes, autoescaping for Spotlight's theme).
- ``get_generators`` (at the start of every run, so of every rebuild of ``pelican
  --autoreload`` too): every post is checked, and those not prepared yet are prepared on every
  core (:func:`spotlight.prepared.prepare_posts`); a problem stops the build here, before
  anything is written. Then the series, people, companies and search pages, the sitemap.
- ``readers_init``: Markdown is read through :class:`.reader.SpotlightMarkdownReader`, every
  other format sanitized; text metadata made safe for any theme.
- ``all_generators_finalized``: the feeds and the e-mail editions.
- ``finalized``: the search index (Pagefind) of what the build wrote.
- ``get_writer``: in a build run in shards (``SPOTLIGHT_SHARD``), a writer that writes only
  this run's share of the files (:mod:`.shard`).

A site uses Spotlight's theme with ``THEME = spotlight.theme_path()`` (after
``from pelican.plugins import spotlight``).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from pelican import signals

from spotlight.errors import PostProblemsError
from spotlight.feeds import ATOM_PATH, EMAIL_PATH, JSON_PATH, PODCAST_PATH, RSS_PATH
from spotlight.labels import label_text
from spotlight.links import TEMPLATE_GLOBALS
from spotlight.prepared import prepare_posts
from spotlight.search import index_site
from .pages import pages_generator
from .paths import is_spotlight_theme, theme_path
from .publish import publish_feeds_and_editions
from .reader import use_spotlight_readers
from .shard import shard_writer

logger = logging.getLogger("spotlight.build")

# Spotlight's settings a site need not give (see the README's table); the theme prints them.
SPOTLIGHT_DEFAULTS = {"SPOTLIGHT_RSS_PATH": RSS_PATH, "SPOTLIGHT_ATOM_PATH": ATOM_PATH, "SPOTLIGHT_JSON_PATH": JSON_PATH, "SPOTLIGHT_EMAIL_PATH": EMAIL_PATH, "SPOTLIGHT_PODCAST_PATH": PODCAST_PATH}

# Where Pelican writes drafts (articles and pages, and their translations).
DRAFT_SAVE_SETTINGS = ("DRAFT_SAVE_AS", "DRAFT_LANG_SAVE_AS", "DRAFT_PAGE_SAVE_AS", "DRAFT_PAGE_LANG_SAVE_AS")


def settle_settings(settings: dict[str, Any]) -> None:
    """What the plugin holds to in any site's settings:

    - a draft (an interview its guest has not approved yet) is written nowhere unless the
      settings ask for previews (``SPOTLIGHT_DRAFT_PREVIEWS = True``, as Spotlight's own
      pelicanconf.py does for local builds): its page would be public at an address anyone can
      guess from its title. Drafts never reach a feed, the search index or the sitemap.
    - Spotlight's theme prints text as text: its templates are rendered with autoescaping on.
    - Its templates (and Spotlight's own pages in any theme) link through the Jinja globals
      ``site_url`` and ``site_html`` (:mod:`spotlight.links`), added to ``JINJA_GLOBALS``.
    """
    for name, value in SPOTLIGHT_DEFAULTS.items():
        settings.setdefault(name, value)
    settings["JINJA_GLOBALS"] = {**TEMPLATE_GLOBALS, "label_text": label_text, **(settings.get("JINJA_GLOBALS") or {})}
    if not settings.get("SPOTLIGHT_DRAFT_PREVIEWS"):
        for name in DRAFT_SAVE_SETTINGS:
            settings[name] = ""
    if is_spotlight_theme(settings.get("THEME", "")) and not settings.get("JINJA_ENVIRONMENT", {}).get("autoescape"):
        settings["JINJA_ENVIRONMENT"] = {**settings.get("JINJA_ENVIRONMENT", {}), "autoescape": True}


def settle(pelican: Any) -> None:
    """``initialized``: :func:`settle_settings`."""
    settle_settings(pelican.settings)


def check_and_prepare(pelican: Any) -> None:
    """``get_generators``, first: check and prepare every post; stop the build on a problem."""
    found = prepare_posts(pelican.settings)
    for warning in found.warnings:
        logger.warning("%s", warning)
    if found.problems:
        raise PostProblemsError([str(p) for p in found.problems])


def index_for_search(pelican: Any) -> None:
    """``finalized``: the search index of the site just written (not for a one-page preview, nor
    in a run of a sharded build: the build indexes the whole site once its runs are done)."""
    settings = pelican.settings
    if not settings.get("SEARCH_INDEX", True) or settings.get("SPOTLIGHT_PREVIEW") or settings.get("SPOTLIGHT_SHARD"):
        return
    site = Path(settings["OUTPUT_PATH"])
    previous = settings.get("SPOTLIGHT_SEARCH_PREVIOUS", str(site))  # (a plain `pelican` build writes in place)
    counts = index_site(settings, site, Path(previous) if previous else None)
    if settings.get("SPOTLIGHT_SEARCH_REPORT"):  # (where `spotlight build` reads what was done)
        Path(settings["SPOTLIGHT_SEARCH_REPORT"]).write_text(json.dumps(counts), encoding="utf-8")


def report_draft_previews(generators: list[Any]) -> None:
    """``all_generators_finalized``: say where the draft previews are (when written)."""
    settings = generators[0].settings if generators else {}
    if not settings.get("SPOTLIGHT_DRAFT_PREVIEWS") or (settings.get("SPOTLIGHT_SHARD") or [0])[0]:
        return
    drafts = [d for g in generators for d in getattr(g, "drafts", []) + getattr(g, "draft_pages", []) if getattr(d, "save_as", "")]
    if drafts:
        where = Path(drafts[0].save_as).parts[0]
        logger.info("%d draft preview(s) written in the output folder under %s/ (in no feed, search or sitemap; with SPOTLIGHT_DRAFT_PREVIEWS off none is written)", len(drafts), where)


def register() -> None:
    signals.initialized.connect(settle)
    signals.readers_init.connect(use_spotlight_readers)
    signals.get_generators.connect(check_and_prepare)
    signals.get_generators.connect(pages_generator)
    signals.all_generators_finalized.connect(publish_feeds_and_editions)
    signals.all_generators_finalized.connect(report_draft_previews)
    signals.finalized.connect(index_for_search)
    signals.get_writer.connect(shard_writer)


__all__ = ["register", "settle_settings", "theme_path"]
