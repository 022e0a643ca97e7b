"""Build benchmark: Spotlight against vanilla Pelican and Hugo (+ Pagefind) on the same posts.

    scripts/bench [--n 1000 5000] [--repeat 3] [--skip-hugo] [--skip-pelican] [--skip-serve]
                  [--skip-import] [--spotlight-ref GITREF]

For each N it generates N realistic interviews (about 10 KB each: metadata, `**Name:**`
turns, series, tags) and times, as the median of --repeat runs in alternating order:
  - `spotlight build`: cold (no output, no cache: the last ones are moved aside, and
    deleted at the end), no-change rebuild, one-edit rebuild (a line added to one
    interview's text: a normal Pelican build with its content cache and our prepared posts
    warm), title-edit rebuild (one post's title changed: it shows on listings);
  - `spotlight serve`, the preview of one edit: the server is started on the built site
    (and waited for), a line is appended to one post, and the time is taken until
    `GET /<slug>/` returns the page with that line (polled every 10 ms), then until the
    full build behind it is in place (the output folder swapped, the page still with the
    line); two edits per server, the first and the second timed apart;
  - vanilla Pelican on the same posts (default theme, feeds on), cold and no-change with its
    content cache;
  - Hugo on the same posts (when the `hugo` command is installed: `apt-get install hugo`),
    cold and again (Hugo keeps no cache), alone and followed by Pagefind on its output
    (`hugo && pagefind --site public`, as one command: the same work as a Spotlight build
    with its search index). Its site: a page per post (its text marked data-pagefind-body,
    so Pagefind indexes the N posts, as Spotlight's index does), paginated home and section
    lists, a term page for every tag, series, company and guest, RSS feeds for the site
    and each series (as Spotlight's feeds), a sitemap;
  - with --spotlight-ref GITREF, another version of Spotlight (a `git worktree` of GITREF,
    removed at the end) on the same posts in the same minutes: cold, no-change, one-edit,
    in its own site folder with that version's pelicanconf.py and theme;
the floor under any cold build of these posts (python-markdown on every core and Pagefind,
at once, and nothing else: scripts/bench_floor.py);
the CPU seconds of each (user and kernel, children included), and the peak memory of each: of its largest single process (max RSS, from wait4) and of its
whole process tree (worker processes and Pagefind included; proportional set size, sampled
every 50 ms, so pages shared by forked workers count once). It ends with import
throughput (scrapes per second, text and HTML) from scripts/bench_import.py, and prints the
ratios the targets are stated in.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
sys.path.insert(0, str(ROOT))


def memory_kb(pid: int) -> int | None:
    """A process's proportional set size in KB (pages shared with other processes count in
    part); None when the system does not say (no such process, or no ``/proc``)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            for line in fh:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None

TOPICS = (
    "design data careers hiring leadership research product infrastructure security mobile web open-source "
    "growth culture remote devops testing accessibility writing founders community funding sales support "
    "education health climate robotics hardware analytics"
).split()
WORDS = (
    "we built the data pipeline team learned fast shipping product customers quality trust systems design career "
    "lessons growth mentor startup hiring culture feedback remote engineering research launch metrics users"
).split()


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 18))).capitalize() + rng.choice([".", ".", "?"])


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))


