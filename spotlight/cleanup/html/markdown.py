"""HTML -> Markdown: the article element written as CommonMark paragraphs, headings, lists,
block quotes, code blocks, tables (as lines of cells), images and links, with every character
that would read as Markdown escaped; records the title heading it leaves out.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from lxml.html import HtmlElement

from ..records import Record, removed
from ..tables import IMAGE_PLACEHOLDERS
from .dom import BLOCK_TAGS, HEADINGS, MAX_DEPTH, SKIP_TAGS, STAGE, absolute, collapse, holders_of_blocks, line_key, tag_of

# Where an <img> keeps its address, first usable one wins (lazy loaders move it out of src).
IMAGE_SOURCE_ATTRIBUTES: tuple[str, ...] = ("src", "data-src", "data-delayed-url", "data-lazy-src", "data-original")

_LISTS: frozenset[str] = frozenset({"ul", "ol", "menu", "dir"})
_CODE_TAGS: frozenset[str] = frozenset({"code", "kbd", "samp", "tt"})
_BOLD_TAGS: frozenset[str] = frozenset({"strong", "b"})
_ITALIC_TAGS: frozenset[str] = frozenset({"em", "i"})

_INLINE_SPECIAL = re.compile(r"[\\`*\[\]<]|(?<!\w)_|_(?!\w)|&(?=#?\w+;)")
# The characters _INLINE_SPECIAL can match at: most text has none, and this finds out faster.
_MAYBE_SPECIAL = re.compile(r"[\\`*\[\]<_&]")
_SPACES = re.compile(" {2,}")
_LINE_START = re.compile(r"^(?:#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|\d{1,9}[.)](?=\s|$)|={3,}\s*$|-{3,}\s*$|\|)")
_BOLD_JOIN = re.compile(r"(?<!\*)\*\*( *)\*\*(?!\*)")
_PARAGRAPH_BREAK = re.compile(r"\n *\n[\n ]*")
_STYLE_BOLD = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)", re.I)
_STYLE_NOT_BOLD = re.compile(r"font-weight\s*:\s*(?:normal|lighter|[1-4]00)", re.I)
_STYLE_ITALIC = re.compile(r"font-style\s*:\s*(?:italic|oblique)", re.I)
_STYLE_PIXEL = re.compile(r"(?:width|height)\s*:\s*[01]px|display\s*:\s*none", re.I)


def _escaped(m: re.Match[str]) -> str:
    s = m.group(0)
    if s == "<":
        return "&lt;"
    if s == "&":
        return "&amp;"
    return "\\" + s


def _escape_inline(text: str) -> str:
    """Make a text node read as itself inside a Markdown paragraph.

    >>> print(_escape_inline("2 * 3 [x] <b> _a_ snake_case `c` &amp;"))
    2 \\* 3 \\[x\\] &lt;b> \\_a\\_ snake_case \\`c\\` &amp;amp;
    """
    return _INLINE_SPECIAL.sub(_escaped, text) if _MAYBE_SPECIAL.search(text) else text


def _inline_text(text: str) -> str:
    """A text node (or tail) as inline Markdown: whitespace collapsed, then escaped.

    >>> _inline_text(" \\n\\t "), _inline_text("a  *b*\\n")
    (' ', 'a \\\\*b\\\\* ')
    """
    if text.isspace():  # two texts in three, between the tags
        return " "
    return _escape_inline(collapse(text))


def _escape_line_start(line: str) -> str:
    """Keep a paragraph line from starting a heading, quote, list or rule.

    >>> [_escape_line_start(s) for s in ("# 1", "> q", "- a", "1. a", "2023.", "---", "**Bold:** x")]
    ['\\\\# 1', '\\\\> q', '\\\\- a', '1\\\\. a', '2023\\\\.', '\\\\---', '**Bold:** x']
    """
    if not _LINE_START.match(line):
        return line
    if line[0].isdigit():
        return re.sub(r"^(\d+)([.)])", r"\1\\\2", line)
    return "\\" + line


def _wrap(text: str, marker: str) -> str:
    """Wrap inline Markdown in an emphasis marker, whitespace moved outside; nothing if empty.

    >>> _wrap(" Jane Doe: ", "**"), _wrap("  ", "*"), _wrap("", "**")
    (' **Jane Doe:** ', ' ', '')
    """
    core = text.strip()
    if not core:
        return "\n" if "\n" in text else (" " if text else "")
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    return text[:start] + marker + core + marker + text[end:]


def _join_bold(text: str) -> str:
    """Merge adjacent bold runs.

    >>> _join_bold("**Jane** **Doe:** hi **a****b**")
    '**Jane Doe:** hi **ab**'
    """
    return _BOLD_JOIN.sub(r"\1", text) if "**" in text else text


def _md_url(url: str) -> str:
    """An address that cannot end a Markdown link early.

    >>> _md_url("https://x.org/a b(1)")
    'https://x.org/a%20b%281%29'
    """
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")


def _code_span(text: str) -> str:
    """Inline code, with a fence longer than any backtick run inside.

    >>> _code_span("a`b"), _code_span("x")
    ('`` a`b ``', '`x`')
    """
    text = collapse(text).strip()
    if not text:
        return ""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if "`" in (text[0], text[-1]) or longest else ""
    return f"{fence}{pad}{text}{pad}{fence}"


@lru_cache(maxsize=1)
def _placeholder_keys() -> frozenset[str]:
    return frozenset(line_key(p) for phrases in IMAGE_PLACEHOLDERS.values() for p in phrases)


class _Block(NamedTuple):
    kind: str  # "p", "heading", "list", "quote", "code"
    text: str


def _raw_text(el: HtmlElement) -> str:
    """Text as written (for code): line breaks kept, <br> as a newline."""
    for br in el.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return "".join(el.itertext()).replace("\u00a0", " ")


def _code_language(el: HtmlElement) -> str:
    for node in (el, *el.iter("code")):
        for token in (node.get("class") or "").split():
            for prefix in ("language-", "lang-"):
                if token.startswith(prefix) and re.fullmatch(r"[\w+#.-]+", token[len(prefix):]):
                    return token[len(prefix):]
    return ""


def _is_pixel(img: HtmlElement) -> bool:
    sizes = [(img.get(a) or "").strip().lower().removesuffix("px") for a in ("width", "height")]
    return any(s in ("0", "1") for s in sizes) or bool(_STYLE_PIXEL.search(img.get("style") or ""))


class _MarkdownWriter:
    """Converts one article subtree to Markdown; remembers what it dropped."""

    def __init__(self, root: HtmlElement, *, base_url: str | None, title: str | None, records: list[Record]) -> None:
        self.base_url = base_url
        self.title_key = line_key(title) if title else None
        self.records = records
        self.has_block = holders_of_blocks(root)

    def convert(self, root: HtmlElement) -> str:
        blocks = self._blocks(root, 0, frozenset())
        return "\n\n".join(b.text for b in blocks if b.text.strip())

    # -- block level ------------------------------------------------------------------------

    def _blocks(
        self, el: HtmlElement, depth: int, style: frozenset[str], skip: frozenset[HtmlElement] = frozenset()
    ) -> list[_Block]:
        """The blocks made by ``el``'s content (its own tag is the caller's business)."""
        out: list[_Block] = []
        buffer: list[str] = []

        def flush() -> None:
            if buffer:
                out.extend(self._paragraphs("".join(buffer), style))
                buffer.clear()

        if el.text:
            buffer.append(_inline_text(el.text))
        for child in el:
            tag = tag_of(child)
            if tag is not None and tag not in SKIP_TAGS and child not in skip:
                if tag in BLOCK_TAGS or child in self.has_block or "-" in tag:
                    flush()
                    out.extend(self._block(child, tag, depth + 1, style))
                else:
                    buffer.append(self._inline(child, tag, depth + 1, style))
            if child.tail:
                buffer.append(_inline_text(child.tail))
        flush()
        return out

    def _block(self, el: HtmlElement, tag: str, depth: int, style: frozenset[str]) -> list[_Block]:
        if depth > MAX_DEPTH:
            return self._paragraphs(_escape_inline(collapse(el.text_content())), style)
        if tag in HEADINGS:
            return self._heading(el, tag, depth, style)
        if tag in _LISTS:
            return self._list(el, tag, depth, style)
        if tag == "blockquote":
            return self._quote(el, depth, style)
        if tag == "pre":
            return self._code_block(el)
        if tag == "figure":
            captions = frozenset(c for c in el if tag_of(c) == "figcaption")
            blocks = self._blocks(el, depth, style, skip=captions)
            for caption in captions:
                blocks.extend(self._blocks(caption, depth + 1, style | {"i"}))
            return blocks
        if tag == "figcaption":
            return self._blocks(el, depth, style | {"i"})
        if tag == "table":
            return self._table(el, depth, style)
        if tag == "hr":
            return []
        return self._blocks(el, depth, self._style_of(el, tag, style))

    def _paragraphs(self, text: str, style: frozenset[str]) -> list[_Block]:
        """Paragraphs from inline Markdown: two line breaks in a row end a paragraph."""
        out = []
        for chunk in _PARAGRAPH_BREAK.split(text):
            lines = [(_SPACES.sub(" ", line) if "  " in line else line).strip() for line in chunk.split("\n")]
            lines = [_escape_line_start(_join_bold(line)) for line in lines if line]
            if not lines:
                continue
            body = "  \n".join(lines)
            if "i" in style:
                body = _wrap(body, "*")
            if "b" in style:
                body = _wrap(body, "**")
            out.append(_Block("p", body))
        return out

    def _heading(self, el: HtmlElement, tag: str, depth: int, style: frozenset[str]) -> list[_Block]:
        plain = collapse(el.text_content()).strip()
        if not plain:
            return []
        if self.title_key is not None and line_key(plain) == self.title_key:
            self.records.append(removed(STAGE, "title repeated in the body", plain))
            return []
        text = _join_bold(" ".join(self._inline_children(el, depth, style).split()))
        if not text:
            return []
        level = max(2, int(tag[1]))
        return [_Block("heading", "#" * level + " " + text)]

    def _list(self, el: HtmlElement, tag: str, depth: int, style: frozenset[str]) -> list[_Block]:
        ordered = tag == "ol"
        try:
            number = max(0, min(int((el.get("start") or "1").strip()), 999_999_999))
        except ValueError:
            number = 1
        items: list[str] = []
        for child in el:
            ctag = tag_of(child)
            if ctag is None or ctag in SKIP_TAGS:
                continue
            if ctag in _LISTS and items:
                # A list straight inside a list belongs to the item before it.
                nested = self._list(child, ctag, depth + 1, style)
                if nested:
                    items[-1] += "\n" + "\n".join("    " + line if line.strip() else "" for line in nested[0].text.split("\n"))
                continue
            if ctag == "li" or ctag in BLOCK_TAGS or child in self.has_block:
                blocks = self._blocks(child, depth + 1, style) if ctag == "li" else self._block(child, ctag, depth + 1, style)
            else:
                blocks = self._paragraphs(self._inline(child, ctag, depth + 1, style), style)
            if not blocks:
                continue
            marker = f"{number}. " if ordered else "- "
            number += 1
            items.append(self._item(marker, blocks))
        return [_Block("list", "\n".join(items))] if items else []

    @staticmethod
    def _item(marker: str, blocks: list[_Block]) -> str:
        body = blocks[0].text
        for block in blocks[1:]:
            body += ("\n" if block.kind == "list" else "\n\n") + block.text
        pad = " " * max(4, len(marker))
        lines = body.split("\n")
        return marker + lines[0] + "".join("\n" + (pad + line if line.strip() else "") for line in lines[1:])

    def _quote(self, el: HtmlElement, depth: int, style: frozenset[str]) -> list[_Block]:
        inner = self._blocks(el, depth, style)
        if not inner:
            return []
        text = "\n\n".join(b.text for b in inner)
        return [_Block("quote", "\n".join("> " + line if line.strip() else ">" for line in text.split("\n")))]

    @staticmethod
    def _code_block(el: HtmlElement) -> list[_Block]:
        text = _raw_text(el).strip("\n").rstrip()
        if not text.strip():
            return []
        longest = max((len(run) for run in re.findall(r"`{3,}", text)), default=2)
        fence = "`" * (longest + 1)
        return [_Block("code", f"{fence}{_code_language(el)}\n{text}\n{fence}")]

    def _table(self, el: HtmlElement, depth: int, style: frozenset[str]) -> list[_Block]:
        rows = [tr for tr in el.iter("tr") if next(tr.iterancestors("table"), None) is el]
        cells = [[c for c in tr if tag_of(c) in ("td", "th")] for tr in rows]
        layout = not rows or max(len(row) for row in cells) < 2 or any(
            next(c.iter("table", "ul", "ol", "blockquote", "pre", "figure", *HEADINGS), None) is not None
            for row in cells
            for c in row
        )
        if layout:
            # A table used for page layout: its cells are ordinary blocks.
            return self._blocks(el, depth, style)
        out: list[_Block] = []
        for caption in el.iter("caption"):
            out.extend(self._blocks(caption, depth + 1, style))
        for row in cells:
            texts = []
            for cell in row:
                text = " ".join(b.text.replace("  \n", " ") for b in self._blocks(cell, depth + 1, style))
                if text.strip():
                    texts.append(text.strip())
            if texts:
                out.append(_Block("p", " | ".join(texts)))
        return out

    # -- inline level -----------------------------------------------------------------------

    @staticmethod
    def _style_of(el: HtmlElement, tag: str, style: frozenset[str]) -> frozenset[str]:
        css = el.get("style")
        if not css:
            if tag in _BOLD_TAGS:
                style = style | {"b"}
            if tag in _ITALIC_TAGS:
                style = style | {"i"}
            return style
        if (tag in _BOLD_TAGS and not _STYLE_NOT_BOLD.search(css)) or _STYLE_BOLD.search(css):
            style = style | {"b"}
        if tag in _ITALIC_TAGS or _STYLE_ITALIC.search(css):
            style = style | {"i"}
        return style

    def _inline_children(self, el: HtmlElement, depth: int, style: frozenset[str]) -> str:
        parts = [_inline_text(el.text)] if el.text else []
        for child in el:
            tag = tag_of(child)
            if tag is not None and tag not in SKIP_TAGS:
                piece = self._inline(child, tag, depth + 1, style)
                parts.append(f" {piece} " if tag in BLOCK_TAGS else piece)
            if child.tail:
                parts.append(_inline_text(child.tail))
        return "".join(parts)

    def _inline(self, el: HtmlElement, tag: str, depth: int, style: frozenset[str]) -> str:
        """Inline Markdown for ``el`` (its tail is the caller's business)."""
        if depth > MAX_DEPTH:
            return _escape_inline(collapse(el.text_content()))
        if tag == "br":
            return "\n"
        if tag == "img":
            return self._image(el)
        if tag in _CODE_TAGS or tag == "pre":
            return _code_span(_raw_text(el)) if "code" not in style else _escape_inline(collapse(el.text_content()))
        if tag == "a" and "a" not in style:
            return self._link(el, self._inline_children(el, depth, style | {"a"}))
        inner_style = self._style_of(el, tag, style)
        text = self._inline_children(el, depth, inner_style)
        if "i" in inner_style and "i" not in style:
            text = _wrap(text, "*")
        if "b" in inner_style and "b" not in style:
            text = _wrap(text, "**")
        return text

    def _link(self, el: HtmlElement, text: str) -> str:
        core = text.strip()
        href = self._url(el.get("href"))
        if not core or href is None:
            return text
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        return f"{text[:start]}[{core}]({_md_url(href)}){text[end:]}"

    def _image(self, el: HtmlElement) -> str:
        if _is_pixel(el):
            return ""
        candidates = [el.get(name) for name in IMAGE_SOURCE_ATTRIBUTES]
        srcset = (el.get("srcset") or el.get("data-srcset") or "").strip()
        if srcset:
            candidates.append(srcset.split(",")[0].strip().split(" ")[0])
        for candidate in candidates:
            url = self._url(candidate)
            if url:
                alt = " ".join((el.get("alt") or el.get("title") or "").split())
                if line_key(alt) in _placeholder_keys():
                    alt = ""
                return f"![{_escape_inline(alt)}]({_md_url(url)})"
        return ""

    def _url(self, raw: str | None) -> str | None:
        return absolute(raw, self.base_url)


def to_markdown(article: HtmlElement, *, base_url: str | None, title: str | None, records: list[Record]) -> str:
    """``article`` as Markdown (the title heading left out, and recorded in ``records``), links
    and images made absolute against ``base_url``."""
    return _MarkdownWriter(article, base_url=base_url, title=title, records=records).convert(article)
