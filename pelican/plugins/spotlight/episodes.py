"""Episodes: the interviews whose post has an ``Audio`` (see :mod:`spotlight.podcast`).

The pages generator gives each of them ``article.episode`` (:func:`describe_episode`: the
player on its page, the guest's page, the transcript's address) and writes its transcript page
(``transcripts/<slug>/``, whatever ``ARTICLE_SAVE_AS`` is); the feeds step writes
``feeds/podcast.xml`` (:func:`write_podcast`) with the same items the other feeds carry.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from spotlight.feeds import PODCAST_PATH, FeedChannel, FeedItem, absolute_url
from spotlight.media import remote_url, site_path
from spotlight.podcast import TRANSCRIPT_URL, episode_of, podcast_show, write_podcast_feed
from spotlight.sanitize import sanitize_text
from .shard import writes

_log = logging.getLogger("spotlight.build")


def describe_episode(article: Any, person: Any, settings: dict[str, Any], *, published: bool) -> None:
    """``article.episode``: the :class:`~spotlight.podcast.Episode` of a post with an ``Audio``
    (host: its Author; guest: its interviewee and their page; a transcript page when it is
    published), else None."""
    article.episode = None
    if not article.metadata.get("audio"):
        return
    try:
        episode = episode_of(article.metadata, Path(settings["PATH"]))
    except ValueError as exc:  # (a Markdown post is refused before this; another format's is not)
        _log.warning("%s: %s; it has no player and is in no podcast", getattr(article, "source_path", article.slug), exc)
        return
    author = getattr(article, "author", None)
    profile = getattr(article, "profile", None)
    photo = getattr(person, "photo", None) if person is not None else None
    article.episode = replace(
        episode,
        host=sanitize_text(getattr(author, "name", None)) or None,
        host_path=author.url if author is not None and settings.get("AUTHOR_SAVE_AS") else None,
        guest=profile.name if profile is not None else None,
        guest_path=person.url if person is not None else None,
        guest_photo=(remote_url(photo) or site_path(photo)) if photo else None,
        transcript_path=TRANSCRIPT_URL.format(slug=article.slug) if published else None,
    )


def podcast_path(settings: dict[str, Any]) -> str:
    return settings.get("SPOTLIGHT_PODCAST_PATH") or PODCAST_PATH


def write_podcast(settings: dict[str, Any], articles: list[Any], item_of: Callable[[Any], FeedItem], output: Path, site_url: str) -> None:
    """``feeds/podcast.xml`` (``SPOTLIGHT_PODCAST_PATH``): every published interview with an
    episode, each with its feed item from ``item_of`` (the one the other feeds carry: its Guid,
    its date), newest first; nothing when there is none (or another run of a sharded build
    writes it)."""
    path = podcast_path(settings)
    if not writes(settings, path):
        return
    episodes = [(item_of(a), a.episode) for a in articles if getattr(a, "episode", None) is not None]
    if not episodes:
        return
    show = podcast_show(settings)
    image = show.image or settings.get("FEED_IMAGE")
    channel = FeedChannel(
        title=show.title,
        site_url=site_url,
        description=sanitize_text(settings.get("SITE_DESCRIPTION")) or show.title,
        language=settings.get("DEFAULT_LANG", "en"),
        image_url=absolute_url(site_url, image) if image else None,
        paths={"rss": path},
    )
    write_podcast_feed(channel, show, episodes, output)
