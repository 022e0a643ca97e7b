"""The podcast: an interview whose post has an ``Audio`` is an episode, with a player on its page,
a transcript page and an item in ``feeds/podcast.xml``.

- :class:`Episode`: what the page and the feed say of one episode (its audio: a path of the
  site or a URL, its MIME type, its size, its duration; host, guest, transcript), made from the
  post's metadata by :func:`episode_of`.
- :class:`Show`: the podcast as a whole, from the ``PODCAST`` setting (:func:`podcast_show`;
  a setting the build cannot use stops it, named).
- :func:`build_podcast_rss`: RSS 2.0 with the same channel and items as the site's feed
  (:func:`spotlight.feeds.rss_generator`: the same GUIDs, dates, summaries and content), plus
  each item's audio ``enclosure``, ``itunes:duration``, ``podcast:person`` (the host, the
  guest with their page) and ``podcast:transcript``, and the channel's ``itunes:author``,
  ``itunes:image``, ``itunes:category``, ``itunes:explicit``, ``itunes:owner``. The iTunes
  elements come from feedgen's podcast extension, but ``itunes:explicit``, which Apple now
  spells "true"/"false" (feedgen knows only yes/no/clean), and the Podcasting 2.0 namespace
  come from :class:`PodcastIndexExtension`, registered with feedgen's ``register_extension``.
- :func:`transcript_of`: the transcript page's content, every turn with its speaker (the
  Podcasting 2.0 HTML transcript form: the speaker in ``<cite>``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from lxml import etree

from .errors import BuildError
from .feeds import FeedChannel, FeedItem, absolute_url, newest_first, rss_generator
from .media import EXPLICIT_VALUES, MEDIA_TYPE, duration_seconds, explicit_value, format_duration, guess_type, local_file, remote_url, site_path
from .qa import SpokenTurn, rendered_turns
from .sanitize import sanitize_text, xml_safe

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
# Every episode's transcript page (whatever ARTICLE_SAVE_AS is): its address and its file.
TRANSCRIPT_URL = "transcripts/{slug}/"
TRANSCRIPT_SAVE_AS = "transcripts/{slug}/index.html"

SETTING = "PODCAST"
# PODCAST's keys, each with what it says (the README's settings table says the same).
SHOW_KEYS = {
    "title": "the podcast's name (SITENAME)",
    "author": "who makes it, shown as its artist (AUTHOR, else SITENAME)",
    "image": "its cover, a .jpg or .png path of the site or URL, 1400 to 3000 px square (FEED_IMAGE when that is one)",
    "category": "an Apple Podcasts category (Business)",
    "subcategory": "one of that category's subcategories (none)",
    "explicit": "True when episodes hold explicit material (False)",
    "owner_name": "who Apple Podcasts writes to about the show (the author)",
    "owner_email": "their e-mail address (none: no itunes:owner)",
}
DEFAULT_CATEGORY = "Business"
_EMAIL = re.compile(r"[^@\s<>\"'(),;:]+@[^@\s<>\"'(),;:]+\.[A-Za-z]{2,}\Z")
_MAX_TEXT = 255  # (what the iTunes elements hold)


@dataclass(frozen=True)
class Show:
    """The podcast's channel values (text made safe; ``image`` a path of the site or a URL)."""

    title: str
    author: str
    image: str | None
    category: str
    subcategory: str | None
    explicit: bool
    owner_name: str | None = None
    owner_email: str | None = None


