"""Cleanup stage: the interview's metadata, read from its title line, bylines and
"Published …" lines.

"Employee Spotlight #2: Skylar Payne, Machine Learning Lead at HealthRhythms" gives the
series, its number, the interviewee, their role and their company. The title forms are
data (``TITLE_*`` and ``ROLE_*`` in tables.py, one row per language). Nothing is invented:
a field that no form finds is left out and reported as missing, and a title without a
series number or an interview opener yields a name only when its role is a job title.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from functools import lru_cache

from .blocks import (
    CJK,
    Blocks,
    Line,
    any_of_patterns,
    drop_lines,
    flatten,
    match_key,
    original_span,
    pattern_from_phrase,
    plain_line,
)
from .chrome import chrome_phrase, is_counter, is_follower_count, is_reading_time, marker_text
from .dates import parse_date
from .records import Record, found, missing, removed
from .speakers import is_person_name
from .tables import (
    BYLINE_BUTTONS,
    BYLINE_PATTERNS,
    COMPANY_LEGAL_FORMS,
    NAME_PARTICLES,
    PUBLICATION_PATTERNS,
    PUBLISHED_PATTERNS,
    ROLE_COMPANY_CONNECTORS,
    ROLE_FIELDS,
    ROLE_WORDS,
    TITLE_NAME_HONORIFICS,
    TITLE_NON_NAME_WORDS,
    TITLE_OPENERS,
    TITLE_OPENERS_INFLECTED,
    TITLE_PART_NUMBERS,
    TITLE_SERIES_NUMBERS,
)

STAGE = "metadata"

# --- Title forms ---------------------------------------------------------------------------

# Where a name ends: a comma, a dash between spaces, an en or em dash, a bracket (what follows
# is the role line), or a colon or bar (what follows is a topic or the site's name).
_NAME_END = r"\s*(?P<sep>[,，、،:：|｜(（–—]|(?<=\s)-(?=\s))\s*"
_NAME = r"(?P<name>[^,，、،:：|｜()（）–—]+?)"
_ROLE_SEPS = frozenset(",，、،(（–—-")
# A series before its number or its colon: a few words, no sentence.
_SERIES_TEXT = r"(?P<series>[^:：|｜?!？！]{1,80}?)"
_SERIES_END = r"(?:\s*[:：|｜\-–—]\s*(?P<rest>.*?))?\s*$"
# Table phrases' punctuation, with the full-width and dash forms it also matches.
_PUNCT = {
    ":": r"\s*[:：]", ",": r"\s*[,，、،]", "(": r"[(（]", ")": r"[)）]", "|": r"\s*[|｜]", "#": r"[#＃]", "-": r"[-‐–—]",
    "&": r"\s*&\s*", "[": r"[\[［]", "]": r"[\]］]", "'": r"['’]", "’": r"['’]",
}
_UNSPACED = frozenset({"zh", "ja", "ko"})  # role words and fields match as parts of the text


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "}"


def _phrase_regex(phrase: str, slots: dict[str, str]) -> str:
    """A title phrase ("Q&A with {name}") as a regex: each {slot} becomes its pattern, a space
    between letters needs a space, other spaces are optional."""
    out: list[str] = []
    parts = re.split(r"(\{\w+\})", phrase)
    for p, part in enumerate(parts):
        if part in ("{" + s + "}" for s in slots):
            out.append(slots[part[1:-1]])
            continue
        for i, ch in enumerate(part):
            if ch == " ":
                before = part[i - 1] if i else (parts[p - 1][-1:] if p else "")
                after = part[i + 1] if i + 1 < len(part) else (parts[p + 1][:1] if p + 1 < len(parts) else "")
                out.append(r"\s+" if _is_word_char(before) and (_is_word_char(after) or after == "{") else r"\s*")
            else:
                out.append(_PUNCT.get(ch, re.escape(ch)))
    return "".join(out)


# What a phrase's regex matches literally: its text between slots, without the punctuation and
# spaces that _phrase_regex widens.
_NOT_LITERAL = re.compile(r"\{\w+\}|[\s" + re.escape("".join(_PUNCT)) + r"]+")


def _needle(phrase: str) -> str:
    """The longest piece of ``phrase`` that any text it matches holds (lower-cased).

    >>> _needle("Q&A with {name}"), _needle("#{n}")
    ('with', '')
    """
    return max(_NOT_LITERAL.split(phrase.lower()), key=len)


@lru_cache(maxsize=None)
def _opener_pattern(phrase: str) -> re.Pattern[str]:
    """An opener as a regex: the opener, the name, then what follows the name."""
    return re.compile(rf"^\s*{_phrase_regex(phrase, {'name': _NAME})}(?:{_NAME_END}(?P<rest>.*?))?\s*$", re.I)


@lru_cache(maxsize=None)
def _phrases_with_needles(table: str) -> tuple[tuple[str, str], ...]:
    rows = {"openers": TITLE_OPENERS, "inflected": TITLE_OPENERS_INFLECTED}[table]
    return tuple((phrase, _needle(phrase)) for phrases in rows.values() for phrase in phrases)


def _openers(text: str, table: str = "openers") -> Iterator[re.Pattern[str]]:
    """The openers of ``table`` that may match ``text``, in table order. Each is compiled the
    first time a title holds its words: a title tries a few, not a hundred."""
    folded = text.lower()
    for phrase, needle in _phrases_with_needles(table):
        if needle in folded:
            yield _opener_pattern(phrase)


_BARE = re.compile(rf"^\s*{_NAME}{_NAME_END}(?P<rest>.+?)\s*$")
_COLON_SERIES = re.compile(r"^\s*(?P<series>[^:：|｜?!？！]{2,60}?)\s*(?:[:：|｜]|\s[–—]\s)\s*(?P<rest>.+?)\s*$")


@lru_cache(maxsize=1)
def _series_phrases() -> tuple[tuple[str, str, bool], ...]:
    """Each series-number form as (phrase, its needle, whether a name alone may follow): an
    episode's number may be followed by the name alone, a part's only by a name with a role line."""
    return tuple(
        (phrase, _needle(phrase), name_alone)
        for table, name_alone in ((TITLE_SERIES_NUMBERS, True), (TITLE_PART_NUMBERS, False))
        for rows in table.values()
        for phrase in rows
    )


@lru_cache(maxsize=None)
def _series_pattern(phrase: str) -> re.Pattern[str]:
    marker = _phrase_regex(phrase, {"n": r"(?P<index>\d{1,5})"})
    # A marker word starts a word: "Casino 5" is no "No 5".
    guard = r"(?<![^\W\d_])" if phrase[0].lower() != phrase[0].upper() else ""
    return re.compile(rf"^\s*{_SERIES_TEXT}\s*{guard}{marker}(?!\d){_SERIES_END}", re.I)


def _series_numbers(text: str) -> Iterator[tuple[re.Pattern[str], bool]]:
    """The series-number forms that may match ``text``, in table order (compiled when first needed)."""
    if not any(ch.isdigit() for ch in text):
        return
    folded = text.lower()
    for phrase, needle, name_alone in _series_phrases():
        if needle in folded:
            yield _series_pattern(phrase), name_alone


@lru_cache(maxsize=None)
def _connectors(tier: str) -> tuple[tuple[re.Pattern[str], bool], ...]:
    """The role–company connectors of a tier as (regex around the connector, company first)."""
    out = []
    for rows in ROLE_COMPANY_CONNECTORS.values():
        for phrase in rows.get(tier, ()):
            company_first = phrase.index("{company}") < phrase.index("{role}")
            middle = phrase.replace("{role}", "").replace("{company}", "")
            body = _phrase_regex(middle.strip(), {})
            # A word connector ("at", "de") stands between spaces; a symbol or a script without
            # spaces ("@", "の", "的") needs none.
            spaced = middle.startswith(" ") and middle.endswith(" ")
            pattern = rf"\s+{body}\s+" if spaced else rf"\s*{body}\s*"
            out.append((re.compile(pattern, re.I), company_first))
    return tuple(out)


@lru_cache(maxsize=1)
def _word_sets() -> tuple[frozenset[str], tuple[str, ...], frozenset[str], tuple[str, ...], frozenset[str]]:
    """Role words and fields: whole words, and parts for languages written without spaces;
    the headline words that are never in a name."""
    role_words = frozenset(w.casefold() for lang, rows in ROLE_WORDS.items() if lang not in _UNSPACED for w in rows)
    role_parts = tuple(w.casefold() for lang, rows in ROLE_WORDS.items() if lang in _UNSPACED for w in rows)
    field_words = frozenset(w.casefold() for lang, rows in ROLE_FIELDS.items() if lang not in _UNSPACED for w in rows)
    field_parts = tuple(w.casefold() for lang, rows in ROLE_FIELDS.items() if lang in _UNSPACED for w in rows)
    non_names = frozenset(w.casefold() for rows in TITLE_NON_NAME_WORDS.values() for w in rows)
    return role_words, role_parts, field_words, field_parts, non_names


def _words(text: str) -> list[str]:
    """Case-folded words, with the parts of hyphenated ones ("co-founder": also "founder")."""
    out = []
    for word in text.casefold().split():
        word = word.strip(".,;:!?()[]«»\"“”'’")
        if word:
            out.append(word)
            out.extend(p for p in re.split(r"[-‐]", word) if p and p != word)
            if word.startswith("ال") and len(word) > 3:  # Arabic article: "المدير" is "مدير"
                out.append(word[2:])
    return out


def _has_role_word(role: str) -> bool:
    role_words, role_parts, _, _, _ = _word_sets()
    key = role.casefold()
    return any(w in role_words for w in _words(role)) or any(part in key for part in role_parts)


def _is_field(text: str) -> bool:
    """Whether ``text`` only names a field of work ("Design", "Research and Data")."""
    _, _, field_words, field_parts, _ = _word_sets()
    words = _words(text)
    key = text.casefold().strip()
    return (bool(words) and all(w in field_words for w in words)) or key in field_parts


_SENTENCE = re.compile(r"[?!？！。]")
# The end of a role line: a site's name after a bar or a spaced dash ("… at Quillmark | Blog").
_LINE_END = re.compile(r"\s*[|｜]|\s[–—]\s")


def _is_script(ch: str, *names: str) -> bool:
    return any(n in unicodedata.name(ch, "") for n in names)


def _unspaced_script(text: str) -> bool:
    return bool(CJK.search(text))


def _is_company(text: str) -> bool:
    """A company's name: short, no clause, capitalised where the script has capitals."""
    words = text.split()
    if not words or len(words) > 8 or len(text) > 60 or re.search(r"[,，、،?!？！。]", text) or _is_field(text):
        return False
    first = next((ch for ch in text if ch.isalnum()), "")
    if not first:
        return False
    # "Pebblecart", "37signals", "iRobot", "茜森ラボ"; never "resigns" or "el Árbol".
    return first.isdigit() or first.isupper() or first.upper() == first.lower() or any(ch.isupper() for ch in words[0])


