"""The built site's quality, proven with validators and in a real browser:

1. valid HTML: the Nu HTML Checker (vnu.jar from the npm package vnu-jar, run with the system java);
2. accessible: axe-core (axe-playwright-python) in Debian's chromium, light and dark;
3. no broken internal links, and every ``#fragment`` has an element with that id;
4. light: an interview page with its stylesheets and scripts weighs at most 50 KB;
5. search works: Pagefind's index (output/pagefind/) and its default UI find an interview;
6. nothing scrolls sideways on a 360 px phone.

The site under test is tests/fixtures/site, built once per session and served on 127.0.0.1
(fixtures ``built_site``, ``served`` and ``browser`` in conftest.py). ``PAGES`` is what the site
must have: a page that is not built yet fails here on purpose.
"""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import subprocess
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
import pytest

from tests.conftest import ROOT, build_into

PAGES = {
    "home": "/",
    "article": "/wren-oduya/",
    "series": "/series/test-talks/",
    "people": "/people/",
    "person": "/people/wren-oduya/",
    "tag": "/tag/design/",
    "search": "/search/",
    "companies": "/companies/",
    "archive": "/archive/",
    "about": "/about/",
}
AXE_PAGES = ["home", "article", "series", "people", "person", "tag", "search"]

# E-mail editions are HTML for mail clients, not web pages: they are left out of the site-wide
# checks (links, the site's HTML validation) and validated on their own (see below).
EMAIL_DIR = "newsletter/"

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# The e-mail editions (newsletter/*.html) are table-based HTML with width/border/cellpadding/
# align attributes: the Nu HTML Checker reports those as obsolete-feature *warnings*, not
# errors, so the editions can be held to "no errors" like the site. The only errors allowed are
# these, each a documented e-mail convention:
# (words of the checker's message, text that must be on the offending source line, why).
EMAIL_ALLOWED_ERRORS = [
    (
        "is missing one or more of the following attributes: “content”",
        'name="x-apple-disable-message-reformatting"',
        "Apple Mail's opt-out of its automatic text resizing is, by Apple's convention, a named meta with no content",
    ),
]

WEIGHT_LIMIT = 50_000  # bytes: "50 KB" without images, counted strictly (1 KB = 1,000 bytes)
SEARCH_TERM, SEARCH_TARGET = "Oduya", "/wren-oduya/"


# --- helpers -------------------------------------------------------------------------------


def html_files(output: Path) -> list[str]:
    """Every web page in ``output`` (paths relative to it, "/"-separated), e-mail editions left out."""
    found = (p.relative_to(output).as_posix() for p in output.rglob("*.html"))
    return sorted(p for p in found if not p.startswith(EMAIL_DIR))


def output_file(output: Path, url_path: str) -> Path:
    """The file that serves ``url_path`` ("/a/" means a/index.html)."""
    return output / (url_path.lstrip("/") + ("index.html" if url_path.endswith("/") else ""))


@dataclass(frozen=True)
class SiteRoot:
    netloc: str  # "host:port", lower case
    prefix: str  # the site's path on that host, "" or "/blog"


def site_roots(settings: dict[str, Any]) -> list[SiteRoot]:
    """Where the site says it lives: SITEURL (and FEED_SITEURL, used in feeds and metadata)."""
    roots = []
    for key in ("SITEURL", "FEED_SITEURL"):
        parts = urlsplit(str(settings.get(key) or ""))
        if parts.netloc:
            roots.append(SiteRoot(parts.netloc.lower(), parts.path.rstrip("/")))
    return roots


