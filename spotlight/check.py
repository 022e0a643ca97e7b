"""The safety net: find junk a cleanup should have removed, and posts without a permanent
Guid, in posts about to be built.

Reuses the cleanup's own detectors (UI chrome tables, page furniture, image placeholders,
comment headers, the lost-space "?", mojibake, control characters). Used by the plugin
during a build (warnings with file and line) and by ``spotlight check``.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import ftfy.badness

from .cleanup.chrome import chrome_phrase, is_image_placeholder, page_end_marker
from .cleanup.comments import is_relative_timestamp
from .cleanup.encoding import count_lost_space_marks, invisible_characters
from .cleanup.speakers import speaker_problems
from .files import allowed_mode
from .identity import new_guid
from .post import POST_SUFFIXES, looks_like_post

_FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class Finding:
    """One piece of leftover junk: where it is and what it looks like."""

    path: str
    line: int
    kind: str
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.kind}: {self.text[:80]}"


def _body_start(lines: list[str]) -> int:
    """Index of the first body line (after the metadata header and its blank line)."""
    if lines and re.match(r"^[A-Za-z][A-Za-z0-9_-]*:", lines[0]):
        for i, line in enumerate(lines):
            if not line.strip():
                return i + 1
        return len(lines)
    return 0


def find_junk(text: str, path: str = "<post>") -> list[Finding]:
    """Every line of a post's body that looks like junk the cleanup should have removed."""
    lines = text.split("\n")
    start = _body_start(lines)
    body = lines[start:]
    findings: list[Finding] = []
    body_text = "\n".join(body)
    gated = count_lost_space_marks(body_text) >= 2
    any_invisible = bool(invisible_characters(body_text))
    in_code = False
    for offset, line in enumerate(body):
        number = start + offset + 1
        stripped = line.strip()
        if _FENCE.match(line):
            in_code = not in_code
            continue
        if in_code or not stripped:
            continue
        plain = re.sub(r"^(?:[-*+]|\d+[.)]|>)\s+", "", stripped)
        kind = None
        short = len(plain) <= 160  # UI lines are short; prose lines skip the phrase tables
        if any_invisible and invisible_characters(line):
            kind = "control or zero-width character"
        elif not short:
            pass
        elif chrome_phrase(plain):
            platform, language = chrome_phrase(plain)  # type: ignore[misc]
            kind = f"platform UI chrome ({platform}, {language})"
        elif page_end_marker(plain):
            kind = "page furniture (sign-in prompt, 'more articles by')"
        elif is_image_placeholder(plain):
            kind = "image placeholder"
        elif is_relative_timestamp(plain):
            kind = "comment timestamp (a comment thread may be left)"
        if kind is None and gated and count_lost_space_marks(line):
            kind = "'?' standing for a lost space"
        elif kind is None and not line.isascii() and ftfy.badness.is_bad(line):
            kind = "mojibake"
        if kind:
            findings.append(Finding(path=path, line=number, kind=kind, text=stripped))
    findings.extend(_speaker_findings(lines, start, path))
    return findings


def _speaker_findings(lines: list[str], start: int, path: str) -> list[Finding]:
    """Turns the cleanup got wrong: a speaker label left as text, turns without names."""
    header = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[:start]) if v}
    paragraphs: list[tuple[int, str]] = []  # (line number, text) of each top-level paragraph
    in_code = False
    for offset, line in enumerate(lines[start:]):
        if _FENCE.match(line):
            in_code = not in_code
            continue
        if in_code or not line.strip():
            continue
        if offset == 0 or not lines[start + offset - 1].strip():
            paragraphs.append((start + offset + 1, line.strip()))
    problems = speaker_problems([text for _, text in paragraphs], header.get("author"), header.get("interviewee"))
    return [Finding(path=path, line=paragraphs[n][0], kind=f"speaker: {problem}", text=paragraphs[n][1]) for n, problem in problems]


def check_identity(paths: list[Path]) -> list[Finding]:
    """Posts without a Guid (their feed id is provisional). Posts that share one are the
    build's own check (validate.check_posts), which `spotlight check` runs too."""
    findings: list[Finding] = []
    for path in paths:
        text = path.read_bytes().decode("utf-8", errors="replace")
        if not looks_like_post(text) or _is_page(path):
            continue
        lines = text.split("\n")
        if not any(line.lower().startswith("guid:") for line in lines[: _body_start(lines)]):
            findings.append(Finding(str(path), 1, "no Guid (its feed id is provisional; `spotlight check --fix` adds one)", lines[0]))
    return findings


def _is_page(path: Path) -> bool:
    # Pages (content/pages/) are not in feeds and need no Guid.
    return "pages" in path.parent.parts


def add_missing_guids(paths: list[Path]) -> list[Path]:
    """Write a new Guid into every post that has none (the only place Spotlight writes into
    an author's post); returns the files changed. Each is written atomically."""
    changed = []
    for path in paths:
        text = path.read_bytes().decode("utf-8")
        if not looks_like_post(text) or _is_page(path):
            continue
        lines = text.split("\n")
        end = _body_start(lines)
        header_end = end - 1 if end and not lines[end - 1].strip() else end
        if any(line.lower().startswith("guid:") for line in lines[:header_end]):
            continue
        lines.insert(header_end, f"Guid: {new_guid()}")
        _write_atomically(path, "\n".join(lines))
        changed.append(path)
    return changed


def _write_atomically(path: Path, text: str) -> None:
    """Write ``text`` in place of the post at ``path``, which keeps its permissions (mkstemp's
    file is owner-only: a post shared with the group or a web server would no longer be)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            os.chmod(tmp, allowed_mode(replacing=path))
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def check_file(path: Path) -> list[Finding]:
    """:func:`find_junk` over one post file (read as UTF-8, undecodable bytes shown as U+FFFD)."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    return find_junk(text, str(path))


def post_files(paths: list[Path]) -> list[Path]:
    """The Markdown posts under ``paths`` (files or folders; folders starting with "_" skipped)."""
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(
                f
                for f in sorted(p.rglob("*"))
                if f.suffix.lower() in POST_SUFFIXES and f.is_file() and not any(part.startswith(("_", ".")) for part in f.relative_to(p).parts)
            )
        elif p.is_file():
            files.append(p)
    return files