def _splits(rest: str, tier: str) -> list[tuple[int, str, str]]:
    """Every (position, role, company) that a connector of ``tier`` makes of ``rest``."""
    out = []
    for pattern, company_first in _connectors(tier):
        for m in pattern.finditer(rest):
            before, after = rest[: m.start()].strip(), rest[m.end() :].strip()
            role, company = (after, before) if company_first else (before, after)
            if role and company:
                # The company nearest the end wins for "Role at Company", nearest the start
                # for "Company の Role".
                out.append((-m.start() if company_first else m.start(), role, company))
    return sorted(out, key=lambda s: -s[0])


_QUOTES = "«»“”„\"'‘’「」『』"


def split_role_company(rest: str) -> tuple[str | None, str | None]:
    """Role and company from "Role at Company", "Role, Company" or "Role of Company", with
    each language's connectors (ROLE_COMPANY_CONNECTORS).

    >>> split_role_company("Head of Support at Pebblecart"), split_role_company("Staff Engineer, Quillhaven")
    (('Head of Support', 'Pebblecart'), ('Staff Engineer', 'Quillhaven'))
    >>> split_role_company("Head of Design"), split_role_company("茜森ラボのエンジニア")
    (('Head of Design', None), ('エンジニア', '茜森ラボ'))
    """
    rest = _LINE_END.split(rest.strip(), maxsplit=1)[0].strip().rstrip(".")
    role, company = _split(rest)
    if company and company[0] in _QUOTES and company[-1] in _QUOTES:  # основатель компании «Кедр»
        company = company[1:-1].strip() or None
    return role, company


