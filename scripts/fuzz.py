"""Fuzz the cleanup and the rendering for a while, checking the same properties as the tests.

    .venv/bin/python scripts/fuzz.py [--seconds 120] [--seed 1]

Inputs are random mixes of: the shared adversarial strings (../shared/data/adversarial, when
present), fragments of scrapes and Markdown, random Unicode (lone surrogates, NUL, controls,
huge lines). For each input: the cleanup must not raise, must return NFC, XML-safe text and
reach a fixed point (cleaning its own post again changes nothing); rendering must not raise and
must be sanitized, XML-safe and a fixed point of the sanitizer. Prints how many inputs were tried.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
import unicodedata
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from spotlight.errors import InputError  # noqa: E402
from spotlight.importer import import_text  # noqa: E402
from spotlight.render import render_body  # noqa: E402
from spotlight.sanitize import sanitize_html  # noqa: E402

FRAGMENTS = [
    "Reply", "2 年", "回复", "Like", "1y", "Subscribe?to", "career??", "No alt text provided for this image", "Q: ", "A: ",
    "**Ada Lovelace:** ", "Ada Lovelace: ", "Lovelace: ", "Grace Hopper (00:12)", "- ", "> ", "```", "# ", "[x](javascript:alert(1))",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "donâ€™t", "https://example.com/?q=1", "a@b.example", "`code?x`",
    "To view or add a comment, sign in", "More articles by Ada Lovelace", "Published May 1, 2023", "By Ada Lovelace", "&#1;", "&lt;",
]
BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _random_text(rng: random.Random, pool: list[str]) -> str:
    parts = []
    for _ in range(rng.randint(1, 40)):
        roll = rng.random()
        if roll < 0.45:
            parts.append(rng.choice(pool))
        elif roll < 0.75:
            parts.append("".join(chr(rng.randint(0, 0x2FFF) if rng.random() < 0.9 else rng.randint(0xD800, 0xDFFF)) for _ in range(rng.randint(0, 30))))
        elif roll < 0.8:
            parts.append("x" * rng.randint(1000, 50000))
        else:
            parts.append(rng.choice(["\n", "\n\n", " ", ":", "?", "\r\n"]))
    return "".join(parts)


def assert_sanitized(html: str) -> None:
    """Nothing that can run: no script or embedding element, no event handler, no
    javascript:/vbscript:/data: URL (checked on the parsed DOM, not the text)."""
    if not html.strip():
        return
    tree = lxml.html.fragment_fromstring(html, create_parent="div")
    assert not tree.xpath("//script | //style | //iframe | //object | //embed | //base | //meta | //form | //svg"), "an element that can run"
    assert not tree.xpath("//@*[starts-with(name(), 'on')]"), "an event handler"
    for url in tree.xpath("//@href | //@src | //@action"):
        assert not re.sub(r"[\s\x00-\x1f]", "", url).lower().startswith(("javascript:", "vbscript:", "data:")), f"a dangerous URL {url[:40]}"


def check_one(text: str) -> None:
    first = import_text(text, source="<fuzz>")
    post = first.post.to_text()
    assert unicodedata.is_normalized("NFC", post), "cleanup output is not NFC"
    assert not BAD.search(post), "cleanup output is not XML-safe"
    second = import_text(post, source="<fuzz again>").post.to_text()
    assert second == post, "cleanup is not a fixed point"
    html = render_body(first.post.body, first.post.get("Author"))
    html.encode("utf-8")
    assert not BAD.search(html), "rendering is not XML-safe"
    assert_sanitized(html)
    once = sanitize_html(html)
    assert sanitize_html(once) == once, "sanitizer is not a fixed point"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    pool = list(FRAGMENTS)
    adversarial = ROOT.parent / "shared" / "data" / "adversarial"
    if adversarial.is_dir():
        pool += json.loads((adversarial / "blns.json").read_text(encoding="utf-8"))
        pool += re.split(r"//\[\"'`-->\]\]>\]</div>", (adversarial / "h5sc_vectors.txt").read_text(encoding="utf-8"))
    rng = random.Random(args.seed)
    start, tried, failures = time.monotonic(), 0, 0
    while time.monotonic() - start < args.seconds:
        text = _random_text(rng, pool)
        if rng.random() < 0.5:
            text = "Fuzz title\n\n" + text
        try:
            check_one(text)
        except InputError:
            pass  # a clear, expected refusal ("no title found"): not a failure
        except AssertionError as exc:
            failures += 1
            print(f"FAILED ({exc}) on {text[:200]!r}")
        except (ValueError, TypeError, LookupError, RecursionError, AttributeError) as exc:
            failures += 1
            print(f"RAISED {type(exc).__name__}: {exc} on {text[:200]!r}")
        tried += 1
    elapsed = time.monotonic() - start
    print(f"{tried} inputs in {elapsed:.0f} s ({tried / elapsed:.0f}/s), {failures} failure(s), pool of {len(pool)} fragments, seed {args.seed}")
    raise SystemExit(1 if failures else 0)


if __name__ == "__main__":
    main()