def generate(n: int, folder: Path) -> list[dict[str, str]]:
    """N posts in Spotlight's format under folder/content/interviews; returns their fields."""
    rng = random.Random(n)
    posts_dir = folder / "content" / "interviews"
    posts_dir.mkdir(parents=True)
    (folder / "content" / "pages").mkdir()
    posts = []
    for i in range(n):
        guest = f"{rng.choice(['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Radia'])} Person{i}"
        series = f"Series {i % 12}"
        tags = sorted({TOPICS[i % 30], TOPICS[(i * 7) % 30]})  # no digits: vanilla Pelican's page names would collide
        body = [_paragraph(rng), ""]
        for _ in range(9):
            body += [f"**Jordan Ellery:** {_sentence(rng)}", "", f"**{guest}:** {_paragraph(rng)}", "", _paragraph(rng), ""]
        fields = {
            "title": f"{series} #{i // 12 + 1}: {guest}, Engineer at Company{i % 50}",
            "date": f"20{10 + i % 14:02d}-{1 + i % 12:02d}-{1 + i % 28:02d} 09:00",
            "guest": guest,
            "company": f"Company{i % 50}",
            "series": series,
            "index": str(i // 12 + 1),
            "tags": ", ".join(tags),
            "slug": f"post-{i}",
            "body": "\n".join(body),
        }
        (posts_dir / f"post-{i}.md").write_text(
            f"Title: {fields['title']}\nDate: {fields['date']}\nAuthor: Jordan Ellery\nInterviewee: {guest}\nRole: Engineer\n"
            f"Company: {fields['company']}\nSeries: {series}\nSeries_index: {fields['index']}\nTags: {fields['tags']}\n"
            f"Slug: {fields['slug']}\nGuid: urn:uuid:{uuid.UUID(int=i + 1)}\n\n{fields['body']}\n",
            encoding="utf-8",
        )
        posts.append(fields)
    return posts


# The listings Spotlight builds (tags, series, companies, people), as Hugo taxonomies.
HUGO_TAXONOMIES = {"tag": "tags", "series": "series", "company": "companies", "person": "people"}


def _hugo_site(posts: list[dict[str, str]], folder: Path) -> None:
    """The same posts as a minimal Hugo site: a page per post with its text (marked
    data-pagefind-body, so that Pagefind indexes the posts alone, as Spotlight's index does),
    paginated lists (home, section, and a term page for every tag, series, company and
    guest), RSS feeds for the site and each series, and a sitemap."""
    (folder / "content" / "posts").mkdir(parents=True)
    taxonomies = "".join(f'{singular} = "{plural}"\n' for singular, plural in HUGO_TAXONOMIES.items())
    # Feeds as Spotlight's: the site's, and one per series (no other list has one). No
    # aliases: Hugo would add a redirect page (list/page/1/) for every list; Spotlight has none.
    outputs = '[outputs]\nhome = ["html", "rss"]\nsection = ["html"]\ntaxonomy = ["html"]\nterm = ["html"]\n'
    (folder / "hugo.toml").write_text(
        f'baseURL = "https://example.org/"\ntitle = "Bench"\nlanguageCode = "en"\npaginate = 10\ndisableAliases = true\n[taxonomies]\n{taxonomies}{outputs}', encoding="utf-8"
    )
    (folder / "content" / "series").mkdir()
    (folder / "content" / "series" / "_index.md").write_text('+++\ntitle = "Series"\n[cascade]\noutputs = ["html", "rss"]\n+++\n', encoding="utf-8")
    layouts = folder / "layouts" / "_default"
    layouts.mkdir(parents=True)
    page = '<!doctype html><html lang="{{ .Site.Language.Lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>'
    (layouts / "baseof.html").write_text(page, encoding="utf-8")
    (layouts / "single.html").write_text(
        '{{ define "main" }}<article data-pagefind-body><h1>{{ .Title }}</h1><p>{{ .Date.Format "2 January 2006" }}'
        '{{ range .Params.tags }} <a href="{{ "tags/" | relURL }}{{ . | urlize }}/">{{ . }}</a>{{ end }}</p>{{ .Content }}</article>{{ end }}',
        encoding="utf-8",
    )
    (layouts / "list.html").write_text('{{ define "main" }}<ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary }}</li>{{ end }}</ul>{{ end }}', encoding="utf-8")
    (folder / "layouts" / "index.html").write_text('{{ define "main" }}<ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}', encoding="utf-8")
    quoted = lambda value: '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'  # noqa: E731 - a TOML string
    for p in posts:
        tags = ", ".join(quoted(t.strip()) for t in p["tags"].split(","))
        (folder / "content" / "posts" / f"{p['slug']}.md").write_text(
            f'+++\ntitle = {quoted(p["title"])}\ndate = "{p["date"].replace(" ", "T")}:00Z"\ntags = [{tags}]\n'
            f'series = [{quoted(p["series"])}]\ncompanies = [{quoted(p["company"])}]\npeople = [{quoted(p["guest"])}]\n'
            f'slug = "{p["slug"]}"\n+++\n\n{p["body"]}\n',
            encoding="utf-8",
        )


def _pelican_settings(folder: Path) -> Path:
    conf = folder / "vanillaconf.py"
    conf.write_text(
        'SITENAME = "Bench"\nSITEURL = "https://example.org"\nPATH = "content"\nARTICLE_PATHS = ["interviews"]\nTIMEZONE = "UTC"\n'
        'FEED_ALL_ATOM = "feeds/all.atom.xml"\nFEED_ALL_RSS = "feeds/all.rss.xml"\nCATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"\n'
        'DEFAULT_PAGINATION = 10\nCACHE_CONTENT = True\nLOAD_CONTENT_CACHE = True\nCACHE_PATH = "pelican-cache"\n',
        encoding="utf-8",
    )
    return conf


def _tree_pss_mb(root: int) -> float:
    """Proportional set size (MB) of ``root`` and all its descendants: the memory the build
    holds at this moment, counting pages shared by forked workers once."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as fh:
                    ppid = int(fh.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total_kb, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        total_kb += memory_kb(pid) or 0
    return total_kb / 1024


def _run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int, int, float, float]:
    """Seconds, peak RSS (MB) of the largest single process (from wait4), peak memory of the
    whole process tree (MB, proportional set size sampled every 50 ms), and the CPU seconds
    it used in user and in kernel mode (its own and its waited-for children's, from wait4)
    of one command. Written data of earlier runs is flushed to disk first (``sync``): the
    kernel writing back the last build's 100 MB would otherwise slow down the next run
    (measured: a small rebuild just after a cold build took 0.81-1.15 s, 0.65-0.74 s after a
    sync)."""
    os.sync()
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_tree = 0.0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        peak_tree = max(peak_tree, _tree_pss_mb(proc.pid))
        time.sleep(0.05)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr[-2000:]}")
    return elapsed, usage.ru_maxrss // 1024, round(peak_tree), usage.ru_utime, usage.ru_stime


Result = tuple[float, int, int, float, float]  # seconds, largest process MB, tree MB, user s, kernel s
NOT_MEASURED = -1  # (the memory and CPU of a serve preview: the server's, not the edit's)


def _append_line(post: Path, line: str, scratch: Path) -> None:
    """Add ``line`` at the end of ``post`` as an editor saving it would, in one step (written
    beside, then renamed over it): a watcher never sees it half written."""
    temporary = scratch / f"edit-{uuid.uuid4().hex}.md"
    temporary.write_text(post.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    os.replace(temporary, post)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> bytes | None:
    """The body of ``url``, or None when the server does not answer it (yet)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own server
            return bytes(response.read())
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


class _Server:
    """`spotlight serve` running in ``site`` (started on a free port, its output read as it
    comes: the number of builds it has finished, and any error)."""

    def __init__(self, command: list[str], site: Path) -> None:
        self.port = _free_port()
        self.output = site / "output"
        self.lines: list[str] = []
        self.proc = subprocess.Popen([*command, "--port", str(self.port)], cwd=site, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        for stream in (self.proc.stdout, self.proc.stderr):
            threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream) -> None:  # type: ignore[no-untyped-def]
        for raw in iter(stream.readline, b""):
            self.lines.append(raw.decode("utf-8", "replace").rstrip())

    def builds(self) -> int:
        """Builds finished: the first one (before it serves) and each full build behind a preview."""
        return sum(1 for line in list(self.lines) if line.startswith("Built "))

    def check(self) -> None:
        errors = [line for line in list(self.lines) if "error:" in line or "Traceback" in line]
        if self.proc.poll() is not None or errors:
            raise SystemExit(f"spotlight serve failed (exit code {self.proc.poll()}):\n" + "\n".join(self.lines[-30:]))

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def wait_until_serving(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while _get(self.url("/")) is None:
            self.check()
            if time.monotonic() > deadline:
                raise SystemExit(f"spotlight serve did not answer within {timeout:.0f} s:\n" + "\n".join(self.lines[-30:]))
            time.sleep(0.05)

    def stop(self) -> None:
        """Ctrl+C (it waits for a full build under way), then kill."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=120)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def _output_inode(output: Path) -> int | None:
    try:
        return output.stat().st_ino
    except OSError:  # (between the two renames of a swap)
        return None


def _time_serve_edit(server: _Server, post: Path, slug: str, scratch: Path) -> tuple[float, float]:
    """Seconds from saving a new line in ``post`` until the server answers ``/<slug>/`` with
    it (polled every 10 ms, 30 s at most), and until the full build behind it is in place:
    the output folder swapped (a new inode), no ``.output.building-*`` folder left beside it,
    the page on disk still with the line. Then waits until that build has said it is done."""
    token = f"zqbench{uuid.uuid4().hex}"
    before_inode, before_builds = _output_inode(server.output), server.builds()
    page = server.output / slug / "index.html"
    start = time.perf_counter()
    _append_line(post, f"A line added while serving: {token}.", scratch)
    preview = None
    while preview is None:
        body = _get(server.url(f"/{slug}/"))
        if body is not None and token.encode() in body:
            preview = time.perf_counter() - start
            break
        if time.perf_counter() - start > 30:
            raise SystemExit(f"spotlight serve: /{slug}/ did not show the edit within 30 s:\n" + "\n".join(server.lines[-30:]))
        server.check()
        time.sleep(0.01)
    full = None
    while full is None:
        inode = _output_inode(server.output)
        if inode is not None and inode != before_inode and not list(server.output.parent.glob(f".{server.output.name}.building-*")):
            try:
                if token in page.read_text(encoding="utf-8"):
                    full = time.perf_counter() - start
                    break
            except OSError:
                pass
        if time.perf_counter() - start > 900:
            raise SystemExit("spotlight serve: the full build after an edit was not in place within 900 s:\n" + "\n".join(server.lines[-30:]))
        server.check()
        time.sleep(0.01)
    deadline = time.monotonic() + 120
    while server.builds() <= before_builds and time.monotonic() < deadline:  # ("Built …": the child is done)
        server.check()
        time.sleep(0.02)
    body = _get(server.url(f"/{slug}/"))
    if body is None or token.encode() not in body:
        raise SystemExit(f"spotlight serve: after the full build, /{slug}/ no longer shows the edit")
    time.sleep(0.3)  # (the server notices its child has exited: it polls every 0.1 s)
    return preview, full


def _worktree(ref: str) -> Path:
    """A detached ``git worktree`` of ``ref`` under /tmp (replacing one a killed run left)."""
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--verify", f"{ref}^{{commit}}"], capture_output=True, text=True, check=False)
    if commit.returncode != 0:
        raise SystemExit(f"--spotlight-ref {ref}: not a commit ({commit.stderr.strip()})")
    path = Path(tempfile.gettempdir()) / f"bench-ref-{ref.replace('/', '-')}"
    if path.exists():
        _remove_worktree(path)
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(path), commit.stdout.strip()], check=True, capture_output=True)
    return path


def _remove_worktree(path: Path) -> None:
    subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(path)], check=False, capture_output=True)
    shutil.rmtree(path, ignore_errors=True)
    subprocess.run(["git", "-C", str(ROOT), "worktree", "prune"], check=False, capture_output=True)


def bench(n: int, repeat: int, skip_hugo: bool, skip_pelican: bool, skip_serve: bool, ref: tuple[str, Path] | None, tmp: str) -> dict[str, Result]:
    """The runs for ``n`` posts, in the folder ``tmp`` (deleted by the caller once every N is
    done: see ``set_aside``). ``ref``: another version of Spotlight to time too (its name and
    the worktree it is checked out in)."""
    results: dict[str, list[Result]] = {}
    base = Path(tmp)
    posts = generate(n, base / "spotlight")
    shutil.copytree(base / "spotlight" / "content", base / "pelican" / "content")
    conf = _pelican_settings(base / "pelican")
    hugo = shutil.which("hugo") if not skip_hugo else None
    if hugo:
        _hugo_site(posts, base / "hugo")
    edited = base / "spotlight" / "content" / "interviews" / "post-0.md"
    retitled = base / "spotlight" / "content" / "interviews" / "post-1.md"
    served = base / "spotlight" / "content" / "interviews" / "post-2.md"
    project = ["--project", str(ROOT), "--content", "content", "--output", "output"]
    spotlight = [str(ROOT / ".venv" / "bin" / "spotlight"), "build", *project]
    ref_site = ref_env = None
    if ref is not None:
        # The other version with its own settings and theme (they may name modules only its
        # tree has), in a site folder of its own: same posts, its own output and caches.
        ref_name, worktree = ref
        ref_site = base / "ref"
        shutil.copytree(base / "spotlight" / "content", ref_site / "content")
        shutil.copyfile(worktree / "pelicanconf.py", ref_site / "pelicanconf.py")
        shutil.copytree(worktree / "theme", ref_site / "theme")
        ref_env = {**os.environ, "PYTHONPATH": str(worktree)}
        where = subprocess.run([PYTHON, "-c", "import spotlight; print(spotlight.__file__)"], cwd=ref_site, env=ref_env, capture_output=True, text=True, check=True).stdout.strip()
        if not Path(where).resolve().is_relative_to(worktree.resolve()):
            raise SystemExit(f"--spotlight-ref {ref_name}: Python imports spotlight from {where}, not from {worktree}")
        print(f"spotlight {ref_name} runs from {where}", flush=True)

    def set_aside(*paths: Path) -> None:
        """A cold build starts without these: they are moved aside, not deleted, until the
        end. (Creating thousands of files just after deleting thousands costs a file
        system like ext4 without a journal far more kernel time: it skips, one by one,
        every inode freed in the last minute. That would time the deletion, not the build.)"""
        for path in paths:
            if path.exists():
                path.rename(base / f"aside-{uuid.uuid4().hex}")

    def spotlight_cold() -> None:
        set_aside(base / "spotlight" / "output", base / "spotlight" / ".spotlight-cache")
        results.setdefault("spotlight cold", []).append(_run(spotlight, base / "spotlight"))
        results.setdefault("spotlight no-change", []).append(_run(spotlight, base / "spotlight"))
        _append_line(edited, f"An edit at {time.time()}.", base)
        results.setdefault("spotlight one-edit", []).append(_run(spotlight, base / "spotlight"))
        # A new title shows on listings: the home page, its series', tags', company's pages…
        text = retitled.read_text(encoding="utf-8")
        retitled.write_text(text.replace("Title: ", f"Title: (rev. {time.time():.0f}) ", 1), encoding="utf-8")
        results.setdefault("spotlight title-edit", []).append(_run(spotlight, base / "spotlight"))

    def serve_runs() -> None:
        """`spotlight serve` on the site as the last build left it (it builds first, if
        need be: not timed), then two edits of one post, each timed until its preview is
        served and until the full build behind it is in place."""
        os.sync()
        server = _Server([str(ROOT / ".venv" / "bin" / "spotlight"), "serve", *project], base / "spotlight")
        try:
            server.wait_until_serving(timeout=900)
            time.sleep(1)  # (it serves, then takes its first look at the files: an edit before that would go unseen)
            for label in ("1st", "2nd"):
                preview, full = _time_serve_edit(server, served, "post-2", base)
                results.setdefault(f"serve {label} edit: preview", []).append((preview, NOT_MEASURED, NOT_MEASURED, NOT_MEASURED, NOT_MEASURED))
                results.setdefault(f"serve {label} edit: full site", []).append((full, NOT_MEASURED, NOT_MEASURED, NOT_MEASURED, NOT_MEASURED))
        finally:
            server.stop()

    def ref_runs() -> None:
        assert ref is not None and ref_site is not None
        command = [PYTHON, "-m", "spotlight", "build", "--project", str(ref_site)]
        set_aside(ref_site / "output", ref_site / ".spotlight-cache")
        results.setdefault(f"ref {ref[0]} cold", []).append(_run(command, ref_site, ref_env))
        results.setdefault(f"ref {ref[0]} no-change", []).append(_run(command, ref_site, ref_env))
        _append_line(ref_site / "content" / "interviews" / "post-0.md", f"An edit at {time.time()}.", base)
        results.setdefault(f"ref {ref[0]} one-edit", []).append(_run(command, ref_site, ref_env))

    def pelican_runs() -> None:
        pelican = [str(ROOT / ".venv" / "bin" / "pelican"), "content", "-o", "output", "-s", str(conf), "-q"]
        set_aside(base / "pelican" / "output", base / "pelican" / "pelican-cache")
        results.setdefault("pelican cold", []).append(_run(pelican, base / "pelican"))
        results.setdefault("pelican no-change", []).append(_run(pelican, base / "pelican"))

    def hugo_runs() -> None:
        command = [hugo, "--quiet", "--destination", "public"]  # type: ignore[list-item]
        set_aside(base / "hugo" / "public")
        results.setdefault("hugo cold", []).append(_run(command, base / "hugo"))
        results.setdefault("hugo rebuild", []).append(_run(command, base / "hugo"))

    def hugo_pagefind_runs() -> None:
        """Hugo, then Pagefind on what it wrote (the binary Spotlight's builds run), as one
        command: cold, and again."""
        from spotlight.search import _pagefind_command

        pagefind = " ".join(shlex.quote(part) for part in _pagefind_command())
        command = ["sh", "-c", f"{shlex.quote(str(hugo))} --quiet --destination public && {pagefind} --site public --silent"]
        set_aside(base / "hugo" / "public")
        for label in ("hugo+pagefind cold", "hugo+pagefind rebuild"):
            results.setdefault(label, []).append(_run(command, base / "hugo"))
            entry = json.loads((base / "hugo" / "public" / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
            indexed = sum(language["page_count"] for language in entry["languages"].values())
            if indexed != n:
                raise SystemExit(f"Pagefind indexed {indexed} of Hugo's pages, not the {n} posts")

    def floor_runs() -> None:
        """python-markdown on every core and Pagefind at once (see bench_floor.py), on the
        interview pages of the first Spotlight build."""
        pages = base / "floor-pages"
        if not pages.exists():
            built = base / "spotlight" / "output"
            for page in built.glob("*/index.html"):
                if b"data-pagefind-body" in page.read_bytes():
                    (pages / page.parent.name).mkdir(parents=True)
                    shutil.copyfile(page, pages / page.parent.name / "index.html")
        command = [PYTHON, str(ROOT / "scripts" / "bench_floor.py"), str(base / "spotlight" / "content"), str(pages)]
        results.setdefault("floor (md + pagefind)", []).append(_run(command, base))

    runners = [spotlight_cold, floor_runs]
    runners += [] if ref is None else [ref_runs]
    runners += [] if skip_serve else [serve_runs]
    runners += [] if skip_pelican else [pelican_runs]
    runners += [hugo_runs, hugo_pagefind_runs] if hugo else []
    for r in range(repeat):
        order = runners[r % len(runners) :] + runners[: r % len(runners)]  # alternate the order
        for runner in order:
            runner()
    return {
        name: (statistics.median(r[0] for r in runs), max(r[1] for r in runs), max(r[2] for r in runs), statistics.median(r[3] for r in runs), statistics.median(r[4] for r in runs))
        for name, runs in results.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-hugo", action="store_true")
    parser.add_argument("--skip-pelican", action="store_true")
    parser.add_argument("--skip-serve", action="store_true")
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--spotlight-ref", metavar="GITREF", help="also time this version of Spotlight (a commit, branch or tag), checked out in a git worktree")
    args = parser.parse_args()
    folders: list[str] = []
    worktree = _worktree(args.spotlight_ref) if args.spotlight_ref else None
    try:
        ref = (args.spotlight_ref, worktree) if worktree else None
        for n in args.n:
            folders.append(tempfile.mkdtemp(prefix=f"spotlight-bench-{n}-"))
            _report(n, args.repeat, bench(n, args.repeat, args.skip_hugo, args.skip_pelican, args.skip_serve, ref, folders[-1]), args.spotlight_ref)
    finally:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
        if worktree is not None:
            _remove_worktree(worktree)
    if not args.skip_import:
        print()
        subprocess.run([PYTHON, str(ROOT / "scripts" / "bench_import.py"), "--n", "300", "--repeat", str(args.repeat)], check=True)


def _report(n: int, repeat: int, res: dict[str, Result], ref: str | None) -> None:
    print(f"\nN = {n} posts, median of {repeat}, {os.cpu_count()} core(s)")
    # CPU seconds show what the wall time hides on a busy machine: how much work a build
    # is, and how much of it is the kernel's (creating files, copying pages of forks).
    print(f"{'build':28} {'seconds':>8} {'1-proc MB':>10} {'tree MB':>8} {'user s':>7} {'kernel s':>8}")
    for name, (seconds, mb, tree, user, kernel) in res.items():
        if mb == NOT_MEASURED:
            print(f"{name:28} {seconds:8.2f} {'-':>10} {'-':>8} {'-':>7} {'-':>8}")
        else:
            print(f"{name:28} {seconds:8.2f} {mb:10d} {tree:8d} {user:7.2f} {kernel:8.2f}")
    seconds = {name: r[0] for name, r in res.items()}
    cpu = {name: r[3] + r[4] for name, r in res.items()}
    s_cold, s_none, s_edit = (seconds[k] for k in ("spotlight cold", "spotlight no-change", "spotlight one-edit"))
    if "pelican cold" in res:
        print(f"cold / vanilla Pelican cold:         {s_cold / seconds['pelican cold']:5.2f}")
    if "hugo+pagefind cold" in res:
        both = seconds["hugo+pagefind cold"]
        print(f"cold / (Hugo + Pagefind) cold:       {s_cold / both:5.2f}")
        if "floor (md + pagefind)" in res:
            print(f"floor / (Hugo + Pagefind) cold:      {seconds['floor (md + pagefind)'] / both:5.2f}  (python-markdown and Pagefind alone: no build can do less)")
        print(f"cold CPU / (Hugo + Pagefind) CPU:    {cpu['spotlight cold'] / cpu['hugo+pagefind cold']:5.2f}  (user + kernel seconds)")
    if "hugo rebuild" in res:
        print(f"no-change / Hugo rebuild:            {s_none / seconds['hugo rebuild']:5.2f}  (target <= 0.1)")
    if "hugo+pagefind rebuild" in res:
        print(f"one-edit / (Hugo + Pagefind) again:  {s_edit / seconds['hugo+pagefind rebuild']:5.2f}")
    if "serve 2nd edit: preview" in res:
        first, second = seconds["serve 1st edit: preview"], seconds["serve 2nd edit: preview"]
        print(f"serve, edit -> its page served:      {first:5.2f} s, {second:5.2f} s (1st, 2nd edit; target at N = 1000: <= 0.5 s)")
        first, second = seconds["serve 1st edit: full site"], seconds["serve 2nd edit: full site"]
        print(f"serve, edit -> full site rebuilt:    {first:5.2f} s, {second:5.2f} s")
    if ref is not None and f"ref {ref} cold" in res:
        for kind in ("cold", "no-change", "one-edit"):
            before, after = seconds[f"ref {ref} {kind}"], seconds[f"spotlight {kind}"]
            print(f"{kind + ', now / ' + ref + ':':37}{after / before:5.2f}  ({before:.2f} s -> {after:.2f} s)")
    ours = [v for k, v in res.items() if k.startswith("spotlight")]
    print(f"peak memory, spotlight (any build): {max(r[2] for r in ours)} MB for the whole process tree, {max(r[1] for r in ours)} MB for its largest process (target at N = 5000: <= 250 MB)")


if __name__ == "__main__":
    main()
