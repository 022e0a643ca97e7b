"""Validate a built site's RSS and Atom feeds with the W3C feed validator.

    python scripts/validate_feeds.py --validator ~/src/feedvalidator output/
    FEEDVALIDATOR=~/src/feedvalidator python scripts/validate_feeds.py public/

Every RSS or Atom document under ``<output>/feeds/`` (the site's, each series', tag's,
person's and company's, ``email.xml``, ``podcast.xml`` when there is one) is checked against
the site's address: the site URL is read from the feeds' own ``rel="self"`` links (the part
before the feed's path; ``--site-url`` sets it instead), and each feed is validated as if it
had been fetched from ``<site URL>/<its path>``, so a self link that does not point at the
feed itself is reported. Errors and warnings are printed per feed; the exit code is 1 if any
feed has an error (or, with ``--strict``, a warning), 2 when no validator is given or it
cannot be loaded, 0 otherwise.

The validator is not a dependency of Spotlight and is not bundled: it is the W3C's
https://github.com/w3c/feedvalidator (``git clone`` it anywhere). It needs lxml, html5lib and
rdflib in the Python that runs this script (``pip install -r <checkout>/requirements.txt``);
this script itself uses only the standard library, so any Python 3 with those packages runs it.
"""

from __future__ import annotations

import argparse
import collections
import os
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

ATOM = "{http://www.w3.org/2005/Atom}"
HOW_TO_GET_IT = """\
No feed validator given. Get the W3C feed validator and point this script at it:

    git clone https://github.com/w3c/feedvalidator ~/src/feedvalidator
    python -m pip install -r ~/src/feedvalidator/requirements.txt   # lxml, html5lib, rdflib
    python scripts/validate_feeds.py --validator ~/src/feedvalidator output/

(or set FEEDVALIDATOR=~/src/feedvalidator instead of --validator)."""


def load_validator(folder: Path) -> Any:
    """The ``feedvalidator`` package of a checkout (its ``src/``), or of a folder that holds
    the package itself. Raises ImportError with the reason when it cannot be loaded."""
    for candidate in (folder / "src", folder, folder.parent):
        if (candidate / "feedvalidator" / "__init__.py").is_file():
            sys.path.insert(0, str(candidate))
            break
    else:
        raise ImportError(f"{folder} is not a checkout of https://github.com/w3c/feedvalidator (no src/feedvalidator/ in it)")
    import feedvalidator  # noqa: PLC0415 (only importable once its folder is known)
    from feedvalidator import compatibility  # noqa: PLC0415,F401
    from feedvalidator.formatter.text_plain import Formatter  # noqa: PLC0415,F401
    from feedvalidator.validators import HTMLValidator  # noqa: PLC0415,F401 (imports html5lib)

    return feedvalidator


def feed_files(output: Path) -> list[Path]:
    """The RSS and Atom documents under ``output/feeds`` (and ``output/podcast.xml``), sorted."""
    candidates = sorted((output / "feeds").rglob("*.xml")) if (output / "feeds").is_dir() else []
    candidates += [p for p in (output / "podcast.xml",) if p.is_file()]
    return [path for path in candidates if feed_kind(path) is not None]


def feed_kind(path: Path) -> str | None:
    """"rss" or "atom" from the document's root element; None for anything else."""
    try:
        for _, element in ET.iterparse(path, events=("start",)):
            return {"rss": "rss", f"{ATOM}feed": "atom"}.get(element.tag)
    except ET.ParseError:
        return "unparsable"  # (the validator says why)
    return None


