"""Cleanup stage: encoding junk. Mojibake (ftfy), the `?` that stands for a lost
non-breaking space, control and zero-width characters, and NFC normalization.

Each function takes text and returns ``(text, records)``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import ftfy
import ftfy.bad_codecs  # noqa: F401  registers the sloppy-windows-1252 codec
from ftfy.badness import BADNESS_RE

from .records import Record, fixed, removed

STAGE = "encoding"

_FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False,  # curly quotes are the author's typography, not junk
    fix_latin_ligatures=False,
    fix_character_width=False,
    normalization=None,  # NFC is applied separately and recorded
    explain=False,
)
_FTFY_MARKDOWN_CONFIG = _FTFY_CONFIG._replace(unescape_html=False)

# Characters that are never wanted in a post: C0/C1 controls (but tab and newline), lone
# surrogates, non-characters, and invisible format characters: zero-width space, soft hyphen,
# word joiner, BOM, bidi marks and overrides. Format characters that scripts need (the Arabic
# number signs, Egyptian and musical format controls, emoji tag sequences) stay.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000e0001]"
)
# Zero-width (non-)joiners shape emoji sequences and Persian or Indic words: they stay
# between two non-ASCII characters, and go anywhere else.
_STRAY_JOINER = re.compile("(?<![^\x00-\x7f\\s])[\u200c\u200d]|[\u200c\u200d](?![^\x00-\x7f\\s])")


def invisible_characters(text: str) -> list[str]:
    """The characters :func:`strip_invisible_characters` would remove from ``text``."""
    return _INVISIBLE.findall(text) + (_STRAY_JOINER.findall(text) if _has_joiner(text) else [])


def _has_joiner(text: str) -> bool:
    """Whether ``text`` holds a zero-width (non-)joiner at all: a plain search, where
    :data:`_STRAY_JOINER`'s look-around costs about 30 microseconds per KB."""
    return "\u200c" in text or "\u200d" in text


