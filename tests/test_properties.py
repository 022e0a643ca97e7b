"""Properties of the cleanup, checked with hypothesis on generated input."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from spotlight.cleanup import clean_scrape
from spotlight.importer import import_text

ANY_TEXT = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=400)
LINES = st.lists(
    st.one_of(
        st.text(max_size=60),
        st.sampled_from(["Reply", "2 年", "Like", "No alt text provided for this image", "Q: why?", "A: because", "", "Subscribe?to", "career??", "**Ada Lovelace:** hi", "- item", "回复", "Ada: x"]),
    ),
    max_size=40,
).map("\n".join)

FIRST = ["Ada", "Grace", "Alan", "Katherine", "Edsger", "Barbara", "Margaret", "Niklaus"]
LAST = ["Lovelace", "Hopper", "Turing", "Johnson", "Dijkstra", "Liskov", "Hamilton", "Wirth"]
SENTENCE = st.lists(st.sampled_from(["data", "build", "team", "Why", "we", "learned", "fast", "it", "works", "the", "ship", "and"]), min_size=1, max_size=12).map(
    lambda words: " ".join(words).capitalize() + "."
)


# Format characters a script needs (joiners in emoji and Persian or Indic words, Arabic
# number signs, emoji tags) may stay; every other control or format character must go.
_KEPT_FORMAT = set("\u200c\u200d\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2") | {chr(c) for c in range(0xE0020, 0xE0080)}


def _control_free(text: str) -> bool:
    return not any(
        unicodedata.category(ch) in ("Cc", "Cs", "Cf") and ch not in "\n\t" and ch not in _KEPT_FORMAT
        for ch in text
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(ANY_TEXT, LINES))
def test_cleanup_never_raises_and_returns_nfc_without_control_characters(text: str) -> None:
    cleaned = clean_scrape(text)
    for value in [cleaned.body, *cleaned.metadata.values()]:
        assert unicodedata.is_normalized("NFC", value)
        assert _control_free(value)
        value.encode("utf-8")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=300).map(lambda t: "Title line\n\n" + t) | LINES.map(lambda t: "A title\n\n" + t))
@example("A title\n\n**ADA:**0\n\nA: 0\n\nADA: 0\n\nP: 0")  # a "P:" (question) label with no interviewer known
def test_cleaning_its_own_output_changes_nothing(text: str) -> None:
    first = import_text(text, source="<generated>")
    second = import_text(first.post.to_text(), source="<generated again>")
    assert second.post.to_text() == first.post.to_text()


@st.composite
def interviews(draw: st.DrawFn) -> tuple[str, list[tuple[str, str]]]:
    a, b = draw(st.permutations(range(len(FIRST))))[:2], draw(st.permutations(range(len(LAST))))[:2]
    people = [f"{FIRST[a[0]]} {LAST[b[0]]}", f"{FIRST[a[1]]} {LAST[b[1]]}"]
    turns = [(people[i % 2], draw(SENTENCE)) for i in range(draw(st.integers(min_value=2, max_value=12)))]
    surnames = draw(st.booleans())
    paragraphs = [f"Series #1: {people[1]}, Engineer at Example", "An introduction."]
    for n, (who, said) in enumerate(turns):
        label = who.split()[-1] if surnames and n >= 2 else who
        paragraphs.append(f"{label}: {said}")
    return "\n\n".join(paragraphs), turns


@settings(max_examples=150, deadline=None)
@given(interviews())
def test_every_labelled_turn_of_a_clean_interview_is_kept(case: tuple[str, list[tuple[str, str]]]) -> None:
    text, turns = case
    cleaned = clean_scrape(text)
    expected = [f"**{who}:** {said}" for who, said in turns]
    assert [p for p in cleaned.body.split("\n\n") if p.startswith("**")] == expected
    assert cleaned.turn_count == len(turns)


# --- Rendering ------------------------------------------------------------------------------

import re  # noqa: E402

import lxml.html  # noqa: E402

from spotlight.render import render_body  # noqa: E402
from spotlight.sanitize import sanitize_html  # noqa: E402

MARKUP = st.lists(
    st.one_of(
        st.text(max_size=40),
        st.sampled_from(
            [
                "<script>alert(1)</script>", "<script>", "<style>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
                "![x](x\" onerror=\"alert(1))", "<javascript:alert(1)>", "[x][r]\n\n[r]: javascript:alert(1)", "<a href=java&#1;script:x>a</a>",
                "<iframe src=x>", "<base href=//evil>", "<meta http-equiv=refresh content=0>", "**A B:** ", "- ", "> ", "```", "<!--",
                "<Ctrl>+<C>", "x<y to y>z", "&#0;", "\x00", "\ud800", "[", "*", "_", "`", "<svg onload=alert(1)>", "<form action=javascript:x>",
            ]
        ),
    ),
    max_size=30,
).map("".join)


def _is_xml_safe(text: str) -> bool:
    return not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]", text)


def _assert_sanitized(html: str) -> None:
    if not html.strip():
        return
    tree = lxml.html.fragment_fromstring(html, create_parent="div")
    assert not tree.xpath("//script | //style | //iframe | //object | //embed | //base | //meta | //form | //svg")
    assert not tree.xpath("//@*[starts-with(name(), 'on')]")
    for url in tree.xpath("//@href | //@src | //@action"):
        assert not re.sub(r"[\s\x00-\x1f]", "", url).lower().startswith(("javascript:", "vbscript:", "data:"))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(ANY_TEXT, MARKUP))
def test_rendering_never_raises_and_is_safe_utf8_xml_and_a_fixed_point(text: str) -> None:
    html = render_body(text, "A B")
    html.encode("utf-8")
    assert _is_xml_safe(html)
    _assert_sanitized(html)
    once = sanitize_html(html)
    assert sanitize_html(once) == once  # a fixed point within two passes


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(ANY_TEXT, MARKUP))
def test_cleanup_output_is_xml_safe(text: str) -> None:
    cleaned = clean_scrape(text)
    for value in [cleaned.body, *cleaned.metadata.values()]:
        assert _is_xml_safe(value)


def test_huge_lines_and_nul_do_not_break_rendering() -> None:
    html = render_body("x" * 300_000 + "\x00" + "<" * 5000 + "\n\n" + "*a " * 20000)
    assert _is_xml_safe(html) and "x" * 1000 in html


# --- What the build does without parsing HTML again ---------------------------------------

from spotlight.render import prepare_html, words_of  # noqa: E402
from pelican.plugins.spotlight.pages import plain_text  # noqa: E402


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(ANY_TEXT, MARKUP))
def test_reading_time_words_are_the_words_of_the_parsed_html(text: str) -> None:
    from spotlight.render import MARKDOWN_EXTENSIONS

    import markdown

    raw = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS), extension_configs=MARKDOWN_EXTENSIONS, output_format="html5").convert(text)
    safe = prepare_html(raw, "A B", True, own_summary=False).html
    assert len(words_of(safe).split()) == len(plain_text(safe).split())


# Lines built from the page-end phrases (placeholders filled in, words around them changed),
# so that many come close to a phrase without being one.
def _end_phrases() -> list[str]:
    from spotlight.cleanup.tables import PAGE_END_MARKERS

    return sorted({p for languages in PAGE_END_MARKERS.values() for phrases in languages.values() for p in phrases})


FILLER = st.sampled_from(["Ada Lovelace", "", " ", "“", "”", "«", "»", "12", "x", "the", "on", "by", ":", "…", "ΑΒ", "张三"])
END_LINES = st.one_of(
    st.builds(lambda phrase, fills: phrase.replace("{name}", fills[0]).replace("{date}", fills[1]).replace("{any}", fills[2]), st.sampled_from(_end_phrases()), st.tuples(FILLER, FILLER, FILLER)),
    st.builds(lambda phrase, cut, extra: phrase[:cut] + extra + phrase[cut:], st.sampled_from(_end_phrases()), st.integers(0, 30), FILLER),
    st.text(max_size=40),
)


@settings(max_examples=1500, deadline=None)
@given(END_LINES)
def test_page_end_marker_tries_patterns_only_where_they_can_match(line: str) -> None:
    """Each page-end pattern is tried only on lines holding its longest fixed part; the
    answer must be that of trying every pattern, in order."""
    from spotlight.cleanup.blocks import match_key
    from spotlight.cleanup.chrome import _end_index, page_end_marker

    exact, patterns = _end_index()
    key = match_key(line)
    expected = exact.get(key) if len(line) <= 160 else None
    if expected is None and len(line) <= 160:
        expected = next((m.platform for m in patterns if m.pattern.match(key)), None)
    assert page_end_marker(line) == expected


JOINER_TEXT = st.text(alphabet=st.sampled_from(["a", " ", "\n", "\u200c", "\u200d", "\u200b", "\U0001f469", "ب", "\x00", "é"]), max_size=30)


@given(JOINER_TEXT)
def test_invisible_characters_are_those_both_patterns_find(text: str) -> None:
    """The plain search for a joiner before the look-around pattern changes nothing."""
    from spotlight.cleanup.encoding import _INVISIBLE, _STRAY_JOINER, invisible_characters, strip_invisible_characters

    assert invisible_characters(text) == _INVISIBLE.findall(text) + _STRAY_JOINER.findall(text)
    normalized = text.replace("\r\n", "\n").replace("\r", "\n")
    assert strip_invisible_characters(text)[0] == _STRAY_JOINER.sub("", _INVISIBLE.sub("", normalized))


def _outer_blocks_first_version(wrapper):  # type: ignore[no-untyped-def]
    """The e-mail text part's blocks as first found: every block, unless a block holds it."""
    from spotlight.newsletter import _BLOCKS

    return [e for e in wrapper.iter(*_BLOCKS) if not any(parent.tag in _BLOCKS for parent in e.iterancestors())]


