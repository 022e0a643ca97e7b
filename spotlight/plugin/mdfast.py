"""Render stage: python-markdown's inline stage, without trying patterns that cannot match.

python-markdown runs every inline pattern (links, code spans, emphasis, HTML, entities…)
over every piece of text, one after another, and each try costs a few microseconds of
Python even when the text holds nothing the pattern looks for. An interview's paragraphs
are mostly plain prose, so that was about half of a post's conversion time: 15 patterns
times 30 paragraphs.

This extension replaces the inline stage with python-markdown's own, told one more thing:
for each pattern it knows (python-markdown's built-in ones, with their own regular
expressions, and the footnote reference), a piece of text a match must contain ("[" for a
link, "`" for a code span, "<" for HTML, "&" for an entity, "*" or "_" for emphasis…). A
pattern is skipped for a text that does not contain it; it could not have matched there, so
the HTML is the same (tested on generated Markdown against python-markdown alone). Patterns
it does not know are always tried. If python-markdown's inline stage is not built the way
this expects (another version), the extension leaves it alone.
"""

from __future__ import annotations

from typing import Any

from markdown import Extension, Markdown, util
from markdown import inlinepatterns as ip
from markdown.treeprocessors import InlineProcessor

# (the inline stage's own steps, which the faster loop calls as python-markdown does)
_HANDLE = "_InlineProcessor__handleInline"
_APPLY = "_InlineProcessor__applyPattern"
_USABLE = hasattr(InlineProcessor, _HANDLE) and hasattr(InlineProcessor, _APPLY)


def needed_text(pattern: Any) -> tuple[str, ...] | None:
    """What a text must contain for ``pattern`` to match in it (any one of these), or None
    when that is not known (the pattern is always tried)."""
    kind, regex = type(pattern), getattr(pattern, "pattern", None)
    if kind is ip.BacktickInlineProcessor and regex == ip.BACKTICK_RE:
        return ("`",)
    if kind is ip.EscapeInlineProcessor and regex == ip.ESCAPE_RE:
        return ("\\",)
    if kind in (ip.ReferenceInlineProcessor, ip.LinkInlineProcessor, ip.ShortReferenceInlineProcessor) and regex in (ip.REFERENCE_RE, ip.LINK_RE):
        return ("[",)
    if kind in (ip.ImageInlineProcessor, ip.ImageReferenceInlineProcessor, ip.ShortImageReferenceInlineProcessor) and regex in (ip.IMAGE_LINK_RE, ip.IMAGE_REFERENCE_RE):
        return ("![",)
    if kind in (ip.AutolinkInlineProcessor, ip.AutomailInlineProcessor) and regex in (ip.AUTOLINK_RE, ip.AUTOMAIL_RE):
        return ("<",)
    if kind is ip.SubstituteTagInlineProcessor and regex == ip.LINE_BREAK_RE:
        return ("  \n",)
    if kind is ip.HtmlInlineProcessor and regex == ip.HTML_RE:
        return ("<",)
    if kind is ip.HtmlInlineProcessor and regex == ip.ENTITY_RE:
        return ("&",)
    if kind is ip.DelimiterProcessor and all(isinstance(t, str) and t for t in getattr(pattern, "tokens", ())):
        return tuple(pattern.tokens) or None  # (its expression is the tokens, one of them)
    if kind.__module__ == "markdown.extensions.footnotes" and kind.__name__ == "FootnoteInlineProcessor" and regex == _FOOTNOTE_RE:
        return ("[^",)
    return None


_FOOTNOTE_RE = r"\[\^([^\]]*)\]"  # (the footnotes extension's, which it does not export)


class SkippingInlineProcessor(InlineProcessor):
    """python-markdown's inline stage, skipping the patterns :func:`needed_text` rules out."""

    _needed: list[tuple[str, ...] | None]

    def run(self, tree: Any, ancestors: list[str] | None = None) -> Any:
        self._needed = [needed_text(pattern) for pattern in self.inlinePatterns]
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803 (python-markdown's names)
        # python-markdown's loop, with the check before each pattern.
        if not isinstance(data, util.AtomicString):
            patterns, needed = self.inlinePatterns, self._needed
            apply = getattr(self, _APPLY)
            start = 0
            while patternIndex < len(patterns):
                need = needed[patternIndex]
                if need is not None and not any(piece in data for piece in need):
                    patternIndex, start = patternIndex + 1, 0  # (as when it does not match)
                    continue
                data, matched, start = apply(patterns[patternIndex], data, patternIndex, start)
                if not matched:
                    patternIndex += 1
        return data


class FastInlineExtension(Extension):
    """Put :class:`SkippingInlineProcessor` in the place of python-markdown's inline stage."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (python-markdown's API)
        if _USABLE and "inline" in md.treeprocessors and type(md.treeprocessors["inline"]) is InlineProcessor:
            priority = next(item.priority for item in md.treeprocessors._priority if item.name == "inline")
            md.treeprocessors.register(SkippingInlineProcessor(md), "inline", priority)


def makeExtension(**kwargs: Any) -> FastInlineExtension:  # noqa: N802 (python-markdown's API)
    return FastInlineExtension(**kwargs)
