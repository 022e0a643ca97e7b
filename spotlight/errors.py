"""Spotlight's exceptions: each carries a message for an author (which file, what is
wrong, what to do) and the exit code the command line uses."""

from __future__ import annotations


class SpotlightError(Exception):
    """Base of every error Spotlight reports to a person."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(SpotlightError):
    """The command was called wrongly (bad option value, missing file)."""

    exit_code = 2


class InputError(SpotlightError):
    """An input file cannot be read or cleaned."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class PostFormatError(InputError):
    """A post's metadata header or body is not in the post format."""


class RefusedPostError(InputError):
    """An input whose post the build would refuse (the build's own messages); nothing is written."""

    def __init__(self, path: str, problems: list[str]) -> None:
        # One line per problem, each naming the file, as the build prints them.
        super().__init__(path, f"\n{path}: ".join(f"{p} (the build refuses such a post; nothing was written)" for p in problems))
        self.problems = problems


class OverwriteError(InputError):
    """Writing would replace an author's existing file."""

    def __init__(self, path: str) -> None:
        super().__init__(path, "already exists; not overwritten (pass --force to replace it)")


class BuildError(SpotlightError):
    """The site could not be built; the previous output is left as it was."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        self.problems = problems or []
        full = message if not self.problems else message + "\n" + "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(full)


class PostProblemsError(BuildError):
    """Posts that cannot be built as they are: nothing is built."""

    def __init__(self, problems: list[str], output: str | None = None) -> None:
        where = f"; {output} was left as it was" if output else ""
        super().__init__(f"Nothing was built: {len(problems)} problem(s) in the posts{where}. Fix these and build again:", problems)
