"""Title shapes: series, number, interviewee, role and company read from a title line in the
12 supported languages (spotlight.cleanup.metadata.read_title, tables TITLE_* and ROLE_*), and
the article page's place in its series ("#2 in Employee Spotlight")."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import lxml.html
import pytest

from spotlight.cleanup import tables
from spotlight.cleanup.metadata import TitleFacts, read_title, split_role_company
from spotlight.cli import main
from spotlight.series import group_series, places
from tests.conftest import ROOT

LANGUAGES = ("en", "zh", "ja", "ko", "es", "pt", "fr", "de", "it", "ru", "ar", "hi")
REAL_PAGES = Path(ROOT).parent / "shared" / "data" / "real-pages" / "readability"

# (title, series, index, interviewee, role, company): fictional people and companies.
TITLES = [
    # Series with a number, in several marks and separators.
    ("Employee Spotlight #2: Skylar Quist, Machine Learning Lead at Pollenwise", "Employee Spotlight", 2, "Skylar Quist", "Machine Learning Lead", "Pollenwise"),
    ("Employee Spotlight No. 4 – Ada Morrow, CTO at Quillmark", "Employee Spotlight", 4, "Ada Morrow", "CTO", "Quillmark"),
    ("Employee Spotlight Nº 5 - Ada Morrow", "Employee Spotlight", 5, "Ada Morrow", None, None),
    ("Builder Stories #3 — Tam Okafor (Staff Engineer, Quillhaven)", "Builder Stories", 3, "Tam Okafor", "Staff Engineer", "Quillhaven"),
    ("Werkstattgespräch Nr. 7: Jonas Erl, Leiter Entwicklung bei Kranichwerk", "Werkstattgespräch", 7, "Jonas Erl", "Leiter Entwicklung", "Kranichwerk"),
    ("Storie di Bottega n. 6 – Giulia Ferro, sviluppatrice presso Lanterna", "Storie di Bottega", 6, "Giulia Ferro", "sviluppatrice", "Lanterna"),
    ("Histórias nº 8: Beatriz Moura, engenheira de dados na Maré", "Histórias", 8, "Beatriz Moura", "engenheira de dados", "Maré"),
    ("Portraits Tech n° 12 : Maëlle Quéran, responsable produit chez Brume", "Portraits Tech", 12, "Maëlle Quéran", "responsable produit", "Brume"),
    ("Герои № 3: Анна Белова, основатель компании Кедр", "Герои", 3, "Анна Белова", "основатель", "Кедр"),
    ("员工聚光灯第2期：张伟，茜森公司的工程师", "员工聚光灯", 2, "张伟", "工程师", "茜森公司"),
    ("社員インタビュー第3回：佐藤美咲さん、茜森ラボのエンジニア", "社員インタビュー", 3, "佐藤美咲", "エンジニア", "茜森ラボ"),
    ("직원 이야기 제5화: 김민수, 개발자", "직원 이야기", 5, "김민수", "개발자", None),
    ("Lessons Learned, Part 2: Ada Morrow, CTO at Quillmark", "Lessons Learned", 2, "Ada Morrow", "CTO", "Quillmark"),
    # Series without a number: taken only with a person and a job title.
    ("Team Stories: Orla Penn, founder of Tidewrack Press", "Team Stories", None, "Orla Penn", "founder", "Tidewrack Press"),
    ("Team Stories: Q&A with Priya Raman", "Team Stories", None, "Priya Raman", None, None),
    # Name and role line.
    ("Ada Morrow, Lead Engineer at Analytical Engines", None, None, "Ada Morrow", "Lead Engineer", "Analytical Engines"),
    ("Ada Morrow (Staff Engineer, Quillmark)", None, None, "Ada Morrow", "Staff Engineer", "Quillmark"),
    ("Ada Morrow — Head of Design, Quillmark", None, None, "Ada Morrow", "Head of Design", "Quillmark"),
    ("Tamsin Okon-Hale, Founder of Lumenrow", None, None, "Tamsin Okon-Hale", "Founder", "Lumenrow"),
    ("Ana María Gil Navarro, Directora de Producto en Lumen", None, None, "Ana María Gil Navarro", "Directora de Producto", "Lumen"),
    ("ليلى حداد — مهندسة بيانات، نخلة للتقنيات", None, None, "ليلى حداد", "مهندسة بيانات", "نخلة للتقنيات"),
    ("प्रिया वर्मा, गूगल में इंजीनियर", None, None, "प्रिया वर्मा", "इंजीनियर", "गूगल"),
    ("佐藤花子 — プロダクトマネージャー、茜森ラボ", None, None, "佐藤花子", "プロダクトマネージャー", "茜森ラボ"),
    # Openers.
    ("Q&A with Benedikt Orl", None, None, "Benedikt Orl", None, None),
    ("In conversation with Ada Morrow, Head of Design", None, None, "Ada Morrow", "Head of Design", None),
    ("Meet Ada Morrow, our new Head of Design", None, None, "Ada Morrow", "Head of Design", None),
    ("Q&A with Ada Morrow: how we build engines", None, None, "Ada Morrow", None, None),
    ("Q & A with Ada Morrow | Acme Blog", None, None, "Ada Morrow", None, None),
    ("Meet Ada Morrow, CTO at Quillmark – Acme Blog", None, None, "Ada Morrow", "CTO", "Quillmark"),
    ("Entrevista a Ximena Olar, jefa de producto en Cardumen", None, None, "Ximena Olar", "jefa de producto", "Cardumen"),
    ("Entrevista con Ximena Olar", None, None, "Ximena Olar", None, None),
    ("Entrevista com Beatriz Moura, engenheira na Maré", None, None, "Beatriz Moura", "engenheira", "Maré"),
    ("Interview mit Jonas Erl, Gründer von Kranichwerk", None, None, "Jonas Erl", "Gründer", "Kranichwerk"),
    ("Entretien avec Maëlle Quéran, fondatrice de Brume", None, None, "Maëlle Quéran", "fondatrice", "Brume"),
    ("Intervista con Giulia Ferro, sviluppatrice presso Lanterna", None, None, "Giulia Ferro", "sviluppatrice", "Lanterna"),
    ("Знакомьтесь: Анна Белова, руководитель разработки в Кедре", None, None, "Анна Белова", "руководитель разработки", "Кедре"),
    ("مقابلة مع ليلى حداد، مهندسة بيانات في نخلة", None, None, "ليلى حداد", "مهندسة بيانات", "نخلة"),
    ("प्रिया वर्मा से बातचीत", None, None, "प्रिया वर्मा", None, None),
    ("インタビュー：山田太郎さん", None, None, "山田太郎", None, None),
    ("专访张伟：我们如何构建数据平台", None, None, "张伟", None, None),
    ("김민수 인터뷰", None, None, "김민수", None, None),
]

# Titles that are not an interview's: nothing may be taken from them.
NOT_INTERVIEWS = [
    "How we cut our build time in half",
    "10 lessons from a year of remote work",
    "Breaking: markets fall",
    "Breaking: Ada Morrow, CEO of Xcorp",
    "Nueva York, Navidad en Manhattan",
    "The Spectacular Story Of Comets, One Of Science's Oldest Puzzles",
    "Meet the team behind Quillmark",
    "Meet Copilot, your AI pair programmer",
    "Release Notes: Version 2.0, Faster at Everything",
    "Python 3.12: What's New",
    "Interview: How to prepare for a job interview",
    "Mozilla - Wikipedia",
    "Yahoo News - Latest News & Headlines",
    "Content Depth — Write Comprehensively About Your Core Topics",
    "从仓库到代码：一次关于耐心的对话",
    "Cómo migramos a Postgres: lecciones de un año",
    "Wie wir unsere Builds halbiert haben",
]


def _facts(title: str) -> tuple:
    f = read_title(title)[0]
    return (f.series, f.series_index, f.interviewee, f.role, f.company)


@pytest.mark.parametrize("row", TITLES, ids=[t[0] for t in TITLES])
def test_title_forms(row: tuple) -> None:
    assert _facts(row[0]) == row[1:]


@pytest.mark.parametrize("title", NOT_INTERVIEWS)
def test_a_title_that_is_no_interview_yields_nothing(title: str) -> None:
    facts, records = read_title(title)
    assert facts == TitleFacts()
    assert {r.reason for r in records if r.kind == "missing"} >= {"no interviewee in the title", "no series in the title"}


def test_a_numbered_title_that_names_no_person_keeps_only_its_series() -> None:
    assert _facts("Friday Notes #12: The Year In Review") == ("Friday Notes", 12, None, None, None)
    # A part of a story: a topic follows as often as a name, so a bare name is not taken.
    assert _facts("Lessons Learned, Part 2: Scaling Postgres") == ("Lessons Learned", 2, None, None, None)


def test_a_declined_name_is_left_missing_with_the_reason() -> None:
    facts, records = read_title("Интервью с Анной Беловой")
    assert facts.interviewee is None
    why = [r.details.get("why") for r in records if r.reason == "no interviewee in the title"]
    assert why == ["the name after the opener is declined"]


def test_found_fields_say_which_form_they_came_from() -> None:
    _, records = read_title("Meet Ada Morrow, CTO at Quillmark")
    found = {r.reason: (r.text, r.details.get("form")) for r in records if r.kind == "found"}
    assert found == {"interviewee": ("Ada Morrow", "opener"), "role": ("CTO", "opener"), "company": ("Quillmark", "opener")}


@pytest.mark.parametrize(
    "rest, expected",
    [
        ("Head of Support at Pebblecart", ("Head of Support", "Pebblecart")),
        ("Head of Design", ("Head of Design", None)),
        ("Head of Design and Research", ("Head of Design and Research", None)),
        ("Founder of Lumenrow", ("Founder", "Lumenrow")),
        ("Product Lead at Casa en el Árbol", ("Product Lead", "Casa en el Árbol")),
        ("Diseñadora de Producto en Cardumen Labs", ("Diseñadora de Producto", "Cardumen Labs")),
        ("engenheira de software na Caravela", ("engenheira de software", "Caravela")),
        ("Staff Engineer at iRobotics", ("Staff Engineer", "iRobotics")),
        ("茜森ラボのエンジニア", ("エンジニア", "茜森ラボ")),
        ("茜森公司的工程师", ("工程师", "茜森公司")),
        ("고요랩의 개발자", ("개발자", "고요랩")),
        ("गूगल में इंजीनियर", ("इंजीनियर", "गूगल")),
        ("Gründerin von Lindenfaden", ("Gründerin", "Lindenfaden")),
        ("основатель компании «Кедр»", ("основатель", "Кедр")),
        ("CTO at Quillmark | Acme Blog", ("CTO", "Quillmark")),
    ],
)
def test_split_role_company(rest: str, expected: tuple) -> None:
    assert split_role_company(rest) == expected


def test_every_language_has_title_rows() -> None:
    for table in (tables.TITLE_OPENERS, tables.TITLE_SERIES_NUMBERS, tables.TITLE_PART_NUMBERS, tables.ROLE_COMPANY_CONNECTORS, tables.ROLE_WORDS, tables.ROLE_FIELDS):
        assert set(LANGUAGES) <= set(table), table


# A full name in each script, to put into every opener of the tables.
_SAMPLE_NAMES = {"zh": "张伟", "ja": "山田太郎", "ko": "김민수", "ru": "Анна Белова", "ar": "ليلى حداد", "hi": "प्रिया वर्मा"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_opener_of_the_tables_reads_its_name(lang: str) -> None:
    name = _SAMPLE_NAMES.get(lang, "Ada Morrow")
    for phrase in tables.TITLE_OPENERS[lang]:
        title = phrase.replace("{name}", name)
        assert read_title(title)[0].interviewee == name, title
        # A topic instead of a name yields nothing.
        assert read_title(phrase.replace("{name}", "the 2024 roadmap"))[0].interviewee is None, phrase
    for phrase in tables.TITLE_OPENERS_INFLECTED.get(lang, ()):
        assert read_title(phrase.replace("{name}", name))[0].interviewee is None, phrase


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_series_number_of_the_tables_gives_the_index(lang: str) -> None:
    name = _SAMPLE_NAMES.get(lang, "Ada Morrow")
    for phrase in tables.TITLE_SERIES_NUMBERS[lang]:
        title = f"Field Notes {phrase.replace('{n}', '17')}: {name}"
        assert _facts(title)[:3] == ("Field Notes", 17, name), title


def _real_titles() -> list[str]:
    return [json.loads(p.read_text(encoding="utf-8")).get("title") or "" for p in sorted(REAL_PAGES.glob("*/expected-metadata.json"))]


@pytest.mark.skipif(not REAL_PAGES.is_dir(), reason="the real-page suite is not on this machine")
def test_no_real_page_title_is_taken_for_an_interview() -> None:
    """None of Mozilla Readability's 130 test pages is an interview: no title yields an
    interviewee, a role or a company, and a Series comes only with its number."""
    titles = _real_titles()
    assert len(titles) >= 100
    facts = {t: read_title(t)[0] for t in titles}
    assert [t for t, f in facts.items() if f.interviewee or f.role or f.company] == []
    assert [t for t, f in facts.items() if f.series and f.series_index is None] == []


# --- The article page's place in its series ---------------------------------------------------


def test_places_keep_the_posts_own_number_apart_from_its_rank() -> None:
    def art(index: str, day: int) -> SimpleNamespace:
        return SimpleNamespace(metadata={"series": "Employee Spotlight", "series_index": index}, date=day)

    two, unnumbered = art("2", 1), art("", 2)
    (series,) = group_series([unnumbered, two])
    got = [(a, p.position, p.total, p.number) for a, p in places(series)]
    assert got == [(two, 1, 2, 2), (unnumbered, 2, 2, None)]


_POST = """Title: {title}
Date: {date}
Author: Lena Fairbrook
Interviewee: {name}
{extra}Slug: {slug}

