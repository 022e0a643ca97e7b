"""Broken posts, found before anything is built: each problem names the file (and line) and
says what to fix.

Pelican on its own skips a broken post with exit code 0, aborts on a control character,
writes outside ``output/`` for some ``Save_as`` values and takes minutes over pathological
Markdown. ``spotlight build`` runs :func:`validate_posts` first and refuses to build while
any problem is left; ``spotlight check`` reports them all at once (:func:`check_posts`), and
``spotlight import`` refuses to write a post they would refuse (:func:`check_post`): one list
of checks for the three commands.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import re
import signal
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cleanup.decode import detect_encoding
from .files import code_version, no_gc, path_order
from .post import _HEADER_LINE, iso_date

MAX_POST_BYTES = 1_000_000
MAX_BRACKETS_PER_PARAGRAPH = 1_000  # python-markdown is quadratic in unclosed "[": 4,000 take 2 s
MAX_NESTING = 100  # lists or quotes nested deeper than this can exhaust Python's recursion

POST_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown")  # the files Pelican's Markdown reader reads
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PATH_FIELDS = ("slug", "save_as", "url", "lang", "category")

# Binary files by their first bytes: (pattern matched at the start, what it is). A pattern
# that could begin a line of text ("%PDF-1", "GIF89a") is still unambiguous at a file's start.
BINARY_SIGNATURES: tuple[tuple[re.Pattern[bytes], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), kind)
    for pattern, kind in (
        (rb"\x7fELF", "ELF executable"),
        (rb"MZ.{0,62}?\x00", "Windows executable"),  # (text starting "MZ" has no NUL)
        (rb"\xcf\xfa\xed\xfe|\xce\xfa\xed\xfe|\xfe\xed\xfa[\xce\xcf]", "Mach-O executable"),
        (rb"\xca\xfe\xba\xbe", "Mach-O or Java class file"),
        (rb"\x00asm", "WebAssembly module"),
        (rb"\x89PNG\r\n\x1a\n", "PNG image"),
        (rb"\xff\xd8\xff", "JPEG image"),
        (rb"GIF8[79]a", "GIF image"),
        (rb"RIFF.{4}WEBP", "WebP image"),
        (rb"II\*\x00|MM\x00\*", "TIFF image"),
        (rb"\x00\x00.{2}ftyp(?:heic|heix|avif)", "HEIC or AVIF image"),
        (rb"\x00\x00.{2}ftyp", "MP4 or QuickTime video"),
        (rb"RIFF.{4}(?:WAVE|AVI )", "WAV audio or AVI video"),
        (rb"ID3[\x02-\x04]\x00|OggS\x00|fLaC\x00", "audio file"),
        (rb"%PDF-\d", "PDF document"),
        (rb"PK\x03\x04", "ZIP archive (or a .docx, .odt or .epub, which are ZIP archives)"),
        (rb"PK\x05\x06", "ZIP archive"),
        (rb"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office document (.doc, .xls, .ppt)"),
        (rb"\x1f\x8b", "gzip archive"),
        (rb"BZh[1-9]1AY&SY", "bzip2 archive"),
        (rb"\xfd7zXZ\x00", "xz archive"),
        (rb"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
        (rb"\x28\xb5\x2f\xfd", "Zstandard archive"),
        (rb"Rar!\x1a\x07", "RAR archive"),
        (rb".{257}ustar(?:\x0000|  \x00)", "tar archive"),
        (rb"SQLite format 3\x00", "SQLite database"),
        (rb"wOFF|wOF2", "web font"),
    )
)
# Text has almost no control characters: past this share of a file's start (random bytes have
# about 10%), what is no UTF-8 is binary.
_BINARY_CONTROL_SHARE = 0.03
_BINARY_SAMPLE = 8192
_BINARY_CONTROL = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")  # (ESC is left to terminal logs)


@dataclass(frozen=True)
class Problem:
    """A post that cannot be built as it is."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass
class _Post:
    path: Path
    kind: str  # "article" or "page"
    metadata: dict[str, tuple[str, int]]  # lower-case key -> (value, line)
    body: str
    body_line: int


