"""Broken posts, found before anything is built: each problem names the file (and line) and
says what to fix.

Pelican on its own skips a broken post with exit code 0, aborts on a control character,
writes outside ``output/`` for some ``Save_as`` values and takes minutes over pathological
Markdown. The build checks every post first (:func:`check_post`, in the pre-pass of
:mod:`spotlight.prepared`, then :func:`problems_between`) and refuses to build while any
problem is left; ``spotlight check`` reports them all at once (:func:`check_posts`), and
``spotlight import`` refuses to write a post they would refuse (:func:`check_post`): one list
of checks for the three commands.
"""

from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cleanup.decode import detect_encoding
from .media import MEDIA_TYPE, duration_seconds, explicit_value, guess_type, local_file, remote_url, site_path, under_static_paths
from .post import HEADER_LINE, POST_SUFFIXES, iso_date

MAX_POST_BYTES = 1_000_000
MAX_BRACKETS_PER_PARAGRAPH = 1_000  # python-markdown is quadratic in unclosed "[": 4,000 take 2 s
MAX_NESTING = 100  # lists or quotes nested deeper than this can exhaust Python's recursion

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PATH_FIELDS = ("slug", "save_as", "url", "lang", "category")
# Characters that would end the attribute a theme prints an address in.
_UNSAFE_IN_URL = re.compile("[\"'<>`]")
# A language as a page's <html lang> and a feed say it: "es", "pt-BR", "zh-Hant".
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")

# Binary files by their first bytes: (pattern matched at the start, what it is). A pattern
# that could begin a line of text ("%PDF-1", "GIF89a") is still unambiguous at a file's start.
BINARY_SIGNATURES: tuple[tuple[re.Pattern[bytes], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), kind)
    for pattern, kind in (
        (rb"\x7fELF", "ELF executable"),
        (rb"MZ.{0,62}?\x00", "Windows executable"),  # (text starting "MZ" has no NUL)
        (rb"\xcf\xfa\xed\xfe|\xce\xfa\xed\xfe|\xfe\xed\xfa[\xce\xcf]", "Mach-O executable"),
        (rb"\xca\xfe\xba\xbe", "Mach-O or Java class file"),
        (rb"\x00asm", "WebAssembly module"),
        (rb"\x89PNG\r\n\x1a\n", "PNG image"),
        (rb"\xff\xd8\xff", "JPEG image"),
        (rb"GIF8[79]a", "GIF image"),
        (rb"RIFF.{4}WEBP", "WebP image"),
        (rb"II\*\x00|MM\x00\*", "TIFF image"),
        (rb"\x00\x00.{2}ftyp(?:heic|heix|avif)", "HEIC or AVIF image"),
        (rb"\x00\x00.{2}ftyp", "MP4 or QuickTime video"),
        (rb"RIFF.{4}(?:WAVE|AVI )", "WAV audio or AVI video"),
        (rb"ID3[\x02-\x04]\x00|OggS\x00|fLaC\x00", "audio file"),
        (rb"%PDF-\d", "PDF document"),
        (rb"PK\x03\x04", "ZIP archive (or a .docx, .odt or .epub, which are ZIP archives)"),
        (rb"PK\x05\x06", "ZIP archive"),
        (rb"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office document (.doc, .xls, .ppt)"),
        (rb"\x1f\x8b", "gzip archive"),
        (rb"BZh[1-9]1AY&SY", "bzip2 archive"),
        (rb"\xfd7zXZ\x00", "xz archive"),
        (rb"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
        (rb"\x28\xb5\x2f\xfd", "Zstandard archive"),
        (rb"Rar!\x1a\x07", "RAR archive"),
        (rb".{257}ustar(?:\x0000|  \x00)", "tar archive"),
        (rb"SQLite format 3\x00", "SQLite database"),
        (rb"wOFF|wOF2", "web font"),
    )
)
# Text has almost no control characters: past this share of a file's start (random bytes have
# about 10%), what is no UTF-8 is binary.
_BINARY_CONTROL_SHARE = 0.03
_BINARY_SAMPLE = 8192
_BINARY_CONTROL = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")  # (ESC is left to terminal logs)


