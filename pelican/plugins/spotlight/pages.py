"""Render stage: the pages the plugin adds to a Pelican build, and what the theme needs to
know about each interview (its person, reading time, structured data, sharing tags).

Pages: ``series/``, ``series/<slug>/``, ``people/``, ``people/<slug>/``, ``companies/``,
``companies/<slug>/``, ``transcripts/<slug>/`` (an episode's: :mod:`.episodes`), ``search/``,
``sitemap.xml`` and ``robots.txt``.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import lxml.html
from jinja2 import ChoiceLoader, FileSystemLoader
from pelican.generators import Generator
from pelican.utils import get_relative_path, path_to_url

from spotlight.feeds import absolute_url
from spotlight.jsonld import blog_posting, profile_page, to_script
from spotlight.media import remote_url, site_path
from spotlight.sanitize import sanitize_text, xml_safe
from spotlight.people import Company, Person, group_companies, group_people
from spotlight.podcast import TRANSCRIPT_SAVE_AS, podcast_show, transcript_of
from spotlight.series import group_series, places
from spotlight.signup import signup_form
from spotlight.sources import name_of_address
from .episodes import describe_episode, podcast_path
from .paths import theme_path
from .shard import writes


@dataclass(frozen=True)
class Sharing:
    """Open Graph and Twitter card values for one page (absolute URLs)."""

    title: str
    description: str
    url: str
    image: str | None
    kind: str = "article"


@dataclass(frozen=True)
class FirstPublished:
    """Where an interview from elsewhere was first published, for "First published on
    LinkedIn, 14 June 2021": the place's name and, when it is an http(s) address, its URL."""

    name: str
    url: str | None


def first_published(article: Any) -> FirstPublished | None:
    """The post's ``Source_name`` (or the name of its ``Source``'s address) and its ``Source``
    URL; None for a post first published here."""
    url = getattr(article, "source_url", None)
    name = sanitize_text(article.metadata.get("source_name")) or name_of_address(url)
    return FirstPublished(name=name, url=url) if name else None


def site_url_of(settings: dict[str, Any]) -> str:
    """The site's absolute address, or "" when the settings give none (``SITEURL = ""``, as
    Pelican's quickstart writes for development): what needs one (feeds, e-mail editions, the
    sitemap, sharing tags, structured data) is then left out."""
    url = settings.get("FEED_SITEURL") or settings.get("SITEURL", "") or ""
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.netloc else ""


def media_path(value: str | None) -> str | None:
    """A ``Photo``/``Image`` value ("images/x.jpg", "{static}/images/x.jpg" or a URL) as the
    site links it: a full http(s) URL (a protocol-relative one as https) or a path from the
    site's root (:func:`spotlight.media.site_path`, as an ``Audio`` is read); any other scheme
    (``javascript:``, ``data:``) is dropped."""
    return remote_url(value) or site_path(value)


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
    article.first_published = first_published(article)
    canonical = article.source_url if settings.get("CANONICAL_TO_SOURCE") else None
    article.canonical_url = canonical or (absolute_url(site_url, article.url) if site_url else None)
    article.sharing = _article_sharing(article, settings) if site_url else None
    article.jsonld = _article_jsonld(article, settings) if site_url else None


def _article_image(article: Any, site_url: str) -> str | None:
    return media_url(article.metadata.get("image"), site_url) or media_url(article.metadata.get("photo"), site_url)


def _article_sharing(article: Any, settings: dict[str, Any]) -> Sharing:
    site_url = site_url_of(settings)
    image = _article_image(article, site_url) or media_url(settings.get("FEED_IMAGE"), site_url)
    return Sharing(title=sanitize_text(article.title), description=plain_text(article.summary)[:300], url=absolute_url(site_url, article.url), image=image)


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
        author=sanitize_text(article.author.name) if getattr(article, "author", None) else None,
        interviewee=profile.name if profile else None,
        job_title=profile.role if profile else None,
        company=profile.company if profile else None,
        person_url=absolute_url(site_url, person.url) if person else None,
        image=_article_image(article, site_url),
        description=sharing.description,
        same_as=[link.url for link in person.links] if person else None,
        keywords=[sanitize_text(t.name) for t in getattr(article, "tags", []) or []] or None,
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
    role = person.role
    return Sharing(
        title=person.name,
        description=f"Interviews with {person.name}" + (f", {role}" if role else ""),
        url=absolute_url(site_url, person.url),
        image=media_url(person.photo, site_url) or media_url(settings.get("FEED_IMAGE"), site_url),
        kind="profile",
    )


