"""The e-mail services' recipes in docs/email-services.md, tried on a real build.

For Mailchimp, Buttondown and Kit, the page gives a template and the list of the service's
variables with the RSS element each is filled from (the services' documentation, cited there).
Here each template is read from the page itself and filled from a built site's
``feeds/email.xml`` by a small merge function per service that fills exactly those variables
from exactly those elements, and the e-mail that comes out is checked as a mail client and a
reader would see it. The page's variable lists and the merge functions must name the same
variables, so neither can change without the other.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import email.utils
import html
import importlib.util
import os
import re
import struct
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

import jinja2
import lxml.html
import pytest
from lxml import etree

from spotlight.cli import main
from spotlight.newsletter import GMAIL_CLIP_BYTES
from tests.conftest import ROOT

DOC = ROOT / "docs" / "email-services.md"
EDITION_TEMPLATE = ROOT / "theme" / "templates" / "newsletter.html"
SITE = "https://interviews.example.org"
MIRROR = "https://mirror.example.net/spotlight"  # (the same posts on another host, under a sub-path)
CONTENT_NS = "{http://purl.org/rss/1.0/modules/content/}"
MEDIA_NS = "{http://search.yahoo.com/mrss/}"
DC_NS = "{http://purl.org/dc/elements/1.1/}"


# The site: four interviews, three with a lead image (a wide one, a small one, a remote one of
# unknown size), one with a wide image in its body, one without any image.

POSTS = {
    "ines-marlow": dict(
        title="Builders #1: Ines Marlow, Data Engineer at Lanternfish", date="2024-01-10 09:00", guest="Ines Marlow",
        image="images/ines-lead.png",
        body="Ines builds pipelines.\n\n![A chart of the pipeline](/images/ines-chart.png)\n\n> Ship small, ship often.",
    ),
    "tomas-achebe": dict(
        title="Builders #2: Tomas Achebe, Designer at Pebblewick", date="2024-02-10 09:00", guest="Tomas Achebe",
        image="images/tomas-lead.png", body="Tomas draws interfaces.",
    ),
    "priya-valdor": dict(
        title="Builders #3: Priya Valdor, SRE at Cedar Hollow", date="2024-03-10 09:00", guest="Priya Valdor",
        image=None, body="Priya keeps systems up.",
    ),
    "kenji-harlan": dict(
        title="Builders #4: Kenji Harlan, CTO at Ferrocount", date="2024-04-10 09:00", guest="Kenji Harlan",
        image="https://cdn.example.net/kenji-portrait.jpg", body="Kenji runs a payments company.",
    ),
}
GUIDS = {slug: f"urn:uuid:5d1e0c2a-7b3f-4c1d-9e8a-{i:012d}" for i, slug in enumerate(POSTS, start=1)}
IMAGES = {"ines-lead.png": (1200, 600), "ines-chart.png": (900, 300), "tomas-lead.png": (400, 300)}


def _png(width: int, height: int) -> bytes:
    """A grey PNG of that size."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def _write_site(content: Path, retitled: str | None = None) -> None:
    (content / "interviews").mkdir(parents=True)
    (content / "images").mkdir()
    for name, (w, h) in IMAGES.items():
        (content / "images" / name).write_bytes(_png(w, h))
    for slug, post in POSTS.items():
        guest = post["guest"]
        turns = "\n\n".join(
            f"**Avery Lane:** What did you learn in year {k}?\n\n**{guest}:** That the boring parts matter most. We wrote everything down."
            for k in range(1, 4)
        )
        header = [
            f"Title: {post['title'] + ' (updated)' if slug == retitled else post['title']}",
            f"Date: {post['date']}", "Author: Avery Lane", f"Interviewee: {guest}", "Series: Builders",
            "Tags: craft, teams", f"Slug: {slug}", f"Guid: {GUIDS[slug]}",
        ]
        if post["image"]:
            header += [f"Image: {post['image']}", f"Image_alt: A portrait of {guest}"]
        (content / "interviews" / f"{slug}.md").write_text("\n".join(header) + f"\n\n{post['body']}\n\n{turns}\n", encoding="utf-8")


