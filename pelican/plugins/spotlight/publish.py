"""The feeds and e-mail editions of a build, written when Pelican has read every post
(``all_generators_finalized``): the site's RSS, Atom and JSON feeds, one set per series, tag,
person and company, and the e-mail edition of every published interview (in a sharded build,
this run's share: :mod:`.shard`).
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import mimetypes
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pelican.generators import ArticlesGenerator

from spotlight.feeds import (
    ATOM_PATH,
    COMPANY_FEED_DIR,
    EMAIL_PATH,
    JSON_PATH,
    PERSON_FEED_DIR,
    RSS_PATH,
    SERIES_FEED_DIR,
    TAG_FEED_DIR,
    FeedChannel,
    FeedItem,
    LeadImage,
    absolute_url,
    absolutize_html,
    email_content,
    feed_paths,
    topic_feed_id,
    write_email_feed,
    write_feeds,
)
from spotlight.identity import provisional_guid
from spotlight.labels import translate
from spotlight.newsletter import EDITION_DIR, Edition, LocalFiles, edition_body, finish_html, html_to_text, image_size, near_clipping, size_images, write_edition
from spotlight.people import group_companies, group_people
from spotlight.sanitize import sanitize_text
from spotlight.series import group_series
from .episodes import write_podcast
from .pages import SpotlightPagesGenerator, media_path, site_url_of
from .shard import writes

_log = logging.getLogger("spotlight.build")


def _author_name(content: Any) -> str | None:
    author = getattr(content, "author", None)
    name = sanitize_text(getattr(author, "name", None))
    return name or None


def lead_image(article: Any, site_url: str, content_root: Path) -> LeadImage | None:
    """The post's ``Image`` metadata as a feed's lead image (size read when the file is ours)."""
    path = media_path(article.metadata.get("image"))
    if path is None:
        return None
    local = None
    if "://" not in path:
        candidate = (content_root / path).resolve()
        if content_root.resolve() in candidate.parents and candidate.is_file():
            local = candidate
    url = absolute_url(site_url, path)
    mime = mimetypes.guess_type(urlsplit(url).path)[0] or "image/jpeg"
    size = image_size(local) if local else None
    return LeadImage(
        url=url,
        type=mime,
        length=local.stat().st_size if local else None,
        width=size[0] if size else None,
        height=size[1] if size else None,
        alt=sanitize_text(article.metadata.get("image_alt")),
    )


def guid_of(article: Any, content_root: Path) -> str:
    """The post's permanent Guid, or (for a post that has none yet) its provisional id."""
    guid = str(article.metadata.get("guid", "")).strip()
    if guid:
        return guid
    source = Path(getattr(article, "source_path", "") or article.slug)
    try:
        relative = source.resolve().relative_to(content_root.resolve()).as_posix()
    except ValueError:
        relative = source.name
    return provisional_guid(relative)


def feed_date(article: Any) -> Any:
    """The date a post's feed items carry: the day it was announced on this site (``Announced``,
    an old interview imported as new) or else its own ``Date``; its page keeps its ``Date``."""
    announced = article.metadata.get("announced")
    if not isinstance(announced, dt.datetime):
        return article.date
    if announced.tzinfo is None:  # (as Pelican zones Date: the post's Timezone, else TIMEZONE, else UTC)
        announced = announced.replace(tzinfo=getattr(article, "timezone", None) or getattr(article.date, "tzinfo", None) or dt.timezone.utc)
    return announced


def feed_item(article: Any, site_url: str, content_root: Path, guid: str | None = None) -> FeedItem:
    categories = tuple(sanitize_text(t.name) for t in getattr(article, "tags", []) or [])
    category = getattr(article, "category", None)
    if category is not None:
        categories = (sanitize_text(category.name),) + categories
    return FeedItem(
        guid=guid or guid_of(article, content_root),
        title=sanitize_text(article.title),
        url=absolute_url(site_url, article.url),
        date=feed_date(article),
        updated=_updated(article),
        summary_html=article.summary,
        content_html=article.content,
        author=_author_name(article),
        categories=categories,
        image=lead_image(article, site_url, content_root),
        sanitized=True,  # the reader sanitized the body and the summary
        language=None if getattr(article, "in_default_lang", True) else getattr(article, "lang", None),
    )


def _updated(article: Any) -> Any:
    """When the post last changed, for the feeds: its ``Modified``, never before its feed date."""
    modified = getattr(article, "modified", None)
    if modified is None:
        return None
    return max(modified, feed_date(article))


