"""Import: scraped files -> cleanup pipeline -> Post -> written without overwriting.

One post per input. A file that cannot be read or cleaned raises :class:`InputError`
naming it, and so does one that is no scrape or post (a binary file) or whose post the build
would refuse (the build's own checks, :func:`spotlight.validate.check_post`); existing posts
are never replaced without ``force`` (and then a backup is kept).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .cleanup import Cleaned, Record, clean_html_page, clean_markdown, clean_scrape
from .cleanup.blocks import match_key, split_blocks
from .cleanup.decode import decode_bytes
from .errors import InputError, OverwriteError, RefusedPostError, UsageError
from .files import allowed_mode
from .identity import new_guid
from .post import Post, has_header, iso_date_fields, looks_like_post, parse_post, slugify
from .validate import MAX_POST_BYTES, binary_kind, check_post

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
# A paragraph must be at least this long to count as boilerplate recurring across imports.
_MIN_RECURRING_CHARS = 40


@dataclass
class ImportResult:
    """One input's outcome: the post, where it went, what the cleanup did, and warnings."""

    source: str
    post: Post
    records: list[Record]
    warnings: list[str] = field(default_factory=list)
    written_to: Path | None = None
    turn_count: int = 0
    announced: str | None = None  # the Announced this import gave it (--announce), if any

    def report(self) -> dict[str, object]:
        return {
            "source": self.source,
            "written_to": str(self.written_to) if self.written_to else None,
            "metadata": self.post.metadata,
            "turns": self.turn_count,
            "warnings": self.warnings,
            "records": [r.to_dict() for r in self.records],
        }


def announced_text(when: dt.datetime) -> str:
    """``Announced``'s value: the minute (and the second, when it is not 0: :func:`import_many`
    announces a batch a second apart), with its offset from UTC when ``when`` has one, so that a
    site in another time zone reads the same moment.

    >>> one_hour = dt.timezone(dt.timedelta(hours=1))
    >>> announced_text(dt.datetime(2026, 12, 2, 7, 50, 0, 5, tzinfo=one_hour)), announced_text(dt.datetime(2026, 12, 2, 7, 50, 2, tzinfo=one_hour))
    ('2026-12-02 07:50+01:00', '2026-12-02 07:50:02+01:00')
    """
    return when.replace(microsecond=0).isoformat(sep=" ", timespec="seconds" if when.second else "minutes")


def parse_date(value: str) -> dt.date:
    """``YYYY-MM-DD`` or raise a :class:`UsageError` saying what is expected."""
    fields = iso_date_fields(value)
    if fields is None or len(fields) != 3:
        raise UsageError(f"--date {value!r} is not a date; use YYYY-MM-DD, for example 2024-05-01")
    try:
        return dt.date(*fields)
    except ValueError as exc:  # (2024-02-30: the right form, but no such day)
        raise UsageError(f"--date {value!r} is not a real date ({exc}); use YYYY-MM-DD, for example 2024-05-01") from None


def read_input(path: str) -> str:
    """The text of ``path`` (or standard input for ``-``), decoded."""
    if path == "-":
        import sys

        data = sys.stdin.buffer.read()
    else:
        p = Path(path)
        if not p.exists():
            raise InputError(path, "no such file")
        if p.is_dir():
            raise InputError(path, "is a folder; pass the files inside it")
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise InputError(path, f"cannot be read ({exc.strerror})") from None
    if not data.strip():
        raise InputError(path, "is empty; there is nothing to import")
    kind = binary_kind(data)
    if kind:
        raise InputError(path, f"is a binary file ({kind}), not a scrape or a post; import the article's text (.txt) or its saved page (.html)")
    return decode_bytes(data)