def _build(base: Path, name: str, site_url: str, retitled: str | None = None) -> Path:
    content, output = base / f"{name}-content", base / f"{name}-output"
    _write_site(content, retitled)
    code = main(["build", "--project", str(ROOT), "--content", str(content), "--output", str(output), "-e", f'SITEURL="{site_url}"'])
    if code != 0:
        pytest.fail(f"the test site did not build (exit {code}); its error is in the captured stderr", pytrace=False)
    return output


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The site, and the same posts built again on another host with one post retitled."""
    base = tmp_path_factory.mktemp("email-services")
    return _build(base, "site", SITE), _build(base, "mirror", MIRROR, retitled="priya-valdor")


# What the feed gives: each <item> of feeds/email.xml, element by element.


@dataclasses.dataclass(frozen=True)
class Item:
    title: str
    link: str
    guid: str
    pub_date: str
    description: str
    content: str  # content:encoded
    creator: str
    media: dict[str, str] | None  # media:content's attributes
    enclosure: dict[str, str] | None


def read_items(feed: Path) -> list[Item]:
    root = etree.fromstring(feed.read_bytes())
    items = []
    for element in root.findall("channel/item"):
        media = element.find(f"{MEDIA_NS}content")
        enclosure = element.find("enclosure")
        items.append(Item(
            title=element.findtext("title", ""), link=element.findtext("link", ""), guid=element.findtext("guid", ""),
            pub_date=element.findtext("pubDate", ""), description=element.findtext("description", ""),
            content=element.findtext(f"{CONTENT_NS}encoded", ""), creator=element.findtext(f"{DC_NS}creator", ""),
            media=dict(media.attrib) if media is not None else None, enclosure=dict(enclosure.attrib) if enclosure is not None else None,
        ))
    return items


@pytest.fixture(scope="module")
def items(builds: tuple[Path, Path]) -> list[Item]:
    found = read_items(builds[0] / "feeds" / "email.xml")
    assert len(found) == len(POSTS)
    return found


# The merge functions: each service's variables, filled from the elements its documentation
# names (docs/email-services.md lists them, with the sources).

MAILCHIMP_ITEM_TAGS: dict[str, Callable[[Item], str]] = {
    "RSSITEM:CONTENT_FULL": lambda i: i.content,
    "RSSITEM:CONTENT": lambda i: i.description,
    "RSSITEM:TITLE": lambda i: html.escape(i.title),
    "RSSITEM:URL": lambda i: html.escape(i.link),
    # (Mailchimp writes the <media:content> image as an <img>, with the size the feed gives)
    "RSSITEM:IMAGE": lambda i: "" if not i.media else "<img " + " ".join(f'{k}="{html.escape(i.media[a])}"' for k, a in (("src", "url"), ("width", "width"), ("height", "height")) if a in i.media) + ">",
    "RSSITEM:AUTHOR": lambda i: html.escape(i.creator),
    "RSSITEM:DATE": lambda i: html.escape(i.pub_date),
}
MAILCHIMP_BLOCK = ("RSSITEMS:", "END:RSSITEMS")
# The audience's tags: Mailchimp fills them from the account (test values here, absolute as Mailchimp's are).
MAILCHIMP_AUDIENCE_TAGS = {"UNSUB": "https://example.us1.list-manage.com/unsubscribe?u=0&id=0", "HTML:LIST_ADDRESS_HTML": "Spotlight<br>1 Example Street, Springfield"}
_MAILCHIMP_TAG = re.compile(r"\*\|([A-Z0-9_:]*)\|\*")


def mailchimp_merge(template: str, sent: list[Item]) -> str:
    """One send of the RSS campaign: the block between ``*|RSSITEMS:|*`` and
    ``*|END:RSSITEMS|*`` once per item, its item tags filled from that item; then the
    audience's tags. A tag left over is one Mailchimp would not fill: the merge fails."""
    start, end = (f"*|{tag}|*" for tag in MAILCHIMP_BLOCK)
    before, _, rest = template.partition(start)
    block, found, after = rest.partition(end)
    assert found, "the template has no *|RSSITEMS:|* … *|END:RSSITEMS|* block"
    unknown = (set(_MAILCHIMP_TAG.findall(block)) - set(MAILCHIMP_ITEM_TAGS) - set(MAILCHIMP_AUDIENCE_TAGS)) | (set(_MAILCHIMP_TAG.findall(before + after)) - set(MAILCHIMP_AUDIENCE_TAGS))
    assert not unknown, f"tags Mailchimp would not fill there: {sorted(unknown)}"

    def fill(text: str, values: dict[str, str]) -> str:
        return _MAILCHIMP_TAG.sub(lambda m: values.get(m.group(1), m.group(0)), text)

    audience = lambda text: fill(text, MAILCHIMP_AUDIENCE_TAGS)  # noqa: E731
    body = "".join(fill(audience(block), {tag: make(item) for tag, make in MAILCHIMP_ITEM_TAGS.items()}) for item in sent)
    return audience(before) + body + audience(after)


