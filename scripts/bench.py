"""Build benchmark: Spotlight against vanilla Pelican and Hugo on the same generated posts.

    scripts/bench [--n 1000 5000] [--repeat 3] [--skip-hugo] [--skip-pelican] [--skip-import]

For each N it generates N realistic interviews (about 10 KB each: metadata, `**Name:**`
turns, series, tags) and times, as the median of --repeat runs in alternating order:
  - `spotlight build`: cold (no output, no cache: the last ones are moved aside, and
    deleted at the end), no-change rebuild, one-edit rebuild (a line added to one
    interview's text: a quick build), title-edit rebuild (one post's title changed: it
    shows on listings, so a full incremental build);
  - vanilla Pelican on the same posts (default theme, feeds on), cold and no-change with its
    content cache;
  - Hugo on the same posts (when the `hugo` command is installed: `apt-get install hugo`),
    cold and again (Hugo keeps no cache);
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
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
sys.path.insert(0, str(ROOT))

from spotlight.files import memory_kb  # noqa: E402 - (the project's root is on the path first)

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


def _hugo_site(posts: list[dict[str, str]], folder: Path) -> None:
    """The same posts as a minimal Hugo site (single, list and home templates, RSS on)."""
    (folder / "content" / "posts").mkdir(parents=True)
    (folder / "hugo.toml").write_text('baseURL = "https://example.org/"\ntitle = "Bench"\n[taxonomies]\ntag = "tags"\n', encoding="utf-8")
    layouts = folder / "layouts" / "_default"
    layouts.mkdir(parents=True)
    page = "<!doctype html><html><head><title>{{ .Title }}</title></head><body>{{ block \"main\" . }}{{ end }}</body></html>"
    (layouts / "baseof.html").write_text(page, encoding="utf-8")
    (layouts / "single.html").write_text('{{ define "main" }}<article><h1>{{ .Title }}</h1>{{ .Content }}</article>{{ end }}', encoding="utf-8")
    (layouts / "list.html").write_text('{{ define "main" }}<ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary }}</li>{{ end }}</ul>{{ end }}', encoding="utf-8")
    (folder / "layouts" / "index.html").write_text('{{ define "main" }}<ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}', encoding="utf-8")
    for p in posts:
        tags = ", ".join(f'"{t.strip()}"' for t in p["tags"].split(","))
        title = p["title"].replace('"', '\\"')
        (folder / "content" / "posts" / f"{p['slug']}.md").write_text(
            f'+++\ntitle = "{title}"\ndate = "{p["date"].replace(" ", "T")}:00Z"\ntags = [{tags}]\nslug = "{p["slug"]}"\n+++\n\n{p["body"]}\n',
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


def _run(command: list[str], cwd: Path) -> tuple[float, int, int, float, float]:
    """Seconds, peak RSS (MB) of the largest single process (from wait4), peak memory of the
    whole process tree (MB, proportional set size sampled every 50 ms), and the CPU seconds
    it used in user and in kernel mode (its own and its waited-for children's, from wait4)
    of one command. Written data of earlier runs is flushed to disk first (``sync``): the
    kernel writing back the last build's 100 MB would otherwise slow down the next run
    (measured: the first quick build after a cold build took 0.81-1.15 s, 0.65-0.74 s after a
    sync)."""
    os.sync()
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
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


def bench(n: int, repeat: int, skip_hugo: bool, skip_pelican: bool, tmp: str) -> dict[str, Result]:
    """The runs for ``n`` posts, in the folder ``tmp`` (deleted by the caller once every N is
    done: see ``set_aside``)."""
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
    spotlight = [str(ROOT / ".venv" / "bin" / "spotlight"), "build", "--project", str(ROOT), "--content", "content", "--output", "output"]

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
        edited.write_text(edited.read_text(encoding="utf-8") + f"\nAn edit at {time.time()}.\n", encoding="utf-8")
        results.setdefault("spotlight one-edit", []).append(_run(spotlight, base / "spotlight"))
        # A new title shows on listings: not a quick build (every page that names it).
        text = retitled.read_text(encoding="utf-8")
        retitled.write_text(text.replace("Title: ", f"Title: (rev. {time.time():.0f}) ", 1), encoding="utf-8")
        results.setdefault("spotlight title-edit", []).append(_run(spotlight, base / "spotlight"))

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

    runners = [spotlight_cold, floor_runs] + ([] if skip_pelican else [pelican_runs]) + ([hugo_runs] if hugo else [])
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
    parser.add_argument("--skip-import", action="store_true")
    args = parser.parse_args()
    folders: list[str] = []
    try:
        for n in args.n:
            folders.append(tempfile.mkdtemp(prefix=f"spotlight-bench-{n}-"))
            _report(n, args.repeat, bench(n, args.repeat, args.skip_hugo, args.skip_pelican, folders[-1]))
    finally:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
    if not args.skip_import:
        print()
        subprocess.run([PYTHON, str(ROOT / "scripts" / "bench_import.py"), "--n", "300", "--repeat", str(args.repeat)], check=True)


def _report(n: int, repeat: int, res: dict[str, Result]) -> None:
    print(f"\nN = {n} posts, median of {repeat}, {os.cpu_count()} core(s)")
    # CPU seconds show what the wall time hides on a busy machine: how much work a build
    # is, and how much of it is the kernel's (creating files, copying pages of forks).
    print(f"{'build':24} {'seconds':>8} {'1-proc MB':>10} {'tree MB':>8} {'user s':>7} {'kernel s':>8}")
    for name, (seconds, mb, tree, user, kernel) in res.items():
        print(f"{name:24} {seconds:8.2f} {mb:10d} {tree:8d} {user:7.2f} {kernel:8.2f}")
    hugo_cold = res.get("hugo cold", (None, 0))[0]
    hugo_re = res.get("hugo rebuild", (None, 0))[0]
    s_cold, s_none, s_edit = (res[k][0] for k in ("spotlight cold", "spotlight no-change", "spotlight one-edit"))
    if hugo_cold:
        print(f"cold / Hugo cold:            {s_cold / hugo_cold:5.2f}  (target <= 1.5)")
        if "floor (md + pagefind)" in res:
            floor = res["floor (md + pagefind)"][0]
            print(f"floor / Hugo cold:           {floor / hugo_cold:5.2f}  (python-markdown and Pagefind alone: no build can do less)")
        cpu = lambda k: res[k][3] + res[k][4]  # noqa: E731
        print(f"cold CPU / Hugo cold CPU:    {cpu('spotlight cold') / cpu('hugo cold'):5.2f}  (user + kernel seconds)")
        print(f"no-change / Hugo rebuild:    {s_none / hugo_re:5.2f}  (target <= 0.5)")
        print(f"one-edit / Hugo rebuild:     {s_edit / hugo_re:5.2f}  (target <= 1.0)")
    if "pelican cold" in res:
        print(f"cold / vanilla Pelican cold: {s_cold / res['pelican cold'][0]:5.2f}")
    ours = [v for k, v in res.items() if k.startswith("spotlight")]
    print(f"peak memory, spotlight (any build): {max(r[2] for r in ours)} MB for the whole process tree, {max(r[1] for r in ours)} MB for its largest process (target at N = 5000: <= 250 MB)")


if __name__ == "__main__":
    main()
