"""Cleanup stage: who says what.

Finds "Name:" labels at the start of paragraphs, decides which of them are the interview's
own speakers (names that recur, any unambiguous part of a full name resolved to it, and the
interviewer and interviewee when the metadata knows them), and writes the body in the post
format: each turn a paragraph starting with ``**Full Name:**``. "Name: text" paragraphs
that are not speakers (a list of colleagues, a glossary) stay inside the current answer.

An interview without labels (questions set as headings, bold or italic paragraphs, "Q."
prefixes or plain question paragraphs, each followed by answers) is recognised from its
layout and labelled with the names the metadata knows, or with the "Q"/"A" roles.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Mapping

from .blocks import Blocks
from .records import Record, fixed, found, missing
from .tables import (
    ANSWER_LABELS,
    FIRST_PERSON_WORDS,
    NAME_PARTICLES,
    NOT_SPEAKER_LABELS,
    QUESTION_LABELS,
    SECOND_PERSON_WORDS,
    UNSPACED_LANGUAGES,
)

STAGE = "speakers"

_NOT_SPEAKERS: frozenset[str] = frozenset(word for words in NOT_SPEAKER_LABELS.values() for word in words)
_NAME_PUNCTUATION = frozenset("'’.-‐")
# The placeholders a turn is labelled with when the metadata does not know the names (the
# same labels an interview written with "Q:"/"A:" keeps).
QUESTION_ROLE, ANSWER_ROLE = "Q", "A"
# A bold run at the start of a paragraph: "**Name:** text" or "**Name**: text".
_BOLD_START = re.compile(r"^(\*\*|__)(?P<inner>[^*_\n][^\n]*?)\1(?P<after>.*)\Z", re.S)
# A plain label: "Name: text", "Name： text", "Name (00:12): text", "Name (00:12) text".
_PLAIN = re.compile(
    r"^(?P<label>[^\W\d_][^:：\n*_()\[\]]{0,60}?)\s*(?:(?P<stamp>[(\[]\d{1,2}:\d{2}(?::\d{2})?[)\]])\s*(?P<colon>[:：])?|(?P<colon2>[:：]))(?P<rest>(?:(?<=：).*|\s.*)?)\Z",
    re.S,
)
_STAMP_END = re.compile(r"\s*[(\[]\d{1,2}:\d{2}(?::\d{2})?[)\]]$")


@dataclass(frozen=True)
class Label:
    """A paragraph's leading speaker label (``rest`` is empty for a label on its own line)."""

    label: str
    rest: str
    bold: bool
    timestamp: bool = False


@lru_cache(maxsize=8192)
def parse_label(text: str, *, allow_bare: bool = False) -> Label | None:
    """The "Name:" label at the start of ``text``, if it has one that could be a name.

    >>> parse_label("**Ada Lovelace:** Hello").label
    'Ada Lovelace'
    >>> parse_label("Ada Lovelace (01:02) Hello").rest
    'Hello'
    >>> parse_label("Always be testing: it helps") is None
    True
    """
    label = rest = None
    bold = stamp = False
    m = _BOLD_START.match(text)
    if m:
        inner, after = m.group("inner").strip(), m.group("after")
        if inner.endswith((":", "：")):
            label, rest, bold = inner[:-1], after, True
        elif after.lstrip().startswith((":", "：")):
            label, rest, bold = inner, after.lstrip()[1:], True
        else:
            return None
        if _STAMP_END.search(label):
            label, stamp = _STAMP_END.sub("", label), True
    else:
        m = _PLAIN.match(text)
        if not m:
            return None
        if not (m.group("colon") or m.group("colon2")) and not m.group("rest").strip() and not allow_bare:
            return None
        label, rest, stamp = m.group("label"), m.group("rest"), bool(m.group("stamp"))
    label = label.strip()
    rest = rest.strip()
    if not _could_be_speaker(label):
        return None
    if not rest and not allow_bare:
        return None
    return Label(label=label, rest=rest, bold=bold, timestamp=stamp)