A short introduction.

**Lena Fairbrook:** Why?

**{name}:** Because.
"""


@pytest.fixture(scope="module")
def series_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("series-site")
    content = base / "content"
    (content / "interviews").mkdir(parents=True)
    posts = [
        # The site holds episode 2 of its series only: it is "#2", not "#1 of 1".
        ("Employee Spotlight #2: Skylar Quist", "2024-02-01", "Skylar Quist", "Series: Employee Spotlight\nSeries_index: 2\n", "skylar-quist"),
        # A series post without an index has no number to show.
        ("Team Stories: Orla Penn, founder of Tidewrack Press", "2024-03-01", "Orla Penn", "Series: Team Stories\n", "orla-penn"),
    ]
    for title, date, name, extra, slug in posts:
        (content / "interviews" / f"{slug}.md").write_text(_POST.format(title=title, date=date, name=name, extra=extra, slug=slug), encoding="utf-8")
    output = base / "output"
    assert main(["build", "--project", str(ROOT), "--content", str(content), "--output", str(output)]) == 0
    return output


def _kicker(site: Path, slug: str) -> tuple[str, str]:
    tree = lxml.html.parse(str(site / slug / "index.html")).getroot()
    (kicker,) = tree.xpath('//header//p[@class="kicker"]')
    return kicker.text_content().strip(), kicker.xpath(".//a/@href")[0]


def test_the_page_shows_the_posts_own_series_index(series_site: Path) -> None:
    assert _kicker(series_site, "skylar-quist") == ("#2 in Employee Spotlight", "../series/employee-spotlight/")


def test_a_series_post_without_an_index_shows_its_series_without_a_number(series_site: Path) -> None:
    assert _kicker(series_site, "orla-penn") == ("Part of Team Stories", "../series/team-stories/")
