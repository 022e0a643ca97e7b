"""Shared fixtures: paths to the project, the shared seed, and a temporary site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "employee-spotlight-2-skylar-payne.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip(f"the shared seed is not here ({SEED}); CI has ../shared beside the clone")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A temporary content folder holding the fixture posts (two interviews and a page)."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "site", content)
    return content
