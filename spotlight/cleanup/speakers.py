"""Cleanup stage: who says what.

Finds "Name:" labels at the start of paragraphs, decides which of them are the interview's
own speakers (names that recur, surnames resolved to the full name given first, and the
interviewer and interviewee when the metadata knows them), and writes the body in the post
format: each turn a paragraph starting with ``**Full Name:**``. "Name: text" paragraphs
that are not speakers (a list of colleagues, a glossary) stay inside the current answer.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .blocks import Blocks
from .records import Record, fixed, found
from .tables import ANSWER_LABELS, NAME_PARTICLES, QUESTION_LABELS

STAGE = "speakers"

_NAME_WORD = re.compile(r"^[^\W\d_][\w'’.\-]*$")
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


def is_person_name(text: str) -> bool:
    """Whether ``text`` is shaped like a person's name (1 to 5 capitalised words).

    >>> is_person_name("Ludwig van Beethoven"), is_person_name("Always be instrumentin’")
    (True, False)
    """
    words = text.split()
    if not 1 <= len(words) <= 5:
        return False
    if len(words) == 1 and not words[0][:1].isupper() and not _is_caseless(words[0]):
        return False
    for i, word in enumerate(words):
        if not _NAME_WORD.match(word):
            return False
        if word.casefold() in NAME_PARTICLES and 0 < i < len(words) - 1:
            continue
        if not (word[0].isupper() or _is_caseless(word)):
            return False
    return True


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


def find_cast(labels: list[str], interviewer: str | None = None, interviewee: str | None = None) -> Cast:
    """Decide who the speakers are from the labels in order and what the metadata knows.

    Full names come first and surnames later ("Frederick Daso:", then "Daso:"); a label is a
    speaker when its person speaks at least twice or is the known interviewer or interviewee.
    """
    known = [n for n in (interviewer, interviewee) if n]
    full_names: list[str] = []
    for name in known + labels:
        if len(name.split()) >= 2 and not any(_same(name, f) for f in full_names):
            full_names.append(name)

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
        if len(label.split()) == 1:
            matches = [f for f in full_names if any(_same(label, part) for part in (f.split()[0], f.split()[-1]))]
            if len(matches) == 1:
                aliases[key] = matches[0]
                continue
        aliases[key] = label

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
        # people to speak are the speakers.
        for label in labels:
            name = aliases[label.casefold()]
            if name not in speakers and len(speakers) < 2:
                speakers.append(name)
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
        cast.interviewee = speaking_as("answer")[0]
    if interviewer and interviewer in speakers:
        cast.interviewer = interviewer
    else:
        others = [s for s in speaking_as("question") if s != cast.interviewee]
        cast.interviewer = others[0] if others else None
    if cast.interviewee is None:
        others = [s for s in speakers if s != cast.interviewer]
        cast.interviewee = others[0] if others else None
    return cast


def labels_in(blocks: Blocks) -> list[str]:
    """Every leading label of the document's paragraphs, in order."""
    return [label.label for label in block_labels(blocks) if label]


def speaker_block_indices(blocks: Blocks, interviewer: str | None = None, interviewee: str | None = None) -> list[int]:
    """Indices of the blocks that open a speaker's turn (used to find where the interview ends)."""
    labels = block_labels(blocks)
    cast = find_cast([label.label for label in labels if label], interviewer, interviewee)
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


_BOLD_PARAGRAPH = re.compile(r"^(\*\*|__)(?P<text>[^*_\n].*?)\1$", re.S)
_QUESTION_HEADING = re.compile(r"^#{2,6}\s+(?P<text>.+?)\s*#*$")
_QUESTION_END = ("?", "？", "؟")


def _question_text(lines: list[str]) -> str | None:
    """The question when a block is a bold paragraph or a heading ending in a question mark."""
    text = "\n".join(lines).strip()
    m = _BOLD_PARAGRAPH.match(text) or (_QUESTION_HEADING.match(text) if len(lines) == 1 else None)
    if m and m.group("text").rstrip().endswith(_QUESTION_END):
        return m.group("text").strip()
    return None


def label_questions(blocks: Blocks, interviewer: str, interviewee: str) -> tuple[Blocks, list[Record]] | None:
    """Turn "bold question, plain answer" (or question headings) into labelled turns.

    Returns None when the document does not have that shape (fewer than two questions).
    """
    questions = [i for i, lines in enumerate(blocks) if _question_text(lines)]
    if len(questions) < 2:
        return None
    out: Blocks = []
    records: list[Record] = []
    answer_due = False
    for i, lines in enumerate(blocks):
        question = _question_text(lines) if i in questions else None
        if question:
            out.append([f"**{interviewer}:** {question}"])
            records.append(fixed(STAGE, "bold question labelled with the interviewer's name", "\n".join(lines)[:80], out[-1][0][:80]))
            answer_due = True
        elif answer_due:
            out.append([f"**{interviewee}:** {lines[0]}"] + lines[1:])
            answer_due = False
        else:
            out.append(lines)
    return out, records


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
    cast = find_cast([label.label for label in labels if label], interviewer, interviewee)
    turn_labels = sum(1 for label in labels if label and cast.resolve(label.label))
    if turn_labels < 2 and not plain_text and interviewer and interviewee:
        relabelled = label_questions(blocks, interviewer, interviewee)
        if relabelled:
            blocks, recs = relabelled
            records.extend(recs)
            labels = block_labels(blocks)
            cast = find_cast([label.label for label in labels if label], interviewer, interviewee)

    def esc(text: str) -> str:
        return escape_markdown(text) if plain_text else text

    out: list[str] = []
    turn_count = 0
    pending_list: list[str] = []
    in_turn = False

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
        pending_list.clear()

    i = 0
    while i < len(blocks):
        lines = blocks[i]
        label = labels[i]
        name = cast.resolve(label.label) if label else None
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
            in_turn = True
        elif plain_text and in_turn and label and label.rest and len(lines) == 1:
            pending_list.append(lines[0])
        else:
            flush_list()
            out.append(esc("\n".join(lines)))
        i += 1
    flush_list()
    if cast.speakers:
        records.append(found(STAGE, "speakers", ", ".join(cast.speakers), interviewer=cast.interviewer, interviewee=cast.interviewee))
    return Turns(body="\n\n".join(out), cast=cast, turn_count=turn_count, records=records)
