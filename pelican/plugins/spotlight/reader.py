"""The plugin's readers: Markdown posts come out of them prepared (sanitized, marked up as
interviews, summarized, measured), and every other format's output sanitized.

:class:`SpotlightMarkdownReader` takes each post from the store the pre-pass filled
(:mod:`spotlight.prepared`), or makes it itself, and hands Pelican the safe HTML with the
metadata Pelican's own Markdown reader would give, plus what the theme shows of an interview:
``profile``, ``interview`` (its questions) and ``reading_time``, and the summary. Pelican caches
what a reader returns, so an unchanged post costs the next build nothing but its cache entry.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from markdown import Markdown
from pelican.readers import DUPLICATES_DEFINITIONS_ALLOWED, BaseReader, ensure_metadata_list
from pelican.urlwrappers import URLWrapper
from pelican.utils import SafeDatetime, get_date

from spotlight.post import POST_SUFFIXES, iso_date
from spotlight.prepared import markdown_config, read_post, recipe_of
from spotlight.render import profile_of
from spotlight.links import html_from_site_root
from spotlight.sanitize import safe_summary, safe_text, safe_url, sanitize_html

logger = logging.getLogger(__name__)

# Metadata that steers Pelican (paths, dates, status, template) or is no text a page shows:
# checked by the build (spotlight.validate), passed on as written.
CONTROL_FIELDS = frozenset(
    {"slug", "save_as", "url", "lang", "date", "modified", "status", "template", "translation", "guid", "series_index", "summary", "announced"}
)
# Addresses: kept when http(s) or a path of the site, with the characters that could end an
# attribute percent-encoded; any other scheme (javascript:, data:) is left out, with a warning.
URL_FIELDS = frozenset({"source", "photo", "image", "audio", "link", "website", "linkedin", "twitter", "github"})
# Lists Pelican splits itself (on ";" if there is one, else on ","): split before escaping,
# since "&amp;" holds a ";".
LIST_FIELDS = frozenset({"tags", "authors"})


# The control fields that become an address or an attribute (as spotlight.validate checks them
# for Markdown posts), and what they cannot hold: a character that would end a theme's
# attribute, or the ":" of a scheme.
ADDRESS_CONTROL_FIELDS = frozenset({"slug", "save_as", "url", "lang", "template", "status", "translation"})
_UNSAFE_CONTROL = re.compile("[\"'<>`:]")


def under_site_url(html: str, settings: dict[str, Any]) -> str:
    """A post's HTML with its links from the server's root ("/about/") under the site's address
    when pages link absolutely (an absolute ``SITEURL``, ``RELATIVE_URLS`` off): so they stay on
    a site published under a sub-path in every page and every feed, Pelican's own included.
    With relative links, Spotlight's theme makes them relative to each page (``site_html``)."""
    siteurl = str(settings.get("SITEURL") or "")
    if settings.get("RELATIVE_URLS") or not siteurl.startswith(("http://", "https://")):
        return html
    return html_from_site_root(html, siteurl.rstrip("/") + "/")


def under_site_url_summary(metadata: dict[str, Any], settings: dict[str, Any]) -> dict[str, Any]:
    if isinstance(metadata.get("summary"), str):
        metadata["summary"] = under_site_url(metadata["summary"], settings)
    return metadata


def safe_field(name: str, value: Any, source_path: str) -> Any:
    """One metadata value as the plugin's readers hand it to Pelican (text: :func:`safe_text`)."""
    if name in CONTROL_FIELDS:
        return value
    if isinstance(value, str):
        if name in URL_FIELDS:
            url = safe_url(value)
            if url is None:
                logger.warning("%s: %s %r is not an http(s) address or a path of the site; left out", source_path, name.capitalize(), value[:80])
            return url
        return safe_text(value)
    if isinstance(value, URLWrapper):  # (a tag, category or author another reader made)
        return type(value)(safe_text(str(value.name)), value.settings)
    if isinstance(value, list):
        return [safe_field(name, v, source_path) for v in value]
    return value


