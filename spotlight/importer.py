"""Import: scraped files -> cleanup pipeline -> Post -> written without overwriting.

One post per input. A file that cannot be read or cleaned raises :class:`InputError`
naming it; existing posts are never replaced without ``force`` (and then a backup is kept).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .cleanup import Cleaned, Record, clean_markdown, clean_scrape
from .cleanup.decode import decode_bytes
from .errors import InputError, OverwriteError, UsageError
from .post import Post, looks_like_post, parse_post, slugify

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown")


@dataclass
class ImportResult:
    """One input's outcome: the post, where it went, what the cleanup did, and warnings."""

    source: str
    post: Post
    records: list[Record]
    warnings: list[str] = field(default_factory=list)
    written_to: Path | None = None
    turn_count: int = 0

    def report(self) -> dict[str, object]:
        return {
            "source": self.source,
            "written_to": str(self.written_to) if self.written_to else None,
            "metadata": self.post.metadata,
            "turns": self.turn_count,
            "warnings": self.warnings,
            "records": [r.to_dict() for r in self.records],
        }


def parse_date(value: str) -> dt.date:
    """``YYYY-MM-DD`` or raise a :class:`UsageError` saying what is expected."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--date {value!r} is not a date; use YYYY-MM-DD, for example 2024-05-01") from None


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
    return decode_bytes(data)


def import_text(text: str, *, source: str, date: dt.date | None = None) -> ImportResult:
    """Clean one scrape (or an existing post) into a :class:`Post`."""
    warnings: list[str] = []
    cleaned: Cleaned
    if looks_like_post(text):
        existing = parse_post(text, source=source)
        cleaned = clean_markdown(existing.body, existing.metadata)
        metadata = cleaned.metadata
    else:
        cleaned = clean_scrape(text)
        metadata = cleaned.metadata
        if "Title" not in metadata:
            raise InputError(source, "no title found: the first line of a scrape should be the article's title")
        metadata.setdefault("Slug", slugify(metadata["Title"]))
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
        warnings.append(f"{source}: no interview turns ('Name: text' paragraphs) found")
    post = Post(metadata=metadata, body=cleaned.body)
    return ImportResult(source=source, post=post, records=cleaned.records, warnings=warnings, turn_count=cleaned.turn_count)


def import_path(path: str, *, date: dt.date | None = None) -> ImportResult:
    """Read and clean one input file."""
    if path != "-" and Path(path).suffix.lower() not in SUPPORTED_SUFFIXES:
        raise InputError(path, f"unsupported file type {Path(path).suffix or '(none)'}; Spotlight imports {', '.join(SUPPORTED_SUFFIXES)}")
    return import_text(read_input(path), source=path, date=date)


def destination(result: ImportResult, out_dir: Path) -> Path:
    slug = result.post.get("Slug") or slugify(result.post.get("Title") or "post")
    return out_dir / f"{slug}.md"


def write_post(post: Post, path: Path, *, force: bool = False) -> Path | None:
    """Write ``post`` to ``path`` atomically. Refuses to replace a file unless ``force``;
    with ``force`` the old file is kept as ``path~``. Returns the backup path, if any."""
    path.parent.mkdir(parents=True, exist_ok=True)
    backup = None
    if path.exists():
        if not force:
            raise OverwriteError(str(path))
        backup = path.with_name(path.name + "~")
        backup.write_bytes(path.read_bytes())
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(post.to_text())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return backup


def write_report(results: list[ImportResult], failures: list[InputError], path: Path) -> None:
    """The JSON report: every input, its metadata, warnings, and every removal and fix."""
    data = {
        "imports": [r.report() for r in results],
        "failures": [{"source": f.path, "error": f.problem} for f in failures],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
