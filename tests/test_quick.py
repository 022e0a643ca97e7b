"""Quick builds: an edit to the text of a few posts is built from the site kept by the last
build, without Pelican, and gives exactly what a build from nothing gives, search included;
anything a quick build cannot take falls back to a full build."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

import pytest

import spotlight.build
from spotlight.build import build_site, load_settings
from spotlight.errors import BuildError
import spotlight.plugin.parallel
import spotlight.search
from spotlight.search import FIRST_BUNDLE, FRAGMENTS, MANIFEST, RECENT_BUNDLE, read_fragment
from tests.conftest import ROOT
from tests.test_incremental import _append, _snapshot, _write_posts
from tests.test_incremental import _cold as cold_build


def _build(content: Path, output: Path, **extra: object):  # type: ignore[no-untyped-def]
    # Search on, in buckets of 8 pages: a quick build re-indexes the bucket of an edited page.
    settings = load_settings(ROOT, content=content, output=output, overrides={"SEARCH_BUCKET_SIZE": 8, **extra})
    return build_site(settings)


def _cold(content: Path, tmp: Path) -> dict[str, bytes]:
    return cold_build(content, tmp, "cold", _build)


def _as_searched(files: dict[str, bytes]) -> tuple[dict[str, bytes], dict[str, dict[str, Any]]]:
    """A built site's files outside the search bundles, and what a search can find: each
    page's fragment (address, text, anchors) over every bundle, less those the search page
    hides. A page found twice fails here."""
    site = {name: data for name, data in files.items() if not name.startswith(("pagefind/", "pagefind-more/"))}
    manifest = json.loads(files[f"{FIRST_BUNDLE}/{MANIFEST}"])
    hidden = set((manifest.get("recent") or {}).get("hidden", []))
    found: dict[str, dict[str, Any]] = {}
    for bundle in [f"{FIRST_BUNDLE}/", *manifest["bundles"]]:
        for name, data in files.items():
            if name.startswith(bundle + "fragment/") and name.removeprefix(bundle + "fragment/").removesuffix(".pf_fragment") not in hidden:
                fragment = read_fragment(data)
                assert fragment["url"] not in found, f"{fragment['url']} is found twice"
                found[fragment["url"]] = fragment
    return site, found


@pytest.fixture
def site(tmp_path: Path) -> tuple[Path, Path]:
    content = tmp_path / "content"
    _write_posts(content, 24)
    output = tmp_path / "site" / "output"
    assert not _build(content, output).quick
    return content, output


def test_an_edited_answer_is_built_quickly_and_exactly(site: tuple[Path, Path], tmp_path: Path) -> None:
    content, output = site
    _append(content / "interviews" / "post-5.md", "\n**Avery Lane:** Anything else?\n\n**Oona Feld 5:** Kelp farming, briefly.\n")
    result = _build(content, output)
    assert result.quick and 3 <= result.rendered < result.reused / 3
    page = (output / "post-5" / "index.html").read_text(encoding="utf-8")
    assert "Kelp farming, briefly." in page
    assert re.search(r'<nav class="questions".*<a href="#q\d+">Anything else\?</a>', page, re.S)  # the contents list too
    # Pages, feeds and editions are those of a build from nothing, and a search finds the
    # same: the edited page is indexed in the recent bundle, and its old copy is hidden.
    assert _as_searched(_snapshot(output)) == _as_searched(_cold(content, tmp_path))
    manifest = json.loads((output / FIRST_BUNDLE / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["recent"]["pages"] == ["post-5/index.html"] and RECENT_BUNDLE + "/" in manifest["bundles"]
    # A second quick build starts from what the first one kept.
    _append(content / "interviews" / "post-9.md", "\nA closing line, added later.\n")
    _append(content / "interviews" / "post-5.md", "\nAnd one more.\n")
    assert _build(content, output).quick
    assert _as_searched(_snapshot(output)) == _as_searched(_cold(content, tmp_path / "again"))
    # The feeds carry every post in full: post-5's text from the builds above must stay.
    _append(content / "interviews" / "post-11.md", "\nOne more line elsewhere.\n")
    assert _build(content, output).quick
    assert "And one more." in (output / "feeds" / "rss.xml").read_text(encoding="utf-8")
    assert _as_searched(_snapshot(output)) == _as_searched(_cold(content, tmp_path / "third"))
    manifest = json.loads((output / FIRST_BUNDLE / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["recent"]["pages"] == ["post-11/index.html", "post-5/index.html", "post-9/index.html"]
    # A full build indexes their buckets again: byte for byte a build from nothing.
    post = content / "interviews" / "post-2.md"
    post.write_text(post.read_text(encoding="utf-8").replace("Engineer at", "Lead at", 1), encoding="utf-8")  # a title
    assert not _build(content, output).quick
    assert _snapshot(output) == _cold(content, tmp_path / "full")


def test_past_the_limit_the_buckets_of_recent_pages_are_indexed_again(tmp_path: Path) -> None:
    content, output = tmp_path / "content", tmp_path / "site" / "output"
    _write_posts(content, 24)
    assert not _build(content, output, SEARCH_RECENT_LIMIT=1).quick
    bundles = {path: path.stat().st_ino for path in output.glob("pagefind*/**/*.pf_meta")}
    _append(content / "interviews" / "post-5.md", "\nKelp farming, briefly.\n")
    assert _build(content, output, SEARCH_RECENT_LIMIT=1).quick
    assert {path: path.stat().st_ino for path in output.glob("pagefind*/**/*.pf_meta") if path in bundles} == bundles  # untouched
    _append(content / "interviews" / "post-9.md", "\nA closing line, added later.\n")
    assert _build(content, output, SEARCH_RECENT_LIMIT=1).quick
    manifest = json.loads((output / FIRST_BUNDLE / MANIFEST).read_text(encoding="utf-8"))
    assert "recent" not in manifest and not (output / RECENT_BUNDLE).exists()
    assert _snapshot(output) == cold_build(content, tmp_path, "cold", functools.partial(_build, SEARCH_RECENT_LIMIT=1))  # as from nothing


def test_a_hidden_id_that_a_visible_page_also_has_means_its_bucket_is_indexed_again(site: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fragment ids are short digests: when the old copy of an edited page has the id of a
    page that stays visible (in another bundle), hiding it would hide that page too, so the
    quick build indexes the edited page's bucket again instead."""
    content, output = site
    real = spotlight.search._fragment_ids
    edited = sorted(json.loads((output / FIRST_BUNDLE / FRAGMENTS).read_text(encoding="utf-8")))[0]  # a page of the first bucket

    def clashing(bundle: Path) -> dict[str, str]:
        ids = real(bundle)
        if bundle == output / FIRST_BUNDLE:
            ids["/a-page-elsewhere/"] = ids[edited]
        return ids

    monkeypatch.setattr(spotlight.search, "_fragment_ids", clashing)
    _append(content / "interviews" / f"{edited.strip('/')}.md", "\nKelp farming, briefly.\n")
    assert _build(content, output).quick
    manifest = json.loads((output / FIRST_BUNDLE / MANIFEST).read_text(encoding="utf-8"))
    assert "recent" not in manifest and not (output / RECENT_BUNDLE).exists()
    assert _snapshot(output) == _cold(content, tmp_path)  # its bucket indexed again, as from nothing


