"""Each post in its own language: the import records the language it recognised (``Lang: es``)
or none, a post may set it by hand, its page says it (``<html lang="es">``) while the theme's
labels stay in the site's language, it keeps its address, its feed item says it where the
format allows, and the site's search still finds it."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from spotlight.cli import main
from spotlight.cleanup.language import language_tag, recognise_language, script_of
from spotlight.feeds import FeedChannel, FeedItem, build_atom, build_json_feed, build_rss
from spotlight.importer import import_text
from spotlight.post import parse_post, slugify
from spotlight.search import indexed_pages
from spotlight.validate import check_post
from tests.conftest import FIXTURES, ROOT

# A LinkedIn text copy in Spanish (the shape of tests/cases/linkedin-txt-es-*): the title's
# "Conversamos con {name}" and "{role} en {company}" are Spanish forms, and so is its text.
SPANISH_SCRAPE = """Conversamos con Inés Valdivia, jefa de producto en Brezo Digital

Publicado el 3 de marzo de 2024

Inés Valdivia lleva seis años en Brezo Digital, una pequeña empresa de Logroño que hace programas para cooperativas de vino.

Tomás Arregui: ¿Cómo llegaste a Brezo Digital?

Inés Valdivia: Por casualidad. Buscaba un trabajo cerca de casa y ellos buscaban a alguien que hablara con los clientes. Ya llevo seis años y no me quiero ir.

Arregui: ¿Qué es lo más difícil de tu trabajo?

Valdivia: Decir que no. Las cooperativas piden muchas cosas, y todas tienen sentido, pero el equipo es pequeño y hay que elegir.

Arregui: ¿Y lo que más te gusta?

Valdivia: Ver a los socios usar algo que hicimos con ellos. Eso no tiene precio.

Me gusta

Comentar

Compartir
"""

SPANISH_TITLE = "Conversamos con Inés Valdivia, jefa de producto en Brezo Digital"

ENGLISH_SCRAPE = """Meet Corin Haldane, Head of Support at Pebblecart

Published on March 3, 2024

Corin Haldane has answered customers' questions at Pebblecart for six years.

Lena Fairbrook: How did you end up at Pebblecart?

Corin Haldane: By accident. I was looking for a job near home, and they were looking for someone who would talk to the customers. That was six years ago and I have not left.

Fairbrook: What is the hardest part of the work?

Haldane: Saying no. The shops ask for a lot of things, and they all make sense, but the team is small and we have to choose.
"""

SPANISH_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>Conversamos con Inés Valdivia, jefa de producto en Brezo Digital | Brezo Digital</title>
{locale}
<meta name="author" content="Tomás Arregui">
<meta property="article:published_time" content="2024-03-03T09:00:00+01:00">
</head>
<body>
<article>
<h1>Conversamos con Inés Valdivia, jefa de producto en Brezo Digital</h1>
<div class="entry-content">
<p>Inés Valdivia lleva seis años en Brezo Digital, una pequeña empresa de Logroño que hace programas para cooperativas de vino.</p>
<p><strong>Tomás Arregui:</strong> ¿Cómo llegaste a Brezo Digital?</p>
<p><strong>Inés Valdivia:</strong> Por casualidad. Buscaba un trabajo cerca de casa y ellos buscaban a alguien que hablara con los clientes. Ya llevo seis años y no me quiero ir.</p>
<p><strong>Tomás Arregui:</strong> ¿Qué es lo más difícil de tu trabajo?</p>
<p><strong>Inés Valdivia:</strong> Decir que no. Las cooperativas piden muchas cosas, y todas tienen sentido, pero el equipo es pequeño y hay que elegir.</p>
</div>
</article>
</body>
</html>
"""


def _page(lang: str, locale: str = "") -> str:
    meta = f'<meta property="og:locale" content="{locale}">' if locale else ""
    return SPANISH_PAGE.replace("{lang}", lang).replace("{locale}", meta)


def _lang(text: str, **options: object) -> str | None:
    return import_text(text, source="<test>", **options).post.get("Lang")  # type: ignore[arg-type]


# -- What the import recognises --------------------------------------------------------------


def test_a_spanish_text_scrape_is_imported_with_lang_es() -> None:
    result = import_text(SPANISH_SCRAPE, source="valdivia.txt")
    assert result.post.get("Lang") == "es"
    assert "Lang: es\n" in result.post.to_text()
    (record,) = [r for r in result.records if r.stage == "language"]
    assert record.kind == "found" and "Conversamos con {name}" in record.details["source"]


def test_a_spanish_saved_page_takes_its_declared_language() -> None:
    assert _lang(_page("es-ES"), html=True) == "es"
    assert _lang(_page("", locale="es_ES"), html=True) == "es"  # og:locale, without <html lang>


