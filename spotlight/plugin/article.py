"""Render stage: what the plugin does to each post and to the site's feeds.

Every post's HTML is sanitized (nh3 allowlist) before it reaches a page or a feed; an
article's body is then marked up as an interview (introduction, questions, answers) and
gets a profile (interviewee, role, company) for the theme.
"""

from __future__ import annotations

import functools
import hashlib
import html
import logging
import mimetypes
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import lxml.html

from ..feeds import (
    ATOM_PATH,
    JSON_PATH,
    RSS_PATH,
    SERIES_FEED_DIR,
    FeedChannel,
    FeedItem,
    LeadImage,
    absolute_url,
    absolutize_html,
    check_site_url,
    write_feeds,
)
from ..identity import provisional_guid
from ..newsletter import EDITION_DIR, Edition, LocalFiles, edition_paths, finish_html, html_to_text, image_size, near_clipping, size_images, write_edition
from ..people import reading_minutes
from ..series import group_series
from . import bodies
from .pages import media_path
from .incremental import Fingerprints
from .parallel import add_job, record_written
from ..sanitize import sanitize_html, sanitize_text, xml_safe
from .qa import Interview, mark_up_interview

SUMMARY_WORDS = 45


@dataclass(frozen=True)
class Profile:
    """The interviewee as the theme shows them."""

    name: str
    role: str | None
    company: str | None

    @property
    def line(self) -> str:
        """"Name, Role at Company" (parts that are missing are left out)."""
        tail = " at ".join(p for p in (self.role, self.company) if p)
        return f"{self.name}, {tail}" if tail else self.name


def profile_of(metadata: dict[str, Any]) -> Profile | None:
    name = sanitize_text(str(metadata.get("interviewee", "")))
    if not name:
        return None
    role = sanitize_text(str(metadata.get("role", ""))) or None
    company = sanitize_text(str(metadata.get("company", ""))) or None
    return Profile(name=name, role=role, company=company)


def summary_from(interview: Interview, body_html: str, words: int = SUMMARY_WORDS) -> str:
    """A plain summary: the introduction's opening words (or the body's, without labels)."""
    pieces = interview.intro if interview.intro else [body_html]
    texts = []
    for piece in pieces:
        if piece.strip():
            wrapper = lxml.html.fragment_fromstring(piece, create_parent="div")
            for img in wrapper.iter("img"):  # an image reads as its alt text
                img.tail = (img.get("alt") or "") + (img.tail or "")
            texts.extend(" ".join(el.text_content().split()) for el in wrapper if el.tag in ("p", "li", "blockquote", "h2", "h3"))
            if wrapper.text and wrapper.text.strip():
                texts.append(wrapper.text.strip())
    text = " ".join(t for t in texts if t)
    tokens = text.split()
    if not tokens:
        return ""
    cut = " ".join(tokens[:words])
    if len(tokens) > words:
        cut = re.sub(r"[\s,;:.—-]+$", "", cut) + "…"
    return f"<p>{html.escape(cut, quote=False)}</p>"


def _author_name(content: Any) -> str | None:
    author = getattr(content, "author", None)
    name = getattr(author, "name", None)
    return str(name) if name else None


class Question(NamedTuple):
    anchor: str  # "q1", "q2"…
    text: str  # what the question's first paragraph says, without the label


@dataclass(frozen=True, slots=True)
class Outline:
    """What pages show of an interview besides its HTML: its questions, for the contents list
    (kept for every post of the site, so it is small: the text itself is in the body store)."""

    questions: tuple[Question, ...] = ()


@dataclass
class Prepared:
    """What :func:`prepare_html` worked out for one post, kept in Pelican's content cache with
    the prepared HTML (under the metadata key ``PREPARED_KEY``), so that a post that has not
    changed is not sanitized, marked up or measured again."""

    author: str | None
    is_article: bool
    interview: Outline | None  # None once the outline is in the body store, with the HTML
    summary: str | None  # from the introduction; None for a post whose Summary field is used
    reading_time: int
    links: bool = True  # whether the HTML may hold a link Pelican resolves ({static}, {filename}...)


PREPARED_KEY = "_spotlight_prepared"


