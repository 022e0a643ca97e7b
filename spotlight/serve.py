"""Preview: build, serve ``output/`` on 127.0.0.1, rebuild when content or theme change.

A failed rebuild prints its error and keeps serving the last good site.
"""

from __future__ import annotations

import functools
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape

from .build import build_site
from .errors import SpotlightError


def _snapshot(paths: list[Path]) -> dict[str, float]:
    """Modification times of every file under ``paths``."""
    out: dict[str, float] = {}
    for root in paths:
        if root.is_file():
            out[str(root)] = root.stat().st_mtime
            continue
        if not root.is_dir():
            continue
        for f in root.rglob("*"):
            if f.is_file():
                try:
                    out[str(f)] = f.stat().st_mtime
                except OSError:
                    continue
    return out


def _watched(settings: dict[str, Any]) -> list[Path]:
    project = Path(settings["PATH"]).parent
    return [Path(settings["PATH"]), Path(settings["THEME"]), project / "pelicanconf.py"]


def _rebuild(settings: dict[str, Any], console: Console) -> None:
    try:
        result = build_site(settings)
        console.print(f"rebuilt: {result.articles} interview(s) into {result.output}")
    except SpotlightError as exc:
        console.print(f"[bold red]error:[/] {escape(str(exc))}\n(still serving the last good build)", markup=True, soft_wrap=True)


def serve(settings: dict[str, Any], *, port: int = 8000, bind: str = "127.0.0.1", console: Console, poll_seconds: float = 1.0) -> None:
    """Build once (a failure here is raised), then serve and watch until interrupted."""
    result = build_site(settings)
    output = Path(settings["OUTPUT_PATH"])
    console.print(f"Built {result.articles} interview(s). Serving {output} at http://{bind}:{port}/ (Ctrl+C to stop)")
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(output))
    server = ThreadingHTTPServer((bind, port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    watched = _watched(settings)
    last = _snapshot(watched)
    try:
        while True:
            time.sleep(poll_seconds)
            now = _snapshot(watched)
            if now != last:
                last = now
                _rebuild(settings, console)
    except KeyboardInterrupt:
        console.print("stopped")
    finally:
        server.shutdown()
        server.server_close()
