"""Build: Pelican with our settings into a temporary folder, checked, then swapped into
``output/``.

Pelican on its own skips a broken post with exit code 0; here any post Pelican would skip
("Skipping", "Could not process") or any error it logs fails the build, names the file, and
leaves the last good ``output/`` exactly as it was.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import logging
import os
import pickle
import shutil
import stat
import sys
import tempfile
import time
from dataclasses import dataclass, field
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import BuildError, UsageError
from .files import code_version, path_order, release_memory, remove_in_background, settings_digest
from .search import BUCKET_SIZE as SEARCH_BUCKET_SIZE
from .search import RECENT_LIMIT, RECENT_PADDING
from .search import index_for_search
from .validate import Validation, start_validation

SETTINGS_FILE = "pelicanconf.py"
PUBLISH_SETTINGS_FILE = "publishconf.py"


def parse_overrides(pairs: list[str]) -> dict[str, Any]:
    """``KEY=VALUE`` pairs as Pelican's ``--extra-settings`` reads them: VALUE is JSON, or a
    plain string when it is not valid JSON."""
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"-e {pair!r}: expected KEY=VALUE, for example -e SITENAME='\"My site\"'")
        try:
            out[key.strip()] = json.loads(value)
        except json.JSONDecodeError:
            out[key.strip()] = value
    return out


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
    quick: bool = False  # only the text of a few posts changed: built without Pelican
    rendered: int = 0  # pages, feeds and e-mail editions rendered by this build
    reused: int = 0  # ... and kept from the previous build because their inputs did not change


def cache_dir(settings: dict[str, Any]) -> Path:
    """Where builds keep what does not change between them (beside the output folder)."""
    configured = settings.get("SPOTLIGHT_CACHE_PATH")
    return Path(configured) if configured else Path(settings["OUTPUT_PATH"]).parent / ".spotlight-cache"


_POST_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown")


def input_stamps(settings: dict[str, Any]) -> tuple[str, str, dict[str, list[int]]]:
    """Two fingerprints, from one walk over the content folder and the theme (each file's
    path, size and modification time), Spotlight's code and the settings, and the posts'
    own stamps (``{path: [size, modification time]}``):

    - everything a build reads (unchanged: the build has nothing to do);
    - the same without the posts: what every page may depend on (the theme, the settings, the
      code, and the content folder's other files: an image's size reaches the e-mail
      editions and the feeds' enclosures).
    """
    return _stamps(Path(settings["PATH"]), Path(settings["THEME"]), settings_digest(settings))


def _stamps(content: Path, theme: Path, digest_of_settings: str) -> tuple[str, str, dict[str, list[int]]]:
    everything, base = hashlib.sha256(), hashlib.sha256()
    posts: dict[str, list[int]] = {}
    for root in (content, theme):
        for path in sorted(root.rglob("*"), key=path_order):
            try:
                st = path.stat()
            except OSError:
                continue
            if stat.S_ISREG(st.st_mode):
                line = f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "surrogateescape")
                everything.update(line)
                if root != content or path.suffix.lower() not in _POST_SUFFIXES:
                    base.update(line)
                else:
                    posts[str(path)] = [st.st_size, st.st_mtime_ns]
    for digest in (everything, base):
        digest.update(f"{code_version()}\0{digest_of_settings}".encode())
    return everything.hexdigest(), base.hexdigest(), posts


# Reading the settings means importing Pelican (about 0.15 s): a build with nothing to do
# skips it when it is run the same way as a build that remembered what its settings were.
_MEMO_FILE = "settings-memo.json"
_SHELL_BOOKKEEPING = frozenset({"_", "OLDPWD", "PWD", "SHLVL"})  # change with how a command is started


def invocation_key(project: Path, content: Path | None, output: Path | None, publish: bool, overrides: list[str]) -> str:
    """What decides a build's settings: how it was asked for, the project's Python files
    (the settings and anything they import from the project), the environment (settings
    files may read it), Spotlight's code and the installed Pelican."""
    import importlib.util

    digest = hashlib.sha256(repr((str(project), str(content), str(output), publish, list(overrides), os.getcwd(), sorted((k, v) for k, v in os.environ.items() if k not in _SHELL_BOOKKEEPING), sys.version, code_version())).encode("utf-8", "surrogateescape"))
    spec = importlib.util.find_spec("pelican")
    for path in sorted(project.glob("*.py")) + ([Path(spec.origin)] if spec and spec.origin else []):
        try:
            st = path.stat()
        except OSError:
            continue
        digest.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def remember_settings(project: Path, key: str, settings: dict[str, Any], digest: str | None = None) -> None:
    """After a successful build: what :func:`up_to_date` needs of its settings. ``digest``:
    the settings' digest as the build took it (before anything could change them)."""
    path = project / ".spotlight-cache" / _MEMO_FILE
    try:
        memo = dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        memo = {}
    memo.pop(key, None)
    memo[key] = {"content": str(settings["PATH"]), "theme": str(settings["THEME"]), "output": str(Path(settings["OUTPUT_PATH"]).resolve()), "cache": str(cache_dir(settings)), "settings": digest or settings_digest(settings)}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.with_suffix(".tmp").write_text(json.dumps(dict(list(memo.items())[-8:])), encoding="utf-8")
        os.replace(path.with_suffix(".tmp"), path)
    except OSError:
        pass


def up_to_date(project: Path, key: str, seen: dict[str, Any] | None = None) -> BuildResult | None:
    """The result of a build with nothing to do, found without reading the settings; None
    when that cannot be told this way (the build then reads them and decides). ``seen``: given
    the stamps taken, which :func:`build_site` can use when its settings turn out the same."""
    try:
        entry = json.loads((project / ".spotlight-cache" / _MEMO_FILE).read_text(encoding="utf-8"))[key]
        stamps = _stamps(Path(entry["content"]), Path(entry["theme"]), entry["settings"])
        last = _last_build(Path(entry["cache"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if seen is not None:
        seen["stamps"] = ((entry["content"], entry["theme"], entry["settings"]), stamps)
    return _nothing_to_do(last, stamps[0], Path(entry["output"]))


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
    """Pelican's content cache holds posts as Spotlight prepared them (converted, sanitized,
    marked up), so it is kept per version of Spotlight's code and of the settings: Pelican
    itself would serve posts prepared under other rules. Caches of other versions are removed."""
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


def load_settings(
    project: Path,
    *,
    content: Path | None = None,
    output: Path | None = None,
    publish: bool = False,
    overrides: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Pelican settings from the project's ``pelicanconf.py`` (or ``publishconf.py``)."""
    from pelican.settings import read_settings

    name = PUBLISH_SETTINGS_FILE if publish else SETTINGS_FILE
    path = project / name
    if not path.is_file():
        raise UsageError(f"{path}: not found. Run spotlight from your site's folder (the one with {SETTINGS_FILE}).")
    override: dict[str, Any] = dict(overrides or {})
    if content is not None:
        override["PATH"] = str(content.resolve())
    if output is not None:
        override["OUTPUT_PATH"] = str(output.resolve())
    if str(project) not in sys.path:
        sys.path.insert(0, str(project))  # publishconf.py imports pelicanconf.py
    cwd = os.getcwd()
    try:
        os.chdir(project)  # relative paths in the settings are relative to the project
        settings = read_settings(str(path), override=override)
    finally:
        os.chdir(cwd)
    for key in ("PATH", "OUTPUT_PATH", "THEME"):
        value = settings.get(key)
        if value and not os.path.isabs(value):
            settings[key] = str((project / value).resolve())
    if not Path(settings["PATH"]).is_dir():
        raise UsageError(f"{settings['PATH']}: the content folder does not exist")
    return settings


def build_site(settings: dict[str, Any], *, force: bool = False, stamps: Any = None) -> BuildResult:
    """Run Pelican into a temporary folder beside the output, then swap it into place.

    When nothing the build reads has changed since the last successful build into the same
    output folder, nothing is done (``force`` builds anyway). Markdown that has not changed is
    not converted again (Pelican's content cache, kept in :func:`cache_dir`). ``stamps``: the
    input stamps :func:`up_to_date` took just before, used when taken for these settings.
    """
    cache = cache_dir(settings)
    if stamps is not None and stamps[0] == (str(settings["PATH"]), str(settings["THEME"]), settings_digest(settings)):
        stamp, base, post_stamps = stamps[1]
    else:
        stamp, base, post_stamps = input_stamps(settings)
    output_path = Path(settings["OUTPUT_PATH"])
    last = _last_build(cache)
    waiting = _due(last)  # a post dated in the future waits; once its time comes, build
    if not force and (done := _nothing_to_do(last, stamp, output_path)) is not None:
        return done

    # What stops a build is found now; the junk scan's advice comes from another process.
    validation = start_validation(settings, cache=cache)
    try:
        return _build(settings, validation, cache, stamp, base, post_stamps, output_path, last, waiting, force)
    finally:
        validation.close()
        gc.unfreeze()  # (what caches read was frozen: see files.no_gc)


def _build(settings: dict[str, Any], validation: Validation, cache: Path, stamp: str, base: str, post_stamps: dict[str, Any], output: Path, last: dict[str, Any], waiting: bool, force: bool) -> BuildResult:
    from .plugin import incremental, quick  # (after the no-op check: it loads Pelican and the plugin)
    from .plugin.parallel import COUNTS_KEY, SEARCH_KEY, SEARCHED_KEY, SNAPSHOT_KEY, WRITTEN_KEY

    if validation.problems:
        raise BuildError(
            f"Nothing was built: {len(validation.problems)} problem(s) in the posts; {settings['OUTPUT_PATH']} was left as it was. Fix these and build again:",
            [str(p) for p in validation.problems],
        )
    folder = content_cache_path(cache, settings)
    if not force and not waiting and last.get("output") == str(output.resolve()) and output.is_dir():
        # Only the text of a few posts changed: render what shows them, without Pelican.
        found = quick.changed_posts(folder, base, output, post_stamps)
        if found is not None and isinstance(last.get("counts"), dict):
            changed, kept = found
            done = quick.quick_build(settings, folder, changed, {**kept, "posts": post_stamps}, output, _quick_search(settings, output, kept.get("search")))
            if done is not None:
                _record_build(cache, stamp, output, last["counts"], last.get("next_due"))
                return BuildResult(output=output, warnings=validation.warnings() + done.warnings, rendered=done.rendered, reused=done.reused, quick=True, **last["counts"])
    memory_budget = _memory_budget(settings.get("SPOTLIGHT_MEMORY_MB"))
    quick.forget(folder)  # (until this build's output is in place)
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.building-", dir=output.parent))
    run_settings = dict(settings)
    run_settings["OUTPUT_PATH"] = str(staging)
    run_settings["DELETE_OUTPUT_DIRECTORY"] = False
    # Pelican's content cache: unchanged Markdown is not converted again.
    run_settings["CACHE_CONTENT"] = run_settings["LOAD_CONTENT_CACHE"] = bool(settings.get("SPOTLIGHT_CONTENT_CACHE", True))
    run_settings["CACHE_PATH"] = str(folder)
    run_settings[SNAPSHOT_KEY] = {"folder": str(folder), "base": base}
    run_settings["GZIP_CACHE"] = False  # compressing the cache cost more than reading it saves
    # Compiled templates are kept too (Jinja checks each template's source before using them).
    from jinja2 import FileSystemBytecodeCache

    (cache / "templates").mkdir(parents=True, exist_ok=True)
    # A build's template environment lives for that build only: templates are not checked for
    # changes on disk each time a page uses one (about 20,000 checks per 1,000 posts).
    run_settings["JINJA_ENVIRONMENT"] = {"auto_reload": False, **settings.get("JINJA_ENVIRONMENT", {}), "bytecode_cache": FileSystemBytecodeCache(str(cache / "templates"))}
    # Pages whose inputs did not change are linked from the output this build replaces.
    run_settings[incremental.BASE_STAMP_KEY] = base
    run_settings[incremental.PREVIOUS_KEY] = None if force else (str(cache), str(output))  # (loaded where used)
    search_on = settings.get("SEARCH_INDEX", True)
    bucket_size = int(settings.get("SEARCH_BUCKET_SIZE") or SEARCH_BUCKET_SIZE)
    previous = None if force or not output.is_dir() else output
    search_jobs = int(settings.get("SEARCH_JOBS") or 1)  # Pagefind runs at once (it uses several threads itself)
    if search_on:  # the render may start search once its pages are written (see parallel._EarlySearch)
        run_settings[SEARCH_KEY] = {
            "bucket_size": bucket_size,
            "previous": str(previous) if previous is not None else None,
            "jobs": search_jobs,
            "memory_mb": memory_budget,
            "pids": [os.getpid()],
        }
    try:
        counts, errors, warnings = _run_pelican(run_settings)
    except BuildError:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if errors:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildError(
            f"The build failed: {len(errors)} problem(s); {output} was left as it was. Fix these and build again:",
            errors,
        )
    search: dict[str, Any] | None = None
    if search_on:
        try:
            indexed = run_settings.get(SEARCHED_KEY) or index_for_search(  # (unless the render did it)
                staging,
                bucket_size=bucket_size,
                previous=previous,
                jobs=search_jobs,
                written=run_settings.get(WRITTEN_KEY),  # (the pages just written are not read back)
            )
            search = {"pages": indexed["pages"], "bucket_size": bucket_size}
        except BuildError:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    _swap_into_place(staging, output)
    incremental.save_keys(cache, output, run_settings.get(incremental.KEYS_KEY) or {})
    if (run_settings.get(SNAPSHOT_KEY) or {}).get("saved"):
        quick.save_stamps(folder, {"base": base, "output": str(output.resolve()), "posts": post_stamps, "search": search})
    next_due = counts.pop("next_due", None)
    _record_build(cache, stamp, output, counts, next_due)
    made = run_settings.get(COUNTS_KEY) or {}
    return BuildResult(output=output, warnings=validation.warnings() + warnings, rendered=made.get("rendered", 0), reused=made.get("reused", 0), **counts)


def _memory_budget(value: Any) -> float | None:
    """``SPOTLIGHT_MEMORY_MB``: the megabytes a build may take (None: the default)."""
    if value is None:
        return None
    try:
        budget = float(value)
    except (TypeError, ValueError):
        budget = float("nan")
    if not budget > 0:
        raise BuildError(f"SPOTLIGHT_MEMORY_MB is {value!r}: give the megabytes a build may take, as a number such as 250 (in pelicanconf.py, or -e SPOTLIGHT_MEMORY_MB=250).")
    return budget


def _quick_search(settings: dict[str, Any], output: Path, kept: dict[str, Any] | None) -> Any:
    """How a quick build re-indexes search (None: there is no search index to keep up)."""
    if not settings.get("SEARCH_INDEX", True):
        return None
    from .search import reindex

    def search(scratch: Path, written: list[str], known: dict[str, bytes | None]) -> Any:
        if not kept or kept.get("bucket_size") != int(settings.get("SEARCH_BUCKET_SIZE") or SEARCH_BUCKET_SIZE):
            return None
        limit, padding = settings.get("SEARCH_RECENT_LIMIT"), settings.get("SEARCH_RECENT_PADDING")
        return reindex(
            output, scratch, written, list(kept["pages"]), int(kept["bucket_size"]),
            recent_limit=RECENT_LIMIT if limit is None else int(limit),
            padding=RECENT_PADDING if padding is None else int(padding),
            known=known,
        )

    search.pages = list(kept["pages"]) if kept else []  # type: ignore[attr-defined]
    return search


def _run_pelican(run_settings: dict[str, Any]) -> tuple[dict[str, int], list[str], list[str]]:
    """Run Pelican with ``run_settings``: the counts of posts, and the errors and warnings it
    logged. Raises :class:`BuildError` when it fails outright.

    Where the system can fork, Pelican runs in a child process: the whole site it holds in
    memory is gone when it ends, before the search index is built (so the build's peak is the
    larger of the two phases, not their sum; the render starts search itself only where both
    fit in the memory budget, see ``parallel._EarlySearch``), and nothing Pelican or a plugin leaves in module
    state survives into the next build of a long-running ``spotlight serve``."""
    from .plugin.incremental import KEYS_KEY
    from .plugin.parallel import COUNTS_KEY, SEARCHED_KEY, SNAPSHOT_KEY, WRITTEN_KEY

    carried = (KEYS_KEY, COUNTS_KEY, SNAPSHOT_KEY, WRITTEN_KEY, SEARCHED_KEY)  # what the Pelican phase hands back
    if not hasattr(os, "fork") or not run_settings.get("SPOTLIGHT_ISOLATE", True):
        return _pelican_phase(run_settings)
    release_memory()  # what validation freed is not copied into the child
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run, report, and leave without running the parent's clean-up
        code = 0
        try:
            os.close(reader)
            try:
                outcome: tuple[Any, ...] = ("done", _pelican_phase(run_settings), {k: run_settings.get(k) for k in carried})
            except BuildError as exc:
                outcome = ("failed", str(exc))
            except BaseException as exc:  # noqa: BLE001 - reported to the parent, whatever it is
                outcome = ("failed", f"The build failed: {type(exc).__name__}: {exc}")
            with os.fdopen(writer, "wb") as pipe:
                pickle.dump(outcome, pipe, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:  # noqa: BLE001
            code = 1
        finally:
            for stream in (sys.stdout, sys.stderr):
                try:
                    stream.flush()
                except Exception:  # noqa: BLE001
                    pass
            os._exit(code)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    try:
        outcome = pickle.loads(data)
    except Exception:  # noqa: BLE001 - the child died before it could say anything
        code = os.waitstatus_to_exitcode(status)
        why = f"was killed by signal {-code} (out of memory?)" if code < 0 else f"stopped with exit code {code}"
        raise BuildError(f"The build failed: the build process {why}; the previous output was left as it was.") from None
    if outcome[0] == "failed":
        raise BuildError(outcome[1])
    run_settings.update(outcome[2])
    return outcome[1]


def _pelican_phase(run_settings: dict[str, Any]) -> tuple[dict[str, int], list[str], list[str]]:
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
        # Deleting thousands of files is slow; the new output is in place, so a detached
        # process removes the old one while the author carries on.
        remove_in_background(old)