def binary_kind(data: bytes) -> str | None:
    """What binary file ``data`` is (by its signature, else its NUL bytes, or many control
    bytes in what is no UTF-8), or None for text in any encoding (UTF-16 has NULs but is text).

    Control characters in UTF-8 or UTF-16 text are text's problem, not binary's: the cleanup
    removes them, and the build refuses a post that still has one.

    >>> binary_kind(b"\\x89PNG\\r\\n\\x1a\\n..."), binary_kind("Título".encode("utf-16"))
    ('PNG image', None)
    """
    for signature, kind in BINARY_SIGNATURES:
        if signature.match(data):
            return kind
    head = data[:_BINARY_SAMPLE]
    encoding = detect_encoding(head)
    if encoding.startswith(("utf-16", "utf-32")):
        # (the sample may end inside a character: decoding replaces it rather than failing)
        return "it contains NUL characters" if "\x00" in head.decode(encoding, errors="replace") else None
    if b"\x00" in head:
        return "it contains NUL bytes"
    if encoding == "utf-8" or _cut_utf8(head):
        return None
    controls = len(_BINARY_CONTROL.findall(head.decode("latin-1")))
    if controls > 8 and controls > _BINARY_CONTROL_SHARE * len(head):
        return f"{controls} control bytes in its first {len(head):,} bytes, and it is not UTF-8"
    return None


def _cut_utf8(head: bytes) -> bool:
    """Whether ``head`` is UTF-8 that only ends inside a character (a sample of a longer file)."""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.reason == "unexpected end of data"
    return True


def _decode(path: Path | str, data: bytes) -> tuple[str | None, Problem | None]:
    if not data.strip():
        return None, Problem(str(path), "is empty; write a post (a 'Title:' line, a blank line, the text) or delete the file")
    kind = binary_kind(data)
    if kind:
        return None, Problem(str(path), f"is a binary file ({kind}), not a text post; remove it from the content folder")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, Problem(
            str(path),
            f"is not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8, or import it with `spotlight import` which detects the encoding",
            line,
        )


def _split(text: str) -> tuple[dict[str, tuple[str, int]], str, int]:
    lines = text.split("\n")
    metadata: dict[str, tuple[str, int]] = {}
    i = 0
    last = None
    while i < len(lines) and lines[i].strip():
        m = _HEADER_LINE.match(lines[i].rstrip("\r"))
        if m:
            last = m.group("key").lower()
            metadata[last] = (m.group("value").strip(), i + 1)
        elif last and lines[i].startswith((" ", "\t")):
            value, line = metadata[last]
            metadata[last] = (value + " " + lines[i].strip(), line)
        else:
            break
        i += 1
    return metadata, "\n".join(lines[i:]), i + 1