def block_labels(blocks: Blocks) -> list[Label | None]:
    """Each block's leading label, or None.

    A label alone on its line ("Ada Lovelace (00:12)", "**Ada:**", "Q:") counts only when it
    is clearly a speaker's: it has a timestamp, is bold, is a Q/A label, or the same name
    labels another paragraph too. Otherwise "Key lessons:" over a paragraph would be taken
    for a speaker.
    """
    found = [parse_label(lines[0], allow_bare=True) for lines in blocks]
    counts = Counter(label.label.casefold() for label in found if label)
    out: list[Label | None] = []
    for i, label in enumerate(found):
        if label and not label.rest:
            qualifies = label.timestamp or label.bold or _role_of_label(label.label) or counts[label.label.casefold()] >= 2
            # ...and something follows it to be what was said.
            said = len(blocks[i]) > 1 or (i + 1 < len(blocks) and (found[i + 1] is None))
            out.append(label if qualifies and said else None)
        else:
            out.append(label)
    return out


def _could_be_speaker(label: str) -> bool:
    key = label.casefold()
    if key in QUESTION_LABELS or key in ANSWER_LABELS:
        return True
    return is_person_name(label)


def is_not_a_person(label: str) -> bool:
    """Whether ``label`` is a word that opens "Label: text" lines but names nobody.

    >>> is_not_a_person("Loaded"), is_not_a_person("Pie de foto"), is_not_a_person("Ada")
    (True, True, False)
    """
    return " ".join(label.casefold().rstrip(".").split()) in _NOT_SPEAKERS


def is_person_name(text: str) -> bool:
    """Whether ``text`` is shaped like a person's name (1 to 5 capitalised words).

    >>> is_person_name("Ludwig van Beethoven"), is_person_name("Always be instrumentin’")
    (True, False)
    >>> is_person_name("van der Berg"), is_person_name("शर्मा"), is_person_name("Progress")
    (True, True, False)
    """
    words = text.split()
    if not 1 <= len(words) <= 5 or is_not_a_person(text):
        return False
    if len(words) == 1 and not words[0][:1].isupper() and not _is_caseless(words[0]):
        return False
    for i, word in enumerate(words):
        if not _is_name_word(word):
            return False
        if word.casefold() in NAME_PARTICLES and i < len(words) - 1:
            continue  # "Jan van der Berg", and "van der Berg" as a surname label
        if not (word[0].isupper() or _is_caseless(word)):
            return False
    return True


def _is_name_word(word: str) -> bool:
    # Letters (and digits), the combining marks of Indic and other scripts, and the apostrophes, dots and
    # hyphens of "O'Neil", "J." and "Adeyemi-Hart"; the first character is a letter.
    if not word[:1].isalpha():
        return False
    return all(ch.isalnum() or ch in _NAME_PUNCTUATION or unicodedata.category(ch).startswith("M") for ch in word)


def _is_caseless(word: str) -> bool:
    # Scripts without letter case (CJK, Arabic, Devanagari…) cannot be judged by capitals.
    return all(ch.isalpha() and not ch.isupper() and not ch.islower() for ch in word[:1])


def _role_of_label(label: str) -> str | None:
    key = label.casefold()
    if key in QUESTION_LABELS:
        return "question"
    if key in ANSWER_LABELS:
        return "answer"
    return None


@dataclass
class Cast:
    """The interview's speakers, resolved: every label maps to a full name."""

    aliases: dict[str, str] = field(default_factory=dict)
    speakers: list[str] = field(default_factory=list)
    interviewer: str | None = None
    interviewee: str | None = None

    def resolve(self, label: str) -> str | None:
        """The full name a label stands for, or None when it is not a speaker."""
        name = self.aliases.get(label.casefold())
        return name if name in self.speakers else None


