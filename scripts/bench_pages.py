"""Article extraction on real pages: Spotlight against trafilatura and readability-lxml, one run.

    .venv/bin/python scripts/bench_pages.py [--suite ../shared/data/real-pages/readability]
                                            [--worst 10] [--page NAME ...] [--json FILE]

Each page of the suite is a folder with ``source.html``, the expected article (``expected.html``)
and its metadata (``expected-metadata.json``: title, byline, publishedTime). Each extractor is
scored by bag-of-words precision, recall and F1 over lower-cased word tokens (the ScrapingHub
article-extraction benchmark's metric). Spotlight is scored on what an import writes: the body
of the post after the whole cleanup, rendered by python-markdown to text.

A page whose ``source.html`` is under 4 KB is one of the suite's constructed test pages (36 of
Mozilla Readability's 130); the rest are saved real sites. Means are printed for both groups.
Titles are exact when equal after collapsing white space and case ("~titles": or equal but for a
short " | Site" or " - Author" that the expected title keeps and Spotlight drops). A byline counts only where
the page has one, and is exact when its first line is equal after also dropping a leading "By"
(Mozilla's expected byline is the byline element's text: "By Nathan Willis" and a date below).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Callable, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DEFAULT_SUITE = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "real-pages" / "readability"
CONSTRUCTED_BELOW_BYTES = 4000
_TOKEN = re.compile(r"\w+")


class Page(NamedTuple):
    name: str
    source: str
    expected_words: Counter[str]
    title: str | None
    byline: str | None
    date: str | None
    real: bool


class Score(NamedTuple):
    precision: float
    recall: float
    f1: float


def words(text: str) -> Counter[str]:
    """Lower-cased word tokens of ``text``, counted."""
    return Counter(_TOKEN.findall(text.casefold()))


def html_text(html: str) -> str:
    """The text of an HTML fragment or page (scripts and styles left out)."""
    import lxml.html
    from lxml import etree

    if not html.strip():
        return ""
    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    for el in root.iter("script", "style", "noscript"):
        el.drop_tree() if el.getparent() is not None else None
    return " ".join(root.itertext())


def score(got: Counter[str], expected: Counter[str]) -> Score:
    """Bag-of-words precision, recall and F1 of ``got`` against ``expected``."""
    overlap = sum((got & expected).values())
    n_got, n_expected = sum(got.values()), sum(expected.values())
    if not n_expected:
        return Score(1.0, 1.0, 1.0) if not n_got else Score(0.0, 1.0, 0.0)
    precision = overlap / n_got if n_got else 0.0
    recall = overlap / n_expected
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1)


def load_suite(suite: Path, only: list[str] | None = None) -> list[Page]:
    pages = []
    for folder in sorted(p for p in suite.iterdir() if (p / "source.html").is_file()):
        if only and folder.name not in only:
            continue
        source_bytes = (folder / "source.html").read_bytes()
        meta = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
        pages.append(
            Page(
                name=folder.name,
                source=source_bytes.decode("utf-8", errors="replace"),
                expected_words=words(html_text((folder / "expected.html").read_text(encoding="utf-8"))),
                title=meta.get("title"),
                byline=meta.get("byline"),
                date=meta.get("publishedTime"),
                real=len(source_bytes) >= CONSTRUCTED_BELOW_BYTES,
            )
        )
    return pages


class Extracted(NamedTuple):
    text: str
    title: str | None = None
    byline: str | None = None
    date: str | None = None


def spotlight_extract(source: str) -> Extracted:
    """What ``spotlight import`` makes of a saved page: the cleaned post, as text."""
    import markdown

    from spotlight.cleanup.pipeline import clean_html_page

    cleaned = clean_html_page(source)
    body_html = markdown.markdown(cleaned.body)
    meta = cleaned.metadata
    return Extracted(html_text(body_html), meta.get("Title"), meta.get("Author"), meta.get("Date"))


def spotlight_html_extract(source: str) -> Extracted:
    """The HTML stage alone (before the text stages): where a loss comes from."""
    import markdown

    from spotlight.cleanup.html import extract_html

    article = extract_html(source)
    meta = article.metadata
    return Extracted(html_text(markdown.markdown(article.markdown)), article.title, meta.get("author"), meta.get("date"))


def trafilatura_extract(source: str) -> Extracted:
    import trafilatura

    doc = trafilatura.bare_extraction(source, include_comments=False, with_metadata=True)
    if doc is None:
        return Extracted("")
    return Extracted(doc.text or "", doc.title, doc.author, doc.date)


def readability_extract(source: str) -> Extracted:
    from readability import Document

    doc = Document(source)
    return Extracted(html_text(doc.summary(html_partial=True)), doc.short_title() or doc.title())


EXTRACTORS: dict[str, Callable[[str], Extracted]] = {
    "spotlight": spotlight_extract,
    "spotlight-html": spotlight_html_extract,
    "trafilatura": trafilatura_extract,
    "readability-lxml": readability_extract,
}


def _same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


_BY_WORD = re.compile(r"^\s*(?:(?:written|posted|story|words) by|by|par|von|por|di|door|av|de|от|作者)\s*[:：]?\s+", re.I)


def _byline_key(text: str) -> str:
    """A byline as compared: its first line, without a leading "By"/"Par"/"Von", case and spacing.

    Mozilla's expected bylines are the byline element's text as the page shows it ("By
    Nathan Willis" then the date on the next line); a recovered byline is the name alone.
    """
    text = _BY_WORD.sub("", text)
    first = next((line for line in text.split("\n") if line.strip()), "")
    return " ".join(first.split()).casefold()


def _same_but_suffix(ours: str | None, expected: str | None) -> bool:
    """Equal, or ``expected`` is ``ours`` and a short " | Site" or " - Author" after it."""
    if _same(ours, expected):
        return True
    if not ours or not expected:
        return False
    a, b = " ".join(ours.split()).casefold(), " ".join(expected.split()).casefold()
    rest = b[len(a):] if b.startswith(a) else ""
    return bool(re.match(r"^\s+[|\-–—·•:]\s+\S", rest)) and len(rest.split()) <= 9


def _same_byline(ours: str | None, expected: str | None) -> bool:
    return bool(ours) and bool(expected) and _byline_key(ours) == _byline_key(expected)


def run(pages: list[Page], names: list[str]) -> dict[str, dict]:
    results: dict[str, dict] = {}
    for name in names:
        extract = EXTRACTORS[name]
        per_page: dict[str, dict] = {}
        start = time.perf_counter()
        for page in pages:
            try:
                got = extract(page.source)
                error = None
            except Exception as exc:  # noqa: BLE001 - a benchmark reports every extractor's failure as a zero
                got, error = Extracted(""), f"{type(exc).__name__}: {exc}"
            s = score(words(got.text), page.expected_words)
            per_page[page.name] = {
                "f1": s.f1, "precision": s.precision, "recall": s.recall, "error": error,
                "title": got.title, "title_ok": _same(got.title, page.title),
                "title_ok_but_suffix": _same_but_suffix(got.title, page.title),
                "byline": got.byline, "byline_ok": _same_byline(got.byline, page.byline) if page.byline else None,
                "date": got.date,
            }
        elapsed = time.perf_counter() - start
        results[name] = {"pages": per_page, "seconds": elapsed}
    return results


def _mean(values: list[float]) -> float:
    return statistics.fmean(values) if values else float("nan")


def report(pages: list[Page], results: dict[str, dict], worst: int) -> None:
    real = [p.name for p in pages if p.real]
    constructed = [p.name for p in pages if not p.real]
    with_byline = [p.name for p in pages if p.byline]
    with_title = [p.name for p in pages if p.title]
    print(f"{len(pages)} pages ({len(real)} real, {len(constructed)} constructed); {len(with_byline)} with a byline\n")
    print(f"{'extractor':<18} {'F1 all':>7} {'F1 real':>8} {'F1 constr':>10} {'P':>6} {'R':>6} {'titles':>8} {'~titles':>8} {'bylines':>8} {'pages/s':>8}")
    for name, result in results.items():
        pp = result["pages"]
        f1 = lambda names: _mean([pp[n]["f1"] for n in names])  # noqa: E731
        titles = sum(pp[n]["title_ok"] for n in with_title)
        near_titles = sum(pp[n]["title_ok_but_suffix"] for n in with_title)
        bylines = sum(bool(pp[n]["byline_ok"]) for n in with_byline)
        print(
            f"{name:<18} {f1(list(pp)):7.3f} {f1(real):8.3f} {f1(constructed):10.3f} "
            f"{_mean([v['precision'] for v in pp.values()]):6.3f} {_mean([v['recall'] for v in pp.values()]):6.3f} "
            f"{titles:>3}/{len(with_title):<4} {near_titles:>3}/{len(with_title):<4} {bylines:>3}/{len(with_byline):<4} {len(pages) / result['seconds']:8.1f}"
        )
    ours_name = next((n for n in ("spotlight", "spotlight-html") if n in results), None)
    if ours_name and "trafilatura" in results:
        ours, theirs = results[ours_name]["pages"], results["trafilatura"]["pages"]
        gaps = sorted(((ours[n]["f1"] - theirs[n]["f1"], n) for n in ours), key=lambda t: t[0])
        below = [(g, n) for g, n in gaps if g < -0.1]
        print(f"\npages more than 0.1 below trafilatura: {len(below)}")
        print(f"\nworst {worst} against trafilatura (spotlight F1 P R | trafilatura F1):")
        for gap, n in gaps[:worst]:
            o = ours[n]
            print(f"  {n:<40} {o['f1']:.3f} {o['precision']:.3f} {o['recall']:.3f} | {theirs[n]['f1']:.3f}  ({gap:+.3f})")
        for field, names in (("byline", with_byline), ("title", with_title)):
            misses = [n for n in names if not ours[n][f"{field}_ok"]]
            if misses:
                print(f"\n{field}s missed ({len(misses)}):")
                expected = {p.name: getattr(p, field) for p in pages}
                for n in misses:
                    print(f"  {n:<40} got {ours[n][field]!r}  expected {expected[n]!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--suite", type=Path, default=DEFAULT_SUITE)
    parser.add_argument("--page", action="append", help="only this page (repeatable)")
    parser.add_argument("--only", choices=sorted(EXTRACTORS), action="append", help="only this extractor (repeatable)")
    parser.add_argument("--worst", type=int, default=12)
    parser.add_argument("--json", type=Path, help="write every page's scores to this file")
    args = parser.parse_args(argv)
    if not args.suite.is_dir():
        print(f"error: no page suite at {args.suite} (clone the shared data beside the project)", file=sys.stderr)
        return 2
    pages = load_suite(args.suite, args.page)
    names = args.only or [n for n in EXTRACTORS if n != "spotlight-html"]
    for name in names:  # imports and tables loaded before the clock starts
        EXTRACTORS[name](pages[0].source)
    results = run(pages, names)
    report(pages, results, args.worst)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
