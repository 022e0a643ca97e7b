"""Cleanup stage: the language a post is written in (its ``Lang``, ISO 639-1), when the scrape
says it; nothing is guessed from nothing.

- A saved page declares it: ``<html lang="es-ES">`` or ``og:locale`` ("es_ES"), taken unless
  the page's own text says otherwise (the two disagree, the text is in another script, or it
  reads as another language: a theme that prints ``lang="en"`` over every post).
- A text scrape (or a post without ``Lang``) says it in the forms its title was read with:
  "Entrevista con {name}", "{role} en {company}", "Episodio {n}" (``TITLE_*`` and
  ``ROLE_COMPANY_CONNECTORS`` in tables.py, one row per language). A form several languages
  share ("Entrevista: {name}": es, pt) is narrowed by the page's own lines: its date and
  byline lines ("Publicado el …") and UI chrome. Those lines are the platform's, in its
  reader's UI language (Medium's is always English), so alone they name no language.
- Its letters: a form only counts for a language written in the text's script ("{role} at
  {company}" over Chinese text is no English), Hangul, kana and Han name Korean, Japanese and
  Chinese by themselves, and a text in Latin letters must read as the language its forms name
  (FUNCTION_WORDS: "el", "los", "y"…), so that an English series name over a Spanish
  interview names no language.

A post sets its language by hand with ``Lang:``; the cleanup never replaces it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from .blocks import match_key, pattern_from_phrase, plain_line
from .metadata import TitleFacts, read_title, title_form_languages
from .records import Record, found, missing
from .tables import (
    BYLINE_PATTERNS,
    CHROME_LINES,
    FUNCTION_WORDS,
    LANGUAGE_SCRIPTS,
    MONTH_NAMES,
    PUBLISHED_PATTERNS,
    SCRIPT_NAMES_LANGUAGE,
)

STAGE = "language"

_LANGUAGE_TAG = re.compile(r"\s*([A-Za-z]{2})(?:[-_][A-Za-z0-9]{1,8})*\s*\Z")

# Letters by script. Han and kana count twice: a character is nearer a word than a letter is.
_SCRIPTS: dict[str, tuple[re.Pattern[str], int]] = {
    "latin": (re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+"), 1),
    "cyrillic": (re.compile(r"[\u0400-\u04ff]+"), 1),
    "arabic": (re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]+"), 1),
    "devanagari": (re.compile(r"[\u0900-\u097f]+"), 1),
    "hangul": (re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]+"), 1),
    "kana": (re.compile(r"[\u3040-\u30ff\u31f0-\u31ff]+"), 2),
    "han": (re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+"), 2),
}
_SAMPLE_CHARS = 20_000  # the start of a long post says its language as well as all of it
_MIN_LETTERS = 20
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_MIN_FUNCTION_WORDS = 3  # a text "reads as" a language with at least this many of its words…
_MARGIN = 2  # …and this many times as many as of any other language's


def language_tag(value: str | None) -> str | None:
    """The ISO 639-1 code of a declared language ("es-ES", "pt_BR", "EN"), or None when it
    names none ("", "x-default", "und", a three-letter code).

    >>> language_tag("es-ES"), language_tag("pt_BR"), language_tag("EN"), language_tag("x-default")
    ('es', 'pt', 'en', None)
    """
    m = _LANGUAGE_TAG.match(value or "")
    return m.group(1).lower() if m else None


def script_of(text: str) -> str | None:
    """The script most of ``text``'s letters are written in (a key of LANGUAGE_SCRIPTS'
    values), Han with a tenth or more of kana being "kana" (Japanese); None for a text with
    too few letters or no script of most of them.

    >>> script_of("Lucía Berrocal dirige el equipo de datos")
    'latin'
    >>> script_of("私はエンジニアです。東京で働いています。"), script_of("我是一名工程师，在北京工作，负责数据平台。")
    ('kana', 'han')
    """
    sample = text[:_SAMPLE_CHARS]
    counts = {name: sum(map(len, pattern.findall(sample))) * weight for name, (pattern, weight) in _SCRIPTS.items()}
    cjk = counts["han"] + counts["kana"]
    total = sum(counts.values())
    if total < _MIN_LETTERS:
        return None
    if cjk * 2 > total:
        return "kana" if counts["kana"] * 10 >= cjk else "han"
    best = max(counts, key=lambda name: counts[name])
    return best if best not in ("han", "kana") and counts[best] * 5 >= total * 3 else None


@lru_cache(maxsize=1)
def _function_words() -> dict[str, str]:
    return {word: lang for lang, words in FUNCTION_WORDS.items() for word in words}


def function_word_counts(text: str) -> Counter[str]:
    """How many of each Latin-script language's FUNCTION_WORDS ``text`` holds."""
    words = _function_words()
    counts: Counter[str] = Counter()
    for word in _WORD.findall(text[:_SAMPLE_CHARS].casefold()):
        lang = words.get(word.replace("’", "'"))
        if lang:
            counts[lang] += 1
    return counts


