"""Shards: a build may run Pelican once per core, each run writing its share of the site.

With ``SPOTLIGHT_SHARD = [k, n]`` in the settings, a run reads every post as usual (so every
listing, link and count is the whole site's) but writes only the files whose path falls in
shard ``k`` of ``n`` (a stable hash of the path): Pelican's pages through
:class:`ShardWriter` (registered with ``get_writer``), Spotlight's own pages, feeds and
e-mail editions through :func:`writes`. Without the setting, everything is written.
"""

from __future__ import annotations

import hashlib
from typing import Any

from pelican.writers import Writer


def shard_of(path: str, count: int) -> int:
    """The shard (of ``count``) that writes ``path``."""
    return int(hashlib.sha1(path.encode("utf-8", "surrogateescape")).hexdigest()[:8], 16) % count


def writes(settings: dict[str, Any], path: Any) -> bool:
    """Whether this run writes ``path`` (a path under the output folder)."""
    shard = settings.get("SPOTLIGHT_SHARD")
    if not shard:
        return True
    k, count = shard
    return shard_of(str(path), int(count)) == int(k)


class ShardWriter(Writer):
    """Pelican's writer, writing only this run's share of the files."""

    def write_file(self, name: Any, *args: Any, **kwargs: Any) -> Any:
        if name and not writes(self.settings, name):
            return None
        return super().write_file(name, *args, **kwargs)

    def write_feed(self, elements: Any, context: Any, path: Any = None, *args: Any, **kwargs: Any) -> Any:
        if path and not writes(self.settings, path):
            return None
        return super().write_feed(elements, context, path, *args, **kwargs)


def shard_writer(pelican: Any) -> type[Writer] | None:
    """``get_writer``: :class:`ShardWriter` for a run that writes one shard."""
    return ShardWriter if pelican.settings.get("SPOTLIGHT_SHARD") else None
