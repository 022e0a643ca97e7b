"""Render stage: mark up an interview's rendered HTML as questions and answers.

Input is the sanitized HTML Markdown produced from a post body. A top-level paragraph that
opens with a bold "Name:" starts a turn; the paragraphs and lists after it belong to that
turn until the next one; everything before the first turn is the introduction. Turns by the
interviewer are questions, the others answers. Speaker labels stay in the text, so a feed
reader without our stylesheet still shows who says what.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

_LABEL_END = re.compile(r"\s*[:：]\s*$")


@dataclass
class Turn:
    speaker: str
    role: str  # "question" or "answer"
    html: list[str] = field(default_factory=list)
    text: str = ""  # what the first paragraph says, without the label
    anchor: str = ""  # "q1", "q2"… for questions


@dataclass
class Interview:
    """An article body split into its introduction and its turns."""

    intro: list[str] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)

    @property
    def questions(self) -> list[Turn]:
        """The interviewer's turns, in order (each has an ``anchor``)."""
        return [t for t in self.turns if t.role == "question"]

    @property
    def speakers(self) -> list[str]:
        seen: list[str] = []
        for t in self.turns:
            if t.speaker not in seen:
                seen.append(t.speaker)
        return seen


def _speaker_of(element: etree._Element) -> str | None:
    if element.tag != "p" or (element.text or "").strip():
        return None
    children = list(element)
    if not children or children[0].tag not in ("strong", "b"):
        return None
    strong = children[0]
    label = strong.text_content()
    tail = strong.tail or ""
    if _LABEL_END.search(label):
        name = _LABEL_END.sub("", label).strip()
    elif re.match(r"^\s*[:：]", tail):
        name = label.strip()
    else:
        return None
    if not name or len(name) > 80 or "\n" in name:
        return None
    return name


def _serialize(element: etree._Element) -> str:
    return etree.tostring(element, encoding="unicode", method="html", with_tail=False)


def split_interview(body_html: str, interviewer: str | None) -> Interview:
    """Split rendered HTML into introduction and turns."""
    interview = Interview()
    if not body_html.strip():
        return interview
    fragments = lxml.html.fragments_fromstring(body_html)
    current: Turn | None = None
    for fragment in fragments:
        if isinstance(fragment, str):
            text = fragment.strip()
            if text:
                piece = f"<p>{html.escape(text, quote=False)}</p>"
                (current.html if current else interview.intro).append(piece)
            continue
        speaker = _speaker_of(fragment)
        if speaker:
            said = fragment.text_content().strip()
            said = said.split(":", 1)[1].strip() if ":" in said[: len(speaker) + 3] else said
            current = Turn(speaker=speaker, role="answer", text=" ".join(said.split()))
            interview.turns.append(current)
        target = current.html if current else interview.intro
        target.append(_serialize(fragment))
        tail = (fragment.tail or "").strip()
        if tail:
            target.append(f"<p>{html.escape(tail, quote=False)}</p>")
    # The interviewer (the post's Author) asks; when the Author is not among the speakers,
    # whoever speaks first does.
    asker = interviewer if any(_same(t.speaker, interviewer) for t in interview.turns) else None
    if asker is None and interview.turns:
        asker = interview.turns[0].speaker
    number = 0
    for t in interview.turns:
        t.role = "question" if _same(t.speaker, asker) else "answer"
        if t.role == "question":
            number += 1
            t.anchor = f"q{number}"
    return interview


def _same(a: str | None, b: str | None) -> bool:
    return bool(a and b and a.casefold() == b.casefold())


def render_interview(interview: Interview) -> str:
    """HTML for the page: introduction, then each turn in its own block."""
    parts: list[str] = []
    if interview.intro:
        parts.append('<div class="interview-intro">\n' + "\n".join(interview.intro) + "\n</div>")
    if interview.turns:
        parts.append('<div class="interview-qa">')
        for turn in interview.turns:
            name = html.escape(turn.speaker)
            anchor = f' id="{turn.anchor}"' if turn.anchor else ""
            label = "Question" if turn.role == "question" else f"Answer by {name}"
            parts.append(f'<div class="turn turn-{turn.role}"{anchor} role="group" aria-label="{label}" data-speaker="{name}">\n' + "\n".join(turn.html) + "\n</div>")
        parts.append("</div>")
    return "\n".join(parts)


def mark_up_interview(body_html: str, interviewer: str | None) -> tuple[str, Interview]:
    """Split and render in one step; returns the HTML and the structure."""
    interview = split_interview(body_html, interviewer)
    if not interview.turns:
        return body_html, interview
    return render_interview(interview), interview


@dataclass(frozen=True)
class SpokenTurn:
    """A turn of a rendered interview, as a transcript shows it: who speaks and what they
    say (HTML, without the bold label)."""

    speaker: str
    role: str  # "question" or "answer"
    html: str


def rendered_turns(rendered_html: str) -> list[SpokenTurn]:
    """The turns of an interview :func:`render_interview` marked up (each ``div.turn`` and its
    ``data-speaker``), in order, their speaker labels taken out; [] for HTML without turns.

    >>> rendered_turns(render_interview(split_interview("<p><strong>A B:</strong> Hi?</p><p><b>C D</b>: Hello.</p><ul><li>x</li></ul>", "A B")))
    [SpokenTurn(speaker='A B', role='question', html='<p>Hi?</p>'), SpokenTurn(speaker='C D', role='answer', html='<p>Hello.</p>\\n<ul><li>x</li></ul>')]
    """
    if 'class="turn ' not in rendered_html:
        return []
    wrapper = lxml.html.fragment_fromstring(rendered_html, create_parent="div")
    turns = []
    for block in wrapper.iter("div"):
        classes = (block.get("class") or "").split()
        speaker = block.get("data-speaker")
        if "turn" not in classes or not speaker:
            continue
        role = "question" if "turn-question" in classes else "answer"
        parts = [child for child in block if isinstance(child.tag, str)]
        if parts and _speaker_of(parts[0]):
            _drop_label(parts[0])
        turns.append(SpokenTurn(speaker=speaker, role=role, html="\n".join(_serialize(p) for p in parts if _has_content(p))))
    return turns


def _drop_label(paragraph: etree._Element) -> None:
    """Take the bold "Name:" (or "Name" and a ":" after it) out of a turn's first paragraph."""
    strong = paragraph[0]
    rest = strong.tail or ""
    if not _LABEL_END.search(strong.text_content()):
        rest = re.sub(r"^\s*[:：]", "", rest)
    paragraph.text = (paragraph.text or "") + rest.lstrip()
    paragraph.remove(strong)


def _has_content(element: etree._Element) -> bool:
    return bool(element.text_content().strip()) or element.tag in ("img", "figure", "audio") or any(True for _ in element.iter("img"))
