"""A build with nothing to do answers without reading the settings (which means importing
Pelican), and still sees every change that matters: the posts, the settings files, the
environment they read, and how the build was asked for."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT
from tests.test_incremental import _write_posts

_PROBE = "import sys; from spotlight.cli import main; rc = main(sys.argv[1:]); print('PELICAN-READ' if 'pelican' in sys.modules else 'PELICAN-NOT-READ'); sys.exit(rc)"


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "site"
    project.mkdir()
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, project / name)
    shutil.copytree(ROOT / "theme", project / "theme")
    _write_posts(project / "content", 3)
    with open(project / "pelicanconf.py", "a", encoding="utf-8") as fh:
        fh.write('\nimport os\nSITESUBTITLE = os.environ.get("SPOTLIGHT_TEST_SUBTITLE", SITESUBTITLE)\nSEARCH_INDEX = False\n')
    return project


def _build(project: Path, *extra: str, env: dict[str, str] | None = None) -> str:
    command = [sys.executable, "-c", _PROBE, "build", "--project", str(project), *extra]
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, env={**os.environ, **(env or {})}, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_nothing_to_do_is_told_without_reading_the_settings(tmp_path: Path) -> None:
    project = _project(tmp_path)
    assert "Built 3 interview(s)" in _build(project)
    again = _build(project)
    assert "Nothing changed" in again and "PELICAN-NOT-READ" in again
    # After a quick build too (which reads posts with Pelican's Markdown reader, in this process).
    post = project / "content" / "interviews" / "post-1.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert "a quick build" in _build(project)
    again = _build(project)
    assert "Nothing changed" in again and "PELICAN-NOT-READ" in again


def test_what_the_settings_depend_on_is_still_seen(tmp_path: Path) -> None:
    project = _project(tmp_path)
    _build(project)
    # The environment a settings file reads.
    built = _build(project, env={"SPOTLIGHT_TEST_SUBTITLE": "Read from the environment"})
    assert "Built 3" in built
    assert "Read from the environment" in (project / "output" / "index.html").read_text(encoding="utf-8")
    # A settings file.
    with open(project / "pelicanconf.py", "a", encoding="utf-8") as fh:
        fh.write('SITENAME = "Renamed in the settings"\n')
    assert "Built 3" in _build(project)
    assert "Renamed in the settings" in (project / "output" / "index.html").read_text(encoding="utf-8")
    # How the build is asked for.
    assert "Built 3" in _build(project, "-e", 'SITENAME="Renamed on the command line"')
    assert "Renamed on the command line" in (project / "output" / "index.html").read_text(encoding="utf-8")
    # A post.
    post = project / "content" / "interviews" / "post-1.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert "Built 3" in _build(project, "-e", 'SITENAME="Renamed on the command line"')
    # And with nothing changed since, nothing to do.
    assert "Nothing changed" in _build(project, "-e", 'SITENAME="Renamed on the command line"')
