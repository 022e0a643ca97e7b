"""Work split over the cores by forking: each child inherits everything the build holds in
memory (the settings, Pelican's objects), so nothing is pickled but each task's small result.

This is the build's one way of running Python in other processes (Pagefind runs as its own
program): the pre-pass (:mod:`spotlight.prepared`) makes posts in children, and the build
renders the site in shards (:mod:`spotlight.build`). Where the system cannot fork, tasks run
one after another here.
"""

from __future__ import annotations

import os
import pickle
import sys
import traceback
from collections.abc import Callable
from typing import Any


class ChildFailed(Exception):
    """A task failed in a child process: its exception, as text."""


def can_fork() -> bool:
    return hasattr(os, "fork")


def cores(settings: dict[str, Any]) -> int:
    """How many processes a build's work is split over: one per core, ``SPOTLIGHT_JOBS`` at most."""
    return max(1, min(os.cpu_count() or 1, int(settings.get("SPOTLIGHT_JOBS") or os.cpu_count() or 1)))


def run_split(tasks: list[Callable[[], Any]], *, quiet_children: bool = True) -> list[Any]:
    """Run ``tasks[0]`` here and each of the others in a forked child, at the same time; their
    results in order. An exception in a child is raised here as :class:`ChildFailed` once every
    task is done (one here is raised as it is). ``quiet_children``: what children print to
    standard output is dropped (their results carry what matters)."""
    if len(tasks) < 2 or not can_fork():
        return [task() for task in tasks]
    children = []
    for task in tasks[1:]:
        reader, writer = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: run, report, and leave without running the parent's clean-up
            code = 1
            try:
                os.close(reader)
                if quiet_children:
                    devnull = os.open(os.devnull, os.O_WRONLY)
                    os.dup2(devnull, 1)
                try:
                    outcome: tuple[str, Any] = ("done", task())
                except BaseException as exc:  # noqa: BLE001 - reported to the parent, whatever it is
                    outcome = ("failed", "".join(traceback.format_exception_only(type(exc), exc)).strip())
                with os.fdopen(writer, "wb") as pipe:
                    pickle.dump(outcome, pipe, protocol=pickle.HIGHEST_PROTOCOL)
                code = 0
            finally:
                os._exit(code)
        os.close(writer)
        children.append((pid, reader))
    try:
        here = tasks[0]()
    finally:
        outcomes = []
        for pid, reader in children:
            with os.fdopen(reader, "rb") as pipe:
                data = pipe.read()
            _, status = os.waitpid(pid, 0)
            try:
                outcomes.append(pickle.loads(data))
            except Exception:  # noqa: BLE001 - the child died before it could say anything
                code = os.waitstatus_to_exitcode(status)
                why = f"was killed by signal {-code} (out of memory?)" if code < 0 else f"stopped with exit code {code}"
                outcomes.append(("failed", f"a build process {why}"))
    failed = [text for kind, text in outcomes if kind == "failed"]
    if failed:
        raise ChildFailed(failed[0])
    return [here] + [value for _, value in outcomes]
