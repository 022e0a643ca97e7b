"""The ``spotlight`` command: parses arguments and calls one module per verb.

    spotlight import PATH... [--out DIR] [--date YYYY-MM-DD] [--announce] [--stdout] [--report FILE] [--force]
    spotlight build [--content DIR] [--output DIR] [--publish] [-e KEY=VALUE ...]
    spotlight serve [--port N]
    spotlight check [PATH...] [--fix]
    spotlight newsletter SLUG [--out FILE]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    from rich.console import Console

from . import __version__
from .errors import InputError, SpotlightError, UsageError

DEFAULT_CONTENT = Path("content")
DEFAULT_INTERVIEWS = DEFAULT_CONTENT / "interviews"
DEFAULT_OUTPUT = Path("output")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="spotlight", description="Publish interviews as a static site and a newsletter feed.")
    parser.add_argument("--version", action="version", version=f"spotlight {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    imp = sub.add_parser("import", help="clean scraped interviews into posts", description="Clean each scrape (.txt, .md, a saved page .html/.htm, or - for standard input) into one post.")
    imp.add_argument("paths", nargs="+", metavar="PATH", help="scraped files or folders of them; - reads standard input")
    imp.add_argument("--out", type=Path, default=DEFAULT_INTERVIEWS, metavar="DIR", help=f"where posts are written (default: {DEFAULT_INTERVIEWS})")
    imp.add_argument("--date", metavar="YYYY-MM-DD", help="the interview's original publication date (over any date the scrape shows); a scrape with none and no --date is saved as a draft")
    imp.add_argument("--stdout", action="store_true", help="print the posts instead of writing them")
    imp.add_argument("--report", type=Path, metavar="FILE", help="write every removal and fix as JSON")
    imp.add_argument("--force", action="store_true", help="replace existing posts (a backup is kept as NAME.md~)")
    imp.add_argument(
        "--announce",
        action="store_true",
        help="announce the interview as new on this site: its feeds date it today, at the top (its page keeps its original date); "
        "without it an old interview takes its original place and no e-mail goes out",
    )
    imp.add_argument("--explain", action="store_true", help="show what was removed and fixed, as a diff")
    imp.add_argument("--jobs", type=int, default=None, metavar="N", help="processes to use (default: every core)")

    check = sub.add_parser(
        "check", help="run the build's checks on posts, and look for leftover junk", description="Check posts as the build does, and for junk the cleanup should have removed."
    )
    check.add_argument("paths", nargs="*", type=Path, default=[DEFAULT_CONTENT], metavar="PATH", help="posts or folders (default: content)")
    check.add_argument("--fix", action="store_true", help="add a permanent Guid to posts that have none (writes into those posts)")

    news = sub.add_parser("newsletter", help="find (or copy out) a post's e-mail edition", description="Say where a post's e-mail edition is and how big it is, or write it to --out.")
    news.add_argument("slug", metavar="SLUG", help="the post's slug (its URL without slashes)")
    news.add_argument("--out", type=Path, metavar="FILE", help="write the HTML edition here (and the text part beside it, as .txt)")
    news.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, metavar="DIR", help=f"the built site (default: {DEFAULT_OUTPUT})")

    build = sub.add_parser("build", help="build the site and feeds", description="Build the site and its feeds with Pelican, our plugin and theme.")
    _add_build_arguments(build)

    serve = sub.add_parser("serve", help="build, serve on 127.0.0.1 and rebuild on changes")
    _add_build_arguments(serve)
    serve.add_argument("--port", type=int, default=8000, help="port to serve on (default: 8000)")
    serve.add_argument("--bind", default="127.0.0.1", help=argparse.SUPPRESS)
    return parser


def _add_build_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--content", type=Path, metavar="DIR", help="content folder (default: PATH in pelicanconf.py)")
    p.add_argument("--output", type=Path, metavar="DIR", help="output folder (default: OUTPUT_PATH in pelicanconf.py)")
    p.add_argument("--publish", action="store_true", help="use publishconf.py (production URLs)")
    p.add_argument("-e", "--extra-settings", action="append", default=[], metavar="KEY=VALUE", help="override a setting; VALUE is JSON")
    p.add_argument("--project", type=Path, default=Path("."), help=argparse.SUPPRESS)
    p.add_argument("--force", action="store_true", help="build even when nothing changed since the last build")


def _consoles() -> tuple[Console, Console]:
    """Standard output and standard error, as rich consoles (imported here: importing rich
    is a sixth of a build that has nothing to do, which prints without it)."""
    from rich.console import Console

    return Console(highlight=False), Console(stderr=True, highlight=False)


def escape(text: str) -> str:
    """``text`` with rich's markup escaped."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "build":
            return _run_build(args)
        out, err = _consoles()
        if args.command == "import":
            return _run_import(args, out, err)
        if args.command == "serve":
            return _run_serve(args, out, err)
        if args.command == "check":
            return _run_check(args, out, err)
        if args.command == "newsletter":
            return _run_newsletter(args, out, err)
    except SpotlightError as exc:
        _consoles()[1].print(f"[bold red]error:[/] {escape(str(exc))}", markup=True, soft_wrap=True)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    return 2


