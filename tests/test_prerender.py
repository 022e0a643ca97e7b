"""Posts converted in a process pool while Pelican reads them (spotlight.plugin.prerender):
Pelican gets each post as soon as the pool has it, in the order it reads them; a pool that
breaks leaves the rest to Pelican's own reader, and the site is the same either way."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from spotlight.plugin import prerender
from spotlight.plugin.article import prepare_html
from tests.test_incremental import _build, _snapshot, _write_posts

N = 64  # above prerender.MIN_POSTS


def _posts(tmp_path: Path, n: int = N) -> tuple[Path, list[str]]:
    content = tmp_path / "content"
    _write_posts(content, n)
    return content, sorted(str(p) for p in (content / "interviews").glob("*.md"))


def _wanted() -> dict[str, object]:
    from spotlight.build import load_settings
    from tests.conftest import ROOT

    markdown = load_settings(ROOT)["MARKDOWN"]
    # (as Pelican's Markdown reader configures it)
    markdown = {**markdown, "extensions": [*markdown.get("extensions", []), "markdown.extensions.meta"]}
    return {"MARKDOWN": markdown, "AUTHOR": None, "store": None}


def test_the_first_post_comes_back_before_the_pool_is_done(tmp_path: Path) -> None:
    _content, paths = _posts(tmp_path, 400)  # (25 chunks per worker: some are surely left)
    converting = prerender._Converting(paths, _wanted(), 2)
    try:
        first = converting.take(paths[0])
        assert first is not None
        # The first post came back while the pool still had posts to convert.
        assert converting._pool is not None and converting._pool._pending_work_items
        assert len(converting._done) < len(paths) - 1
        html, meta, prepared, _may_lack_alt = first
        md = prerender._markdown(_wanted()["MARKDOWN"])  # type: ignore[arg-type]
        expected, expected_prepared = prepare_html(md.convert(Path(paths[0]).read_text(encoding="utf-8")), None, True, own_summary=False)
        assert html == expected and prepared.summary == expected_prepared.summary
        assert meta["title"] == [Path(paths[0]).read_text(encoding="utf-8").split("\n", 1)[0].split(": ", 1)[1]]
        assert converting.take("/not/sent.md") is None
        for path in reversed(paths[1:]):  # (in any order)
            assert converting.take(path) is not None
        assert converting._pool is None  # every post taken: the pool is gone
    finally:
        converting.close()


def test_a_broken_pool_leaves_the_rest_to_pelican(tmp_path: Path) -> None:
    _content, paths = _posts(tmp_path)
    converting = prerender._Converting(paths, _wanted(), 2)
    try:
        assert converting.take(paths[0]) is not None
        for process in list(converting._pool._processes.values()):  # type: ignore[union-attr]
            os.kill(process.pid, signal.SIGKILL)
        taken = [converting.take(path) for path in paths[1:]]
        assert taken[-1] is None  # (what came back before the workers died may still be taken)
        assert converting._pool is None
    finally:
        converting.close()


def _dies_on_post_30(job: tuple[str, dict[str, object]]):  # type: ignore[no-untyped-def]
    """``_convert`` in a worker that dies (as if killed for memory) on one post."""
    if job[0].endswith(f"{os.sep}post-30.md"):
        os._exit(9)
    return _CONVERT(job)


_CONVERT = prerender._convert


def test_a_site_built_after_a_worker_died_is_the_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content, _paths = _posts(tmp_path)
    _build(content, tmp_path / "serial" / "output", SPOTLIGHT_CACHE_PATH=str(tmp_path / "serial" / "cache"), SPOTLIGHT_JOBS=1)
    monkeypatch.setattr(prerender, "_convert", _dies_on_post_30)
    result = _build(content, tmp_path / "broken" / "output", SPOTLIGHT_CACHE_PATH=str(tmp_path / "broken" / "cache"), SPOTLIGHT_JOBS=2)
    assert result.articles == N
    assert _snapshot(tmp_path / "broken" / "output") == _snapshot(tmp_path / "serial" / "output")


def test_posts_go_to_the_pool_in_the_order_pelican_reads_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content, _paths = _posts(tmp_path)
    sent: list[str] = []
    taken: list[str] = []
    original_init, original_take = prerender._Converting.__init__, prerender._Converting.take

    def init(self, paths, wanted, workers):  # type: ignore[no-untyped-def]
        sent.extend(paths)
        original_init(self, paths, wanted, workers)

    def take(self, path):  # type: ignore[no-untyped-def]
        taken.append(path)
        return original_take(self, path)

    monkeypatch.setattr(prerender._Converting, "__init__", init)
    monkeypatch.setattr(prerender._Converting, "take", take)
    _build(content, tmp_path / "output", SPOTLIGHT_CACHE_PATH=str(tmp_path / "cache"), SPOTLIGHT_JOBS=2, SPOTLIGHT_ISOLATE=False)
    assert len(sent) == N
    assert [p for p in taken if p in set(sent)] == sent


@pytest.mark.parametrize(("n", "jobs"), [(3, 1), (N, 2)])  # read by Pelican's own reader; by the pool
def test_a_post_that_links_a_static_file_still_gets_it_copied(tmp_path: Path, n: int, jobs: int) -> None:
    """A post whose HTML was noted as holding no link Pelican resolves is not read back from
    the body store for Pelican's static-link check; one that holds such links still has
    its files copied to the site."""
    from spotlight.plugin import bodies

    content, _ = _posts(tmp_path, n)
    (content / "files").mkdir()  # not a static path: Pelican copies only the files posts link
    (content / "files" / "plan.png").write_bytes(b"\x89PNG\r\n\x1a\n plan")
    (content / "files" / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n chart")
    (content / "files" / "unused.png").write_bytes(b"\x89PNG\r\n\x1a\n unused")
    post = content / "interviews" / "post-1.md"
    post.write_text(post.read_text(encoding="utf-8") + "\n![A plan]({static}/files/plan.png)\n\n<a href='{static}../files/chart.png'>the chart</a>\n", encoding="utf-8")
    reads: list[str] = []
    real = bodies._read

    def counting(directory: str, digest: str, source: str) -> tuple[str, str]:
        reads.append(os.path.basename(source))
        return real(directory, digest, source)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(bodies, "_read", counting)
        output = tmp_path / "output"
        _build(content, output, SPOTLIGHT_ISOLATE=False, SPOTLIGHT_JOBS=jobs, SEARCH_INDEX=False)
    assert (output / "files" / "plan.png").read_bytes().endswith(b"plan")
    assert (output / "files" / "chart.png").read_bytes().endswith(b"chart")
    assert not (output / "files" / "unused.png").exists()
    page = (output / "post-1" / "index.html").read_text(encoding="utf-8")
    assert "{static}" not in page and "files/plan.png" in page and "files/chart.png" in page
    if jobs == 1:  # each post is read back for its page, edition and feeds; post-1 once more, for its links
        assert reads.count("post-1.md") == reads.count("post-2.md") + 1
    else:  # the pages are rendered in workers: in this process, only post-1 is read, for its links
        assert reads == ["post-1.md"]


def test_may_link_finds_every_link_pelican_resolves() -> None:
    from types import SimpleNamespace

    from hypothesis import given, settings as hsettings, strategies as st
    from pelican.contents import Content
    from pelican.settings import DEFAULT_CONFIG

    from spotlight.plugin.article import may_link

    custom = r"\[\[(?P<what>.*?)\]\]"  # a site's own INTRASITE_LINK_REGEX: [[static]]/x.png
    pieces = st.sampled_from(['<a href="', "<img src='", '{static}', '{attach}', '|filename|', '{filename}', "[[static]]", "[[", "]]", "{", "|", "}", '"', "'", ">", "x.png", " ", "text", "<p>", "=", "href"])

    @hsettings(max_examples=400, deadline=None)
    @given(st.lists(pieces, max_size=14).map("".join), st.sampled_from([DEFAULT_CONFIG["INTRASITE_LINK_REGEX"], custom]))
    def check(html: str, intrasite: str) -> None:
        pelican = Content._get_intrasite_link_regex(SimpleNamespace(settings={**DEFAULT_CONFIG, "INTRASITE_LINK_REGEX": intrasite}))  # type: ignore[arg-type]
        if pelican.search(html):
            assert may_link(html, intrasite)

    check()
    assert may_link('<a href="[[static]]/x.png">', custom) and not may_link('<a href="{static}/x.png">', custom)
    regex = DEFAULT_CONFIG["INTRASITE_LINK_REGEX"]
    assert may_link('<img alt="" src="{static}/a.png">', regex) and may_link("<a href='|filename|b.md'>", regex)
    assert not may_link('<p>Plain "text" with {braces} and <a href="https://example.org/">a link</a></p>', regex)