class SpotlightPagesGenerator(Generator):
    """Series, people, companies, search, sitemap and robots.txt.

    Its templates are the site's theme's, and where the theme has none (Pelican's own themes,
    a user's), Spotlight's own, which extend the theme's ``base.html``; they are rendered with
    autoescaping on, whatever the site's Jinja settings (values reach them as text).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fallback = FileSystemLoader(str(Path(theme_path()) / "templates"))
        self.env = self.env.overlay(autoescape=True, loader=ChoiceLoader([self.env.loader, fallback]))

    def generate_context(self) -> None:
        # Pelican's ArticlesGenerator runs first: the articles are in the context.
        articles = self.context.get("articles", [])
        self.series = group_series(articles)
        self.people = group_people(articles)
        self.companies = group_companies(articles)
        self.context["all_series"] = self.series
        self.context["people"] = self.people
        self.context["companies"] = self.companies
        # (feeds need the site's absolute address: without one none are written, none linked)
        self.context["spotlight_feeds"] = bool(site_url_of(self.settings))
        self.context["newsletter_signup"] = signup_form(self.settings)  # (NEWSLETTER_SIGNUP; None without it)
        for s in self.series:
            for article, place in places(s):
                article.series_info = place
        by_name = {p.name.casefold(): p for p in self.people}
        by_company = {c.name.casefold(): c for c in self.companies}
        for article in articles + self.context.get("drafts", []):
            name = sanitize_text(article.metadata.get("interviewee")).casefold()
            company = sanitize_text(article.metadata.get("company")).casefold()
            article.company_page = by_company.get(company)
            describe_article(article, by_name.get(name), self.settings)
            describe_episode(article, by_name.get(name), self.settings, published=getattr(article, "status", "published") != "draft")
        podcast_show(self.settings)  # (PODCAST: a setting the build cannot use stops it here, named)
        has_audio = any(getattr(a, "episode", None) for a in articles)
        self.context["spotlight_podcast"] = podcast_path(self.settings) if has_audio and self.context["spotlight_feeds"] else None
        for person in self.people:
            person.photo_path = media_path(person.photo)
            person.jsonld = _person_jsonld(person, self.settings) if site_url_of(self.settings) else None
            person.sharing = _person_sharing(person, self.settings) if site_url_of(self.settings) else None

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
        for article in self.context.get("articles", []):  # (an episode's transcript: spotlight/podcast.py)
            episode = getattr(article, "episode", None)
            if episode is not None and episode.transcript_path:
                save_as = TRANSCRIPT_SAVE_AS.format(slug=article.slug)
                # (its links to {static} and {filename} as the transcript's page reaches them,
                # which is what Pelican's writer gives article.content while it renders a page)
                siteurl = path_to_url(get_relative_path(save_as)) if s["RELATIVE_URLS"] else s.get("SITEURL", "")
                transcript = transcript_of(article.get_content(siteurl))
                self.write_page(writer, save_as, "transcript", episode.transcript_path, article=article, transcript=transcript)
        self.write_page(writer, "search/index.html", "search", "search/", page_name="search")
        self.write_sitemap_and_robots()

    def write_sitemap_and_robots(self) -> None:
        if not writes(self.settings, "sitemap.xml"):  # (another run of a sharded build writes them)
            return
        site_url = site_url_of(self.settings)
        output = Path(self.output_path)
        output.mkdir(parents=True, exist_ok=True)  # (a site with no posts has no output folder yet)
        if not site_url:  # (a sitemap lists absolute URLs)
            (output / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
            return
        entries: list[tuple[str, dt.datetime | None]] = [("", None)]
        for article in self.context.get("articles", []):
            entries.append((article.url, getattr(article, "modified", None) or article.date))
        for page in self.context.get("pages", []):
            entries.append((page.url, getattr(page, "modified", None)))
        for fixed in ("series/", "people/", "companies/", "archive/", "tag/", "search/"):
            entries.append((fixed, None))
        entries += [(x.url, None) for x in self.series + self.people + self.companies]
        entries += [(tag.url, None) for tag, _ in self.context.get("tags", [])]
        entries += [(a.episode.transcript_path, None) for a in self.context.get("articles", []) if getattr(a, "episode", None) and a.episode.transcript_path]
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
        (output / "sitemap.xml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (output / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {absolute_url(site_url, 'sitemap.xml')}\n", encoding="utf-8")


def pages_generator(_pelican: Any) -> type[Generator]:
    """``get_generators``: add Spotlight's pages to the build."""
    return SpotlightPagesGenerator


__all__ = ["Company", "Person", "SpotlightPagesGenerator", "pages_generator"]