def strip_invisible_characters(text: str) -> tuple[str, list[Record]]:
    """Remove control, zero-width and bidi-control characters; CRLF becomes LF.

    >>> strip_invisible_characters("a\\u200bb\\r\\nc")[0]
    'ab\\nc'
    >>> strip_invisible_characters("\\U0001F469\\u200d\\U0001F4BB a\\u200dz")[0] == "\\U0001F469\\u200d\\U0001F4BB az"
    True
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    found = invisible_characters(text)
    if not found:
        return text, []
    counts: dict[str, int] = {}
    for ch in found:
        name = f"U+{ord(ch):04X}"
        counts[name] = counts.get(name, 0) + 1
    record = removed(STAGE, "invisible or control characters", "", characters=counts)
    text = _INVISIBLE.sub("", text)
    return (_STRAY_JOINER.sub("", text) if _has_joiner(text) else text), [record]


def fix_mojibake(text: str, *, markdown: bool = False) -> tuple[str, list[Record]]:
    """Repair text decoded with the wrong codec (ftfy), keeping curly quotes. In Markdown,
    HTML character references (``&lt;``) are the author's and stay.

    >>> fix_mojibake("didnâ€™t")[0]
    'didn’t'
    """
    records: list[Record] = []
    out_lines = []
    config = _FTFY_MARKDOWN_CONFIG if markdown else _FTFY_CONFIG
    for line in text.split("\n"):
        fixed_line = ftfy.fix_text(line, config) if _might_be_mojibake(line, markdown=markdown) else line
        if fixed_line != line:
            records.append(fixed(STAGE, "mojibake", line, fixed_line))
        out_lines.append(fixed_line)
    if len(records) >= 2:
        # The document was decoded with the wrong codec; ftfy leaves lines too short to be
        # sure of ("2 å¹´" for "2 年"): undo the same mistake there when it undoes cleanly.
        for i, line in enumerate(out_lines):
            redone = _redecode(line)
            if redone is not None:
                records.append(fixed(STAGE, "mojibake (same codec as the rest of the document)", line, redone))
                out_lines[i] = redone
    return "\n".join(out_lines), records


def _redecode(line: str) -> str | None:
    """``line`` read back as the UTF-8 it was before a Windows-1252 decoding, if it was one."""
    if line.isascii():
        return None
    try:
        redone = line.encode("sloppy-windows-1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    return redone if redone != line and "\ufffd" not in redone else None


def _might_be_mojibake(line: str, *, markdown: bool = False) -> bool:
    # ftfy only ever changes text with non-ASCII characters or HTML entities, and Markdown's
    # entities are left alone; skipping the rest keeps import fast.
    if "&" in line and not markdown:
        return True
    if line.isascii():
        return False
    # With our configuration, ftfy changes a line only through its mojibake heuristic
    # (``is_bad``) or by removing or replacing the characters in :data:`_FTFY_TOUCHES`; a line
    # with neither is returned as it came, so ftfy need not run (it costs ~75 µs a line).
    return len(line) > _FTFY_CONFIG.max_decode_length or bool(_FTFY_TOUCHES.search(line)) or _looks_bad(line)


# What ftfy's fixers other than the mojibake decoder act on: C0 and C1 controls (terminal
# escapes, line breaks, ``remove_control_chars``), Unicode line separators, surrogates,
# deprecated format characters, the BOM and interlinear annotation marks.
_FTFY_TOUCHES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\u206a-\u206f\ufeff\ufff9-\ufffc]")
_NON_ASCII_RUN = re.compile("[^\x00-\x7f]+")
# Every alternative of ftfy's BADNESS_RE is at most 7 characters long and holds at least one
# non-ASCII character (see the doctest of _looks_bad), so a match lies within 6 characters of
# a run of them.
_BADNESS_REACH = 6


def _looks_bad(line: str) -> bool:
    """``ftfy.badness.is_bad(line)``, searching only around the runs of non-ASCII characters
    (the rest of a line cannot hold a match; "^" still matches only at the line's start).

    >>> _looks_bad("didnâ€™t"), _looks_bad("didn’t — “fine”")
    (True, False)

    The premise, checked against the installed ftfy:

    >>> from re import _constants as c, _parser
    >>> def non_ascii(op, av):
    ...     if op == c.LITERAL:
    ...         return av > 127
    ...     return op == c.IN and all(o == c.LITERAL and a > 127 or o == c.RANGE and a[0] > 127 for o, a in av)
    >>> (branch, (_, alternatives)), = _parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags).data
    >>> branch == c.BRANCH and all(any(non_ascii(*item) for item in alt.data) for alt in alternatives)
    True
    >>> max(alt.getwidth()[1] for alt in alternatives) <= _BADNESS_REACH + 1
    True
    """
    n = len(line)
    return any(
        BADNESS_RE.search(line, max(0, m.start() - _BADNESS_REACH), min(n, m.end() + _BADNESS_REACH)) for m in _NON_ASCII_RUN.finditer(line)
    )


def normalize_nfc(text: str) -> tuple[str, list[Record]]:
    """Compose characters to NFC (``e`` + combining accent becomes ``é``)."""
    normalized = unicodedata.normalize("NFC", text)
    if normalized == text:
        return text, []
    return normalized, [fixed(STAGE, "normalized to NFC", "", "", characters=len(text) - len(normalized))]


# --- The `?` that stands for a lost non-breaking space ------------------------------------
#
# A lossy export turns each U+00A0 into "?": "Subscribe?to", "to?prove?their",
# "(F2F):?f2f", "stories:?" at a line end, "career??" for "career? ". The information is gone,
# so ftfy cannot help; the pattern is recognisable, though: a real question mark is followed
# by a space, the end of the text, a closing bracket or quote, or more ! and ?.

# Spans that must never be touched: URLs, e-mail addresses, Markdown link targets, code.
# Each with what a text must contain for it to match there at all.
_PROTECTED_PARTS = (
    (("```",), r"```.*?```"),  # fenced code
    (("`",), r"`[^`\n]+`"),  # inline code
    (("](",), r"\]\([^)\s]*\)"),  # Markdown link target
    (("<", ":", ">"), r"<[a-z][a-z0-9+.-]*:[^>\s]*>"),  # autolink
    (("://",), r"\b[a-z][a-z0-9+.-]*://[^\s<>\"'()]+"),  # URL with scheme
    (("www.",), r"\bwww\.[^\s<>\"'()]+"),  # bare www URL (looked for in the lower-cased text)
    (("/", "."), r"\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/[^\s<>\"'()]*"),  # bare domain with a path
    (("@",), r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),  # e-mail address (starts where a word run starts: linear time)
    (("&", ";"), r"&(?:[a-z][a-z0-9]{1,31}|#\d{1,7}|#x[0-9a-f]{1,6});"),  # character reference ("&lt;?xml" is not "word?word")
)
_PROTECTED = re.compile("|".join(part for _, part in _PROTECTED_PARTS), re.S | re.I)


@lru_cache(maxsize=64)
def _protected_pattern(present: tuple[bool, ...]) -> re.Pattern[str] | None:
    """:data:`_PROTECTED` with only the alternatives at ``present``: one that cannot match
    anywhere in a text changes nothing there, and each costs a try at every word."""
    parts = [part for (_, part), keep in zip(_PROTECTED_PARTS, present) if keep]
    return re.compile("|".join(parts), re.S | re.I) if parts else None


def _protected_in(text: str) -> re.Pattern[str] | None:
    """The protected-span pattern for ``text`` (None: no span can occur in it)."""
    lowered = text.lower() if "w" in text or "W" in text else text
    return _protected_pattern(tuple(all(needle in (lowered if needle == "www." else text) for needle in needles) for needles, _ in _PROTECTED_PARTS))

# "word?word": a "?" glued between two words. Letters only on the left, so "?q=1" and
# "a.b?c" in something URL-like were already protected. A straight quote after the "?" is an
# opening quote only when a word follows it: in 'what is it?" said he' it closes a question.
_GLUED = re.compile(r"(?<=[\w\)\]”’\"'.,:;])\?(?=[^\W\d_]|[“‘(@#]|\"\w)")
# "career??" (the second "?" is the lost space after a real question mark), but not "?!?".
# At a line end it is a trailing lost space; before a space, "Wha?? No" is as likely.
_DOUBLED = re.compile(r"(?<=\w)\?\?(?=\s|$)", re.M)
_DOUBLED_AT_END = re.compile(r"(?<=\w)\?\?$", re.M)
# "Paris.?The": a sentence's full stop, then the lost space before the next one.
_AFTER_STOP = re.compile(r"(?<=[^\W\d_]\.)\?(?=[^\W\d_])")
# "site.org.?" at a line end: the lost space after a full stop (weak: "U.S.?" is a question).
_STOP_AT_END = re.compile(r"(?<=\w\.)\?$", re.M)
# "45?%", "100?€": the space between a number and its unit symbol.
_BEFORE_SYMBOL = re.compile(r"(?<=\d)\?(?=[%‰€£¥₹₽°])")
# French spacing inside guillemets, "« ?mot? »" or "«?mot?»": both spaces were lost.
_GUILLEMETS = re.compile(r"«(?: ?\?)([^«»\n?]*?[^\s«»?])(?:\? ?)»")
_GUILLEMET_OPEN = re.compile(r"« ?\?(?=\S)")
# A "?" right after ":" "," ";" or at a line end after a colon: never a real question mark.
_AFTER_PUNCT = re.compile(r"(?<=[:,;])\?(?=\S|$)", re.M)
_AFTER_PUNCT_SPACE = re.compile(r"(?<=[:,;])\?(?=\s)")


def _masked(text: str) -> tuple[str, list[str], str]:
    """``text`` with each protected span (URL, e-mail, code, character reference) replaced by
    one private-use character, so the patterns see real neighbours but never match inside."""
    mark = next(chr(c) for c in range(0xE000, 0xF8FF) if chr(c) not in text)
    spans: list[str] = []

    def hide(m: re.Match[str]) -> str:
        spans.append(m.group(0))
        return mark

    pattern = _protected_in(text)
    return (pattern.sub(hide, text) if pattern is not None else text), spans, mark


def _unmasked(text: str, spans: list[str], mark: str) -> str:
    pieces = text.split(mark)
    return "".join(piece + (spans[i] if i < len(spans) else "") for i, piece in enumerate(pieces))


# A "?" glued between a letter and a lower-case letter ("Subscribe?to"): a real question
# mark is followed by a space or a capital, so one of these alone shows the pattern.
_GLUED_LOWER = re.compile(r"(?<=[^\W\d_])\?(?=[^\W\d_])")


def _count_marks(masked: str) -> int:
    strong = sum(1 for m in _GLUED_LOWER.finditer(masked) if masked[m.end()].islower())
    # Never a real question mark: glued to a lower-case letter, after a full stop and before
    # a word, between a number and its unit, inside opening guillemets.
    strong += len(_AFTER_STOP.findall(masked)) + 2 * len(_BEFORE_SYMBOL.findall(masked)) + 2 * len(_GUILLEMET_OPEN.findall(masked))
    weak = len(_GLUED.findall(masked)) + len(_DOUBLED.findall(masked)) + len(_AFTER_PUNCT.findall(masked)) + len(_STOP_AT_END.findall(masked))
    return weak + strong + len(_DOUBLED_AT_END.findall(masked))


# Any of them, in one pattern: most texts have none, and counting them costs nine scans.
_ANY_MARK = re.compile(
    "|".join(
        f"(?:{p.pattern})"
        for p in (_GLUED_LOWER, _AFTER_STOP, _BEFORE_SYMBOL, _GUILLEMET_OPEN, _GLUED, _DOUBLED, _AFTER_PUNCT, _STOP_AT_END, _DOUBLED_AT_END)
    ),
    re.M,
)


def _has_mark(text: str) -> bool:
    """Whether :data:`_ANY_MARK` matches anywhere in ``text``. Every match starts at a "?" or,
    for "« ?", one or two characters before it, so only those starts are tried: a search
    tries the look-behinds at every character (about 3 ms a page)."""
    i = text.find("?")
    while i != -1:
        if _ANY_MARK.match(text, i) or i and (_ANY_MARK.match(text, i - 1) or i > 1 and _ANY_MARK.match(text, i - 2)):
            return True
        i = text.find("?", i + 1)
    return False


def _marks_and_mask(text: str) -> tuple[int, tuple[str, list[str], str] | None]:
    """:func:`count_lost_space_marks` of ``text``, and :func:`_masked` of it when it was needed."""
    if not _has_mark(text):
        # Masking only hides matches (the mark character never completes a pattern), so text
        # without a candidate unmasked has none masked: skip the costly masking pass.
        return 0, None
    masked = _masked(text)
    return (_count_marks(masked[0]) if _has_mark(masked[0]) else 0), masked


def count_lost_space_marks(text: str) -> int:
    """How much ``text`` shows the lost-space ``?`` pattern (outside URLs and code): each
    glued or trailing ``?`` counts one; two for a ``??`` after a word at a line end and for a
    ``?`` that is never a real question mark (glued to a lower-case letter, "Paris.?The",
    "45?%", "« ?mot")."""
    return _marks_and_mask(text)[0]


def repair_lost_spaces(text: str, *, min_marks: int = 2) -> tuple[str, list[Record]]:
    """Turn each ``?`` that stands for a lost non-breaking space back into a space.

    Gated: runs only when the document shows the pattern at least ``min_marks`` times, and
    never inside URLs, e-mail addresses, Markdown link targets or code.

    >>> repair_lost_spaces("Subscribe?to it, see https://x.io/?q=1 and a career??")[0]
    'Subscribe to it, see https://x.io/?q=1 and a career?'
    """
    marks, masking = _marks_and_mask(text)
    if marks < min_marks or masking is None:
        return text, []
    masked, spans, mark = masking
    result = _unmasked(_repair(masked), spans, mark)
    records: list[Record] = []
    if result != text:
        for before, after in _changed_lines(text, result):
            records.append(fixed(STAGE, "lost non-breaking space shown as '?'", before, after))
    return result, records


def _repair(text: str) -> str:
    text = _GUILLEMETS.sub(r"« \1 »", text)
    text = _GUILLEMET_OPEN.sub("« ", text)
    text = _BEFORE_SYMBOL.sub(" ", text)
    text = _STOP_AT_END.sub("", text)
    text = _DOUBLED.sub("?", text)
    text = _AFTER_PUNCT_SPACE.sub("", text)
    text = _AFTER_PUNCT.sub(lambda m: "" if _at_line_end(text, m.end()) else " ", text)
    # A word followed by "?" at a line end is a real question and stays.
    return _GLUED.sub(" ", text)


def _at_line_end(text: str, index: int) -> bool:
    return index >= len(text) or text[index] == "\n"


def _changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    b_lines, a_lines = before.split("\n"), after.split("\n")
    if len(b_lines) != len(a_lines):
        return [(before, after)]
    return [(b, a) for b, a in zip(b_lines, a_lines) if b != a]
