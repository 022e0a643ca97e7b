"""Prepared posts: every Markdown post checked, converted and prepared once, on every core,
and kept by the hash of what it is made from.

Pelican reads posts one by one on one core, and python-markdown with the sanitizer and the
Q&A markup is most of a cold build. Before Pelican reads anything, :func:`prepare_posts`
lists the posts Pelican will read, hashes each file's bytes with what else decides the result
(Spotlight's code, the Markdown settings, the post's path and kind, the site's author), and
makes what the store does not hold yet, a share on each core (:mod:`spotlight.forked`): the build's checks of the file
(:func:`spotlight.validate.check_post`, the junk scan of :mod:`spotlight.check`) and, for a
post that passes them, its metadata as python-markdown reads it and its
:class:`~spotlight.render.Prepared` HTML. The plugin's reader then takes each post from the
store (:func:`read_post`), or makes it itself when it is not there.

The store is one folder of pickles named by hash, under Pelican's ``CACHE_PATH`` when
Pelican caches content (``CACHE_CONTENT``); without it, posts are made when read. What the
checks found in a whole set of files is kept too, so asking again about the same files costs
only their hashing. A build removes what none of its posts needs. Pelican's own content cache stays in front of it: a post
whose file did not change is not even read.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import markdown

from .check import find_junk
from .files import code_version
from .forked import can_fork, cores, run_split
from .render import Prepared, prepare_html
from .validate import MAX_POST_BYTES, Problem, audio_file_problems, check_post, local_audio, post_candidates, problems_between

STORE_FOLDER = "spotlight-prepared"
MIN_PARALLEL = 40  # posts to make before a process pool pays for itself

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Converted:
    """A post as the reader hands it to Pelican: python-markdown's metadata (each field's raw
    lines, as its ``meta`` extension reads them) and the prepared HTML."""

    meta: dict[str, list[str]]
    prepared: Prepared


@dataclass(frozen=True)
class Entry:
    """What the store keeps of one post file."""

    problems: list[Problem]  # what stops a build
    fields: dict[str, tuple[str, int]] | None  # its header fields with their lines (for checks between posts)
    warnings: list[str]  # what does not stop a build
    post: Converted | None  # None when a problem stops it


@dataclass
class Preparation:
    """What :func:`prepare_posts` found: the problems that stop the build, the warnings, and
    how many posts were made now (the others came from the store)."""

    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    made: int = 0
    posts: int = 0
    audio: list[tuple[str, str, int]] = field(default_factory=list)  # (post, Audio, line): the site's audio files posts name


def markdown_config(settings: dict[str, Any]) -> dict[str, Any]:
    """``MARKDOWN`` as Pelican's Markdown reader completes it: every configured extension
    listed, and ``meta`` always there."""
    config = dict(settings.get("MARKDOWN") or {})
    configs = dict(config.get("extension_configs") or {})
    extensions = list(config.get("extensions") or [])
    for name in configs:
        if name not in extensions:
            extensions.append(name)
    if "markdown.extensions.meta" not in extensions:
        extensions.append("markdown.extensions.meta")
    config["extension_configs"], config["extensions"] = configs, extensions
    return config


def recipe_of(settings: dict[str, Any]) -> dict[str, Any]:
    """The settings a post's entry depends on (and nothing else: picklable, small)."""
    default_author = (settings.get("DEFAULT_METADATA") or {}).get("author") or settings.get("AUTHOR")
    return {
        "markdown": markdown_config(settings),
        "author": str(default_author) if default_author else None,
        "limit": int(settings.get("MAX_POST_BYTES", MAX_POST_BYTES)),
        "formatted": sorted(f.lower() for f in settings.get("FORMATTED_FIELDS", ["summary"])),
    }


def _recipe_digest(recipe: dict[str, Any]) -> bytes:
    return hashlib.sha256(f"{code_version()}\0{recipe!r}".encode("utf-8", "surrogateescape")).digest()


def entry_key(recipe_digest: bytes, path: str, kind: str, data: bytes) -> str:
    """The store's name for a post file's entry (its path is in it: messages name the file)."""
    return hashlib.sha256(recipe_digest + f"{path}\0{kind}\0".encode("utf-8", "surrogateescape") + data).hexdigest()