def resolve(url: str, page: str, roots: list[SiteRoot]) -> tuple[str, str] | None:
    """The site path (from the site root, "/"-led, percent-decoded, dots resolved) and the
    fragment that ``url``, written in the page at ``page``, points to; None outside the site."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme and parts.scheme.lower() not in ("http", "https"):
        return None  # mailto:, tel:, data:, javascript: …
    if parts.netloc:  # absolute, or protocol-relative
        root = next((r for r in roots if r.netloc == parts.netloc.lower()), None)
        if root is None or not (parts.path + "/").startswith(root.prefix + "/"):
            return None
        path = parts.path[len(root.prefix):] or "/"
    elif url.startswith("/"):  # from the host's root: the site is at SITEURL's path there
        prefix = roots[0].prefix if roots else ""
        path = parts.path[len(prefix):] if prefix and (parts.path + "/").startswith(prefix + "/") else parts.path
        path = path or "/"
    else:
        path = urlsplit(urljoin("/" + page, url)).path
    path = unquote(path)
    normal = posixpath.normpath("/" + path.lstrip("/"))  # as browsers do: "/a/../b" is "/b", "/.." is "/"
    if path.endswith("/") and normal != "/":
        normal += "/"
    return normal, unquote(parts.fragment)


def srcset_urls(value: str) -> list[str]:
    """The URLs of a srcset ("a.png 1x, b.png 2x")."""
    return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


def ids_of(doc: Any) -> set[str]:
    """What a fragment can point to: ids, and names of <a> (HTML still scrolls to those)."""
    return {str(v) for v in doc.xpath("//@id")} | {str(v) for v in doc.xpath("//a/@name")}


@dataclass(frozen=True)
class Link:
    page: str  # the page it is on, relative to output ("wren-oduya/index.html")
    line: int | None
    where: str  # "<a href>"
    url: str  # as written
    target: str  # the site path it resolves to
    fragment: str

    def __str__(self) -> str:
        line = f":{self.line}" if self.line else ""
        return f"{self.page}{line}: {self.where}={self.url!r}"


def links_in(doc: Any, page: str, roots: list[SiteRoot]) -> list[Link]:
    found = []
    for el in doc.xpath("//*[@href or @src or @srcset]"):
        for attr in ("href", "src", "srcset"):
            value = el.get(attr)
            if value is None:
                continue
            for url in srcset_urls(value) if attr == "srcset" else [value]:
                resolved = resolve(url, page, roots)
                if resolved is not None:
                    found.append(Link(page, el.sourceline, f"<{el.tag} {attr}>", url, *resolved))
    # Social previews: og:url and og:image must point at pages and images that exist too.
    for el in doc.xpath("//meta[@property='og:url' or @property='og:image'][@content]"):
        resolved = resolve(el.get("content"), page, roots)
        if resolved is not None:
            found.append(Link(page, el.sourceline, f"<meta property={el.get('property')} content>", el.get("content"), *resolved))
    return found


def exists_in(output: Path, site_path: str) -> Path | None:
    """The file a server would answer ``site_path`` with ("/a" and "/a/" both mean a/index.html)."""
    target = output_file(output, site_path)
    if target.is_file():
        return target
    if target.is_dir() and (target / "index.html").is_file():
        return target / "index.html"
    return None


def weigh(output: Path, page_path: str, roots: list[SiteRoot]) -> tuple[int, list[tuple[str, int]], list[str]]:
    """The bytes of a page's HTML plus every stylesheet (and its @imports) and script it loads,
    as files in ``output``: (total, [(file, bytes)], problems)."""
    html = output_file(output, page_path)
    parts = [(html.relative_to(output).as_posix(), html.stat().st_size)]
    problems: list[str] = []
    doc = lxml.html.parse(str(html)).getroot()
    page = html.relative_to(output).as_posix()
    wanted = [el.get("href") for el in doc.xpath("//link[@href]") if "stylesheet" in (el.get("rel") or "").lower().split()]
    wanted += [el.get("src") for el in doc.xpath("//script[@src]")]
    queue = [(url, page) for url in wanted]
    seen: set[str] = set()
    while queue:
        url, referrer = queue.pop(0)
        resolved = resolve(url, referrer, roots)
        if resolved is None:
            problems.append(f"{referrer} loads {url!r} from outside the site: it cannot be weighed (and costs a connection)")
            continue
        target = exists_in(output, resolved[0])
        if target is None:
            problems.append(f"{referrer} loads {url!r}, which is not in the output")
            continue
        name = target.relative_to(output).as_posix()
        if name in seen:
            continue
        seen.add(name)
        parts.append((name, target.stat().st_size))
        if name.endswith(".css"):
            css = target.read_text(encoding="utf-8", errors="replace")
            for imported in re.findall(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)""", css):
                queue.append((imported, name))
    return sum(size for _, size in parts), parts, problems


