"""Speaker detection: labels, full names from surnames, lists that are not speakers."""

from __future__ import annotations

from spotlight.cleanup.blocks import split_blocks
from spotlight.cleanup.speakers import (
    find_cast,
    is_not_a_person,
    is_part_of_name,
    is_person_name,
    parse_label,
    speaker_problems,
    write_turns,
)

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


# --- Names: any unambiguous part of a full name stands for it ------------------------------


def _turn_names(body: str) -> list[str]:
    return [p.split(":**")[0].lstrip("*") for p in body.split("\n\n") if p.startswith("**")]


def _interview(labels: list[str], title_name: str | None = None, byline: str | None = None) -> list[str]:
    """The speakers of each turn of an interview labelled in the order given."""
    said = ["How did you start?", "By accident, years ago.", "And then what happened?", "Then it grew."]
    text = "\n\n".join(f"{label}: {said[n % 4]}" for n, label in enumerate(labels))
    turns = write_turns(split_blocks("Intro.\n\n" + text), interviewer=byline, interviewee=title_name)
    return _turn_names(turns.body)


def test_part_of_name_rules() -> None:
    assert is_part_of_name("Gil Navarro", "Ana María Gil Navarro")
    assert is_part_of_name("van der Berg", "Jan van der Berg") and is_part_of_name("Berg", "Jan van der Berg")
    assert is_part_of_name("Adeyemi", "Tolu Adeyemi-Hart") and is_part_of_name("Adeyemi-Hart", "Tolu Adeyemi-Hart")
    assert is_part_of_name("JR", "Jane Roe") and is_part_of_name("J. R.", "J. R. Okafor") and is_part_of_name("JR", "J. R. Okafor")
    assert is_part_of_name("王", "王小明") and is_part_of_name("山田", "山田太郎") and is_part_of_name("山田", "山田 太郎")
    assert is_part_of_name("Петрова", "Анна Петрова") and is_part_of_name("शर्मा", "अनीता शर्मा") and is_part_of_name("العلي", "محمد العلي")
    assert not is_part_of_name("van der", "Jan van der Berg")  # particles alone name nobody
    assert not is_part_of_name("Ana Gil", "Ana María Gil Navarro")  # not contiguous
    assert not is_part_of_name("Ada Lovelace", "Ada Lovelace")  # the name itself is no part of it


def test_surname_labels_map_to_the_full_name_in_every_script() -> None:
    cases = [
        (["Tomás Ortega", "Ana María Gil Navarro", "Ortega", "Gil Navarro"], "Ana María Gil Navarro", None),
        (["van der Berg", "Adeyemi-Hart", "Van der Berg", "Adeyemi"], "Tolu Adeyemi-Hart", "Jan van der Berg"),
        (["O'Neil", "JR", "O'Neil", "J. R."], "J. R. Okafor", "Siobhán O'Neil"),
        (["李华", "王", "李", "王"], "王小明", None),
        (["佐藤", "山田", "佐藤", "山田"], "山田太郎", "佐藤 花子"),
        (["Ирина Волкова", "Сергей Петров", "Волкова", "Петров"], None, None),
        (["अनीता शर्मा", "राहुल वर्मा", "शर्मा", "वर्मा"], None, None),
    ]
    for labels, interviewee, interviewer in cases:
        names = _interview(labels, interviewee, interviewer)
        assert len(names) == 4 and len(set(names)) == 2, (labels, names)
        assert all(len(n) >= len(label) for n, label in zip(names, labels)), names
        assert names[0] == names[2] and names[1] == names[3]
        if interviewee:
            assert names[1] == interviewee


def test_a_two_word_surname_label_is_not_a_new_speaker_nor_part_of_the_question() -> None:
    blocks = split_blocks("Tomás Ortega: Why?\n\nAna María Gil Navarro: Because.\n\nOrtega: Sure?\n\nGil Navarro: Yes.")
    turns = write_turns(blocks)
    assert turns.cast.speakers == ["Tomás Ortega", "Ana María Gil Navarro"]
    assert turns.body.endswith("**Ana María Gil Navarro:** Yes.")


def test_a_label_that_matches_no_speaker_is_recorded_not_silently_merged() -> None:
    blocks = split_blocks("Ada Lovelace: Why?\n\nGrace Hopper: Because.\n\nLovelace: Sure?\n\nHooper: Yes, typo.\n\nLovelace: Ok?\n\nHopper: Ok.")
    turns = write_turns(blocks)
    warnings = [r for r in turns.records if r.kind == "missing"]
    assert [w.details["label"] for w in warnings] == ["Hooper"]
    assert warnings[0].details["turn_of"] == "Ada Lovelace"
    problems = speaker_problems(turns.body.split("\n\n"), "Ada Lovelace", "Grace Hopper")
    assert [turns.body.split("\n\n")[n] for n, _ in problems] == ["Hooper: Yes, typo."]