def _run_import(args: argparse.Namespace, out: Console, err: Console) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .cleanup import summarize
    from .importer import Failure, ImportResult, collect_inputs, destination, import_many, parse_date, write_post, write_report

    date = parse_date(args.date) if args.date else None
    files = collect_inputs(args.paths)
    if "-" in files and len(files) > 1:
        raise UsageError("- (standard input) cannot be combined with other inputs")
    show_progress = len(files) > 1
    progress = Progress(
        TextColumn("cleaning"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True, disable=not show_progress
    )
    with progress:
        task = progress.add_task("import", total=len(files))
        announce = dt.datetime.now().astimezone() if args.announce else None
        outcomes = import_many(files, date=date, jobs=args.jobs, on_done=lambda _path: progress.advance(task), announce=announce)

    results: list[ImportResult] = []
    failures: list[Failure] = []
    targets: dict[Path, str] = {}
    verbose = len(files) <= 20
    for path, text, outcome in outcomes:
        if isinstance(outcome, Failure):
            failures.append(outcome)
            err.print(f"[bold red]error:[/] {escape(str(outcome))}", markup=True, soft_wrap=True, highlight=False)
            continue
        result = outcome
        try:
            if args.stdout:
                sys.stdout.write(result.post.to_text())
                sys.stdout.flush()
            else:
                target = destination(result, args.out)
                if target in targets:
                    raise InputError(path, f"would be written to {target}, like {targets[target]} (same title); give one of them a different Slug")
                backup = write_post(result.post, target, force=args.force)
                targets[target] = path
                result.written_to = target
                if backup:
                    err.print(f"kept the previous version of {target} as {backup}", soft_wrap=True)
                announced = result.post.metadata.get("Announced")
                if announced and announce is not None and announced != result.announced:
                    err.print(f"{target}: announced already on {announced}; it keeps that date (an interview is announced once)", soft_wrap=True, markup=False)
        except InputError as exc:
            failures.append(Failure(exc.path, exc.problem))
            err.print(f"[bold red]error:[/] {escape(str(exc))}", markup=True, soft_wrap=True)
            continue
        results.append(result)
        for warning in result.warnings:
            err.print(f"[yellow]warning:[/] {escape(warning)}", markup=True, soft_wrap=True)
        if verbose:
            where = f" -> {result.written_to}" if result.written_to else ""
            err.print(f"{path}{where}: {result.turn_count} turns; {summarize(result.records)}", soft_wrap=True, markup=False)
        if args.explain and text is not None:
            _explain(err, path, text, result.post.body)
    if len(files) > 1:
        all_records = [r for result in results for r in result.records]
        err.print(f"{len(results)} of {len(files)} file(s) imported; {summarize(all_records)}", soft_wrap=True, markup=False)
    if args.report:
        write_report(results, failures, args.report)
        err.print(f"report written to {args.report}", soft_wrap=True)
    if failures:
        err.print(f"[bold red]{len(failures)} of {len(files)} file(s) refused[/] (nothing written for them; see the errors above)", markup=True)
        return 1
    return 0


def _explain(console: Console, path: str, before: str, after: str) -> None:
    """The removals and fixes of one import as a unified diff of paragraphs."""
    import difflib

    from rich.syntax import Syntax

    def paragraphs(text: str) -> list[str]:
        return [" ".join(p.split()) + "\n" for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]

    diff = "".join(difflib.unified_diff(paragraphs(before), paragraphs(after), fromfile=f"{path} (scrape)", tofile="post body", n=0))
    console.print(Syntax(diff or "(no changes)\n", "diff", word_wrap=True, theme="ansi_dark"))


def _run_check(args: argparse.Namespace, out: Console, err: Console) -> int:
    from .check import add_missing_guids, check_file, check_identity, post_files

    files = post_files(args.paths)
    if not files:
        raise UsageError(f"no Markdown posts found in {', '.join(str(p) for p in args.paths)}")
    if args.fix:
        for path in add_missing_guids(files):
            err.print(f"wrote a new Guid into {path} (its permanent feed id)", soft_wrap=True, markup=False, highlight=False)
    findings: list[object] = list(_build_problems(files))
    findings += [f for path in files for f in check_file(path)] + check_identity(files)
    seen: set[str] = set()
    for finding in findings:
        if str(finding) in seen:
            continue
        seen.add(str(finding))
        out.print(str(finding), soft_wrap=True, markup=False, highlight=False)
    if findings:
        err.print(f"[bold red]{len(seen)} problem(s)[/] in {len({f.path for f in findings})} of {len(files)} post(s)", markup=True)
        return 1
    err.print(f"{len(files)} post(s) checked: nothing the build would refuse, no leftover junk")
    return 0


def _build_problems(files: list[Path]) -> list[object]:
    """What the build refuses (no Title, bad Date, unsafe Slug, the same slug twice…) in
    exactly these posts, with the site's settings when run from the site's folder."""
    from pelican.settings import DEFAULT_CONFIG

    from .settings import load_settings
    from .validate import check_posts

    try:
        settings = load_settings(Path(".").resolve())
    except UsageError:
        settings = dict(DEFAULT_CONFIG, PAGE_PATHS=["pages"])
    return list(check_posts([(_kind(path, settings), path) for path in files], settings))


def _kind(path: Path, settings: dict) -> str:
    """A post's kind: a page in one of the site's page folders (or any folder named pages), else an article."""
    try:
        relative = path.resolve().relative_to(Path(settings["PATH"]).resolve())
    except ValueError:
        return "page" if "pages" in path.parent.parts else "article"
    folders = [Path(p).parts for p in settings.get("PAGE_PATHS", ["pages"]) if p]
    return "page" if any(relative.parts[: len(parts)] == parts for parts in folders) else "article"


def _run_newsletter(args: argparse.Namespace, out: Console, err: Console) -> int:
    from .newsletter import edition_paths, near_clipping

    html_path, text_path = edition_paths(args.output, args.slug)
    folder = html_path.parent
    if not html_path.is_file():
        known = sorted(p.stem for p in folder.glob("*.html")) if folder.is_dir() else []
        hint = f"; editions built: {', '.join(known[:10])}" if known else f"; build the site first (spotlight build) so {folder} exists"
        raise UsageError(f"no e-mail edition for {args.slug!r} in {folder}{hint}")
    size = html_path.stat().st_size
    clip = " (Gmail clips messages over about 102 KB)" if near_clipping(size) else ""
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(html_path.read_bytes())
        text_out = args.out.with_suffix(".txt")
        if text_path.is_file() and text_out != args.out:
            text_out.write_bytes(text_path.read_bytes())
        out.print(f"wrote {args.out} ({size / 1024:.1f} KB){clip} and {text_out}", soft_wrap=True, markup=False, highlight=False)
    else:
        out.print(f"{html_path} ({size / 1024:.1f} KB){clip}", soft_wrap=True, markup=False, highlight=False)
        out.print(f"{text_path} (plain-text part)", soft_wrap=True, markup=False, highlight=False)
    return 0


def _settings(args: argparse.Namespace) -> dict:
    from .settings import load_settings, parse_overrides

    return load_settings(
        args.project.resolve(),
        content=args.content,
        output=args.output,
        publish=args.publish,
        overrides=parse_overrides(args.extra_settings),
    )


def _run_build(args: argparse.Namespace) -> int:
    from .build import build_site, nothing_to_do

    settings = _settings(args)
    if not args.force and (done := nothing_to_do(settings)) is not None:
        print(f"Nothing changed since the last build: {done.output} is up to date (--force builds anyway)")
        return 0
    out, err = _consoles()
    with err.status("Building the site…"):
        result = build_site(settings, force=args.force)
    for warning in result.warnings:
        err.print(f"[yellow]warning:[/] {escape(warning)}", markup=True, soft_wrap=True)
    if result.up_to_date:
        out.print(f"Nothing changed since the last build: {result.output} is up to date (--force builds anyway)", soft_wrap=True)
        return 0
    drafts = f"{result.drafts} draft(s) not published"
    if result.drafts and settings.get("SPOTLIGHT_DRAFT_PREVIEWS"):
        drafts += f"; previews in {result.output / 'drafts'}/, for you only: `spotlight build --publish` leaves them out"
    out.print(f"Built {result.articles} interview(s), {result.pages} page(s) ({drafts}) into {result.output}", soft_wrap=True)
    return 0


def _run_serve(args: argparse.Namespace, out: Console, err: Console) -> int:
    from .serve import serve

    settings = _settings(args)
    # The full builds behind each preview run as this command would, in a child process.
    command = [sys.executable, "-m", "spotlight", "build", "--project", str(args.project.resolve())]
    for flag, value in (("--content", args.content), ("--output", args.output)):
        if value is not None:
            command += [flag, str(value.resolve())]
    command += ["--publish"] if args.publish else []
    for pair in args.extra_settings:
        command += ["-e", pair]
    serve(settings, build_command=command, port=args.port, bind=args.bind, console=err, force=args.force)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
