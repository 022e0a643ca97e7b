"""What a build's caches are only good for: the code and the settings that made them; and
the permissions of what Spotlight writes.

:func:`code_version` and :func:`settings_digest` are the one way every cache (the no-change
fingerprint, Pelican's content cache, the prepared posts) tells them apart.
:func:`allowed_mode` is the one way a file or folder made by :mod:`tempfile` (owner-only)
gets the permissions ``open()`` and ``mkdir()`` would have given it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import stat
import threading
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


_UMASK_LOCK = threading.Lock()


def current_umask() -> int:
    """The process's umask, read now (it is process-wide and may change while we run).

    Linux shows it in ``/proc/self/status``; reading it there changes nothing. Elsewhere the
    only way is to set it and put it back at once: it is set to 0o077, not 0, so that for that
    instant a file another thread (or a child it starts) creates is owner-only, never
    writable by all."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    with _UMASK_LOCK:
        mask = os.umask(0o077)
        os.umask(mask)
    return mask


def allowed_mode(base: int = 0o666, *, replacing: Path | None = None) -> int:
    """The permission bits for a file (``base`` 0o666) or folder (0o777) made now: what the
    umask leaves of ``base``, as ``open()`` and ``mkdir()`` give, since :mod:`tempfile` makes
    everything owner-only (a web server running as another user, or an upload with
    ``rsync -a``, could not read it). A file written in place of ``replacing`` keeps that
    file's own bits: an author's choice (a private draft) is not undone by a rewrite."""
    if replacing is not None:
        try:
            return stat.S_IMODE(replacing.stat().st_mode)
        except OSError:
            pass  # (not there: a new file)
    return base & ~current_umask()
