"""What goes: page furniture, UI chrome, placeholders, comment threads, promo blocks."""

from __future__ import annotations

from spotlight.cleanup import clean_scrape
from spotlight.cleanup.blocks import split_blocks
from spotlight.cleanup.boilerplate import is_call_to_action, social_handles, strip_boilerplate
from spotlight.cleanup.chrome import find_page_end, strip_chrome_lines, strip_image_placeholders
from spotlight.cleanup.comments import find_thread_start, is_relative_timestamp, spam_signals

SCRAPE = """Field Notes #7: Ines Moreau, Head of Data at Larkspur

Field Notes #7: Ines Moreau, Head of Data at Larkspur

Get the Field Notes letter every month: sign up at fieldnotes.example.com.

Ines Moreau runs data at Larkspur.

No alt text provided for this image

Ines at her desk.

Tom Achebe: How did you begin?

Ines Moreau: By counting birds.

Achebe: And then?

Moreau: Then I counted everything else.

Get the Field Notes letter every month: sign up at fieldnotes.example.com.

Thanks for reading! Follow me on Twitter @tom_fieldnotes.

Kai Brandt

Crypto coach | DM me

3d

DM me on WhatsApp +1 555 123 4567 for $500 profits

Like
Reply
Rosa Lind

Analyst at Norwind

1w

Lovely read.

To view or add a comment, sign in

More articles by Tom Achebe
"""


def test_a_whole_scrape_is_cleaned() -> None:
    cleaned = clean_scrape(SCRAPE)
    body = cleaned.body
    assert cleaned.metadata["Title"] == "Field Notes #7: Ines Moreau, Head of Data at Larkspur"
    assert cleaned.metadata["Series"] == "Field Notes" and cleaned.metadata["Series_index"] == "7"
    assert cleaned.metadata["Author"] == "Tom Achebe"
    assert cleaned.metadata["Author_twitter"] == "@tom_fieldnotes"
    for junk in ("Field Notes #7", "sign up", "No alt text", "Kai Brandt", "Crypto coach", "3d", "WhatsApp", "Rosa Lind", "Lovely read", "Like", "Reply", "sign in", "More articles", "Thanks for reading"):
        assert junk not in body, junk
    assert body.split("\n\n") == [
        "Ines Moreau runs data at Larkspur.",
        "Ines at her desk.",
        "**Tom Achebe:** How did you begin?",
        "**Ines Moreau:** By counting birds.",
        "**Tom Achebe:** And then?",
        "**Ines Moreau:** Then I counted everything else.",
    ]
    comments = [r for r in cleaned.records if r.reason == "comment"]
    assert [c.details["name"] for c in comments] == ["Kai Brandt", "Rosa Lind"]
    assert set(comments[0].details["spam_signals"]) >= {"phone number", "money", "direct message"}
    assert comments[1].details["spam_signals"] == []


def test_timestamps_in_many_languages() -> None:
    for text in ("2 年", "1 año", "1y", "3 hours ago", "1年", "il y a 2 ans", "vor 3 Tagen", "2 г.", "3주", "منذ سنتين"):
        assert is_relative_timestamp(text), text
    for text in ("2024", "Hi.", "2 years of hard work taught me a lot"):
        assert not is_relative_timestamp(text), text


def test_chrome_lines_in_several_languages() -> None:
    blocks = split_blocks("Real text.\n\n回复\n\nResponder\n\nJ’aime\n\nGefällt mir\n\nMore text.")
    kept, records = strip_chrome_lines(blocks)
    assert kept == [["Real text."], ["More text."]]
    assert {r.details["language"] for r in records} == {"zh", "es", "fr", "de"}


def test_page_end_marker_names_the_author() -> None:
    blocks = split_blocks("A: x\n\nB: y\n\nA: z\n\nB: w\n\n要查看或添加评论，请登录\n\nFrederick Example的更多文章")
    end, records = find_page_end(blocks)
    assert end is not None and end.block == 4
    assert records[0].text == "Frederick Example"


def test_placeholder_and_thread_start() -> None:
    kept, records = strip_image_placeholders([["No alt text provided for this image"], ["Caption."]])
    assert kept == [["Caption."]] and records[0].reason == "image placeholder"
    blocks = split_blocks("Q A: x\n\nR B: y\n\nQ A: z\n\nR B: w\n\nSam Poe\n\nHeadline here\n\n2 年\n\nhi")
    assert find_thread_start(blocks, after_block=3) == 4


def test_boilerplate_helpers() -> None:
    assert is_call_to_action("If you enjoyed this article, share it")
    assert not is_call_to_action("If you ask me, data is hard")
    assert social_handles("Follow me on Twitter @a_b, on Instagram @c.d") == {"twitter": "@a_b", "instagram": "@c.d"}
    promo = ["Join the list for weekly founder news at example.com."]
    blocks = [promo, ["Ada: one"], ["Bo: two"], promo]
    kept, records, _ = strip_boilerplate(blocks, turn_blocks=[1, 2])
    assert kept == [["Ada: one"], ["Bo: two"]]
    assert records[0].details["occurrences"] == 2
    assert spam_signals("visit https://x.example now") == ["link"]


def test_page_header_before_the_title_goes() -> None:
    scrape = "Skip to main content\nLinkedIn\nArticles\nPeople\nJoin now\nSign in\n\n" + SCRAPE
    cleaned = clean_scrape(scrape)
    assert cleaned.metadata["Title"] == "Field Notes #7: Ines Moreau, Head of Data at Larkspur"
    assert [r.text for r in cleaned.records if r.reason == "page header before the title"] == [
        "Skip to main content", "LinkedIn", "Articles", "People", "Join now", "Sign in"
    ]
    assert cleaned.body == clean_scrape(SCRAPE).body