def import_text(
    text: str,
    *,
    source: str,
    date: dt.date | None = None,
    known_boilerplate: frozenset[str] = frozenset(),
    html: bool | None = None,
    max_bytes: int | None = None,
    announce: dt.datetime | None = None,
) -> ImportResult:
    """Clean one scrape (text, a saved HTML page, or an existing post) into a :class:`Post`;
    raises :class:`RefusedPostError` when the build would refuse that post (``max_bytes``:
    the site's MAX_POST_BYTES; by default read from pelicanconf.py here, if a post needs it).

    ``announce``: the interview is new on this site as of then (``Announced``): its feed items
    carry that date, at the top of every feed, while its page keeps its original ``Date``.
    Without it an old interview takes its original place in the feeds, and no RSS-to-email
    service sends it (they send only items newer than their last look)."""
    warnings: list[str] = []
    cleaned: Cleaned
    if html is None:
        from .cleanup.html import looks_like_html

        html = looks_like_html(text) and not has_header(text)
    if html:
        cleaned = clean_html_page(text, known_boilerplate=known_boilerplate)
        metadata = cleaned.metadata
        if "Title" not in metadata:
            raise InputError(source, "no title found in the page (no og:title, <title> or <h1>)")
        metadata.setdefault("Slug", slugify(metadata["Title"]))
    elif has_header(text):
        existing = parse_post(text, source=source, require_title=False)
        if "Title" not in existing.metadata:
            # Cleaning would take the first line for its title: the build's checks say what to add.
            _refuse_unbuildable(existing, source, max_bytes)
        cleaned = clean_markdown(existing.body, existing.metadata, known_boilerplate=known_boilerplate)
        metadata = cleaned.metadata
    else:
        cleaned = clean_scrape(text, known_boilerplate=known_boilerplate)
        metadata = cleaned.metadata
        if "Title" not in metadata:
            raise InputError(source, "no title found: the first line of a scrape should be the article's title")
        metadata.setdefault("Slug", slugify(metadata["Title"]))
    if not metadata.get("Guid"):
        metadata["Guid"] = new_guid()  # the post's permanent feed id, assigned once
    if date is not None:
        metadata["Date"] = date.isoformat()
        if metadata.get("Status", "").casefold() == "draft" and "Date" in metadata:
            metadata.pop("Status")
    if not metadata.get("Date"):
        metadata["Status"] = "draft"
        warnings.append(f"{source}: no publication date found; saved as a draft (pass --date YYYY-MM-DD to publish it)")
    for key in ("Author", "Interviewee"):
        if not metadata.get(key):
            what = "interviewer (Author)" if key == "Author" else "interviewee"
            warnings.append(f"{source}: no {what} found; add '{key}:' to the post by hand")
    if not cleaned.turn_count:
        warnings.append(
            f"{source}: no speakers recognised, so it is imported as an article without interview turns; "
            "to make it an interview, start each question and answer with its speaker's name and a colon "
            "('Ada Lovelace: …') and import it again"
        )
    for record in cleaned.records:
        if record.stage == "speakers" and record.kind == "missing":
            if record.reason.startswith("speaker names not known"):
                warnings.append(f"{source}: the speakers' names are not known, so the turns are labelled Q/A; add 'Author:' and 'Interviewee:' and import again")
            elif record.reason.startswith("label matches no speaker"):
                near = record.details.get("could_be")
                hint = f" (is it {near}?)" if near else ""
                warnings.append(f"{source}: '{record.details.get('label')}:' matches no speaker{hint}; the paragraph stays in the turn before it")
    if announce is not None and not metadata.get("Announced"):  # (announced once: a post's own stays)
        metadata["Announced"] = announced_text(announce)
        if not metadata.get("Date"):
            warnings.append(f"{source}: announced, but saved as a draft (no date): when you publish it, set Announced: to that day, or subscribers' services may take it for old")
    post = Post(metadata=metadata, body=cleaned.body)
    _refuse_unbuildable(post, source, max_bytes)
    given = announced_text(announce) if announce is not None else None
    return ImportResult(
        source=source, post=post, records=cleaned.records, warnings=warnings, turn_count=cleaned.turn_count, announced=given if metadata.get("Announced") == given else None
    )