@dataclass(frozen=True)
class Problem:
    """A post that cannot be built as it is."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


def binary_kind(data: bytes) -> str | None:
    """What binary file ``data`` is (by its signature, else its NUL bytes, or many control
    bytes in what is no UTF-8), or None for text in any encoding (UTF-16 has NULs but is text).

    Control characters in UTF-8 or UTF-16 text are text's problem, not binary's: the cleanup
    removes them, and the build refuses a post that still has one.

    >>> binary_kind(b"\\x89PNG\\r\\n\\x1a\\n..."), binary_kind("Título".encode("utf-16"))
    ('PNG image', None)
    """
    for signature, kind in BINARY_SIGNATURES:
        if signature.match(data):
            return kind
    head = data[:_BINARY_SAMPLE]
    encoding = detect_encoding(head)
    if encoding.startswith(("utf-16", "utf-32")):
        # (the sample may end inside a character: decoding replaces it rather than failing)
        return "it contains NUL characters" if "\x00" in head.decode(encoding, errors="replace") else None
    if b"\x00" in head:
        return "it contains NUL bytes"
    if encoding == "utf-8" or _cut_utf8(head):
        return None
    controls = len(_BINARY_CONTROL.findall(head.decode("latin-1")))
    if controls > 8 and controls > _BINARY_CONTROL_SHARE * len(head):
        return f"{controls} control bytes in its first {len(head):,} bytes, and it is not UTF-8"
    return None


def _cut_utf8(head: bytes) -> bool:
    """Whether ``head`` is UTF-8 that only ends inside a character (a sample of a longer file)."""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.reason == "unexpected end of data"
    return True


def _decode(path: Path | str, data: bytes) -> tuple[str | None, Problem | None]:
    if not data.strip():
        return None, Problem(str(path), "is empty; write a post (a 'Title:' line, a blank line, the text) or delete the file")
    kind = binary_kind(data)
    if kind:
        return None, Problem(str(path), f"is a binary file ({kind}), not a text post; remove it from the content folder")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, Problem(
            str(path),
            f"is not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8, or import it with `spotlight import` which detects the encoding",
            line,
        )


def _split(text: str) -> tuple[dict[str, tuple[str, int]], str, int]:
    lines = text.split("\n")
    metadata: dict[str, tuple[str, int]] = {}
    i = 0
    last = None
    while i < len(lines) and lines[i].strip():
        m = HEADER_LINE.match(lines[i].rstrip("\r"))
        if m:
            last = m.group("key").lower()
            metadata[last] = (m.group("value").strip(), i + 1)
        elif last and lines[i].startswith((" ", "\t")):
            value, line = metadata[last]
            metadata[last] = (value + " " + lines[i].strip(), line)
        else:
            break
        i += 1
    return metadata, "\n".join(lines[i:]), i + 1


def _nesting(body: str) -> tuple[int, int]:
    """The deepest list or quote nesting in ``body`` and the line where it is."""
    deepest, where = 0, 0
    for n, line in enumerate(body.split("\n"), start=1):
        quote = len(re.match(r"^(?:\s*>)*", line).group(0).replace(" ", ""))
        indent = len(line) - len(line.lstrip(" \t"))
        depth = max(quote, indent // 2 if re.match(r"^\s*(?:[-*+]|\d+[.)])\s", line) else 0)
        if depth > deepest:
            deepest, where = depth, n
    return deepest, where


def _paths_escape(value: str) -> bool:
    v = value.strip()
    return (
        "\\" in v
        or v.startswith(("/", "~"))
        or bool(re.match(r"^[A-Za-z]:", v))
        or any(part == ".." for part in re.split(r"[/\\]", v))
        or "\x00" in v
    )


def post_candidates(settings: dict[str, Any]) -> list[tuple[str, Path]]:
    """(kind, path) of every Markdown post Pelican would read, in a stable order."""
    content = Path(settings["PATH"])
    prefix = str(content).rstrip(os.sep) + os.sep
    page_paths = [p for p in settings.get("PAGE_PATHS", []) if p]
    out: list[tuple[str, Path]] = []
    for kind, folders in (("article", settings.get("ARTICLE_PATHS", [""])), ("page", settings.get("PAGE_PATHS", ["pages"]))):
        # An article folder that holds a page folder leaves the pages to the page reader.
        elsewhere = tuple(os.path.normpath(p) + os.sep for p in page_paths if p not in folders) if kind == "article" else ()
        for folder in folders:
            top = content / folder
            for path in [top] if top.is_file() else sorted(top.rglob("*"), key=lambda p: p.parts):
                name = path.name
                if name.endswith("~") or os.path.splitext(name)[1].lower() not in POST_SUFFIXES:
                    continue
                text = str(path)
                rel = text[len(prefix) :] if text.startswith(prefix) else str(path.relative_to(content))
                if any(part.startswith(("_", ".")) for part in rel.split(os.sep)) or (elsewhere and rel.startswith(elsewhere)):
                    continue
                if path.is_file():
                    out.append((kind, path))
    return out


# What one file's own checks found: its problems, its metadata (None when it could not be
# read as a post), and the warnings that do not stop a build.
FileResult = tuple[list[Problem], "dict[str, tuple[str, int]] | None", list[str]]


def check_post(path: str, data: bytes, *, kind: str = "article", limit: int = MAX_POST_BYTES) -> FileResult:
    """The checks that need only the post itself and can stop a build: its problems, its
    metadata (None when it is no text post) and what does not stop a build. The build, ``spotlight
    check`` and ``spotlight import`` (on the post it would write) all run these; the checks
    between posts are :func:`problems_between`."""
    if len(data) > limit:
        return [Problem(str(path), f"is {len(data):,} bytes, more than the limit of {limit:,} (MAX_POST_BYTES in pelicanconf.py): split it")], None, []
    text, problem = _decode(path, data)
    if problem:
        return [problem], None, []
    assert text is not None
    problems: list[Problem] = []
    for n, line in enumerate(text.split("\n"), start=1):
        m = _CONTROL.search(line)
        if m:
            problems.append(Problem(str(path), f"has a control character (U+{ord(m.group(0)):04X}) that would stop the build; delete it", n))
            break
    metadata, body, body_line = _split(text)
    if not metadata.get("title", ("", 0))[0]:
        problems.append(Problem(str(path), "has no Title; add a 'Title: …' line at the top (then a blank line before the text)", 1))
    for field in _PATH_FIELDS:
        if field in metadata:
            value, line = metadata[field]
            if _paths_escape(value):
                problems.append(Problem(str(path), f"{field.capitalize()} {value!r} would write outside the output folder; use a plain name such as 'my-post'", line))
            elif field != "category" and (_UNSAFE_IN_URL.search(value) or ":" in value):
                problems.append(Problem(str(path), f"{field.capitalize()} {value!r} has a character an address cannot carry (quotes, <, >, `, :); use a plain name such as 'my-post'", line))
    for field in ("tags", "category", "author", "authors"):
        if field in metadata:
            value, line = metadata[field]
            name = next((n for n in _names_in(field, value) if _too_long_for_a_file_name(n)), None)
            if name is not None:
                what = {"tags": "A tag", "category": "The Category", "author": "The Author", "authors": "An author"}[field]
                problems.append(Problem(str(path), f"{what} {name[:60]!r}… is too long: it names a page's file (at most about {MAX_NAME_BYTES} bytes once made a slug); shorten it", line))
    if "date" in metadata:
        value, line = metadata["date"]
        if not _is_date(value):
            problems.append(Problem(str(path), f"Date {value!r} is not a date; write it as YYYY-MM-DD or YYYY-MM-DD HH:MM", line))
    if "announced" in metadata:
        problems.extend(_announced_problems(str(path), metadata))
    audio_warnings: list[str] = []
    if not AUDIO_FIELDS.isdisjoint(metadata):
        audio_problems, audio_warnings = _audio_problems(str(path), metadata)
        problems.extend(audio_problems)
    depth, line = _nesting(body)
    if depth > MAX_NESTING:
        problems.append(Problem(str(path), f"nests lists or quotes {depth} levels deep (at most {MAX_NESTING}); Markdown cannot render that", body_line + line - 1))
    for paragraph in body.split("\n\n"):
        if paragraph.count("[") > MAX_BRACKETS_PER_PARAGRAPH:
            line = body_line + body[: body.find(paragraph)].count("\n")
            problems.append(Problem(str(path), f"has a paragraph with {paragraph.count('[')} '[' characters, which would take Markdown minutes to render; remove them or put them in a code block", line))
            break
    warnings = audio_warnings
    if "lang" in metadata and not _LANGUAGE_TAG.fullmatch(metadata["lang"][0]):
        warnings.append(f"{path}: Lang {metadata['lang'][0]!r} is not a language code; write it as 'es' or 'pt-BR' (its page's <html lang> says it)")
    if kind == "article" and "guid" not in metadata:
        warnings.append(f"{path}: no Guid, so its feed id is provisional; run `spotlight check --fix` to give it a permanent one")
    return problems, metadata, warnings


MAX_NAME_BYTES = 200  # a file name holds 255 bytes; Pelican adds ".html" and the like


def _names_in(field: str, value: str) -> list[str]:
    """The names a Tags/Authors value lists (split as Pelican splits them), or the one name."""
    if field in ("tags", "authors"):
        return [n.strip() for n in value.split(";" if ";" in value else ",") if n.strip()]
    return [value.strip()]


def _too_long_for_a_file_name(name: str) -> bool:
    """Whether Pelican's slug of ``name`` (its default substitutions) is too long a file name."""
    if name.isascii() and len(name) <= MAX_NAME_BYTES:  # (an ASCII slug is never longer than its name)
        return False
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import slugify

    return len(slugify(name, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]).encode("utf-8")) > MAX_NAME_BYTES


