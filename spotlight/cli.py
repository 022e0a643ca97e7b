"""The ``spotlight`` command: parses arguments and calls one module per verb.

    spotlight import PATH... [--out DIR] [--date YYYY-MM-DD] [--stdout] [--report FILE] [--force]
    spotlight build [--content DIR] [--output DIR] [--publish] [-e KEY=VALUE ...]
    spotlight serve [--port N]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

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

    imp = sub.add_parser("import", help="clean scraped interviews into posts", description="Clean each scrape (.txt, .md, or - for standard input) into one post.")
    imp.add_argument("paths", nargs="+", metavar="PATH", help="scraped files or folders of them; - reads standard input")
    imp.add_argument("--out", type=Path, default=DEFAULT_INTERVIEWS, metavar="DIR", help=f"where posts are written (default: {DEFAULT_INTERVIEWS})")
    imp.add_argument("--date", metavar="YYYY-MM-DD", help="publication date for posts whose scrape has none")
    imp.add_argument("--stdout", action="store_true", help="print the posts instead of writing them")
    imp.add_argument("--report", type=Path, metavar="FILE", help="write every removal and fix as JSON")
    imp.add_argument("--force", action="store_true", help="replace existing posts (a backup is kept as NAME.md~)")

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


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    out = Console(highlight=False)
    err = Console(stderr=True, highlight=False)
    try:
        if args.command == "import":
            return _run_import(args, out, err)
        if args.command == "build":
            return _run_build(args, out, err)
        if args.command == "serve":
            return _run_serve(args, out, err)
    except SpotlightError as exc:
        err.print(f"[bold red]error:[/] {exc}", markup=True, soft_wrap=True)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    return 2


def _expand(paths: list[str]) -> list[str]:
    from .importer import SUPPORTED_SUFFIXES

    files: list[str] = []
    for p in paths:
        path = Path(p)
        if p != "-" and path.is_dir():
            found = sorted(str(f) for f in path.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES)
            if not found:
                raise UsageError(f"{p}: no {', '.join(SUPPORTED_SUFFIXES)} files in this folder")
            files.extend(found)
        else:
            files.append(p)
    return files


def _run_import(args: argparse.Namespace, out: Console, err: Console) -> int:
    from .importer import ImportResult, destination, import_path, parse_date, write_post, write_report

    date = parse_date(args.date) if args.date else None
    files = _expand(args.paths)
    results: list[ImportResult] = []
    failures: list[InputError] = []
    for path in files:
        try:
            result = import_path(path, date=date)
            if args.stdout:
                sys.stdout.write(result.post.to_text())
                sys.stdout.flush()
            else:
                target = destination(result, args.out)
                backup = write_post(result.post, target, force=args.force)
                result.written_to = target
                if backup:
                    err.print(f"kept the previous version as {backup}", soft_wrap=True)
            results.append(result)
        except InputError as exc:
            failures.append(exc)
            err.print(f"[bold red]error:[/] {exc}", markup=True, soft_wrap=True)
            continue
        for warning in result.warnings:
            err.print(f"[yellow]warning:[/] {warning}", markup=True, soft_wrap=True)
        from .cleanup import summarize

        where = f" -> {result.written_to}" if result.written_to else ""
        err.print(f"{path}{where}: {result.turn_count} turns; {summarize(result.records)}", soft_wrap=True, markup=False)
    if args.report:
        write_report(results, failures, args.report)
        err.print(f"report written to {args.report}", soft_wrap=True)
    if failures:
        err.print(f"[bold red]{len(failures)} of {len(files)} file(s) failed[/]", markup=True)
        return 1
    return 0


def _settings(args: argparse.Namespace) -> dict:
    from .build import load_settings, parse_overrides

    return load_settings(
        args.project.resolve(),
        content=args.content,
        output=args.output,
        publish=args.publish,
        overrides=parse_overrides(args.extra_settings),
    )


def _run_build(args: argparse.Namespace, out: Console, err: Console) -> int:
    from .build import build_site

    settings = _settings(args)
    with err.status("Building the site…"):
        result = build_site(settings)
    for warning in result.warnings:
        err.print(f"[yellow]warning:[/] {warning}", markup=True, soft_wrap=True)
    out.print(
        f"Built {result.articles} interview(s), {result.pages} page(s) ({result.drafts} draft(s) not published) into {result.output}",
        soft_wrap=True,
    )
    return 0


def _run_serve(args: argparse.Namespace, out: Console, err: Console) -> int:
    from .serve import serve

    settings = _settings(args)
    serve(settings, port=args.port, bind=args.bind, console=err)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