def prepare_html(raw: str, author: str | None, is_article: bool, *, own_summary: bool, intrasite: str | None = None) -> tuple[str, Prepared]:
    """Sanitize one post's HTML and, for an article, mark it up as an interview (questions
    are the ``author``'s turns). What is kept of the interview is its :class:`Outline`: the
    page's HTML, in the body store, is the one copy of the text. ``intrasite``: Pelican's
    ``INTRASITE_LINK_REGEX``, to note whether the HTML may hold such a link (see
    :func:`may_link`); unknown (None), it is taken to."""
    safe = sanitize_html(raw)
    interview = Interview()
    if is_article:
        safe, interview = mark_up_interview(safe, author)
    summary = None if own_summary else summary_from(interview, safe)
    outline = Outline(tuple(Question(sys.intern(q.anchor), q.text) for q in interview.questions))
    links = True if intrasite is None else may_link(safe, intrasite)
    return safe, Prepared(author=author, is_article=is_article, interview=outline, summary=summary, reading_time=reading_minutes(_words_of(safe)), links=links)


@functools.lru_cache(maxsize=4)
def _link_start(intrasite: str) -> re.Pattern[str]:
    return re.compile(f"""["'](?:{intrasite})""")


_PELICAN_INTRASITE = "[{|](?P<what>.*?)[|}]"  # Pelican's INTRASITE_LINK_REGEX, unless set
_PELICAN_LINK_STARTS = ('"{', "'{", '"|', "'|")  # what a match of it must start with, quoted


def may_link(html: str, intrasite: str) -> bool:
    """Whether ``html`` may hold a link Pelican resolves: its pattern for them (quoted
    attribute values that start with ``INTRASITE_LINK_REGEX``, ``{static}`` and the like)
    cannot match where no quote is followed by a match of ``intrasite``. Pelican looks for
    the files such links name in every post it reads, and rewrites them each time a page
    shows a post; a post that has none need neither. With Pelican's own pattern, plain
    searches say it: for one character first (about 1 µs for a post, against 80 µs for a
    regular expression), then for the two a match must start with."""
    if intrasite == _PELICAN_INTRASITE:
        return ("{" in html or "|" in html) and any(start in html for start in _PELICAN_LINK_STARTS)
    return _link_start(intrasite).search(html) is not None


# A tag of sanitized HTML, quoted attribute values and all (text never holds a bare "<").
_TAG = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")


def _words_of(safe: str) -> str:
    """The text of sanitized HTML, for counting its words: its tags dropped (as
    :func:`~spotlight.plugin.pages.plain_text` has it, without parsing the HTML again)."""
    return html.unescape(_TAG.sub("", safe))


def prepare_content(content: Any) -> None:
    """``content_object_init``: sanitize, mark up the interview, give the theme a profile.

    The reader usually did the work already (see :mod:`spotlight.plugin.prerender`); it is
    redone here only when the reader's guess about the post's author was wrong. The HTML is
    then read from the body store when a page needs it (:mod:`spotlight.plugin.bodies`)."""
    raw = content.__dict__.get("_content")
    if raw is None:
        return
    is_article = type(content).__name__ == "Article"
    author = _author_name(content) if is_article else None
    prepared = content.metadata.pop(PREPARED_KEY, None)
    if hasattr(content, PREPARED_KEY):
        delattr(content, PREPARED_KEY)
    store = bodies.store_dir(content.settings)
    digest = content.metadata.pop(bodies.BODY_KEY, None)  # the HTML is in the body store
    if hasattr(content, bodies.BODY_KEY):
        delattr(content, bodies.BODY_KEY)
    if digest is not None and not store:  # (a store these settings do not have) read it again
        prepared = None
    if not isinstance(prepared, Prepared) or prepared.is_article != is_article or (is_article and prepared.author != author):
        if isinstance(prepared, Prepared) or digest is not None:  # the HTML at hand is not the raw HTML for this author
            raw = reread_raw_html(content)
        safe, prepared = prepare_html(raw, author, is_article, own_summary="summary" in content.metadata, intrasite=content.settings.get("INTRASITE_LINK_REGEX"))
        if digest is not None and store:
            digest = bodies.put(store, safe, prepared.interview)
        else:
            digest, content._content = None, safe
    if digest is not None:  # (so there is a store, which holds the HTML and the outline)
        if bodies.attach(content, store, digest, links=getattr(prepared, "links", True)):
            content.settings.setdefault(bodies.KEEP_KEY, set()).add(digest)
        else:  # a content type the store cannot stand in for: it holds its HTML
            content._content = bodies.get(store, digest, content.source_path)
            content.interview = bodies.get_outline(store, digest, content.source_path)
    else:
        content.interview = prepared.interview
    if isinstance(getattr(content, "title", None), str):
        content.title = xml_safe(content.title)  # feeds and XML tools refuse U+FFFE and friends
    content.reading_time = prepared.reading_time
    content.profile = profile_of(content.metadata) if is_article else None
    if prepared.summary is None and "summary" in content.metadata:
        summary = sanitize_html(str(content.metadata["summary"]))
    else:
        summary = prepared.summary or ""
    content.metadata["summary"] = summary
    content._summary = summary


