"""The plugin's pure parts: Q&A markup, sanitizing, summaries, series."""

from __future__ import annotations

from types import SimpleNamespace

import lxml.html
import markdown

from spotlight.render import profile_of, summary_from
from spotlight.qa import mark_up_interview, split_interview
from spotlight.sanitize import sanitize_html
from spotlight.series import group_series

BODY = """Intro paragraph.

**Lena Fairbrook:** First question?

**Wren Oduya:** First answer.

More of the answer.

- Ana Ruiz: a mentor.
- Bo Lind: another.

**Lena Fairbrook:** Second?

**Wren Oduya**: Second answer.
"""


def test_turns_are_marked_up_as_questions_and_answers() -> None:
    html, interview = mark_up_interview(markdown.markdown(BODY), "Lena Fairbrook")
    tree = lxml.html.fragment_fromstring(html, create_parent="div")
    turns = tree.xpath('//div[contains(concat(" ", @class, " "), " turn ")]')
    roles = [t.get("class").split()[1] for t in turns]
    assert roles == ["turn-question", "turn-answer", "turn-question", "turn-answer"]
    assert [t.get("data-speaker") for t in turns] == ["Lena Fairbrook", "Wren Oduya"] * 2
    first_answer = turns[1]
    assert len(first_answer.xpath(".//li")) == 2  # the list stays inside the answer
    assert "More of the answer." in first_answer.text_content()
    assert tree.xpath('//div[@class="interview-intro"]')[0].text_content().strip() == "Intro paragraph."
    assert "Lena Fairbrook:" in turns[0].text_content()  # labels stay readable without CSS


def test_first_speaker_asks_when_the_author_is_not_a_speaker() -> None:
    interview = split_interview(markdown.markdown(BODY), "Someone Else")
    assert [t.role for t in interview.turns] == ["question", "answer", "question", "answer"]


def test_a_post_without_turns_is_left_as_it_is() -> None:
    html = "<p>Just an essay.</p>"
    assert mark_up_interview(html, "A B")[0] == html


def test_sanitizer_removes_scripts_handlers_and_dangerous_urls() -> None:
    dirty = (
        '<p onclick="x()">a<script>alert(1)</script></p><iframe src="x"></iframe>'
        '<a href="javascript:alert(1)">j</a><a href="JaVaScRiPt:alert(1)">k</a><img src="data:image/png;base64,AA" onerror="x()">'
        '<a href="vbscript:x">v</a><object data="x"></object><embed src="x"><base href="x"><meta http-equiv="refresh" content="0">'
        "<style>p{}</style><p>x&lt;y to y&gt;z</p>"
    )
    clean = sanitize_html(dirty)
    lowered = clean.lower()
    for bad in ("script", "onclick", "onerror", "javascript:", "vbscript:", "data:", "iframe", "object", "embed", "<base", "<meta", "<style"):
        assert bad not in lowered, bad
    assert "x&lt;y to y&gt;z" in clean


def test_summary_and_profile() -> None:
    _, interview = mark_up_interview(markdown.markdown("One two three.\n\nFour.\n\n**A B:** q?\n\n**C D:** a."), "A B")
    assert summary_from(interview, "", words=3) == "<p>One two three…</p>"
    assert summary_from(interview, "") == "<p>One two three. Four.</p>"
    profile = profile_of({"interviewee": "Wren Oduya", "role": "Staff Engineer", "company": "Quillmark"})
    assert profile is not None and profile.line == "Wren Oduya, Staff Engineer at Quillmark"
    assert profile_of({}) is None


def test_series_are_grouped_and_ordered() -> None:
    def art(series: str, index: str, day: int) -> SimpleNamespace:
        return SimpleNamespace(metadata={"series": series, "series_index": index}, date=day)

    a, b, c, d = art("Talks", "2", 1), art("Talks", "1", 2), art("Other", "", 3), art("", "", 4)
    groups = group_series([a, b, c, d])
    assert [g.name for g in groups] == ["Other", "Talks"]
    assert groups[1].articles == [b, a] and groups[1].url == "series/talks/"
