"""`spotlight import` refuses what is not a post, with the build's own messages, and
`spotlight check` makes every check the build makes (one list of checks for the three)."""

from __future__ import annotations

import gzip
import io
import os
import sys
import zipfile
from pathlib import Path

import pytest

from spotlight.cli import main
from spotlight.post import parse_post
from spotlight.validate import binary_kind, check_post
from tests.conftest import ROOT
from tests.test_broken_posts import BROKEN, _build

INTERVIEW = """Workbench Notes #4: Oona Breck, Luthier at Spruce & Gut

Oona Breck builds cellos in a converted boathouse.

Tamsin Roe: How did you start?

Oona Breck: With a broken violin and a library card.

Roe: And now?

Breck: Now the violins break less.
"""


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document>An interview</w:document>")
    return buffer.getvalue()


# Binary files as they are met: saved under a text name by mistake, or a folder's stray file.
BINARIES: list[tuple[str, bytes, str]] = [
    ("python.txt", Path(sys.executable).resolve().read_bytes()[:65536], "ELF executable" if sys.platform.startswith("linux") else ""),
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "PNG image"),
    ("portrait.md", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + os.urandom(2048), "JPEG image"),
    ("banner.html", b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff" + bytes(64), "GIF image"),
    ("article.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" * 20, "PDF document"),
    ("interview.md", _zip(), "ZIP archive"),
    ("page.html", gzip.compress(INTERVIEW.encode("utf-8")), "gzip archive"),
    ("noise.txt", bytes(b % 32 for b in range(4000)), "NUL bytes"),
    ("noise.md", bytes(range(1, 256)) * 16, "control bytes"),
]


