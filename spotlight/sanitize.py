"""Sanitizing untrusted HTML with an nh3 allowlist, for pages and feeds alike.

Everything a post renders to passes through :func:`sanitize_html` before it reaches a page
or a feed: no script, no event handler, no ``javascript:`` URL, no frame or embed.
"""

from __future__ import annotations

import html
import re
from types import MappingProxyType
from typing import Any, Callable
from urllib.parse import quote, urlsplit

import nh3
from markupsafe import Markup

from .media import MEDIA_TYPE, URL_SAFE, media_key

ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details",
        "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr",
        "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span",
        "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time",
        "tr", "u", "ul", "var",
    }
)

ALLOWED_ATTRIBUTES = MappingProxyType(
    {
        "a": frozenset({"href", "title"}),
        "img": frozenset({"src", "alt", "title", "width", "height"}),
        "abbr": frozenset({"title"}),
        "td": frozenset({"colspan", "rowspan"}),
        "th": frozenset({"colspan", "rowspan", "scope"}),
        "ol": frozenset({"start", "reversed"}),
        "time": frozenset({"datetime"}),
        "h2": frozenset({"id"}),
        "h3": frozenset({"id"}),
        "h4": frozenset({"id"}),
        "blockquote": frozenset({"cite"}),
        "q": frozenset({"cite"}),
    }
)

# Tags removed together with everything inside them.
DROPPED_WITH_CONTENT: frozenset[str] = frozenset({"script", "style", "template", "iframe", "object", "embed", "noscript"})

URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto", "tel"})

# A post's own audio player: allowed only in a post whose ``Audio`` is the file they play
# (``sanitize_html(html, media=…)``), with these attributes; any other src is dropped, and an
# <audio> or <source> left without one is removed (its fallback text kept).
MEDIA_TAGS: frozenset[str] = frozenset({"audio", "source"})
MEDIA_ATTRIBUTES = MappingProxyType({"audio": frozenset({"src", "controls", "preload"}), "source": frozenset({"src", "type"})})
_PRELOAD_VALUES = frozenset({"none", "metadata", "auto"})

# Characters XML 1.0 forbids (feeds refuse them) and lone surrogates (nh3 refuses them).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Either of them (one scan finds that a text, as most are, holds neither).
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


_HREFLESS_LINK = re.compile(r"<a(?=[\s>])(?![^>]*\shref=)[^>]*>(.*?)</a>", re.S)  # ("<a", not "<abbr" or "<audio")


def xml_safe(text: str) -> str:
    """Replace lone surrogates with U+FFFD and drop characters XML cannot carry.

    >>> xml_safe("a\\x00b\\ud800c")
    'ab\\ufffdc'
    """
    if not _UNSAFE.search(text):
        return text
    return _XML_INVALID.sub("", _SURROGATE.sub("\ufffd", text))


def sanitize_html(html: str, media: str | None = None) -> str:
    """Clean untrusted HTML to the allowlist above; with ``media`` (the post's ``Audio``), an
    ``<audio>``/``<source>`` that plays that very file is kept too (:data:`MEDIA_TAGS`), its
    src written as the site links it ("/audio/ep1.mp3", or the URL).

    >>> sanitize_html('<p onclick="x()">Hi<script>alert(1)</script> <a href="javascript:x">y</a></p>')
    '<p>Hi y</p>'
    >>> sanitize_html('<audio controls src="audio/ep1.mp3">Listen</audio><audio src="https://evil.example/x.mp3">No</audio>', media="audio/ep1.mp3")
    '<audio controls="" src="/audio/ep1.mp3">Listen</audio>No'
    """
    cleaned = xml_safe(html)
    own = media_key(media) if media else None
    clean = _clean if own is None else _media_cleaner(own)
    # nh3 decodes character references, so "java&#1;script:" comes out as "java\x01script:";
    # once the control character is dropped that is a javascript: URL. Clean again until
    # nothing changes (two passes in practice).
    for _ in range(4):
        again = xml_safe(_HREFLESS_LINK.sub(r"\1", clean(cleaned)))
        if again == cleaned:
            break
        cleaned = again
    return cleaned


def _clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        strip_comments=True,
        link_rel="noopener noreferrer",
    )


# A <source> without src, and an <audio> with neither a src nor a <source> (what is left of a
# player for another file than the post's own): removed, the fallback text kept.
_SOURCELESS = re.compile(r"<source(?![^>]*\ssrc=)[^>]*>")
_AUDIO_WITHOUT_SOURCE = re.compile(r"<audio(?![^>]*\ssrc=)[^>]*>((?:(?!<source[\s>]|</audio>).)*)</audio>", re.S)


