"""Render stage: the extra pages the plugin adds to a Pelican build (series pages)."""

from __future__ import annotations

from typing import Any

from pelican.generators import Generator

from ..series import group_series


class SeriesGenerator(Generator):
    """Writes ``series/`` (every series) and ``series/<slug>/`` (one series, in order)."""

    def generate_context(self) -> None:
        # Articles are read by Pelican's ArticlesGenerator, which runs first.
        self.series = group_series(self.context.get("articles", []))
        self._update_context(("series",))
        for s in self.series:
            for position, article in enumerate(s.articles, start=1):
                article.series_info = {"series": s, "position": position, "total": len(s.articles)}

    def generate_output(self, writer: Any) -> None:
        index_save_as = self.settings.get("SERIES_INDEX_SAVE_AS", "series/index.html")
        save_as_pattern = self.settings.get("SERIES_SAVE_AS", "series/{slug}/index.html")
        if index_save_as:
            writer.write_file(
                index_save_as,
                self.get_template("series_index"),
                self.context,
                all_series=self.series,
                url=self.settings.get("SERIES_INDEX_URL", "series/"),
                relative_urls=self.settings["RELATIVE_URLS"],
            )
        for s in self.series:
            writer.write_file(
                save_as_pattern.format(slug=s.slug),
                self.get_template("series"),
                self.context,
                series=s,
                articles=s.articles,
                url=s.url,
                relative_urls=self.settings["RELATIVE_URLS"],
            )


def series_generator(_pelican: Any) -> type[Generator]:
    """``get_generators``: add the series pages to the build."""
    return SeriesGenerator
