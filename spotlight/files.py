"""Files a build keeps between runs: what they were made with, and links that fall back to
copies.

Caches (Pelican's prepared posts, validation results, page keys) are only good for the code
and the settings that made them; :func:`code_version` and :func:`settings_digest` are the one
way every cache tells them apart.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import subprocess
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


def release_memory() -> None:
    """Collect garbage and hand freed memory back to the system (glibc keeps it otherwise)."""
    import gc

    gc.collect()
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
