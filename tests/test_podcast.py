"""Podcast and audio interviews (issue 20, part 5): a post with ``Audio:`` gets a player on its
page (a native ``<audio controls>``, no script), a transcript page (every turn, its speaker in
``<cite>``) and an item in feeds/podcast.xml (an enclosure, itunes:duration, podcast:person
for host and guest, podcast:transcript), with the channel's iTunes values from PODCAST.

Every test reads a real build. The expected values are worked out here from the posts and the
audio file this test writes, never from the code under test."""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import math
import posixpath
import shutil
import wave
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest
from lxml import etree

from spotlight.cli import main
from spotlight.sanitize import sanitize_html
from spotlight.render import render_body
from tests.conftest import CHROMIUM, FIXTURES, NO_CHROMIUM, ROOT, build_into

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
ATOM = "http://www.w3.org/2005/Atom"
NS = {"itunes": ITUNES, "podcast": PODCAST, "atom": ATOM}
SITE = "http://127.0.0.1:8000"  # (pelicanconf.py's SITEURL, with RELATIVE_URLS: pages link relatively)
HOSTILE_GUEST = 'Eve <script>alert("guest")</script> O\'Neil'
HOSTILE_TITLE = 'Remote <img src=x onerror=alert("title")> episode'

EPISODE = """Title: The Audio Hour #1: Ada Quell, Sound Engineer at Quillmark
Date: 2024-05-01 10:00
Author: Lena Fairbrook
Interviewee: Ada Quell
Role: Sound Engineer
Company: Quillmark
Photo: images/diagram.png
Image: images/diagram.png
Audio: audio/ep1.wav
Duration: 1:02:03
Explicit: no
Tags: sound
Slug: audio-hour-1
Guid: urn:uuid:11111111-2222-4333-8444-000000000001

Ada Quell records rooms. Here is the episode in the text too:

<audio controls src="/audio/ep1.wav">Listen to Ada</audio>

And a player for another file, which must not survive:

<audio controls src="https://evil.example/x.mp3">Evil fallback</audio> <audio controls><source src="javascript:alert(1)" type="audio/mpeg">Script fallback</audio>

**Lena Fairbrook:** What do you record?

**Ada Quell:** Mostly *silence*, and a tone.

It takes patience.

**Lena Fairbrook:** Why?

**Ada Quell:** Because rooms sound different at night.
"""

REMOTE = f"""Title: {HOSTILE_TITLE}
Date: 2024-06-02 08:00
Author: Lena Fairbrook
Interviewee: {HOSTILE_GUEST}
Audio: https://cdn.example.org/shows/ep2.mp3
Audio_length: 24576000
Duration: 42:07
Slug: audio-hour-2
Guid: urn:uuid:11111111-2222-4333-8444-000000000002

Remote audio.

**Lena Fairbrook:** Where is the file?

**{HOSTILE_GUEST}:** On a CDN.
"""

MONOLOGUE = """Title: A Note Read Aloud
Date: 2024-03-03 07:00
Author: Lena Fairbrook
Audio: {static}/audio/ep1.wav
Audio_type: audio/x-wav
Slug: a-note
Guid: urn:uuid:11111111-2222-4333-8444-000000000003

A short note, read aloud, with no questions and no answers.
"""

DRAFT = """Title: Not Yet Heard
Date: 2024-07-01 07:00
Status: draft
Author: Lena Fairbrook
Interviewee: Ada Quell
Audio: audio/ep1.wav
Slug: not-yet-heard
Guid: urn:uuid:11111111-2222-4333-8444-000000000004

**Lena Fairbrook:** Ready?

**Ada Quell:** Not yet.
"""

# slug -> (feed date, Guid) of the published posts with Audio, as this test wrote them
EPISODES = {
    "audio-hour-2": (dt.datetime(2024, 6, 2, 8, 0, tzinfo=dt.UTC), "urn:uuid:11111111-2222-4333-8444-000000000002"),
    "audio-hour-1": (dt.datetime(2024, 5, 1, 10, 0, tzinfo=dt.UTC), "urn:uuid:11111111-2222-4333-8444-000000000001"),
    "a-note": (dt.datetime(2024, 3, 3, 7, 0, tzinfo=dt.UTC), "urn:uuid:11111111-2222-4333-8444-000000000003"),
}


