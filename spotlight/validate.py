"""Broken posts, found before anything is built: each problem names the file (and line) and
says what to fix.

Pelican on its own skips a broken post with exit code 0, aborts on a control character,
writes outside ``output/`` for some ``Save_as`` values and takes minutes over pathological
Markdown. ``spotlight build`` runs :func:`validate_posts` first and refuses to build while
any problem is left; ``spotlight check`` reports them all at once.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .post import _HEADER_LINE

MAX_POST_BYTES = 1_000_000
MAX_BRACKETS_PER_PARAGRAPH = 1_000  # python-markdown is quadratic in unclosed "[": 4,000 take 2 s
MAX_NESTING = 100  # lists or quotes nested deeper than this can exhaust Python's recursion

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PATH_FIELDS = ("slug", "save_as", "url", "lang", "category")


@dataclass(frozen=True)
class Problem:
    """A post that cannot be built as it is."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass
class _Post:
    path: Path
    kind: str  # "article" or "page"
    metadata: dict[str, tuple[str, int]]  # lower-case key -> (value, line)
    body: str
    body_line: int


def _decode(path: Path, data: bytes) -> tuple[str | None, Problem | None]:
    if not data.strip():
        return None, Problem(str(path), "is empty; write a post (a 'Title:' line, a blank line, the text) or delete the file")
    head = data[:8192]
    if b"\x00" in head or len(head.translate(None, bytes(range(9, 256)))) > 8:
        return None, Problem(str(path), "looks like a binary file, not a text post; remove it from the content folder")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, Problem(
            str(path),
            f"is not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8, or import it with `spotlight import` which detects the encoding",
            line,
        )


def _split(text: str) -> tuple[dict[str, tuple[str, int]], str, int]:
    lines = text.split("\n")
    metadata: dict[str, tuple[str, int]] = {}
    i = 0
    last = None
    while i < len(lines) and lines[i].strip():
        m = _HEADER_LINE.match(lines[i].rstrip("\r"))
        if m:
            last = m.group("key").lower()
            metadata[last] = (m.group("value").strip(), i + 1)
        elif last and lines[i].startswith((" ", "\t")):
            value, line = metadata[last]
            metadata[last] = (value + " " + lines[i].strip(), line)
        else:
            break
        i += 1
    return metadata, "\n".join(lines[i:]), i + 1


