"""No link leaves the site, whatever SITEURL and RELATIVE_URLS are: every page, feed, e-mail
edition and the search page link into the site under SITEURL (a site under a sub-path, such as
https://me.github.io/spot, stays under it), or relative to the page (RELATIVE_URLS, or no
absolute SITEURL), never from the server's root ("/some-interview/"): such a link leaves a
site under a sub-path, and breaks a site opened from disk.

The site built here: the fixture site (links from the server's root in a post, an image, a
series, a profile) with the demo interviews (content/interviews) and a draft, two interviews a
page so that the lists have pagination links."""

from __future__ import annotations

import json
import posixpath
import re
import shutil
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import unquote, urlsplit

import lxml.etree
import lxml.html
import pytest
from jinja2 import Environment, FileSystemLoader

from spotlight.cli import main
from spotlight.links import TEMPLATE_GLOBALS
from tests.conftest import FIXTURES, ROOT

SUB = "https://example.org/sub"
HOST = "example.org"

# Attributes whose value is a URL (HTML), and a CSS url(...).
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "cite", "data", "background")
CSS_URL = re.compile(r"""url\(\s*(["']?)(.*?)\1\s*\)""", re.S)
# The site's root as the search page's script takes it: new URL("…", window.location.href).
SCRIPT_URL = re.compile(r"""new URL\(\s*"([^"]*)"\s*,\s*window\.location\.href\s*\)""")
# Pagefind's own bundles: binary fragments and its scripts (its JSON files are read).
BUNDLES = ("pagefind", "pagefind-more")


def _looks_like_url(value: str) -> bool:
    value = value.strip()
    return value.startswith(("/", "./", "../", "http://", "https://")) and not any(c.isspace() for c in value)


def _links_in_css(text: str) -> Iterator[str]:
    for match in CSS_URL.finditer(text):
        yield match.group(2).strip()


