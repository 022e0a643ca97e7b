"""Links into the site, as Spotlight's templates make them: never from the server's root.

A *site path* is a path from the site's root: ``people/ada/``, ``theme/css/style.css``, ``""``
for the home page (``/people/ada/`` means the same). With an absolute ``SITEURL``
(``https://me.github.io/spot``) it becomes a URL under it; otherwise (``RELATIVE_URLS``, where
Pelican passes ``SITEURL`` as ``.`` or ``../..``, or a ``SITEURL`` that is empty or a bare
path) a URL relative to the page being written, worked out from ``output_file`` (the page's
path in the output folder, which Pelican's writer puts in every template's context). So a site
works under any sub-path, and opened from disk.

The plugin gives the templates :func:`site_url` and :func:`site_html` as Jinja globals
(``JINJA_GLOBALS``); both read the page's context.
"""

from __future__ import annotations

import functools
import html
import re
from typing import Any

from jinja2 import pass_context
from markupsafe import Markup


def site_root(siteurl: Any, output_file: Any) -> str:
    return _site_root(str(siteurl or ""), str(output_file or ""))


@functools.lru_cache(maxsize=4096)  # (a page asks for it at every link)
def _site_root(siteurl: str, output_file: str) -> str:
    """The site's root as the page ``output_file`` links it.

    >>> site_root("https://ex.org/sub/", "a/index.html"), site_root("..", "people/ada/index.html"), site_root("", "index.html")
    ('https://ex.org/sub/', '../../', './')
    """
    if siteurl.startswith(("http://", "https://", "//")):
        return siteurl.rstrip("/") + "/"
    depth = output_file.replace("\\", "/").strip("/").count("/")
    return "../" * depth or "./"


_SCHEMES_KEPT = frozenset({"http", "https", "mailto", "tel"})


def url_of(path: Any, root: str) -> str:
    """A site path's URL from ``root``; a URL with a scheme (``https:``, ``mailto:``), ``//`` or
    only a fragment (``#q1``) stays as it is.

    >>> url_of("/people/ada/", "../"), url_of("#q1", "../"), url_of("mailto:a@b.c", "./"), url_of("", "./")
    ('../people/ada/', '#q1', 'mailto:a@b.c', './')
    >>> url_of("javascript:alert(1)//", "https://ex.org/")
    'https://ex.org/javascript:alert(1)//'
    """
    path = str(path or "")
    if path.startswith(("#", "//")) or path.split(":", 1)[0].lower() in _SCHEMES_KEPT and ":" in path.split("/")[0]:
        return path
    return root + path.lstrip("/")  # (any other "x:…" is a path of the site, never a javascript: link)


# An href/src/cite from the server's root ("/about/", not "//host/") inside a tag: sanitized
# HTML holds no bare "<" or ">" in its text or its attribute values, so text such as code in a
# post ("&lt;a href="/x"&gt;") never matches.
_FROM_SERVER_ROOT = re.compile(r'(<[A-Za-z][^<>]*?\s(?:href|src|cite)=")/(?!/)')


def html_from_site_root(fragment: Any, root: str) -> str:
    """A post's sanitized HTML with its links from the server's root (``href="/about/"``, an
    author's way of saying "the site's about page") made URLs from ``root``.

    >>> html_from_site_root('<p><a href="/about/">a</a> <a href="//o.org/">o</a> &lt;a href="/x"&gt;</p>', "../")
    '<p><a href="../about/">a</a> <a href="//o.org/">o</a> &lt;a href="/x"&gt;</p>'
    """
    text = str(fragment or "")
    if '="/' not in text:
        return text
    escaped = html.escape(root, quote=True)
    return _FROM_SERVER_ROOT.sub(lambda m: m.group(1) + escaped, text)


@pass_context
def site_url(context: Any, path: Any = "") -> str:
    """``{{ site_url(path) }}``: the URL of a site path from the page being written."""
    return url_of(path, site_root(context.get("SITEURL"), context.get("output_file")))


@pass_context
def site_html(context: Any, fragment: Any) -> Markup:
    """``{{ site_html(article.content) }}``: a post's (sanitized) HTML, its links from the
    server's root made site URLs."""
    return Markup(html_from_site_root(fragment, site_root(context.get("SITEURL"), context.get("output_file"))))


TEMPLATE_GLOBALS = {"site_url": site_url, "site_html": site_html}
