"""What goes: page furniture, UI chrome, placeholders, comment threads, promo blocks."""

from __future__ import annotations

import pytest

from spotlight.cleanup import clean_scrape
from spotlight.cleanup.blocks import flatten, split_blocks
from spotlight.cleanup.boilerplate import asks_reader, is_call_to_action, repeated_blocks, social_handles, strip_boilerplate
from spotlight.cleanup.chrome import (
    code_lines,
    find_page_end,
    is_reaction_count,
    strip_chrome_lines,
    strip_image_placeholders,
)
from spotlight.cleanup.metadata import read_author_card
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


# --- Furniture, calls to action, repeated blocks, page-end markers (issue 17) -----------



@pytest.mark.parametrize(
    "line", ["23 Comments", "12 comentarios", "1,234 reactions", "1.234 Reaktionen", "128 · 23 Comments", "5 reposts", "23条评论", "댓글 12개", "١٢ تعليقًا"]
)
def test_reaction_counts_in_many_languages(line: str) -> None:
    assert is_reaction_count(line)


@pytest.mark.parametrize("line", ["128", "12 años", "23 Comments on the draft were wrong.", "In 2023 comments dropped"])
def test_what_is_not_a_reaction_count(line: str) -> None:
    assert not is_reaction_count(line)


def test_a_bare_number_goes_only_beside_the_reaction_row() -> None:
    blocks = split_blocks("Intro.\n\n128\n\nMore text.\n\nLike\nComment\nShare\n128\n\n23 Comments")
    kept, records = strip_chrome_lines(blocks)
    assert kept == [["Intro."], ["128"], ["More text."]]
    assert [r.text for r in records if r.reason == "reaction or response count"] == ["128", "23 Comments"]


@pytest.mark.parametrize(
    "card, button",
    [("Founder | Writing about design | 3,400 followers", "Follow"), ("Fundadora | Escribo sobre diseño", "Seguir"),
     ("Fondatrice chez Atelier Nord", "Suivre"), ("Gründerin | 3.400 Follower", "Folgen"), ("Fondatrice | 3.400 follower", "Segui"),
     ("创始人 | 3,400 位关注者", "关注"), ("創業者", "フォロー"), ("창업자", "팔로우"), ("Основатель", "Подписаться"),
     ("مؤسسة", "متابعة"), ("संस्थापक", "फ़ॉलो करें")],
)
def test_the_author_card_goes_and_names_the_author(card: str, button: str) -> None:
    blocks = split_blocks(f"Odile Brandt\nOdile Brandt\n{card}\n{button}\n\nThe article starts here.")
    kept, records, found_card = read_author_card(blocks, before_block=len(blocks))
    assert kept == [["The article starts here."]]
    assert found_card.author == "Odile Brandt"


def test_a_name_alone_at_the_top_is_no_card() -> None:
    blocks = split_blocks("Odile Brandt\nFounder of Atelier Nord\n\nThe article starts here.")
    kept, _, found_card = read_author_card(blocks, before_block=len(blocks))
    assert kept == blocks and found_card.author is None


@pytest.mark.parametrize(
    "row", ["Odile Brandt · 7 min read · Jan 5, 2023", "[Odile Brandt](https://medium.com/@odile) · 7 min read · Jan 5, 2023", "Odile BrandtFollow · 7 min read · Jan 5, 2023"]
)
def test_a_medium_byline_row_gives_author_and_date(row: str) -> None:
    kept, _, found_card = read_author_card([[row], ["Text."]], before_block=2)
    assert kept == [["Text."]]
    assert found_card.author == "Odile Brandt" and found_card.date is not None and found_card.date.isoformat() == "2023-01-05"


@pytest.mark.parametrize(
    "text",
    ["Enjoyed this? Share it with someone who would like it.", "¿Te gustó? Compártelo.", "Vous avez aimé ? Partagez-le.",
     "Gefällt dir das? Teile es.", "Ti è piaciuto? Condividilo con un amico.", "Gostou? Compartilhe com seus amigos.",
     "Понравилось? Поделитесь с друзьями.", "喜欢吗？请分享给你的朋友。", "気に入ったらシェアしてください。", "마음에 드셨나요? 공유해 주세요.",
     "पसंद आया? शेयर करें।", "هل أعجبك؟ شاركها مع أصدقائك.", "Subscribe for more interviews like this one."],
)
def test_one_off_calls_to_action_by_what_they_ask(text: str) -> None:
    assert asks_reader(text) and is_call_to_action(text)


