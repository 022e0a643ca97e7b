"""Search indexing that starts while the build still renders: the pages search indexes are
rendered first, Pagefind starts on them while the workers render the rest, and the site is
byte for byte the one a build that indexes afterwards makes, or the build falls back to
indexing afterwards."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from jinja2 import DictLoader, Environment

import spotlight.build
import spotlight.search
from spotlight.build import build_site, load_settings
from spotlight.errors import BuildError
from spotlight.plugin import parallel
from spotlight.search import indexed_pages
from tests.conftest import ROOT
from tests.test_incremental import _snapshot, _write_posts

ROOM = 100_000  # SPOTLIGHT_MEMORY_MB: room for Pagefind beside the render
NO_ROOM = 1


def _build(content: Path, folder: Path, **extra: object):  # type: ignore[no-untyped-def]
    # In this process (so what it calls can be watched), on two workers, in buckets of 8 pages.
    overrides = {"SEARCH_BUCKET_SIZE": 8, "SPOTLIGHT_JOBS": 2, "SPOTLIGHT_ISOLATE": False, "SPOTLIGHT_CACHE_PATH": str(folder / "cache"), **extra}
    return build_site(load_settings(ROOT, content=content, output=folder / "output", overrides=overrides))


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    _write_posts(folder, 60)  # enough pages for the build to fork its workers
    return folder


@pytest.fixture
def watched(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Any]]:
    """What the build asks of search: each early start (with how many HTML pages the site
    had then, and its outcome) and each indexing after the render."""
    calls: dict[str, list[Any]] = {"early": [], "after": []}
    start_index, index_for_search = spotlight.search.start_index, spotlight.build.index_for_search

    def early(site: Path, *args: Any, **kwargs: Any) -> Any:
        pages = sum(1 for _ in site.rglob("*.html"))
        outcome = start_index(site, *args, **kwargs)
        calls["early"].append((pages, outcome))
        return outcome

    def after(*args: Any, **kwargs: Any) -> Any:
        calls["after"].append(args)
        return index_for_search(*args, **kwargs)

    monkeypatch.setattr(spotlight.search, "start_index", early)
    monkeypatch.setattr(spotlight.build, "index_for_search", after)
    return calls


def test_search_starts_before_the_render_ends_and_the_site_is_the_same(content: Path, tmp_path: Path, watched: dict[str, list[Any]]) -> None:
    _build(content, tmp_path / "early", SPOTLIGHT_MEMORY_MB=ROOM)
    [(pages_then, indexing)] = watched["early"]
    assert indexing is not None and not watched["after"]  # indexed during the render, not after it
    pages = sum(1 for p in (tmp_path / "early" / "output").rglob("*.html") if not p.relative_to(tmp_path / "early" / "output").parts[0].startswith("pagefind"))
    assert 60 <= pages_then < pages  # every interview page was written, and not yet the rest
    assert len(indexed_pages(tmp_path / "early" / "output")) == 60

    _build(content, tmp_path / "after", SPOTLIGHT_MEMORY_MB=NO_ROOM)
    assert watched["early"][1][1] is None and len(watched["after"]) == 1  # no room: indexed after the render
    assert _snapshot(tmp_path / "early" / "output") == _snapshot(tmp_path / "after" / "output")


def test_pages_of_a_template_pelican_renders_late_are_rendered_first(content: Path, tmp_path: Path, watched: dict[str, list[Any]]) -> None:
    """A theme that marks the person pages too (Pelican asks for them after the interviews
    and the listings): they are rendered with the interview pages, before search starts."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    person = theme / "templates" / "person.html"
    source = person.read_text(encoding="utf-8")
    person.write_text(source.replace('<header class="person-header profile-card">', '<header class="person-header profile-card" data-pagefind-body>'), encoding="utf-8")
    _build(content, tmp_path / "early", THEME=str(theme), SPOTLIGHT_MEMORY_MB=ROOM)
    [(_, indexing)] = watched["early"]
    people = [page for page in indexed_pages(tmp_path / "early" / "output") if page.startswith("people/")]
    assert indexing is not None and len(people) > 10 and len(indexing.pages) == 60 + len(people)
    assert not watched["after"]


