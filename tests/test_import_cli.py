"""`spotlight import`: writing posts safely, the report, drafts, errors that name the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spotlight.cli import main
from spotlight.post import Post, parse_post, slugify

SCRAPE = """Makers #3: Juno Platt, Founder at Tidewell

Juno Platt founded Tidewell.

Ravi Kahn: Why Tidewell?

Juno Platt: Because tides are dependable.

Kahn: What next?

Platt: More boats.
"""


@pytest.fixture
def scrape(tmp_path: Path) -> Path:
    path = tmp_path / "juno.txt"
    path.write_text(SCRAPE, encoding="utf-8")
    return path


def test_stdout_prints_the_post_and_a_dateless_scrape_is_a_draft(scrape: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(scrape), "--stdout"]) == 0
    captured = capsys.readouterr()
    post = parse_post(captured.out)
    assert post.metadata["Status"] == "draft"
    assert "Date" not in post.metadata
    assert post.metadata["Author"] == "Ravi Kahn" and post.metadata["Interviewee"] == "Juno Platt"
    assert post.metadata["Series_index"] == "3"
    assert "no publication date" in captured.err and "--date" in captured.err
    assert post.body.count("**Ravi Kahn:**") == 2


def test_writes_once_and_never_overwrites_without_force(scrape: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "posts"
    assert main(["import", str(scrape), "--out", str(out), "--date", "2024-05-01"]) == 0
    written = out / (slugify("Makers #3: Juno Platt, Founder at Tidewell") + ".md")
    post = parse_post(written.read_text(encoding="utf-8"))
    assert post.metadata["Date"] == "2024-05-01" and "Status" not in post.metadata

    written.write_text(written.read_text(encoding="utf-8") + "\nAn author's edit.\n", encoding="utf-8")
    edited = written.read_bytes()
    assert main(["import", str(scrape), "--out", str(out), "--date", "2024-05-01"]) == 1
    assert written.read_bytes() == edited
    assert "--force" in capsys.readouterr().err

    assert main(["import", str(scrape), "--out", str(out), "--date", "2024-05-01", "--force"]) == 0
    assert (out / (written.name + "~")).read_bytes() == edited
    assert "An author's edit." not in written.read_text(encoding="utf-8")


def test_report_lists_every_removal_and_fix(tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_text(SCRAPE.replace("Juno Platt founded", "Juno?Platt founded?Tidewell and").replace("More boats.", "More boats.\n\nLike\n\nNo alt text provided for this image"), encoding="utf-8")
    report = tmp_path / "report.json"
    assert main(["import", str(path), "--stdout", "--report", str(report)]) == 0
    data = json.loads(report.read_text(encoding="utf-8"))
    records = data["imports"][0]["records"]
    reasons = {(r["stage"], r["reason"]) for r in records if r["kind"] in ("removed", "fixed")}
    assert ("chrome", "platform UI chrome") in reasons
    assert ("chrome", "image placeholder") in reasons
    assert ("encoding", "lost non-breaking space shown as '?'") in reasons
    fix = next(r for r in records if r["reason"].startswith("lost"))
    assert "?" in fix["before"] and "Juno Platt founded Tidewell" in fix["after"]


def test_bad_inputs_get_clear_errors_and_do_not_stop_the_batch(scrape: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    out = tmp_path / "posts"
    code = main(["import", str(empty), str(missing), str(scrape), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{empty}: is empty" in err and f"{missing}: no such file" in err
    assert len(list(out.glob("*.md"))) == 1  # the good file was still imported


def test_bad_date_is_a_usage_error(scrape: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(scrape), "--stdout", "--date", "May 1"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_windows_1252_and_utf16_inputs_are_decoded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = SCRAPE.replace("dependable", "dependable — and café-friendly")
    for name, data in (("cp.txt", text.encode("cp1252")), ("u16.txt", text.encode("utf-16")), ("bom.txt", b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))):
        (tmp_path / name).write_bytes(data)
        assert main(["import", str(tmp_path / name), "--stdout"]) == 0
        out = capsys.readouterr().out
        assert "dependable — and café-friendly" in out and "\r" not in out


def test_reimporting_a_post_changes_nothing(scrape: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(scrape), "--stdout", "--date", "2024-05-01"]) == 0
    first = capsys.readouterr().out
    again = tmp_path / "again.md"
    again.write_text(first, encoding="utf-8")
    assert main(["import", str(again), "--stdout"]) == 0
    assert capsys.readouterr().out == first


def test_post_round_trip() -> None:
    post = Post(metadata={"Slug": "x", "Title": "A: B", "Date": "2024-01-01"}, body="Hello.")
    text = post.to_text()
    assert text.startswith("Title: A: B\nDate: 2024-01-01\n")
    assert parse_post(text).metadata == {"Title": "A: B", "Date": "2024-01-01", "Slug": "x"}


def _scrape(title: str, body: str) -> str:
    return f"{title}\n\n{body}\n\nThanks for visiting the workshop log, where every builder gets a page and a cup of tea.\n"


def test_batch_import_of_a_folder_in_parallel_removes_recurring_sign_offs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scrapes = tmp_path / "scrapes"
    scrapes.mkdir()
    for i in range(5):
        body = f"Intro {i}.\n\nRavi Kahn: Question {i}?\n\nJuno Platt{i}: Answer {i}.\n\nKahn: Another?\n\nPlatt{i}: Yes."
        (scrapes / f"s{i}.txt").write_text(_scrape(f"Makers #{i}: Juno Platt{i}, Founder at Tidewell", body), encoding="utf-8")
    (scrapes / "broken.txt").write_bytes(b"")
    out = tmp_path / "posts"
    code = main(["import", str(scrapes), "--out", str(out), "--jobs", "2", "--date", "2024-01-01"])
    err = capsys.readouterr().err
    assert code == 1 and "broken.txt: is empty" in err
    posts = sorted(out.glob("*.md"))
    assert len(posts) == 5
    for post in posts:
        text = post.read_text(encoding="utf-8")
        assert "workshop log" not in text  # the sign-off recurs in every scrape: boilerplate
        assert text.count("**Ravi Kahn:**") == 2
    assert "5 of 6 file(s) imported" in err


def test_html_and_markdown_inputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<!doctype html><html><head><title>Meet Ida Vance, Potter at Kilnworks</title>"
        '<meta property="article:published_time" content="2023-09-01T10:00:00Z"><meta name="author" content="Ravi Kahn">'
        '<link rel="canonical" href="https://example.com/ida/"></head><body><nav>Home</nav><article>'
        "<p>Ida makes bowls.</p><p><strong>Ravi Kahn:</strong> Why clay?</p><p><strong>Ida Vance:</strong> It listens.</p>"
        "<p><strong>Ravi Kahn:</strong> And glaze?</p><p><strong>Ida Vance:</strong> It argues.</p></article></body></html>",
        encoding="utf-8",
    )
    assert main(["import", str(page), "--stdout"]) == 0
    post = parse_post(capsys.readouterr().out)
    assert post.metadata["Date"] == "2023-09-01" and post.metadata["Author"] == "Ravi Kahn"
    assert post.metadata["Source"] == "https://example.com/ida/" and "Status" not in post.metadata
    assert post.body.split("\n\n")[1:] == ["**Ravi Kahn:** Why clay?", "**Ida Vance:** It listens.", "**Ravi Kahn:** And glaze?", "**Ida Vance:** It argues."]


def test_explain_shows_a_diff(scrape: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scrape.write_text(SCRAPE.replace("More boats.", "More boats.\n\nReply"), encoding="utf-8")
    assert main(["import", str(scrape), "--stdout", "--explain"]) == 0
    err = capsys.readouterr().err
    assert "-Reply" in err and "+**Ravi Kahn:** Why Tidewell?" in err


def test_check_finds_leftover_junk_with_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = tmp_path / "clean.md"
    clean.write_text("Title: Clean\nGuid: urn:uuid:6f1d3c3e-5b7a-4f43-9b1e-2f6c1a8d9e41\n\nA real answer? Yes.\n", encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 0
    dirty = tmp_path / "dirty.md"
    dirty.write_text("Title: Dirty\nDate: 2024-01-01\n\nIntro.\n\nReply\n\nIt didnâ€™t work.\n\nSubscribe?to the list and more?words\n\n2 年\n", encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"{dirty}:6: platform UI chrome" in out
    assert f"{dirty}:8: mojibake" in out
    assert f"{dirty}:10: '?' standing for a lost space" in out
    assert f"{dirty}:12: comment timestamp" in out
    assert str(clean) not in out
