"""Cleanup stage records: every removal and fix a stage makes, as data.

A stage returns its result and a list of these, so an import can explain itself
(``--report``) and a test can assert on exactly what was removed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Record:
    """One change made by a cleanup stage.

    ``kind`` is ``"removed"`` (``text`` holds what went), ``"fixed"`` (``before`` and
    ``after``), or ``"found"`` (a piece of metadata read from the text) or ``"missing"``
    (something looked for and not found).
    """

    stage: str
    kind: str
    reason: str
    text: str = ""
    before: str = ""
    after: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = {k: v for k, v in asdict(self).items() if v not in ("", {}, None)}
        return data


def removed(stage: str, reason: str, text: str, **details: Any) -> Record:
    """A record of text taken out of the document."""
    return Record(stage=stage, kind="removed", reason=reason, text=text, details=details)


def fixed(stage: str, reason: str, before: str, after: str, **details: Any) -> Record:
    """A record of text changed in place."""
    return Record(stage=stage, kind="fixed", reason=reason, before=before, after=after, details=details)


def found(stage: str, reason: str, text: str, **details: Any) -> Record:
    """A record of metadata read from the document."""
    return Record(stage=stage, kind="found", reason=reason, text=text, details=details)


def missing(stage: str, reason: str, **details: Any) -> Record:
    """A record of something looked for and not found (nothing is invented)."""
    return Record(stage=stage, kind="missing", reason=reason, details=details)
