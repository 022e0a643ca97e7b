"""Write stage, incremental: a page whose inputs did not change is not rendered again.

Each recorded page and e-mail edition gets a key: a digest of what it is made from. A page's
key covers the template, the output path, the values the generator handed it for this page
(the article, the articles of this tag or this page of the index…), with each post counted
by its source file, and the *site stamp*: Spotlight's code, the theme, the settings and the
list-level facts of every post (title, URL, dates, summary, metadata, reading time). Templates may show
any field of the posts they are handed, and the list-level facts of any other post; so an
edit to one interview's text re-renders its page, its e-mail edition and the listings that
show it, while an edit to a title (or anything in a post's metadata) re-renders everything.

After a successful build the keys are kept beside Pelican's cache (``render-keys.json``);
the next build links each page whose key is unchanged from the previous output (which the
build is about to replace) instead of rendering it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from array import array
from pathlib import Path
from collections.abc import Callable
from typing import Any

from pelican.urlwrappers import URLWrapper

from ..files import link_or_copy, no_gc, relative_path
from .later import Later

KEYS_FILE = "render-keys.json"
PREVIOUS_KEY = "_SPOTLIGHT_PREVIOUS_OUTPUT"  # settings: see previous_of
KEYS_KEY = "_SPOTLIGHT_RENDER_KEYS"  # settings: the keys of this build, for the build to save
BASE_STAMP_KEY = "_SPOTLIGHT_BASE_STAMP"  # settings: digest of code, theme and settings
_SKIPPED_ATTRIBUTES = frozenset({"settings", "_context", "context", "paginator", "_summary", "_content"})
_MAX_DEPTH = 4
# Lists at least this long have their digest (and the posts they hold) remembered by identity:
# the site's lists are handed to thousands of pages. A shorter one (a page of a listing, which
# Pelican makes anew for each page that shows it) is digested each time, and kept by nobody.
_CACHED_LIST = 64


class Fingerprints:
    """Digests of posts and of the values a page is rendered from."""

    def __init__(self, context: dict[str, Any], base_stamp: str, site: str | None = None) -> None:
        """``site``: the site stamp when it is known already (it is made from the base stamp
        and the list-level facts of every post in ``context``)."""
        self._posts: dict[int, str] = {}
        self._facts: dict[int, str] = {}
        self._lists: dict[int, tuple[Any, str, frozenset[str]]] = {}
        self._same_as_site: dict[int, tuple[Any, bool]] = {}
        self._site_lists: dict[int, list[list[int]]] = {}
        self.touched: set[str] = set()  # the source files of the posts fingerprinted since it was emptied
        self.shown_by: dict[str, array] = {}  # source file -> the numbers of the jobs handed the post
        for name in ("articles", "dates"):
            posts = context.get(name) or []
            if isinstance(posts, list) and posts:
                self._site_lists.setdefault(len(posts), []).append([id(p) for p in posts])
        if site is None:
            digest = hashlib.sha256(base_stamp.encode())
            for name, post in site_posts(context):
                digest.update(f"{name}\0{self.list_facts(post)}\n".encode("utf-8", "surrogatepass"))
            site = digest.hexdigest()
        self.site = site

    def handed(self, job: int) -> None:
        """Record that job number ``job`` was handed the posts :attr:`touched` holds."""
        for source in self.touched:
            known = self.shown_by.get(source)
            if known is None:
                known = self.shown_by[source] = array("L")
            known.append(job)

    def is_site_list(self, value: Any) -> bool:
        """Whether ``value`` holds the same posts as one of the site's own lists."""
        if not isinstance(value, list) or len(value) not in self._site_lists:
            return False
        known = self._same_as_site.get(id(value))
        if known is None or known[0] is not value:
            ids = [id(v) for v in value]
            known = (value, any(ids == site for site in self._site_lists[len(value)]))
            self._same_as_site[id(value)] = known
        return known[1]

    def list_facts(self, post: Any) -> str:
        """A digest of what a listing may show of ``post``."""
        known = self._facts.get(id(post))
        if known is None:
            known = self._facts[id(post)] = self.list_facts_of(post)
        return known

    @staticmethod
    def list_facts_of(post: Any) -> str:
        metadata = {k: v for k, v in getattr(post, "metadata", {}).items() if not k.startswith("_")}
        # (Reading time comes from the text, but cards in listings show it.)
        facts = [getattr(post, "source_path", ""), getattr(post, "url", ""), getattr(post, "save_as", ""), getattr(post, "status", ""), getattr(post, "reading_time", None)]
        return hashlib.sha256((repr(facts) + _plain(metadata, 0)).encode("utf-8", "surrogatepass")).hexdigest()

    def post(self, post: Any) -> str:
        """A post: its source file (path, size, modification time) and its list-level facts."""
        self.touched.add(getattr(post, "source_path", "") or "")
        cached = self._posts.get(id(post))
        if cached is None:
            source = getattr(post, "source_path", "") or ""
            try:
                st = os.stat(source)
                stamp = f"{source}\0{st.st_size}\0{st.st_mtime_ns}"
            except OSError:
                stamp = f"{source}\0{hash(getattr(post, '_content', ''))}"  # no file: its text decides
            cached = hashlib.sha256((stamp + "\0" + self.list_facts(post)).encode("utf-8", "surrogatepass")).hexdigest()
            self._posts[id(post)] = cached
        return cached

    def _items(self, value: list[Any] | tuple[Any, ...], depth: int) -> str:
        return "list:" + hashlib.sha256("\0".join(self.value(v, depth + 1) for v in value).encode("utf-8", "surrogatepass")).hexdigest()

    def value(self, value: Any, depth: int = 0) -> str:
        if isinstance(value, Later):
            return _plain(value, depth)
        if hasattr(value, "source_path") and hasattr(value, "metadata"):
            return "post:" + self.post(value)
        if isinstance(value, (list, tuple)):
            if len(value) < _CACHED_LIST:
                return self._items(value, depth)
            known = self._lists.get(id(value))
            if known is None or known[0] is not value:
                outer, self.touched = self.touched, set()
                try:
                    digest = self._items(value, depth)
                finally:
                    inner, self.touched = self.touched, outer
                known = (value, digest, frozenset(inner))
                self._lists[id(value)] = known  # keeps the list alive, so its id stays its own
            self.touched |= known[2]
            return known[1]
        if isinstance(value, (set, frozenset)):
            return "[" + ",".join(sorted(self.value(v, depth + 1) for v in value)) + "]"
        if type(value).__name__ == "Page" and hasattr(value, "object_list"):  # a page of a paginated listing
            paginator = getattr(value, "paginator", None)
            return f"page:{value.number}/{getattr(paginator, 'num_pages', '')}:{getattr(value, 'base_url', '')}:" + self.value(list(value.object_list), depth + 1)
        return _plain(value, depth, self.value)