def _links_in_json(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _links_in_json(item)
    elif isinstance(value, list):
        for item in value:
            yield from _links_in_json(item)
    elif isinstance(value, str):
        if _looks_like_url(value):
            yield value.strip()
        elif "<" in value:
            yield from _links_in_html(value, fragment=True)


def _links_in_html(text: str, *, fragment: bool = False) -> Iterator[str]:
    """Every URL an HTML document (or fragment) holds: URL attributes, srcset, a meta's
    content that is a URL, url(...) in styles, JSON-LD, the search page's site root."""
    if not text.strip():
        return
    root = lxml.html.fragment_fromstring(text, create_parent="div") if fragment else lxml.html.document_fromstring(text)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for name in URL_ATTRIBUTES:
            value = element.get(name)
            if value is not None and value.strip():
                yield value.strip()
        for name in ("srcset", "imagesrcset"):
            for candidate in (element.get(name) or "").split(","):
                if candidate.strip():
                    yield candidate.split()[0]
        if element.tag == "meta":
            content = element.get("content") or ""
            refresh = re.search(r"url=(\S+)", content, re.I) if (element.get("http-equiv") or "").lower() == "refresh" else None
            if refresh:
                yield refresh.group(1)
            elif _looks_like_url(content):
                yield content.strip()
        if element.get("style"):
            yield from _links_in_css(element.get("style"))
        if element.tag == "style" and element.text:
            yield from _links_in_css(element.text)
        if element.tag == "script" and element.text:
            if element.get("type") == "application/ld+json":
                yield from _links_in_json(json.loads(element.text))
            else:
                yield from SCRIPT_URL.findall(element.text)


def _links_in_xml(data: bytes) -> Iterator[str]:
    """Every URL a feed or sitemap holds: attributes, element text, and the links of the HTML
    its items carry."""
    for element in lxml.etree.fromstring(data).iter():
        if not isinstance(element.tag, str):
            continue
        for value in element.attrib.values():
            if _looks_like_url(value):
                yield value.strip()
        text = (element.text or "").strip()
        if _looks_like_url(text):
            yield text
        elif "<" in text:
            yield from _links_in_html(text, fragment=True)


def site_links(output: Path, *, kinds: tuple[str, ...] = (".html", ".xml", ".json", ".css"), under: str = "") -> Iterator[tuple[str, str]]:
    """(file, link) for every link in the output's files of ``kinds`` (paths relative to the
    output; only those under the folder ``under`` when it is given)."""
    for path in sorted(output.rglob("*")):
        rel = path.relative_to(output).as_posix()
        if not path.is_file() or path.suffix not in kinds or not rel.startswith(under):
            continue
        if rel.split("/")[0] in BUNDLES and path.suffix != ".json":
            continue
        if path.suffix == ".html":
            found = _links_in_html(path.read_text(encoding="utf-8"))
        elif path.suffix == ".xml":
            found = _links_in_xml(path.read_bytes())
        elif path.suffix == ".json":
            found = _links_in_json(json.loads(path.read_text(encoding="utf-8")))
        else:
            found = _links_in_css(path.read_text(encoding="utf-8"))
        for link in found:
            yield rel, link


def from_server_root(link: str) -> bool:
    return link.startswith("/") and not link.startswith("//")


def outside_sub_path(link: str) -> bool:
    """An absolute link to the site's host that is not under SITEURL."""
    parts = urlsplit(link)
    return parts.hostname == HOST and not link.startswith(SUB + "/")


def _content(base: Path) -> Path:
    content = base / "content"
    shutil.copytree(FIXTURES / "site", content)
    # (the demo's own posts: not the one `make site` imports beside them, whose date would move
    # the others down the home page)
    for post in sorted((ROOT / "content" / "interviews").glob("sample-*.md")):
        shutil.copy(post, content / "interviews" / post.name)
    shutil.copytree(ROOT / "content" / "audio", content / "audio")  # (a demo post's Audio)
    (content / "interviews" / "draft.md").write_text(
        "Title: Not yet\nDate: 2024-06-01\nStatus: draft\nInterviewee: Ada Quell\nCompany: Quillmark\nSlug: not-yet\n\n"
        "Read [about us](/about/) first.\n\n**Lena Fairbrook:** Ready?\n\n**Ada Quell:** Not yet.\n",
        encoding="utf-8",
    )
    return content


def _build(tmp_path_factory: pytest.TempPathFactory, name: str, *extra: str) -> Path:
    base = tmp_path_factory.mktemp(name)
    content = _content(base)
    output = base / "output"
    code = main(["build", "--project", str(ROOT), "--content", str(content), "--output", str(output), "-e", "DEFAULT_PAGINATION=2", *extra])
    if code != 0:
        pytest.fail(f"`spotlight build {' '.join(extra)}` exited with {code}; its error is in the captured stderr", pytrace=False)
    return output


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory, "sub-path", "-e", f'SITEURL="{SUB}"', "-e", "RELATIVE_URLS=false")


@pytest.fixture(scope="module")
def preview_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own settings (pelicanconf.py: RELATIVE_URLS = True)."""
    return _build(tmp_path_factory, "preview")


@pytest.fixture(scope="module")
def no_siteurl_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory, "no-siteurl", "-e", 'SITEURL=""', "-e", "RELATIVE_URLS=false")


def _pages(output: Path) -> Iterator[tuple[str, str]]:
    """(page, link) for every link of the site's HTML pages."""
    return site_links(output, kinds=(".html",))


def _broken_relative_links(output: Path, *, unless_under: tuple[str, ...] = ()) -> list[str]:
    """Every relative link of a page that, resolved against the page's own path, points at no
    file of the output (a folder stands for its index.html): what a visitor of the site opened
    from disk would find broken. Links to files under the folders ``unless_under`` are let be."""
    broken = []
    for page, link in _pages(output):
        parts = urlsplit(link)
        if parts.scheme or link.startswith(("/", "#")) or not parts.path:
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
        if target.startswith(unless_under) and unless_under:
            continue
        if target == ".." or target.startswith("../"):
            broken.append(f"{page}: {link} (above the output folder)")
            continue
        path = output / target
        if path.is_dir() or parts.path.endswith("/"):
            path = path / "index.html"
        if not path.is_file():
            broken.append(f"{page}: {link} ({target} is not in the output)")
    return sorted(set(broken))