def _tags(articles: list[Any]) -> list[tuple[Any, list[Any]]]:
    """Every tag of the articles (Pelican's ``Tag``, one per slug as Pelican groups them, so its
    page is ``tag.url``) with its articles, by slug. A tag without a usable slug (Pelican
    warned of it) has no page of its own, so no feed either."""
    groups: dict[str, tuple[Any, list[Any]]] = {}
    for article in articles:
        for tag in getattr(article, "tags", None) or []:
            slug = str(tag.slug or "")
            if not slug.strip(".") or "/" in slug or "\\" in slug:
                continue
            groups.setdefault(slug, (tag, []))[1].append(article)
    return [groups[slug] for slug in sorted(groups)]


def _channels(settings: dict[str, Any], articles: list[Any], site_url: str) -> list[tuple[FeedChannel, list[Any]]]:
    """The site's channel and one channel per series, tag, person and company, each with its
    articles (the same groups as their pages: a tag's page, ``people/<slug>/``,
    ``companies/<slug>/``)."""
    base = dict(
        site_url=site_url,
        description=settings.get("SITE_DESCRIPTION", ""),
        language=settings.get("DEFAULT_LANG", "en"),
        image_url=absolute_url(site_url, settings["FEED_IMAGE"]) if settings.get("FEED_IMAGE") else None,
    )
    sitename = settings.get("SITENAME", "Spotlight")
    site = FeedChannel(
        title=sitename,
        feed_id=settings.get("FEED_ID", ""),
        paths={
            "rss": settings.get("SPOTLIGHT_RSS_PATH", RSS_PATH),
            "atom": settings.get("SPOTLIGHT_ATOM_PATH", ATOM_PATH),
            "json": settings.get("SPOTLIGHT_JSON_PATH", JSON_PATH),
        },
        **base,
    )
    root_id = site.feed_id or absolute_url(site_url, "")

    def channel(folder: str, slug: str, title: str, kind: str, home_path: str) -> FeedChannel:
        return FeedChannel(
            title=f"{sitename}: {title}",
            feed_id=topic_feed_id(root_id, kind, slug),
            paths=feed_paths(folder.format(slug=slug)),
            home_path=home_path,
            **base,
        )

    channels = [(site, articles)]
    # (names are sanitized already: group_series, group_people and group_companies sanitize them)
    for series in group_series(articles):
        channels.append((channel(SERIES_FEED_DIR, series.slug, series.name, "series", series.url), series.articles))
    for tag, members in _tags(articles):
        name = sanitize_text(tag.name) or tag.slug
        channels.append((channel(TAG_FEED_DIR, tag.slug, f"interviews tagged {name}", "tag", tag.url), members))
    for person in group_people(articles):
        channels.append((channel(PERSON_FEED_DIR, person.slug, f"interviews with {person.name}", "person", person.url), person.articles))
    for company in group_companies(articles):
        channels.append((channel(COMPANY_FEED_DIR, company.slug, f"interviews at {company.name}", "company", company.url), company.articles))
    return channels