def _media_cleaner(own: str) -> Callable[[str], str]:
    """:func:`_clean` that also keeps an ``<audio>``/``<source>`` whose src is ``own`` (a
    :func:`~spotlight.media.media_key`): any other src, type or preload is dropped."""

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag not in MEDIA_TAGS:
            return value
        if attribute == "src":
            return own if media_key(value) == own else None
        if attribute == "type":
            value = value.strip().lower()
            return value if MEDIA_TYPE.match(value) else None
        if attribute == "preload":
            return value if value in _PRELOAD_VALUES else None
        return value

    attributes = {k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()} | {k: set(v) for k, v in MEDIA_ATTRIBUTES.items()}

    def clean(html: str) -> str:
        cleaned = nh3.clean(
            html,
            tags=set(ALLOWED_TAGS | MEDIA_TAGS),
            clean_content_tags=set(DROPPED_WITH_CONTENT),
            attributes=attributes,
            attribute_filter=keep,
            url_schemes=set(URL_SCHEMES),
            strip_comments=True,
            link_rel="noopener noreferrer",
        )
        if "<source" in cleaned:
            cleaned = _SOURCELESS.sub("", cleaned)
        return _AUDIO_WITHOUT_SOURCE.sub(r"\1", cleaned) if "<audio" in cleaned else cleaned

    return clean


def text_of(value: Any) -> str:
    """The text of a metadata value: a value marked as HTML (``Markup``, as another plugin may
    give) unescaped, any other as it is.

    >>> text_of(Markup("Tom &amp; Jerry")), text_of("plain"), text_of(None)
    ('Tom & Jerry', 'plain', '')
    """
    if isinstance(value, Markup):
        return value.unescape()
    return "" if value is None else str(value)


def sanitize_text(value: Any) -> str:
    """Plain text safe for metadata: XML-safe, single-spaced, no markup interpretation (a
    value from the plugin's readers is unescaped first: :func:`text_of`)."""
    return " ".join(xml_safe(text_of(value)).split())


# "<" where it would open a tag, a comment or a declaration.
_TAG_OPENER = re.compile(r"<(?=[A-Za-z/!?])")
_OPENING_CONTEXT = re.compile(r"(^|[\s(\[{\u2014\u2013-])([\"'])")


def _neutral(text: str) -> str:
    """Text that stays text once a theme strips tags and unescapes it: straight quotes made
    typographic (an attribute cannot end at them) and a "<" that would open a tag made "‹"."""
    text = _TAG_OPENER.sub("\u2039", text)
    if '"' in text or "'" in text:
        text = _OPENING_CONTEXT.sub(lambda m: m.group(1) + ("\u201c" if m.group(2) == '"' else "\u2018"), text)
        text = text.replace('"', "\u201d").replace("'", "\u2019")
    return text


def safe_text(text: str) -> str:
    """A text metadata value (Title, Interviewee, Company, a tag…) made safe in any theme, with
    or without Jinja's autoescaping: neutral (:func:`_neutral`), so that printed raw, escaped,
    stripped of tags and unescaped (Pelican's own themes print
    ``title="{{ article.title|striptags }}"``, and ``striptags`` unescapes), in a text or a
    quoted attribute, it stays text. It is not escaped: an escaped name shows its ``&amp;``
    where a theme escapes it again (``{{ tag|escape }}``), and a "&" is harmless in HTML.

    >>> safe_text('Tom & Jerry say "hi" <script>x</script>')
    'Tom & Jerry say \u201chi\u201d \u2039script>x\u2039/script>'
    >>> safe_text("It's O'Brien, 'quoted' and 3 < 4")
    'It\u2019s O\u2019Brien, \u2018quoted\u2019 and 3 < 4'
    """
    return _neutral(xml_safe(text))


_TAG = re.compile(r"(<[^>]*>)")


def safe_summary(fragment: str) -> str:
    """Sanitized HTML whose text is also neutral (:func:`_neutral`): themes print a summary
    stripped of its tags, unescaped, in an attribute (``content="{{ summary|striptags }}"``).

    >>> safe_summary('<p class="x">He said &quot;no&quot; &lt;b&gt;</p>')
    '<p>He said \u201cno\u201d \u2039b&gt;</p>'
    """
    parts = _TAG.split(sanitize_html(fragment))
    for n in range(0, len(parts), 2):
        if parts[n]:
            parts[n] = html.escape(_neutral(html.unescape(parts[n])), quote=False)
    return "".join(parts)


def safe_url(value: str) -> str | None:
    """An address from a post's metadata, made safe for an attribute in any theme, or None.

    >>> safe_url("https://ex.org/a b<c"), safe_url("{static}/images/me.jpg"), safe_url(" javascript:alert(1)")
    ('https://ex.org/a%20b%3Cc', '{static}/images/me.jpg', None)
    """
    value = value.strip()
    scheme = urlsplit(value).scheme.lower()
    if scheme not in ("", "http", "https") or (not scheme and ":" in value.split("/")[0]):
        return None
    return quote(value, safe=URL_SAFE)
