"""The encoding stage: mojibake, the lost-space '?', invisible characters, NFC."""

from __future__ import annotations

import pytest

from spotlight.cleanup.encoding import (
    count_lost_space_marks,
    fix_mojibake,
    normalize_nfc,
    repair_lost_spaces,
    strip_invisible_characters,
)


@pytest.mark.parametrize(
    "before, after",
    [
        ("Please Subscribe?to the letter, or read on?the site.", "Please Subscribe to the letter, or read on the site."),
        ("we had tests to?prove?their worth and more?words", "we had tests to prove their worth and more words"),
        ("The show (WTW):?wtw.example.com and more?stuff", "The show (WTW): wtw.example.com and more stuff"),
        ("What did you learn in your career?? Lots?here.", "What did you learn in your career? Lots here."),
        ("See my newest stories:?\nand?more", "See my newest stories:\nand more"),
    ],
)
def test_lost_spaces_are_repaired(before: str, after: str) -> None:
    text, records = repair_lost_spaces(before)
    assert text == after
    assert records and all(r.stage == "encoding" for r in records)


@pytest.mark.parametrize(
    "text",
    [
        "Go to https://example.com/search?q=1&page=2 now?then later?again",
        "Mail me at who?ever@example.com, ask?me, try?it",
        "Run `curl example.com/?a=b` and ```\nx?y\n``` then?go and?go",
        "A [link](https://x.example/?ref=a?b) and?more and?more",
        "Try example.org/path?x=1 today?now and?then",
    ],
)
def test_urls_emails_and_code_are_never_touched(text: str) -> None:
    repaired, _ = repair_lost_spaces(text)
    for protected in ("https://example.com/search?q=1&page=2", "who?ever@example.com", "`curl example.com/?a=b`", "x?y", "(https://x.example/?ref=a?b)", "example.org/path?x=1"):
        if protected in text:
            assert protected in repaired
    assert "?now" not in repaired and "and?m" not in repaired


@pytest.mark.parametrize(
    "text",
    [
        "¿Qué? Nothing?! Really? Yes.",
        "Why? Because. Who?",
        "A single glued?Capital is left alone.",
        "Version 2?3 and x?5 stay.",
    ],
)
def test_real_question_marks_stay(text: str) -> None:
    assert repair_lost_spaces(text)[0] == text


def test_repair_is_gated_on_the_document_showing_the_pattern() -> None:
    # A "?" before a capital could be a real question run together with the next sentence:
    # alone, it is left; a "?" glued to a lower-case word never is a real question mark.
    assert count_lost_space_marks("Why?Because.") == 1
    assert repair_lost_spaces("Why?Because.")[0] == "Why?Because."
    assert repair_lost_spaces("Why?Because. And why?because.")[0] == "Why Because. And why because."
    assert repair_lost_spaces("Subscribe?to the letter.")[0] == "Subscribe to the letter."
    assert repair_lost_spaces("What shaped your career??")[0] == "What shaped your career?"


def test_mojibake_is_fixed_and_curly_quotes_kept() -> None:
    text, records = fix_mojibake("It didnâ€™t work â€” “quoted”")
    assert text == "It didn’t work — “quoted”"
    assert records[0].before.startswith("It didn")


def test_invisible_characters_go_and_crlf_becomes_lf() -> None:
    text, records = strip_invisible_characters("a\u200bb\x00c\r\nd\ufeff")
    assert text == "abc\nd"
    assert records[0].details["characters"]["U+200B"] == 1


def test_nfc() -> None:
    text, records = normalize_nfc("Cafe\u0301")
    assert text == "Café" and records


@pytest.mark.parametrize(
    "before, after",
    [
        ("Born in Paris.?The rest came later.", "Born in Paris. The rest came later."),
        ("About 45?% of them, and?more", "About 45 % of them, and more"),
        ("It costs 100?€ a year.", "It costs 100 € a year."),
        ("Il a dit « ?mot? » hier.", "Il a dit « mot » hier."),
        ("Il a dit «?mot?» hier.", "Il a dit « mot » hier."),
        ("Name:?text follows", "Name: text follows"),
        ("See site.org.?\nand?more", "See site.org.\nand more"),
    ],
)
def test_lost_spaces_after_punctuation_and_before_symbols(before: str, after: str) -> None:
    assert repair_lost_spaces(before)[0] == after


@pytest.mark.parametrize(
    "text",
    [
        '"What is wanted?" said he. "Why?" said I. "Who?" he asked, "Turkey?"',
        'a personal "should I buy this?" test, and "Why?" again',
        "Wha?? Overcast 2 is free.",
        "Did you live in the U.S.? I did.",
        "« Tu viens ? » Oui.",
    ],
)
def test_clean_text_with_real_question_marks_never_changes(text: str) -> None:
    assert repair_lost_spaces(text)[0] == text