def self_link(path: Path) -> str | None:
    """The href of the feed's ``rel="self"`` link (RSS: ``atom:link`` in the channel)."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError:
        return None
    parent = root.find("channel") if root.tag == "rss" else root
    if parent is None:
        return None
    for link in parent.findall(f"{ATOM}link"):
        if link.get("rel") == "self" and link.get("href"):
            return link.get("href", "").strip()
    return None


def site_url_of(output: Path, feeds: list[Path]) -> str | None:
    """The site's URL as the feeds' self links give it: for a feed at ``feeds/rss.xml`` whose
    self link is ``https://ex.org/blog/feeds/rss.xml``, ``https://ex.org/blog/``. The most
    common answer wins (a feed with a wrong self link is then reported by the validator)."""
    votes: collections.Counter[str] = collections.Counter()
    for path in feeds:
        href, rel = self_link(path), path.relative_to(output).as_posix()
        if href and href.endswith("/" + rel):
            votes[href[: -len(rel)]] += 1
    return votes.most_common(1)[0][0] if votes else None


def describe(event: Any, formatter_class: Any) -> str:
    """One event as the validator words it, with the element and value it is about."""
    line = formatter_class([event])[0]
    details = [f"{key}: {event.params[key]}" for key in ("element", "value") if event.params.get(key) not in (None, "")]
    return line + (f" [{'; '.join(details)}]" if details else "")


def validate(feedvalidator: Any, path: Path, base: str) -> tuple[list[Any], list[Any]]:
    """(errors, warnings) the validator reports for the feed at ``path`` fetched from ``base``."""
    from feedvalidator import compatibility  # noqa: PLC0415
    from feedvalidator.logging import Error, ValidationFailure  # noqa: PLC0415

    try:
        events = feedvalidator.validateString(path.read_bytes(), firstOccurrenceOnly=1, base=base)["loggedEvents"]
    except ValidationFailure as failure:
        events = [failure.event]
    events = compatibility.AA(events)  # errors and warnings (not the informational notes)
    errors = [e for e in events if isinstance(e, Error)]
    return errors, [e for e in events if not isinstance(e, Error)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output", nargs="?", default="output", type=Path, help="the built site (default: output)")
    parser.add_argument("--validator", type=Path, default=os.environ.get("FEEDVALIDATOR") or None, help="a checkout of https://github.com/w3c/feedvalidator (default: $FEEDVALIDATOR)")
    parser.add_argument("--site-url", help="the site's address, instead of the one the feeds' self links give")
    parser.add_argument("--strict", action="store_true", help="a warning fails too")
    args = parser.parse_args(argv)

    if args.validator is None:
        print(HOW_TO_GET_IT, file=sys.stderr)
        return 2
    try:
        feedvalidator = load_validator(args.validator.expanduser())
    except ImportError as exc:
        print(f"Cannot load the feed validator: {exc}.\nIt needs lxml, html5lib and rdflib: python -m pip install -r {args.validator}/requirements.txt", file=sys.stderr)
        return 2
    from feedvalidator.formatter.text_plain import Formatter  # noqa: PLC0415

    feeds = feed_files(args.output)
    if not feeds:
        print(f"No RSS or Atom feed under {args.output / 'feeds'}: build the site first.", file=sys.stderr)
        return 2
    site_url = args.site_url or site_url_of(args.output, feeds)
    if site_url is None:
        print("No feed has a self link ending with its own path, so the site's URL is unknown: pass --site-url.", file=sys.stderr)
        return 2
    site_url = site_url.rstrip("/") + "/"

    failed = 0
    totals = [0, 0]
    for path in feeds:
        rel = path.relative_to(args.output).as_posix()
        errors, warnings = validate(feedvalidator, path, site_url + rel)
        totals[0] += len(errors)
        totals[1] += len(warnings)
        print(f"{rel}: {len(errors)} error(s), {len(warnings)} warning(s)")
        for label, events in (("ERROR", errors), ("warning", warnings)):
            for event in events:
                print(f"    {label}: {describe(event, Formatter)}")
        failed += bool(errors or (args.strict and warnings))
    print(f"{len(feeds)} feed(s) validated as {site_url}…: {totals[0]} error(s), {totals[1]} warning(s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
