"""Render stage: python-markdown, without trying rules that cannot match.

python-markdown tries its rules one after another: each block (paragraph) against every block
rule (headers, lists, quotes, definitions, references…), then each piece of text against
every inline pattern (links, code spans, emphasis, HTML, entities…). Each try costs
microseconds of Python or a regular expression run over the whole text, even when the text
holds nothing the rule looks for. An interview is mostly paragraphs of plain prose, so those
tries were most of a post's conversion (measured on the benchmark's posts, in one run: 3.1 ms
per post with python-markdown alone, 1.2 ms with this extension).

This extension tells python-markdown one more thing about the rules it knows: a piece of
text a match must contain ("[" for a link, "`" for a code span, "<" for HTML, "&" for an
entity, "*" or "_" for emphasis, "#" for a header, ">" for a quote, ":" for a definition…).
A rule is skipped for a text that does not contain it: it could not have matched there, so
the HTML is the same (tested on generated Markdown against python-markdown alone). Rules it
does not know (another extension's) are always tried. The same goes for three preprocessors
that run over the whole text: whitespace normalizing (tabs, CR, lines of spaces), the HTML
block parser ("<" or "&") and fenced code (three backticks or tildes) give a known result for a
text without what they look for.

What each rule needs was read from the python-markdown version this was checked against
(:data:`CHECKED_VERSION`). With another version the extension does nothing (the tests say
so, so that the list is checked again before an upgrade).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import markdown
from markdown import Extension, Markdown, blockprocessors as bp, util
from markdown import inlinepatterns as ip
from markdown.treeprocessors import InlineProcessor

CHECKED_VERSION = (3, 11, 3)

# (the inline stage's own steps, which the faster loop calls as python-markdown does)
_HANDLE = "_InlineProcessor__handleInline"
_APPLY = "_InlineProcessor__applyPattern"


def usable() -> bool:
    """Whether this python-markdown is the one the rules were read from."""
    return tuple(markdown.__version_info__[:3]) == CHECKED_VERSION and hasattr(InlineProcessor, _HANDLE) and hasattr(InlineProcessor, _APPLY)


def _is(obj: Any, module: str, name: str) -> bool:
    return type(obj).__module__ == module and type(obj).__name__ == name


def needed_text(pattern: Any) -> tuple[str, ...] | None:
    """What a text must contain for the inline ``pattern`` to match in it (any one of these),
    or None when that is not known (the pattern is always tried)."""
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
    if _is(pattern, "markdown.extensions.footnotes", "FootnoteInlineProcessor"):
        return ("[^",)  # a marker: [^label]
    return None


def block_needs(processor: Any) -> tuple[str, tuple[str, ...]] | None:
    """For a block ``processor`` this knows: which of its methods looks at the block
    ("test", or "run" for those whose test always says yes and whose run gives the block back
    when it does not match), and what the block must contain for it to match."""
    kind = type(processor)
    if kind is bp.BlockQuoteProcessor:
        return "test", (">",)  # a line that starts with ">"
    if kind is bp.HashHeaderProcessor:
        return "test", ("#",)
    if kind is bp.SetextHeaderProcessor:
        return "test", ("\n=", "\n-")  # a first line underlined with = or -
    if kind is bp.HRProcessor:
        return "test", ("-", "_", "*")
    if _is(processor, "markdown.extensions.def_list", "DefListProcessor"):
        return "test", (":",)  # a line that starts with ":"
    if kind is bp.ReferenceProcessor:
        return "run", ("]:",)  # [label]: target
    if _is(processor, "markdown.extensions.footnotes", "FootnoteBlockProcessor"):
        return "run", ("[^",)  # [^label]: text
    if _is(processor, "markdown.extensions.abbr", "AbbrBlockprocessor"):
        return "run", ("*[",)  # *[ABBR]: title
    return None


def _unchanged(lines: list[str]) -> list[str]:
    return lines


def _normalized(lines: list[str]) -> list[str]:
    return lines + ["", ""]  # (the two blank lines it always adds at the end)


def preprocessor_shortcut(processor: Any) -> tuple[tuple[str, ...], Callable[[list[str]], list[str]]] | None:
    """For a preprocessor this knows: what the text must contain for it to change anything
    beyond a fixed result, and that result (from the lines) for a text that contains none of it."""
    if _is(processor, "markdown.preprocessors", "NormalizeWhitespace"):
        # It removes STX and ETX, turns CR into LF, expands tabs and empties lines of spaces
        # (a line break followed by spaces), and adds two blank lines.
        return (util.STX, util.ETX, "\r", "\t", "\n "), _normalized
    if _is(processor, "markdown.preprocessors", "HtmlBlockPreprocessor") or _is(processor, "markdown.extensions.md_in_html", "HtmlBlockPreprocessor"):
        return ("<", "&"), _unchanged  # (an HTML parser: only tags and references are its business)
    if _is(processor, "markdown.extensions.fenced_code", "FencedBlockPreprocessor"):
        return ("```", "~~~"), _unchanged  # a fence is three backticks or tildes
    return None


def _shortcut(method: Callable[[list[str]], list[str]], needs: tuple[str, ...], result: Callable[[list[str]], list[str]]) -> Callable[[list[str]], list[str]]:
    """``method`` (a preprocessor's run), giving ``result`` at once for a text that holds
    none of ``needs``."""

    def shortcut(lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if not any(piece in text for piece in needs):
            return result(lines)
        return method(lines)

    shortcut.__wrapped__ = method  # type: ignore[attr-defined]
    return shortcut


def _skipping(method: Callable[..., Any], needs: tuple[str, ...], looks_at_list: bool) -> Callable[..., Any]:
    """``method`` (a block rule's test or run), answering "no" at once for a block that holds
    none of ``needs``."""

    only = needs[0] if len(needs) == 1 else None

    def skipping(parent: Any, block_or_blocks: Any) -> Any:
        block = block_or_blocks[0] if looks_at_list else block_or_blocks
        if not (only in block if only is not None else any(piece in block for piece in needs)):
            return False
        return method(parent, block_or_blocks)

    skipping.__wrapped__ = method  # type: ignore[attr-defined]
    return skipping


class SkippingInlineProcessor(InlineProcessor):
    """python-markdown's inline stage, skipping the patterns :func:`needed_text` rules out."""

    _needed: list[str | tuple[str, ...] | None]  # (one piece as a plain string: the usual case)

    def run(self, tree: Any, ancestors: list[str] | None = None) -> Any:
        self._needed = [need[0] if need is not None and len(need) == 1 else need for need in map(needed_text, self.inlinePatterns)]
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803 (python-markdown's names)
        # python-markdown's loop, with the check before each pattern.
        if not isinstance(data, util.AtomicString):
            patterns, needed = self.inlinePatterns, self._needed
            apply = getattr(self, _APPLY)
            start = 0
            while patternIndex < len(patterns):
                need = needed[patternIndex]
                if need is not None and not (need in data if need.__class__ is str else any(piece in data for piece in need)):
                    patternIndex, start = patternIndex + 1, 0  # (as when it does not match)
                    continue
                data, matched, start = apply(patterns[patternIndex], data, patternIndex, start)
                if not matched:
                    patternIndex += 1
        return data


class FastExtension(Extension):
    """Skip the rules that cannot match: the block rules :func:`block_needs` knows, the
    inline patterns :func:`needed_text` knows (through :class:`SkippingInlineProcessor`), and
    the preprocessors :func:`preprocessor_shortcut` knows."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (python-markdown's API)
        if not usable():
            return
        if "inline" in md.treeprocessors and type(md.treeprocessors["inline"]) is InlineProcessor:
            priority = next((item.priority for item in md.treeprocessors._priority if item.name == "inline"), 20)
            md.treeprocessors.register(SkippingInlineProcessor(md), "inline", priority)
        self._wrap_blocks(md)
        self._wrap_preprocessors(md)

    @staticmethod
    def _wrap_preprocessors(md: Markdown) -> None:
        for processor in md.preprocessors:
            known = preprocessor_shortcut(processor)
            if known is None or processor.__dict__.get("_spotlight_skipping"):
                continue
            processor.run = _shortcut(processor.run, *known)
            processor._spotlight_skipping = True

    @staticmethod
    def _wrap_blocks(md: Markdown) -> None:
        for processor in md.parser.blockprocessors:
            known = block_needs(processor)
            if known is None or processor.__dict__.get("_spotlight_skipping"):
                continue
            method, needs = known
            setattr(processor, method, _skipping(getattr(processor, method), needs, looks_at_list=method == "run"))
            processor._spotlight_skipping = True


def makeExtension(**kwargs: Any) -> FastExtension:  # noqa: N802 (python-markdown's API)
    return FastExtension(**kwargs)
