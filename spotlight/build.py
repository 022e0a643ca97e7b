"""Build: Pelican with the site's settings and our plugin into a folder beside ``output/``,
checked, indexed for search, then swapped into place.

Pelican on its own skips a broken post with exit code 0; here any post Pelican would skip
("Skipping", "Could not process") or any error it logs fails the build, names the file, and
leaves the last good ``output/`` exactly as it was.

What a build keeps for the next one, in ``.spotlight-cache/`` beside the output: the
fingerprint of everything it read (a build with nothing to do stops there), and Pelican's own
content cache (``CACHE_PATH``), in which the plugin keeps its prepared posts
(:mod:`spotlight.prepared`). Both are only good for the code and settings that made them.
"""

from __future__ import annotations

import contextlib
import functools
import glob
import hashlib
import json
import logging
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import BuildError, PostProblemsError
from .files import allowed_mode, code_version, settings_digest
from .forked import ChildFailed, can_fork, cores, run_split



@dataclass
class _Problems(logging.Handler):
    """Collects what Pelican logs at WARNING and above while it builds."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        logging.Handler.__init__(self, level=logging.WARNING)

    def __hash__(self) -> int:  # logging keeps handlers in sets/lists by identity
        return id(self)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        first_line = message.strip().split("\n")[0]
        from_pelican = record.name.startswith("pelican")
        if record.levelno >= logging.ERROR or from_pelican and ("Skipping" in message or "Could not process" in message):
            self.errors.append(first_line)
        else:
            self.warnings.append(first_line)


@contextlib.contextmanager
def collecting_problems() -> Iterator[_Problems]:
    """What Pelican and Spotlight log at WARNING and above while the block runs."""
    problems = _Problems()
    loggers = [logging.getLogger("pelican"), logging.getLogger("spotlight")]
    for logger in loggers:
        logger.addHandler(problems)
    try:
        yield problems
    finally:
        for logger in loggers:
            logger.removeHandler(problems)


@dataclass
class BuildResult:
    output: Path
    articles: int
    pages: int
    drafts: int
    warnings: list[str]
    up_to_date: bool = False
    search: dict[str, int] | None = None  # pages indexed, buckets indexed and kept


def cache_dir(settings: dict[str, Any]) -> Path:
    """Where builds keep what does not change between them (beside the output folder)."""
    configured = settings.get("SPOTLIGHT_CACHE_PATH")
    return Path(configured) if configured else Path(settings["OUTPUT_PATH"]).parent / ".spotlight-cache"


def input_stamp(settings: dict[str, Any]) -> str:
    """The fingerprint of everything a build reads: each file of the content folder and the
    theme (path, size, modification time), Spotlight's code and the settings."""
    digest = hashlib.sha256()
    for root in (Path(settings["PATH"]), Path(settings["THEME"])):
        for path in sorted(root.rglob("*"), key=lambda p: p.parts):
            try:
                st = path.stat()
            except OSError:
                continue
            if stat.S_ISREG(st.st_mode):
                digest.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    digest.update(f"{code_version()}\0{settings_digest(settings)}".encode())
    return digest.hexdigest()


def _due(last: dict[str, Any]) -> bool:
    """Whether a post the last build held back for its date has become due."""
    due = last.get("next_due")
    return isinstance(due, (int, float)) and due <= time.time()


def _nothing_to_do(last: dict[str, Any], stamp: str, output: Path) -> BuildResult | None:
    """The result of a build that has nothing to do: the last build read the same inputs
    into the same output, which is still there, and no held-back post has become due."""
    if _due(last) or last.get("stamp") != stamp or last.get("output") != str(output.resolve()) or not (output / "index.html").is_file():
        return None
    return BuildResult(output=output, warnings=[], up_to_date=True, **last.get("counts", {"articles": 0, "pages": 0, "drafts": 0}))


def content_cache_path(cache: Path, settings: dict[str, Any]) -> Path:
    """Pelican's content cache holds posts as Spotlight prepared them, so it is kept per
    version of Spotlight's code and of the settings: Pelican itself would serve posts prepared
    under other rules. Caches of other versions are removed."""
    version = hashlib.sha256(f"{code_version()}\0{settings_digest(settings)}".encode()).hexdigest()
    current = cache / f"pelican-{version[:16]}"
    if cache.is_dir():
        for old in cache.glob("pelican*"):
            if old != current and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
    return current