def _split(rest: str) -> tuple[str | None, str | None]:
    """The first valid split of ``rest``: an "at" connector, then a comma, then "of"."""
    for _, role, company in _splits(rest, "at"):
        if _is_company(company):
            return role, company
    comma = list(re.finditer(r"\s*[,，、،]\s*", rest))
    if comma:
        role, company = rest[: comma[-1].start()].strip(), rest[comma[-1].end() :].strip()
        if role and _is_company(company):
            return role, company
    for _, role, company in _splits(rest, "of"):
        if _is_company(company):
            return role, company
    return _split_by_legal_form(rest)


def _split_by_legal_form(rest: str) -> tuple[str | None, str | None]:
    """ "株式会社ミドリ工房 エンジニア": in a line of Chinese, Japanese or Korean words, the one
    written with a legal form is the company and the others are the role.

    >>> _split_by_legal_form("株式会社ミドリ工房 エンジニア"), _split_by_legal_form("主任 エンジニア")
    (('エンジニア', '株式会社ミドリ工房'), ('主任 エンジニア', None))
    """
    words = rest.split()
    if len(words) >= 2 and _unspaced_script(rest):
        forms = [form for rows in COMPANY_LEGAL_FORMS.values() for form in rows]
        companies = [w for w in words if any(form in w for form in forms)]
        if len(companies) == 1:
            role = " ".join(w for w in words if w is not companies[0])
            return role, companies[0]
    return (rest or None), None