def _buttondown_enclosure(i: Item) -> str:
    """An image enclosure, else a media:content image (Buttondown's documented order)."""
    if i.enclosure and i.enclosure.get("type", "").startswith("image/"):
        return i.enclosure["url"]
    return i.media["url"] if i.media and (i.media.get("medium") == "image" or i.media.get("type", "").startswith("image/")) else ""


BUTTONDOWN_ITEM_FIELDS: dict[str, Callable[[Item], str]] = {
    "title": lambda i: i.title,
    "content": lambda i: i.content or i.description,
    "description": lambda i: i.description,
    "url": lambda i: i.link,
    "enclosure": _buttondown_enclosure,
    "publish_date": lambda i: i.pub_date,
}
KIT_POST_FIELDS: dict[str, Callable[[Item], str]] = {
    "title": lambda i: i.title,
    "url": lambda i: i.link,
    "content": lambda i: i.content,
    "description": lambda i: i.description,
    "published_at": lambda i: i.pub_date,
}
# Django's and Liquid's variables and for loops, as the recipes use them, render alike in Jinja;
# an undefined variable fails the render instead of printing nothing.
_TEMPLATES = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True)


def buttondown_merge(template: str, item: Item, digest: list[Item] | None = None) -> str:
    fields = lambda i: {name: make(i) for name, make in BUTTONDOWN_ITEM_FIELDS.items()}  # noqa: E731
    return _TEMPLATES.from_string(template).render(item=fields(item), items=[fields(i) for i in digest or [item]])


def kit_merge(template: str, sent: list[Item]) -> str:
    return _TEMPLATES.from_string(template).render(posts=[{name: make(i) for name, make in KIT_POST_FIELDS.items()} for i in sent])


IMPLEMENTED = {
    "mailchimp": set(MAILCHIMP_ITEM_TAGS) | set(MAILCHIMP_BLOCK) | set(MAILCHIMP_AUDIENCE_TAGS),
    "buttondown": {f"item.{name}" for name in BUTTONDOWN_ITEM_FIELDS} | {"items"},
    "kit": {f"post.{name}" for name in KIT_POST_FIELDS} | {"posts"},
}


# The page: its templates and its variable lists.


def recipes() -> dict[str, str]:
    """The page's templates: each fenced block whose info string says ``recipe=NAME``."""
    text = DOC.read_text(encoding="utf-8")
    found = {name: body for name, body in re.findall(r"^```\w+ recipe=([\w-]+)\n(.*?)\n```$", text, re.M | re.S)}
    assert set(found) == {"mailchimp", "buttondown-subject", "buttondown-body", "kit"}, sorted(found)
    return found


def variable_names(text: str) -> set[str]:
    """The variables a piece of template text names: ``*|RSSITEM:URL|*`` is RSSITEM:URL,
    ``{{ item.url }}`` item.url, ``{% for post in posts %}`` posts."""
    names = set(_MAILCHIMP_TAG.findall(text))
    names |= set(re.findall(r"\{\{\s*([\w.]+)", text))
    names |= set(re.findall(r"\{%\s*for\s+\w+\s+in\s+([\w.]+)", text))
    return names


def documented(service: str) -> set[str]:
    """The variables the page lists for a service: the list after ``<!-- variables: NAME -->``,
    each line's variables being the code before its "←" (what follows is the RSS element)."""
    text = DOC.read_text(encoding="utf-8")
    match = re.search(rf"<!-- variables: {service} -->\n((?:- .*\n)+)", text)
    assert match, f"no variable list for {service} in {DOC.name}"
    names: set[str] = set()
    for line in match.group(1).splitlines():
        head = line.split("←")[0] if "←" in line else line.split("`: ")[0] + "`"
        for code in re.findall(r"`([^`]+)`", head):
            names |= variable_names(code)
    return names