def _collapse_first_version(text: str) -> str:
    """Spaces collapsed as first written: line by line, every run replaced."""
    import re

    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _html_to_text_reference(fragment: str) -> str:
    """The e-mail's text part as the first version made it: the same function, with its two
    changed steps (finding the blocks, collapsing spaces) put back as they were."""
    from unittest import mock

    from spotlight import newsletter

    with mock.patch.object(newsletter, "_outer_blocks", _outer_blocks_first_version), mock.patch.object(newsletter, "_collapse", _collapse_first_version):
        return newsletter.html_to_text(fragment)


WORD = st.sampled_from(["a", "b", "word", "&amp;", "<!-- c -->"])
SPACE = st.sampled_from([" ", "  ", "\t", "\u00a0", " \u00a0 ", "\u2003", "\n", "<br>", ""])
SPACED = st.lists(st.tuples(SPACE, WORD, SPACE), max_size=6).map(lambda parts: "".join(a + b + c for a, b, c in parts))
TAGS = ["p", "li", "blockquote", "div", "span", "h2", "h4", "pre", "tr", "td", "figcaption", "section"]
ELEMENTS = st.recursive(
    SPACED,
    lambda inner: st.one_of(
        st.builds(lambda tag, parts: f"<{tag}>{''.join(parts)}</{tag}>", st.sampled_from(TAGS), st.lists(inner, max_size=4)),
        st.builds(lambda items: "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>", st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda href, text: f'<a href="{href}">{text}</a>', st.sampled_from(["https://ex.org/a", "/rel", "mailto:x@ex.org", ""]), SPACED),
        st.builds(lambda alt: f'<img src="x.png" alt="{alt}">', st.sampled_from(["", "A photo", "  "])),
    ),
    max_leaves=12,
)