def _name_of(text: str) -> str | None:
    """``text`` without honorifics when it is shaped like a person's full name, else None.

    >>> _name_of("Ana María Gil Navarro"), _name_of("山田太郎さん"), _name_of("The Story Of Metroid")
    ('Ana María Gil Navarro', '山田太郎', None)
    """
    name = " ".join(text.strip(" \"“”«»'‘’「」『』【】[]").split())
    for rows in TITLE_NAME_HONORIFICS.values():
        for honorific in rows:
            if name.endswith(honorific) and len(name) > len(honorific) + 1:
                name = name[: -len(honorific)].rstrip()
    if _unspaced_script(name):
        return name if _unspaced_name(name) else None
    words = name.split()
    if not 2 <= len(words) <= 5:
        return None
    non_names = _word_sets()[4]
    for i, word in enumerate(words):
        inner = 0 < i < len(words) - 1
        key = word.casefold()
        if not (word[0].isalpha() and all(ch.isalpha() or ch in "'’.-" or unicodedata.category(ch).startswith("M") for ch in word)):
            return None
        if key in NAME_PARTICLES and inner:
            continue
        if key in non_names or not (word[0].isupper() or word[0].upper() == word[0].lower()):
            return None
    return name if is_person_name(name) else None  # its table of words that are no names, too


def _unspaced_name(name: str) -> bool:
    """A name in Han, kana or Hangul: one or two short parts; a katakana name is written with
    its separator ("ジョン・スミス"), so that a katakana company name is not a person."""
    parts = name.split()
    if len(parts) > 2 or not all(CJK.match(ch) or ch in "・·＝" for ch in "".join(parts)):
        return False
    letters = [ch for ch in "".join(parts) if ch not in "・·＝"]
    if any(_is_script(ch, "KATAKANA") for ch in letters):
        return (len(parts) == 2 or any(ch in name for ch in "・·＝")) and len(letters) <= 16
    return 2 <= len(letters) <= (8 if len(parts) == 2 else 5)


def _without_determiners(role: str) -> str:
    """"our new Head of Design" is the role "Head of Design": lower-case headline words
    (TITLE_NON_NAME_WORDS) before a role are not part of it."""
    non_names = _word_sets()[4]
    words = role.split()
    while len(words) > 1 and words[0].islower() and words[0].casefold() in non_names:
        words.pop(0)
    return " ".join(words)


def _role_line(rest: str, *, need_role_word: bool) -> tuple[str | None, str | None] | None:
    """Role and company from what follows a name, or None when it is not a role line (a
    clause, a topic). Without a series number or an opener it must hold a job title."""
    rest = _LINE_END.split(rest.strip(), maxsplit=1)[0].strip().rstrip(")）").strip()
    if not rest or _SENTENCE.search(rest.rstrip(".")) or len(rest.split()) > 12 or (_unspaced_script(rest) and len(rest) > 40):
        return None
    role, company = split_role_company(rest)
    if role:
        role = _without_determiners(role)
    if not role or re.search(r"[,，、،]", role) and company is None:
        return None
    if _has_role_word(role) or (company is not None and not need_role_word):
        return role, company
    return None


@dataclass
class TitleFacts:
    """What a title says about the interview."""

    series: str | None = None
    series_index: int | None = None
    interviewee: str | None = None
    role: str | None = None
    company: str | None = None


@dataclass
class _Person:
    name: str
    role: str | None = None
    company: str | None = None
    form: str = ""