def test_the_page_lists_exactly_the_variables_the_merges_fill_and_the_recipes_use_no_other() -> None:
    templates = recipes()
    used = {
        "mailchimp": variable_names(templates["mailchimp"]),
        "buttondown": variable_names(templates["buttondown-subject"] + templates["buttondown-body"]),
        "kit": variable_names(templates["kit"]),
    }
    for service, implemented in IMPLEMENTED.items():
        assert documented(service) == implemented, service
        assert used[service] and used[service] <= implemented, (service, used[service] - implemented)


# What a good e-mail is, checked on each merged e-mail.


def _styled_classes() -> set[str]:
    """The classes the e-mail edition's stylesheet styles (outside its @media rule): in the
    e-mail, every element with one of them must carry the style inline."""
    style = re.search(r"<style>(.*?)</style>", EDITION_TEMPLATE.read_text(encoding="utf-8"), re.S)
    assert style
    return set(re.findall(r"\.([a-z][\w-]*)", style.group(1).split("@media")[0]))


def check_email(merged: str, item: Item) -> None:
    """The e-mail made for ``item`` (alone, or among others in a digest) is one a mail client shows as meant."""
    assert len(merged.encode("utf-8")) < GMAIL_CLIP_BYTES
    doc = lxml.html.document_fromstring(merged)
    assert not doc.xpath("//style | //link | //script"), "a mail client drops <style> and <link>, and refuses <script>"
    styled = _styled_classes()
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        if styled & set((element.get("class") or "").split()):
            assert element.get("style"), f"<{element.tag} class={element.get('class')!r}> is styled only by its class"
        for attribute in ("href", "src"):
            value = element.get(attribute)
            if value is not None:
                parts = urlsplit(value)
                assert parts.scheme in ("https", "http") and parts.netloc, f"{attribute}={value!r} is not absolute"
    for img in doc.iter("img"):
        assert (img.get("width") or "").isdigit() and int(img.get("width")) <= 600, lxml.html.tostring(img)
    if item.media:
        assert [img.get("src") for img in doc.iter("img")].count(item.media["url"]) == 1, "the lead image must show exactly once"
    titles = [" ".join(h1.text_content().split()) for h1 in doc.iter("h1")]
    assert " ".join(item.title.split()) in titles, f"the title is not there: {titles}"
    assert item.link in [a.get("href") for a in doc.iter("a")], "no link to the interview's web page"
    questions, answers = doc.find_class("turn-question"), doc.find_class("turn-answer")
    assert questions and answers
    assert {q.get("style") for q in questions}.isdisjoint({a.get("style") for a in answers}), "questions and answers look alike"


def test_mailchimp_recipe_gives_a_good_email_for_each_send(items: list[Item]) -> None:
    template = recipes()["mailchimp"]
    for item in items:  # a daily campaign: one new interview
        check_email(mailchimp_merge(template, [item]), item)
    digest = mailchimp_merge(template, items)  # a first monthly send taking every item
    for item in items:
        check_email(digest, item)


def test_buttondown_recipe_gives_a_good_email_for_each_new_item(items: list[Item]) -> None:
    templates = recipes()
    for item in items:
        subject = buttondown_merge(templates["buttondown-subject"], item)
        assert subject.strip() == item.title
        check_email(buttondown_merge(templates["buttondown-body"], item), item)


def test_kit_recipe_gives_a_good_email_for_each_post(items: list[Item]) -> None:
    for item in items:
        check_email(kit_merge(recipes()["kit"], [item]), item)


def test_the_pitfalls_the_page_warns_of_are_real(items: list[Item]) -> None:
    """What the page says not to do does show the lead image twice: Mailchimp's IMAGE beside
    CONTENT_FULL, Buttondown's enclosure (the media:content image, as the feed has no
    enclosure) beside its content."""
    with_image = [i for i in items if i.media]
    assert with_image and all(i.enclosure is None for i in items)
    for item in with_image:
        twice = mailchimp_merge("*|RSSITEMS:|**|RSSITEM:IMAGE|**|RSSITEM:CONTENT_FULL|**|END:RSSITEMS|*", [item])
        assert [img.get("src") for img in lxml.html.document_fromstring(twice).iter("img")].count(item.media["url"]) == 2
        both = buttondown_merge('<img src="{{ item.enclosure }}">{{ item.content }}', item)
        assert [img.get("src") for img in lxml.html.document_fromstring(both).iter("img")].count(item.media["url"]) == 2