def _refuse_unbuildable(post: Post, source: str, max_bytes: int | None) -> None:
    """Raise :class:`RefusedPostError` with the build's messages if it would refuse ``post``."""
    data = post.to_text().encode("utf-8")
    if max_bytes is None:
        max_bytes = _site_post_limit(os.getcwd()) if len(data) > MAX_POST_BYTES else MAX_POST_BYTES
    problems, _metadata, _warnings = check_post(source, data, limit=max_bytes)
    if problems:
        raise RefusedPostError(source, [problem.message for problem in problems])


@functools.lru_cache(maxsize=4)
def _site_post_limit(folder: str) -> int:
    """MAX_POST_BYTES of the site in ``folder`` (read only for a post above the default, since
    reading the settings loads Pelican)."""
    from .settings import load_settings

    try:
        return int(load_settings(Path(folder).resolve()).get("MAX_POST_BYTES", MAX_POST_BYTES))
    except (UsageError, ValueError, TypeError):
        return MAX_POST_BYTES


def import_path(
    path: str, *, date: dt.date | None = None, known_boilerplate: frozenset[str] = frozenset(), text: str | None = None, announce: dt.datetime | None = None
) -> ImportResult:
    """Read and clean one input file (``text`` when it was already read)."""
    suffix = Path(path).suffix.lower()
    if path != "-" and suffix not in SUPPORTED_SUFFIXES:
        raise InputError(path, f"unsupported file type {suffix or '(none)'}; Spotlight imports {', '.join(SUPPORTED_SUFFIXES)}")
    if text is None:
        text = read_input(path)
    # The file's type decides; only standard input is sniffed.
    html = True if suffix in HTML_SUFFIXES else (None if path == "-" else False)
    return import_text(text, source=path, date=date, known_boilerplate=known_boilerplate, html=html, announce=announce)


def collect_inputs(paths: list[str]) -> list[str]:
    """Files to import: the paths given, with folders expanded to the supported files inside."""
    files: list[str] = []
    for p in paths:
        path = Path(p)
        if p != "-" and path.is_dir():
            found = sorted(
                str(f) for f in path.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES and not f.name.startswith(".")
            )
            if not found:
                raise UsageError(f"{p}: no {', '.join(SUPPORTED_SUFFIXES)} files in this folder")
            files.extend(found)
        else:
            files.append(p)
    return files


def recurring_paragraphs(texts: list[str]) -> frozenset[str]:
    """Paragraphs (as match keys) that appear in two or more of an author's inputs: the calls
    to action and sign-offs an author pastes under every article. Saved pages are left out:
    their text is markup, whose lines are no paragraphs (and splitting it cost a second per
    hundred pages before any worker started)."""
    from .cleanup.html import looks_like_html

    seen: dict[str, int] = {}
    for text in texts:
        if looks_like_html(text):
            continue
        keys = {match_key(" ".join(lines)) for lines in split_blocks(text.replace("\r\n", "\n"))}
        for key in keys:
            if len(key) >= _MIN_RECURRING_CHARS:
                seen[key] = seen.get(key, 0) + 1
    return frozenset(k for k, n in seen.items() if n >= 2)


@dataclass
class Failure:
    """A file that could not be imported, and why (picklable across worker processes)."""

    source: str
    problem: str

    def __str__(self) -> str:
        return f"{self.source}: {self.problem}"


def _import_worker(job: tuple[str, str, dt.date | None, frozenset[str], dt.datetime | None]) -> ImportResult | Failure:
    path, text, date, known, announce = job
    try:
        return import_path(path, date=date, known_boilerplate=known, text=text, announce=announce)
    except InputError as exc:
        return Failure(exc.path, exc.problem)
    except (ValueError, LookupError, TypeError, RecursionError, UnicodeError, AttributeError) as exc:
        # One file must never stop a batch: report the failure against the file.
        return Failure(path, f"could not be cleaned ({type(exc).__name__}: {exc})")


def _preload_html_stage() -> None:
    """Load the HTML stage (lxml, trafilatura) here, before the workers fork, so that they
    inherit it instead of each importing it again."""
    try:
        from .cleanup.html import extraction  # noqa: F401
        import trafilatura  # noqa: F401
    except ImportError:  # the workers report it against each page
        pass