def reread_raw_html(content: Any) -> str:
    """The post's Markdown converted again, as Pelican's reader would."""
    from markdown import Markdown
    from pelican.utils import pelican_open

    md = Markdown(**content.settings["MARKDOWN"])
    with pelican_open(content.source_path) as text:
        return str(md.convert(text))


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
        alt=sanitize_text(str(article.metadata.get("image_alt", ""))),
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


def feed_item(article: Any, site_url: str, content_root: Path) -> FeedItem:
    categories = tuple(str(t) for t in getattr(article, "tags", []) or [])
    category = getattr(article, "category", None)
    if category is not None:
        categories = (str(category),) + categories
    return FeedItem(
        guid=guid_of(article, content_root),
        title=sanitize_text(str(article.title)),
        url=absolute_url(site_url, article.url),
        date=article.date,
        updated=getattr(article, "modified", None),
        summary_html=article.summary,
        content_html=article.content,
        author=_author_name(article),
        categories=categories,
        image=lead_image(article, site_url, content_root),
        sanitized=True,  # prepare_content sanitized the body and the summary
    )


def _channels(settings: dict[str, Any], articles: list[Any], site_url: str) -> list[tuple[FeedChannel, list[Any]]]:
    """The site's channel and one channel per series, each with its articles."""
    base = dict(
        site_url=site_url,
        description=settings.get("SITE_DESCRIPTION", ""),
        language=settings.get("DEFAULT_LANG", "en"),
        image_url=absolute_url(site_url, settings["FEED_IMAGE"]) if settings.get("FEED_IMAGE") else None,
    )
    site = FeedChannel(
        title=settings.get("SITENAME", "Spotlight"),
        feed_id=settings.get("FEED_ID", ""),
        paths={
            "rss": settings.get("SPOTLIGHT_RSS_PATH", RSS_PATH),
            "atom": settings.get("SPOTLIGHT_ATOM_PATH", ATOM_PATH),
            "json": settings.get("SPOTLIGHT_JSON_PATH", JSON_PATH),
        },
        **base,
    )
    channels = [(site, articles)]
    for series in group_series(articles):
        folder = SERIES_FEED_DIR.format(slug=series.slug)
        channel = FeedChannel(
            title=f"{settings.get('SITENAME', 'Spotlight')}: {series.name}",
            feed_id=f"{site.feed_id or absolute_url(site_url, '')}#series-{series.slug}",
            paths={"rss": folder + "rss.xml", "atom": folder + "atom.xml", "json": folder + "feed.json"},
            home_path=series.url,
            **base,
        )
        channels.append((channel, series.articles))
    return channels


def publish_feeds_and_editions(generators: list[Any]) -> None:
    """``all_generators_finalized``: write the feeds (site and series) and the e-mail
    edition of every published interview."""
    generator = next((g for g in generators if type(g).__name__ == "ArticlesGenerator"), None)
    if generator is None:
        return
    settings = generator.settings
    site_url = settings.get("FEED_SITEURL") or settings.get("SITEURL", "")
    check_site_url(site_url)
    output = Path(generator.output_path)
    content_root = Path(settings["PATH"])
    articles = list(generator.articles)
    limit = settings.get("FEED_MAX_ITEMS")
    # Feeds and editions are written with the pages, on every core; their items (each a copy
    # of a post's HTML) are made there too, and only for the posts a feed shows.
    for channel, members in _channels(settings, articles, site_url):
        shown = sorted(members, key=lambda a: (a.date, guid_of(a, content_root)), reverse=True)[:limit]  # as newest_first does
        add_job(settings, _FeedJob(channel, shown, site_url, content_root, output, limit))
    if settings.get("NEWSLETTER_EDITIONS", True):
        template = generator.get_template("newsletter")
        local_files = LocalFiles(site_url, content_root)
        for article in articles:
            add_job(settings, _EditionJob(article, template, generator.context, site_url, content_root, local_files, output))