def _person(text: str, *, numbered: bool, name_alone: bool = False) -> tuple[_Person | None, str | None]:
    """The interviewee (with role and company) that ``text`` names, and why a name was
    left out when the text is an interview's but its name cannot be taken.

    ``numbered``: ``text`` follows a series number, so a role line needs no job title;
    ``name_alone``: a name without a role line is taken too.
    """
    opener_without_name = False
    for pattern in _openers(text):
        m = pattern.match(text)
        if m:
            name = _name_of(m.group("name"))
            if name:
                return _with_role(_Person(name, form="opener"), m, need_role_word=False), None
            opener_without_name = True  # another opener may still fit ("Conheça a {name}")
    if opener_without_name:
        # "Meet Copilot, your AI pair programmer": an opener without a person's name.
        return None, "the words after the opener are not a person's full name"
    for pattern in _openers(text, "inflected"):
        if pattern.match(text):
            return None, "the name after the opener is declined"
    m = _BARE.match(text)
    if m and m.group("sep") in _ROLE_SEPS:
        name = _name_of(m.group("name"))
        line = _role_line(m.group("rest"), need_role_word=not numbered) if name else None
        if name and line:
            return _Person(name, *line, form="name, role"), None
    if name_alone:
        name = _name_of(re.split(r"\s*[:：|｜,，、،(（–—]|\s-\s", text, maxsplit=1)[0])
        if name:
            return _Person(name, form="series: name"), None
    return None, None


def _with_role(person: _Person, m: re.Match[str], *, need_role_word: bool) -> _Person:
    if m.group("rest") and m.group("sep") in _ROLE_SEPS:
        line = _role_line(m.group("rest"), need_role_word=need_role_word)
        if line:
            person.role, person.company = line
    return person


def _series_name(text: str) -> str | None:
    series = text.strip(" -–—:：|｜,")
    return series if re.search(r"[^\W\d_]", series) and len(series.split()) <= 10 else None


def read_title(title: str) -> tuple[TitleFacts, list[Record]]:
    """Series, number, interviewee, role and company from a title line.

    >>> read_title("Employee Spotlight #2: Ada Lovelace, Lead Engineer at Analytical Engines")[0]
    TitleFacts(series='Employee Spotlight', series_index=2, interviewee='Ada Lovelace', role='Lead Engineer', company='Analytical Engines')
    >>> read_title("Breaking: markets fall")[0]
    TitleFacts(series=None, series_index=None, interviewee=None, role=None, company=None)
    """
    facts = TitleFacts()
    text = " ".join(title.split())
    why: str | None = None
    person: _Person | None = None
    for pattern, name_alone in _series_numbers(text):
        m = pattern.match(text)
        series = _series_name(m.group("series")) if m else None
        if m and series:
            facts.series, facts.series_index = series, int(m.group("index"))
            person, why = _person(m.group("rest") or "", numbered=True, name_alone=name_alone)
            break
    else:
        person, why = _person(text, numbered=False)
        if person is None and why is None:
            # "Series: Name, Role at Company": the series is taken only with the person, and
            # one word before a colon is a headline's kicker ("Breaking:", "Exclusive:").
            m = _COLON_SERIES.match(text)
            series = _series_name(m.group("series")) if m else None
            if m and series and (len(series.split()) >= 2 or _unspaced_script(series)):
                person, why = _person(m.group("rest"), numbered=False)
                if person:
                    facts.series = series
    if person:
        facts.interviewee, facts.role, facts.company = person.name, person.role, person.company
    records = []
    for f in fields(facts):
        value = getattr(facts, f.name)
        if value is None:
            reason = f"no {f.name.replace('_', ' ')} in the title"
            details = {"title": title, "why": why} if why and f.name == "interviewee" else {"title": title}
            records.append(missing(STAGE, reason, **details))
        else:
            details = {"form": person.form} if person and f.name in ("interviewee", "role", "company") else {}
            records.append(found(STAGE, f.name, str(value), **details))
    return facts, records


def _has_words(phrase: str) -> bool:
    """Whether a table phrase holds letters besides its slots: "#{n}" and "{role}@{company}"
    are written alike in every language, "No. {n}" and "{role} en {company}" are not."""
    return bool(re.search(r"[^\W\d_]", re.sub(r"\{\w+\}", "", phrase)))


def _languages_of(table: Mapping[str, tuple[str, ...]], phrase: str) -> frozenset[str]:
    return frozenset(lang for lang, rows in table.items() if phrase in rows)


@lru_cache(maxsize=1)
def _series_forms() -> tuple[tuple[str, str, frozenset[str]], ...]:
    """The series-number forms (and part numbers), as (phrase, needle, languages)."""
    return tuple(
        (phrase, _needle(phrase), _languages_of(table, phrase))
        for table in (TITLE_SERIES_NUMBERS, TITLE_PART_NUMBERS)
        for rows in table.values()
        for phrase in rows
    )


