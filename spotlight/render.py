"""Rendering one post, outside Pelican: Markdown with the site's extensions, the sanitizer,
the Q&A markup, the summary, the profile and the reading time.

The plugin's reader and the parallel pre-pass (:mod:`spotlight.prepared`) both call
:func:`prepare_html`, and so do the tests and tools (the property tests, the fuzzing script),
so they all exercise the real pipeline.
"""

from __future__ import annotations

import html
import re
import sys
from dataclasses import dataclass
from typing import Any, NamedTuple

import lxml.html
import markdown

from .people import reading_minutes
from .qa import Interview, mark_up_interview
from .sanitize import sanitize_html, sanitize_text, xml_safe

SUMMARY_WORDS = 45

# The same extensions pelicanconf.py configures.
MARKDOWN_EXTENSIONS: dict[str, dict[str, object]] = {
    "markdown.extensions.extra": {},
    "markdown.extensions.meta": {},
    "spotlight.mdsafe": {},
    "spotlight.mdfast": {},
}


def render_body(body: str, interviewer: str | None = None) -> str:
    """A post body (Markdown) as the safe HTML a page and a feed get.

    >>> render_body("**A B:** Hi <script>x()</script>\\n\\n**C D:** Hello")
    '<div class="interview-qa">\\n<div class="turn turn-question" id="q1" role="group" aria-label="Question" data-speaker="A B">\\n<p><strong>A B:</strong> Hi &lt;script&gt;x()&lt;/script&gt;</p>\\n</div>\\n<div class="turn turn-answer" role="group" aria-label="Answer by C D" data-speaker="C D">\\n<p><strong>C D:</strong> Hello</p>\\n</div>\\n</div>'
    """
    md = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS), extension_configs=MARKDOWN_EXTENSIONS, output_format="html5")
    text = xml_safe(body)
    try:
        rendered = md.convert(text)
    except RecursionError:
        # Nesting too deep for python-markdown (the build refuses such posts before this).
        rendered = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n") if p.strip())
    return mark_up_interview(sanitize_html(rendered), interviewer)[0]


@dataclass(frozen=True)
class Profile:
    """The interviewee as the theme shows them."""

    name: str
    role: str | None
    company: str | None

    @property
    def line(self) -> str:
        """"Name, Role at Company" (parts that are missing are left out)."""
        tail = " at ".join(p for p in (self.role, self.company) if p)
        return f"{self.name}, {tail}" if tail else self.name


def profile_of(metadata: dict[str, Any]) -> Profile | None:
    name = sanitize_text(metadata.get("interviewee"))
    if not name:
        return None
    role = sanitize_text(metadata.get("role")) or None
    company = sanitize_text(metadata.get("company")) or None
    return Profile(name=name, role=role, company=company)


def summary_from(interview: Interview, body_html: str, words: int = SUMMARY_WORDS) -> str:
    """A plain summary: the introduction's opening words (or the body's, without labels)."""
    pieces = interview.intro if interview.intro else [body_html]
    texts = []
    for piece in pieces:
        if piece.strip():
            wrapper = lxml.html.fragment_fromstring(piece, create_parent="div")
            for img in wrapper.iter("img"):  # an image reads as its alt text
                img.tail = (img.get("alt") or "") + (img.tail or "")
            texts.extend(" ".join(el.text_content().split()) for el in wrapper if el.tag in ("p", "li", "blockquote", "h2", "h3"))
            if wrapper.text and wrapper.text.strip():
                texts.append(wrapper.text.strip())
    text = " ".join(t for t in texts if t)
    tokens = text.split()
    if not tokens:
        return ""
    cut = " ".join(tokens[:words])
    if len(tokens) > words:
        cut = re.sub(r"[\s,;:.—-]+$", "", cut) + "…"
    return f"<p>{html.escape(cut, quote=False)}</p>"


class Question(NamedTuple):
    anchor: str  # "q1", "q2"…
    text: str  # what the question's first paragraph says, without the label


@dataclass(frozen=True)
class Outline:
    """What pages show of an interview besides its HTML: its questions, for the contents list."""

    questions: tuple[Question, ...] = ()


@dataclass(frozen=True)
class Prepared:
    """One post as the site shows it: its safe HTML and what was worked out from it."""

    html: str  # sanitized and, for an article, marked up as an interview
    author: str | None  # whose turns are the questions
    is_article: bool
    outline: Outline
    summary: str | None  # from the introduction; None for a post whose Summary field is used
    reading_time: int


# A tag of sanitized HTML, quoted attribute values and all (text never holds a bare "<").
_TAG = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")


def words_of(safe: str) -> str:
    """The text of sanitized HTML, for counting its words (its tags dropped, without parsing)."""
    return html.unescape(_TAG.sub("", safe))


def prepare_html(raw: str, author: str | None, is_article: bool, *, own_summary: bool, media: str | None = None) -> Prepared:
    """Sanitize one post's HTML and, for an article, mark it up as an interview (questions
    are the ``author``'s turns). ``media``: the post's ``Audio``, whose own player the HTML
    may hold (:func:`~spotlight.sanitize.sanitize_html`)."""
    safe = sanitize_html(raw, media)
    interview = Interview()
    if is_article:
        safe, interview = mark_up_interview(safe, author)
    summary = None if own_summary else summary_from(interview, safe)
    outline = Outline(tuple(Question(sys.intern(q.anchor), q.text) for q in interview.questions))
    return Prepared(html=safe, author=author, is_article=is_article, outline=outline, summary=summary, reading_time=reading_minutes(words_of(safe)))