def test_a_declaration_the_page_contradicts_gives_no_language() -> None:
    # A theme that prints lang="en" over every post, Spanish or not: the text says otherwise.
    result = import_text(_page("en"), source="<page>", html=True)
    assert result.post.get("Lang") is None
    (record,) = [r for r in result.records if r.stage == "language"]
    assert record.kind == "missing" and "es" in record.details["why"]
    neutral = _page("en").replace(SPANISH_TITLE, "Inés Valdivia: seis años de vino y programas")
    assert _lang(neutral, html=True) is None  # no form in the title, but the text reads as Spanish
    assert _lang(_page("es", locale="pt_BR"), html=True) is None  # the page says two languages


def test_an_english_scrape_is_imported_with_lang_en() -> None:
    assert _lang(ENGLISH_SCRAPE) == "en"


def test_no_language_is_guessed_from_nothing() -> None:
    # A title in no language's forms: the Spanish UI lines (LinkedIn's, in its reader's
    # language) and the Spanish text alone name no language.
    neutral = SPANISH_SCRAPE.replace(SPANISH_TITLE, "Inés Valdivia: seis años de vino y programas")
    assert _lang(neutral) is None
    # An English series name over a Spanish interview: the text does not read as English.
    english_title = SPANISH_SCRAPE.replace(SPANISH_TITLE, "Employee Spotlight #5: Inés Valdivia, Head of Product at Brezo Digital")
    assert _lang(english_title) is None
    # Latin letters in a Chinese text are no English ("木工 at 青松工坊").
    chinese = "\n\n".join(
        ["匠人访谈 #5: 王小明, 木工 at 青松工坊", "王小明在青松工坊做了十年木工。", "李华: 你是怎么开始做木工的？", "王小明: 我小时候跟着爷爷在院子里做板凳，后来就再也放不下了。"]
    )
    assert _lang(chinese) == "zh"


def test_a_form_several_languages_share_is_narrowed_by_the_page() -> None:
    shared = SPANISH_SCRAPE.replace(SPANISH_TITLE, "Entrevista: Inés Valdivia")  # es and pt
    assert _lang(shared) == "es"  # "Publicado el 3 de marzo de 2024", "Me gusta"
    bare = shared.replace("Publicado el 3 de marzo de 2024\n\n", "").replace("Me gusta\n\nComentar\n\nCompartir\n", "")
    assert _lang(bare) is None


def test_a_post_sets_its_language_by_hand_and_import_keeps_it() -> None:
    post = f"Title: {SPANISH_TITLE}\nDate: 2024-03-03\nLang: pt\n\nInés Valdivia lleva seis años en Brezo Digital.\n"
    assert _lang(post) == "pt"
    first = import_text(SPANISH_SCRAPE, source="<first>")
    again = import_text(first.post.to_text(), source="<again>")
    assert again.post.to_text() == first.post.to_text()


def test_the_import_command_writes_lang(tmp_path: Path) -> None:
    scrape = tmp_path / "valdivia.txt"
    scrape.write_text(SPANISH_SCRAPE, encoding="utf-8")
    out = tmp_path / "posts"
    assert main(["import", str(scrape), "--out", str(out)]) == 0
    written = out / f"{slugify(SPANISH_TITLE)}.md"
    assert parse_post(written.read_text(encoding="utf-8")).metadata["Lang"] == "es"


def test_language_tags_and_scripts() -> None:
    assert [language_tag(v) for v in ("es-ES", "pt_BR", "EN", "x-default", "und", "fil", "")] == ["es", "pt", "en", None, None, None, None]
    assert script_of("Привет, это интервью с Анной Петровой") == "cyrillic"
    assert script_of("ok") is None
    # A script shared with languages outside the table (Cyrillic) names no language alone.
    assert recognise_language("Анна Петрова", "Анна Петрова работает инженером в Кедр Лаб уже пять лет.", [])[0] is None


def test_check_warns_of_a_lang_that_is_no_language_code() -> None:
    def warnings(lang: str) -> list[str]:
        return check_post("p.md", f"Title: T\nGuid: urn:uuid:x\nLang: {lang}\n\nBody.\n".encode())[2]

    assert warnings("es") == [] and warnings("pt-BR") == []
    assert any("Lang 'Spanish'" in w for w in warnings("Spanish"))


# -- The built site --------------------------------------------------------------------------

