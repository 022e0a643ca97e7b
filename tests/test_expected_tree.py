"""Functional test: building the fixture site gives exactly the committed expected tree.

After an intended change, regenerate it with `.venv/bin/python scripts/regen_expected.py`
and review `git diff tests/expected`.
"""

from __future__ import annotations

import difflib
import importlib.util
from pathlib import Path

from tests.conftest import ROOT

_spec = importlib.util.spec_from_file_location("regen_expected", ROOT / "scripts" / "regen_expected.py")
assert _spec and _spec.loader
regen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(regen)


def test_build_matches_the_expected_tree(tmp_path: Path) -> None:
    output = tmp_path / "output"
    regen.build_fixture(output)
    actual = regen.compared_files(output)
    expected = regen.compared_files(regen.EXPECTED)
    assert sorted(actual) == sorted(expected), "files differ; run scripts/regen_expected.py after an intended change"
    for rel in sorted(expected):
        if actual[rel] != expected[rel]:
            diff = "".join(
                difflib.unified_diff(
                    expected[rel].decode("utf-8").splitlines(True), actual[rel].decode("utf-8").splitlines(True), f"expected/{rel}", f"built/{rel}", n=2
                )
            )
            raise AssertionError(f"{rel} differs from tests/expected (run scripts/regen_expected.py after an intended change):\n{diff[:4000]}")
