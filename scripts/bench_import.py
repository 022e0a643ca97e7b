"""Import throughput: scrapes per second for text and HTML, against bare ftfy and trafilatura.

    .venv/bin/python scripts/bench_import.py [--n 400] [--repeat 3]
    .venv/bin/python scripts/bench_import.py --pages ../shared/data/real-pages/readability

Generates N synthetic interview scrapes (fictional people; LinkedIn-style text with promo,
comments and chrome, and whole HTML pages with navigation and a comment thread), then times,
median of --repeat runs:
  - `import_many` on all cores (what `spotlight import DIR` does) and on one process,
  - bare `ftfy.fix_text` over the same texts, bare `trafilatura.extract` over the same pages.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

FIRST = ["Ada", "Grace", "Alan", "Katherine", "Edsger", "Barbara", "Margaret", "Niklaus", "Radia", "Frances"]
LAST = ["Lovelace", "Hopper", "Turing", "Johnson", "Dijkstra", "Liskov", "Hamilton", "Wirth", "Perlman", "Allen"]
WORDS = "we built the data pipeline team learned fast shipping product customers quality trust systems design".split()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 20))]
    return " ".join(words).capitalize() + rng.choice([".", ".", ".", "?"])


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(2, 5)))


def make_text_scrape(rng: random.Random, n: int) -> str:
    """A LinkedIn-style text scrape of about 8 KB with every kind of junk."""
    host, guest = f"{rng.choice(FIRST)} {rng.choice(LAST)}", f"{rng.choice(FIRST)} {rng.choice(LAST)}x"
    title = f"Bench Talks #{n}: {guest}, Engineer at Example Co"
    promo = "Want the newsletter? Subscribe?to the Bench letter at bench.example.com.?New talks monthly."
    parts = [title, title, promo, _paragraph(rng), "No alt text provided for this image", f"{guest} at work."]
    for i in range(8):
        asker = host if i == 0 else host.split()[-1]
        answerer = guest if i == 0 else guest.split()[-1]
        parts += [f"{asker}: {_sentence(rng)}", f"{answerer}: {_paragraph(rng)}", _paragraph(rng)]
    parts += [promo, "If you enjoyed this article, follow me on Twitter?@bench_host."]
    for _ in range(3):
        parts += ["Casey Commenter", "Growth Hacker at Spam Inc", "2y", "DM me for followers https://spam.example.net", "Like", "Reply"]
    parts += ["To view or add a comment, sign in", f"More articles by {host}"]
    return "\n\n".join(parts) + "\n"


def make_html_page(rng: random.Random, n: int) -> str:
    """A whole saved HTML page (about 12 KB): navigation, article, comments, footer."""
    host, guest = f"{rng.choice(FIRST)} {rng.choice(LAST)}", f"{rng.choice(FIRST)} {rng.choice(LAST)}x"
    title = f"Bench Talks #{n}: {guest}, Engineer at Example Co"
    body = [f"<p>{_paragraph(rng)}</p>", f'<figure><img src="/img/{n}.jpg" alt="{guest}"><figcaption>{guest} at work.</figcaption></figure>']
    for _ in range(8):
        body += [f"<p><strong>{host}:</strong> {_sentence(rng)}</p>", f"<p><strong>{guest}:</strong> {_paragraph(rng)}</p>", f"<p>{_paragraph(rng)}</p>"]
    comments = "".join(
        f'<li class="comment"><span class="comment-author">Casey {i}</span><div class="comment-content"><p>Nice! DM me https://spam.example.net</p></div></li>'
        for i in range(4)
    )
    return (
        f'<!doctype html><html lang="en"><head><title>{title} | Bench</title><meta property="og:title" content="{title}">'
        f'<meta property="article:published_time" content="2024-03-0{n % 9 + 1}T09:00:00+00:00"><meta name="author" content="{host}">'
        f'<link rel="canonical" href="https://bench.example.com/talks/{n}/"></head><body><nav><a href="/">Home</a><a href="/about">About</a></nav>'
        f'<article><h1>{title}</h1><div class="entry-content">{"".join(body)}</div></article>'
        f'<section id="comments"><h2>4 comments</h2><ol class="comment-list">{comments}</ol></section><footer>© Bench</footer></body></html>'
    )


def _median_seconds(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _interleaved_medians(fns: list, repeat: int) -> list[float]:
    """The median seconds of each of ``fns``, run in turn in every round (the machine's speed
    drifts over minutes; runs side by side see the same machine), the order alternating."""
    times: list[list[float]] = [[] for _ in fns]
    for round_ in range(repeat):
        order = list(range(len(fns))) if round_ % 2 == 0 else list(reversed(range(len(fns))))
        for i in order:
            start = time.perf_counter()
            fns[i]()
            times[i].append(time.perf_counter() - start)
    return [statistics.median(t) for t in times]


def _bare_trafilatura(path: str) -> int:
    import trafilatura

    text = trafilatura.extract(Path(path).read_text(encoding="utf-8", errors="replace"))
    return len(text or "")


def real_pages(folder: Path, repeat: int) -> None:
    """A folder import of saved real pages on all cores, against bare trafilatura on all cores,
    and the wall time of ``spotlight import`` of one page as a user runs it."""
    import subprocess
    from concurrent.futures import ProcessPoolExecutor

    from spotlight.importer import import_many

    paths = sorted(str(p) for p in folder.glob("*/source.html"))
    cores = os.cpu_count() or 1

    def spotlight_all() -> None:
        import_many(paths, jobs=cores)

    def trafilatura_all() -> None:
        with ProcessPoolExecutor(max_workers=cores) as pool:
            list(pool.map(_bare_trafilatura, paths, chunksize=max(1, len(paths) // (cores * 8))))

    ours, theirs = _interleaved_medians([spotlight_all, trafilatura_all], repeat)
    print(f"{len(paths)} real pages from {folder}, {cores} core(s), median of {repeat} rounds, the two side by side")
    print(f"{'measurement':45} {'seconds':>8} {'pages/s':>11}")
    print(f"{'spotlight import FOLDER, all cores':45} {ours:8.2f} {len(paths) / ours:11.1f}")
    print(f"{'bare trafilatura.extract, all cores':45} {theirs:8.2f} {len(paths) / theirs:11.1f}")
    print(f"ratio: Spotlight runs at {theirs / ours:.2f}x bare trafilatura's pages/s")

    spotlight = Path(sys.executable).with_name("spotlight")
    sizes = sorted(paths, key=lambda p: Path(p).stat().st_size)
    page = sizes[len(sizes) // 2]  # a page of median size
    times = []
    for _ in range(max(repeat, 5)):
        start = time.perf_counter()
        subprocess.run([str(spotlight), "import", page, "--stdout"], check=False, capture_output=True)  # writes nothing
        times.append(time.perf_counter() - start)
    start_up = []
    for _ in range(max(repeat, 5)):
        start = time.perf_counter()
        subprocess.run([str(spotlight), "--version"], check=False, capture_output=True)
        start_up.append(time.perf_counter() - start)
    print(f"spotlight import of one page ({Path(page).parent.name}, {Path(page).stat().st_size // 1024} KB): "
          f"median {statistics.median(times):.2f} s (start-up alone: {statistics.median(start_up):.2f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=400, help="scrapes of each kind (default 400)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the median is reported (default 3)")
    parser.add_argument("--pages", type=Path, help="a folder of saved pages (NAME/source.html): time a real folder import instead")
    args = parser.parse_args()
    if args.pages:
        real_pages(args.pages, args.repeat)
        return

    import ftfy
    import trafilatura

    from spotlight.importer import import_many

    rng = random.Random(1)
    texts = [make_text_scrape(rng, i) for i in range(args.n)]
    pages = [make_html_page(rng, i) for i in range(args.n)]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        text_paths, html_paths = [], []
        for i, (t, h) in enumerate(zip(texts, pages)):
            (folder / f"t{i}.txt").write_text(t, encoding="utf-8")
            (folder / f"h{i}.html").write_text(h, encoding="utf-8")
            text_paths.append(str(folder / f"t{i}.txt"))
            html_paths.append(str(folder / f"h{i}.html"))

        def run(paths: list[str], jobs: int) -> None:
            outcomes = import_many(paths, jobs=jobs)
            failed = [o for _, _, o in outcomes if not hasattr(o, "post")]
            assert not failed, failed[:3]

        cores = os.cpu_count() or 1
        rows = [
            ("spotlight import, text, all cores", _median_seconds(lambda: run(text_paths, cores), args.repeat)),
            ("spotlight import, text, 1 process", _median_seconds(lambda: run(text_paths, 1), args.repeat)),
            ("bare ftfy.fix_text, text, 1 process", _median_seconds(lambda: [ftfy.fix_text(t) for t in texts], args.repeat)),
            ("spotlight import, HTML, all cores", _median_seconds(lambda: run(html_paths, cores), args.repeat)),
            ("spotlight import, HTML, 1 process", _median_seconds(lambda: run(html_paths, 1), args.repeat)),
            ("bare trafilatura.extract, HTML, 1 process", _median_seconds(lambda: [trafilatura.extract(p) for p in pages], args.repeat)),
        ]
    print(f"{args.n} scrapes of each kind, {cores} core(s), median of {args.repeat}")
    print(f"{'measurement':45} {'seconds':>8} {'per second':>11}")
    for name, seconds in rows:
        print(f"{name:45} {seconds:8.2f} {args.n / seconds:11.1f}")
    by_name = dict(rows)
    print(f"ratio text import (1 process) / bare ftfy: {by_name['spotlight import, text, 1 process'] / by_name['bare ftfy.fix_text, text, 1 process']:.1f}x the time")
    print(f"ratio HTML import (1 process) / bare trafilatura: {by_name['spotlight import, HTML, 1 process'] / by_name['bare trafilatura.extract, HTML, 1 process']:.1f}x the time")


if __name__ == "__main__":
    main()
