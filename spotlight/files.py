"""Files a build keeps between runs: what they were made with, and links that fall back to
copies.

Caches (Pelican's prepared posts, validation results, page keys) are only good for the code
and the settings that made them; :func:`code_version` and :func:`settings_digest` are the one
way every cache tells them apart.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of Spotlight's own code (every module's bytes)."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def settings_digest(settings: dict[str, Any]) -> str:
    """A digest of the settings, leaving out where the output goes."""
    relevant = {k: repr(v) for k, v in sorted(settings.items()) if k != "OUTPUT_PATH"}
    return hashlib.sha256(json.dumps(relevant, sort_keys=True).encode("utf-8", "surrogateescape")).hexdigest()


def path_order(path: Path) -> tuple[str, ...]:
    """A key that sorts paths as ``sorted`` sorts them, without comparing Path objects (which
    is several times slower over thousands of files)."""
    return path.parts


def relative_path(path: str, root: str) -> str:
    """``os.path.relpath(path, root)``, quickly for a plain path under ``root`` (relpath makes
    both absolute and normal on every call: 20 µs, for each of 17,000 pages at 5,000 posts).

    >>> relative_path("/out/post-1/index.html", "/out"), relative_path("/out/a/../b.html", "/out")
    ('post-1/index.html', 'b.html')
    """
    prefix = _plain_prefix(root)
    if prefix is not None and path.startswith(prefix):
        rest = path[len(prefix) :]
        if rest and _plain(rest):
            return rest
    return os.path.relpath(path, root)


def _plain(rest: str) -> bool:
    parts = rest.split(os.sep)
    return "" not in parts and "." not in parts and ".." not in parts


@functools.lru_cache(maxsize=16)
def _plain_prefix(root: str) -> str | None:
    """``root`` with a separator at its end, when it is absolute and normal (else None)."""
    if not os.path.isabs(root) or os.path.normpath(root) != (root.rstrip(os.sep) or os.sep):
        return None
    return root if root.endswith(os.sep) else root + os.sep


def link_or_copy(source: str | Path, target: str | Path) -> None:
    """Hard-link ``source`` at ``target`` (making its folder when needed); copy it where this
    file system has no hard links."""
    try:
        os.link(source, target)
    except FileNotFoundError:  # the folder is not there yet
        os.makedirs(os.path.dirname(target), exist_ok=True)
        link_or_copy(source, target)
    except OSError:
        shutil.copy2(source, target)


def remove_in_background(path: str | Path) -> None:
    """Delete a folder of many files without waiting for it (a detached ``rm -rf``)."""
    try:
        subprocess.Popen(["rm", "-rf", "--", str(path)], start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def no_gc() -> Iterator[None]:
    """Read a large file of objects without collecting garbage: every collection would walk
    all the objects made so far, again and again, and none of them is garbage. What was made
    meanwhile is then frozen (``gc.freeze``: later collections skip it; reference counting
    still frees it) until :func:`release_memory` or the end of the build (``gc.unfreeze``).
    Reading the kept site of 5,000 posts took 0.5 s with collections, 0.25 s without."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def release_memory() -> None:
    """Collect garbage (frozen objects too) and hand freed memory back to the system (glibc
    keeps it otherwise)."""
    gc.unfreeze()
    gc.collect()
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def memory_kb(pid: int) -> int | None:
    """A process's proportional set size in KB (pages shared with other processes, such as
    forked workers, count in part); None when the system does not say (no such process, or
    no ``/proc``)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            for line in fh:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None