def store_folder(settings: dict[str, Any]) -> Path | None:
    """Where entries are kept: ``SPOTLIGHT_PREPARED_PATH``, else ``spotlight-prepared`` in
    Pelican's ``CACHE_PATH`` when Pelican caches content (None: no store)."""
    if settings.get("SPOTLIGHT_PREPARED_PATH"):
        return Path(settings["SPOTLIGHT_PREPARED_PATH"])
    if not settings.get("CACHE_CONTENT") or not settings.get("CACHE_PATH"):
        return None
    return Path(settings["CACHE_PATH"]) / STORE_FOLDER


def kind_of(path: str | Path, settings: dict[str, Any]) -> str:
    """"page" for a file under one of ``PAGE_PATHS``, else "article"."""
    content = os.path.abspath(settings["PATH"])
    relative = os.path.relpath(os.path.abspath(path), content).split(os.sep)
    for folder in settings.get("PAGE_PATHS", []):
        parts = [p for p in folder.split("/") if p]
        if parts and relative[: len(parts)] == parts:
            return "page"
    return "article"


def _author(meta: dict[str, list[str]], default: str | None) -> str | None:
    """The post's author as Pelican will name it: ``Author``, else the first of ``Authors``,
    else the default."""
    for key in ("author", "authors"):
        values = meta.get(key) or []
        value = values[0] if values else ""
        if key == "authors":
            value = value.split(",")[0]
        if value.strip():
            return value.strip()
    return default


@functools.lru_cache(maxsize=4)
def _markdowns(config_key: str) -> list[markdown.Markdown]:
    return []


def _converter(config_key: str, config: dict[str, Any]) -> markdown.Markdown:
    """A python-markdown converter for ``config``, reset for a new document: one per process
    and configuration is reused (making one costs about a millisecond, a third of a post's
    conversion)."""
    kept = _markdowns(config_key)
    if not kept:
        kept.append(markdown.Markdown(**config))
    return kept[0].reset()


def make_entry(path: str, data: bytes, kind: str, recipe: dict[str, Any]) -> Entry:
    """One post file checked and, when nothing stops it, converted and prepared."""
    problems, fields, warnings = check_post(path, data, kind=kind, limit=recipe["limit"])
    if problems or fields is None:
        return Entry(problems, fields, warnings, None)
    text = data.decode("utf-8-sig")
    junk = [f"leftover junk: {finding}" for finding in find_junk(text, path)]
    md = _converter(repr(recipe["markdown"]), recipe["markdown"])
    try:
        html = md.convert(text)
    except RecursionError:  # (deep nesting is refused by the checks; anything else is a problem too)
        return Entry([Problem(path, "is nested too deeply for Markdown to render; flatten its lists or quotes")], fields, warnings, None)
    meta = {k.lower(): list(v) for k, v in getattr(md, "Meta", {}).items()}
    is_article = kind == "article"
    author = _author(meta, recipe["author"]) if is_article else None
    audio = (meta.get("audio") or [None])[0]  # (its own player may stay in the HTML)
    prepared = prepare_html(html, author, is_article, own_summary="summary" in meta and "summary" in recipe["formatted"], media=audio)
    return Entry(problems, fields, junk + warnings, Converted(meta, prepared))


def _make_into(jobs: list[tuple[str, str, str]], recipe: dict[str, Any], folder: Path) -> None:
    """Make the entries of these (key, path, kind) files into the store (in a child process:
    see :func:`spotlight.forked.run_split`)."""
    for key, path, kind in jobs:
        try:
            data = Path(path).read_bytes()
        except OSError:
            continue  # (gone since it was listed: Pelican will say so)
        _save(folder, key, make_entry(path, data, kind, recipe))


def _save(folder: Path, key: str, entry: Any) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".{key}.{os.getpid()}.tmp"
        with open(temporary, "wb") as fh:
            pickle.dump(entry, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, folder / key)
        return True
    except OSError:
        return False


def _load(folder: Path | None, key: str, kind: type = Entry) -> Any:
    """What the store keeps under ``key`` (an :class:`Entry`, or ``kind``); None when it has none."""
    if folder is None:
        return None
    try:
        with open(folder / key, "rb") as fh:
            kept = pickle.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return kept if isinstance(kept, kind) else None