SPANISH_POST = f"""Title: {SPANISH_TITLE}
Date: 2024-03-03
Author: Tomás Arregui
Interviewee: Inés Valdivia
Role: jefa de producto
Company: Brezo Digital
Tags: cooperativas
Lang: es
Guid: urn:uuid:3f0c2b6e-8f1a-4d2e-9b7c-5a4e3d2c1b0a

Inés Valdivia lleva seis años en Brezo Digital, una pequeña empresa de Logroño.

**Tomás Arregui:** ¿Cómo llegaste a Brezo Digital?

**Inés Valdivia:** Por casualidad. Buscaba un trabajo cerca de casa.

**Tomás Arregui:** ¿Qué es lo más difícil de tu trabajo?

**Inés Valdivia:** Decir que no.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("language-site")
    content = base / "content"
    shutil.copytree(FIXTURES / "site", content)
    (content / "interviews" / "valdivia.md").write_text(SPANISH_POST, encoding="utf-8")
    output = base / "output"
    code = main(["build", "--project", str(ROOT), "--content", str(content), "--output", str(output)])
    assert code == 0
    return output


def _html_lang(page: Path) -> str:
    return lxml.html.fromstring(page.read_bytes()).get("lang")


def test_the_spanish_interviews_page_has_html_lang_es_at_its_own_address(built: Path) -> None:
    slug = slugify(SPANISH_TITLE)
    page = built / slug / "index.html"
    assert page.is_file()  # "{slug}/", not Pelican's "{slug}-es.html" for a post in another language
    assert not list(built.glob("*-es.html"))
    assert _html_lang(page) == "es"
    root = lxml.html.fromstring(page.read_bytes())
    # The theme's labels stay in the site's language, and say so.
    (byline,) = root.xpath('//p[@class="byline"]')
    assert byline.get("lang") == "en" and "Interview by" in byline.text_content()
    assert root.xpath('//p[@class="tags"]/span[@lang="en"]')[0].text == "Tags:"
    assert root.xpath('//h1')[0].get("lang") is None  # the title is the post's: Spanish


def test_the_other_pages_keep_the_sites_language(built: Path) -> None:
    pages = [p for p in built.rglob("*.html") if "newsletter" not in p.parts and p.parent.name != slugify(SPANISH_TITLE)]
    assert pages
    assert {_html_lang(p) for p in pages} == {"en"}
    english = lxml.html.fromstring((built / "wren-oduya" / "index.html").read_bytes())
    assert not english.xpath('//p[@class="byline"][@lang]')  # a post in the site's language: no lang on its labels


def test_the_sites_search_finds_the_spanish_interview(built: Path) -> None:
    # Pagefind splits its index by <html lang>; the search page (in English) reads one index.
    entry = json.loads((built / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    marked = indexed_pages(built)
    assert f"{slugify(SPANISH_TITLE)}/index.html" in marked
    assert {lang: index["page_count"] for lang, index in entry["languages"].items()} == {"en": len(marked)}


def test_the_built_json_feed_item_says_its_language(built: Path) -> None:
    feed = json.loads((built / "feeds" / "feed.json").read_text(encoding="utf-8"))
    (item,) = [i for i in feed["items"] if i["id"] == "urn:uuid:3f0c2b6e-8f1a-4d2e-9b7c-5a4e3d2c1b0a"]
    assert item["language"] == "es"
    assert all("language" not in i for i in feed["items"] if i is not item)


# -- The feeds -------------------------------------------------------------------------------

CHANNEL = FeedChannel(title="Spotlight", site_url="https://ex.org/", description="Interviews", language="en")


def _item(language: str | None) -> FeedItem:
    return FeedItem(
        guid=f"urn:uuid:00000000-0000-4000-8000-00000000000{1 if language else 2}",
        title="Conversamos con Inés Valdivia" if language else "Meet Corin Haldane",
        url=f"https://ex.org/{'valdivia' if language else 'haldane'}/",
        date=dt.datetime(2024, 3, 3 if language else 2, 9, tzinfo=dt.timezone.utc),
        summary_html="<p>Resumen</p>",
        content_html="<p>Texto</p>",
        author="Tomás Arregui",
        language=language,
    )


def test_a_json_feed_item_says_its_own_language() -> None:
    feed = json.loads(build_json_feed(CHANNEL, [_item("es"), _item(None)]))
    assert feed["language"] == "en"
    spanish, english = feed["items"]
    assert spanish["language"] == "es" and "language" not in english


def test_rss_and_atom_items_say_it_with_dublin_core() -> None:
    dc = "{http://purl.org/dc/elements/1.1/}language"
    rss = etree.fromstring(build_rss(CHANNEL, [_item("es"), _item(None)]))
    assert [i.findtext(dc) for i in rss.iter("item")] == ["es", None]
    atom = etree.fromstring(build_atom(CHANNEL, [_item("es"), _item(None)]))
    assert [e.findtext(dc) for e in atom.iter("{http://www.w3.org/2005/Atom}entry")] == ["es", None]