@contextmanager
def open_page(browser: Any, served: str, path: str, errors: list[str] | None = None, **options: Any) -> Iterator[Any]:
    """A new page at ``served + path``, loaded and quiet on the network; fails the test when the
    server answers anything but 200 (the page was not built). JavaScript errors go to ``errors``."""
    page = browser.new_page(**options)
    try:
        if errors is not None:
            page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
            page.on("console", lambda msg: errors.append(f"console.{msg.type}: {msg.text}") if msg.type == "error" else None)
        response = page.goto(served + path, wait_until="networkidle")
        status = response.status if response is not None else None
        if status != 200:
            pytest.fail(f"{path} answered HTTP {status}: the build wrote no page there (yet)", pytrace=False)
        yield page
    finally:
        page.close()


# --- fixtures ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def roots() -> list[SiteRoot]:
    from spotlight.settings import load_settings

    return site_roots(load_settings(ROOT))


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own demo content (content/) built into a temporary folder."""
    return build_into(ROOT / "content", tmp_path_factory.mktemp("demo") / "output")


@pytest.fixture(scope="module")
def vnu_messages(built_site: Path) -> dict[str, list[dict[str, Any]]]:
    """The Nu HTML Checker's errors for every .html file in the built site (one java run),
    by file relative to the output ("" for messages about no file)."""
    java = shutil.which("java")
    if java is None:
        pytest.skip("java is not installed: the Nu HTML Checker needs it (apt-get install default-jre-headless)")
    if not VNU_JAR.is_file():
        pytest.skip(f"{VNU_JAR.relative_to(ROOT)} is missing: `make setup` installs it with npm (package.json)")
    files = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html"))
    assert files, f"the build wrote no .html files into {built_site}"
    proc = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
        cwd=built_site, capture_output=True, text=True, timeout=600,
    )
    try:  # the report is on stderr; exit code 1 only means that there are errors
        report = json.loads(proc.stderr)
    except json.JSONDecodeError:
        pytest.fail(f"vnu.jar printed no JSON report (exit {proc.returncode}):\n{proc.stderr[-3000:]}\n{proc.stdout[-3000:]}", pytrace=False)
    by_file: dict[str, list[dict[str, Any]]] = {name: [] for name in files}
    base = built_site.resolve()
    for message in report.get("messages", []):
        url = message.get("url", "")
        name = ""
        if url.startswith("file:"):
            path = Path(unquote(urlsplit(url).path)).resolve()
            name = path.relative_to(base).as_posix() if path.is_relative_to(base) else str(path)
        by_file.setdefault(name, []).append(message)
    return by_file


@pytest.fixture(scope="module")
def crawl(built_site: Path, roots: list[SiteRoot]) -> tuple[list[Link], dict[str, set[str]]]:
    """Every internal link on every web page, and the ids on each page."""
    links: list[Link] = []
    ids: dict[str, set[str]] = {}
    for page in html_files(built_site):
        doc = lxml.html.parse(str(built_site / page)).getroot()
        ids[page] = ids_of(doc)
        links += links_in(doc, page, roots)
    return links, ids


def describe_vnu(name: str, message: dict[str, Any]) -> str:
    line = message.get("lastLine", "?")
    column = message.get("firstColumn", message.get("lastColumn", "?"))
    extract = " ".join(str(message.get("extract", "")).split())
    text = f"{name or '(no file)'}:{line}:{column}: {message.get('type')}: {message.get('message')}"
    return text + (f"\n      {extract}" if extract else "")


def source_lines(output: Path, name: str, message: dict[str, Any]) -> str:
    last = int(message.get("lastLine", 0) or 0)
    first = int(message.get("firstLine", last) or last)
    if not name or not last:
        return ""
    lines = (output / name).read_text(encoding="utf-8", errors="replace").splitlines()
    return "\n".join(lines[max(first - 1, 0):last])


# --- 1. valid HTML -------------------------------------------------------------------------


def test_every_web_page_is_valid_html(vnu_messages: dict[str, list[dict[str, Any]]]) -> None:
    errors = [describe_vnu(name, m) for name, messages in vnu_messages.items() if not name.startswith(EMAIL_DIR) for m in messages]
    checked = sum(1 for name in vnu_messages if name and not name.startswith(EMAIL_DIR))
    assert not errors, f"the Nu HTML Checker found {len(errors)} error(s) in {checked} page(s):\n" + "\n".join(errors)


def test_email_editions_have_no_html_errors_but_the_documented_ones(built_site: Path, vnu_messages: dict[str, list[dict[str, Any]]]) -> None:
    editions = [name for name in vnu_messages if name.startswith(EMAIL_DIR)]
    if not editions:
        pytest.skip("the build wrote no e-mail editions (newsletter/*.html)")
    errors = []
    for name in editions:
        for m in vnu_messages[name]:
            if m.get("type") not in ("error", "non-document-error"):
                continue
            context = str(m.get("extract", "")) + "\n" + source_lines(built_site, name, m)
            if any(words in str(m.get("message")) and marker in context for words, marker, _why in EMAIL_ALLOWED_ERRORS):
                continue
            errors.append(describe_vnu(name, m))
    assert not errors, f"the Nu HTML Checker found {len(errors)} error(s) in {len(editions)} e-mail edition(s):\n" + "\n".join(errors)


# --- 2. accessibility ----------------------------------------------------------------------


def describe_axe(violation: dict[str, Any]) -> str:
    lines = [f"- {violation['id']} ({violation.get('impact')}): {violation.get('help')}  [{violation.get('helpUrl')}]"]
    for node in violation.get("nodes", []):
        target = " ".join(" >>> ".join(t) if isinstance(t, list) else str(t) for t in node.get("target", []))
        summary = "; ".join(line.strip() for line in str(node.get("failureSummary", "")).splitlines() if line.strip())
        lines.append(f"    {target}: {summary}")
    return "\n".join(lines)


AXE_CASES = [pytest.param(name, "light", id=f"{name}-light") for name in AXE_PAGES] + [pytest.param("article", "dark", id="article-dark")]


@pytest.mark.parametrize(("name", "scheme"), AXE_CASES)
def test_axe_finds_no_accessibility_violations(browser: Any, served: str, name: str, scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    path = PAGES[name]
    with open_page(browser, served, path, viewport={"width": 1024, "height": 900}, color_scheme=scheme) as page:
        violations = Axe().run(page).response["violations"]
    assert not violations, f"axe-core found {len(violations)} violation(s) on {path} ({scheme} color scheme):\n" + "\n".join(
        describe_axe(v) for v in violations
    )


# --- 3. internal links ---------------------------------------------------------------------


def test_every_internal_link_points_to_a_file_in_the_output(built_site: Path, crawl: tuple[list[Link], dict[str, set[str]]]) -> None:
    links, _ids = crawl
    assert links, "no internal links found: is the crawl reading the pages?"
    broken = [f"{link} -> {link.target} (no such file)" for link in links if exists_in(built_site, link.target) is None]
    assert not broken, f"{len(broken)} of {len(links)} internal link(s) are broken:\n" + "\n".join(broken)


def test_every_fragment_link_points_to_an_element_with_that_id(built_site: Path, crawl: tuple[list[Link], dict[str, set[str]]]) -> None:
    """Same-page links ("#main") above all, and links to a place in another page too. An empty
    fragment and "#top" are the top of the page by the HTML standard."""
    links, ids = crawl
    broken = []
    for link in links:
        if not link.fragment or link.fragment.lower() == "top":
            continue
        target = exists_in(built_site, link.target)
        if target is None or target.suffix != ".html":
            continue  # a missing file is the other test's failure
        name = target.relative_to(built_site).as_posix()
        if name not in ids:  # an e-mail edition: not crawled
            ids[name] = ids_of(lxml.html.parse(str(target)).getroot())
        if link.fragment not in ids[name]:
            where = "this page" if name == link.page else name
            broken.append(f"{link} -> no element with id={link.fragment!r} in {where}")
    assert not broken, f"{len(broken)} fragment link(s) point nowhere:\n" + "\n".join(broken)


# --- 4. page weight ------------------------------------------------------------------------


def describe_weight(total: int, parts: list[tuple[str, int]]) -> str:
    return f"{total:,} bytes (limit {WEIGHT_LIMIT:,}): " + ", ".join(f"{name} {size:,}" for name, size in parts)


def test_an_interview_page_weighs_at_most_50_kb(built_site: Path, roots: list[SiteRoot]) -> None:
    total, parts, problems = weigh(built_site, PAGES["article"], roots)
    assert not problems, "\n".join(problems)
    assert total <= WEIGHT_LIMIT, f"{PAGES['article']} with its CSS and scripts weighs {describe_weight(total, parts)}"


def test_the_heaviest_demo_interview_weighs_at_most_50_kb(demo_site: Path, roots: list[SiteRoot]) -> None:
    """The demo content (content/) has real-length interviews. Every interview has an e-mail
    edition, newsletter/<slug>.html, and its page at <slug>/ (ARTICLE_URL)."""
    slugs = sorted(p.stem for p in (demo_site / EMAIL_DIR).glob("*.html"))
    assert slugs, f"no interviews found in the demo build (no {EMAIL_DIR}*.html in {demo_site})"
    weighed = []
    for slug in slugs:
        assert output_file(demo_site, f"/{slug}/").is_file(), f"the interview {slug!r} has an e-mail edition but no page at /{slug}/"
        total, parts, problems = weigh(demo_site, f"/{slug}/", roots)
        assert not problems, "\n".join(problems)
        weighed.append((total, slug, parts))
    total, slug, parts = max(weighed)
    assert total <= WEIGHT_LIMIT, f"the heaviest demo interview, /{slug}/, weighs {describe_weight(total, parts)}"


# --- 5. search -----------------------------------------------------------------------------


def test_search_finds_an_interview_by_the_interviewees_name(browser: Any, served: str, built_site: Path) -> None:
    if not (built_site / "pagefind").is_dir():
        pytest.fail("output/pagefind/ is missing: `spotlight build` must index the built site with Pagefind "
                    "(python -m pagefind --site <output>) for /search/ to work", pytrace=False)
    errors: list[str] = []
    with open_page(browser, served, PAGES["search"], errors=errors, viewport={"width": 1024, "height": 900}) as page:
        # Pagefind's default UI renders <form role="search"><input type="text">: a textbox in a
        # search landmark, not a searchbox; a theme may use either.
        box = (
            page.get_by_role("searchbox")
            .or_(page.locator("input[type=search]"))
            .or_(page.get_by_role("search").get_by_role("textbox"))
            .first
        )
        try:
            box.wait_for(state="visible", timeout=5_000)
        except Exception:
            pytest.fail(f"{PAGES['search']} shows no search field (a searchbox, input[type=search], or a textbox in a "
                        f"role=search landmark); JavaScript errors: {errors or 'none'}", pytrace=False)
        count = f"[...document.querySelectorAll('a[href]')].filter(a => new URL(a.href).pathname === {SEARCH_TARGET!r}).length"
        before = page.evaluate(count)
        box.press_sequentially(SEARCH_TERM, delay=50)
        try:
            page.wait_for_function(f"{count} > {before}", timeout=10_000)
        except Exception:
            shown = page.evaluate(
                "[...document.querySelectorAll('[class*=result] a[href]')].map(a => new URL(a.href).pathname + ' ' + a.textContent.trim())"
            )
            pytest.fail(f"typing {SEARCH_TERM!r} into the search field showed no result linking to {SEARCH_TARGET} within 10 s; "
                        f"results shown: {shown or 'none'}; JavaScript errors: {errors or 'none'}", pytrace=False)


# --- 6. a 360 px phone ---------------------------------------------------------------------


@pytest.mark.parametrize("path", list(PAGES.values()), ids=list(PAGES))
def test_nothing_scrolls_sideways_on_a_phone(browser: Any, served: str, path: str) -> None:
    with open_page(browser, served, path, viewport={"width": 360, "height": 740}) as page:
        width = page.evaluate("document.documentElement.scrollWidth")
        wide = [] if width <= 360 else page.evaluate(
            "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 360.5)"
            ".slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).trim().split(/\\s+/).join('.') : '')"
            " + ' (' + Math.round(e.getBoundingClientRect().right) + ' px)')"
        )
        font_px = float(page.evaluate("getComputedStyle(document.body).fontSize").removesuffix("px"))
    assert width <= 360, f"{path} is {width} px wide at a 360 px viewport; sticking out: {wide}"
    assert font_px >= 16, f"{path}: body text is {font_px} px at a 360 px viewport (at least 16 px reads without zooming)"