def publish_feeds_and_editions(generators: list[Any]) -> None:
    """``all_generators_finalized``: write the feeds (site, series, tags, people, companies)
    and the e-mail edition of every published interview."""
    generator = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    if generator is None or generator.settings.get("SPOTLIGHT_PREVIEW"):  # (a preview shows one page)
        return
    settings = generator.settings
    site_url = site_url_of(settings)
    if not site_url:
        if writes(settings, settings.get("SPOTLIGHT_RSS_PATH", RSS_PATH)):  # (one run says it)
            _log.warning(
                "SITEURL is %r: the feeds and e-mail editions need the site's absolute address, so none were written; "
                "set SITEURL = \"https://…\" (in publishconf.py, or pelicanconf.py)",
                settings.get("SITEURL", ""),
            )
        return
    output = Path(generator.output_path)
    content_root = Path(settings["PATH"])
    articles = list(generator.articles)
    limit = settings.get("FEED_MAX_ITEMS")
    made: dict[int, FeedItem] = {}
    guids: dict[int, str] = {}

    def guid_for(article: Any) -> str:
        """The post's Guid, worked out once (it resolves paths, and a post is in several channels)."""
        guid = guids.get(id(article))
        if guid is None:
            guid = guids[id(article)] = guid_of(article, content_root)
        return guid

    def newest_first_key(article: Any) -> tuple[Any, str]:
        """As newest_first orders items: by date, then Guid."""
        return feed_date(article), guid_for(article)

    def item_of(article: Any) -> FeedItem:
        """The article's feed item, made once: an interview is in several channels (the site's,
        its series', its tags', its person's, its company's) and has its e-mail edition."""
        item = made.get(id(article))
        if item is None:
            item = made[id(article)] = feed_item(article, site_url, content_root, guid_for(article))
        return item

    channels = _channels(settings, articles, site_url)
    for channel, members in channels:
        if not writes(settings, channel.paths["rss"]):  # (another run writes this channel)
            continue
        shown = sorted(members, key=newest_first_key, reverse=True)[:limit]
        write_feeds(channel, [item_of(a) for a in shown], output, limit=limit)
    write_podcast(settings, articles, item_of, output, site_url)  # (feeds/podcast.xml: the interviews with an Audio)
    email_path = settings.get("SPOTLIGHT_EMAIL_PATH") or EMAIL_PATH
    writes_email = writes(settings, email_path)
    if not settings.get("NEWSLETTER_EDITIONS", True) and not writes_email:
        return
    # (from Spotlight's pages generator: Spotlight's own template where the theme has none)
    pages = next((g for g in generators if isinstance(g, SpotlightPagesGenerator)), generator)
    template = pages.get_template("newsletter")
    local_files = LocalFiles(site_url, content_root)
    editions: dict[int, Edition] = {}

    def edition_of(article: Any) -> Edition:
        """The article's e-mail edition, rendered once (for its files and the e-mail feed)."""
        edition = editions.get(id(article))
        if edition is None:
            edition = editions[id(article)] = render_edition(article, item_of(article), template, generator.context, site_url, local_files)
        return edition

    if settings.get("NEWSLETTER_EDITIONS", True):
        for article in articles:
            if not writes(settings, f"{EDITION_DIR}/{article.slug}.html"):
                continue
            edition = edition_of(article)
            write_edition(edition, output)
            if near_clipping(edition.size):
                _log.warning("%s: its e-mail edition is %d KB; Gmail clips messages over about 102 KB (shorten it or split it)", article.source_path, edition.size // 1024)
    if writes_email:
        # The newest items' editions: in a sharded build, rendered here too when another run
        # writes their files (rendering is deterministic).
        shown = sorted(articles, key=newest_first_key, reverse=True)[:limit]
        entries = []
        for article in shown:
            item = item_of(article)
            content = email_content(item, edition_body(edition_of(article).html))
            size = len(content.encode("utf-8"))
            if near_clipping(size):
                _log.warning("%s: its item in the e-mail feed (%s) is %d KB; Gmail clips messages over about 102 KB (shorten it or split it)", article.source_path, email_path, size // 1024)
            entries.append((item, content))
        sitename = settings.get("SITENAME", "Spotlight")
        site_channel = channels[0][0]
        channel = FeedChannel(
            title=f"{sitename} (e-mail edition)",
            site_url=site_url,
            description=site_channel.description,
            language=site_channel.language,
            feed_id=f"{site_channel.feed_id or absolute_url(site_url, '')}#email",
            image_url=site_channel.image_url,
            paths={"rss": email_path},
        )
        write_email_feed(channel, entries, output, limit=limit)


def render_edition(article: Any, item: FeedItem, template: Any, context: dict[str, Any], site_url: str, local_files: LocalFiles) -> Edition:
    """One interview's e-mail edition: the theme's template, CSS inlined, images sized."""
    content = absolutize_html(article.content, item.url, site_url)
    if item.image is not None:
        content = f'<p><img src="{html.escape(item.image.url, quote=True)}" alt="{html.escape(item.image.alt or item.title, quote=True)}"></p>\n' + content
    content = size_images(content, local_files)
    edition_url = absolute_url(site_url, f"{EDITION_DIR}/{article.slug}.html")
    values = {**context, "article": article, "edition_url": edition_url, "article_url": item.url, "feed_url": absolute_url(site_url, context.get("SPOTLIGHT_RSS_PATH", RSS_PATH))}
    # The page is rendered around a mark where the content goes: the page's own URLs are made
    # absolute without parsing the content again (its URLs are absolute already).
    page = template.render({**values, "edition_content": _CONTENT_MARK})
    if page.count(_CONTENT_MARK) == 1:
        finished = finish_html(page, item.url, content=(_CONTENT_MARK, content), site_url=site_url)
    else:  # (a theme that shows the content otherwise)
        finished = finish_html(template.render({**values, "edition_content": content}), item.url, site_url=site_url)
    text_parts = [item.title, ""]
    profile = getattr(article, "profile", None)
    if profile is not None:
        text_parts += [profile.line, ""]
    place = getattr(article, "first_published", None)
    if place is not None:
        text_parts += [f"{translate('First published on', context.get('DEFAULT_LANG'), context.get('SPOTLIGHT_LABELS'))} {place.name}, {article.locale_date}", ""]
    text_parts += [f"{translate('Read it on the web', context.get('DEFAULT_LANG'), context.get('SPOTLIGHT_LABELS'))}: {item.url}", "", html_to_text(content)]
    return Edition(slug=article.slug, html=finished, text="\n".join(text_parts))


_CONTENT_MARK = "<!--spotlight:edition-content-->"