def import_many(
    paths: list[str],
    *,
    date: dt.date | None = None,
    jobs: int | None = None,
    on_done: Callable[[str], None] | None = None,
    announce: dt.datetime | None = None,
) -> list[tuple[str, str | None, ImportResult | Failure]]:
    """Import every file, in parallel on all cores when there are several; returns, in input
    order, (path, decoded input text or None, result or failure)."""
    texts: dict[str, str | None] = {}
    outcomes: dict[str, ImportResult | Failure] = {}
    for path in paths:
        try:
            texts[path] = read_input(path)
        except InputError as exc:
            texts[path] = None
            outcomes[path] = Failure(exc.path, exc.problem)
            if on_done:
                on_done(path)
    known = recurring_paragraphs([t for t in texts.values() if t]) if len(paths) > 1 else frozenset()
    # Announced a second apart, in the order given (the first the earliest): no two items of a
    # feed share a date, and their order is the author's.
    start = announce.replace(second=0, microsecond=0) if announce is not None else None
    when = {p: start + dt.timedelta(seconds=i) for i, p in enumerate(paths)} if start is not None else {}
    todo = [(p, texts[p], date, known, when.get(p)) for p in paths if p not in outcomes]
    workers = min(jobs or os.cpu_count() or 1, len(todo))
    if workers > 1 and len(todo) >= 4:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # The biggest inputs first, one at a time: pages range from a kilobyte to megabytes,
        # and a chunk holding the heaviest ones would leave the other workers idle at the end.
        todo.sort(key=lambda job: len(job[1] or ""), reverse=True)
        if multiprocessing.get_start_method() == "fork" and any(Path(job[0]).suffix.lower() in HTML_SUFFIXES for job in todo):
            _preload_html_stage()
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for job, outcome in zip(todo, pool.map(_import_worker, todo)):
                outcomes[job[0]] = outcome
                if on_done:
                    on_done(job[0])
    else:
        for job in todo:
            outcomes[job[0]] = _import_worker(job)
            if on_done:
                on_done(job[0])
    return [(p, texts.get(p), outcomes[p]) for p in paths]


def destination(result: ImportResult, out_dir: Path) -> Path:
    slug = result.post.get("Slug") or slugify(result.post.get("Title") or "post")
    return out_dir / f"{slug}.md"


def write_post(post: Post, path: Path, *, force: bool = False) -> Path | None:
    """Write ``post`` to ``path`` atomically. Refuses to replace a file unless ``force``;
    with ``force`` the old file is kept as ``path~``. Returns the backup path, if any.

    A new post gets the permissions the umask allows; a replaced one, and its backup, keep
    the old file's (a private draft stays private)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    backup = None
    mode = allowed_mode(replacing=path)
    if path.exists():
        if not force:
            raise OverwriteError(str(path))
        old = path.read_bytes()
        backup = path.with_name(path.name + "~")
        _write_atomically(backup, old, mode)
        _keep_identity(post, old.decode("utf-8", errors="replace"), str(path))
    _write_atomically(path, post.to_text().encode("utf-8"), mode)
    return backup


def _write_atomically(path: Path, data: bytes, mode: int) -> None:
    """Write ``data`` to ``path`` through a file beside it, with permissions ``mode`` (set
    before a byte is written: mkstemp's file is owner-only, which a web server cannot read)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            os.chmod(tmp, mode)
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _keep_identity(post: Post, old_text: str, source: str) -> None:
    """A replaced post keeps its Guid and the day it was announced (``Announced``):
    subscribers must not get it again as a new post, and its place in the feeds stays."""
    if not looks_like_post(old_text):
        return
    old = parse_post(old_text, source=source).metadata
    for key in ("Guid", "Announced"):
        if old.get(key):
            post.metadata[key] = old[key]


def write_report(results: list[ImportResult], failures: list[Failure], path: Path) -> None:
    """The JSON report: every input, its metadata, warnings, and every removal and fix."""
    data = {
        "imports": [r.report() for r in results],
        "failures": [{"source": f.source, "error": f.problem} for f in failures],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