def _announced_problems(path: str, metadata: dict[str, tuple[str, int]]) -> list[Problem]:
    """``Announced`` (when an imported interview was announced as new on this site: the date
    its feed items carry) must be a date, and not before the interview's own ``Date``."""
    value, line = metadata["announced"]
    announced = _date_value(value)
    if announced is None:
        return [Problem(path, f"Announced {value!r} is not a date; write it as YYYY-MM-DD or YYYY-MM-DD HH:MM (the day it was announced on this site)", line)]
    date = _date_value(metadata["date"][0]) if "date" in metadata else None
    if date is not None and announced.replace(tzinfo=None) < date.replace(tzinfo=None):
        return [Problem(path, f"Announced {value!r} is before its Date {metadata['date'][0]!r}: an interview is announced on this site after it was first published; fix one of them", line)]
    return []


def _date_value(value: str) -> datetime.datetime | None:
    """``value`` read as Pelican reads a date (the usual form without its parser), or None when
    it is none."""
    date = iso_date(value)
    if date is not None:
        return date
    from pelican.utils import get_date

    try:
        return get_date(value)
    except (ValueError, OverflowError):
        return None


def _is_date(value: str) -> bool:
    """Whether Pelican can read ``value`` as a date."""
    return _date_value(value) is not None


def check_posts(files: list[tuple[str, Path]], settings: dict[str, Any]) -> list[Problem]:
    """Every problem the build would find in these (kind, path) posts, wherever they are:
    each file's own (:func:`check_post`), those between them (slugs, Guids) and their audio
    files (:func:`audio_file_problems`)."""
    limit = int(settings.get("MAX_POST_BYTES", MAX_POST_BYTES))
    problems: list[Problem] = []
    posts: list[tuple[Path, str, dict[str, tuple[str, int]]]] = []
    for kind, path in files:
        file_problems, metadata, _ = check_post(str(path), path.read_bytes(), kind=kind, limit=limit)
        problems.extend(file_problems)
        if metadata is not None:
            posts.append((path, kind, metadata))
    local = [audio for path, _, metadata in posts if (audio := local_audio(str(path), metadata))]
    return problems + problems_between(settings, posts) + audio_file_problems(settings, local)