def _last_build(cache: Path) -> dict[str, Any]:
    try:
        return dict(json.loads((cache / "last-build.json").read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return {}


def _record_build(cache: Path, stamp: str, output: Path, counts: dict[str, Any], next_due: Any) -> None:
    """What :func:`_last_build` reads back: the inputs, output and counts of a build that worked."""
    cache.mkdir(parents=True, exist_ok=True)
    record = {"stamp": stamp, "output": str(output.resolve()), "counts": counts, "next_due": next_due}
    (cache / "last-build.json").write_text(json.dumps(record) + "\n", encoding="utf-8")


def run_settings_for(settings: dict[str, Any], output: Path) -> dict[str, Any]:
    """The settings a build runs Pelican with: the site's own, writing into ``output``, with
    Pelican's content cache on (unless ``SPOTLIGHT_CONTENT_CACHE`` is False), the prepared
    posts and compiled templates kept in :func:`cache_dir`."""
    cache = cache_dir(settings)
    run = dict(settings)
    run["OUTPUT_PATH"] = str(output)
    run["DELETE_OUTPUT_DIRECTORY"] = False
    run["CACHE_CONTENT"] = run["LOAD_CONTENT_CACHE"] = bool(settings.get("SPOTLIGHT_CONTENT_CACHE", True))
    run["CACHE_PATH"] = str(content_cache_path(cache, settings))
    run["SPOTLIGHT_PREPARED_PATH"] = str(cache / "prepared")  # (see spotlight.prepared)
    run["GZIP_CACHE"] = False  # compressing the cache cost more than reading it saves
    run["JINJA_ENVIRONMENT"] = with_template_cache(settings, cache)
    return run


def with_template_cache(settings: dict[str, Any], cache: Path) -> dict[str, Any]:
    """The site's ``JINJA_ENVIRONMENT`` with compiled templates kept in ``cache`` (Jinja
    checks each template's source before it uses what it kept)."""
    from jinja2 import FileSystemBytecodeCache

    (cache / "templates").mkdir(parents=True, exist_ok=True)
    return {**settings.get("JINJA_ENVIRONMENT", {}), "bytecode_cache": FileSystemBytecodeCache(str(cache / "templates"))}


def nothing_to_do(settings: dict[str, Any]) -> BuildResult | None:
    """The result of a build of ``settings`` that would have nothing to do (None: it has)."""
    return _nothing_to_do(_last_build(cache_dir(settings)), input_stamp(settings), Path(settings["OUTPUT_PATH"]))


def build_site(settings: dict[str, Any], *, force: bool = False) -> BuildResult:
    """Run Pelican into a temporary folder beside the output, index it for search, then swap
    it into place.

    When nothing the build reads has changed since the last successful build into the same
    output folder, nothing is done (``force`` builds anyway).
    """
    cache = cache_dir(settings)
    stamp = input_stamp(settings)
    output = Path(settings["OUTPUT_PATH"])
    last = _last_build(cache)
    if not force and (done := _nothing_to_do(last, stamp, output)) is not None:
        return done
    from .prepared import prepare_posts  # (after the no-change check: it loads the cleanup's checks)
    from .search import index_site

    run_settings = run_settings_for(settings, staging := _staging(output))
    # The plugin indexes the site for search when Pelican is done, keeping the buckets of the
    # output this build replaces that did not change.
    run_settings["SPOTLIGHT_SEARCH_PREVIOUS"] = None if force or not output.is_dir() else str(output)
    run_settings["SPOTLIGHT_SEARCH_REPORT"] = str(report := cache / "search-report.json")
    report.unlink(missing_ok=True)
    try:
        # The posts are checked and prepared before Pelican starts (the plugin asks again when
        # Pelican starts, and is answered from the store).
        found = prepare_posts(run_settings)
        if found.problems:
            raise PostProblemsError([str(p) for p in found.problems], str(output))
        shards = _shards(settings, found.posts)
        counts, errors, logged = _run_pelican(run_settings, output, shards=shards)
        warnings = found.warnings + [w for w in logged if w not in found.warnings]
        if errors:
            raise BuildError(f"The build failed: {len(errors)} problem(s); {output} was left as it was. Fix these and build again:", errors)
        search = None
        if settings.get("SEARCH_INDEX", True):
            if shards > 1:  # (each run wrote a share: the site is whole only now)
                previous = run_settings["SPOTLIGHT_SEARCH_PREVIOUS"]
                search = index_site(settings, staging, Path(previous) if previous else None)
            elif report.is_file():
                search = json.loads(report.read_text(encoding="utf-8"))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap_into_place(staging, output)
    next_due = counts.pop("next_due", None)
    _record_build(cache, stamp, output, counts, next_due)
    return BuildResult(output=output, warnings=warnings, search=search, **counts)


def _staging(output: Path) -> Path:
    """A new folder beside ``output`` for a build to write into (named after the build's
    process), with the permissions the umask allows: it becomes ``output/`` (mkdtemp makes it
    owner-only, which a web server running as another user cannot read). What a build that was
    killed left beside ``output`` is removed first."""
    output.parent.mkdir(parents=True, exist_ok=True)
    for left in output.parent.glob(f".{glob.escape(output.name)}.*-*"):
        kind, _, rest = left.name[len(output.name) + 2 :].partition("-")
        pid = rest.split("-")[0]
        if kind in ("building", "old") and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(left, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.building-{os.getpid()}-", dir=output.parent))
    os.chmod(staging, allowed_mode(0o777))
    return staging


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# Below this many posts, one Pelican run is quicker than several (each reads every post).
MIN_POSTS_TO_SHARD = 200


def _shards(settings: dict[str, Any], posts: int) -> int:
    """How many Pelican runs write the site at once: one per core (``SPOTLIGHT_JOBS`` at most)."""
    return cores(settings) if posts >= MIN_POSTS_TO_SHARD and can_fork() else 1


def _run_pelican(run_settings: dict[str, Any], output: Path, *, shards: int = 1) -> tuple[dict[str, Any], list[str], list[str]]:
    """Run Pelican with ``run_settings``: the counts of posts (and when the first post held
    back for its date is due), and the errors and warnings it logged. Raises
    :class:`BuildError` when it fails outright.

    With ``shards`` above one, Pelican runs that many times at once, each in its own process
    (:mod:`spotlight.forked`) and writing its share of the files (:mod:`pelican.plugins.spotlight.shard`):
    every run reads every post, from the prepared store, so each page is the one a single run
    would write. The first run writes into the output folder, keeps Pelican's content cache
    and copies the static files; the others write beside it, and their files are moved in."""
    if shards < 2:
        return _pelican_once(run_settings, output)
    staging = Path(run_settings["OUTPUT_PATH"])
    folders = [staging] + [Path(tempfile.mkdtemp(prefix=f"{staging.name}-shard-", dir=staging.parent)) for _ in range(1, shards)]
    runs = []
    for k, folder in enumerate(folders):
        settings = {**run_settings, "SPOTLIGHT_SHARD": [k, shards], "OUTPUT_PATH": str(folder)}
        if k:  # (the first run keeps Pelican's cache; static files are linked, not copied again)
            settings.update(CACHE_CONTENT=False, LOAD_CONTENT_CACHE=False, STATIC_CREATE_LINKS=True)
        runs.append(functools.partial(_pelican_once, settings, output))
    try:
        results = run_split(runs)
    except ChildFailed as exc:
        raise BuildError(f"The build failed: {exc}") from None
    finally:
        for folder in folders[1:]:
            _move_in(folder, staging)
    counts = results[0][0]
    errors = [e for _, found, _ in results for e in found]
    warnings = list(dict.fromkeys(w for _, _, found in results for w in found))
    return counts, list(dict.fromkeys(errors)), warnings


def _move_in(folder: Path, target: Path) -> None:
    """Move the files of ``folder`` into ``target`` where it has none by their name (a static
    file every run linked is the same file), then remove ``folder``."""
    for root, _, names in os.walk(folder):
        into = target / os.path.relpath(root, folder)
        into.mkdir(parents=True, exist_ok=True)
        for name in names:
            if not (into / name).exists():
                os.replace(os.path.join(root, name), into / name)
    shutil.rmtree(folder, ignore_errors=True)


def _pelican_once(run_settings: dict[str, Any], output: Path) -> tuple[dict[str, Any], list[str], list[str]]:
    """One run of Pelican (see :func:`_run_pelican`)."""
    from pelican import Pelican, signals

    counts: dict[str, Any] = {"articles": 0, "pages": 0, "drafts": 0}

    def count(generators: list[Any]) -> None:
        now = time.time()
        for generator in generators:
            counts["articles"] += len(getattr(generator, "articles", []))
            counts["drafts"] += len(getattr(generator, "drafts", []))
            counts["pages"] += len(getattr(generator, "pages", []))
            for draft in getattr(generator, "drafts", []):
                # Held back only by its date (not "Status: draft"): when is it due?
                date = getattr(draft, "date", None)
                if str(draft.metadata.get("status", "")).lower() != "draft" and date is not None and date.timestamp() > now:
                    counts["next_due"] = min(counts.get("next_due") or date.timestamp(), date.timestamp())

    signals.all_generators_finalized.connect(count)
    with collecting_problems() as problems:
        try:
            Pelican(run_settings).run()
        except PostProblemsError as exc:  # (from the plugin, before anything was written)
            raise PostProblemsError(exc.problems, str(output)) from None
        except BuildError:
            raise
        except Exception as exc:  # Pelican and Jinja raise many types; the author needs one message
            raise BuildError(f"The build failed: {type(exc).__name__}: {exc}", problems.errors) from exc
        finally:
            signals.all_generators_finalized.disconnect(count)
    return counts, problems.errors, problems.warnings


def _swap_into_place(staging: Path, output: Path) -> None:
    old = None
    if output.exists():
        old = output.with_name(f".{output.name}.old-{os.getpid()}")
        if old.exists():
            shutil.rmtree(old)
        os.replace(output, old)
    os.replace(staging, output)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
