"""The floor under a cold build: the two parts of it no Python code of ours can make cheaper.

    .venv/bin/python scripts/bench_floor.py CONTENT PAGES

Converts every post under CONTENT with python-markdown (Spotlight's configuration, mdfast
included, as the build does) on every core, and at the same time indexes the HTML pages
under PAGES with Pagefind (the interview pages of a Spotlight build), then exits. Nothing is
read by Pelican, rendered, sanitized or written. ``scripts/bench`` times this command like
the builds, on the same posts and in the same minutes: a cold build of every feature cannot
take less, so its ratio to Hugo's cold build says how far the target can be reached.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_CONFIG: dict[str, object] = {}  # python-markdown's configuration: set before the workers fork
_MARKDOWN: object = None


def _convert(paths: list[str]) -> int:
    global _MARKDOWN
    if _MARKDOWN is None:
        from markdown import Markdown

        _MARKDOWN = Markdown(**_CONFIG)
    size = 0
    for path in paths:
        _MARKDOWN.reset()  # type: ignore[attr-defined]
        size += len(_MARKDOWN.convert(Path(path).read_text(encoding="utf-8")))  # type: ignore[attr-defined]
    return size


def main() -> None:
    import subprocess

    import markdown  # noqa: F401 - (imported once, before the workers fork)

    from spotlight.settings import load_settings
    from spotlight.search import _pagefind_command

    content, pages = Path(sys.argv[1]), Path(sys.argv[2])
    config = load_settings(ROOT)["MARKDOWN"]
    # As Pelican's Markdown reader configures it: every configured extension, and "meta".
    extensions = dict.fromkeys([*config.get("extensions", []), *config.get("extension_configs", {}), "markdown.extensions.meta"])
    _CONFIG.update(config, extensions=list(extensions))

    with tempfile.TemporaryDirectory(dir="/dev/shm" if os.access("/dev/shm", os.W_OK) else None) as bundle:
        pagefind = subprocess.Popen([*_pagefind_command(), "--site", str(pages), "--output-path", bundle, "--silent"], stdout=subprocess.DEVNULL)
        posts = sorted(str(p) for p in content.rglob("*.md"))
        workers = os.cpu_count() or 1
        chunks = [posts[i :: workers * 8] for i in range(workers * 8)]
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            converted = sum(pool.map(_convert, chunks))
        if pagefind.wait() != 0 or not converted:
            raise SystemExit("the floor's Pagefind run or conversion failed")


if __name__ == "__main__":
    main()