def _reads_as(counts: Counter[str]) -> str | None:
    """The language a text reads as, by its function words, if one clearly leads."""
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < _MIN_FUNCTION_WORDS:
        return None
    if len(ranked) > 1 and ranked[0][1] < _MARGIN * ranked[1][1]:
        return None
    return ranked[0][0]


@lru_cache(maxsize=1)
def _line_patterns() -> tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]:
    return tuple(
        (lang, tuple(pattern_from_phrase(p) for p in PUBLISHED_PATTERNS.get(lang, ()) + BYLINE_PATTERNS.get(lang, ())))
        for lang in LANGUAGE_SCRIPTS
    )


@lru_cache(maxsize=1)
def _month_languages() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for lang, pairs in MONTH_NAMES.items():
        for name, _ in pairs:
            if len(name.rstrip(".")) >= 4:  # "May", "Mai", "mar." are written in several languages
                out.setdefault(match_key(name), set()).add(lang)
    return {k: frozenset(v) for k, v in out.items()}


def header_line_languages(line: str) -> frozenset[str]:
    """The languages whose date or byline forms ``line`` is written in ("Publicado el 12 de
    junio de 2023": es), narrowed by its month's name where that is one language's.

    >>> sorted(header_line_languages("Publicado el 12 de junio de 2023")), sorted(header_line_languages("Por Ana Gil"))
    (['es'], ['es', 'pt'])
    """
    key = match_key(plain_line(line))
    langs = frozenset(lang for lang, patterns in _line_patterns() if any(p.match(key) for p in patterns))
    months = _month_languages()
    for word in _WORD.findall(key):
        named = months.get(word)
        if named and langs & named:
            langs &= named
    return langs


@lru_cache(maxsize=1)
def _chrome_languages() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for languages in CHROME_LINES.values():
        for lang, phrases in languages.items():
            for phrase in phrases:
                out.setdefault(match_key(phrase), set()).add(lang)
    return {k: frozenset(v) for k, v in out.items()}


def page_line_languages(records: Iterable[Record]) -> list[tuple[str, frozenset[str]]]:
    """The languages of the platform's own lines the cleanup read or removed: date and byline
    lines, and UI chrome (each as the line and the languages whose rows hold it)."""
    out: list[tuple[str, frozenset[str]]] = []
    chrome = _chrome_languages()
    for r in records:
        if r.stage == "metadata" and r.kind == "found" and r.reason in ("date (published line)", "author (byline)"):
            line = str(r.details.get("line", ""))
            langs = header_line_languages(line)
        elif r.stage == "chrome" and r.kind == "removed" and r.reason == "platform UI chrome":
            line = r.text
            langs = chrome.get(match_key(line), frozenset())
        else:
            continue
        if langs:
            out.append((line, langs))
    return out