def _nesting(body: str) -> tuple[int, int]:
    """The deepest list or quote nesting in ``body`` and the line where it is."""
    deepest, where = 0, 0
    for n, line in enumerate(body.split("\n"), start=1):
        quote = len(re.match(r"^(?:\s*>)*", line).group(0).replace(" ", ""))
        indent = len(line) - len(line.lstrip(" \t"))
        depth = max(quote, indent // 2 if re.match(r"^\s*(?:[-*+]|\d+[.)])\s", line) else 0)
        if depth > deepest:
            deepest, where = depth, n
    return deepest, where


def _paths_escape(value: str) -> bool:
    v = value.strip()
    return (
        "\\" in v
        or v.startswith(("/", "~"))
        or bool(re.match(r"^[A-Za-z]:", v))
        or any(part == ".." for part in re.split(r"[/\\]", v))
        or "\x00" in v
    )


def _inside(root: str, relative: str) -> bool:
    target = os.path.normpath(os.path.join(root, relative))
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def validate_posts(settings: dict[str, Any], warnings: list[str] | None = None) -> list[Problem]:
    """Every problem in the posts under the content folder (``settings["PATH"]``).

    When ``warnings`` is a list, what does not stop a build is added to it while each file is
    read anyway: leftover junk (the safety net of :mod:`spotlight.check`), file and line, and
    articles without a Guid.
    """
    from pelican.utils import get_date, slugify

    from .check import find_junk

    content = Path(settings["PATH"])
    output = os.path.abspath(settings.get("OUTPUT_PATH", "output"))
    limit = int(settings.get("MAX_POST_BYTES", MAX_POST_BYTES))
    problems: list[Problem] = []
    posts: list[_Post] = []
    for kind, folders in (("article", settings.get("ARTICLE_PATHS", [""])), ("page", settings.get("PAGE_PATHS", ["pages"]))):
        for folder in folders:
            for path in sorted((content / folder).rglob("*")):
                rel = path.relative_to(content)
                if not path.is_file() or path.suffix.lower() not in (".md", ".markdown", ".mkd", ".mdown"):
                    continue
                if any(part.startswith(("_", ".")) for part in rel.parts) or path.name.endswith("~"):
                    continue
                if kind == "article" and any(
                    (content / p) in path.parents for p in settings.get("PAGE_PATHS", []) if p and p not in folders
                ):
                    continue
                data = path.read_bytes()
                if len(data) > limit:
                    problems.append(Problem(str(path), f"is {len(data):,} bytes, more than the limit of {limit:,} (MAX_POST_BYTES in pelicanconf.py): split it"))
                    continue
                text, problem = _decode(path, data)
                if problem:
                    problems.append(problem)
                    continue
                assert text is not None
                for n, line in enumerate(text.split("\n"), start=1):
                    m = _CONTROL.search(line)
                    if m:
                        problems.append(Problem(str(path), f"has a control character (U+{ord(m.group(0)):04X}) that would stop the build; delete it", n))
                        break
                metadata, body, body_line = _split(text)
                posts.append(_Post(path, kind, metadata, body, body_line))
                if warnings is not None:
                    warnings.extend(f"leftover junk: {finding}" for finding in find_junk(text, str(path)))
                    if kind == "article" and "guid" not in metadata:
                        warnings.append(f"{path}: no Guid, so its feed id is provisional; run `spotlight check --fix` to give it a permanent one")

    slugs: dict[tuple[str, str], Path] = {}
    guids: dict[str, Path] = {}
    for post in posts:
        p = str(post.path)
        title = post.metadata.get("title", ("", 0))[0]
        if not title:
            problems.append(Problem(p, "has no Title; add a 'Title: …' line at the top (then a blank line before the text)", 1))
        if "date" in post.metadata:
            value, line = post.metadata["date"]
            try:
                get_date(value)
            except (ValueError, OverflowError):
                problems.append(Problem(p, f"Date {value!r} is not a date; write it as YYYY-MM-DD or YYYY-MM-DD HH:MM", line))
        for field in _PATH_FIELDS:
            if field in post.metadata:
                value, line = post.metadata[field]
                if _paths_escape(value) or not _inside(output, value):
                    problems.append(Problem(p, f"{field.capitalize()} {value!r} would write outside the output folder; use a plain name such as 'my-post'", line))
        slug = post.metadata.get("slug", ("", 0))[0] or (
            slugify(title, regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []), use_unicode=settings.get("SLUGIFY_USE_UNICODE", False)) if title else ""
        )
        if slug:
            key = (post.kind if settings.get("ARTICLE_URL") != settings.get("PAGE_URL") else "any", slug.lower())
            if key in slugs:
                problems.append(Problem(p, f"has the same slug {slug!r} as {slugs[key]}; give one of them another 'Slug:'"))
            else:
                slugs[key] = post.path
        if "guid" in post.metadata:
            guid = post.metadata["guid"][0]
            if guid in guids:
                problems.append(Problem(p, f"has the same Guid as {guids[guid]}; delete the Guid line in the copy and run `spotlight check --fix`", post.metadata["guid"][1]))
            else:
                guids[guid] = post.path
        depth, line = _nesting(post.body)
        if depth > MAX_NESTING:
            problems.append(Problem(p, f"nests lists or quotes {depth} levels deep (at most {MAX_NESTING}); Markdown cannot render that", post.body_line + line - 1))
        for paragraph in post.body.split("\n\n"):
            if paragraph.count("[") > MAX_BRACKETS_PER_PARAGRAPH:
                line = post.body_line + post.body[: post.body.find(paragraph)].count("\n")
                problems.append(Problem(p, f"has a paragraph with {paragraph.count('[')} '[' characters, which would take Markdown minutes to render; remove them or put them in a code block", line))
                break
    return problems
