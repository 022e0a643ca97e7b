"""A value only one page shows, worked out when that page is rendered (see :class:`Later`)."""

from __future__ import annotations

from typing import Any


class Later:
    """A value only the page of one post or person shows (its sharing tags, its JSON-LD),
    worked out when that page is rendered, in the worker that renders it, instead of being
    held for every post while the whole site is built. It stands in for the value: its
    attributes, its text (``|safe`` in a template) and its truth are the value's.

    Page keys (:mod:`.incremental`) leave it out: what it is made from is in the keys
    already (the post or person it belongs to, and the settings)."""

    __slots__ = ("_make", "_args", "_value")

    def __init__(self, make: Any, *args: Any) -> None:
        self._make, self._args, self._value = make, args, None

    def value(self) -> Any:
        if self._value is None:
            self._value = self._make(*self._args)
        return self._value

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # (pickle and copy look for hooks; the slots are not set yet)
            raise AttributeError(name)
        return getattr(self.value(), name)

    def __str__(self) -> str:
        return str(self.value())

    def __html__(self) -> str:
        return str(self.value())

    def __bool__(self) -> bool:
        return bool(self.value())

    def __eq__(self, other: object) -> bool:
        return self.value() == (other.value() if isinstance(other, Later) else other)

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:  # kept without the value worked out
        return (Later, (self._make, *self._args))