@dataclass
class _FeedJob:
    """One channel's RSS, Atom and JSON feeds."""

    channel: FeedChannel
    members: list[Any]  # the posts it shows
    site_url: str
    content_root: Path
    output: Path
    limit: int | None

    def __call__(self) -> None:
        items = [feed_item(a, self.site_url, self.content_root) for a in self.members]
        write_feeds(self.channel, items, self.output, limit=self.limit)

    @property
    def weight(self) -> int:
        """What it costs to run, in pages (see ``parallel._tasks``): three documents that
        each hold every post it shows, about two pages' work per post."""
        return 2 * len(self.members)

    def outputs(self) -> list[str]:
        return [str(self.output / path) for path in self.channel.paths.values()]

    def retarget(self, old_root: str, new_root: str) -> None:
        self.output = Path(new_root)

    def key(self, fingerprints: Fingerprints) -> str:
        digest = hashlib.sha256(f"{fingerprints.site}\0feed\0{self.channel!r}\0{self.limit}".encode("utf-8", "surrogatepass"))
        for member in self.members:
            digest.update(fingerprints.post(member).encode())
        return digest.hexdigest()

    def __str__(self) -> str:
        return f"the feeds of {self.channel.title}"


@dataclass
class _EditionJob:
    article: Any
    template: Any
    context: dict[str, Any]
    site_url: str
    content_root: Path
    local_files: LocalFiles
    output: Path

    def __call__(self) -> None:
        item = feed_item(self.article, self.site_url, self.content_root)
        edition = render_edition(self.article, item, self.template, self.context, self.site_url, self.local_files)
        html_path, _ = write_edition(edition, self.output)
        record_written(str(html_path), edition.html)
        self._warn_if_near_clipping(edition.size)

    def outputs(self) -> list[str]:
        return [str(p) for p in edition_paths(self.output, self.article.slug)]

    def retarget(self, old_root: str, new_root: str) -> None:
        self.output = Path(new_root)

    def reused(self) -> None:
        """The previous build's edition is kept: still say when it is near Gmail's limit."""
        self._warn_if_near_clipping(edition_paths(self.output, self.article.slug)[0].stat().st_size)

    def _warn_if_near_clipping(self, size: int) -> None:
        if near_clipping(size):
            _log.warning("%s: its e-mail edition is %d KB; Gmail clips messages over about 102 KB (shorten it or split it)", self.article.source_path, size // 1024)

    def key(self, fingerprints: Fingerprints) -> str:
        return hashlib.sha256(f"{fingerprints.site}\0edition\0{fingerprints.post(self.article)}".encode()).hexdigest()

    def __str__(self) -> str:
        return f"the e-mail edition of {self.article.source_path}"


def render_edition(article: Any, item: FeedItem, template: Any, context: dict[str, Any], site_url: str, local_files: LocalFiles) -> Edition:
    """One interview's e-mail edition: the theme's template, CSS inlined, images sized."""
    content = absolutize_html(article.content, item.url)
    if item.image is not None:
        content = f'<p><img src="{html.escape(item.image.url, quote=True)}" alt="{html.escape(item.image.alt or item.title, quote=True)}"></p>\n' + content
    content = size_images(content, local_files)
    edition_url = absolute_url(site_url, f"{EDITION_DIR}/{article.slug}.html")
    values = {**context, "article": article, "edition_url": edition_url, "article_url": item.url, "feed_url": absolute_url(site_url, context.get("SPOTLIGHT_RSS_PATH", RSS_PATH))}
    # The page is rendered around a mark where the content goes: the page's own URLs are made
    # absolute without parsing the content again (its URLs are absolute already).
    page = template.render({**values, "edition_content": _CONTENT_MARK})
    if page.count(_CONTENT_MARK) == 1:
        finished = finish_html(page, item.url, content=(_CONTENT_MARK, content))
    else:  # (a theme that shows the content otherwise)
        finished = finish_html(template.render({**values, "edition_content": content}), item.url)
    text_parts = [item.title, ""]
    profile = getattr(article, "profile", None)
    if profile is not None:
        text_parts += [profile.line, ""]
    text_parts += [f"Read it on the web: {item.url}", "", html_to_text(content)]
    return Edition(slug=article.slug, html=finished, text="\n".join(text_parts))


_CONTENT_MARK = "<!--spotlight:edition-content-->"


_log = logging.getLogger("spotlight.build")