def _nesting(body: str) -> tuple[int, int]:
    """The deepest list or quote nesting in ``body`` and the line where it is."""
    deepest, where = 0, 0
    for n, line in enumerate(body.split("\n"), start=1):
        quote = len(re.match(r"^(?:\s*>)*", line).group(0).replace(" ", ""))
        indent = len(line) - len(line.lstrip(" \t"))
        depth = max(quote, indent // 2 if re.match(r"^\s*(?:[-*+]|\d+[.)])\s", line) else 0)
        if depth > deepest:
            deepest, where = depth, n
    return deepest, where


def _paths_escape(value: str) -> bool:
    v = value.strip()
    return (
        "\\" in v
        or v.startswith(("/", "~"))
        or bool(re.match(r"^[A-Za-z]:", v))
        or any(part == ".." for part in re.split(r"[/\\]", v))
        or "\x00" in v
    )


def _candidates(settings: dict[str, Any]) -> list[tuple[str, Path]]:
    """(kind, path) of every Markdown post Pelican would read, in a stable order."""
    content = Path(settings["PATH"])
    prefix = str(content).rstrip(os.sep) + os.sep
    page_paths = [p for p in settings.get("PAGE_PATHS", []) if p]
    out: list[tuple[str, Path]] = []
    for kind, folders in (("article", settings.get("ARTICLE_PATHS", [""])), ("page", settings.get("PAGE_PATHS", ["pages"]))):
        # An article folder that holds a page folder leaves the pages to the page reader.
        elsewhere = tuple(os.path.normpath(p) + os.sep for p in page_paths if p not in folders) if kind == "article" else ()
        for folder in folders:
            for path in sorted((content / folder).rglob("*"), key=path_order):
                name = path.name
                if name.endswith("~") or os.path.splitext(name)[1].lower() not in POST_SUFFIXES:
                    continue
                text = str(path)
                rel = text[len(prefix) :] if text.startswith(prefix) else str(path.relative_to(content))
                if any(part.startswith(("_", ".")) for part in rel.split(os.sep)) or (elsewhere and rel.startswith(elsewhere)):
                    continue
                if path.is_file():
                    out.append((kind, path))
    return out


# What one file's own checks found: its problems, its metadata (None when it could not be
# read as a post), and the warnings that do not stop a build.
_FileResult = tuple[list[Problem], "dict[str, tuple[str, int]] | None", list[str]]


def _junk_warnings(path: Path) -> list[str]:
    """The safety net: lines of the post that look like junk the cleanup should have removed."""
    from .check import find_junk

    text, problem = _decode(path, path.read_bytes())
    return [] if problem or text is None else [f"leftover junk: {finding}" for finding in find_junk(text, str(path))]


def _check_file(job: tuple[str, Path, int]) -> _FileResult:
    """:func:`check_post` of one file (run in parallel, cached by file stamp)."""
    kind, path, limit = job
    return check_post(str(path), path.read_bytes(), kind=kind, limit=limit)


def check_post(path: str, data: bytes, *, kind: str = "article", limit: int = MAX_POST_BYTES) -> _FileResult:
    """The checks that need only the post itself and can stop a build: its problems, its
    metadata (None when it is no text post) and what does not stop a build. The build, ``spotlight
    check`` and ``spotlight import`` (on the post it would write) all run these; the junk scan
    is separate (:func:`_junk_warnings`), and so are the checks between posts."""
    if len(data) > limit:
        return [Problem(str(path), f"is {len(data):,} bytes, more than the limit of {limit:,} (MAX_POST_BYTES in pelicanconf.py): split it")], None, []
    text, problem = _decode(path, data)
    if problem:
        return [problem], None, []
    assert text is not None
    problems: list[Problem] = []
    for n, line in enumerate(text.split("\n"), start=1):
        m = _CONTROL.search(line)
        if m:
            problems.append(Problem(str(path), f"has a control character (U+{ord(m.group(0)):04X}) that would stop the build; delete it", n))
            break
    metadata, body, body_line = _split(text)
    if not metadata.get("title", ("", 0))[0]:
        problems.append(Problem(str(path), "has no Title; add a 'Title: …' line at the top (then a blank line before the text)", 1))
    for field in _PATH_FIELDS:
        if field in metadata:
            value, line = metadata[field]
            if _paths_escape(value):
                problems.append(Problem(str(path), f"{field.capitalize()} {value!r} would write outside the output folder; use a plain name such as 'my-post'", line))
    if "date" in metadata:
        value, line = metadata["date"]
        if not _is_date(value):
            problems.append(Problem(str(path), f"Date {value!r} is not a date; write it as YYYY-MM-DD or YYYY-MM-DD HH:MM", line))
    depth, line = _nesting(body)
    if depth > MAX_NESTING:
        problems.append(Problem(str(path), f"nests lists or quotes {depth} levels deep (at most {MAX_NESTING}); Markdown cannot render that", body_line + line - 1))
    for paragraph in body.split("\n\n"):
        if paragraph.count("[") > MAX_BRACKETS_PER_PARAGRAPH:
            line = body_line + body[: body.find(paragraph)].count("\n")
            problems.append(Problem(str(path), f"has a paragraph with {paragraph.count('[')} '[' characters, which would take Markdown minutes to render; remove them or put them in a code block", line))
            break
    warnings = []
    if kind == "article" and "guid" not in metadata:
        warnings.append(f"{path}: no Guid, so its feed id is provisional; run `spotlight check --fix` to give it a permanent one")
    return problems, metadata, warnings


def _is_date(value: str) -> bool:
    """Whether Pelican can read ``value`` as a date (the usual form without its parser)."""
    if iso_date(value) is not None:
        return True
    from pelican.utils import get_date

    try:
        get_date(value)
    except (ValueError, OverflowError):
        return False
    return True


def _check_files(jobs: list[tuple[str, Path, int]], workers: int) -> list[_FileResult]:
    # (imported here: ``spotlight import`` runs the checks of one post and must start fast)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if workers < 2 or len(jobs) < 100 or "fork" not in multiprocessing.get_all_start_methods():
        return [_check_file(job) for job in jobs]
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(_check_file, jobs, chunksize=max(1, len(jobs) // (workers * 4))))


def validate_posts(settings: dict[str, Any], warnings: list[str] | None = None, cache: Path | None = None) -> list[Problem]:
    """Every problem in the posts under the content folder (``settings["PATH"]``).

    When ``warnings`` is a list, what does not stop a build is added to it: leftover junk
    (the safety net of :mod:`spotlight.check`), file and line, and articles without a Guid.
    See :func:`start_validation` for the rest."""
    validation = start_validation(settings, cache, background=False)
    try:
        if warnings is not None:
            warnings.extend(validation.warnings())
        return validation.problems
    finally:
        validation.close()


class Validation:
    """What :func:`start_validation` found: :attr:`problems` at once, :meth:`warnings` once
    the junk scan is done (it may run in another process meanwhile); :meth:`close` always.

    With a cache folder it holds only the files' stamps, not what the checks read: the
    warnings are read back from the cache at the end. (Keeping a few small objects of every
    file would pin much of the memory the checks used for the whole build.)"""

    def __init__(self, problems: list[Problem], files: list[tuple[Any, str, Path]], notes: dict[Any, tuple[_FileResult, list[str] | None]] | None, scan: _JunkScan, cache: Path | None, limit: int) -> None:
        self.problems = problems
        self._files, self._notes, self._scan, self._cache, self._limit = files, notes, scan, cache, limit
        self._warnings: list[str] | None = None

    def warnings(self) -> list[str]:
        """What does not stop a build, file by file: leftover junk, then a missing Guid."""
        if self._warnings is None:
            scanned = self._scan.result()
            known = self._notes if self._notes is not None else _load_cache(self._cache)
            for stamp, junk in scanned.items():
                if stamp in known:
                    known[stamp] = (known[stamp][0], junk)
            if scanned and self._cache is not None:
                _save_cache(self._cache, known)
            out: list[str] = []
            for stamp, kind, path in self._files:
                checked, junk = known.get(stamp) or (None, None)
                if checked is None:  # (the cache was lost meanwhile: check the file again)
                    checked, junk = _check_file((kind, path, self._limit)), None
                if junk is None:
                    junk = scanned[stamp] if stamp in scanned else _scan([(stamp, path)])[stamp]
                out.extend(junk)
                out.extend(checked[2])
            self._warnings = out
        return self._warnings

    def close(self) -> None:
        """Stop the junk scan if its warnings were not asked for (a build that failed); the
        files it did not scan are scanned next time."""
        self._scan.cancel()


def start_validation(settings: dict[str, Any], cache: Path | None = None, *, background: bool = True) -> Validation:
    """Check the posts under the content folder (``settings["PATH"]``): what stops a build
    now, the junk scan's warnings (the slower part, which can never stop a build) from
    another process while the build goes on, when ``background`` and the system can fork.
    Each file's own checks run on every core; with a ``cache`` folder, a file whose size and
    modification time are unchanged is not read again."""
    limit = int(settings.get("MAX_POST_BYTES", MAX_POST_BYTES))
    workers = min(os.cpu_count() or 1, int(settings.get("SPOTLIGHT_JOBS") or os.cpu_count() or 1))
    known: dict[tuple[str, str, int, int, int], tuple[_FileResult, list[str] | None]] = _load_cache(cache)
    stamped = []
    for kind, path in _candidates(settings):
        st = path.stat()
        stamped.append(((kind, str(path), st.st_size, st.st_mtime_ns, limit), kind, path))
    # The junk scan starts first, so that it runs while the rest is checked and built.
    scan = _JunkScan([(stamp, path) for stamp, _kind, path in stamped if stamp not in known or known[stamp][1] is None], background=background)
    try:
        missing = [(kind, path, limit) for stamp, kind, path in stamped if stamp not in known]
        fresh = iter(_check_files(missing, workers))
        results: dict[Any, tuple[_FileResult, list[str] | None]] = {}
        for stamp, _kind, _path in stamped:
            results[stamp] = known[stamp] if stamp in known else (next(fresh), None)
        problems = _problems(settings, stamped, results)
        if cache is not None and (missing or len(results) != len(known)):
            _save_cache(cache, results)
    except BaseException:
        scan.cancel()
        raise
    return Validation(problems, stamped, None if cache is not None else results, scan, cache, limit)


def check_posts(files: list[tuple[str, Path]], settings: dict[str, Any]) -> list[Problem]:
    """Every problem the build would find in these (kind, path) posts, wherever they are:
    each file's own (:func:`check_post`) and those between them (slugs, Guids)."""
    limit = int(settings.get("MAX_POST_BYTES", MAX_POST_BYTES))
    stamped = [(str(path), kind, path) for kind, path in files]
    results: dict[Any, tuple[_FileResult, list[str] | None]] = {stamp: (_check_file((kind, path, limit)), None) for stamp, kind, path in stamped}
    return _problems(settings, stamped, results)


def _problems(settings: dict[str, Any], stamped: list[tuple[Any, str, Path]], results: dict[Any, tuple[_FileResult, list[str] | None]]) -> list[Problem]:
    """The files' own problems, and those between files (slugs, Guids)."""
    from pelican.utils import slugify

    problems: list[Problem] = []
    posts: list[_Post] = []
    for stamp, kind, path in stamped:
        (file_problems, metadata, _), _junk = results[stamp]
        problems.extend(file_problems)
        if metadata is not None:
            posts.append(_Post(path, kind, metadata, "", 0))

    slugs: dict[tuple[str, str], Path] = {}
    guids: dict[str, Path] = {}
    for post in posts:
        p = str(post.path)
        title = post.metadata.get("title", ("", 0))[0]
        slug = post.metadata.get("slug", ("", 0))[0] or (
            slugify(title, regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []), use_unicode=settings.get("SLUGIFY_USE_UNICODE", False)) if title else ""
        )
        if slug:
            key = (post.kind if settings.get("ARTICLE_URL") != settings.get("PAGE_URL") else "any", slug.lower())
            if key in slugs:
                problems.append(Problem(p, f"has the same slug {slug!r} as {slugs[key]}; give one of them another 'Slug:'"))
            else:
                slugs[key] = post.path
        if "guid" in post.metadata:
            guid = post.metadata["guid"][0]
            if guid in guids:
                problems.append(Problem(p, f"has the same Guid as {guids[guid]}; delete the Guid line in the copy and run `spotlight check --fix`", post.metadata["guid"][1]))
            else:
                guids[guid] = post.path
    return problems


class _JunkScan:
    """The junk scan of some files: in a forked process when asked to (and possible), else
    when its result is asked for. The process writes its findings to a file and ends, so it
    holds no memory while the build goes on."""

    def __init__(self, files: list[tuple[Any, Path]], *, background: bool) -> None:
        self._files = files
        self._pid: int | None = None
        self._file: str | None = None
        self._result: dict[Any, list[str]] | None = None if files else {}
        if files and background and hasattr(os, "fork"):
            handle, self._file = tempfile.mkstemp(prefix="spotlight-junk-", suffix=".pickle")
            pid = os.fork()
            if pid == 0:  # the scanning process: report, and leave without the parent's clean-up
                code = 1
                try:
                    # Its warnings are needed only when the build ends: it takes the time the
                    # build leaves idle (while Pelican works on one core) instead of
                    # competing with the conversion workers.
                    with contextlib.suppress(OSError):
                        os.nice(19)
                    with os.fdopen(handle, "wb") as fh:
                        pickle.dump(_scan(files), fh, protocol=pickle.HIGHEST_PROTOCOL)
                    code = 0
                finally:
                    os._exit(code)
            os.close(handle)
            self._pid = pid

    def result(self) -> dict[Any, list[str]]:
        if self._result is None:
            if self._pid is not None:
                _, status = os.waitpid(self._pid, 0)
                self._pid = None
                if os.waitstatus_to_exitcode(status) == 0:
                    try:
                        with open(str(self._file), "rb") as fh:
                            self._result = pickle.load(fh)
                    except Exception:  # noqa: BLE001 - unreadable: scan here instead
                        self._result = None
            if self._result is None:
                self._result = _scan(self._files)
            self._remove_file()
        return self._result

    def cancel(self) -> None:
        if self._pid is not None:
            try:
                os.kill(self._pid, signal.SIGKILL)
                os.waitpid(self._pid, 0)
            except OSError:
                pass
            self._pid = None
        self._remove_file()

    def _remove_file(self) -> None:
        if self._file is not None:
            try:
                os.unlink(self._file)
            except OSError:
                pass
            self._file = None


def _scan(files: list[tuple[Any, Path]]) -> dict[Any, list[str]]:
    out = {}
    for stamp, path in files:
        try:
            out[stamp] = _junk_warnings(path)
        except OSError:
            out[stamp] = []  # (gone since it was checked: the build will say so)
    return out


_CACHE_FILE = "validated.pickle"
_CACHE_VERSION = 4  # 2: a file's date is checked with the file; 3: the junk scan is kept apart; 4: Title and paths too


def _load_cache(cache: Path | None) -> dict[Any, tuple[_FileResult, list[str] | None]]:
    if cache is None:
        return {}
    try:
        with open(cache / _CACHE_FILE, "rb") as fh, no_gc():
            version, code, results = pickle.load(fh)
    except (OSError, ValueError, EOFError, pickle.UnpicklingError, TypeError, AttributeError, ImportError):
        return {}
    return dict(results) if version == _CACHE_VERSION and code == code_version() else {}


def _save_cache(cache: Path, results: dict[Any, tuple[_FileResult, list[str] | None]]) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    temporary = cache / (_CACHE_FILE + ".tmp")
    with open(temporary, "wb") as fh:
        pickle.dump((_CACHE_VERSION, code_version(), results), fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, cache / _CACHE_FILE)
