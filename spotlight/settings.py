"""A site's settings: Pelican's own reading of ``pelicanconf.py`` (or ``publishconf.py``),
with what the command line overrides."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from .errors import UsageError

SETTINGS_FILE = "pelicanconf.py"
PUBLISH_SETTINGS_FILE = "publishconf.py"


def parse_overrides(pairs: list[str]) -> dict[str, Any]:
    """``KEY=VALUE`` pairs as Pelican's ``--extra-settings`` reads them: VALUE is JSON, or a
    plain string when it is not valid JSON."""
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"-e {pair!r}: expected KEY=VALUE, for example -e SITENAME='\"My site\"'")
        try:
            out[key.strip()] = json.loads(value)
        except json.JSONDecodeError:
            out[key.strip()] = value
    return out


def load_settings(
    project: Path,
    *,
    content: Path | None = None,
    output: Path | None = None,
    publish: bool = False,
    overrides: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Pelican settings from the project's ``pelicanconf.py`` (or ``publishconf.py``)."""
    from pelican.settings import read_settings

    name = PUBLISH_SETTINGS_FILE if publish else SETTINGS_FILE
    path = project / name
    if not path.is_file():
        raise UsageError(f"{path}: not found. Run spotlight from your site's folder (the one with {SETTINGS_FILE}).")
    override: dict[str, Any] = dict(overrides or {})
    if publish:  # (a publish build writes no draft, whatever the settings file says)
        override["SPOTLIGHT_DRAFT_PREVIEWS"] = False
    if content is not None:
        override["PATH"] = str(content.resolve())
    if output is not None:
        override["OUTPUT_PATH"] = str(output.resolve())
    # publishconf.py imports pelicanconf.py by its module name: it must be this project's,
    # not one read before in this process (another site's, or this one before an edit).
    if str(project) in sys.path:
        sys.path.remove(str(project))
    sys.path.insert(0, str(project))
    for module in (Path(SETTINGS_FILE).stem, Path(PUBLISH_SETTINGS_FILE).stem):
        sys.modules.pop(module, None)
    cwd = os.getcwd()
    try:
        os.chdir(project)  # relative paths in the settings are relative to the project
        settings = read_settings(str(path), override=override)
    finally:
        os.chdir(cwd)
    for key in ("PATH", "OUTPUT_PATH", "THEME"):
        value = settings.get(key)
        if value and not os.path.isabs(value):
            settings[key] = str((project / value).resolve())
    if not Path(settings["PATH"]).is_dir():
        raise UsageError(f"{settings['PATH']}: the content folder does not exist")
    return settings