@settings(max_examples=500, deadline=None)
@given(st.lists(ELEMENTS, max_size=5).map("".join))
def test_edition_text_is_the_text_as_first_written(fragment: str) -> None:
    """The e-mail's text part, found with one walk and collapsed where there is a run, is the
    text the first version made."""
    from spotlight.newsletter import html_to_text

    assert html_to_text(fragment) == _html_to_text_reference(fragment)


@given(st.one_of(ANY_TEXT, st.text(alphabet=st.sampled_from(["a", "é", "\x00", "\x0b", "\t", "\n", "\ufffe", "\uffff", "\ud800", "\udfff", "\U0001f469"]), max_size=20)))
def test_xml_safe_looks_once_then_does_what_both_patterns_do(text: str) -> None:
    from spotlight.sanitize import _SURROGATE, _XML_INVALID, xml_safe

    assert xml_safe(text) == _XML_INVALID.sub("", _SURROGATE.sub("\ufffd", text))


def _two(low: int, high: int) -> st.SearchStrategy[str]:
    return st.integers(low, high).map(lambda n: f"{n:02d}")


ISO_ISH = st.one_of(
    st.builds(
        lambda y, mo, d, sep, h, mi, s, pad: f"{pad}{y:04d}-{mo}-{d}" + (f"{sep}{h}:{mi}" if sep else "") + (f":{s}" if sep and s else "") + pad,
        st.integers(0, 9999), _two(0, 13), _two(0, 32), st.sampled_from(["", " ", "T", "_"]), _two(0, 25), _two(0, 61), st.one_of(st.none(), _two(0, 61)), st.sampled_from(["", " "]),
    ),
    st.text(alphabet=st.sampled_from("0123456789-: T٢"), max_size=19),
)