class SpotlightMarkdownReader(BaseReader):
    """Markdown posts, prepared (see the module's docstring)."""

    enabled = True
    file_extensions = [suffix.lstrip(".") for suffix in POST_SUFFIXES]

    def __init__(self, settings: dict[str, Any]) -> None:
        super().__init__(settings)
        self.recipe = recipe_of(settings)  # (what decides a post's preparation: once, not per post)

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        converted = read_post(source_path, self.settings, self.recipe)
        if converted is None:  # (the build's checks stop such a post before Pelican reads it)
            raise ValueError(f"{source_path}: not a post the build can read; run `spotlight check {source_path}`")
        metadata = self.fields_of(converted.meta, source_path)
        prepared = converted.prepared
        if prepared.summary is not None:
            metadata["summary"] = safe_summary(prepared.summary)
        elif "summary" in metadata:
            metadata["summary"] = safe_summary(str(metadata["summary"]))
        metadata["reading_time"] = prepared.reading_time
        metadata["interview"] = prepared.outline
        metadata["profile"] = profile_of(metadata) if prepared.is_article else None
        return under_site_url(prepared.html, self.settings), under_site_url_summary(metadata, self.settings)

    def fields_of(self, meta: dict[str, list[str]], source_path: str) -> dict[str, Any]:
        """python-markdown's raw metadata as Pelican's Markdown reader processes it:
        formatted fields (``FORMATTED_FIELDS``) converted as Markdown, single-valued fields
        warned about when given twice, the others processed as Pelican does."""
        formatted = {f.lower() for f in self.settings.get("FORMATTED_FIELDS", [])}
        out: dict[str, Any] = {}
        md: Markdown | None = None
        for name, values in meta.items():
            if name in LIST_FIELDS:
                values = [item for v in values for item in ensure_metadata_list(v)]
                out[name] = self.process_metadata(name, safe_field(name, values, source_path))
                continue
            if name not in formatted:
                values = [safe_field(name, v, source_path) for v in values]
                if None in values:  # (an address left out)
                    continue
            if name in formatted:
                if md is None:
                    md = Markdown(**markdown_config(self.settings))
                    md.preprocessors.deregister("meta")  # (no metadata inside a field)
                md.reset()
                out[name] = self.process_metadata(name, md.convert("\n".join(values)))
            elif not DUPLICATES_DEFINITIONS_ALLOWED.get(name, True):
                if len(values) > 1:
                    logger.warning("Duplicate definition of `%s` for %s. Using first one.", name, source_path)
                out[name] = self.process_metadata(name, values[0])
            elif len(values) > 1:
                out[name] = self.process_metadata(name, values)
            else:
                out[name] = self.process_metadata(name, values[0] if values else "")
        return out

    def process_metadata(self, name: str, value: Any) -> Any:
        # A date written as YYYY-MM-DD [HH:MM[:SS]] is read without dateutil's parser (about
        # 0.1 ms a date); any other form, or an impossible date, goes to Pelican's parser.
        if name in ("date", "modified") and isinstance(value, str):
            date = iso_date(value, SafeDatetime)
            if date is not None:
                return date
        if name == "announced" and isinstance(value, str):
            return announced_date(value, self.settings)
        return super().process_metadata(name, value)


def announced_date(value: str, settings: dict[str, Any]) -> Any:
    """``Announced`` (a field Pelican does not know) read as Pelican reads ``Date``: with its
    offset when it has one (``spotlight import --announce`` writes it), else as a time of the
    post's zone (its ``Timezone``, else ``TIMEZONE``, else UTC, as Pelican reads ``Date``:
    :func:`publish.feed_date` gives it that zone). A value that is no date raises ValueError
    (the build's checks name the file first, for Markdown posts)."""
    return iso_date(value, SafeDatetime) or get_date(value)


def sanitizing(reader: type[BaseReader]) -> type[BaseReader]:
    """``reader`` whose HTML and summary are sanitized before Pelican sees them (for the
    formats other than Markdown: reStructuredText, HTML, another plugin's)."""

    def read(self: BaseReader, source_path: str) -> tuple[Any, dict[str, Any]]:
        content, metadata = reader.read(self, source_path)
        if isinstance(content, str):
            content = sanitize_html(content, metadata.get("audio") if isinstance(metadata.get("audio"), str) else None)  # (its own player kept)
        if isinstance(metadata.get("summary"), str):
            metadata["summary"] = safe_summary(metadata["summary"])
        for name in [n for n, v in metadata.items() if n in ADDRESS_CONTROL_FIELDS and isinstance(v, str) and _UNSAFE_CONTROL.search(v)]:
            # (the build's checks read Markdown posts only: another format's are checked here)
            logger.warning("%s: %s %r has a character an address cannot carry; left out", source_path, name.capitalize(), metadata.pop(name)[:80])
        if isinstance(metadata.get("announced"), str):
            try:
                metadata["announced"] = announced_date(metadata["announced"], self.settings)
            except (ValueError, OverflowError):
                logger.warning("%s: Announced %r is not a date; left out", source_path, metadata.pop("announced")[:80])
        safe = {name: safe_field(name, value, source_path) for name, value in metadata.items()}
        metadata = {name: value for name, value in safe.items() if value is not None}
        if isinstance(content, str):
            content = under_site_url(content, self.settings)
        return content, under_site_url_summary(metadata, self.settings)

    return type(f"Sanitizing{reader.__name__}", (reader,), {"read": read, "__doc__": f"{reader.__name__}, sanitized."})


def use_spotlight_readers(readers: Any) -> None:
    """``readers_init``: Markdown through :class:`SpotlightMarkdownReader`, every other
    format sanitized."""
    for ext, cls in list(readers.reader_classes.items()):
        if cls is None or cls is SpotlightMarkdownReader:
            continue
        if ext in SpotlightMarkdownReader.file_extensions:
            readers.reader_classes[ext] = SpotlightMarkdownReader
        elif ext != "static":
            readers.reader_classes[ext] = sanitizing(cls)
    for ext in SpotlightMarkdownReader.file_extensions:
        readers.reader_classes.setdefault(ext, SpotlightMarkdownReader)