@lru_cache(maxsize=1)
def _worded_connectors() -> tuple[tuple[str, bool, re.Pattern[str], frozenset[str]], ...]:
    """The role–company connectors with words, as (phrase, company first, regex of the words
    between role and company, languages)."""
    out = {}
    for rows in ROLE_COMPANY_CONNECTORS.values():
        for phrase in (p for tier in rows.values() for p in tier):
            if _has_words(phrase) and phrase not in out:
                middle = phrase.replace("{role}", "").replace("{company}", "").strip()
                langs = frozenset(lang for lang, tiers in ROLE_COMPANY_CONNECTORS.items() if any(phrase in tier for tier in tiers.values()))
                out[phrase] = (phrase, phrase.index("{company}") < phrase.index("{role}"), re.compile(_phrase_regex(middle, {}), re.I), langs)
    return tuple(out.values())


def title_form_languages(title: str, facts: TitleFacts) -> list[tuple[str, frozenset[str]]]:
    """The language-specific forms that :func:`read_title` read ``facts`` with, each as (the
    phrase, the languages whose rows hold it): the opener before the interviewee ("Entrevista
    con {name}"), the word numbering the series ("Episodio {n}") and the connector between
    role and company ("{role} en {company}"). Forms without words ("#{n}", "Name, Role") are
    no language's and are left out.

    >>> title = "Entrevista con Lucía Berrocal, jefa de datos en Alcornoque Labs"
    >>> title_form_languages(title, read_title(title)[0])
    [('Entrevista con {name}', frozenset({'es'})), ('{role} en {company}', frozenset({'es'}))]
    """
    text = " ".join(title.split())
    found_forms: dict[str, frozenset[str]] = {}
    # What the interviewee was read from: the title, or what follows its series.
    parts = [text]
    if facts.series_index is not None:
        folded = text.lower()
        for phrase, needle, langs in _series_forms():
            m = _series_pattern(phrase).match(text) if needle in folded else None
            if m and int(m.group("index")) == facts.series_index and _series_name(m.group("series")):
                parts.append(m.group("rest") or "")
                if _has_words(phrase):
                    found_forms.setdefault(phrase, langs)
    m = _COLON_SERIES.match(text)
    if m:
        parts.append(m.group("rest"))
    table, kind = (TITLE_OPENERS, "openers") if facts.interviewee else (TITLE_OPENERS_INFLECTED, "inflected")
    for part in parts:
        folded = part.lower()
        for phrase, needle in _phrases_with_needles(kind):
            m = _opener_pattern(phrase).match(part) if needle in folded else None
            if m and (facts.interviewee is None or _name_of(m.group("name")) == facts.interviewee):
                found_forms.setdefault(phrase, _languages_of(table, phrase))
    if facts.role and facts.company:
        folded = text.casefold()
        role, company = facts.role.casefold(), facts.company.casefold()
        role_at, company_at = folded.rfind(role), folded.rfind(company)
        if role_at >= 0 and company_at >= 0:
            for phrase, company_first, between_pattern, langs in _worded_connectors():
                start, end = (company_at + len(company), role_at) if company_first else (role_at + len(role), company_at)
                if start <= end and between_pattern.fullmatch(folded[start:end].strip(_QUOTES + " ")):
                    found_forms.setdefault(phrase, langs)
    return list(found_forms.items())


# --- Bylines and "Published …" lines ----------------------------------------------------


@dataclass
class Header:
    """What the lines above the interview say: who wrote it and when."""

    author: str | None = None
    date: dt.date | None = None


@lru_cache(maxsize=1)
def _byline_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(pattern_from_phrase(p) for phrases in BYLINE_PATTERNS.values() for p in phrases)


@lru_cache(maxsize=1)
def _any_byline() -> re.Pattern[str]:
    return any_of_patterns(_byline_patterns())


@lru_cache(maxsize=1)
def _published_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(pattern_from_phrase(p) for phrases in PUBLISHED_PATTERNS.values() for p in phrases)


@lru_cache(maxsize=1)
def _publication_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(pattern_from_phrase(p) for phrases in PUBLICATION_PATTERNS.values() for p in phrases)


def _is_publication_line(line: str) -> bool:
    key = match_key(plain_line(line))
    return len(key) <= 100 and any(p.match(key) for p in _publication_patterns())


def _byline(line: str) -> str | None:
    line = plain_line(line)
    key = match_key(line)
    if not _any_byline().match(key):  # most lines are no byline: one try instead of a hundred
        return None
    for pattern in _byline_patterns():
        m = pattern.match(key)
        if m:
            name = original_span(line, key, *m.span("name"))
            if is_person_name(name):
                return name
    return None


