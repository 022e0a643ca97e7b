"""What a build's caches are only good for: the code and the settings that made them.

:func:`code_version` and :func:`settings_digest` are the one way every cache (the no-change
fingerprint, Pelican's content cache, the prepared posts) tells them apart.
"""

from __future__ import annotations

import functools
import hashlib
import json
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