@pytest.mark.parametrize(
    "change",
    [
        lambda text: text.replace("Title: Builders", "Title: Makers"),  # shown in listings
        lambda text: text.replace("An introduction to", "A first word on"),  # the summary
        lambda text: text + "\n![A plan]({static}/images/plan.png)\n",  # links a static file
        lambda text: text + "\n" + " ".join(["A much longer answer than before."] * 400) + "\n",  # reading time, on cards
    ],
)
def test_what_listings_show_needs_a_full_build(site: tuple[Path, Path], tmp_path: Path, change) -> None:  # type: ignore[no-untyped-def]
    content, output = site
    post = content / "interviews" / "post-7.md"
    post.write_text(change(post.read_text(encoding="utf-8")), encoding="utf-8")
    assert not _build(content, output).quick
    assert _snapshot(output) == _cold(content, tmp_path)


def test_a_new_post_needs_a_full_build(site: tuple[Path, Path], tmp_path: Path) -> None:
    content, output = site
    post = content / "interviews" / "post-3.md"
    (content / "interviews" / "post-30.md").write_text(
        post.read_text(encoding="utf-8").replace("Slug: post-3", "Slug: post-30").replace("-000000000003", "-000000000030"), encoding="utf-8"
    )
    assert not _build(content, output).quick
    assert (output / "post-30" / "index.html").is_file()


