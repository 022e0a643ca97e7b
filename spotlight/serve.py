"""Preview: build, serve ``output/`` on 127.0.0.1, and show each edit at once.

When a post changes, its page is rendered first, on its own (Pelican with the same settings,
reading only that post, writing only its page), put in place, and the browser reloads it;
then the whole site is built behind it, in a child process, and the browser reloads again
when that is in place. A failed build prints its error and keeps serving the last good site.
The reloading is a few lines of script the server adds to the HTML it serves: the built
files never hold it.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape

from .build import build_site, cache_dir, collecting_problems, with_template_cache
from .errors import SpotlightError
from .post import POST_SUFFIXES

VERSION_PATH = "/__spotlight/version"
_RELOAD = (
    "<script>(function(){var seen=null;setInterval(function(){fetch('" + VERSION_PATH + "',{cache:'no-store'})"
    ".then(function(r){return r.text()}).then(function(v){if(seen!==null&&v!==seen)location.reload();seen=v})"
    ".catch(function(){})},300)})();</script>"
)


def _snapshot(paths: list[Path]) -> dict[str, float]:
    """Modification times of every file under ``paths``."""
    out: dict[str, float] = {}
    for root in paths:
        if root.is_file():
            out[str(root)] = root.stat().st_mtime_ns
            continue
        if not root.is_dir():
            continue
        for f in root.rglob("*"):
            try:
                if f.is_file():
                    out[str(f)] = f.stat().st_mtime_ns
            except OSError:
                continue
    return out


def _watched(settings: dict[str, Any], project: Path) -> list[Path]:
    return [Path(settings["PATH"]), Path(settings["THEME"]), project / "pelicanconf.py", project / "publishconf.py"]


def preview_settings(settings: dict[str, Any], post: Path, scratch: Path) -> dict[str, Any]:
    """The settings that render only ``post``'s own page into ``scratch``: Pelican reads that
    file alone, and writes no listing, feed, edition, static file or search index."""
    content = Path(settings["PATH"])
    relative = post.resolve().relative_to(content.resolve()).as_posix()
    is_page = any(relative == p or relative.startswith(p.rstrip("/") + "/") for p in settings.get("PAGE_PATHS", []) if p)
    run = dict(settings)
    run.update(
        OUTPUT_PATH=str(scratch),
        DELETE_OUTPUT_DIRECTORY=False,
        ARTICLE_PATHS=[] if is_page else [relative],
        ARTICLE_EXCLUDES=[],
        PAGE_PATHS=[relative] if is_page else [],
        PAGE_EXCLUDES=[],
        STATIC_PATHS=[],
        THEME_STATIC_PATHS=[],
        DIRECT_TEMPLATES=[],
        PAGINATED_TEMPLATES={},
        CACHE_CONTENT=False,
        LOAD_CONTENT_CACHE=False,
        SPOTLIGHT_PREVIEW=True,
        JINJA_ENVIRONMENT=with_template_cache(settings, cache_dir(settings)),
    )
    for key in ("TAG", "TAGS", "CATEGORY", "CATEGORIES", "AUTHOR", "AUTHORS", "ARCHIVES", "YEAR_ARCHIVE", "MONTH_ARCHIVE", "DAY_ARCHIVE"):
        run[f"{key}_SAVE_AS"] = ""
    for key in list(run):
        if key.startswith(("FEED_", "CATEGORY_FEED", "TAG_FEED", "AUTHOR_FEED", "TRANSLATION_FEED")) and key not in ("FEED_SITEURL", "FEED_MAX_ITEMS", "FEED_IMAGE", "FEED_ID"):
            run[key] = None
    return run


def render_preview(settings: dict[str, Any], post: Path, output: Path) -> list[str]:
    """Render ``post``'s page alone and put it in ``output``; the pages written (relative
    paths). Raises :class:`SpotlightError` when Pelican cannot render it."""
    from pelican import Pelican

    scratch = Path(tempfile.mkdtemp(prefix=".preview-", dir=cache_dir(settings).parent))
    try:
        with collecting_problems() as problems:
            try:
                Pelican(preview_settings(settings, post, scratch)).run()
            except Exception as exc:  # noqa: BLE001 - the author needs one message
                raise SpotlightError(f"{post}: {type(exc).__name__}: {exc}") from exc
        if problems.errors:
            raise SpotlightError("; ".join(problems.errors))
        written = []
        for path in scratch.rglob("*.html"):
            relative = path.relative_to(scratch)
            target = output / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target.with_name(target.name + ".preview"))
            os.replace(target.with_name(target.name + ".preview"), target)
            written.append(relative.as_posix())
        return written
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


class _Handler(SimpleHTTPRequestHandler):
    """Serves the output folder, with the reloading script in every HTML page."""

    version: list[int]  # (set on the subclass serve makes: one counter per server)

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        if self.path.split("?")[0] == VERSION_PATH:
            self.send_bytes(str(self.version[0]).encode(), "text/plain")
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file() and (self.path.split("?")[0].endswith(("/", ".html"))):
            data = path.read_bytes()
            at = data.rfind(b"</body>")
            data = data[:at] + _RELOAD.encode() + data[at:] if at >= 0 else data + _RELOAD.encode()
            self.send_bytes(data, "text/html; charset=utf-8")
            return
        super().do_GET()

    def send_bytes(self, data: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        return None


def serve(settings: dict[str, Any], *, build_command: list[str], port: int = 8000, bind: str = "127.0.0.1", console: Console, poll_seconds: float = 0.1, force: bool = False) -> None:
    """Build once (a failure here is raised; ``force``: even when nothing changed), then serve
    and watch until interrupted. ``build_command``: the command that builds the site as this
    server was asked to."""
    result = build_site(settings, force=force)
    output = Path(settings["OUTPUT_PATH"])
    project = Path(settings["PATH"]).resolve().parent
    console.print(f"Built {result.articles} interview(s). Serving {output} at http://{bind}:{port}/ (Ctrl+C to stop)")
    version = [0]
    handler = functools.partial(type("Handler", (_Handler,), {"version": version}), directory=str(output))
    server = ThreadingHTTPServer((bind, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    watched = _watched(settings, project)
    last = _snapshot(watched)
    building: subprocess.Popen[bytes] | None = None
    wanted = False
    try:
        while True:
            time.sleep(poll_seconds)
            now = _snapshot(watched)
            if now != last:
                changed = [Path(p) for p in now if now[p] != last.get(p)]
                last = now
                for post in changed:
                    if post.suffix.lower() in POST_SUFFIXES and Path(settings["PATH"]).resolve() in post.resolve().parents:
                        try:
                            pages = render_preview(settings, post, output)
                            version[0] += 1
                            console.print(f"preview: {', '.join(pages) or 'nothing to show'} (the whole site is being built)")
                        except SpotlightError as exc:
                            console.print(f"[bold red]error:[/] {escape(str(exc))}", markup=True, soft_wrap=True)
                wanted = True
            if building is not None and building.poll() is not None:
                if building.returncode == 0:
                    version[0] += 1
                else:
                    console.print("(still serving the last good build)")
                building = None
            if wanted and building is None:
                wanted = False
                building = subprocess.Popen(build_command)
    except KeyboardInterrupt:
        console.print("stopped")
    finally:
        if building is not None:
            building.wait()
        server.shutdown()
        server.server_close()