@pytest.mark.parametrize(
    "text",
    ["We share our tools with other teams.", "Share what you learn. It pays back.", "Follow the data, not the hype.",
     "Compartimos nuestras recetas con otros talleres.", "Wir teilen unsere Pläne mit anderen Werkstätten.",
     "Share it with the team early. We did that for years, and the reviews got shorter every month after."],
)
def test_an_answer_that_mentions_sharing_is_no_call_to_action(text: str) -> None:
    assert not asks_reader(text)


def test_a_call_to_action_after_the_last_turn_goes_past_the_counts() -> None:
    scrape = "T\n\nAda Roe: Why?\n\nBo Li: Because. We share our tools with other teams.\n\nEnjoyed this? Share it with someone who would like it.\n\nLike\nComment\nShare\n128\n23 Comments"
    body = clean_scrape(scrape).body
    assert body.endswith("We share our tools with other teams.")


def test_repeated_paragraphs_that_are_no_promo_stay() -> None:
    same = ["Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod."]
    assert repeated_blocks([same] * 5, set()) == set()
    refrain = ["A tone needs time before it becomes true, my grandfather said."]
    blocks = [["Intro paragraph about the workshop."], refrain, ["Ada: one"], ["Bo: two"], refrain, ["Ada: three"], ["Bo: four"]]
    assert repeated_blocks(blocks, {2, 3, 5, 6}, first_turn=2, last_turn=6) == set()


def test_repeated_promos_go_every_copy() -> None:
    link = ["Get the Field Notes letter every month at fieldnotes.example.com."]
    ask = ["Want more interviews like this one? Subscribe, it is free."]
    plain = ["This interview was edited for length and clarity by the desk."]
    blocks = [link, ask, plain, ["Ada: one"], ["Bo: two"], link, ask, plain]
    assert repeated_blocks(blocks, {3, 4}, first_turn=3, last_turn=4) == {0, 1, 2, 5, 6, 7}


def test_code_lines_cover_fences_across_blank_lines() -> None:
    blocks = split_blocks("Text\n\n```\na\n\nLike this:\n```\n\n    indented\n\nafter", keep_trailing_space=True)
    code = code_lines(blocks)
    assert (0, 0) not in code and (4, 0) not in code
    assert {(1, 0), (1, 1), (2, 0), (2, 1), (3, 0)} <= code


_PROSE = "This paragraph is the article itself, long enough to read as prose and to end with a full stop. " * 2


def test_a_marker_inside_code_or_followed_by_the_article_does_not_end_it() -> None:
    doc = f"{_PROSE}\n\n```\nLike this:\n```\n\n{_PROSE}\n\nRelated articles\n\n- [One](https://x.example/1)\n\n{_PROSE}\n\n{_PROSE}\n\n{_PROSE}"
    end, _ = find_page_end(split_blocks(doc, keep_trailing_space=True))
    assert end is None


def test_a_sidebar_marker_above_the_article_does_not_end_it() -> None:
    doc = f"Related articles\n\n- [One](https://x.example/1)\n- [Two](https://x.example/2)\n\n{_PROSE}\n\n{_PROSE}"
    end, _ = find_page_end(split_blocks(doc, keep_trailing_space=True))
    assert end is None


def test_a_marker_after_the_body_ends_it() -> None:
    doc = f"{_PROSE}\n\n{_PROSE}\n\n{_PROSE}\n\nRelated articles\n\n- [One](https://x.example/1)\n- [Two](https://x.example/2)\n\nShort teaser."
    end, _ = find_page_end(split_blocks(doc, keep_trailing_space=True))
    assert end is not None and end.block == 3 and end.marker == "Related articles"


def test_a_marker_before_the_comment_thread_ends_it() -> None:
    comment = "Rosa Lind\nAnalyst at Norwind\n1w\n" + _PROSE
    doc = f"{_PROSE}\n\n{_PROSE}\n\nLike this:\n\n{comment}\n\n{comment}\n\n{comment}"
    blocks = split_blocks(doc)
    thread = find_thread_start(blocks, after_block=-1)
    end, _ = find_page_end(blocks, thread_block=flatten(blocks)[thread].block if thread is not None else None)
    assert end is not None and end.marker == "Like this:"


def test_an_article_that_opens_and_closes_on_the_same_paragraph_keeps_both() -> None:
    same = ["The same paragraph opens and closes this article, on purpose."]
    figure = ["![A kiln](https://img.example/kiln.jpg)"]
    blocks = [same, figure, ["Middle text of the article."], figure, same]
    assert repeated_blocks(blocks, set()) == set()