# --- a. under a sub-path (SITEURL = "https://example.org/sub", RELATIVE_URLS = False) ------


def test_under_a_sub_path_no_page_feed_sitemap_or_search_file_links_outside_it(sub_path_site: Path) -> None:
    links = [(f, link) for f, link in site_links(sub_path_site) if not f.startswith("newsletter/")]
    wrong = sorted({f"{f}: {link}" for f, link in links if from_server_root(link) or outside_sub_path(link)})
    assert not wrong, "\n".join(wrong)
    # (what was looked at: the cards, the pages' navigation, the post's own links, the feeds)
    found = set(links)
    for expected in [
        ("index.html", f"{SUB}/sample-teodor-valcourt/"),
        ("index.html", f"{SUB}/page/2/"),
        ("people/wren-oduya/index.html", f"{SUB}/wren-oduya/"),
        ("companies/quillmark/index.html", f"{SUB}/images/diagram.png"),
        ("series/test-talks/index.html", f"{SUB}/maro-eze/"),
        ("category/interviews/index.html", f"{SUB}/theme/css/style.css"),
        ("wren-oduya/index.html", f"{SUB}/about/"),
        ("search/index.html", f"{SUB}/pagefind/pagefind-ui.js"),
        ("search/index.html", f"{SUB}/"),
        ("feeds/rss.xml", f"{SUB}/about/"),
        ("feeds/atom.xml", f"{SUB}/images/diagram.png"),
        ("feeds/feed.json", f"{SUB}/about/"),
        ("sitemap.xml", f"{SUB}/people/wren-oduya/"),
    ]:
        assert expected in found, expected
    assert ("wren-oduya-returns/index.html", "https://blog.example.com/wren-returns") in found  # (other sites' links stay)


def test_under_a_sub_path_no_e_mail_edition_links_outside_it(sub_path_site: Path) -> None:
    links = list(site_links(sub_path_site, kinds=(".html",), under="newsletter/"))
    assert ("newsletter/wren-oduya.html", f"{SUB}/newsletter/wren-oduya.html") in links
    wrong = sorted({f"{f}: {link}" for f, link in links if from_server_root(link) or outside_sub_path(link) or not urlsplit(link).scheme})
    text = [f"{p.name}: {url}" for p in sorted((sub_path_site / "newsletter").glob("*.txt")) for url in re.findall(r"https?://[^\s)]+", p.read_text(encoding="utf-8")) if outside_sub_path(url)]
    assert not wrong + text, "\n".join(wrong + text)


# --- b. the project's settings (RELATIVE_URLS = True): the site opened from disk -----------


def test_preview_pages_link_relative_to_themselves_and_every_link_leads_to_a_file(preview_site: Path) -> None:
    links = list(_pages(preview_site))
    assert ("index.html", "./sample-teodor-valcourt/") in links and ("page/2/index.html", "../../page/3/") in links
    assert ("drafts/not-yet/index.html", "../../about/") in links
    assert ("wren-oduya/index.html", "../about/") in links and ("wren-oduya/index.html", "../images/diagram.png") in links
    wrong = sorted({f"{f}: {link}" for f, link in links if from_server_root(link)})
    assert not wrong, "\n".join(wrong)
    broken = _broken_relative_links(preview_site)
    assert not broken, "\n".join(broken)


# --- c. no SITEURL (SITEURL = "", RELATIVE_URLS = False) -----------------------------------


