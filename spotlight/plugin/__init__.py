"""Spotlight's Pelican plugin. ``register()`` only connects signals; the work lives in pure
modules (:mod:`spotlight.plugin.article`, :mod:`spotlight.feeds`)."""

from __future__ import annotations

from pelican import signals

from .bodies import prune_unused
from .article import prepare_content, publish_feeds_and_editions
from .pages import pages_generator
from .parallel import deferred_writer, remember_urls, run_jobs
from .prerender import drop_reader_caches, prerender_articles, stop_converting, use_prerendered_reader


def register() -> None:
    signals.readers_init.connect(use_prerendered_reader)
    signals.article_generator_init.connect(prerender_articles)
    signals.article_generator_finalized.connect(stop_converting)
    signals.content_object_init.connect(prepare_content)
    signals.all_generators_finalized.connect(remember_urls)  # (first: the others ask for URLs)
    signals.all_generators_finalized.connect(publish_feeds_and_editions)
    signals.all_generators_finalized.connect(drop_reader_caches)
    signals.get_generators.connect(pages_generator)
    signals.get_writer.connect(deferred_writer)
    signals.finalized.connect(run_jobs)
    signals.finalized.connect(prune_unused)
