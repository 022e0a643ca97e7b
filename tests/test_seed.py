"""Acceptance on the real seed (a scraped LinkedIn article in ../shared).

The seed is third-party text, so nothing of it is copied here: the expected paragraphs are
derived from the seed itself, by its structure (the promo block that opens and closes the
article, the comment headers around each relative timestamp).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from spotlight.cli import main
from spotlight.post import parse_post

TITLE = "Employee Spotlight #2: Skylar Payne, Machine Learning Lead at HealthRhythms"
INTERVIEWER, INTERVIEWEE = "Frederick Daso", "Skylar Payne"


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def _unjunk(paragraph: str) -> str:
    """The seed's own paragraph with only the lost-space '?' undone (the one junk fix that
    touches interview sentences)."""
    paragraph = re.sub(r"(?<=\w)\?\?(?=\s|$)", "?", paragraph)
    return re.sub(r"(?<=[\w,.:;)])\?(?=\w)", " ", paragraph)


def _article_paragraphs(seed: str) -> list[str]:
    paras = _paragraphs(seed)
    repeated = [p for p in paras if paras.count(p) > 1 and p != paras[0]]
    promo = repeated[0]
    first, last = paras.index(promo), len(paras) - 1 - paras[::-1].index(promo)
    return [p for p in paras[first + 1 : last] if p != "No alt text provided for this image"]


def _strip_label(paragraph: str) -> str:
    paragraph = re.sub(r"^\*\*[^*]+:\*\* ", "", paragraph)
    return re.sub(r"^(Daso|Payne|Frederick Daso|Skylar Payne): ", "", paragraph)


@pytest.fixture
def printed(seed_text: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> tuple[str, str]:
    from tests.conftest import SEED

    assert main(["import", str(SEED), "--stdout"]) == 0
    captured = capsys.readouterr()
    return captured.out, captured.err


def test_metadata(printed: tuple[str, str]) -> None:
    out, err = printed
    post = parse_post(out)
    m = post.metadata
    assert m["Title"] == TITLE
    assert m["Series"] == "Employee Spotlight" and m["Series_index"] == "2"
    assert m["Interviewee"] == INTERVIEWEE and m["Role"] == "Machine Learning Lead" and m["Company"] == "HealthRhythms"
    assert m["Author"] == INTERVIEWER
    assert "Date" not in m and m["Status"] == "draft"
    assert "no publication date" in err


def test_every_paragraph_of_the_interview_is_kept_word_for_word(seed_text: str, printed: tuple[str, str]) -> None:
    body = parse_post(printed[0]).body
    kept = [_strip_label(p.removeprefix("- ")) for block in _paragraphs(body) for p in block.split("\n")]
    expected = [_strip_label(_unjunk(p)) for p in _article_paragraphs(seed_text)]
    assert len(expected) > 20
    assert kept == expected


def test_no_junk_is_left(seed_text: str, printed: tuple[str, str]) -> None:
    body = parse_post(printed[0]).body
    assert TITLE not in body
    assert not re.search(r"\w\?\w|\?\?|:\?", body)
    for junk in ("No alt text", "回复", "要查看或添加评论", "的更多文章", "社区洞察", "其他会员也浏览了", "2 年", "Subscribe", "If you enjoyed"):
        assert junk not in body, junk
    lines = [line.strip() for line in seed_text.split("\n") if line.strip()]
    clocks = [i for i, line in enumerate(lines) if line == "2 年"]
    assert len(clocks) == 4
    body_lines = {line.strip() for line in body.split("\n")}
    for i in clocks:
        commenter, headline, comment = lines[i - 2], lines[i - 1], lines[i + 1]
        assert commenter not in body and headline not in body, (commenter, headline)
        assert comment not in body_lines, comment


def test_twelve_alternating_turns_and_the_name_list_stays_inside_the_answer(printed: tuple[str, str]) -> None:
    body = parse_post(printed[0]).body
    labels = re.findall(r"^\*\*([^*]+):\*\*", body, re.M)
    assert labels == [INTERVIEWER, INTERVIEWEE] * 6
    items = re.findall(r"^- ([A-Z][a-z]+(?: [A-Z][A-Za-z]+)+): ", body, re.M)
    assert len(items) == 9
    answer = body.split(f"**{INTERVIEWER}:**")[4]
    assert all(f"- {name}: " in answer for name in items)


def test_importing_the_printed_post_again_changes_nothing(printed: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("again.md", "again.txt"):
        path = tmp_path / name
        path.write_text(printed[0], encoding="utf-8")
        assert main(["import", str(path), "--stdout"]) == 0
        assert capsys.readouterr().out == printed[0]


def test_the_seed_as_windows_1252_mojibake_cleans_the_same(seed_text: str, printed: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import ftfy.bad_codecs  # noqa: F401  the codec browsers use

    mangled = tmp_path / "mojibake.txt"
    mangled.write_text(seed_text.encode("utf-8").decode("sloppy-windows-1252"), encoding="utf-8")
    assert "â€" in mangled.read_text(encoding="utf-8")
    assert main(["import", str(mangled), "--stdout"]) == 0
    again = capsys.readouterr().out

    def without_guid(text: str) -> str:
        return re.sub(r"^Guid: .*\n", "", text, flags=re.M)

    assert without_guid(again) == without_guid(printed[0])
