"""Rendering a post body outside Pelican, exactly as the build does: python-markdown with
the site's extensions, the sanitizer, then the Q&A markup. Used by tests and tools (the
property tests and the fuzzing script), so they exercise the real pipeline."""

from __future__ import annotations

import html

import markdown

from .plugin.qa import mark_up_interview
from .sanitize import sanitize_html, xml_safe

# The same extensions pelicanconf.py configures.
MARKDOWN_EXTENSIONS: dict[str, dict[str, object]] = {
    "markdown.extensions.extra": {},
    "markdown.extensions.meta": {},
    "spotlight.plugin.mdsafe": {},
    "spotlight.plugin.mdfast": {},
}


def render_body(body: str, interviewer: str | None = None) -> str:
    """A post body (Markdown) as the safe HTML a page and a feed get.

    >>> render_body("**A B:** Hi <script>x()</script>\\n\\n**C D:** Hello")
    '<div class="interview-qa">\\n<div class="turn turn-question" id="q1" role="group" aria-label="Question" data-speaker="A B">\\n<p><strong>A B:</strong> Hi &lt;script&gt;x()&lt;/script&gt;</p>\\n</div>\\n<div class="turn turn-answer" role="group" aria-label="Answer by C D" data-speaker="C D">\\n<p><strong>C D:</strong> Hello</p>\\n</div>\\n</div>'
    """
    md = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS), extension_configs=MARKDOWN_EXTENSIONS, output_format="html5")
    text = xml_safe(body)
    try:
        rendered = md.convert(text)
    except RecursionError:
        # Nesting too deep for python-markdown (the build refuses such posts before this).
        rendered = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n") if p.strip())
    return mark_up_interview(sanitize_html(rendered), interviewer)[0]