def test_pages_a_template_marks_unexpectedly_are_indexed_all_the_same(content: Path, tmp_path: Path, watched: dict[str, list[Any]]) -> None:
    """A template that marks its pages in a way the render cannot foresee (the mark is built
    from two strings; here the e-mail editions', which render last): the bundles started
    early lack those pages, so they are thrown away and the site is indexed after the
    render, as if nothing had started early."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    edition = theme / "templates" / "newsletter.html"
    source = edition.read_text(encoding="utf-8")
    assert "data-pagefind-body" not in source and source.count("<body>") == 1
    edition.write_text(source.replace("<body>", '<body {{ "data-pagefind" ~ "-body" }}>'), encoding="utf-8")
    _build(content, tmp_path / "early", THEME=str(theme), SPOTLIGHT_MEMORY_MB=ROOM)
    [(_, indexing)] = watched["early"]
    assert indexing is not None and len(indexing.pages) == 60  # started on the interview pages
    assert len(watched["after"]) == 1  # then found the editions marked too, and indexed afterwards
    output = tmp_path / "early" / "output"
    assert len(indexed_pages(output)) == 120
    _build(content, tmp_path / "after", THEME=str(theme), SPOTLIGHT_MEMORY_MB=NO_ROOM)
    assert _snapshot(output) == _snapshot(tmp_path / "after" / "output")


def test_a_pagefind_that_fails_early_fails_the_build_cleanly(content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, watched: dict[str, list[Any]]) -> None:
    _build(content, tmp_path / "site", SPOTLIGHT_MEMORY_MB=ROOM)
    output = tmp_path / "site" / "output"
    before = _snapshot(output)
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'pagefind: cannot read the site' >&2\nexit 3\n", encoding="utf-8")
    broken.chmod(0o755)
    monkeypatch.setattr(spotlight.search, "_pagefind_command", lambda: (str(broken),))
    (content / "interviews" / "post-1.md").write_text((content / "interviews" / "post-1.md").read_text(encoding="utf-8").replace("Title: ", "Title: Renamed "), encoding="utf-8")
    with pytest.raises(BuildError) as failure:
        _build(content, tmp_path / "site", SPOTLIGHT_MEMORY_MB=ROOM)
    assert watched["early"][-1][1] is not None  # it did start early, and failed there
    assert "Pagefind" in str(failure.value) and "cannot read the site" in str(failure.value)
    assert _snapshot(output) == before
    assert not [p.name for p in output.parent.iterdir() if ".building-" in p.name]


def test_which_templates_may_mark_a_page() -> None:
    environment = Environment(
        loader=DictLoader(
            {
                "base.html": "<main {% block mark %}{% endblock %}>{% block content %}{% endblock %}</main>",
                "marked-base.html": "<main data-pagefind-body>{% block content %}{% endblock %}</main>",
                "plain.html": '{% extends "base.html" %}{% block content %}text{% endblock %}',
                "child.html": '{% extends "marked-base.html" %}{% block content %}text{% endblock %}',
                "includes.html": '{% include "part.html" %}',
                "part.html": '<div data-pagefind-body>{% include "includes.html" %}</div>',
                "dynamic.html": "{% include name %}",
                "loop-a.html": '{% include "loop-b.html" %}',
                "loop-b.html": '{% include "loop-a.html" %}',
            }
        )
    )
    memo: dict[str, bool] = {}
    answers = {name: parallel._may_mark(environment.get_template(name), memo) for name in ("plain.html", "child.html", "includes.html", "dynamic.html", "loop-a.html", "base.html")}
    assert answers == {"plain.html": False, "child.html": True, "includes.html": True, "dynamic.html": True, "loop-a.html": False, "base.html": False}
    assert parallel._may_mark(object(), {}) is True  # not a template it can read


def test_the_pages_search_indexes_are_rendered_first_in_their_order() -> None:
    environment = Environment(loader=DictLoader({"marked.html": "<main data-pagefind-body></main>", "plain.html": "<main></main>"}))
    marked, plain = environment.get_template("marked.html"), environment.get_template("plain.html")
    jobs: list[Any] = [parallel._PageJob(f"/out/{n}.html", template, {}, {}) for n, template in enumerate([plain, marked, plain, marked, marked, plain])]
    jobs.insert(3, lambda: None)  # a job that is not a page (an e-mail edition, say)
    early = parallel._EarlySearch.for_jobs(jobs, {"bucket_size": 8}, "/out")
    assert early is not None
    assert [getattr(job, "path", "edition") for job in early.jobs] == ["/out/1.html", "/out/3.html", "/out/4.html", "/out/0.html", "/out/2.html", "edition", "/out/5.html"]
    early.begin([(0, 2), (2, 4), (4, 7)])
    assert early._waiting_for == {0, 1}  # the tasks holding the three marked pages
    assert parallel._EarlySearch.for_jobs(jobs, None, "/out") is None  # search is off
    assert parallel._EarlySearch.for_jobs([job for job in jobs if getattr(job, "template", None) is not marked], {"bucket_size": 8}, "/out") is None


def test_the_memory_of_the_build_processes() -> None:
    if not os.path.exists("/proc/self/smaps_rollup"):
        pytest.skip("this system does not report a process's memory in /proc")
    own = parallel._memory_mb([os.getpid()])
    assert own is not None and own > 5
    assert parallel._memory_mb([os.getpid(), os.getpid()]) == pytest.approx(own, rel=0.2)  # counted once
    assert parallel._memory_mb([os.getpid(), 2**22 + 12345]) == pytest.approx(own, rel=0.2)  # an ended process: nothing


@pytest.mark.parametrize("value", ["a lot", 0, -5])
def test_a_memory_budget_that_is_not_a_number_of_megabytes_is_refused(content: Path, tmp_path: Path, value: object) -> None:
    with pytest.raises(BuildError) as failure:
        _build(content, tmp_path / "site", SPOTLIGHT_MEMORY_MB=value)
    assert "SPOTLIGHT_MEMORY_MB" in str(failure.value) and repr(value) in str(failure.value)
    assert not [p.name for p in (tmp_path / "site").iterdir() if p.name != "cache"]  # no output, nothing left behind