def test_a_site_whose_output_never_landed_is_not_built_on(site: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full build that fails after Pelican kept its site (here: the search index) leaves the
    old output; a quick build must not then mix that site into the old output."""
    content, output = site
    before = _snapshot(output)
    post = content / "interviews" / "post-7.md"
    post.write_text(post.read_text(encoding="utf-8").replace("Title: Builders", "Title: Makers"), encoding="utf-8")

    def broken(*_args: object, **_kwargs: object) -> None:
        raise BuildError("The search index (Pagefind) could not be built")

    with monkeypatch.context() as patch:
        patch.setattr(spotlight.build, "index_for_search", broken)
        with pytest.raises(BuildError):
            _build(content, output)
    assert _snapshot(output) == before
    _append(content / "interviews" / "post-5.md", "\nA line added after the failure.\n")
    assert not _build(content, output).quick
    assert _snapshot(output) == _cold(content, tmp_path)


def test_a_quick_build_that_gives_up_leaves_nothing_behind(site: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page that fails to render in a quick build (here: any page but the edited one's, so
    that the search run has started) means a full build; the quick build's scratch folder
    and its Pagefind run are gone."""
    content, output = site
    real = spotlight.plugin.parallel._run_one

    def failing(job):  # type: ignore[no-untyped-def]
        if ".quick-" in str(getattr(job, "path", "")) and not str(job.path).endswith("post-5/index.html"):
            return f"{job.path}: failed on purpose"
        return real(job)

    started: list[object] = []
    monkeypatch.setattr(spotlight.plugin.parallel, "_run_one", failing)
    monkeypatch.setattr(spotlight.search._Pagefind, "cancel", lambda self, cancel=spotlight.search._Pagefind.cancel: (started.append(self), cancel(self)))
    _append(content / "interviews" / "post-5.md", "\nKelp farming, briefly.\n")
    assert not _build(content, output).quick  # a full build, which does not fail
    assert started and all(run._process is None and run._scratch is None for run in started)  # type: ignore[attr-defined]
    assert not [p.name for p in output.parent.iterdir() if ".quick-" in p.name]
    assert _snapshot(output) == _cold(content, tmp_path)


def test_a_broken_edit_is_reported_and_changes_nothing(site: tuple[Path, Path]) -> None:
    content, output = site
    before = _snapshot(output)
    _append(content / "interviews" / "post-5.md", "\nA line in a paragraph with " + "[" * 1200 + "\n")
    with pytest.raises(BuildError) as failure:
        _build(content, output)
    assert "post-5.md" in str(failure.value) and "'['" in str(failure.value)
    assert _snapshot(output) == before


def test_an_edit_a_quick_build_cannot_take_does_not_load_the_kept_site(site: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """The check runs against a small record first: at 5,000 posts the kept site is about
    150 MB in memory, which a full build would otherwise carry along."""
    import pickle

    from spotlight.plugin import quick

    loads: list[str] = []

    class Spy:
        HIGHEST_PROTOCOL = pickle.HIGHEST_PROTOCOL
        PicklingError = pickle.PicklingError
        dump = staticmethod(pickle.dump)

        @staticmethod
        def load(fh):  # type: ignore[no-untyped-def]
            loads.append(fh.name)
            return pickle.load(fh)

    monkeypatch.setattr(quick, "pickle", Spy)
    content, output = site
    post = content / "interviews" / "post-7.md"
    post.write_text(post.read_text(encoding="utf-8").replace("Title: Builders", "Title: Makers"), encoding="utf-8")
    assert not _build(content, output).quick
    assert not [name for name in loads if name.endswith(quick.SNAPSHOT_FILE)]
    _append(content / "interviews" / "post-5.md", "\nA line of text.\n")
    assert _build(content, output).quick
    assert [name for name in loads if name.endswith(quick.SNAPSHOT_FILE)]


def test_a_quick_build_does_not_read_back_the_pages_it_wrote(site: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    content, output = site
    reads: list[str] = []
    read_bytes = Path.read_bytes

    def counting(path: Path) -> bytes:
        if ".quick-" in str(path) and path.suffix == ".html":
            reads.append(str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", counting)
    _append(content / "interviews" / "post-7.md", "\n**Avery Lane:** One more?\n\n**Oona Feld 7:** Tide tables.\n")
    result = _build(content, output)
    assert result.quick and result.rendered >= 3
    assert reads == []  # (search knew from the render which new pages it indexes)
    assert "Tide tables." in (output / "post-7" / "index.html").read_text(encoding="utf-8")
