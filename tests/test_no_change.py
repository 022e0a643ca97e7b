"""A build with nothing to do says so and leaves the output alone, and still sees every
change that matters: the posts, the settings files, the environment they read, and how the
build was asked for."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT
from tests.conftest import write_posts



def _project(tmp_path: Path) -> Path:
    project = tmp_path / "site"
    project.mkdir()
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, project / name)
    shutil.copytree(ROOT / "theme", project / "theme")
    write_posts(project / "content", 3)
    with open(project / "pelicanconf.py", "a", encoding="utf-8") as fh:
        fh.write('\nimport os\nSITESUBTITLE = os.environ.get("SPOTLIGHT_TEST_SUBTITLE", SITESUBTITLE)\nSEARCH_INDEX = False\n')
    return project


def _build(project: Path, *extra: str, env: dict[str, str] | None = None) -> str:
    command = [sys.executable, "-m", "spotlight", "build", "--project", str(project), *extra]
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, env={**os.environ, **(env or {})}, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_nothing_to_do_leaves_the_output_alone(tmp_path: Path) -> None:
    project = _project(tmp_path)
    assert "Built 3 interview(s)" in _build(project)
    index = project / "output" / "index.html"
    before = index.stat().st_ino, index.stat().st_mtime_ns
    assert "Nothing changed" in _build(project)
    assert (index.stat().st_ino, index.stat().st_mtime_ns) == before
    # An edited post is built, and then there is nothing to do again.
    post = project / "content" / "interviews" / "post-1.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert "Built 3 interview(s)" in _build(project)
    assert "One more line." in (project / "output" / "post-1" / "index.html").read_text(encoding="utf-8")
    assert "Nothing changed" in _build(project)
    # --force builds anyway.
    assert "Built 3 interview(s)" in _build(project, "--force")


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
