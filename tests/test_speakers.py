"""Speaker detection: labels, full names from surnames, lists that are not speakers."""

from __future__ import annotations

from spotlight.cleanup.blocks import split_blocks
from spotlight.cleanup.speakers import find_cast, is_person_name, parse_label, write_turns

INTERVIEW = """Intro about Ada.

Grace Hopper: First question?

Ada Lovelace: First answer.

Hopper: Second question?

Lovelace: Here are the people:

Charles Babbage: built the engine.

Mary Somerville: introduced us.

Those were the people.

Hopper: Last one?

Lovelace: Hi.
"""


def test_labels() -> None:
    assert parse_label("**Ada Lovelace:** Hi").label == "Ada Lovelace"
    assert parse_label("**Ada Lovelace**: Hi").bold
    assert parse_label("Ada Lovelace： Hi").label == "Ada Lovelace"
    assert parse_label("Always be testing: it helps") is None
    assert parse_label("Note: ") is None
    assert is_person_name("Ludwig van Beethoven") and not is_person_name("the end")


def test_surnames_resolve_to_the_full_name_given_first() -> None:
    cast = find_cast(["Grace Hopper", "Ada Lovelace", "Hopper", "Lovelace", "Charles Babbage"])
    assert cast.speakers == ["Grace Hopper", "Ada Lovelace"]
    assert cast.resolve("Hopper") == "Grace Hopper"
    assert cast.resolve("Charles Babbage") is None
    assert cast.interviewer == "Grace Hopper" and cast.interviewee == "Ada Lovelace"


def test_turns_are_labelled_and_name_lists_stay_inside_the_answer() -> None:
    turns = write_turns(split_blocks(INTERVIEW), interviewee="Ada Lovelace")
    body = turns.body
    assert turns.turn_count == 6
    assert body.count("**Grace Hopper:**") == 3 and body.count("**Ada Lovelace:**") == 3
    assert "- Charles Babbage: built the engine.\n- Mary Somerville: introduced us." in body
    assert "**Charles Babbage" not in body
    assert body.endswith("**Ada Lovelace:** Hi.")  # a one-word answer stays
    assert body.startswith("Intro about Ada.")


def test_q_and_a_labels_become_names_when_known() -> None:
    blocks = split_blocks("Q: Why?\n\nA: Because.\n\nQ: Sure?\n\nA: Yes.")
    turns = write_turns(blocks, interviewer="Grace Hopper", interviewee="Ada Lovelace")
    assert turns.body.split("\n\n")[:2] == ["**Grace Hopper:** Why?", "**Ada Lovelace:** Because."]


def test_markdown_mode_leaves_clean_posts_alone() -> None:
    body = "Intro.\n\n**A B:** Q?\n\n**C D:** Answer with *emphasis*.\n\n- E F: item\n- G H: item\n\n**A B:** Q2?\n\n**C D:** A2."
    turns = write_turns(split_blocks(body, keep_trailing_space=True), plain_text=False)
    assert turns.body == body


def test_plain_text_is_escaped_for_markdown() -> None:
    turns = write_turns(split_blocks("# not a heading\n\nA B: use *stars* and <tags>\n\nC D: ok\n\nA B: x\n\nC D: y"))
    assert turns.body.startswith("\\# not a heading")
    assert "\\*stars\\* and &lt;tags>" in turns.body
