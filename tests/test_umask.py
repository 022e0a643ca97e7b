"""What Spotlight writes has the permissions the user's umask allows (0644 and 0755 under
umask 022), not the owner-only ones of :mod:`tempfile`: a web server running as another user,
or an ``rsync -a`` upload, must be able to read the site; and a post written in place of
another keeps that post's permissions."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from spotlight.check import add_missing_guids
from spotlight.cli import main
from spotlight.files import allowed_mode, current_umask
from spotlight.post import slugify
from tests.conftest import build_into
from tests.test_import_cli import SCRAPE  # (a scrape of its own would be the same text)

@contextmanager
def umask(mask: int) -> Iterator[None]:
    """The process's umask set to ``mask`` (it is process-wide), and put back afterwards."""
    previous = os.umask(mask)
    try:
        yield
    finally:
        os.umask(previous)


def _modes(folder: Path) -> tuple[dict[str, int], dict[str, int]]:
    """The permission bits of every folder (``folder`` itself included) and every file under it."""
    folders = {".": stat.S_IMODE(folder.stat().st_mode)}
    files = {}
    for root, dirs, names in os.walk(folder):
        for name in dirs + names:
            path = Path(root, name)
            info = path.lstat()
            assert not stat.S_ISLNK(info.st_mode), f"{path} is a symbolic link"
            (folders if stat.S_ISDIR(info.st_mode) else files)[path.relative_to(folder).as_posix()] = stat.S_IMODE(info.st_mode)
    return folders, files


def test_allowed_mode_follows_the_umask_now_and_a_replaced_file_keeps_its_own(tmp_path: Path) -> None:
    with umask(0o027):
        assert current_umask() == 0o027
        assert (allowed_mode(), allowed_mode(0o777)) == (0o640, 0o750)
        with umask(0o002):  # (read each time: not the umask of the first call)
            assert (allowed_mode(), allowed_mode(0o777)) == (0o664, 0o775)
    private = tmp_path / "private.md"
    private.write_text("x", encoding="utf-8")
    private.chmod(0o600)
    with umask(0o022):
        assert allowed_mode(replacing=private) == 0o600
        assert allowed_mode(replacing=tmp_path / "missing.md") == 0o644


@pytest.mark.parametrize(("mask", "file_mode", "folder_mode"), [(0o022, 0o644, 0o755), (0o027, 0o640, 0o750)], ids=["umask-022", "umask-027"])
def test_a_build_writes_every_file_and_folder_with_the_umask(site: Path, tmp_path: Path, mask: int, file_mode: int, folder_mode: int) -> None:
    output = tmp_path / "out" / "output"
    with umask(mask):
        build_into(site, output)
    folders, files = _modes(output)
    assert "index.html" in files and "theme/css/style.css" in files and "images/diagram.png" in files
    if (output / "pagefind").is_dir():  # (the search index, when Pagefind is installed)
        assert "pagefind/pagefind-entry.json" in files
    assert {p: oct(m) for p, m in folders.items() if m != folder_mode} == {}
    assert {p: oct(m) for p, m in files.items() if m != file_mode} == {}
    assert [p.name for p in output.parent.iterdir() if p.name.startswith(".output.")] == []  # (no staging left)


def test_import_writes_a_post_with_the_umask_and_force_keeps_the_replaced_posts_mode(tmp_path: Path) -> None:
    scrape = tmp_path / "juno.txt"
    scrape.write_text(SCRAPE, encoding="utf-8")
    out = tmp_path / "posts"
    post = out / (slugify("Makers #3: Juno Platt, Founder at Tidewell") + ".md")
    with umask(0o022):
        assert main(["import", str(scrape), "--out", str(out), "--date", "2024-05-01"]) == 0
        assert stat.S_IMODE(post.stat().st_mode) == 0o644
        assert [p.name for p in out.iterdir()] == [post.name]  # (no temporary file left)

        post.chmod(0o600)
        assert main(["import", str(scrape), "--out", str(out), "--date", "2024-05-01", "--force"]) == 0
        assert stat.S_IMODE(post.stat().st_mode) == 0o600
        backup = post.with_name(post.name + "~")
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600  # (the old post's copy is no more readable than it was)
        assert sorted(p.name for p in out.iterdir()) == sorted([post.name, backup.name])


def test_check_fix_keeps_the_posts_mode(tmp_path: Path) -> None:
    shared, private = tmp_path / "shared.md", tmp_path / "private.md"
    for path, mode in ((shared, 0o644), (private, 0o600)):
        path.write_text("Title: A post\nDate: 2024-05-01\n\nText.\n", encoding="utf-8")
        path.chmod(mode)
    with umask(0o077):
        assert add_missing_guids([shared, private]) == [shared, private]
    assert "Guid: " in shared.read_text(encoding="utf-8")
    assert (stat.S_IMODE(shared.stat().st_mode), stat.S_IMODE(private.stat().st_mode)) == (0o644, 0o600)