@pytest.mark.filterwarnings("ignore:tzname")  # (dateutil on "T" alone)
@settings(max_examples=800, deadline=None)
@given(ISO_ISH, st.sampled_from(["date", "modified"]))
def test_dates_read_without_dateutil_are_those_pelican_reads(value: str, name: str) -> None:
    """Where the reader takes a date's fields itself, Pelican's processor (dateutil) gives the
    same datetime; and the build's check calls a date valid exactly when Pelican can read it."""
    from pelican.readers import METADATA_PROCESSORS

    from pelican.plugins.spotlight.reader import SpotlightMarkdownReader
    from spotlight.validate import _is_date

    reader = SpotlightMarkdownReader({})
    try:
        expected = METADATA_PROCESSORS[name](value, {})
    except (ValueError, OverflowError):
        expected = None
    try:
        got = reader.process_metadata(name, value)
    except (ValueError, OverflowError):
        got = None
    assert got == expected and type(got) is type(expected)
    if name == "modified":  # (the check reads the Date as given)
        assert _is_date(value) == (expected is not None)


# URL attributes as authors, themes and scrapes write them: any case, quoting, spacing and
# value, entities, the words in text and inside other values, attributes without a value.
URL_VALUES = st.sampled_from(["https://ex.org/a", "HTTP://ex.org", "mailto:x@ex.org", "/rel", "rel/x.png", "#q1", "", " https://ex.org", "&#104;ttps://ex.org", "javascript&colon;x", "x:y", "1x:y", "https://ex.org/?a=1&amp;b=2", "..", "//ex.org/p"])
URL_PIECES = st.one_of(
    st.builds(
        lambda tag, name, eq, quote, value: f"<{tag} {name}{eq}{quote}{value}{quote}>",
        st.sampled_from(["a", "img", "blockquote", "q", "A", "IMG", "area", "div"]),
        st.sampled_from(["href", "src", "cite", "HREF", "Src", "data-href", "srcset", "title"]),
        st.sampled_from(["=", " = ", "\n=", ""]),
        st.sampled_from(['"', "'", ""]),
        URL_VALUES,
    ),
    st.sampled_from(["</a>", "</q>", "</blockquote>", "text", " I cite it ", "an href in text", "excited", "<p title='a href=\"/x\" b'>", "<a href>", "<!-- <a href=\"/c\"> -->", "é", "<br>"]),
)


@settings(max_examples=800, deadline=None)
@given(st.lists(URL_PIECES, max_size=8).map("".join), st.sampled_from(["https://ex.org/post-1/", "https://ex.org/blog/p/"]))
@example("<q cite=rel/x.png>said</q>", "https://ex.org/post-1/")
@example('<blockquote CITE = "/rel">text</blockquote><a href="https://ex.org/a">a</a>', "https://ex.org/post-1/")
def test_absolutize_skips_parsing_only_where_parsing_changes_nothing(fragment: str, base: str) -> None:
    from spotlight.feeds import _absolutize_parsed, _all_absolute, absolutize_html

    assert absolutize_html(fragment, base) == (_absolutize_parsed(fragment, base) if fragment.strip() else fragment)
    if _all_absolute(fragment) and fragment.strip():
        assert _absolutize_parsed(fragment, base) == fragment


ASKED = st.lists(st.sampled_from(["how", "did", "you", "start", "the", "team", "your", "work", "why"]), min_size=2, max_size=8).map(
    lambda words: " ".join(words).capitalize() + "?"
)
# An interview's answers speak in the first person (the layout needs that evidence).
ANSWERED = st.lists(st.sampled_from(["we", "built", "the", "team", "my", "work", "fast", "data"]), min_size=1, max_size=12).map(
    lambda words: "I " + " ".join(words) + "."
)


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(["## {}", "**{}**", "*{}*", "Q. {}", "{}"]),
    st.lists(st.tuples(ASKED, st.lists(ANSWERED, min_size=1, max_size=3)), min_size=3, max_size=8),
)
def test_an_interview_set_out_by_its_layout_keeps_every_question_and_answer(shape: str, pairs: list[tuple[str, list[str]]]) -> None:
    paragraphs = ["Q&A with Ada Lovelace", "By Grace Hopper", "An introduction."]
    for question, answers in pairs:
        paragraphs += [shape.format(question), *answers]
    first = import_text("\n\n".join(paragraphs), source="<generated>")
    body = first.post.body
    expected = []
    for question, answers in pairs:
        expected += [f"**Grace Hopper:** {question}", f"**Ada Lovelace:** {answers[0]}", *answers[1:]]
    assert body.split("\n\n")[1:] == expected
    assert import_text(first.post.to_text(), source="<again>").post.to_text() == first.post.to_text()
