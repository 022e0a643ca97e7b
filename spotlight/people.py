"""People and companies: every interviewee with all their interviews, every company with its
people. Pure functions over article-like objects (``metadata``, ``date``, ``url``), used by
the plugin's people and company pages and by the theme's profile cards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar, Iterable
from urllib.parse import quote, urlsplit

from .post import slugify
from .sanitize import sanitize_text
from .series import Group

# Profile links: metadata field -> (label, how a bare handle becomes a URL).
PROFILE_LINKS: tuple[tuple[str, str, str], ...] = (
    ("website", "Website", "{}"),
    ("linkedin", "LinkedIn", "https://www.linkedin.com/in/{}/"),
    ("x", "X", "https://x.com/{}"),
    ("twitter", "X", "https://x.com/{}"),
    ("github", "GitHub", "https://github.com/{}"),
)


@dataclass(frozen=True)
class Link:
    label: str
    url: str


def profile_links(metadata: dict[str, Any]) -> list[Link]:
    """The interviewee's links from metadata (``Website``, ``LinkedIn``, ``X``/``Twitter``,
    ``GitHub``): URLs or bare handles; anything that is not http(s) is dropped.

    >>> [l.url for l in profile_links({"x": "@ada", "github": "ada-l", "website": "javascript:x"})]
    ['https://x.com/ada', 'https://github.com/ada-l']
    """
    links: list[Link] = []
    seen: set[str] = set()
    for key, label, template in PROFILE_LINKS:
        value = sanitize_text(metadata.get(key))
        if not value or label in seen:
            continue
        if "://" in value:
            url = value
        elif key == "website":
            if not re.match(r"^[\w-]+(\.[\w-]+)*\.[a-z]{2,}(/\S*)?$", value, re.I):
                continue
            url = "https://" + value
        else:
            handle = value.lstrip("@").strip("/").removeprefix("in/")
            url = template.format(quote(handle, safe="-_."))
        if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc:
            links.append(Link(label, url))
            seen.add(label)
    return links


def initials(name: str) -> str:
    """Up to two initials for a photo placeholder.

    >>> initials("Ada King Lovelace"), initials("佐藤美咲")
    ('AL', '佐')
    """
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][0].upper()
    return (words[0][0] + words[-1][0]).upper()


@dataclass
class Person(Group):
    """An interviewee and every interview with them (newest first)."""

    FOLDER: ClassVar[str] = "people"

    @property
    def latest(self) -> Any:
        return self.articles[0]

    @property
    def role(self) -> str | None:
        return sanitize_text(self.latest.metadata.get("role")) or None

    @property
    def company(self) -> str | None:
        return sanitize_text(self.latest.metadata.get("company")) or None

    @property
    def photo(self) -> str | None:
        return next((a.metadata["photo"] for a in self.articles if a.metadata.get("photo")), None)

    @property
    def links(self) -> list[Link]:
        return profile_links(self.latest.metadata)

    @property
    def initials(self) -> str:
        return initials(self.name)


@dataclass
class Company(Group):
    """A company and the interviews with its people (newest first)."""

    FOLDER: ClassVar[str] = "companies"

    @property
    def people(self) -> list[str]:
        names: list[str] = []
        for article in self.articles:
            name = sanitize_text(article.metadata.get("interviewee"))
            if name and name not in names:
                names.append(name)
        return names


def _newest_first(articles: list[Any]) -> list[Any]:
    return sorted(articles, key=lambda a: a.date, reverse=True)


def _unique_slug(name: str, taken: set[str]) -> str:
    base = slugify(name)
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def _group_by(articles: Iterable[Any], field: str) -> list[tuple[str, str, list[Any]]]:
    """(name, unique slug, articles newest first) for each value of a metadata field, compared
    case-insensitively and sorted by name."""
    groups: dict[str, list[Any]] = {}
    names: dict[str, str] = {}
    for article in articles:
        name = sanitize_text(article.metadata.get(field))
        if name:
            groups.setdefault(name.casefold(), []).append(article)
            names.setdefault(name.casefold(), name)
    taken: set[str] = set()
    grouped = [(names[k], _unique_slug(names[k], taken), _newest_first(v)) for k, v in sorted(groups.items())]
    return sorted(grouped, key=lambda g: g[0].casefold())


def group_people(articles: Iterable[Any]) -> list[Person]:
    """Every interviewee (by name, case-insensitively), sorted by name."""
    return [Person(name=name, slug=slug, articles=items) for name, slug, items in _group_by(articles, "interviewee")]


def group_companies(articles: Iterable[Any]) -> list[Company]:
    """Every company named in an interview's ``Company``, sorted by name."""
    return [Company(name=name, slug=slug, articles=items) for name, slug, items in _group_by(articles, "company")]


def reading_minutes(text: str, words_per_minute: int = 230) -> int:
    """Minutes to read ``text`` (at least one).

    >>> reading_minutes("word " * 700)
    3
    """
    return max(1, round(len(text.split()) / words_per_minute))
