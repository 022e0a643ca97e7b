"""Render stage: the pages the plugin adds to a Pelican build, and what the theme needs to
know about each interview (its person, reading time, structured data, sharing tags).

Pages: ``series/``, ``series/<slug>/``, ``people/``, ``people/<slug>/``, ``companies/``,
``companies/<slug>/``, ``search/``, ``sitemap.xml`` and ``robots.txt``.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import lxml.html
from pelican.generators import Generator

from spotlight.feeds import absolute_url
from spotlight.jsonld import blog_posting, profile_page, to_script
from spotlight.sanitize import xml_safe
from spotlight.people import Company, Person, group_companies, group_people
from spotlight.series import group_series, places
from .shard import writes


@dataclass(frozen=True)
class Sharing:
    """Open Graph and Twitter card values for one page (absolute URLs)."""

    title: str
    description: str
    url: str
    image: str | None
    kind: str = "article"


def site_url_of(settings: dict[str, Any]) -> str:
    return settings.get("FEED_SITEURL") or settings.get("SITEURL", "")


def media_path(value: str | None) -> str | None:
    """A ``Photo``/``Image`` value ("images/x.jpg", "{static}/images/x.jpg" or a URL) as the
    site links it: a path from the site's root or a full http(s) URL; any other scheme
    (``javascript:``, ``data:``) is dropped."""
    if not value:
        return None
    value = str(value).strip()
    for prefix in ("{static}", "{attach}", "{filename}"):
        value = value.removeprefix(prefix)
    scheme = urlsplit(value).scheme
    if scheme in ("http", "https"):
        return value
    return None if scheme or not value.strip("/") else value.lstrip("/")


def media_url(value: str | None, site_url: str) -> str | None:
    """:func:`media_path` as an absolute URL."""
    path = media_path(value)
    return absolute_url(site_url, path) if path else None


def plain_text(fragment: str) -> str:
    """The words of an HTML fragment, one space apart."""
    fragment = xml_safe(str(fragment or ""))
    if not fragment.strip():
        return ""
    if "<" not in fragment and "&" not in fragment:  # no markup, nothing to parse
        return " ".join(fragment.split())
    return " ".join(lxml.html.fragment_fromstring(fragment, create_parent="div").text_content().split())


def describe_article(article: Any, person: Person | None, settings: dict[str, Any]) -> None:
    """Give the theme what it needs about one interview: reading time, person, photo,
    sharing tags and JSON-LD."""
    site_url = site_url_of(settings)
    article.person = person
    article.photo_path = media_path(article.metadata.get("photo"))
    source = str(article.metadata.get("source", "")).strip()
    article.source_url = source if urlsplit(source).scheme in ("http", "https") and urlsplit(source).netloc else None
    canonical = article.source_url if settings.get("CANONICAL_TO_SOURCE") else None
    article.canonical_url = canonical or absolute_url(site_url, article.url)
    article.sharing = _article_sharing(article, settings)
    article.jsonld = _article_jsonld(article, settings)


def _article_image(article: Any, site_url: str) -> str | None:
    return media_url(article.metadata.get("image"), site_url) or media_url(article.metadata.get("photo"), site_url)


def _article_sharing(article: Any, settings: dict[str, Any]) -> Sharing:
    site_url = site_url_of(settings)
    image = _article_image(article, site_url) or media_url(settings.get("FEED_IMAGE"), site_url)
    return Sharing(title=plain_text(article.title), description=plain_text(article.summary)[:300], url=absolute_url(site_url, article.url), image=image)


def _article_jsonld(article: Any, settings: dict[str, Any]) -> str:
    site_url = site_url_of(settings)
    person = article.person
    profile = getattr(article, "profile", None)
    sharing = article.sharing  # (its title, URL and description are these too)
    data = blog_posting(
        headline=sharing.title,
        url=sharing.url,
        published=article.date,
        modified=getattr(article, "modified", None),
        author=str(article.author) if getattr(article, "author", None) else None,
        interviewee=profile.name if profile else None,
        job_title=profile.role if profile else None,
        company=profile.company if profile else None,
        person_url=absolute_url(site_url, person.url) if person else None,
        image=_article_image(article, site_url),
        description=sharing.description,
        same_as=[link.url for link in person.links] if person else None,
        keywords=[str(t) for t in getattr(article, "tags", []) or []] or None,
    )
    return to_script(data)


def _person_jsonld(person: Person, settings: dict[str, Any]) -> str:
    site_url = site_url_of(settings)
    return to_script(
        profile_page(
            name=person.name,
            url=absolute_url(site_url, person.url),
            job_title=person.role,
            company=person.company,
            image=media_url(person.photo, site_url),
            same_as=[link.url for link in person.links],
            interviews=[absolute_url(site_url, a.url) for a in person.articles],
        )
    )


def _person_sharing(person: Person, settings: dict[str, Any]) -> Sharing:
    site_url = site_url_of(settings)
    role = person.latest.metadata.get("role")
    return Sharing(
        title=person.name,
        description=f"Interviews with {person.name}" + (f", {role}" if role else ""),
        url=absolute_url(site_url, person.url),
        image=media_url(person.photo, site_url) or media_url(settings.get("FEED_IMAGE"), site_url),
        kind="profile",
    )


class SpotlightPagesGenerator(Generator):
    """Series, people, companies, search, sitemap and robots.txt."""

    def generate_context(self) -> None:
        # Pelican's ArticlesGenerator runs first: the articles are in the context.
        articles = self.context.get("articles", [])
        self.series = group_series(articles)
        self.people = group_people(articles)
        self.companies = group_companies(articles)
        self.context["all_series"] = self.series
        self.context["people"] = self.people
        self.context["companies"] = self.companies
        for s in self.series:
            for article, place in places(s):
                article.series_info = place
        by_name = {p.name.casefold(): p for p in self.people}
        by_company = {c.name.casefold(): c for c in self.companies}
        for article in articles + self.context.get("drafts", []):
            name = " ".join(str(article.metadata.get("interviewee", "")).split()).casefold()
            company = " ".join(str(article.metadata.get("company", "")).split()).casefold()
            article.company_page = by_company.get(company)
            describe_article(article, by_name.get(name), self.settings)
        for person in self.people:
            person.photo_path = media_path(person.photo)
            person.jsonld = _person_jsonld(person, self.settings)
            person.sharing = _person_sharing(person, self.settings)

    def write_page(self, writer: Any, save_as: str, template: str, url: str, **extra: Any) -> None:
        writer.write_file(save_as, self.get_template(template), self.context, url=url, relative_urls=self.settings["RELATIVE_URLS"], **extra)

    def generate_output(self, writer: Any) -> None:
        s = self.settings
        if s.get("SPOTLIGHT_PREVIEW"):  # (a preview shows one post's page alone)
            return
        self.write_page(writer, s.get("SERIES_INDEX_SAVE_AS", "series/index.html"), "series_index", "series/", page_name="series")
        for series in self.series:
            self.write_page(writer, f"series/{series.slug}/index.html", "series", series.url, series=series, articles=series.articles)
        self.write_page(writer, "people/index.html", "people", "people/", page_name="people")
        for person in self.people:
            self.write_page(writer, f"people/{person.slug}/index.html", "person", person.url, person=person, articles=person.articles)
        self.write_page(writer, "companies/index.html", "companies", "companies/", page_name="companies")
        for company in self.companies:
            self.write_page(writer, f"companies/{company.slug}/index.html", "company", company.url, company=company, articles=company.articles)
        self.write_page(writer, "search/index.html", "search", "search/", page_name="search")
        self.write_sitemap_and_robots()

    def write_sitemap_and_robots(self) -> None:
        if not writes(self.settings, "sitemap.xml"):  # (another run of a sharded build writes them)
            return
        site_url = site_url_of(self.settings)
        output = self.output_path
        entries: list[tuple[str, dt.datetime | None]] = [("", None)]
        for article in self.context.get("articles", []):
            entries.append((article.url, getattr(article, "modified", None) or article.date))
        for page in self.context.get("pages", []):
            entries.append((page.url, getattr(page, "modified", None)))
        for fixed in ("series/", "people/", "companies/", "archive/", "tag/", "search/"):
            entries.append((fixed, None))
        entries += [(x.url, None) for x in self.series + self.people + self.companies]
        entries += [(tag.url, None) for tag, _ in self.context.get("tags", [])]
        lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
        seen: set[str] = set()
        for path, modified in entries:
            loc = absolute_url(site_url, path)
            if loc in seen:
                continue
            seen.add(loc)
            lastmod = f"<lastmod>{modified.isoformat()}</lastmod>" if modified else ""
            lines.append(f"  <url><loc>{html.escape(loc)}</loc>{lastmod}</url>")
        lines.append("</urlset>")
        with open(f"{output}/sitemap.xml", "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
        with open(f"{output}/robots.txt", "w", encoding="utf-8") as fh:
            fh.write(f"User-agent: *\nAllow: /\nDisallow: /drafts/\n\nSitemap: {absolute_url(site_url, 'sitemap.xml')}\n")


def pages_generator(_pelican: Any) -> type[Generator]:
    """``get_generators``: add Spotlight's pages to the build."""
    return SpotlightPagesGenerator


__all__ = ["Company", "Person", "SpotlightPagesGenerator", "pages_generator"]
