"""Markdown without the tries that cannot match (spotlight.mdfast) gives python-markdown's own HTML."""

from __future__ import annotations

import re

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown.inlinepatterns import InlineProcessor as InlinePattern
from markdown.treeprocessors import InlineProcessor

from spotlight import mdfast
from tests.conftest import ROOT

PLAIN = ["markdown.extensions.extra", "markdown.extensions.meta", "spotlight.mdsafe"]


def _pair() -> tuple[markdown.Markdown, markdown.Markdown]:
    plain = markdown.Markdown(extensions=PLAIN, output_format="html5")
    fast = markdown.Markdown(extensions=PLAIN + ["spotlight.mdfast"], output_format="html5")
    return plain, fast


def _same(text: str) -> None:
    plain, fast = _pair()
    assert fast.convert(text) == plain.convert(text)


# Markdown made of what inline patterns look for, and text around it.
PIECES = st.sampled_from(
    [
        "*", "**", "_", "__", "`", "``", "\\", "\\*", "[", "]", "(", ")", "!", "![", "[^1]", "[^1]: a note\n", "<", ">", "&", ";",
        "&amp;", "&#38;", "&copy", "<b>", "</b>", "<br/>", "<!-- c -->", "<https://ex.org/a>", "<a@b.co>", "  \n", "\n", "\n\n",
        "[x](https://ex.org)", "[x][r]", "\n[r]: /target\n", "![alt](i.png)", "*[HTML]: Hyper Text\n", "HTML", "{: .c }",
        "**Ana Ruiz:** ", "- ", "1. ", "> ", "```\ncode\n```\n", "    indented\n", "Term\n: def\n", "| a | b |\n|---|---|\n| 1 | 2 |\n",
        "word", " ", "Über", "回复", "x_y_z", "2*3*4", "# ", "## H\n", "#", "Title\n===\n", "Sub\n---\n", "\n=", "\n-", "***\n", "___\n",
        "- - -\n", ": ", "]:", "[a]: <https://ex.org> 'T'\n", "[a]:/t\n", "[b]:\n  /t\n", "[a]", "[b]", "   > q\n",
        # what the preprocessors look for: tabs, CR, STX/ETX, lines of spaces, fences, references
        "\t", "\r", "\r\n", "\x02", "\x03", "\n  \n", "\n \n", " \n", "~~~\n", "~~~", "```", "~~~\ncode\n~~~\n", "&copy ", "&#x41", "&amp",
    ]
)
MARKDOWN = st.one_of(st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40).map("".join), st.text(max_size=200))


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKDOWN)
def test_the_html_is_python_markdowns_own(text: str) -> None:
    _same(text)


def test_the_html_is_the_same_for_every_post_and_case_in_the_repository() -> None:
    posts = sorted(ROOT.glob("content/**/*.md")) + sorted(ROOT.glob("tests/**/*.md"))
    assert len(posts) >= 5
    for path in posts:
        _same(path.read_text(encoding="utf-8"))


def test_it_is_on_for_the_pinned_python_markdown_and_off_for_any_other(monkeypatch) -> None:
    # (another version: read what its rules need again, then change CHECKED_VERSION)
    assert mdfast.usable()
    _, fast = _pair()
    wrapped = [p for p in fast.parser.blockprocessors if p.__dict__.get("_spotlight_skipping")]
    assert {type(p).__name__ for p in wrapped} >= {"HashHeaderProcessor", "BlockQuoteProcessor", "ReferenceProcessor", "FootnoteBlockProcessor", "DefListProcessor"}
    shortcut = {type(p).__name__ for p in fast.preprocessors if p.__dict__.get("_spotlight_skipping")}
    assert shortcut == {"NormalizeWhitespace", "HtmlBlockPreprocessor", "FencedBlockPreprocessor"}
    monkeypatch.setattr(mdfast, "CHECKED_VERSION", (0, 0, 0))
    _, other = _pair()
    assert type(other.treeprocessors["inline"]) is InlineProcessor
    assert not [p for p in other.parser.blockprocessors if p.__dict__.get("_spotlight_skipping")]
    assert not [p for p in other.preprocessors if p.__dict__.get("_spotlight_skipping")]


def test_the_stage_is_replaced_and_skips_patterns_that_cannot_match(monkeypatch) -> None:
    plain, fast = _pair()
    assert type(plain.treeprocessors["inline"]) is InlineProcessor
    assert type(fast.treeprocessors["inline"]) is mdfast.SkippingInlineProcessor
    # Every built-in pattern of this configuration is known.
    assert all(mdfast.needed_text(p) for p in fast.inlinePatterns)
    tried: list[str] = []
    apply = getattr(InlineProcessor, mdfast._APPLY)

    def counting(self, pattern, *args):  # noqa: ANN001, ANN202
        tried.append(type(pattern).__name__)
        return apply(self, pattern, *args)

    monkeypatch.setattr(InlineProcessor, mdfast._APPLY, counting)
    prose = "A paragraph of plain prose, as most answers are, with nothing inline in it."
    plain.convert(prose)
    assert len(tried) == len(plain.inlinePatterns)
    expected = plain.convert(prose)
    tried.clear()
    assert fast.convert(prose) == expected
    assert tried == []
    fast.convert("**Ana Ruiz:** an answer")
    assert set(tried) == {"DelimiterProcessor"}


class _Strike(InlinePattern):
    def handleMatch(self, m, data):  # noqa: ANN001, ANN201, N802
        import xml.etree.ElementTree as etree

        el = etree.Element("del")
        el.text = m.group(1)
        return el, m.start(0), m.end(0)


class _StrikeExtension(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802
        md.inlinePatterns.register(_Strike(r"~~(.+?)~~", md), "strike", 55)


def test_a_pattern_it_does_not_know_is_always_tried() -> None:
    fast = markdown.Markdown(extensions=PLAIN + [_StrikeExtension(), "spotlight.mdfast"], output_format="html5")
    assert mdfast.needed_text(fast.inlinePatterns["strike"]) is None
    assert re.search(r"<del>gone</del>", fast.convert("This is ~~gone~~ now."))


def test_pelicanconf_and_the_renderer_use_it() -> None:
    from spotlight.render import MARKDOWN_EXTENSIONS

    assert "spotlight.mdfast" in MARKDOWN_EXTENSIONS
    assert '"spotlight.mdfast"' in (ROOT / "pelicanconf.py").read_text(encoding="utf-8")


def test_the_html_is_the_same_for_hostile_strings_and_the_imported_seed(seed_text: str) -> None:
    from spotlight.importer import import_text
    from tests.test_hostile import _strings

    strings = _strings()
    for text in strings:
        _same(text)
    _same("\n\n".join(strings))
    _same(import_text(seed_text, source="seed.txt").post.to_text())
