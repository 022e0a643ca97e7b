"""A post's audio, as its metadata gives it: ``Audio`` (an http(s) URL, or a path of the site
such as ``audio/episode-1.mp3``), ``Audio_length`` (bytes), ``Audio_type`` (MIME), ``Duration``
(``H:MM:SS``, ``HH:MM:SS``, ``MM:SS`` or ``M:SS``) and ``Explicit`` (yes/no, true/false).

Pure helpers shared by the build's checks (:mod:`spotlight.validate`), the sanitizer (which
keeps an ``<audio>`` in a post only for the post's own audio: :func:`media_key`), the pages
and the podcast feed (:mod:`spotlight.podcast`). Nothing here imports the rest of Spotlight.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from urllib.parse import quote, unquote, urlsplit

# MIME types by extension, for an Audio without Audio_type ("audio/mp4" for .mp4: taken as
# audio; a video says so with Audio_type: video/mp4). Opus is carried in Ogg (RFC 7845).
AUDIO_TYPES = MappingProxyType(
    {
        ".mp3": "audio/mpeg",
        ".m4a": "audio/mp4",
        ".m4b": "audio/mp4",
        ".mp4": "audio/mp4",
        ".aac": "audio/aac",
        ".ogg": "audio/ogg",
        ".oga": "audio/ogg",
        ".opus": "audio/ogg",
        ".wav": "audio/wav",
        ".flac": "audio/flac",
        ".webm": "audio/webm",
    }
)

# What Pelican writes before a path of the site; the Audio field may carry it too.
_SITE_PREFIXES = ("{static}", "{attach}", "{filename}")
# A MIME type an enclosure and a <source type> can carry: audio/… or video/…, no parameters.
MEDIA_TYPE = re.compile(r"(?:audio|video)/[a-z0-9][a-z0-9.+-]{0,60}\Z")
_DURATION = re.compile(r"(?:(\d{1,3}):)?(\d{1,3}):([0-5]\d)\Z")
# Characters a path of the site cannot hold (they would end an attribute, or escape the site).
_NOT_IN_PATH = re.compile("[\"'<>`\\\\\x00-\x1f]")
# What quote() leaves alone in an address (spotlight.sanitize.safe_url too).
URL_SAFE = "/:?#[]@!$&()*+,;=%{}~.-_"
EXPLICIT_VALUES = MappingProxyType({"yes": True, "true": True, "no": False, "false": False, "clean": False})


def remote_url(value: str | None) -> str | None:
    """``value`` when it is an http(s) URL with a host (``//host/x`` taken as https), else None.

    >>> remote_url("https://cdn.example.org/ep1.mp3"), remote_url("audio/ep1.mp3"), remote_url("javascript:x")
    ('https://cdn.example.org/ep1.mp3', None, None)
    """
    value = str(value or "").strip()
    if value.startswith("//"):
        value = "https:" + value
    parts = urlsplit(value)
    return value if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def site_path(value: str | None) -> str | None:
    """``value`` as a path of the site ("audio/ep1.mp3"), or None when it is none: a URL, another
    scheme, a path that climbs out of the site or holds a character no attribute can carry.

    >>> site_path("{static}/audio/ep1.mp3"), site_path("/audio/ep1.mp3"), site_path("../x.mp3"), site_path("javascript:x")
    ('audio/ep1.mp3', 'audio/ep1.mp3', None, None)
    """
    value = str(value or "").strip()
    for prefix in _SITE_PREFIXES:
        value = value.removeprefix(prefix)
    if value.startswith("//") or _NOT_IN_PATH.search(value):
        return None
    path = value.lstrip("/")
    if not path or urlsplit(path).scheme or ":" in path.split("/")[0]:
        return None
    if any(part in ("..", ".") for part in path.split("/")) or path.endswith("/"):
        return None
    return path


def media_key(value: str | None) -> str | None:
    """What two addresses of one audio file have in common, for "the post's own audio": the
    URL or the path of the site, percent-encoded alike (None: neither).

    >>> media_key("{static}/audio/a b.mp3") == media_key("/audio/a%20b.mp3"), media_key("javascript:x")
    (True, None)
    """
    url = remote_url(value)
    if url is not None:
        return quote(url, safe=URL_SAFE)
    path = site_path(value)
    return "/" + quote(path, safe=URL_SAFE) if path is not None else None


def guess_type(value: str) -> str | None:
    """The MIME type of an audio file by its extension (:data:`AUDIO_TYPES`), or None.

    >>> guess_type("audio/ep1.MP3"), guess_type("https://x.org/ep.opus?dl=1"), guess_type("ep1.txt")
    ('audio/mpeg', 'audio/ogg', None)
    """
    return AUDIO_TYPES.get(PurePosixPath(urlsplit(value).path).suffix.lower())


def duration_seconds(value: str) -> int | None:
    """``Duration`` ("1:02:03", "01:02:03", "62:03", "5:07") in seconds, or None when it is not
    one (seconds and, with hours, minutes below 60).

    >>> duration_seconds("1:02:03"), duration_seconds("62:03"), duration_seconds("5:60"), duration_seconds("1:75:00")
    (3723, 3723, None, None)
    """
    match = _DURATION.match(value.strip())
    if not match:
        return None
    hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
    if match.group(1) is not None and minutes >= 60:  # (without hours, "75:00" is 75 minutes)
        return None
    return hours * 3600 + minutes * 60 + seconds


def format_duration(seconds: int) -> str:
    """Seconds as ``HH:MM:SS``, the form every podcast app reads.

    >>> format_duration(3723), format_duration(307)
    ('01:02:03', '00:05:07')
    """
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def explicit_value(value: str) -> bool | None:
    """``Explicit`` as True or False ("yes"/"true", "no"/"false"/"clean"), or None.

    >>> explicit_value("Yes"), explicit_value("clean"), explicit_value("maybe")
    (True, False, None)
    """
    return EXPLICIT_VALUES.get(value.strip().lower())


def local_file(content_root: Path, path: str) -> Path | None:
    """The file of a path of the site under the content folder (as written, or with its
    percent-escapes decoded: ``ep%201.mp3`` is ``ep 1.mp3``), or None when there is none (a
    path no file system can hold, "ep%00.mp3", included).

    >>> local_file(Path("."), "ep%00.mp3") is None
    True
    """
    root = content_root.resolve()
    for candidate in dict.fromkeys((unquote(path), path)):
        try:
            target = (root / candidate).resolve()
            if root in target.parents and target.is_file():
                return target
        except (ValueError, OSError):  # (a NUL byte, a name too long)
            continue
    return None


def under_static_paths(path: str, static_paths: list[str] | tuple[str, ...]) -> bool:
    """Whether Pelican copies ``path`` (a path of the site) as a static file: it is one of
    ``STATIC_PATHS`` or inside one of their folders.

    >>> under_static_paths("audio/ep1.mp3", ["images", "audio"]), under_static_paths("audio/ep1.mp3", ["images"])
    (True, False)
    """
    for entry in static_paths:
        folder = str(entry).strip().strip("/")
        if folder in ("", ".") or path == folder or path.startswith(folder + "/"):
            return True
    return False