def problems_between(settings: dict[str, Any], posts: list[tuple[Path, str, dict[str, tuple[str, int]]]]) -> list[Problem]:
    """The problems between posts, each given as (path, kind, metadata from
    :func:`check_post`): two with the same slug (so the same page), two with the same Guid."""
    from pelican.utils import slugify

    problems: list[Problem] = []
    slugs: dict[tuple[str, str], Path] = {}
    guids: dict[str, Path] = {}
    for path, kind, metadata in posts:
        p = str(path)
        title = metadata.get("title", ("", 0))[0]
        slug = metadata.get("slug", ("", 0))[0] or (
            slugify(title, regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []), use_unicode=settings.get("SLUGIFY_USE_UNICODE", False)) if title else ""
        )
        if slug:
            key = (kind if settings.get("ARTICLE_URL") != settings.get("PAGE_URL") else "any", slug.lower())
            if key in slugs:
                problems.append(Problem(p, f"has the same slug {slug!r} as {slugs[key]}; give one of them another 'Slug:'"))
            else:
                slugs[key] = path
        if "guid" in metadata:
            guid = metadata["guid"][0]
            if guid in guids:
                problems.append(Problem(p, f"has the same Guid as {guids[guid]}; delete the Guid line in the copy and run `spotlight check --fix`", metadata["guid"][1]))
            else:
                guids[guid] = path
    return problems


# A post's audio (see spotlight/media.py): its fields, checked by check_post; its file, when it
# is the site's, by audio_file_problems (every build: the file is not the post).
AUDIO_FIELDS = frozenset({"audio", "audio_length", "audio_type", "duration", "explicit"})
_AUDIO_EXAMPLE = "audio/episode-1.mp3 (in a folder of STATIC_PATHS) or https://…"


