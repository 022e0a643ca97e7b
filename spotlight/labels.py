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

# The labels around an interview (its page, its card in lists, its player and transcript, its
# e-mail edition).
TRANSLATIONS: dict[str, dict[str, str]] = {
    "es": {
        "First published on": "Publicado originalmente en",
        "Interview by": "Entrevista de",
        "min read": "min de lectura",
        "In this interview": "En esta entrevista",
        "Tags:": "Etiquetas:",
        "Read it on the web": "Léela en la web",
        "Originally published at": "Publicado originalmente en",
        "Listen to the interview": "Escucha la entrevista",
        "Download the audio": "Descarga el audio",
        "Read the transcript": "Lee la transcripción",
        "Subscribe to the podcast": "Suscríbete al pódcast",
        "Transcript:": "Transcripción:",
        "The words of": "Las palabras",
        "the interview": "de la entrevista",
        "with": "con",
        "and": "y",
    },
    "fr": {
        "First published on": "Publié d'abord sur",
        "Interview by": "Entretien par",
        "min read": "min de lecture",
        "In this interview": "Dans cet entretien",
        "Tags:": "Mots-clés :",
        "Read it on the web": "Le lire sur le web",
        "Originally published at": "Publié à l'origine sur",
        "Listen to the interview": "Écouter l'entretien",
        "Download the audio": "Télécharger l'audio",
        "Read the transcript": "Lire la transcription",
        "Subscribe to the podcast": "S'abonner au podcast",
        "Transcript:": "Transcription :",
        "The words of": "Les mots",
        "the interview": "de l'entretien",
        "with": "avec",
        "and": "et",
    },
    "de": {
        "First published on": "Zuerst erschienen auf",
        "Interview by": "Interview von",
        "min read": "Min. Lesezeit",
        "In this interview": "In diesem Interview",
        "Tags:": "Schlagwörter:",
        "Read it on the web": "Im Web lesen",
        "Originally published at": "Ursprünglich erschienen auf",
        "Listen to the interview": "Das Interview anhören",
        "Download the audio": "Audio herunterladen",
        "Read the transcript": "Transkript lesen",
        "Subscribe to the podcast": "Podcast abonnieren",
        "Transcript:": "Transkript:",
        "The words of": "Der Wortlaut",
        "the interview": "des Interviews",
        "with": "mit",
        "and": "und",
    },
    "pt": {
        "First published on": "Publicado originalmente em",
        "Interview by": "Entrevista de",
        "min read": "min de leitura",
        "In this interview": "Nesta entrevista",
        "Tags:": "Etiquetas:",
        "Read it on the web": "Leia na web",
        "Originally published at": "Publicado originalmente em",
        "Listen to the interview": "Ouça a entrevista",
        "Download the audio": "Baixe o áudio",
        "Read the transcript": "Leia a transcrição",
        "Subscribe to the podcast": "Assine o podcast",
        "Transcript:": "Transcrição:",
        "The words of": "As palavras",
        "the interview": "da entrevista",
        "with": "com",
        "and": "e",
    },
    "it": {
        "First published on": "Pubblicato per la prima volta su",
        "Interview by": "Intervista di",
        "min read": "min di lettura",
        "In this interview": "In questa intervista",
        "Tags:": "Tag:",
        "Read it on the web": "Leggila sul web",
        "Originally published at": "Pubblicato originariamente su",
        "Listen to the interview": "Ascolta l'intervista",
        "Download the audio": "Scarica l'audio",
        "Read the transcript": "Leggi la trascrizione",
        "Subscribe to the podcast": "Iscriviti al podcast",
        "Transcript:": "Trascrizione:",
        "The words of": "Le parole",
        "the interview": "dell'intervista",
        "with": "con",
        "and": "e",
    },
}


def translate(text: str, language: str | None, overrides: Any = None) -> str:
    """``text`` (an English label) in ``language`` ("es", "pt-BR": its first part is enough),
    with the site's own ``overrides`` first.

    >>> translate("First published on", "es"), translate("First published on", "pt-BR"), translate("Tags:", "nl")
    ('Publicado originalmente en', 'Publicado originalmente em', 'Tags:')
    >>> translate("Tags:", "fr", {"Tags:": "Sujets :"}), translate("Tags:", "de", {"fr": {"Tags:": "Sujets :"}})
    ('Sujets :', 'Schlagwörter:')
    >>> translate("Tags:", "pt-br", {"pt-BR": {"Tags:": "Marcadores:"}})
    'Marcadores:'
    """
    lang = str(language or "en").replace("_", "-").lower()
    base = lang.split("-")[0]
    if isinstance(overrides, dict) and overrides:
        by_language = {str(key).replace("_", "-").lower(): table for key, table in overrides.items() if isinstance(table, dict)}
        for key in (lang, base):
            table = by_language.get(key)
            if table is not None and isinstance(table.get(text), str):
                return table[text]
        if isinstance(overrides.get(text), str):
            return overrides[text]
    return TRANSLATIONS.get(base, {}).get(text, text)


@pass_context
def label_text(context: Any, text: str) -> str:
    """The Jinja global: ``text`` in the site's language (``DEFAULT_LANG``, ``SPOTLIGHT_LABELS``)."""
    return translate(text, context.get("DEFAULT_LANG"), context.get("SPOTLIGHT_LABELS"))
