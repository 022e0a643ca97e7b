"""Search benchmark: what the size of the search buckets costs the build and the reader.

    .venv/bin/python scripts/bench_search.py [--n 1000] [--sizes 500 250 100] [--repeat 3]

The interview pages are indexed by Pagefind in buckets of at most ``SEARCH_BUCKET_SIZE``
pages, one bundle each, which the search page merges (see spotlight/search.py). Smaller
buckets make an edit cheaper to re-index (a build re-indexes only the bucket of the edited
page) and each Pagefind run smaller; they also mean more bundles for the reader's browser to
fetch an index from. For each size this prints, on N generated interviews with a realistic
vocabulary (Zipf-distributed, about 20,000 words, so the index has real size):
  - the cold build and a one-edit rebuild of the site, median of --repeat, seconds;
  - what a reader's browser (Debian's chromium) fetches for the search: requests and bytes
    (as sent, compressed or not as the server sends them: this one sends files as they are)
    from opening the search page to the first query's results, and for two more queries.
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import bench  # noqa: E402  (scripts/bench.py: the generated posts and the timed runs)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    syllables = [c + v for c in "bdfghklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ai", "ou")]
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.choice((1, 2, 2, 3, 3, 4)))))
    return sorted(words)


def _rewrite_bodies(folder: Path, seed: int) -> list[str]:
    """Give the generated posts' answers a Zipf-distributed vocabulary; returns the words."""
    rng = random.Random(seed)
    words = _vocabulary(rng, 20_000)
    weights = [1 / (rank + 1) for rank in range(len(words))]
    for post in sorted((folder / "content" / "interviews").glob("*.md")):
        head, _, body = post.read_text(encoding="utf-8").partition("\n\n")
        lines = []
        for line in body.split("\n"):
            if line.startswith("**") and ":** " in line:
                label, _, text = line.partition(":** ")
                line = label + ":** " + " ".join(rng.choices(words, weights, k=max(8, len(text.split())))) + "."
            lines.append(line)
        post.write_text(head + "\n\n" + "\n".join(lines), encoding="utf-8")
    return words


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def _reader_cost(site: Path, queries: list[str]) -> list[tuple[int, int]]:
    """(requests, bytes) fetched for the first query (page load included), then each next one."""
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    costs = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            fetched: list[int] = []

            def finished(request) -> None:  # type: ignore[no-untyped-def]
                try:
                    fetched.append(request.sizes()["responseBodySize"])
                except Exception:  # noqa: BLE001 - a request without a body
                    fetched.append(0)

            page.on("requestfinished", finished)
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/search/", wait_until="networkidle")
            box = page.locator("#search input")
            box.wait_for(state="visible", timeout=10_000)
            for query in queries:
                before = len(fetched), sum(fetched)
                box.fill(query)
                page.wait_for_selector("#search .pagefind-ui__result, #search .pagefind-ui__message", timeout=20_000)
                page.wait_for_load_state("networkidle")
                time.sleep(0.5)
                costs.append((len(fetched) - before[0], sum(fetched) - before[1]))
                if len(costs) == 1:  # the first query counts the page load too
                    costs[0] = (len(fetched), sum(fetched))
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 250, 100])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="spotlight-bench-search-") as tmp:
        base = Path(tmp)
        bench.generate(args.n, base / "site")
        words = _rewrite_bodies(base / "site", args.n)
        queries = [words[3], words[400], words[9000]]  # a common, a middling and a rare word
        print(f"N = {args.n} posts, queries: {', '.join(queries)} (common, middling, rare)")
        print(f"{'bucket':>6} {'bundles':>7} {'cold s':>7} {'edit s':>7}  {'first search (page load included)':>34}  {'next two searches':>20}")
        for size in args.sizes:
            folder = base / f"b{size}"
            shutil.copytree(base / "site", folder)
            command = [str(ROOT / ".venv" / "bin" / "spotlight"), "build", "--project", str(ROOT), "--content", "content", "--output", "output", "-e", f"SEARCH_BUCKET_SIZE={size}"]
            colds, edits = [], []
            for _ in range(args.repeat):
                shutil.rmtree(folder / "output", ignore_errors=True)
                shutil.rmtree(folder / ".spotlight-cache", ignore_errors=True)
                colds.append(bench._run(command, folder)[0])
                edited = folder / "content" / "interviews" / "post-0.md"
                edited.write_text(edited.read_text(encoding="utf-8") + f"\nAn edit at {time.time()}.\n", encoding="utf-8")
                edits.append(bench._run(command, folder)[0])
            manifest = json.loads((folder / "output" / "pagefind" / "spotlight-bundles.json").read_text(encoding="utf-8"))
            costs = _reader_cost(folder / "output", queries)
            later = (sum(c[0] for c in costs[1:]), sum(c[1] for c in costs[1:]))
            print(
                f"{size:>6} {len(manifest['bundles']) + 1:>7} {statistics.median(colds):>7.2f} {statistics.median(edits):>7.2f}"
                f"  {costs[0][0]:>10} requests {costs[0][1] / 1024:>9.0f} KB  {later[0]:>4} req {later[1] / 1024:>6.0f} KB",
                flush=True,
            )


if __name__ == "__main__":
    main()