def _audio_problems(path: str, metadata: dict[str, tuple[str, int]]) -> tuple[list[Problem], list[str]]:
    """What stops a build in a post's ``Audio``, ``Audio_length``, ``Audio_type``,
    ``Duration`` and ``Explicit``, and (a warning) those fields without an ``Audio``."""
    problems: list[Problem] = []
    if "audio" not in metadata:
        given = ", ".join(sorted(f.capitalize() for f in AUDIO_FIELDS & metadata.keys()))
        return [], [f"{path}: {given} but no Audio; add 'Audio: {_AUDIO_EXAMPLE}' or remove them"]
    value, line = metadata["audio"]
    url, local = remote_url(value), site_path(value)
    if url is None and local is None:
        problems.append(Problem(path, f"Audio {value[:80]!r} is not an http(s) address or a path of the site; give the episode's file as {_AUDIO_EXAMPLE}", line))
    if "audio_length" in metadata:
        length, length_line = metadata["audio_length"]
        if not (length.isascii() and length.isdigit() and int(length) > 0):
            problems.append(Problem(path, f"Audio_length {length[:40]!r} is not a number of bytes; write the file's size, such as 'Audio_length: 24576000'", length_line))
    elif url is not None:
        problems.append(Problem(path, f"Audio {url[:80]!r} is a URL, so the build cannot measure the file: add 'Audio_length: BYTES' (its size in bytes, which a podcast enclosure must give)", line))
    if "audio_type" in metadata:
        kind, type_line = metadata["audio_type"]
        if not MEDIA_TYPE.match(kind.strip().lower()):
            problems.append(Problem(path, f"Audio_type {kind[:40]!r} is not an audio or video type; write it as audio/mpeg, audio/mp4, audio/ogg, video/mp4…", type_line))
    elif (url or local) and guess_type(url or local or "") is None:
        problems.append(Problem(path, f"Audio {value[:80]!r}: its type cannot be told from its extension; add 'Audio_type: audio/mpeg' (the file's MIME type)", line))
    if "duration" in metadata:
        duration, duration_line = metadata["duration"]
        if duration_seconds(duration) is None:
            problems.append(Problem(path, f"Duration {duration[:40]!r} is not a duration; write it as HH:MM:SS, H:MM:SS or MM:SS (such as 1:02:03 or 42:10)", duration_line))
    if "explicit" in metadata:
        explicit, explicit_line = metadata["explicit"]
        if explicit_value(explicit) is None:
            problems.append(Problem(path, f"Explicit {explicit[:40]!r} is neither yes nor no; write 'Explicit: yes' or 'Explicit: no'", explicit_line))
    return problems, []


def local_audio(path: str, metadata: dict[str, tuple[str, int]]) -> tuple[str, str, int] | None:
    """(post, its Audio, the line) when the post's ``Audio`` is a file of the site."""
    if "audio" not in metadata:
        return None
    value, line = metadata["audio"]
    return (path, value, line) if remote_url(value) is None and site_path(value) is not None else None


def audio_file_problems(settings: dict[str, Any], audio: list[tuple[str, str, int]]) -> list[Problem]:
    """The files these posts' ``Audio`` name ((post, Audio, line), from :func:`local_audio`):
    each must be a file of the content folder that Pelican copies (in ``STATIC_PATHS``)."""
    problems: list[Problem] = []
    site_content = Path(settings["PATH"]).resolve()
    static_paths = list(settings.get("STATIC_PATHS", ["images"]) or [])
    for post, value, line in audio:
        path = site_path(value)
        if path is None:
            continue
        content = _content_folder(Path(post).resolve(), site_content, path)
        found = local_file(content, path)
        if found is None:
            problems.append(Problem(post, f"Audio {value[:80]!r}: there is no such file in the content folder ({content / path}); put the file there, or give its URL", line))
        elif not found.stat().st_size:
            problems.append(Problem(post, f"Audio {value[:80]!r} is an empty file ({found}); put the episode's audio there", line))
        elif not under_static_paths(path, static_paths):
            folder = path.split("/")[0] if "/" in path else ""
            fix = f"add {folder!r} to STATIC_PATHS in pelicanconf.py (STATIC_PATHS = {static_paths + [folder]!r})" if folder else "move it into a folder such as audio/ and add 'audio' to STATIC_PATHS in pelicanconf.py"
            problems.append(Problem(post, f"Audio {value[:80]!r} is in no folder of STATIC_PATHS, so the build would not copy it into the site: {fix}", line))
    return problems


def _content_folder(post: Path, site_content: Path, path: str) -> Path:
    """The content folder a post's audio path is read from: the site's, or for a post outside
    it (``spotlight check`` takes posts anywhere) the nearest folder above the post that holds
    the file (else the site's)."""
    if site_content in post.parents:
        return site_content
    return next((folder for folder in post.parents if local_file(folder, path) is not None), site_content)