@pytest.mark.parametrize("name, data, kind", BINARIES, ids=[b[0] for b in BINARIES])
def test_a_binary_file_is_refused_and_nothing_is_written(tmp_path: Path, name: str, data: bytes, kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    out = tmp_path / "posts"
    assert main(["import", str(path), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{path}: is a binary file (" in err and "not a scrape or a post" in err, err
    assert kind in err.split("binary file (")[1].split(")")[0]
    assert not out.exists()


@pytest.mark.parametrize(
    "text",
    [
        "MZ Wallace: a bag maker's story\n\nText about bags.",
        "PK Subban on coaching\n\nA text.",
        "ID3 tags, explained by Ana Gil\n\nA text.",
        "The big WAVE of 2019\n\nA text.",
        "BZh, a band from Lyon\n\nUn texte.",
        "Terminal colours: \x1b[31mred\x1b[0m and \x1b[32mgreen\x1b[0m, line after line.\n" * 40,
        "Ein Text mit einem verirrten \x01 Zeichen.\n" * 3,
        "Control characters as a test string lists them: \x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\x13\x7f.\n" * 4,
    ],
)
def test_text_that_starts_like_a_signature_is_not_binary(text: str) -> None:
    for encoding in ("utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32"):
        assert binary_kind(text.encode(encoding)) is None, encoding


def _words(out: str) -> str:
    return " ".join(out.split())


@pytest.mark.parametrize(
    "name, text",
    [
        ("no-title.md", "Date: 2024-03-05\nAuthor: Tamsin Roe\nSlug: oona\n\nOona Breck: With a library card.\n"),
        ("lower-case.markdown", "date: 2024-03-05\ntags: craft, wood\n\nA short post.\n"),
        ("header-only.txt", "Author: Tamsin Roe\nInterviewee: Oona Breck\n\nTamsin Roe: How?\n\nOona Breck: Slowly.\n"),
    ],
)
def test_a_post_without_a_title_is_refused_with_the_builds_message(tmp_path: Path, name: str, text: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "posts"
    assert main(["import", str(path), "--out", str(out)]) == 1
    err = _words(capsys.readouterr().err)
    build_message = str(check_post(str(path), text.encode("utf-8"))[0][0]).replace(":1:", ":")
    assert build_message in err and "has no Title" in err and "nothing was written" in err, err
    assert not out.exists()


def test_a_scrape_whose_title_has_a_colon_is_still_a_scrape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "spotlight.txt"
    path.write_text("Spotlight: Oona Breck, Luthier at Spruce & Gut\n\n" + INTERVIEW.split("\n\n", 1)[1], encoding="utf-8")
    assert main(["import", str(path), "--stdout"]) == 0
    post = parse_post(capsys.readouterr().out)
    assert post.metadata["Title"] == "Spotlight: Oona Breck, Luthier at Spruce & Gut"
    assert "**Oona Breck:**" in post.body


@pytest.mark.parametrize("date", ["2024-02-30", "2023-02-29", "2024-13-01", "2024-04-31", "2024-05-01 10:00", "1 May 2024"])
def test_an_impossible_date_option_is_refused_before_anything_is_read(tmp_path: Path, date: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "oona.txt"
    path.write_text(INTERVIEW, encoding="utf-8")
    out = tmp_path / "posts"
    assert main(["import", str(path), "--out", str(out), "--date", date]) == 2
    err = _words(capsys.readouterr().err)
    assert f"--date {date!r} is not" in err and "YYYY-MM-DD" in err
    assert not out.exists()


def test_a_post_with_an_invalid_date_is_refused_unless_date_replaces_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "Title: Oona Breck, Luthier\nDate: 2024-02-30\n\n" + INTERVIEW.split("\n\n", 1)[1]
    path = tmp_path / "oona.md"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "posts"
    assert main(["import", str(path), "--out", str(out)]) == 1
    err = _words(capsys.readouterr().err)
    assert f"{path}: Date '2024-02-30' is not a date; write it as YYYY-MM-DD" in err
    assert not out.exists()
    assert main(["import", str(path), "--out", str(out), "--date", "2024-02-29"]) == 0
    assert parse_post((out / "oona-breck-luthier.md").read_text(encoding="utf-8")).metadata["Date"] == "2024-02-29"


def test_a_post_larger_than_the_builds_limit_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    paragraph = "Oona Breck: " + "The spruce sings when it is dry enough, and not a day before. " * 40
    text = "Title: Oona Breck, at length\nDate: 2024-03-05\n\n" + "\n\n".join(f"{paragraph}({i})" for i in range(420))
    assert len(text.encode("utf-8")) > 1_000_000
    path = tmp_path / "long.md"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "posts"
    assert main(["import", str(path), "--out", str(out)]) == 1
    err = _words(capsys.readouterr().err)
    assert f"{path}: is 1,0" in err and "more than the limit of 1,000,000 (MAX_POST_BYTES" in err
    assert not out.exists()
    site = tmp_path / "site"  # a site that allows longer posts: its limit is the one that counts
    site.mkdir()
    (site / "pelicanconf.py").write_text('PATH = "."\nMAX_POST_BYTES = 2_000_000\n', encoding="utf-8")
    monkeypatch.chdir(site)
    assert main(["import", str(path), "--out", str(out)]) == 0
    assert len(next(out.glob("*.md")).read_bytes()) > 1_000_000


def test_unsafe_paths_in_a_post_are_refused_before_its_file_name_is_chosen(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "escape.md"
    path.write_text("Title: Escape\nDate: 2024-03-05\nSlug: ../../escaped\n\nText.\n", encoding="utf-8")
    out = tmp_path / "a" / "b" / "posts"
    assert main(["import", str(path), "--out", str(out)]) == 1
    assert "Slug '../../escaped' would write outside the output folder" in capsys.readouterr().err
    assert not list(tmp_path.rglob("escaped*"))


def test_a_folder_import_goes_on_past_refusals_and_counts_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "scrapes"
    folder.mkdir()
    (folder / "a-good.txt").write_text(INTERVIEW, encoding="utf-8")
    (folder / "b-binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(512))
    (folder / "c-no-title.md").write_text("Date: 2024-03-05\nAuthor: Tamsin Roe\n\nText.\n", encoding="utf-8")
    (folder / "d-bad-date.md").write_text("Title: Bad date\nDate: 2024-02-30\n\nText.\n", encoding="utf-8")
    (folder / "e-article.txt").write_text("Why boathouses make good workshops\n\nThe light is even and the damp is steady.\n\nWood likes that.\n", encoding="utf-8")
    out = tmp_path / "posts"
    assert main(["import", str(folder), "--out", str(out)]) == 1
    err = _words(capsys.readouterr().err)
    for name in ("b-binary.txt: is a binary file (ELF executable)", "c-no-title.md: has no Title", "d-bad-date.md: Date '2024-02-30' is not a date"):
        assert f"{folder / name}" in err, name
    assert "2 of 5 file(s) imported" in err and "3 of 5 file(s) refused" in err
    assert sorted(p.name for p in out.glob("*.md")) == ["why-boathouses-make-good-workshops.md", "workbench-notes-4-oona-breck-luthier-at-spruce-gut.md"]


def test_an_article_without_speakers_is_imported_with_a_warning_saying_how_to_label_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name, text in (
        ("essay.txt", "Pourquoi l'épicéa chante\n\nLe bois sec résonne mieux.\n\nC'est une affaire de patience.\n"),
        ("essay.md", "Title: Warum Fichte klingt\nDate: 2024-03-05\n\nTrockenes Holz klingt besser.\n\nGeduld ist alles.\n"),
    ):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        assert main(["import", str(path), "--stdout", "--date", "2024-03-05"]) == 0
        captured = capsys.readouterr()
        post = parse_post(captured.out)
        assert "**" not in post.body and post.body.count("\n\n") == 1
        warning = next(line for line in captured.err.splitlines() if "no speakers recognised" in line)
        assert str(path) in warning and "without interview turns" in _words(captured.err) and "'Ada Lovelace: …'" in _words(captured.err)


def _problem_lines(err: str) -> set[str]:
    return {line.strip()[2:] for line in err.splitlines() if line.strip().startswith("- ")}


def test_check_makes_every_check_the_build_makes(site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The build's broken posts (tests/test_broken_posts.py) through both: every problem the
    build prints, `spotlight check FOLDER` prints too, and `check FILE` for the file alone."""
    for name, data, _ in BROKEN:
        (site / "interviews" / name).write_bytes(data)
    assert _build(site, tmp_path / "out") != 0
    refused = _problem_lines(capsys.readouterr().err)
    assert all(any(name in line for line in refused) for name, _, _ in BROKEN)
    monkeypatch.chdir(ROOT)  # from the site's folder, as an author runs it: its settings apply
    assert main(["check", str(site)]) == 1
    checked = set(capsys.readouterr().out.splitlines())
    assert refused <= checked, refused - checked
    between_posts = ("same slug", "same Guid")
    for line in refused:
        if any(what in line for what in between_posts):
            continue
        path = line.split(":")[0]
        assert main(["check", path]) == 1
        assert line in capsys.readouterr().out.splitlines(), line


def test_check_from_the_sites_folder_checks_posts_outside_its_content(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "untitled.md").write_text("Date: 2024-03-05\nGuid: urn:uuid:6f1d3c3e-5b7a-4f43-9b1e-2f6c1a8d9e41\n\nText.\n", encoding="utf-8")
    monkeypatch.chdir(ROOT)
    for target in (drafts, drafts / "untitled.md"):
        assert main(["check", str(target)]) == 1
        assert f"{drafts / 'untitled.md'}:1: has no Title" in capsys.readouterr().out


def test_whatever_import_writes_passes_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The build's broken posts, imported: each is refused with the build's message, or the
    cleanup repaired it and check finds nothing the build would refuse."""
    out = tmp_path / "posts"
    for name, data, message in BROKEN:
        if name == "brackets.md":
            data = data.replace(b"[" * 20000, b"[" * 1500)  # (the same check, without minutes of cleanup)
        path = tmp_path / name
        path.write_bytes(data)
        code = main(["import", str(path), "--out", str(out), "--force"])
        err = _words(capsys.readouterr().err)
        if code:
            assert f"{path}: " in err and message in err, (name, err)
        else:
            written = next(out.glob("*.md"))
            assert check_post(str(written), written.read_bytes())[0] == [], name
            written.unlink()