def write_wav(path: Path, seconds: float = 1.0) -> int:
    """A short, genuinely playable tone (8 kHz, 8-bit mono); its size in bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(1)
        w.setframerate(8000)
        w.writeframes(bytes(128 + round(40 * math.sin(2 * math.pi * 440 * i / 8000)) for i in range(int(8000 * seconds))))
    return path.stat().st_size


def podcast_content(base: Path) -> Path:
    content = base / "content"
    shutil.copytree(FIXTURES / "site", content)
    write_wav(content / "audio" / "ep1.wav")
    posts = content / "interviews"
    for name, text in (("episode", EPISODE), ("remote", REMOTE), ("monologue", MONOLOGUE), ("draft", DRAFT)):
        (posts / f"{name}.md").write_text(text, encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("podcast")
    return build_into(podcast_content(base), base / "output")


@pytest.fixture(scope="module")
def feed(site: Path) -> etree._Element:
    root = etree.fromstring((site / "feeds" / "podcast.xml").read_bytes())
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root


def output_file(site: Path, url: str) -> Path:
    """The file a URL of the built site (absolute under SITE, or a path) is served from."""
    path = unquote(urlsplit(url).path) if url.startswith(SITE) else url
    if url.startswith(SITE):
        path = path[len(urlsplit(SITE).path):]
    target = site / path.lstrip("/")
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def linked_file(site: Path, page: Path, href: str) -> Path:
    """The file ``href``, on the page at ``page`` (a file of the built site), points at."""
    if href.startswith(SITE):
        return output_file(site, href)
    assert not urlsplit(href).scheme, href
    folder = page.parent.relative_to(site).as_posix()
    return output_file(site, posixpath.normpath(posixpath.join(folder, unquote(href))) + ("/" if href.endswith("/") else ""))


# --- the feed ----------------------------------------------------------------------------


def test_the_podcast_lists_every_published_episode_newest_first_with_the_site_feeds_guids(site: Path, feed: etree._Element) -> None:
    items = feed.findall("channel/item")
    assert [i.findtext("guid") for i in items] == [guid for _, guid in EPISODES.values()]
    assert all(i.find("guid").get("isPermaLink") == "false" for i in items)
    dates = [email.utils.parsedate_to_datetime(i.findtext("pubDate")) for i in items]
    assert dates == [date for date, _ in EPISODES.values()]
    site_feed = etree.fromstring((site / "feeds" / "rss.xml").read_bytes())
    site_items = {i.findtext("guid"): i for i in site_feed.findall("channel/item")}
    for item in items:  # (the same item as the site's feed: title, link, date)
        same = site_items[item.findtext("guid")]
        assert [item.findtext(k) for k in ("title", "link", "pubDate")] == [same.findtext(k) for k in ("title", "link", "pubDate")]
    assert "not-yet-heard" not in (site / "feeds" / "podcast.xml").read_text(encoding="utf-8")
    assert len(site_items) == 3 + len(EPISODES)  # (the fixture's three interviews are in the site's feed, not the podcast)


def test_the_channel_has_the_required_rss_and_itunes_elements(feed: etree._Element) -> None:
    channel = feed.find("channel")
    assert channel.findtext("title") == "Spotlight" and channel.findtext("link") == f"{SITE}/"
    assert channel.findtext("description").strip() and channel.findtext("language") == "en"
    self_link = channel.find("atom:link[@rel='self']", NS)
    assert self_link.get("href") == f"{SITE}/feeds/podcast.xml" and self_link.get("type") == "application/rss+xml"
    # pelicanconf.py's PODCAST and defaults: the author is SITENAME, the image FEED_IMAGE
    assert channel.findtext("itunes:author", namespaces=NS) == "Spotlight"
    assert channel.find("itunes:image", NS).get("href") == f"{SITE}/theme/images/icon.png"
    category = channel.find("itunes:category", NS)
    assert category.get("text") == "Business" and category.find("itunes:category", NS).get("text") == "Careers"
    assert channel.findtext("itunes:explicit", namespaces=NS) == "false"
    assert channel.findtext("itunes:owner/itunes:email", namespaces=NS) == "podcast@spotlight.example.org"
    assert channel.findtext("itunes:owner/itunes:name", namespaces=NS) == "Spotlight"


def test_each_item_has_its_enclosure_duration_and_people(site: Path, feed: etree._Element) -> None:
    items = {i.findtext("guid"): i for i in feed.findall("channel/item")}
    wav = (site / "audio" / "ep1.wav").stat().st_size
    expected = {
        "audio-hour-1": (f"{SITE}/audio/ep1.wav", str(wav), "audio/wav", "01:02:03", "Ada Quell"),
        "audio-hour-2": ("https://cdn.example.org/shows/ep2.mp3", "24576000", "audio/mpeg", "00:42:07", None),
        "a-note": (f"{SITE}/audio/ep1.wav", str(wav), "audio/x-wav", None, None),
    }
    for slug, (url, length, kind, duration, guest) in expected.items():
        item = items[EPISODES[slug][1]]
        enclosures = item.findall("enclosure")  # (one: the audio, even for a post with a lead Image)
        assert [(e.get("url"), e.get("length"), e.get("type")) for e in enclosures] == [(url, length, kind)], slug
        if url.startswith(SITE):
            assert output_file(site, url).stat().st_size == int(length)  # (Pelican copied the file the enclosure measures)
        assert item.findtext("itunes:duration", namespaces=NS) == duration
        people = {p.get("role"): p for p in item.findall("podcast:person", NS)}
        assert people["host"].text == "Lena Fairbrook" and people["host"].get("href") is None
        if guest:
            assert people["guest"].text == guest
            href = people["guest"].get("href")
            assert href == f"{SITE}/people/ada-quell/" and output_file(site, href).is_file()
            assert people["guest"].get("img") == f"{SITE}/images/diagram.png"
    assert items[EPISODES["audio-hour-1"][1]].findtext("itunes:explicit", namespaces=NS) == "false"
    assert "guest" not in {p.get("role") for p in items[EPISODES["a-note"][1]].findall("podcast:person", NS)}  # (no Interviewee)


def test_the_transcript_link_leads_to_a_page_naming_both_speakers_in_cite(site: Path, feed: etree._Element) -> None:
    for item in feed.findall("channel/item"):
        transcript = item.find("podcast:transcript", NS)
        assert transcript.get("type") == "text/html"
        page = output_file(site, transcript.get("url"))
        assert page.is_file(), transcript.get("url")
        slug = urlsplit(item.findtext("link")).path.strip("/")
        assert transcript.get("url") == f"{SITE}/transcripts/{slug}/"
    tree = lxml.html.fromstring((site / "transcripts" / "audio-hour-1" / "index.html").read_bytes())
    assert tree.findtext(".//h1") == "Transcript: The Audio Hour #1: Ada Quell, Sound Engineer at Quillmark"
    turns = tree.find_class("transcript-turn")
    said = [(t.find("cite").text_content(), " ".join(t.text_content().split())) for t in turns]
    assert [speaker for speaker, _ in said] == ["Lena Fairbrook", "Ada Quell", "Lena Fairbrook", "Ada Quell"]
    assert said[1][1] == "Ada Quell Mostly silence, and a tone. It takes patience."  # (the label out, every paragraph in)
    assert "Lena Fairbrook:" not in tree.text_content()  # (the bold labels are replaced by the <cite>)
    assert not tree.xpath("//*[@data-pagefind-body]")  # (the interview's page is what search finds)


def test_a_post_without_turns_gets_its_whole_text_as_transcript(site: Path) -> None:
    tree = lxml.html.fromstring((site / "transcripts" / "a-note" / "index.html").read_bytes())
    body = tree.find_class("transcript-body")[0]
    assert "read aloud, with no questions" in body.text_content() and not body.findall(".//cite")


def test_a_draft_has_no_transcript_page_and_no_item(site: Path) -> None:
    assert not (site / "transcripts" / "not-yet-heard").exists()
    page = site / "drafts" / "not-yet-heard" / "index.html"  # (its preview: the player, no transcript link)
    tree = lxml.html.fromstring(page.read_bytes())
    assert tree.xpath("//section[@class='episode']//audio") and "transcript" not in tree.find_class("episode")[0].text_content()


def test_the_sitemap_lists_the_transcripts(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert all(f"{SITE}/transcripts/{slug}/" in sitemap for slug in EPISODES) and "transcripts/not-yet-heard" not in sitemap


# --- the pages ---------------------------------------------------------------------------


def test_the_page_has_a_native_player_a_download_link_and_the_transcript(site: Path) -> None:
    page = site / "audio-hour-2" / "index.html"
    tree = lxml.html.fromstring(page.read_bytes())
    section = tree.find_class("episode")[0]
    audio = section.find(".//audio")
    assert audio.get("controls") is not None and audio.get("preload") == "none"
    source = audio.find(".//source")  # (lxml parses HTML 4: a <source> holds what follows it)
    assert source.get("src") == "https://cdn.example.org/shows/ep2.mp3" and source.get("type") == "audio/mpeg"
    fallback = audio.find(".//a")  # (what a browser without <audio> shows)
    assert fallback.get("href") == source.get("src") and "Download" in fallback.text_content()
    links = {a.text_content(): a.get("href") for a in section.xpath("./p//a")}
    assert linked_file(site, page, links["Read the transcript"]) == site / "transcripts" / "audio-hour-2" / "index.html"
    assert linked_file(site, page, links["Subscribe to the podcast"]) == site / "feeds" / "podcast.xml"
    assert "(42 min)" in section.text_content() and "(MP3, 24.6 MB)" in section.text_content()  # (24,576,000 bytes)
    assert not [s for s in tree.iter("script") if s.get("type") != "application/ld+json"]


def test_a_local_episode_plays_from_the_sites_own_copy(site: Path) -> None:
    page = site / "a-note" / "index.html"
    source = lxml.html.fromstring(page.read_bytes()).find_class("episode")[0].find(".//source")
    assert linked_file(site, page, source.get("src")).read_bytes() == (site / "audio" / "ep1.wav").read_bytes()
    assert source.get("type") == "audio/x-wav"


def test_every_page_links_the_podcast_feed(site: Path) -> None:
    for page in ("index.html", "people/index.html", "wren-oduya/index.html", "audio-hour-1/index.html"):
        tree = lxml.html.fromstring((site / page).read_bytes())
        links = tree.xpath("//link[@rel='alternate'][@type='application/rss+xml'][contains(@title, 'podcast')]")
        assert len(links) == 1 and linked_file(site, site / page, links[0].get("href")) == site / "feeds" / "podcast.xml", page


def test_a_site_without_audio_has_no_podcast(built_site: Path) -> None:
    assert not (built_site / "feeds" / "podcast.xml").exists() and not (built_site / "transcripts").exists()
    for page in built_site.rglob("*.html"):
        if "pagefind" not in page.parts:
            text = page.read_text(encoding="utf-8")
            assert "podcast" not in text and "<audio" not in text, page


def test_the_posts_own_audio_survives_the_sanitizer_and_any_other_is_stripped(site: Path) -> None:
    page = site / "audio-hour-1" / "index.html"
    tree = lxml.html.fromstring(page.read_bytes())
    body = tree.find_class("interview-body")[0]
    players = body.findall(".//audio")
    assert len(players) == 1 and linked_file(site, page, players[0].get("src")) == site / "audio" / "ep1.wav"
    assert players[0].text_content() == "Listen to Ada"
    text = body.text_content()
    assert "Evil fallback" in text and "Script fallback" in text  # (the other players' tags are gone, their text stays)
    assert not body.findall(".//source")
    assert not tree.find_class("episode")[0].findall(".//audio")  # (the post has its own player: the theme adds none)
    for name in ("audio-hour-1/index.html", "feeds/podcast.xml", "feeds/rss.xml", "feeds/atom.xml", "feeds/feed.json", "feeds/email.xml", "newsletter/audio-hour-1.html"):
        data = (site / name).read_text(encoding="utf-8")
        assert "evil.example" not in data and "javascript:" not in data, name
    item = next(i for i in etree.fromstring((site / "feeds" / "rss.xml").read_bytes()).findall("channel/item") if i.findtext("guid") == EPISODES["audio-hour-1"][1])
    content = lxml.html.fragment_fromstring(item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded"), create_parent="div")
    assert [a.get("src") for a in content.iter("audio")] == [f"{SITE}/audio/ep1.wav"]  # (absolute in a feed)


def test_hostile_metadata_reaches_no_page_or_feed_as_markup(site: Path) -> None:
    written = [site / "audio-hour-2" / "index.html", site / "transcripts" / "audio-hour-2" / "index.html", site / "feeds" / "podcast.xml", site / "index.html"]
    for path in written:
        data = path.read_text(encoding="utf-8")
        assert '<script>alert("guest")' not in data and "<script>alert(" not in data and "<img src=x" not in data, path
    page = lxml.html.fromstring(written[0].read_bytes())
    assert not [s for s in page.iter("script") if s.get("type") != "application/ld+json"]
    assert not page.xpath("//img[@onerror] | //*[@src='x']")
    transcript = lxml.html.fromstring(written[1].read_bytes())
    speakers = [c.text_content() for c in transcript.iter("cite")]
    assert speakers[1] == HOSTILE_GUEST  # (the turn's label, shown as the text it is: escaped, never a tag)
    assert not [s for s in transcript.iter("script") if s.get("type") != "application/ld+json"]
    item = next(i for i in etree.fromstring(written[2].read_bytes()).findall("channel/item") if i.findtext("guid") == EPISODES["audio-hour-2"][1])
    guest = item.find("podcast:person[@role='guest']", NS)
    assert guest.text.startswith("Eve ") and "script>alert(" in guest.text and "<script" not in guest.text and not len(guest)  # (inert text, no element)
    assert "<img" not in item.findtext("title") and item.findtext("title").startswith("Remote ‹img")


def test_unit_the_sanitizer_keeps_only_the_posts_own_media() -> None:
    own = '<audio controls src="{static}/audio/a b.mp3">A</audio><audio src="/audio/other.mp3">B</audio><video src="/audio/a b.mp3">C</video>'
    assert sanitize_html(own, media="audio/a%20b.mp3") == '<audio controls="" src="/audio/a%20b.mp3">A</audio>BC'
    assert sanitize_html(own) == "ABC"  # (a post without Audio: no player at all)
    assert sanitize_html('<audio controls onplay="x()" src="/a.mp3"><source src="/a.mp3" type="text/html" onerror="x()">T</audio>', media="a.mp3") == (
        '<audio controls="" src="/a.mp3"><source src="/a.mp3">T</audio>'
    )
    # Markdown: a post without an Audio header shows "<audio>" as text, as before; with one, its own player is HTML
    assert "&lt;audio" in render_body('<audio controls src="/a.mp3">T</audio>')


# --- refusals ----------------------------------------------------------------------------

BAD_FIELDS = [
    ("Audio: javascript:alert(1)", "Audio 'javascript:alert(1)' is not an http(s) address or a path of the site"),
    ("Audio: data:audio/mpeg;base64,AAAA", "is not an http(s) address or a path of the site"),
    ("Audio: ../outside.mp3", "is not an http(s) address or a path of the site"),
    ("Audio: audio/missing.mp3", "Audio 'audio/missing.mp3': there is no such file in the content folder"),
    ("Audio: media/ep1.mp3", "is in no folder of STATIC_PATHS, so the build would not copy it into the site: add 'media' to STATIC_PATHS"),
    ("Audio: https://cdn.example.org/ep.mp3", "add 'Audio_length: BYTES'"),
    ("Audio: https://cdn.example.org/ep.mp3\nAudio_length: twelve", "Audio_length 'twelve' is not a number of bytes"),
    ("Audio: audio/ep1.wav\nAudio_type: text/html", "Audio_type 'text/html' is not an audio or video type"),
    ("Audio: https://cdn.example.org/ep\nAudio_length: 10", "its type cannot be told from its extension; add 'Audio_type: audio/mpeg'"),
    ("Audio: audio/ep1.wav\nDuration: 1:75:00", "Duration '1:75:00' is not a duration"),
    ("Audio: audio/ep1.wav\nDuration: an hour", "Duration 'an hour' is not a duration"),
    ("Audio: audio/ep1.wav\nExplicit: maybe", "Explicit 'maybe' is neither yes nor no"),
]


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "site", content)
    write_wav(content / "audio" / "ep1.wav", 0.2)
    return content


def _build(content: Path, output: Path, *extra: str) -> int:
    return main(["build", "--project", str(ROOT), "--content", str(content), "--output", str(output), "--force", *extra])


@pytest.mark.parametrize(("fields", "said"), BAD_FIELDS, ids=[f.split("\n")[-1] for f, _ in BAD_FIELDS])
def test_a_bad_audio_field_stops_the_build_naming_the_file_and_field(small_site: Path, tmp_path: Path, fields: str, said: str, capsys: pytest.CaptureFixture[str]) -> None:
    write_wav(small_site / "media" / "ep1.mp3", 0.1)  # (a file of the content folder outside STATIC_PATHS)
    post = small_site / "interviews" / "bad.md"
    post.write_text(f"Title: Bad audio\nDate: 2024-01-01\n{fields}\nSlug: bad-audio\n\n**A B:** Hi?\n\n**C D:** Yes.\n", encoding="utf-8")
    assert _build(small_site, tmp_path / "output") != 0 and not (tmp_path / "output").exists()
    err = " ".join(capsys.readouterr().err.split())
    assert f"{post}:" in err and said in err, err
    assert main(["check", str(post)]) != 0  # (`spotlight check` says the same, with the line)
    captured = capsys.readouterr()
    printed = " ".join((captured.out + captured.err).split())
    assert f"{post}:" in printed and said in printed, printed


def test_spotlight_check_names_the_missing_audio_file(small_site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    post = small_site / "interviews" / "gone.md"
    post.write_text("Title: Gone\nDate: 2024-01-01\nAudio: audio/gone.mp3\n\nText.\n", encoding="utf-8")
    code = main(["check", str(post)])
    captured = capsys.readouterr()
    printed = " ".join((captured.out + captured.err).split())
    assert code != 0 and f"{post}:3: Audio 'audio/gone.mp3': there is no such file in the content folder" in printed


def test_an_audio_file_removed_after_a_build_stops_the_next_one(small_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    post = small_site / "interviews" / "ep.md"
    post.write_text("Title: Ep\nDate: 2024-01-01\nAudio: audio/ep1.wav\n\nText.\n", encoding="utf-8")
    assert _build(small_site, tmp_path / "output") == 0  # (the post is prepared and stored now)
    (small_site / "audio" / "ep1.wav").unlink()
    assert _build(small_site, tmp_path / "output") != 0  # (the store knows the post, not the file: checked again)
    assert "Audio 'audio/ep1.wav': there is no such file in the content folder" in " ".join(capsys.readouterr().err.split())
    assert (tmp_path / "output" / "feeds" / "podcast.xml").is_file()  # (the last good site is left as it was)


@pytest.mark.parametrize(
    ("setting", "said"),
    [
        ('"a string"', "PODCAST must be a dict"),
        ('{"categry": "Technology"}', "'categry' is no key it knows"),
        ('{"explicit": "sometimes"}', "explicit 'sometimes' is neither True nor False"),
        ('{"image": "cover.gif"}', "image 'cover.gif' is not a .jpg or .png"),
        ('{"image": "javascript:alert(1).png"}', "is not a .jpg or .png path of the site or http(s) URL"),
        ('{"owner_email": "not an address"}', "owner_email 'not an address' is not an e-mail address"),
        ('{"owner_name": "Ada"}', "owner_name needs owner_email"),
        ('{"author": 42}', "author 42 is not text"),
    ],
)
def test_a_podcast_setting_the_build_cannot_use_stops_it_named(small_site: Path, tmp_path: Path, setting: str, said: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert _build(small_site, tmp_path / "output", "-e", f"PODCAST={setting}") != 0 and not (tmp_path / "output").exists()
    err = " ".join(capsys.readouterr().err.split())
    assert "PODCAST" in err and said in err, err


def test_an_audio_path_no_file_system_holds_is_refused_not_a_crash(small_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    post = small_site / "interviews" / "nul.md"
    post.write_text("Title: Nul\nDate: 2024-01-01\nAudio: audio/ep%00.wav\n\nText.\n", encoding="utf-8")
    assert _build(small_site, tmp_path / "output") == 1 and not (tmp_path / "output").exists()
    assert f"{post}:" in " ".join(capsys.readouterr().err.split())


def test_a_static_cover_is_linked_as_the_sites_file(small_site: Path, tmp_path: Path) -> None:
    (small_site / "interviews" / "ep.md").write_text("Title: Ep\nDate: 2024-01-01\nAudio: audio/ep1.wav\n\nText.\n", encoding="utf-8")
    assert _build(small_site, tmp_path / "output", "-e", 'PODCAST={"image": "{static}/images/cover.jpg"}') == 0
    channel = etree.fromstring((tmp_path / "output" / "feeds" / "podcast.xml").read_bytes()).find("channel")
    itunes = "{http://www.itunes.com/dtds/podcast-1.0.dtd}image"
    assert channel.find(itunes).get("href") == "http://127.0.0.1:8000/images/cover.jpg"


def test_a_relative_site_links_the_transcripts_images_from_its_own_folder(tmp_path: Path) -> None:
    # (no company: the page Pelican's writer rendered last, companies/index.html, is one folder
    # deep, the transcript two)
    small_site = tmp_path / "content"
    (small_site / "interviews").mkdir(parents=True)
    shutil.copytree(FIXTURES / "site" / "images", small_site / "images")
    write_wav(small_site / "audio" / "ep1.wav", 0.2)
    (small_site / "interviews" / "ep.md").write_text(
        "Title: Ep\nDate: 2024-01-01\nAuthor: A B\nInterviewee: C D\nAudio: audio/ep1.wav\nSlug: ep\n\n"
        "**A B:** What is this?\n\n**C D:** This: ![a diagram]({static}/images/diagram.png)\n",
        encoding="utf-8",
    )
    output = tmp_path / "output"
    assert _build(small_site, output, "-e", "RELATIVE_URLS=true") == 0
    page = output / "transcripts" / "ep" / "index.html"
    [src] = lxml.html.fromstring(page.read_bytes()).xpath("//main//img/@src | //article//img/@src")[:1] or [None]
    assert src is not None and (page.parent / src).resolve() == (output / "images" / "diagram.png").resolve(), src


# --- any site ----------------------------------------------------------------------------


def test_with_no_absolute_siteurl_no_podcast_feed_but_player_and_transcript(small_site: Path, tmp_path: Path) -> None:
    (small_site / "interviews" / "ep.md").write_text("Title: Ep\nDate: 2024-01-01\nAudio: audio/ep1.wav\nSlug: ep\n\n**A B:** Hi?\n\n**C D:** Yes.\n", encoding="utf-8")
    assert _build(small_site, tmp_path / "output", "-e", 'SITEURL=""') == 0
    out = tmp_path / "output"
    assert not (out / "feeds").exists()
    page = lxml.html.fromstring((out / "ep" / "index.html").read_bytes())
    assert page.xpath("//section[@class='episode']//audio/source[@src='../audio/ep1.wav']")
    assert not page.xpath("//link[contains(@title, 'podcast')]") and "Subscribe to the podcast" not in page.text_content()
    assert [c.text for c in lxml.html.fromstring((out / "transcripts" / "ep" / "index.html").read_bytes()).iter("cite")] == ["A B", "C D"]


def test_a_sub_path_site_links_the_episode_under_it(small_site: Path, tmp_path: Path) -> None:
    (small_site / "interviews" / "ep.md").write_text("Title: Ep\nDate: 2024-01-01\nAudio: audio/ep1.wav\nSlug: ep\n\n<audio controls src=\"/audio/ep1.wav\">x</audio>\n\n**A B:** Hi?\n", encoding="utf-8")
    base = "https://example.org/spot"
    assert _build(small_site, tmp_path / "output", "-e", f'SITEURL="{base}"', "-e", "RELATIVE_URLS=false") == 0
    out = tmp_path / "output"
    page = lxml.html.fromstring((out / "ep" / "index.html").read_bytes())
    assert [a.get("src") for a in page.iter("audio")] == [f"{base}/audio/ep1.wav"]
    assert {a.get("href") for a in page.find_class("episode")[0].iter("a")} == {f"{base}/audio/ep1.wav", f"{base}/transcripts/ep/", f"{base}/feeds/podcast.xml"}
    item = etree.fromstring((out / "feeds" / "podcast.xml").read_bytes()).find("channel/item")
    assert item.find("enclosure").get("url") == f"{base}/audio/ep1.wav"
    assert item.find("podcast:transcript", NS).get("url") == f"{base}/transcripts/ep/"


def test_a_build_in_shards_writes_the_same_podcast(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from spotlight import build
    from spotlight.settings import load_settings

    content = podcast_content(tmp_path)
    trees = {}
    for shards in (1, 3):
        monkeypatch.setattr(build, "MIN_POSTS_TO_SHARD", 1 if shards > 1 else 10**9)
        monkeypatch.setattr(build.os, "cpu_count", lambda: 4)
        out = tmp_path / f"out-{shards}"
        build.build_site(load_settings(ROOT, content=content, output=out, overrides={"SPOTLIGHT_JOBS": shards, "SEARCH_INDEX": False}))
        trees[shards] = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file() and ("feeds" in p.parts or "transcripts" in p.parts)}
    assert "feeds/podcast.xml" in trees[1] and "transcripts/audio-hour-1/index.html" in trees[1]
    assert trees[3] == trees[1]


def test_in_another_theme_the_transcript_renders_inside_its_base(small_site: Path, tmp_path: Path) -> None:
    import pelican

    (small_site / "interviews" / "ep.md").write_text("Title: Ep\nDate: 2024-01-01\nAudio: audio/ep1.wav\nSlug: ep\n\n**A B:** Hi <b>there</b>?\n\n**C D:** Yes.\n", encoding="utf-8")
    simple = Path(pelican.__file__).parent / "themes" / "simple"
    assert _build(small_site, tmp_path / "output", "-e", f"THEME={json.dumps(str(simple))}", "-e", 'JINJA_ENVIRONMENT={"autoescape": false}') == 0
    tree = lxml.html.fromstring((tmp_path / "output" / "transcripts" / "ep" / "index.html").read_bytes())
    assert [c.text for c in tree.iter("cite")] == ["A B", "C D"] and tree.xpath("//audio/source")


def test_the_audio_pages_and_transcripts_are_valid_html(site: Path) -> None:
    import subprocess

    java, jar = shutil.which("java"), ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if java is None or not jar.is_file():
        pytest.skip("the Nu HTML Checker needs java and node_modules/vnu-jar (`make setup`)")
    pages = ["audio-hour-1/index.html", "audio-hour-2/index.html", "a-note/index.html", "drafts/not-yet-heard/index.html"]
    pages += sorted(p.relative_to(site).as_posix() for p in (site / "transcripts").rglob("index.html"))
    assert len(pages) == 4 + len(EPISODES)
    proc = subprocess.run([java, "-jar", str(jar), "--errors-only", "--format", "json", *pages], cwd=site, capture_output=True, text=True, timeout=300, check=False)
    messages = json.loads(proc.stderr).get("messages", [])
    assert not messages, [(m.get("url", "").rsplit("/output/", 1)[-1], m.get("message")) for m in messages]


# --- in a browser --------------------------------------------------------------------------


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=NO_CHROMIUM)
@pytest.mark.parametrize("page_path", ["a-note/", "audio-hour-1/", "transcripts/audio-hour-1/"])
def test_the_player_and_the_transcript_pass_axe_and_the_audio_loads(browser: Any, site: Path, page_path: str) -> None:
    import functools
    import threading
    from http.server import ThreadingHTTPServer

    from axe_playwright_python.sync_playwright import Axe

    from tests.conftest import _QuietHandler

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    page = browser.new_page()
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/{page_path}", wait_until="load")
        violations = Axe().run(page).response["violations"]
        assert not violations, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
        # The browser's own player reads the site's copy of the file: a one-second tone.
        duration = page.evaluate(
            """() => new Promise((done, fail) => {
                const audio = document.querySelector('audio');
                audio.addEventListener('loadedmetadata', () => done(audio.duration));
                audio.addEventListener('error', () => fail(new Error('audio error ' + (audio.error && audio.error.code))), true);
                audio.preload = 'metadata'; audio.load();
            })"""
        )
        assert abs(duration - 1.0) < 0.05
    finally:
        page.close()
        server.shutdown()
        server.server_close()
