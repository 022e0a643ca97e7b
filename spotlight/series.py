"""Series: interviews grouped by their ``Series`` metadata and ordered by ``Series_index``.

Pure functions over article-like objects (anything with ``metadata``, ``date`` and ``url``),
used by the plugin's series pages and by the article template's "#2 in Employee Spotlight"
line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Iterable

from .post import slugify
from .sanitize import sanitize_text


@dataclass
class Group:
    """Interviews gathered under one name: a series, a person, a company. Each kind has its
    own folder of pages (``FOLDER/<slug>/``)."""

    name: str
    slug: str
    articles: list[Any] = field(default_factory=list)
    FOLDER: ClassVar[str] = ""

    @property
    def url(self) -> str:
        return f"{self.FOLDER}/{self.slug}/"


@dataclass
class Series(Group):
    FOLDER: ClassVar[str] = "series"


@dataclass(frozen=True)
class Place:
    """Where an article stands in its series.

    ``number`` is the article's own ``Series_index`` (its episode number, "#2"), or None
    when it has none; ``position`` (from 1) and ``total`` count only the site's articles of
    the series, which may be a part of it, so they order the previous/next links and are
    not shown as the episode's number.
    """

    series: Series
    position: int
    total: int
    number: int | None


def series_index(article: Any) -> int | None:
    """The article's ``Series_index`` as a number, or None when it has none."""
    value = str(article.metadata.get("series_index", "")).strip()
    return int(value) if value.isdigit() else None


def places(series: Series) -> list[tuple[Any, Place]]:
    """Each article of ``series`` (in order) with its place in it."""
    total = len(series.articles)
    return [(a, Place(series, position, total, series_index(a))) for position, a in enumerate(series.articles, start=1)]


def group_series(articles: Iterable[Any]) -> list[Series]:
    """Every series with its articles in order (by index, then date), series by name."""
    groups: dict[str, Series] = {}
    for article in articles:
        name = sanitize_text(article.metadata.get("series"))
        if not name:
            continue
        key = name.casefold()
        if key not in groups:
            groups[key] = Series(name=name, slug=slugify(name))
        groups[key].articles.append(article)
    for s in groups.values():
        s.articles.sort(key=lambda a: (series_index(a) if series_index(a) is not None else 10**9, a.date))
    return sorted(groups.values(), key=lambda s: s.name.casefold())
