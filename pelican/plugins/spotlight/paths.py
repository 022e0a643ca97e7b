"""Where the plugin's files are."""

from __future__ import annotations

from pathlib import Path


def theme_path() -> str:
    """The folder of Spotlight's theme, for ``THEME = spotlight.theme_path()`` in a site's
    pelicanconf.py: the copy installed with the package, or the ``theme/`` folder of a source
    checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "theme", here.parents[2] / "theme"):
        if (candidate / "templates" / "article.html").is_file():
            return str(candidate)
    raise FileNotFoundError(f"Spotlight's theme is missing next to {here}; reinstall the spotlight package")


# The line of Spotlight's base.html that tells its theme (or a copy of it) from others.
THEME_MARK = "spotlight-theme"


def is_spotlight_theme(theme: str) -> bool:
    """Whether the theme at ``theme`` is Spotlight's (or a copy of it: its base.html carries
    :data:`THEME_MARK`)."""
    if not theme:
        return False
    folder = Path(theme)
    try:
        if folder.resolve() == Path(theme_path()).resolve():
            return True
        return THEME_MARK in (folder / "templates" / "base.html").read_text(encoding="utf-8")[:2000]
    except (OSError, UnicodeDecodeError):
        return False
