"""E-mail editions: each interview as a ready-to-send HTML e-mail and its plain-text twin.

The HTML comes from the theme's ``newsletter.html`` template; this module finishes it for
mail clients: CSS inlined into ``style`` attributes (css-inline), every URL absolute, every
image given a width and height, nothing a mail client would refuse (no script, no external
stylesheet). The plain text keeps the speaker labels.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import css_inline
import lxml.html

from .feeds import absolutize_html

EDITION_DIR = "newsletter"
COLUMN_WIDTH = 600
CONTENT_WIDTH = 552  # the column less its padding
GMAIL_CLIP_BYTES = 102 * 1024
WARN_FRACTION = 0.9

_BLOCKS = ("p", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "figcaption", "tr")


@dataclass(frozen=True)
class Edition:
    slug: str
    html: str
    text: str

    @property
    def size(self) -> int:
        return len(self.html.encode("utf-8"))

    def near_clipping(self) -> bool:
        return near_clipping(self.size)


def near_clipping(size: int) -> bool:
    """Whether Gmail (which clips messages over about 102 KB) would clip or nearly clip an
    e-mail of ``size`` bytes."""
    return size >= GMAIL_CLIP_BYTES * WARN_FRACTION


def image_size(path: Path) -> tuple[int, int] | None:
    """Width and height of a PNG, GIF, JPEG or WebP file, read from its header.

    >>> import tempfile, zlib
    >>> png = b"\\x89PNG\\r\\n\\x1a\\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">II", 640, 480) + b"\\x08\\x02\\x00\\x00\\x00"
    >>> with tempfile.NamedTemporaryFile(suffix=".png") as f:
    ...     _ = f.write(png); f.flush(); image_size(Path(f.name))
    (640, 480)
    """
    try:
        with path.open("rb") as fh:
            head = fh.read(64 * 1024)
    except OSError:
        return None
    if head.startswith(b"\x89PNG\r\n\x1a\n") and len(head) >= 24:
        return struct.unpack(">II", head[16:24])
    if head[:6] in (b"GIF87a", b"GIF89a") and len(head) >= 10:
        return struct.unpack("<HH", head[6:10])
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return _webp_size(head)
    if head.startswith(b"\xff\xd8"):
        return _jpeg_size(head)
    return None


def _webp_size(head: bytes) -> tuple[int, int] | None:
    chunk = head[12:16]
    if chunk == b"VP8X" and len(head) >= 30:
        w = int.from_bytes(head[24:27], "little") + 1
        h = int.from_bytes(head[27:30], "little") + 1
        return w, h
    if chunk == b"VP8 " and len(head) >= 30:
        w, h = struct.unpack("<HH", head[26:30])
        return w & 0x3FFF, h & 0x3FFF
    if chunk == b"VP8L" and len(head) >= 25:
        bits = int.from_bytes(head[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    return None


def _jpeg_size(head: bytes) -> tuple[int, int] | None:
    i = 2
    while i + 9 < len(head):
        if head[i] != 0xFF:
            i += 1
            continue
        marker = head[i + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            i += 2
            continue
        length = struct.unpack(">H", head[i + 2 : i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
            h, w = struct.unpack(">HH", head[i + 5 : i + 9])
            return w, h
        i += 2 + length
    return None


def size_images(fragment: str, local_file_for: "LocalFiles", *, max_width: int = CONTENT_WIDTH) -> str:
    """Give every ``<img>`` a width and height (scaled to the column) and a block style.

    The inline style uses only CSS that feed readers keep (feedparser's and the W3C feed
    validator's safe list has no ``max-width``): on a narrow screen the edition's stylesheet
    (``newsletter.html``, an ``@media`` rule) makes the images fluid.

    ``local_file_for`` maps an image URL to a file in the built site, so its real size can be
    read; an image whose size cannot be known gets the column's width and a proportional
    height of ``auto`` in CSS (the attribute is left to the client).
    """
    if "<img" not in fragment:
        return fragment
    wrapper = lxml.html.fragment_fromstring(fragment, create_parent="div")
    for img in wrapper.iter("img"):
        size = None
        path = local_file_for(img.get("src", ""))
        if path is not None:
            size = image_size(path)
        if size and size[0] > 0:
            w, h = size
            if w > max_width:
                w, h = max_width, round(h * max_width / w)
            img.set("width", str(w))
            img.set("height", str(h))
        else:
            img.set("width", str(max_width))
        img.set("style", "display:block;height:auto;border:0")
    return (wrapper.text or "") + "".join(lxml.html.tostring(c, encoding="unicode", method="html") for c in wrapper)


class LocalFiles:
    """Maps absolute URLs of the site to files in its output folder."""

    def __init__(self, site_url: str, output_dir: Path) -> None:
        self._prefix = site_url.rstrip("/") + "/"
        self._root = output_dir

    def __call__(self, url: str) -> Path | None:
        if not url.startswith(self._prefix):
            return None
        relative = urlsplit(url[len(self._prefix) :]).path
        candidate = (self._root / relative).resolve()
        root = self._root.resolve()
        if root not in candidate.parents or not candidate.is_file():
            return None
        return candidate


def finish_html(document: str, base_url: str, *, content: tuple[str, str] | None = None, site_url: str | None = None) -> str:
    """Inline the CSS into style attributes and make every URL absolute: against ``base_url``
    (the interview's URL), and those from the server's root ("/about/") under ``site_url``
    (see :func:`.feeds.absolutize_html`).

    ``content``: (mark, HTML) when ``document`` holds the mark where that HTML goes, and every
    URL in that HTML is absolute already: the rest of the page is made absolute, then the HTML
    put in its place, before the CSS is inlined (so the content is not parsed again)."""
    inliner = css_inline.CSSInliner(keep_style_tags=False, keep_at_rules=True, load_remote_stylesheets=False)
    if content is not None:
        mark, fragment = content
        return inliner.inline(_absolutize_body(document, base_url, site_url).replace(mark, fragment, 1))
    return _absolutize_body(inliner.inline(document), base_url, site_url)


def _absolutize_body(document: str, base_url: str, site_url: str | None = None) -> str:
    head, sep, rest = document.partition("<body")
    if not sep:
        return document
    body_open, _, body = rest.partition(">")
    inner, _, tail = body.rpartition("</body>")
    return f"{head}<body{body_open}>{absolutize_html(inner, base_url, site_url)}</body>{tail}"


def edition_body(document: str) -> str:
    """The inner HTML of a finished edition's ``<body>`` (what the e-mail feed carries); the
    whole document when it has no body.

    >>> edition_body('<html><head><style>p{}</style></head><body class="x">\\n<p style="margin:0">Hi</p>\\n</body></html>')
    '<p style="margin:0">Hi</p>'
    """
    _, sep, rest = document.partition("<body")
    if not sep:
        return document.strip()
    inner = rest.partition(">")[2]
    return inner.rpartition("</body>")[0].strip() if "</body>" in inner else inner.strip()


def html_to_text(fragment: str, *, width: int = 72) -> str:
    """Plain text for the e-mail's text part: paragraphs, "- " list items, links as
    "text (url)", speaker labels as they are."""
    if not fragment.strip():
        return ""
    wrapper = lxml.html.fragment_fromstring(fragment, create_parent="div")
    for a in wrapper.iter("a"):
        href = a.get("href", "")
        text = a.text_content().strip()
        if href and href.startswith(("http://", "https://")) and href != text:
            a.tail = f" ({href})" + (a.tail or "")
    for br in wrapper.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for img in wrapper.iter("img"):
        alt = img.get("alt", "").strip()
        img.tail = (f"[{alt}]" if alt else "") + (img.tail or "")
    paragraphs: list[str] = []
    for element in _outer_blocks(wrapper):
        text = _collapse(element.text_content())
        if not text:
            continue
        if element.tag == "li":
            text = "- " + text
        elif element.tag == "blockquote":
            text = "\n".join("> " + line for line in text.split("\n"))
        elif element.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            text = text.upper() if element.tag in ("h1", "h2") else text
        paragraphs.append(text)
    joined: list[str] = []
    for i, p in enumerate(paragraphs):
        if i and not (p.startswith("- ") and paragraphs[i - 1].startswith("- ")):
            joined.append("")
        joined.append(p)
    return "\n".join(joined).strip() + "\n"


def _outer_blocks(element: Any) -> Iterator[Any]:
    """The block elements under ``element`` that are inside no other block, in document order."""
    for child in element:
        if child.tag in _BLOCKS:
            yield child
        elif isinstance(child.tag, str):
            yield from _outer_blocks(child)


_SPACES = re.compile("[ \t\u00a0]+")


def _collapse(text: str) -> str:
    """Each run of spaces, tabs and no-break spaces as one space; lines stripped, empty ones gone."""
    if "  " in text or "\t" in text or "\u00a0" in text:  # (else there is no run to collapse)
        text = _SPACES.sub(" ", text)
    return "\n".join(stripped for stripped in (line.strip() for line in text.split("\n")) if stripped)


def edition_paths(output_dir: Path, slug: str) -> tuple[Path, Path]:
    """Where a post's e-mail edition goes: its HTML and its plain text."""
    folder = output_dir / EDITION_DIR
    return folder / f"{slug}.html", folder / f"{slug}.txt"


def write_edition(edition: Edition, output_dir: Path) -> tuple[Path, Path]:
    html_path, text_path = edition_paths(output_dir, edition.slug)
    html_path.parent.mkdir(parents=True, exist_ok=True)
    html_path.write_text(edition.html, encoding="utf-8")
    text_path.write_text(edition.text, encoding="utf-8")
    return html_path, text_path
