"""Render stage: what the plugin does to each post and to the site's feeds.

Every post's HTML is sanitized (nh3 allowlist) before it reaches a page or a feed; an
article's body is then marked up as an interview (introduction, questions, answers) and
gets a profile (interviewee, role, company) for the theme.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import lxml.html

from ..check import check_file
from ..feeds import RSS_PATH, FeedChannel, FeedItem, absolute_url, build_rss, write_feed
from ..sanitize import sanitize_html, sanitize_text
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


def prepare_content(content: Any) -> None:
    """``content_object_init``: sanitize, mark up the interview, give the theme a profile."""
    raw = getattr(content, "_content", None)
    if raw is None:
        return
    safe = sanitize_html(raw)
    is_article = type(content).__name__ == "Article"
    interview = Interview()
    if is_article:
        safe, interview = mark_up_interview(safe, _author_name(content))
    content._content = safe
    content.interview = interview
    content.profile = profile_of(content.metadata) if is_article else None
    if "summary" in content.metadata:
        summary = sanitize_html(str(content.metadata["summary"]))
    else:
        summary = summary_from(interview, safe)
    content.metadata["summary"] = summary
    content._summary = summary


def _feed_items(articles: Iterable[Any], site_url: str) -> list[FeedItem]:
    items = []
    for article in articles:
        url = absolute_url(site_url, article.url)
        categories = tuple(str(t) for t in getattr(article, "tags", []) or [])
        category = getattr(article, "category", None)
        if category is not None:
            categories = (str(category),) + categories
        items.append(
            FeedItem(
                title=sanitize_text(str(article.title)),
                url=url,
                date=article.date,
                summary_html=article.summary,
                content_html=article.content,
                author=_author_name(article),
                categories=categories,
            )
        )
    return items


def write_site_feeds(generators: list[Any]) -> None:
    """``all_generators_finalized``: write the RSS feed of the published articles."""
    for generator in generators:
        if type(generator).__name__ != "ArticlesGenerator":
            continue
        settings = generator.settings
        site_url = settings.get("FEED_SITEURL") or settings.get("SITEURL", "")
        channel = FeedChannel(
            title=settings.get("SITENAME", "Spotlight"),
            site_url=site_url,
            description=settings.get("SITE_DESCRIPTION", ""),
            language=settings.get("DEFAULT_LANG", "en"),
            path=settings.get("SPOTLIGHT_RSS_PATH", RSS_PATH),
        )
        data = build_rss(channel, _feed_items(generator.articles, site_url), limit=settings.get("FEED_MAX_ITEMS"))
        write_feed(data, Path(generator.output_path), channel.path)


_log = logging.getLogger("spotlight.build")


def warn_about_junk(generator: Any) -> None:
    """``article_generator_finalized``: the safety net. Every post is checked for leftover
    junk (UI chrome, "?" junk, mojibake, comment threads); each finding is a warning naming
    the file and line."""
    for article in list(generator.articles) + list(getattr(generator, "drafts", [])):
        source = getattr(article, "source_path", None)
        if not source:
            continue
        for finding in check_file(Path(source)):
            _log.warning("leftover junk: %s", finding)
