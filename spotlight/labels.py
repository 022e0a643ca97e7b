"""The theme's labels in the site's language: "First published on", "Interview by"…

Templates call the Jinja global ``label_text("First published on")``: the English label is the
key, and the site's ``DEFAULT_LANG`` picks its translation (a post in another language keeps
the site's labels: its header and footer are the site's). A site changes or adds any label with
``SPOTLIGHT_LABELS = {"First published on": "Paru d'abord sur"}``, or for several languages
``{"fr": {...}, "es": {...}}``; a label with no translation stays in English.
"""

from __future__ import annotations

from typing import Any

from jinja2 import pass_context

# The labels around an interview (its page, its card in lists, its e-mail edition).
TRANSLATIONS: dict[str, dict[str, str]] = {
    "es": {
        "First published on": "Publicado originalmente en",
        "Interview by": "Entrevista de",
        "min read": "min de lectura",
        "In this interview": "En esta entrevista",
        "Tags:": "Etiquetas:",
        "Read it on the web": "Léela en la web",
    },
    "fr": {
        "First published on": "Publié d'abord sur",
        "Interview by": "Entretien par",
        "min read": "min de lecture",
        "In this interview": "Dans cet entretien",
        "Tags:": "Mots-clés :",
        "Read it on the web": "Le lire sur le web",
    },
    "de": {
        "First published on": "Zuerst erschienen auf",
        "Interview by": "Interview von",
        "min read": "Min. Lesezeit",
        "In this interview": "In diesem Interview",
        "Tags:": "Schlagwörter:",
        "Read it on the web": "Im Web lesen",
    },
    "pt": {
        "First published on": "Publicado originalmente em",
        "Interview by": "Entrevista de",
        "min read": "min de leitura",
        "In this interview": "Nesta entrevista",
        "Tags:": "Etiquetas:",
        "Read it on the web": "Leia na web",
    },
    "it": {
        "First published on": "Pubblicato per la prima volta su",
        "Interview by": "Intervista di",
        "min read": "min di lettura",
        "In this interview": "In questa intervista",
        "Tags:": "Tag:",
        "Read it on the web": "Leggila sul web",
    },
}


def translate(text: str, language: str | None, overrides: Any = None) -> str:
    """``text`` (an English label) in ``language`` ("es", "pt-BR": its first part is enough),
    with the site's own ``overrides`` first.

    >>> translate("First published on", "es"), translate("First published on", "pt-BR"), translate("Tags:", "nl")
    ('Publicado originalmente en', 'Publicado originalmente em', 'Tags:')
    >>> translate("Tags:", "fr", {"Tags:": "Sujets :"}), translate("Tags:", "de", {"fr": {"Tags:": "Sujets :"}})
    ('Sujets :', 'Schlagwörter:')
    """
    lang = str(language or "en").replace("_", "-").lower()
    base = lang.split("-")[0]
    if isinstance(overrides, dict) and overrides:
        for key in (lang, base):
            table = overrides.get(key)
            if isinstance(table, dict) and isinstance(table.get(text), str):
                return table[text]
        if isinstance(overrides.get(text), str):
            return overrides[text]
    return TRANSLATIONS.get(base, {}).get(text, text)


@pass_context
def label_text(context: Any, text: str) -> str:
    """The Jinja global: ``text`` in the site's language (``DEFAULT_LANG``, ``SPOTLIGHT_LABELS``)."""
    return translate(text, context.get("DEFAULT_LANG"), context.get("SPOTLIGHT_LABELS"))