def test_without_siteurl_pages_link_relative_to_themselves(no_siteurl_site: Path) -> None:
    links = list(_pages(no_siteurl_site))
    assert ("people/wren-oduya/index.html", "../../wren-oduya/") in links
    wrong = sorted({f"{f}: {link}" for f, link in links if from_server_root(link)})
    assert not wrong, "\n".join(wrong)
    # (Without an absolute SITEURL no feed is written, yet the pages link the feeds: the
    # templates are given no value that says whether the feeds were written.)
    broken = _broken_relative_links(no_siteurl_site, unless_under=("feeds/",))
    assert not broken, "\n".join(broken)


# --- the theme's macros, on their own ----------------------------------------------------


def _render(source: str, **context: Any) -> str:
    # (the globals as the plugin gives them to every template: spotlight.links)
    env = Environment(loader=FileSystemLoader(str(ROOT / "theme" / "templates")), autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(TEMPLATE_GLOBALS)
    return env.from_string(source).render(**context)


@pytest.mark.parametrize(
    ("siteurl", "output_file", "expected"),
    [
        ("https://me.github.io/spot", "people/ada/index.html", "https://me.github.io/spot/"),
        ("https://me.github.io/spot/", "index.html", "https://me.github.io/spot/"),
        ("../..", "people/ada/index.html", "../../"),  # (RELATIVE_URLS: Pelican's SITEURL for the page)
        (".", "index.html", "./"),
        ("", "index.html", "./"),
        ("", "tag/x/page/2/index.html", "../../../../"),
        ("/spot", "about/index.html", "../"),  # (a bare path is no absolute SITEURL either)
    ],
)
def test_site_url_is_under_siteurl_or_relative_to_the_page(siteurl: str, output_file: str, expected: str) -> None:
    out = _render("{{ site_url('') }}|{{ site_url('people/ada/') }}|{{ site_url('/about/') }}|{{ site_url('https://o.org/x') }}|{{ site_url('#q1') }}",
                  SITEURL=siteurl, output_file=output_file)
    assert out == f"{expected}|{expected}people/ada/|{expected}about/|https://o.org/x|#q1"


def test_site_html_rewrites_links_from_the_server_root_only_inside_tags() -> None:
    fragment = (
        '<p>See <a href="/about/">about</a>, <img src="/images/x.png" alt="x"> and <a href="//cdn.org/y">y</a>,'
        ' <a href="notes/">notes</a>, <a href="https://o.org/">o</a>.</p>'
        '<pre><code>&lt;a href="/about/"&gt;</code></pre><blockquote cite="/quotes/"><p>q</p></blockquote>'
    )
    out = _render("{{ site_html(fragment) }}", SITEURL="../..", output_file="people/ada/index.html", fragment=fragment)
    assert out == fragment.replace('href="/about/">about', 'href="../../about/">about').replace('src="/images/', 'src="../../images/').replace(
        'cite="/quotes/"', 'cite="../../quotes/"'
    )
    assert _render("{{ site_html(fragment) }}", SITEURL=SUB, output_file="index.html", fragment='<a href="/a?b=1&amp;c=2">a</a>') == (
        f'<a href="{SUB}/a?b=1&amp;c=2">a</a>'
    )
    assert _render("{{ site_html(none) }}|{{ site_html('<b>x</b>') }}", SITEURL="", output_file="index.html") == "|<b>x</b>"


def test_no_scheme_but_the_webs_survives_as_a_link() -> None:
    """A Slug or a Photo that spells a javascript: address never becomes one (found in review:
    "/javascript:…" passed as a path, then lost its "/")."""
    from pelican.plugins.spotlight.pages import media_path

    from spotlight.links import url_of
    from spotlight.validate import check_post

    assert media_path("/javascript:alert(1)") is None and media_path("{static}/javascript:alert(1)") is None
    assert media_path("//cdn.example.org/a.jpg") == "https://cdn.example.org/a.jpg"
    assert media_path("{static}/images/a.jpg") == "images/a.jpg"
    assert url_of("javascript:alert(1)//", "../") == "../javascript:alert(1)//"
    problems, _, _ = check_post("x.md", b"Title: T\nSlug: javascript:alert(1)//\n\nbody\n")
    assert [p.line for p in problems] == [2] and "Slug" in problems[0].message