def _from_text(title: str, body: str, records: list[Record], facts: TitleFacts | None) -> tuple[str | None, str, str | None]:
    """(language, what says it, script) from the text alone; the language None with why."""
    script = script_of(f"{title}\n{body}")
    if script is None:
        return None, "the text's letters are of no one script", None
    in_script = frozenset(lang for lang, s in LANGUAGE_SCRIPTS.items() if s == script)
    if script in SCRIPT_NAMES_LANGUAGE:
        (only,) = in_script
        return only, f"the text is written in {script}", script
    if facts is None:
        facts, _ = read_title(title)
    forms = [(phrase, langs & in_script) for phrase, langs in title_form_languages(title, facts)]
    forms = [(phrase, langs) for phrase, langs in forms if langs]
    lines = [(line, langs & in_script) for line, langs in page_line_languages(records)]
    lines = [(line, langs) for line, langs in lines if langs]
    if forms:
        candidates = frozenset(in_script)
        for _, langs in forms:
            candidates &= langs
        if not candidates:
            return None, "the title's forms are of different languages: " + "; ".join(f"{p!r} ({', '.join(sorted(ls))})" for p, ls in forms), script
        said = "the title's " + ", ".join(repr(p) for p, _ in forms)
    elif script == "latin":
        return None, "no form of the title is one language's (the page's date and UI lines are its platform's)", script
    elif lines:
        candidates, said = frozenset(in_script), f"the {script} text"
    else:
        return None, f"no form of the title or the page names a language written in {script}", script
    # The page's lines narrow what the title leaves open (or, in a script only one of the
    # languages is written in, confirm it); they never contradict the title.
    narrowed = []
    for line, langs in lines:
        if candidates & langs and (len(candidates) > 1 or not forms):
            candidates &= langs
            narrowed.append(line)
    if narrowed:
        said += " and the page's " + ", ".join(repr(line) for line in narrowed[:3])
    if len(candidates) > 1:
        return None, f"{said} fit {', '.join(sorted(candidates))}", script
    (lang,) = candidates
    if script == "latin" and lang in FUNCTION_WORDS:
        reads = _reads_as(function_word_counts(body or title))
        if reads != lang:
            return None, f"{said} say {lang}, but the text reads as {reads or 'no one language'}", script
    return lang, said, script


def recognise_language(
    title: str,
    body: str,
    records: list[Record],
    *,
    declared: str | None = None,
    locale: str | None = None,
    facts: TitleFacts | None = None,
) -> tuple[str | None, list[Record]]:
    """The post's language (ISO 639-1) and the record saying what said it (or why none is
    taken). ``declared`` and ``locale``: a saved page's ``<html lang>`` and ``og:locale``;
    ``records``: what the other stages found and removed (date lines, chrome)."""
    text_lang, said, script = _from_text(title, body, records, facts)
    page = language_tag(declared)
    page_locale = language_tag(locale)
    if page is None and page_locale is None:
        if text_lang:
            return text_lang, [found(STAGE, "language", text_lang, source=said)]
        return None, [missing(STAGE, "language", why=said)]
    if page and page_locale and page != page_locale:
        return None, [missing(STAGE, "language", why=f"the page declares {declared!r} (html lang) and {locale!r} (og:locale)")]
    lang = page or page_locale
    source = f"html lang {declared!r}" if page else f"og:locale {locale!r}"
    if text_lang and text_lang != lang:
        return None, [missing(STAGE, "language", why=f"the page declares {lang} ({source}), but {said} say {text_lang}")]
    if script and lang in LANGUAGE_SCRIPTS and LANGUAGE_SCRIPTS[lang] != script:
        return None, [missing(STAGE, "language", why=f"the page declares {lang} ({source}), but its text is written in {script}")]
    if lang in FUNCTION_WORDS and script == "latin":
        counts = function_word_counts(body)
        reads = _reads_as(counts)
        if reads and reads != lang and counts[reads] >= _MARGIN * counts[lang]:
            return None, [missing(STAGE, "language", why=f"the page declares {lang} ({source}), but its text reads as {reads}")]
    return lang, [found(STAGE, "language", lang, source=source)]