def podcast_show(settings: Mapping[str, Any]) -> Show:
    """The show ``PODCAST`` describes (every key optional: :data:`SHOW_KEYS`), with defaults
    from ``SITENAME``, ``AUTHOR`` and ``FEED_IMAGE``.

    >>> show = podcast_show({"SITENAME": "Spotlight", "FEED_IMAGE": "theme/images/icon.png", "PODCAST": {"category": "Technology"}})
    >>> show.title, show.author, show.image, show.category, show.explicit
    ('Spotlight', 'Spotlight', 'theme/images/icon.png', 'Technology', False)
    >>> podcast_show({"PODCAST": {"explicit": "maybe"}})
    Traceback (most recent call last):
    ...
    spotlight.errors.BuildError: PODCAST: explicit 'maybe' is neither True nor False
    """
    value = settings.get(SETTING) or {}
    if not isinstance(value, Mapping):
        raise BuildError(f"{SETTING} must be a dict such as {{\"category\": \"Technology\", \"owner_email\": \"you@example.org\"}}, not {value!r}")
    unknown = sorted(str(k) for k in value if k not in SHOW_KEYS)
    if unknown:
        raise BuildError(f"{SETTING}: {', '.join(repr(k) for k in unknown)} is no key it knows; its keys are {', '.join(SHOW_KEYS)}")
    sitename = sanitize_text(settings.get("SITENAME"))[:_MAX_TEXT] or "Spotlight"
    title = _text(value.get("title"), "title") or sitename
    author = _text(value.get("author"), "author") or sanitize_text(settings.get("AUTHOR"))[:_MAX_TEXT] or sitename
    image = value.get("image")
    if image is not None:
        image = _cover(image) if isinstance(image, str) else None
        if image is None:
            raise BuildError(
                f"{SETTING}: image {value.get('image')!r} is not a .jpg or .png path of the site or http(s) URL "
                "(ending in lower-case .jpg or .png, no query: Apple Podcasts takes only those)"
            )
    else:
        feed_image = settings.get("FEED_IMAGE")
        image = _cover(feed_image) if isinstance(feed_image, str) else None
    category = _text(value.get("category"), "category") or DEFAULT_CATEGORY
    subcategory = _text(value.get("subcategory"), "subcategory") or None
    explicit = value.get("explicit", False)
    if isinstance(explicit, str) and explicit.strip().lower() in EXPLICIT_VALUES:
        explicit = EXPLICIT_VALUES[explicit.strip().lower()]
    if not isinstance(explicit, bool):
        raise BuildError(f"{SETTING}: explicit {explicit!r} is neither True nor False")
    owner_email = _text(value.get("owner_email"), "owner_email") or None
    owner_name = _text(value.get("owner_name"), "owner_name") or None
    if owner_email is not None and not _EMAIL.match(owner_email):
        raise BuildError(f"{SETTING}: owner_email {owner_email!r} is not an e-mail address")
    if owner_name is not None and owner_email is None:
        raise BuildError(f"{SETTING}: owner_name needs owner_email too (itunes:owner is a name and the address Apple Podcasts writes to)")
    return Show(title, author, image, category, subcategory, explicit, owner_name or (author if owner_email else None), owner_email)