def _same(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


def _words(name: str) -> list[str]:
    return [w.casefold().rstrip(".") for w in name.split()]


def is_part_of_name(label: str, full: str) -> bool:
    """Whether ``label`` is a proper part of the full name ``full``: some of its words in
    order ("Gil Navarro", "van der Berg"), one half of a hyphenated name, its initials
    ("JR", "J. R."), or the family or given name of a name written without spaces (王, 小明).

    >>> is_part_of_name("Gil Navarro", "Ana María Gil Navarro"), is_part_of_name("JR", "Jane Roe")
    (True, True)
    >>> is_part_of_name("王", "王小明"), is_part_of_name("Ana Gil", "Ana María Gil Navarro")
    (True, False)
    """
    label_words, full_words = _words(label), _words(full)
    if not label_words or label_words == full_words:
        return False
    n = len(label_words)
    for i in range(len(full_words) - n + 1):
        if full_words[i : i + n] == label_words and any(w not in NAME_PARTICLES for w in label_words):
            return True
    if n == 1:
        word = label_words[0]
        if any(word in re.split(r"[-‐]", w) for w in full_words if "-" in w or "‐" in w):
            return True
        letters = re.sub(r"[.\s]", "", label)
        initials = "".join(w[0] for w in full.split() if w.casefold() not in NAME_PARTICLES).casefold()
        if 2 <= len(letters) <= 4 and letters.isupper() and len(initials) >= 2:
            # "JR" for Jane Roe (first and last) or for J. R. Okafor (the leading initials).
            if letters.casefold() in (initials, initials[0] + initials[-1], initials[: len(letters)]):
                return True
        if len(full_words) == 1 and _is_caseless(full) and len(word) < len(full_words[0]):
            return full_words[0].startswith(word) or full_words[0].endswith(word)
    return False


def _is_full_name(name: str) -> bool:
    # Two or more words, or a name in a caseless script written without spaces (王小明).
    return len(name.split()) >= 2 or (_is_caseless(name) and len(name) >= 2)


_ASKS = re.compile(r"[?？؟](?=[\s\"”’»)\]*_]|$)")


def asks(text: str) -> bool:
    """Whether ``text`` asks a question (a sentence ends in a question mark).

    >>> asks("Why? Because."), asks("See https://example.org/?q=1")
    (True, False)
    """
    return bool(_ASKS.search(text))


def find_cast(
    labels: list[str],
    interviewer: str | None = None,
    interviewee: str | None = None,
    *,
    questions: list[bool] | None = None,
) -> Cast:
    """Decide who the speakers are from the labels in order and what the metadata knows.

    A label that is an unambiguous part of a full name (given by the metadata or by another
    label) stands for it. A label is a speaker when its person speaks at least twice or is
    the known interviewer or interviewee. ``questions`` (one flag per label: does that turn
    ask a question?) lets the cast demand the evidence of an interview when the metadata
    confirms no speaker: two people, one of whom asks. Without it that is not judged. An
    interviewer who is the interviewee (an author card or byline naming the guest) is no
    interviewer: the asker is then found from the turns.
    """
    if interviewer and interviewee and _same(interviewer, interviewee):
        interviewer = None
    known = [n for n in (interviewer, interviewee) if n]
    candidates: list[str] = []
    for name in known + labels:
        if _is_full_name(name) and not any(_same(name, f) for f in candidates):
            candidates.append(name)
    # "Gil Navarro" is no full name of its own when "Ana María Gil Navarro" is one.
    full_names = [f for f in candidates if any(_same(f, k) for k in known) or not any(is_part_of_name(f, g) for g in candidates)]

    aliases: dict[str, str] = {}
    for label in labels + known:
        key = label.casefold()
        if key in aliases:
            continue
        exact = [f for f in full_names + known if _same(f, label)]
        if exact:
            aliases[key] = exact[0]
            continue
        role = _role_of_label(label)
        if role == "question":
            aliases[key] = interviewer or label
            continue
        if role == "answer":
            aliases[key] = interviewee or label
            continue
        matches = [f for f in full_names if is_part_of_name(label, f)]
        if len(matches) > 1:
            # Prefer the known speakers: "Ana" is Ana Gil when she is the interviewee.
            matches = [f for f in matches if any(_same(f, k) for k in known)] or matches
        aliases[key] = matches[0] if len(matches) == 1 else label

    counts = Counter(aliases[label.casefold()] for label in labels)
    speakers: list[str] = []
    for label in labels:
        name = aliases[label.casefold()]
        if name in speakers:
            continue
        is_known = any(_same(name, k) for k in known)
        if counts[name] >= 2 or is_known or _role_of_label(label):
            speakers.append(name)
    if len(speakers) < 2:
        # A short interview (one question, one answer) with nothing known: the first two
        # people to speak are the speakers, when the first of them asks.
        for n, label in enumerate(labels):
            name = aliases[label.casefold()]
            if name not in speakers and len(speakers) < 2:
                if not speakers and questions is not None and not questions[n]:
                    break
                speakers.append(name)
    if questions is not None and not _is_interview(labels, aliases, speakers, known, questions):
        speakers = []
    cast = Cast(aliases=aliases, speakers=speakers)

    def speaking_as(role: str) -> list[str]:
        """The speakers, those who speak under a "Q:"-style (or "A:"-style) label first."""
        named = [aliases[label.casefold()] for label in labels if _role_of_label(label) == role]
        return [s for s in speakers if s in named] + [s for s in speakers if s not in named]

    # Unknown from the metadata, the interviewer is who speaks under a question label, and the
    # interviewee who speaks under an answer label: so a post written from this cast (whose
    # metadata then names them) reads back with the same cast.
    cast.interviewee = interviewee if interviewee in speakers else None
    if cast.interviewee is None and any(_role_of_label(label) == "answer" for label in labels):
        cast.interviewee = speaking_as("answer")[0] if speakers else None
    if interviewer and interviewer in speakers:
        cast.interviewer = interviewer
    else:
        others = [s for s in speaking_as("question") if s != cast.interviewee]
        cast.interviewer = others[0] if others else None
    if cast.interviewee is None:
        others = [s for s in speakers if s != cast.interviewer]
        cast.interviewee = others[0] if others else None
    return cast


def _is_interview(labels: list[str], aliases: dict[str, str], speakers: list[str], known: list[str], questions: list[bool]) -> bool:
    """Whether the labelled turns are an interview's: a speaker the metadata names or a Q/A
    label, or else two speakers of whom one asks. "Pro:"/"Con:" lists, "Image:" credits
    and a glossary's "Term: definition" lines are none."""
    if any(_role_of_label(label) for label in labels if aliases[label.casefold()] in speakers):
        return True
    if any(_same(s, k) for s in speakers for k in known):
        return True
    turns = [(aliases[label.casefold()], q) for label, q in zip(labels, questions) if aliases[label.casefold()] in speakers]
    return len({name for name, _ in turns}) >= 2 and any(q for _, q in turns)


def labels_in(blocks: Blocks) -> list[str]:
    """Every leading label of the document's paragraphs, in order."""
    return [label.label for label in block_labels(blocks) if label]


def _turn_text(blocks: Blocks, labels: list[Label | None], i: int) -> str:
    """What the turn opened by block ``i`` says first (the next block for a bare label)."""
    label = labels[i]
    if label and label.rest:
        return label.rest
    rest = blocks[i][1:] or (blocks[i + 1] if i + 1 < len(blocks) else [])
    return "\n".join(rest)


def _cast_of(blocks: Blocks, labels: list[Label | None], interviewer: str | None, interviewee: str | None) -> Cast:
    opened = [i for i, label in enumerate(labels) if label]
    return find_cast(
        [labels[i].label for i in opened],  # type: ignore[union-attr]
        interviewer,
        interviewee,
        questions=[asks(_turn_text(blocks, labels, i)) for i in opened],
    )


def speaker_block_indices(blocks: Blocks, interviewer: str | None = None, interviewee: str | None = None) -> list[int]:
    """Indices of the blocks that open a speaker's turn (used to find where the interview ends)."""
    labels = block_labels(blocks)
    cast = _cast_of(blocks, labels, interviewer, interviewee)
    return [i for i, label in enumerate(labels) if label and cast.resolve(label.label)]


# --- Writing the body --------------------------------------------------------------------

_MD_BLOCK_START = re.compile(r"^(\s*)(#{1,6}\s|>|[-+*]\s|\d{1,9}[.)]\s|={3,}\s*$|-{3,}\s*$|_{3,}\s*$|\|)")
_MD_INLINE = re.compile(r"([\\`*\[\]])|(?<!\w)_|_(?!\w)|<")


def escape_markdown(text: str) -> str:
    """Make plain text read as itself in Markdown.

    >>> escape_markdown("# 1 * 2 <b>")
    '\\\\# 1 \\\\* 2 &lt;b>'
    """

    def _inline(m: re.Match[str]) -> str:
        s = m.group(0)
        return "&lt;" if s == "<" else "\\" + s

    text = _MD_INLINE.sub(_inline, text)
    lines = []
    for line in text.split("\n"):
        line = line.lstrip()
        m = _MD_BLOCK_START.match(line)
        if m:
            line = "\\" + line if not line[0].isdigit() else re.sub(r"^(\d+)([.)])", r"\1\\\2", line)
        lines.append(line)
    return "\n".join(lines)


@dataclass
class Turns:
    """The result of :func:`write_turns`: the Markdown body and who spoke."""

    body: str
    cast: Cast
    turn_count: int
    records: list[Record]


# --- Interviews without labels: the Q&A structure read from the layout ------------------

_HEADING = re.compile(r"^(?P<level>#{2,6})\s+(?P<text>.+?)(?:\s+#+)?\s*$")
_BOLD_PARAGRAPH = re.compile(r"^(\*\*\*?|__)(?P<text>[^*_\s](?:.*?[^\s\\])?)\1$", re.S)
_ITALIC_PARAGRAPH = re.compile(r"^(\*|_)(?P<text>[^*_\s](?:[^*_]*?[^\s\\*_])?)\1$", re.S)
_ROLE_WORDS = "|".join(sorted((re.escape(w) for w in QUESTION_LABELS | ANSWER_LABELS), key=len, reverse=True))
# "Q. …", "Q: …", "**Q.** …", "Pregunta: …": a role word and a stop, then the text.
_ROLE_PREFIX = re.compile(rf"^(?:\*\*|__)?(?P<role>{_ROLE_WORDS})\s*[.:：)](?:\*\*|__)?\s+(?P<text>\S.*)\Z", re.S | re.I)
_CLOSERS = "\"'”’»)]*_ \u00a0"
_WORD = re.compile(r"[^\W\d_][\w'’]*")
# Least share of the question-shaped blocks of one form that really end in a question mark,
# least question/answer pairs, least share of answers in the first person and of
# questions addressing "you" (when nobody is named): the evidence that this is an interview.
_MIN_QUESTION_SHARE = 2 / 3
_MIN_PAIRS, _MIN_PAIRS_NAMED = 3, 2
_MIN_FIRST_PERSON = 0.5
_MIN_SECOND_PERSON = 1 / 3
# Plain question paragraphs (a text scrape, whose bold is lost): short, and dense enough
# among the paragraphs after the first of them that they are the article's frame.
_MAX_PLAIN_QUESTION = 300
_MIN_PLAIN_DENSITY = 0.2


def is_question(text: str) -> bool:
    """Whether a question paragraph's text is a question: it ends in a question mark
    (before closing quotes), or is a Spanish "¿…?" question followed by a remark.

    >>> is_question("How did you start?"), is_question("¿Cómo empezaste? (risas)"), is_question("Why.")
    (True, True, False)
    """
    text = text.rstrip(_CLOSERS)
    return text.endswith(("?", "？", "؟")) or (text.startswith("¿") and "?" in text)


def _form_of(lines: list[str]) -> tuple[str, str] | None:
    """The form a question could take in this block (heading, bold, italic, role prefix or
    a plain one-line paragraph) and the question's text without it."""
    text = "\n".join(lines).strip()
    if len(lines) == 1:
        m = _HEADING.match(text)
        if m:
            return f"heading{len(m.group('level'))}", m.group("text").strip()
    for form, pattern in (("bold", _BOLD_PARAGRAPH), ("italic", _ITALIC_PARAGRAPH)):
        m = pattern.match(text)
        if m:
            return form, m.group("text").strip()
    m = _ROLE_PREFIX.match(text)
    if m and m.group("role").casefold() in QUESTION_LABELS:
        return "prefix", m.group("text").strip()
    if len(lines) == 1 and len(text) <= _MAX_PLAIN_QUESTION and not _MD_BLOCK_START.match(text) and is_question(text):
        return "plain", text
    return None


def _answer_text(lines: list[str]) -> str | None:
    """An answer paragraph's text ("A. …" prefix dropped), or None when the block cannot open
    a turn (a heading, a list, a quote, an image)."""
    text = "\n".join(lines).strip()
    if not text or _MD_BLOCK_START.match(text) or text.startswith("!["):
        return None
    m = _ROLE_PREFIX.match(text)
    if m and m.group("role").casefold() in ANSWER_LABELS:
        return m.group("text").strip()
    return text


def _tokens(text: str) -> set[str]:
    # Words split at anything but letters, combining marks and apostrophes ("i'm", "मैं").
    chars = [ch if ch.isalpha() or ch in "'’" or unicodedata.category(ch).startswith("M") else " " for ch in text.casefold()]
    words = "".join(chars).split()
    return set(words) | {w.strip("'’") for w in words} | {w.split("'")[0] + "'" for w in words if "'" in w} | {w.split("’")[0] + "’" for w in words if "’" in w}


def _has_word(text: str, table: Mapping[str, frozenset[str]]) -> bool:
    """Whether ``text`` holds one of the words of ``table`` (any language)."""
    tokens = _tokens(text)
    folded = text.casefold()
    for language, words in table.items():
        if tokens & words or (language in UNSPACED_LANGUAGES and any(w in folded for w in words)):
            return True
    return False


@dataclass(frozen=True)
class Layout:
    """The Q&A structure read from an interview's layout: question and answer blocks."""

    form: str
    questions: dict[int, str]  # block index -> the question's text
    answers: dict[int, str]  # block index of each first answer paragraph -> its text


def find_layout(blocks: Blocks, *, skip: frozenset[int] = frozenset(), named: bool = False) -> Layout | None:
    """The question/answer structure of an interview without speaker labels, or None.

    ``skip``: blocks already known to be something else (labelled turns). ``named``: the
    metadata names the interviewee (the title says this is an interview with someone), so
    two pairs suffice and the questions need not say "you".
    """
    forms = {i: f for i, lines in enumerate(blocks) if i not in skip and (f := _form_of(lines))}
    by_form: dict[str, list[int]] = {}
    for i, (form, _) in forms.items():
        by_form.setdefault(form, []).append(i)
    best: Layout | None = None
    for form, indices in by_form.items():
        layout = _layout_of(blocks, forms, form, indices, named=named)
        if layout and (best is None or len(layout.questions) > len(best.questions)):
            best = layout
    return best


def _layout_of(blocks: Blocks, forms: dict[int, tuple[str, str]], form: str, indices: list[int], *, named: bool) -> Layout | None:
    asked = [i for i in indices if is_question(forms[i][1])]
    if len(asked) < (_MIN_PAIRS_NAMED if named else _MIN_PAIRS):
        return None
    first = asked[0]
    if form.startswith("heading"):
        # Headings that are questions among headings that are not (an article's sections
        # that happen to ask) do not frame an interview; the few that do not ask stay
        # section headings.
        headings = [i for i, (f, _) in forms.items() if f.startswith("heading") and i >= first]
        headings += [i for i in range(first, len(blocks)) if i not in forms and blocks[i][0].startswith("#")]
        if len(asked) < _MIN_QUESTION_SHARE * len(headings):
            return None
        chosen = asked
    else:
        # A bold (italic, "Q.") paragraph that does not end in "?" is still a question
        # ("Tell us about your first job."), when most of them do.
        chosen = [i for i in indices if i >= first]
        if len(asked) < _MIN_QUESTION_SHARE * len(chosen):
            return None
    if form == "plain" and len(chosen) < _MIN_PLAIN_DENSITY * (len(blocks) - first):
        return None
    questions = {i: forms[i][1] for i in chosen}
    answers: dict[int, str] = {}
    for i in chosen:
        nxt = i + 1
        if nxt < len(blocks) and nxt not in questions:
            text = _answer_text(blocks[nxt])
            if text is not None:
                answers[nxt] = text
    pairs = len(answers)
    if pairs < (_MIN_PAIRS_NAMED if named else _MIN_PAIRS) or pairs < 0.8 * len(questions):
        return None
    # The answers speak as "I"/"we" (an FAQ's and a how-to's do not), and, when nobody is
    # named, the questions speak to "you" (a blog post's rhetorical headings do not).
    first_person = sum(_has_word(_answer_run(blocks, i, questions), FIRST_PERSON_WORDS) for i in answers)
    if first_person < _MIN_FIRST_PERSON * pairs:
        return None
    if not named and sum(_has_word(q, SECOND_PERSON_WORDS) for q in questions.values()) < _MIN_SECOND_PERSON * len(questions):
        return None
    return Layout(form=form, questions=questions, answers=answers)


def _answer_run(blocks: Blocks, start: int, questions: dict[int, str]) -> str:
    """The text of an answer: its blocks from ``start`` up to the next question."""
    end = next((q for q in sorted(questions) if q > start), len(blocks))
    return "\n".join(line for lines in blocks[start:end] for line in lines)


# --- Writing the turns ----------------------------------------------------------------------


def write_turns(
    blocks: Blocks,
    *,
    interviewer: str | None = None,
    interviewee: str | None = None,
    plain_text: bool = True,
) -> Turns:
    """Write the body with each turn labelled ``**Full Name:**``.

    ``plain_text`` says the blocks are plain text (a scrape) and need Markdown escaping;
    otherwise they are already Markdown and only labels are normalized.
    """
    records: list[Record] = []
    labels = block_labels(blocks)
    cast = _cast_of(blocks, labels, interviewer, interviewee)
    layout = None
    if not any(label and cast.resolve(label.label) not in (None, cast.interviewer) for label in labels):
        # No answer is labelled: the questions may be set apart by their layout instead.
        layout = find_layout(blocks, named=bool(interviewee))
    if layout:
        asker, answerer = interviewer or QUESTION_ROLE, interviewee or ANSWER_ROLE
        cast = Cast(aliases={asker.casefold(): asker, answerer.casefold(): answerer}, speakers=[asker, answerer], interviewer=asker, interviewee=answerer)
        if not (interviewer and interviewee):
            records.append(
                missing(
                    STAGE,
                    "speaker names not known: turns labelled with the interviewer/interviewee roles",
                    interviewer=asker,
                    interviewee=answerer,
                )
            )

    def esc(text: str) -> str:
        return escape_markdown(text) if plain_text else text

    out: list[str] = []
    turn_count = 0
    pending_list: list[str] = []
    speaking: str | None = None

    def flush_list() -> None:
        if not pending_list:
            return
        if len(pending_list) >= 2:
            out.append("\n".join("- " + escape_markdown(item) for item in pending_list))
            records.append(
                fixed(STAGE, "name-labelled paragraphs inside a turn kept as a list, not speakers", "\n\n".join(pending_list), out[-1])
            )
        else:
            out.append(escape_markdown(pending_list[0]))
            _warn_unknown(pending_list[0])
        pending_list.clear()

    def _warn_unknown(paragraph: str) -> None:
        label = parse_label(paragraph)
        if label is None or label.label.casefold() in (QUESTION_LABELS | ANSWER_LABELS):
            return
        near = [s for s in cast.speakers if is_part_of_name(label.label, s)]
        records.append(
            missing(
                STAGE,
                "label matches no speaker; kept inside the turn before it",
                text=paragraph[:80],
                label=label.label,
                turn_of=speaking or "",
                could_be=", ".join(near),
            )
        )

    i = 0
    while i < len(blocks):
        lines = blocks[i]
        label = labels[i]
        if layout and i in layout.questions:
            flush_list()
            new = f"**{cast.interviewer}:** {esc(layout.questions[i])}"
            form = _FORM_NAMES.get(layout.form.rstrip("0123456789"), layout.form)
            records.append(fixed(STAGE, f"question set as {form} labelled with the interviewer's name", lines[0][:80], new[:80]))
            out.append(new)
            turn_count += 1
            speaking = cast.interviewer
            i += 1
            continue
        if layout and i in layout.answers:
            flush_list()
            out.append(f"**{cast.interviewee}:** {esc(layout.answers[i])}")
            turn_count += 1
            speaking = cast.interviewee
            i += 1
            continue
        name = cast.resolve(label.label) if label and not layout else None
        if label and name:
            flush_list()
            rest_lines = [label.rest] + lines[1:] if label.rest else lines[1:]
            if not rest_lines and i + 1 < len(blocks) and labels[i + 1] is None:
                i += 1  # a label on its own line: the next paragraph is what was said
                rest_lines = blocks[i]
            new = f"**{name}:** {esc(chr(10).join(rest_lines))}".rstrip()
            if new.split("\n")[0] != lines[0]:
                records.append(fixed(STAGE, "speaker label normalized to the full name", lines[0][:80], new.split("\n")[0][:80]))
            out.append(new)
            turn_count += 1
            speaking = name
        elif plain_text and speaking and label and label.rest and len(lines) == 1:
            pending_list.append(lines[0])
        else:
            flush_list()
            if speaking and label and label.rest and not label.bold:
                _warn_unknown(lines[0])
            out.append(esc("\n".join(lines)))
        i += 1
    flush_list()
    if cast.speakers and turn_count:
        records.append(found(STAGE, "speakers", ", ".join(cast.speakers), interviewer=cast.interviewer, interviewee=cast.interviewee))
    return Turns(body="\n\n".join(out), cast=cast, turn_count=turn_count, records=records)


_FORM_NAMES = {"heading": "a heading", "bold": "a bold paragraph", "italic": "an italic paragraph", "prefix": "a 'Q.' paragraph", "plain": "a question paragraph"}


# --- The safety net: what ``spotlight check`` reports about a post's speakers ---------------

_TURN_START = re.compile(r"^(?:\*\*|__)(?P<name>[^*_\n]{1,80}?)\s*[:：](?:\*\*|__)|^(?:\*\*|__)(?P<name2>[^*_\n]{1,80}?)(?:\*\*|__)\s*[:：]")


def speaker_problems(paragraphs: list[str], interviewer: str | None, interviewee: str | None) -> list[tuple[int, str]]:
    """What a post's turns get wrong, as (paragraph index, problem): a paragraph inside the
    interview that opens with a plain "Name:" label no turn stands for (its words shown
    inside the turn before it), and turns labelled with the "Q"/"A" roles for want of names.
    """
    problems: list[tuple[int, str]] = []
    speakers: list[str] = []
    for n, paragraph in enumerate(paragraphs):
        m = _TURN_START.match(paragraph)
        if m:
            name = (m.group("name") or m.group("name2")).strip()
            if name not in speakers:
                speakers.append(name)
                if name.casefold() in (QUESTION_LABELS | ANSWER_LABELS):
                    problems.append((n, f"turns labelled '{name}:' (the speakers' names are not known; put them in Author:/Interviewee: and the labels)"))
            continue
        if not speakers:
            continue
        label = parse_label(paragraph)
        if label is None or label.bold:
            continue
        near = [s for s in speakers + [k for k in (interviewer, interviewee) if k] if _same(s, label.label) or is_part_of_name(label.label, s)]
        if near:
            problems.append((n, f"'{label.label}:' looks like {near[0]}, but is no turn (what follows reads as part of the turn before it)"))
        else:
            problems.append((n, f"'{label.label}:' matches no speaker (what follows reads as part of the turn before it)"))
    return problems