def prepare_posts(settings: dict[str, Any]) -> Preparation:
    """Check every post Pelican will read and fill the store with what it lacks (see the
    module's docstring)."""
    recipe = recipe_of(settings)
    digest = _recipe_digest(recipe)
    folder = store_folder(settings)
    listed = []
    for kind, path in post_candidates(settings):
        try:
            data = path.read_bytes()
        except OSError:
            continue
        listed.append((entry_key(digest, str(path), kind, data), str(path), kind, data))
    summary = _summary_name(listed, settings)
    known = _load(folder, summary, Preparation)
    if known is not None:  # (these very files were prepared and checked before)
        return _with_audio_files(known, settings)
    entries: dict[str, Entry] = {}
    missing = []
    for key, path, kind, data in listed:
        entry = _load(folder, key)
        if entry is not None:
            entries[key] = entry
        elif key not in entries:
            missing.append((key, path, kind, data))
    workers = cores(settings)
    result = Preparation(made=len(missing), posts=len(listed))
    if folder is not None and workers > 1 and len(missing) >= MIN_PARALLEL and can_fork():
        # Each core makes a share of the posts into the store; they are read back from there.
        chunks = [[(key, path, kind) for key, path, kind, _ in missing[k::workers]] for k in range(workers)]
        run_split([functools.partial(_make_into, chunk, recipe, folder) for chunk in chunks])
        for key, path, kind, data in missing:
            entry = _load(folder, key)
            entries[key] = entry if entry is not None else make_entry(path, data, kind, recipe)
    else:
        for key, path, kind, data in missing:
            entry = make_entry(path, data, kind, recipe)
            entries[key] = entry
            if folder is not None:
                _save(folder, key, entry)
    between = []
    for key, path, kind, _ in listed:
        entry = entries.get(key)
        if entry is None:
            continue
        result.problems.extend(entry.problems)
        result.warnings.extend(entry.warnings)
        if entry.fields is not None:
            between.append((Path(path), kind, entry.fields))
            audio = local_audio(str(path), entry.fields)
            if audio is not None:
                result.audio.append(audio)
    result.problems.extend(problems_between(settings, between))
    if folder is not None and folder.is_dir():
        keep = {key for key, *_ in listed} | {summary}
        _save(folder, summary, Preparation(list(result.problems), list(result.warnings), 0, result.posts, list(result.audio)))
        for name in os.listdir(folder):
            if name not in keep:
                try:
                    os.unlink(folder / name)
                except OSError:
                    pass
    return _with_audio_files(result, settings)


def _with_audio_files(found: Preparation, settings: dict[str, Any]) -> Preparation:
    """``found`` with the problems of the audio files its posts name: checked every time, since
    they are other files than the posts the store is keyed by."""
    problems = audio_file_problems(settings, found.audio) if found.audio else []
    return replace(found, problems=found.problems + problems) if problems else found


# The settings the checks between posts read (slugs and the pages they make).
_BETWEEN_SETTINGS = ("ARTICLE_URL", "PAGE_URL", "SLUG_REGEX_SUBSTITUTIONS", "SLUGIFY_USE_UNICODE", "SLUGIFY_SOURCE")


def _summary_name(listed: list[tuple[str, str, str, bytes]], settings: dict[str, Any]) -> str:
    """The store's name for what :func:`prepare_posts` found in exactly these files."""
    digest = hashlib.sha256(repr([settings.get(k) for k in _BETWEEN_SETTINGS]).encode("utf-8", "surrogateescape"))
    digest.update("\0".join(key for key, *_ in listed).encode())
    return "found-" + digest.hexdigest()


def read_post(path: str, settings: dict[str, Any], recipe: dict[str, Any] | None = None) -> Converted | None:
    """The post at ``path`` as the store holds it, or made now when it does not (None: a
    problem stops it, which the build reports before Pelican reads it). ``recipe``:
    :func:`recipe_of` the settings, when the caller keeps it for many posts."""
    recipe = recipe or recipe_of(settings)
    kind = kind_of(path, settings)
    data = Path(path).read_bytes()
    folder = store_folder(settings)
    key = entry_key(_recipe_digest(recipe), str(path), kind, data)
    entry = _load(folder, key)
    if entry is None:
        entry = make_entry(path, data, kind, recipe)
        if folder is not None:
            _save(folder, key, entry)
    return entry.post
