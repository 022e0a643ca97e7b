"""The body store: each post's prepared HTML lives in a file of the build cache, not in memory.

A build needs a post's full HTML only where a page shows it (its own page, its e-mail
edition, the feeds that carry it), and those are rendered in worker processes. So the
reader writes the prepared HTML to ``<CACHE_PATH>/bodies/<sha256 of the HTML>`` and hands
Pelican an empty body plus the digest (``BODY_KEY`` in the metadata). Pelican's content
cache then holds only metadata, and the content object reads its HTML from the store when a
template asks for it (:class:`StoredArticle`, :class:`StoredPage`). At 5,000 interviews this
takes the HTML of every post (about 20 KB each, with the cache's copy) out of the build's
memory, and loading Pelican's cache no longer unpickles it on every build.

An interview's outline (its questions, for the contents list on its own page) is stored with
its HTML: a file holds the outline as one line of JSON, then the HTML. Like the HTML, it is
read only by the page that shows it.

Files are named by their contents, so a stale reference can never show other text; bodies no
post refers to any more are removed after a successful build (:func:`prune`).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from typing import Any

from pelican.contents import Article, Page

from ..errors import BuildError

BODY_KEY = "_spotlight_body"  # metadata: the digest of the post's HTML in the store
KEEP_KEY = "_SPOTLIGHT_BODIES"  # settings: the digests this build's posts refer to
_DIR = "bodies"


def store_dir(settings: dict[str, Any]) -> str | None:
    """Where bodies are kept; None where they stay in memory (no cache folder, or a setting
    that rewrites the body after it is read, which an empty body would defeat)."""
    if not settings.get("CACHE_PATH") or settings.get("TYPOGRIFY") or not settings.get("SPOTLIGHT_BODY_STORE", True):
        return None
    return os.path.join(settings["CACHE_PATH"], _DIR)


def put(directory: str, html: str, outline: Any = ()) -> str:
    """Store ``html`` and the interview's ``outline`` (its questions: (anchor, text) pairs);
    the entry's digest."""
    head = json.dumps([[anchor, text] for anchor, text in getattr(outline, "questions", outline)], ensure_ascii=False)
    data = (head + "\n" + html).encode("utf-8", "surrogatepass")
    digest = hashlib.sha256(data).hexdigest()
    path = os.path.join(directory, digest)
    if not os.path.exists(path):
        os.makedirs(directory, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".tmp-")
        with os.fdopen(handle, "wb") as fh:
            fh.write(data)
        os.replace(temporary, path)  # two workers storing the same body: either one wins
    return digest


def get(directory: str, digest: str, source: str) -> str:
    """The HTML of entry ``digest`` (of the post ``source``)."""
    return _read(directory, digest, source)[1]


def get_outline(directory: str, digest: str, source: str) -> Any:
    """The outline of entry ``digest`` (an :class:`~spotlight.plugin.article.Outline`)."""
    from .article import Outline, Question  # (the article module stores through this one)

    return Outline(tuple(Question(anchor, text) for anchor, text in json.loads(_read(directory, digest, source)[0])))


_last: tuple[str, str, tuple[str, str]] | None = None  # a page reads an entry's HTML and outline


def _read(directory: str, digest: str, source: str) -> tuple[str, str]:
    global _last
    if _last is not None and _last[0] == directory and _last[1] == digest:
        return _last[2]
    try:
        with open(os.path.join(directory, digest), "rb") as fh:
            head, _, html = fh.read().decode("utf-8", "surrogatepass").partition("\n")
    except OSError as exc:
        raise BuildError(f"{source}: the build cache lost this post's text ({exc.strerror}); build again with --force") from None
    _last = (directory, digest, (head, html))
    return head, html


def missing(directory: str, digest: Any) -> bool:
    return not isinstance(digest, str) or not os.path.isfile(os.path.join(directory, digest))


class _StoredBody:
    """A content object whose HTML is read from the store each time it is asked for (Pelican
    memoizes the finished HTML per page it renders)."""

    _spotlight_store: str
    _spotlight_body: str
    _spotlight_links: bool

    @property
    def _content(self) -> str:
        inline = self.__dict__.get("_spotlight_inline")
        if inline is not None:
            return str(inline)
        return get(self._spotlight_store, self._spotlight_body, str(getattr(self, "source_path", "")))

    @_content.setter
    def _content(self, value: str) -> None:  # someone set the HTML: it is held from now on
        self.__dict__["_spotlight_inline"] = value

    def get_static_links(self) -> set[str]:
        # Pelican looks for {static} and {attach} links in every post it reads; a post whose
        # prepared HTML cannot hold one (noted when it was prepared) is not read back for it.
        if self.__dict__.get("_spotlight_links") is False and "_spotlight_inline" not in self.__dict__:
            return set()
        return super().get_static_links()  # type: ignore[misc, no-any-return]

    def _update_content(self, content: str, siteurl: str) -> str:
        # Pelican rewrites {static}-style links in a post's HTML each time a page shows it
        # (about 80 µs for a 15 KB post, three times per post); text that cannot hold one
        # comes back unchanged, so the search for them is skipped.
        from .article import may_link

        if content and not may_link(content, self.settings.get("INTRASITE_LINK_REGEX", "")):
            return content
        return super()._update_content(content, siteurl)  # type: ignore[misc, no-any-return]

    @property
    def interview(self) -> Any:
        inline = self.__dict__.get("_spotlight_outline")
        if inline is not None:
            return inline
        return get_outline(self._spotlight_store, self._spotlight_body, str(getattr(self, "source_path", "")))

    @interview.setter
    def interview(self, value: Any) -> None:
        self.__dict__["_spotlight_outline"] = value


class StoredArticle(_StoredBody, Article):
    pass


class StoredPage(_StoredBody, Page):
    pass


# Pelican reads a content object's settings by its type's name (ARTICLE_URL, PAGE_SAVE_AS...)
# and so may a theme or plugin; ``__qualname__`` stays, for pickle to find the class.
StoredArticle.__name__ = "Article"
StoredPage.__name__ = "Page"


def attach(content: Any, directory: str, digest: str, *, links: bool = True) -> bool:
    """Make ``content`` read its HTML from the store; False for a type this cannot do.
    ``links``: whether that HTML may hold a link Pelican resolves (see ``article.may_link``)."""
    stored = {Article: StoredArticle, Page: StoredPage}.get(type(content))
    if stored is None:
        return False
    for held in ("_content", "_spotlight_inline", "interview", "_spotlight_outline"):
        content.__dict__.pop(held, None)
    content._spotlight_store, content._spotlight_body = directory, digest
    content._spotlight_links = bool(links)
    content.__class__ = stored
    return True


def prune_unused(pelican: Any) -> None:
    """``finalized`` (after the pages are written): remove the bodies no post refers to."""
    prune(store_dir(pelican.settings), pelican.settings.get(KEEP_KEY) or set())


def prune(directory: str | None, keep: set[str]) -> None:
    """Remove the bodies not in ``keep``."""
    if not directory or not os.path.isdir(directory):
        return
    for entry in os.scandir(directory):
        if entry.name not in keep:
            prune_one(directory, entry.name)


def prune_one(directory: str, digest: str) -> None:
    """Remove one body."""
    try:
        os.unlink(os.path.join(directory, digest))
    except OSError:
        pass