def test_items_keep_their_guid_and_their_own_date_across_builds(builds: tuple[Path, Path], items: list[Item]) -> None:
    """The same posts on another host, one of them retitled: the same GUID for each post (the
    services never send it again), and each item dated with its post's Date (the back
    catalogue is old to them), in the e-mail feed as in the site feed."""
    site, mirror = builds

    def by_slug(feed: Path) -> dict[str, Item]:
        return {urlsplit(i.link).path.rstrip("/").rsplit("/", 1)[-1]: i for i in read_items(feed)}

    first, again = by_slug(site / "feeds" / "email.xml"), by_slug(mirror / "feeds" / "email.xml")
    assert sorted(first) == sorted(again) == sorted(POSTS)
    assert {slug: i.guid for slug, i in first.items()} == {slug: i.guid for slug, i in again.items()} == GUIDS
    assert again["priya-valdor"].title != first["priya-valdor"].title and again["priya-valdor"].link.startswith(MIRROR + "/")
    assert {slug: i.guid for slug, i in by_slug(site / "feeds" / "rss.xml").items()} == GUIDS
    for slug, item in first.items():
        written = dt.datetime.strptime(POSTS[slug]["date"], "%Y-%m-%d %H:%M").replace(tzinfo=dt.timezone.utc)  # (TIMEZONE = "UTC")
        assert email.utils.parsedate_to_datetime(item.pub_date) == written, slug


# scripts/validate_feeds.py: the W3C validator is not installed with Spotlight (nor in CI), so
# what runs everywhere is the part that is ours: which files are feeds, and what address each
# is checked as. With FEEDVALIDATOR set to a checkout, the whole run too.

_spec = importlib.util.spec_from_file_location("validate_feeds", ROOT / "scripts" / "validate_feeds.py")
assert _spec and _spec.loader
validate_feeds = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(validate_feeds)


def test_validate_feeds_checks_every_feed_as_fetched_from_the_sites_address(builds: tuple[Path, Path]) -> None:
    site, mirror = builds
    feeds = validate_feeds.feed_files(site)
    names = {p.relative_to(site).as_posix() for p in feeds}
    written = {p.relative_to(site).as_posix() for p in (site / "feeds").rglob("*.xml")}
    assert names == written and {"feeds/rss.xml", "feeds/atom.xml", "feeds/email.xml", "feeds/tag/craft/atom.xml"} <= names
    assert not any(p.name == "feed.json" for p in feeds)
    assert validate_feeds.site_url_of(site, feeds) == SITE + "/"
    assert validate_feeds.site_url_of(mirror, validate_feeds.feed_files(mirror)) == MIRROR + "/"


def test_validate_feeds_without_a_validator_says_how_to_get_one(builds: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    monkeypatch.delenv("FEEDVALIDATOR", raising=False)
    assert validate_feeds.main([str(builds[0])]) == 2
    assert "https://github.com/w3c/feedvalidator" in capsys.readouterr().err
    assert validate_feeds.main(["--validator", str(tmp_path), str(builds[0])]) == 2
    assert "not a checkout" in capsys.readouterr().err


def test_the_w3c_validator_finds_no_error_and_no_warning(builds: tuple[Path, Path]) -> None:
    checkout = os.environ.get("FEEDVALIDATOR")
    if not checkout:
        pytest.skip("FEEDVALIDATOR is not set: a checkout of https://github.com/w3c/feedvalidator (and FEEDVALIDATOR_PYTHON, a Python with lxml, html5lib and rdflib, if not this one)")
    python = os.environ.get("FEEDVALIDATOR_PYTHON") or sys.executable
    run = subprocess.run([python, str(ROOT / "scripts" / "validate_feeds.py"), "--strict", "--validator", checkout, str(builds[0])], capture_output=True, text=True)
    if run.returncode == 2:
        pytest.skip(f"the validator at {checkout} cannot run here: {run.stderr.strip()}")
    assert run.returncode == 0, run.stdout
