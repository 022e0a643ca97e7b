"""The safety net: find junk a cleanup should have removed, in posts about to be built.

Reuses the cleanup's own detectors (UI chrome tables, page furniture, image placeholders,
comment headers, the lost-space "?", mojibake, control characters). Used by the plugin
during a build (warnings with file and line) and by ``spotlight check``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import ftfy.badness

from .cleanup.chrome import chrome_phrase, is_image_placeholder, page_end_marker
from .cleanup.comments import is_relative_timestamp
from .cleanup.encoding import count_lost_space_marks

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200d\u2060\ufeff]")
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
    gated = count_lost_space_marks("\n".join(body)) >= 2
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
        if _CONTROL.search(line):
            kind = "control or zero-width character"
        elif chrome_phrase(plain):
            platform, language = chrome_phrase(plain)  # type: ignore[misc]
            kind = f"platform UI chrome ({platform}, {language})"
        elif page_end_marker(plain):
            kind = "page furniture (sign-in prompt, 'more articles by')"
        elif is_image_placeholder(plain):
            kind = "image placeholder"
        elif is_relative_timestamp(plain):
            kind = "comment timestamp (a comment thread may be left)"
        elif gated and count_lost_space_marks(line):
            kind = "'?' standing for a lost space"
        elif ftfy.badness.is_bad(line):
            kind = "mojibake"
        if kind:
            findings.append(Finding(path=path, line=number, kind=kind, text=stripped))
    return findings


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
                f for f in sorted(p.rglob("*.md")) if not any(part.startswith(("_", ".")) for part in f.relative_to(p).parts)
            )
        elif p.is_file():
            files.append(p)
    return files
