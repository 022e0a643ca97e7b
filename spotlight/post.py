"""The post: metadata plus a Markdown body, the one data type every stage agrees on.

Reads and writes Pelican's Markdown post format::

    Title: Employee Spotlight #2: Ada Lovelace, Lead Engineer at Analytical Engines
    Date: 2024-05-01
    Author: Charles Babbage
    Interviewee: Ada Lovelace

    Introduction…

    **Charles Babbage:** A question?

    **Ada Lovelace:** An answer.
"""

from __future__ import annotations

import contextlib
import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from .errors import PostFormatError

# The order fields are written in; anything else follows in the order it was given.
FIELD_ORDER: tuple[str, ...] = (
    "Title",
    "Date",
    "Announced",  # when an imported interview was announced as new here: its feed items' date
    "Modified",
    "Status",
    "Author",
    "Interviewee",
    "Role",
    "Company",
    "Series",
    "Series_index",
    "Summary",
    "Tags",
    "Lang",  # the post's language (ISO 639-1), when it is not the site's or the import recognised it
    "Slug",
    "Source",
    "Source_name",  # where it was first published ("LinkedIn", a blog's name), for "First published on …"
    "Guid",
)

# Every field a post's header may hold, Spotlight's and Pelican's own: a first paragraph made
# only of these is a header, even without its Title (a scrape's first line is its title).
KNOWN_FIELDS: frozenset[str] = frozenset(
    name.casefold()
    for name in FIELD_ORDER
    + ("Authors", "Category", "Translation", "Save_as", "Url", "Template")
)

POST_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown")  # the files Pelican's Markdown reader reads
HEADER_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9_-]{0,40}):[ \t]*(?P<value>.*)$")


@dataclass
class Post:
    """A post's metadata (field name → single-line value) and its Markdown body."""

    metadata: dict[str, str] = field(default_factory=dict)
    body: str = ""

    def get(self, key: str) -> str | None:
        for k, v in self.metadata.items():
            if k.casefold() == key.casefold():
                return v
        return None

    def to_text(self) -> str:
        """The post as it is written to ``content/``."""
        keys = sorted(self.metadata, key=_field_rank)
        header = []
        for key in keys:
            value = " ".join(str(self.metadata[key]).split())
            if value:
                header.append(f"{key}: {value}")
        return "\n".join(header) + "\n\n" + self.body.strip("\n") + "\n"


# A date as Spotlight writes it: YYYY-MM-DD, with HH:MM or HH:MM:SS after a space or a "T".
_ISO_DATE = re.compile(r"\s*([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?)?\s*\Z")


def iso_date_fields(value: str) -> tuple[int, ...] | None:
    """(year, month, day[, hour, minute[, second]]) of a date written as above, else None.

    Pelican reads every date with dateutil's parser, about 0.1 ms each; these fields give the
    same datetime (tested), and anything else is left to that parser.

    >>> iso_date_fields("2024-05-01 09:30"), iso_date_fields("May 1, 2024")
    ((2024, 5, 1, 9, 30), None)
    """
    m = _ISO_DATE.match(value)
    return tuple(int(g) for g in m.groups() if g is not None) if m else None


def iso_date(value: str, kind: type[datetime.datetime] = datetime.datetime) -> datetime.datetime | None:
    """The date ``value`` written as :func:`iso_date_fields` reads it, as a ``kind``; None for
    another form or an impossible date (month 13, 25 o'clock...), which Pelican's parser is
    left to read or to reject."""
    fields = iso_date_fields(value)
    if fields is not None:
        with contextlib.suppress(ValueError, OverflowError):
            return kind(*fields)
    return None


def _field_rank(key: str) -> tuple[int, str]:
    for i, name in enumerate(FIELD_ORDER):
        if name.casefold() == key.casefold():
            return (i, "")
    return (len(FIELD_ORDER), "")


def looks_like_post(text: str) -> bool:
    """Whether ``text`` starts with a Pelican metadata header that has a Title.

    >>> looks_like_post("Title: Hi\\nDate: 2024-01-01\\n\\nBody"), looks_like_post("Hi: there")
    (True, False)
    """
    for line in text.lstrip("\ufeff").split("\n"):
        if not line.strip():
            return False
        m = HEADER_LINE.match(line)
        if not m:
            return False
        if m.group("key").casefold() == "title":
            return True
    return False


def has_header(text: str) -> bool:
    """Whether ``text`` starts with a post's metadata header: a first paragraph of
    ``Key: value`` lines with a Title, or made only of :data:`KNOWN_FIELDS` (a post that lost
    its Title, which the build refuses).

    >>> has_header("Date: 2024-01-01\\nAuthor: Ada\\n\\nBody"), has_header("Spotlight: Ada\\n\\nBody")
    (True, False)
    """
    keys = []
    for line in text.lstrip("\ufeff").split("\n"):
        if not line.strip():
            break
        m = HEADER_LINE.match(line)
        if m and m.group("key").casefold() == "title":
            return True  # (as :func:`looks_like_post`: a bad line after it is the parser's error)
        if m:
            keys.append(m.group("key").casefold())
        elif not (keys and line.startswith((" ", "\t"))):
            return False
    return bool(keys) and all(key in KNOWN_FIELDS for key in keys)


def parse_post(text: str, *, source: str = "<post>", require_title: bool = True) -> Post:
    """Split a post into its metadata header and body.

    Raises :class:`PostFormatError` naming ``source`` when the header is not readable (or,
    with ``require_title``, has no Title).
    """
    text = text.lstrip("\ufeff")
    lines = text.split("\n")
    metadata: dict[str, str] = {}
    i = 0
    last_key = None
    while i < len(lines) and lines[i].strip():
        m = HEADER_LINE.match(lines[i])
        if m:
            last_key = _canonical_key(m.group("key"))
            metadata[last_key] = m.group("value").strip()
        elif last_key and lines[i].startswith((" ", "\t")):
            metadata[last_key] += " " + lines[i].strip()
        else:
            raise PostFormatError(source, f"line {i + 1} is not a 'Key: value' metadata line: {lines[i][:60]!r}")
        i += 1
    if require_title and "Title" not in metadata:
        raise PostFormatError(source, "the metadata has no 'Title:' line")
    body = "\n".join(lines[i:]).strip("\n")
    return Post(metadata=metadata, body=body)


def _canonical_key(key: str) -> str:
    for name in FIELD_ORDER:
        if name.casefold() == key.casefold():
            return name
    return key[:1].upper() + key[1:]


def slugify(text: str, *, max_length: int = 80) -> str:
    """A URL slug: lower-case words joined by hyphens. Latin letters lose their accents;
    a title in another script keeps its letters.

    >>> slugify("Employee Spotlight #2: Zoë Café, ML Lead")
    'employee-spotlight-2-zoe-cafe-ml-lead'
    >>> slugify("社員インタビュー #3: 山田花子")
    '社員インタビュー-3-山田花子'
    """
    text = unicodedata.normalize("NFC", text)
    if all(_folds_to_ascii(ch) for ch in text if ch.isalpha()):
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[^\W_]+", text.casefold())
    slug = "-".join(words)
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug or "post"


def _folds_to_ascii(ch: str) -> bool:
    return bool(unicodedata.normalize("NFKD", ch).encode("ascii", "ignore"))