def test_words_that_name_nobody_are_no_speakers_however_they_recur() -> None:
    for text in (
        "Loaded: 0%\n\nProgress: 0%",
        "Intro.\n\nPro: cheap.\n\nCon: slow.\n\nPro: light.\n\nCon: loud.",
        "Image: Ada Lovelace / Example\n\nText.\n\nImage: Ada Lovelace / Example",
        "Tip: save often.\n\nNote: it is fine.\n\nTip: again.\n\nNote: more.",
        "图注：一张照片\n\n正文。\n\n图注：另一张",
    ):
        assert write_turns(split_blocks(text)).turn_count == 0, text
    assert is_not_a_person("Learn More") and is_not_a_person("pie de foto") and not is_person_name("Loaded")


def test_a_line_said_once_is_no_turn_unless_the_turns_alternate_with_a_question() -> None:
    assert write_turns(split_blocks("Intro.\n\nStar Wars: the best film of the year.\n\nMore text.")).turn_count == 0
    glossary = "Lambda: a callback.\n\nTask: a unit of work.\n\nCollection: a set of tasks."
    assert write_turns(split_blocks(glossary)).turn_count == 0
    assert write_turns(split_blocks("Ada Lovelace: Why?\n\nGrace Hopper: Because.")).turn_count == 2


# --- Interviews without labels: the structure read from the layout -------------------------

QA_BODY = """An introduction to the interview.

{q1}

I was a courier for six years. My back hurt, so I built a lower frame.

The second one was better.

{q2}

Welding aluminium. I still ruin a tube a week.

{q3}

Mostly to small shops. We deliver them ourselves.
"""
QUESTIONS = ("How did you start building bikes?", "What is the hardest part for you?", "Where do you sell them?")


def _qa(shape: str) -> str:
    return QA_BODY.format(**{f"q{n + 1}": shape.format(q) for n, q in enumerate(QUESTIONS)})


def test_questions_set_apart_by_layout_become_labelled_turns() -> None:
    for shape in ("## {}", "### {}", "**{}**", "*{}*", "_{}_", "Q. {}", "Q: {}", "**Q.** {}", "{}"):
        turns = write_turns(split_blocks(_qa(shape), keep_trailing_space=True), interviewer="Tomás Ortega", interviewee="Ana Gil", plain_text=False)
        paragraphs = turns.body.split("\n\n")
        assert paragraphs[1] == f"**Tomás Ortega:** {QUESTIONS[0]}", shape
        assert paragraphs[2].startswith("**Ana Gil:** I was a courier") and paragraphs[3] == "The second one was better.", shape
        assert turns.turn_count == 6 and turns.cast.interviewer == "Tomás Ortega", shape


def test_layout_without_names_keeps_the_roles_and_warns() -> None:
    turns = write_turns(split_blocks(_qa("## {}")), plain_text=False)
    assert _turn_names(turns.body) == ["Q", "A"] * 3
    assert any(r.kind == "missing" and "not known" in r.reason for r in turns.records)
    # Read again as a post (Author: Q, Interviewee: A), it is the same.
    again = write_turns(split_blocks(turns.body, keep_trailing_space=True), interviewer="Q", interviewee="A", plain_text=False)
    assert again.body == turns.body


def test_articles_with_question_headings_are_no_interviews() -> None:
    faq = "Help.\n\n## How do I reset my password?\n\nOpen Settings and choose Reset.\n\n## Can I change the name?\n\nYes, once a month.\n\n## Why is the account locked?\n\nAccounts lock after five failed sign-ins.\n\n## How is it deleted?\n\nOpen Settings, then Delete."
    rhetorical = "I used Rust for a year.\n\n## Why did I switch from Go?\n\nI wanted generics.\n\n## Was it worth it?\n\nMostly, we ship fewer bugs.\n\n## What would I change?\n\nI would start smaller."
    sections = "I wrote this.\n\n## Background\n\nI built it.\n\n## Why did we start?\n\nWe needed it.\n\n## Design\n\nMy design.\n\n## Results\n\nWe won.\n\n## What did you think?\n\nI liked it.\n\n## Next steps\n\nWe go on."
    two = "Intro.\n\n## How did you start?\n\nI just did.\n\n## What next for you?\n\nI will rest."
    for body in (faq, rhetorical, sections, two):
        turns = write_turns(split_blocks(body), plain_text=False)
        assert turns.turn_count == 0 and turns.body == body, body[:30]