def _published(line: str) -> dt.date | None:
    line = plain_line(line)
    key = match_key(line)
    if len(key) > 80:
        return None
    for pattern in _published_patterns():
        m = pattern.match(key)
        if m:
            found = parse_date(original_span(line, key, *m.span("date")))
            if found:
                return found
    return None


@lru_cache(maxsize=1)
def _button_keys() -> frozenset[str]:
    """Follow and subscribe buttons beside a byline, as keys (LinkedIn's "+ Follow" too)."""
    return frozenset(match_key(p).lstrip("+ ") for phrases in BYLINE_BUTTONS.values() for p in phrases)


def _is_button(line: str) -> bool:
    return match_key(marker_text(line)).lstrip("+ ") in _button_keys()


def _is_furniture(line: str) -> bool:
    """Reading time, a count, a separator or a button: lines a byline block carries around
    the date."""
    line = plain_line(line)
    return (
        not line
        or is_counter(line)
        or is_reading_time(line)
        or chrome_phrase(line) is not None
        or match_key(line).lstrip("+ ") in _button_keys()
        or _is_publication_line(line)
    )


def _date_only(line: str) -> dt.date | None:
    """A line that is nothing but a date ("Mar 14, 2023", "2023年5月1日")."""
    text = line.strip()
    if len(text) > 30 or len(re.findall(r"[^\W\d_]", text)) > 12:
        return None
    return parse_date(text)


def _is_header_line(line: str) -> bool:
    return len(line) <= 100 and not line.rstrip().endswith((".", "!", "?", "。", "！", "？"))


def _near_header(lines: list[Line], n: int, drop: set[tuple[int, int]]) -> bool:
    """Whether line ``n`` sits next to a line already taken as byline furniture, or next to a
    date line: counts and reading times are only furniture there."""
    for m in (n - 1, n + 1, n + 2):
        if 0 <= m < len(lines):
            neighbour = lines[m]
            if (neighbour.block, neighbour.index) in drop or _date_only(neighbour.text) or _published(neighbour.text):
                return True
    return False


def read_header(blocks: Blocks, *, before_block: int, known_author: str | None = None) -> tuple[Blocks, list[Record], Header]:
    """Take byline and "Published …" lines from the blocks before ``before_block`` (the
    first turn): they become the Author and Date, and leave the body. The short lines just
    above a "Published" line (the author's name and headline, as LinkedIn prints them) go
    with it."""
    header = Header()
    records: list[Record] = []
    drop: set[tuple[int, int]] = set()
    lines = [line for line in flatten(blocks) if line.block < before_block]
    for n, line in enumerate(lines):
        name = _byline(line.text)
        is_author_line = known_author is not None and match_key(plain_line(line.text)) == match_key(known_author)
        if name or is_author_line:
            drop.add((line.block, line.index))
            records.append(found(STAGE, "author (byline)", name or known_author or "", line=line.text))
            header.author = header.author or name or known_author
            # The author's headline ("Features Editor at …") and byline furniture follow.
            for nxt in lines[n + 1 : n + 4]:
                if _is_furniture(nxt.text) or (_is_header_line(nxt.text) and (nxt.block, nxt.index) == (lines[n + 1].block, lines[n + 1].index)):
                    drop.add((nxt.block, nxt.index))
                    records.append(removed(STAGE, "byline furniture", nxt.text))
                else:
                    break
            continue
        if _is_furniture(line.text) and (_near_header(lines, n, drop)):
            drop.add((line.block, line.index))
            continue
        date = _published(line.text) or _date_only(line.text)
        if date is None:
            continue
        drop.add((line.block, line.index))
        records.append(found(STAGE, "date (published line)", date.isoformat(), line=line.text))
        header.date = header.date or date
        above = []
        for prev in reversed(lines[max(0, n - 4) : n]):
            if not _is_header_line(prev.text):
                break
            above.append(prev)
        people = [p for p in above if is_person_name(p.text) and (p.block, p.index) not in drop]
        if people:
            for prev in above:
                if (prev.block, prev.index) not in drop:
                    drop.add((prev.block, prev.index))
                    records.append(removed(STAGE, "author line above the publication date", prev.text))
            header.author = header.author or people[-1].text.strip()
        for nxt in lines[n + 1 : n + 4]:
            if not _is_furniture(nxt.text):
                break
            drop.add((nxt.block, nxt.index))
    if not drop:
        return blocks, records, header
    out = drop_lines(blocks, drop)
    for b, i in sorted(drop):
        if not any(r.kind == "removed" and r.text == blocks[b][i] for r in records):
            records.append(removed(STAGE, "byline or publication line", blocks[b][i]))
    return out, records, header