SITE_LISTS = ("articles", "drafts", "pages", "hidden_pages", "draft_pages")


def site_posts(context: dict[str, Any]) -> list[tuple[str, Any]]:
    """Every post of the site, with the name of the list that holds it."""
    return [(name, post) for name in SITE_LISTS for post in context.get(name, []) or []]


def _plain(value: Any, depth: int, inner: Callable[[Any, int], str] | None = None) -> str:
    """``value`` written out; what it holds is written by ``inner`` (this function by default,
    :meth:`Fingerprints.value` for the values a page is handed)."""
    inner = inner or _plain
    if isinstance(value, Later):  # (made from what the key holds already; not worked out here)
        return "later"
    if value is None or isinstance(value, (str, bytes, int, float, bool)):
        return repr(value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, dict):
        return "{" + ",".join(f"{k!r}:{inner(v, depth + 1)}" for k, v in sorted(value.items(), key=lambda kv: repr(kv[0]))) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(inner(v, depth + 1) for v in value) + "]"
    if hasattr(value, "render") and hasattr(value, "name"):  # a template
        return f"template:{value.name}"
    if isinstance(value, URLWrapper):  # a tag, category or author: its slug is worked out when first asked for
        return f"{type(value).__name__}({value.name!r},{value.slug!r})"
    if depth >= _MAX_DEPTH:
        return type(value).__name__
    attributes = getattr(value, "__dict__", None)
    if attributes is None:
        return f"{type(value).__name__}:{value!s}"
    fields = {k: v for k, v in attributes.items() if k not in _SKIPPED_ATTRIBUTES}
    return f"{type(value).__name__}(" + ",".join(f"{k}={inner(v, depth + 1)}" for k, v in sorted(fields.items())) + ")"


def page_key(fingerprints: Fingerprints, template: Any, handed: dict[str, Any]) -> str:
    """The key of one page: the template and what the generator handed it beyond the site's
    shared context (``handed``)."""
    own = dict(handed)
    for key, value in own.items():
        if fingerprints.is_site_list(value):  # all the site's posts (``all_articles``): list level
            own[key] = f"the site's {len(value)} posts"
    for key in [k for k in own if k.endswith("_paginator")]:
        # A paginated listing shows the items of its page in full; the whole list (and its
        # paginator) only at list level, which the site stamp already covers.
        name = key.removesuffix("_paginator")
        paginator = own[key]
        own[key] = f"paginator of {getattr(paginator, 'count', '')} in {getattr(paginator, 'num_pages', '')}"
        if name in own and f"{name}_page" in own:
            own[name] = f"list of {len(own[name])}"
    digest = hashlib.sha256(f"{fingerprints.site}\0{getattr(template, 'name', '')}\0".encode())
    digest.update(fingerprints.value(own).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def reuse(previous: dict[str, Any] | None, outputs: list[str], key: str, output_root: str) -> bool:
    """Link (or copy) each of ``outputs`` from the previous build when that build made them
    from the same key; False (and nothing linked) when any of them must be rendered."""
    if not previous:
        return False
    old_root = previous["output"]
    keys = previous["keys"]
    pairs = []
    for path in outputs:
        relative = relative_path(path, output_root)
        old = os.path.join(old_root, relative)
        if keys.get(relative) != key or not os.path.isfile(old):
            return False
        pairs.append((old, path))
    for old, new in pairs:
        link_or_copy(old, new)
    return True


def load_previous(cache: Path, output: Path) -> dict[str, Any] | None:
    """The keys of the build that made ``output`` (None when there is no such build)."""
    try:
        with no_gc():
            record = json.loads((cache / KEYS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("output") != str(output.resolve()) or not output.is_dir():
        return None
    keys = record.get("keys")
    return {"output": str(output.resolve()), "keys": keys if isinstance(keys, dict) else {}}


def previous_of(settings: dict[str, Any]) -> dict[str, Any] | None:
    """The keys of the build whose output this one replaces: ``settings[PREVIOUS_KEY]`` is
    None, or (cache folder, output folder) until they are first asked for. They are loaded in
    the process that needs them, not in the one that starts the build (where a copy would
    only take memory while the build runs)."""
    previous = settings.get(PREVIOUS_KEY)
    if isinstance(previous, tuple):
        previous = settings[PREVIOUS_KEY] = load_previous(Path(previous[0]), Path(previous[1]))
    return previous


def save_keys(cache: Path, output: Path, keys: dict[str, str]) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    temporary = cache / (KEYS_FILE + ".tmp")
    temporary.write_text(json.dumps({"output": str(output.resolve()), "keys": keys}, sort_keys=True), encoding="utf-8")
    os.replace(temporary, cache / KEYS_FILE)
