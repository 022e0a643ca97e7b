"""Render stage: a python-markdown extension that keeps raw HTML from eating text.

Before Markdown sees a post, every ``<`` that does not open an allowed HTML tag becomes
``&lt;``: text that merely looks like HTML ("<Ctrl>+<C>", "x<y to y>z") stays visible, and a
stray ``<script>`` or ``<style>`` is shown as text instead of swallowing the turns after it.
Allowed tags (the sanitizer's allowlist) pass through for authors who write HTML, and in a post
whose header has an ``Audio:`` line the player's tags (``<audio>``, ``<source>``: the sanitizer
keeps them only for that very file); code spans and fenced code blocks are left to Markdown,
which escapes them itself.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from .sanitize import ALLOWED_TAGS, MEDIA_TAGS

# "<tag", "</tag" or "<!--": what a browser or Markdown would take for markup.
_OPENING = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$)|<!--|<!\[CDATA\[|<\?|<!(?=[A-Za-z])")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(`+)(.+?)\1", re.S)
# A metadata line naming the post's audio (python-markdown's meta syntax, any case).
_AUDIO_HEADER = re.compile(r"[ ]{0,3}audio[ \t]*:", re.I)
_WITH_MEDIA = ALLOWED_TAGS | MEDIA_TAGS


def neutralize_html(line: str, allowed: frozenset[str] = ALLOWED_TAGS) -> str:
    """Escape every ``<`` in ``line`` (outside code spans) that does not open an allowed tag.

    >>> neutralize_html("Press <Ctrl>+<C>, x<y to y>z, <script>alert(1)</script> and <em>this</em>")
    'Press &lt;Ctrl>+&lt;C>, x&lt;y to y>z, &lt;script>alert(1)&lt;/script> and <em>this</em>'
    >>> neutralize_html("keep `<b>` and <https://example.org>")
    'keep `<b>` and <https://example.org>'
    """
    if "<" not in line:  # (most lines: nothing to escape)
        return line
    out, pos = [], 0
    for m in _INLINE_CODE.finditer(line):
        out.append(_neutralize_text(line[pos : m.start()], allowed))
        out.append(m.group(0))
        pos = m.end()
    out.append(_neutralize_text(line[pos:], allowed))
    return "".join(out)


def _neutralize_text(text: str, allowed: frozenset[str] = ALLOWED_TAGS) -> str:
    def repl(m: re.Match[str]) -> str:
        if m.group(2) and m.group(2).lower() in allowed:
            return m.group(0)
        return "&lt;" + m.group(0)[1:]

    text = _OPENING.sub(repl, text)
    # A "<" followed by something that is not a tag (a space, a digit, "<=") is already text to
    # Markdown; escaping it too keeps "x<y" from pairing up with a later ">" as a tag.
    return re.sub(r"<(?=[^A-Za-z/!?])", "&lt;", text)


class _NeutralizeHtml(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        code = _fenced_lines(lines)
        allowed = _WITH_MEDIA if _has_audio(lines) else ALLOWED_TAGS
        # The metadata header is no text of the page: the ``meta`` extension reads it after this,
        # and the readers make its values safe as text (an escaped "<" would show as "&lt;").
        header = _header_length(lines) if "meta" in self.md.preprocessors else 0
        # Indented lines are neutralized too: a nested list's text could hide a <script>; the
        # price is that "<" in an indented (not fenced) code block shows as "&lt;".
        return [line if i in code or i < header else neutralize_html(line, allowed) for i, line in enumerate(lines)]


# The metadata header as python-markdown's ``meta`` extension reads it (the same patterns, the
# same order): an optional "---" first; then "Key: value" lines, and lines indented four spaces
# going on with the last key's value, up to a blank line, a "---"/"..." line, or any other line.
_META_BEGIN = re.compile(r"^-{3}(\s.*)?")
_META_END = re.compile(r"^(-{3}|\.{3})(\s.*)?")
_META_KEY = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_META_MORE = re.compile(r"^[ ]{4,}(?P<value>.*)")


def _header_length(lines: list[str]) -> int:
    """How many of the first lines the ``meta`` extension takes as the header (0 for none).

    >>> _header_length(["Title: A", "  Tags: x", "    more", "", "Body"]), _header_length(["---", "Title: A", "---", "Body"])
    (4, 3)
    >>> _header_length(["Body <b>", "Title: A"]), _header_length(["-----x: y", "Title: A"]), _header_length(["    code", "x"])
    (0, 2, 0)
    """
    n = 1 if lines and _META_BEGIN.match(lines[0]) else 0
    key = False
    while n < len(lines):
        line = lines[n]
        if line.strip() == "" or _META_END.match(line):
            return n + 1  # (the blank or closing line is taken too)
        if _META_KEY.match(line):
            key = True
        elif not (key and _META_MORE.match(line)):
            return n
        n += 1
    return n


def _has_audio(lines: list[str]) -> bool:
    """Whether the metadata header (the lines before the first blank one, which the ``meta``
    extension reads after this preprocessor) names an ``Audio``."""
    for line in lines:
        if not line.strip():
            return False
        if _AUDIO_HEADER.match(line):
            return True
    return False


def _fenced_lines(lines: list[str]) -> set[int]:
    """Indices of the lines inside closed fenced code blocks (an unclosed fence is not code)."""
    inside: set[int] = set()
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if m:
            fence = m.group(1)
            for j in range(i + 1, len(lines)):
                close = _FENCE.match(lines[j])
                if close and close.group(1)[0] == fence[0] and len(close.group(1)) >= len(fence) and not lines[j].strip()[len(close.group(1)) :]:
                    inside.update(range(i, j + 1))
                    i = j
                    break
        i += 1
    return inside


class SafeHtmlExtension(Extension):
    """Register :class:`_NeutralizeHtml` before Markdown's own HTML block handling."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (python-markdown's API)
        md.preprocessors.register(_NeutralizeHtml(md), "spotlight_neutralize_html", 35)


def makeExtension(**kwargs: Any) -> SafeHtmlExtension:  # noqa: N802 (python-markdown's API)
    return SafeHtmlExtension(**kwargs)