# --- The author card above the article -------------------------------------------------
#
# LinkedIn prints the author's card over an article: the name (twice: the link and the
# heading), a headline ("Founder | Writing about design | 3,400 followers") and a Follow
# button in the page's UI language; Medium prints "Name · Follow · 7 min read · Jan 5, 2023".
# Left in, the card becomes the post's first paragraph, and so its summary.

_MAX_CARD_NAME = 60
_MAX_HEADLINE = 220
_CARD_SCAN_LINES = 12
_ROW_SEPARATORS = re.compile(r"\s+[·•|∙]\s+|\s*[·•∙]\s*")


def _card_name(line: str) -> str | None:
    """The person a card line names (a link or a heading is fine), or None."""
    text = marker_text(line)
    return text if len(text) <= _MAX_CARD_NAME and is_person_name(text) else None


def _is_headline(line: str) -> bool:
    text = marker_text(line)
    return 0 < len(text) <= _MAX_HEADLINE and not text.endswith((".", "!", "?", "。", "！", "？")) and not _is_button(line)


def _has_follower_count(line: str) -> bool:
    return any(is_follower_count(part) for part in _ROW_SEPARATORS.split(marker_text(line)))


def _without_glued_button(segment: str) -> str:
    """ "Ada LovelaceFollow" -> "Ada Lovelace": a scrape glues the button to the name."""
    key = match_key(segment)
    for button in sorted(_button_keys(), key=len, reverse=True):
        if key.endswith(button) and len(key) > len(button):
            return segment[: len(segment) - len(button)].rstrip(" ·•|")
    return segment


def _byline_row(line: str) -> Header | None:
    """ "Name · 7 min read · Jan 5, 2023" (the name may be a link or carry "Follow")."""
    text = marker_text(line)
    if len(text) > 160:
        return None
    parts = [p.strip() for p in _ROW_SEPARATORS.split(text) if p.strip()]
    if len(parts) < 2:
        return None
    name = None
    date = None
    timed = False
    for n, part in enumerate(parts):
        if is_reading_time(part):
            timed = True
        elif _is_button(part):
            continue
        elif n == 0 and is_person_name(_without_glued_button(part)):
            name = _without_glued_button(part)
        elif parse_date(part) is not None and len(part) <= 40:
            date = parse_date(part)
        else:
            return None
    return Header(name, date) if name and (timed or date) else None


def read_author_card(blocks: Blocks, *, before_block: int) -> tuple[Blocks, list[Record], Header]:
    """Remove the author card at the top (before ``before_block``, the first turn): a name
    repeated on the next line, or followed by a headline and a Follow button or a follower
    count; or a byline row "Name · 7 min read · date". The card's name is the author."""
    lines = [line for line in flatten(blocks) if line.block < before_block][:_CARD_SCAN_LINES]
    drop: list[Line] = []  # (Line is a frozen dataclass: equal lines are the same line)
    card = Header()
    records: list[Record] = []
    for n, line in enumerate(lines):
        if line in drop:
            continue
        row = _byline_row(line.text)
        if row is not None:
            drop.append(line)
            card = Header(card.author or row.author, card.date or row.date)
            records.append(found(STAGE, "author (byline row)", row.author or "", line=line.text))
            continue
        name = _card_name(line.text) if card.author is None else None
        if name is None:
            continue
        j = n + 1
        taken = [line]
        repeated = j < len(lines) and match_key(marker_text(lines[j].text)) == match_key(name)
        if repeated:
            taken.append(lines[j])
            j += 1
        signal = repeated
        if j < len(lines) and _is_headline(lines[j].text):
            signal = signal or _has_follower_count(lines[j].text)
            taken.append(lines[j])
            j += 1
        for nxt in lines[j : j + 2]:
            if _is_button(nxt.text) or is_follower_count(nxt.text):
                taken.append(nxt)
                signal = True
            else:
                break
        if not signal:
            continue
        drop.extend(taken)
        card = Header(card.author or name, card.date)
        records.append(found(STAGE, "author (author card)", name, line=line.text))
    for d in drop:
        records.append(removed(STAGE, "author card above the article", d.text))
    return drop_lines(blocks, {(d.block, d.index) for d in drop}), records, card