def _text(value: Any, key: str) -> str:
    """A PODCAST text value made safe (or "" when not given); anything but text stops the build."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise BuildError(f"{SETTING}: {key} {value!r} is not text")
    text = sanitize_text(value)
    if len(text) > _MAX_TEXT:
        raise BuildError(f"{SETTING}: {key} is {len(text)} characters long; at most {_MAX_TEXT}")
    return text


def _cover(value: str) -> str | None:
    """The show's cover as the feed links it (an http(s) URL, or a path of the site without its
    "{static}/"), when it is a .jpg or .png as feedgen and Apple read that: the address ends so.

    >>> _cover("{static}/images/cover.jpg"), _cover("https://cdn.example.org/c.png"), _cover("Cover.JPG"), _cover("c.jpg?v=2")
    ('images/cover.jpg', 'https://cdn.example.org/c.png', None, None)
    """
    address = remote_url(value) or site_path(value)
    return address if address and address.endswith((".jpg", ".png")) else None


@dataclass(frozen=True)
class Episode:
    """One episode, as its page and the podcast feed show it."""

    src: str  # a path of the site ("audio/ep1.mp3") or an http(s) URL
    type: str  # its MIME type
    length: int  # its size in bytes
    duration: str | None = None  # HH:MM:SS
    seconds: int | None = None
    explicit: bool | None = None  # None: the show's
    host: str | None = None  # the interviewer (the post's Author)
    host_path: str | None = None  # their page, when the site has author pages
    guest: str | None = None  # the interviewee
    guest_path: str | None = None  # their person page ("people/<slug>/")
    guest_photo: str | None = None  # a path of the site or a URL
    transcript_path: str | None = None  # "transcripts/<slug>/" (None: no page, as for a draft)

    @property
    def duration_label(self) -> str:
        """"1 h 5 min", "42 min", "40 s" (or "" when the post gives no Duration).

        >>> Episode("a.mp3", "audio/mpeg", 1, seconds=3900).duration_label, Episode("a.mp3", "audio/mpeg", 1, seconds=40).duration_label
        ('1 h 5 min', '40 s')
        """
        if self.seconds is None:
            return ""
        if self.seconds < 60:
            return f"{self.seconds} s"
        hours, minutes = divmod(round(self.seconds / 60), 60)
        return f"{hours} h {minutes} min" if hours else f"{minutes} min"

    @property
    def size_label(self) -> str:
        """The file's size for a download link ("12 KB", "24.6 MB").

        >>> Episode("a.mp3", "audio/mpeg", 12_300).size_label, Episode("a.mp3", "audio/mpeg", 24_600_000).size_label
        ('12 KB', '24.6 MB')
        """
        if self.length >= 1_000_000:
            return f"{self.length / 1_000_000:.1f} MB"
        return f"{max(1, round(self.length / 1000))} KB"

    @property
    def format_label(self) -> str:
        """The file's format for a download link ("MP3", "WAV").

        >>> Episode("audio/ep1.mp3", "audio/mpeg", 1).format_label, Episode("https://x.org/e?id=1", "audio/ogg", 1).format_label
        ('MP3', 'OGG')
        """
        suffix = Path(self.src.split("?")[0].split("#")[0]).suffix.lstrip(".")
        return (suffix or self.type.split("/")[-1]).upper()


def episode_of(metadata: Mapping[str, Any], content_root: Path) -> Episode:
    """The episode of a post with ``Audio`` (as the plugin's readers hand it over, made safe):
    a file of the site is measured (its size, and its type from its extension unless
    ``Audio_type`` says it), a URL needs ``Audio_length``; who speaks and the transcript are
    the caller's to add. Raises ValueError with what is wrong (the build's checks find it
    first in a Markdown post)."""
    value = str(metadata.get("audio") or "")
    url = remote_url(value)
    path = None if url else site_path(value)
    if url is None and path is None:
        raise ValueError(f"Audio {value[:80]!r} is not an http(s) address or a path of the site")
    given_type = str(metadata.get("audio_type") or "").strip().lower()
    kind = given_type or guess_type(url or path or "")
    if not kind or not MEDIA_TYPE.match(kind):
        raise ValueError(f"Audio {value[:80]!r}: its type is not known; add 'Audio_type: audio/mpeg'")
    if path is not None:
        found = local_file(content_root, path)
        if found is None:
            raise ValueError(f"Audio {value[:80]!r}: there is no such file in the content folder")
        length = found.stat().st_size
    else:
        text = str(metadata.get("audio_length") or "").strip()
        if not text.isdigit() or not int(text):
            raise ValueError(f"Audio {value[:80]!r} is a URL: add 'Audio_length: BYTES'")
        length = int(text)
    seconds = duration_seconds(str(metadata["duration"])) if metadata.get("duration") else None
    explicit = explicit_value(str(metadata["explicit"])) if metadata.get("explicit") else None
    return Episode(
        src=url or path or "",
        type=kind,
        length=length,
        duration=format_duration(seconds) if seconds is not None else None,
        seconds=seconds,
        explicit=explicit,
    )


class PodcastIndexExtension(BaseExtension):
    """feedgen extension (``register_extension``): the channel's ``itunes:explicit`` as
    "true"/"false", and the Podcasting 2.0 namespace."""

    def __init__(self) -> None:
        self.__explicit: bool | None = None

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS, "itunes": ITUNES_NS}

    def explicit(self, value: bool) -> None:
        self.__explicit = value

    def extend_rss(self, feed: Any) -> Any:
        if self.__explicit is not None:
            etree.SubElement(feed[0], f"{{{ITUNES_NS}}}explicit").text = "true" if self.__explicit else "false"
        return feed


class PodcastIndexEntryExtension(BaseEntryExtension):
    """feedgen entry extension: an item's ``itunes:explicit``, ``podcast:person`` (one per
    person) and ``podcast:transcript``."""

    def __init__(self) -> None:
        self.__explicit: bool | None = None
        self.__people: list[dict[str, str]] = []
        self.__transcript: dict[str, str] | None = None

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS, "itunes": ITUNES_NS}

    def explicit(self, value: bool | None) -> None:
        self.__explicit = value

    def person(self, name: str, role: str, href: str | None = None, img: str | None = None) -> None:
        attributes = {"role": role} | ({"href": href} if href else {}) | ({"img": img} if img else {})
        self.__people.append({"name": name, **attributes})

    def transcript(self, url: str, kind: str, language: str | None = None) -> None:
        self.__transcript = {"url": url, "type": kind} | ({"language": language} if language else {})

    def extend_rss(self, entry: Any) -> Any:
        if self.__explicit is not None:
            etree.SubElement(entry, f"{{{ITUNES_NS}}}explicit").text = "true" if self.__explicit else "false"
        for person in self.__people:
            element = etree.SubElement(entry, f"{{{PODCAST_NS}}}person", {k: v for k, v in person.items() if k != "name"})
            element.text = person["name"]
        if self.__transcript:
            etree.SubElement(entry, f"{{{PODCAST_NS}}}transcript", self.__transcript)
        return entry

    def extend_atom(self, entry: Any) -> Any:
        return entry


def build_podcast_rss(channel: FeedChannel, show: Show, episodes: list[tuple[FeedItem, Episode]]) -> bytes:
    """The podcast's RSS 2.0 document: ``episodes`` (each interview's feed item, the one its
    other feeds carry, and its :class:`Episode`) newest first, every one of them (a podcast app
    lists what the feed lists)."""
    by_guid = {item.guid: episode for item, episode in episodes}
    fg = rss_generator(channel, newest_first(item for item, _ in episodes))
    fg.load_extension("podcast", atom=False)
    fg.register_extension("podcastindex", PodcastIndexExtension, PodcastIndexEntryExtension, atom=False)
    site_url = channel.site_url
    fg.podcast.itunes_author(xml_safe(show.author))
    if show.image:
        fg.podcast.itunes_image(absolute_url(site_url, show.image))
    fg.podcast.itunes_category({"cat": show.category, "sub": show.subcategory} if show.subcategory else {"cat": show.category})
    if show.owner_email:
        fg.podcast.itunes_owner(name=xml_safe(show.owner_name or show.author), email=show.owner_email)
    fg.podcastindex.explicit(show.explicit)
    for entry in fg.entry():
        episode = by_guid[entry.guid()["guid"]]
        entry.enclosure(absolute_url(site_url, episode.src), str(episode.length), episode.type)
        if episode.duration:
            entry.podcast.itunes_duration(episode.duration)
        entry.podcastindex.explicit(episode.explicit)
        if episode.host:
            entry.podcast.itunes_author(xml_safe(episode.host))
            entry.podcastindex.person(xml_safe(episode.host), "host", absolute_url(site_url, episode.host_path) if episode.host_path else None)
        if episode.guest:
            href = absolute_url(site_url, episode.guest_path) if episode.guest_path else None
            img = absolute_url(site_url, episode.guest_photo) if episode.guest_photo else None
            entry.podcastindex.person(xml_safe(episode.guest), "guest", href, img)
        if episode.transcript_path:
            entry.podcastindex.transcript(absolute_url(site_url, episode.transcript_path), "text/html")
    return fg.rss_str(pretty=True)


def write_podcast_feed(channel: FeedChannel, show: Show, episodes: list[tuple[FeedItem, Episode]], output_dir: Path) -> Path:
    """Write :func:`build_podcast_rss` at the channel's RSS path under ``output_dir``."""
    target = output_dir / channel.paths["rss"]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(build_podcast_rss(channel, show, episodes))
    return target


@dataclass(frozen=True)
class Transcript:
    """A transcript page's content: the turns (each speaker's name and words); for a post
    without turns, its whole text as ``text`` (safe HTML). Its title is the theme's, in the
    site's language ("Transcript:" through ``label_text``)."""

    turns: tuple[SpokenTurn, ...]
    text: str = ""

    @property
    def speakers(self) -> list[str]:
        return list(dict.fromkeys(turn.speaker for turn in self.turns))


def transcript_of(content_html: str) -> Transcript:
    """The transcript of a post whose (sanitized, marked-up) HTML is ``content_html``.

    >>> from spotlight.render import render_body
    >>> t = transcript_of(render_body("Intro.\\n\\n**A B:** Why?\\n\\n**C D:** Because."))
    >>> t.speakers, [x.html for x in t.turns]
    (['A B', 'C D'], ['<p>Why?</p>', '<p>Because.</p>'])
    """
    turns = tuple(rendered_turns(content_html))
    return Transcript(turns=turns, text="" if turns else content_html)
