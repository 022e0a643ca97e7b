"""CSS selection for the HTML stage: the tables' selectors, compiled once each to XPath by lxml's
cssselect and run by libxml2.

:func:`select` finds the elements strictly below a context element (never the context itself),
in document order, each once; an element taken out of the tree is no longer found. Tags and
attribute names are matched in lower case (the parser writes them so), attribute values as
written; a class (and a ``~=`` word) is a whitespace-separated word of the attribute, whitespace
being what ``str.split`` splits at.

A :class:`Selection` selects in one page and first asks the page what it could match: a
selector naming a class, id, attribute value or tag that no element of the page carries is
not run at all. Each selector run walks the whole page in C, so on most pages this leaves a
handful of the tables' hundred selectors to run.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, NamedTuple

from cssselect import parse as parse_css
from cssselect.parser import Attrib, Class, CombinedSelector, Element, Hash
from lxml import etree
from lxml.cssselect import LxmlHTMLTranslator
from lxml.html import HtmlElement


# What str.split() splits at, but for the control characters that never reach the tree (the
# input is cleaned of them) and that an XPath string cannot hold: see _whitespace_is_complete.
_WHITESPACE = "\t\n\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
# The attribute operators whose match needs the value in the page ("!=" is cssselect's negation).
_VALUE_OPERATORS = frozenset({"=", "~=", "|=", "^=", "$=", "*="})


class _Translator(LxmlHTMLTranslator):
    """cssselect's HTML translation, with words (``.class``, ``[attr~=word]``) split at any
    whitespace ``str.split`` knows, non-breaking spaces included."""

    def xpath_attrib_includes(self, xpath, name, value):  # type: ignore[no-untyped-def]
        if value and not any(ch.isspace() for ch in value):
            spaced = f"translate({name}, {self.xpath_literal(_WHITESPACE)}, {self.xpath_literal(' ' * len(_WHITESPACE))})"
            xpath.add_condition(
                f"{name} and contains({name}, {self.xpath_literal(value)})"  # cheap: most elements fail here
                f" and contains(concat(' ', normalize-space({spaced}), ' '), {self.xpath_literal(' ' + value + ' ')})"
            )
        else:
            xpath.add_condition("0")
        return xpath


_TRANSLATOR = _Translator()


class _Need(NamedTuple):
    """What a page must hold for an element to match: an attribute (with a value, by operator),
    or, when ``operator`` is "tag", an element of that tag."""

    name: str
    operator: str
    value: str | None


class _Alternative(NamedTuple):
    xpath: str
    needs: tuple[_Need, ...]


def _needs(tree: object) -> tuple[_Need, ...]:
    """What every compound of a parsed selector asks for (a negated part asks for nothing)."""
    out: list[_Need] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CombinedSelector):
            stack.extend((node.selector, node.subselector))
            continue
        if isinstance(node, Element):
            if node.element and not node.namespace:
                out.append(_Need(node.element.lower(), "tag", None))
            continue
        if isinstance(node, Class):
            out.append(_Need("class", "~=", node.class_name))
        elif isinstance(node, Hash):
            out.append(_Need("id", "=", node.id))
        elif isinstance(node, Attrib) and not node.namespace:
            if node.operator == "exists":
                out.append(_Need(node.attrib.lower(), "exists", None))
            elif node.operator in _VALUE_OPERATORS and node.value is not None:
                out.append(_Need(node.attrib.lower(), node.operator, node.value.value))
        if hasattr(node, "selector"):  # the compound this part qualifies (never what :not() negates)
            stack.append(node.selector)
    # Attributes before tags: their facts are cheaper and rule out more.
    return tuple(sorted(out, key=lambda n: n.operator == "tag"))


@lru_cache(maxsize=None)
def _alternatives(selectors: tuple[str, ...]) -> tuple[_Alternative, ...]:
    return tuple(
        _Alternative(_TRANSLATOR.selector_to_xpath(parsed, prefix="descendant::", translate_pseudo_elements=True), _needs(parsed.parsed_tree))
        for selector in selectors
        for parsed in parse_css(selector)
    )


@lru_cache(maxsize=None)
def _compiled(xpaths: tuple[str, ...]) -> etree.XPath:
    return etree.XPath(" | ".join(xpaths))


def select(context: HtmlElement, selector: str) -> list[HtmlElement]:
    """The elements strictly below ``context`` matching ``selector``, in document order.

    >>> import lxml.html
    >>> root = lxml.html.fromstring(
    ...     '<div><main class="post"><article class="post a\u00a0b"><p class="Post">x</p></article></main></div>')
    >>> [el.tag for el in select(root, ".post")], [el.tag for el in select(root, "MAIN ARTICLE, p")]
    (['main', 'article'], ['article', 'p'])
    >>> main = root[0]  # never the context itself, nor a match that needs it
    >>> [el.tag for el in select(main, ".post")], select(main, "main article")
    (['article'], [])
    >>> [el.tag for el in select(root, ".b")], [el.tag for el in select(root, "[class=post]")], select(root, "[class=POST]")
    (['article'], ['main'], [])
    """
    return _compiled(tuple(a.xpath for a in _alternatives((selector,))))(context)


class Selection:
    """Selection in one page: what :func:`select` finds, skipping the selectors that ask for a
    class, id, attribute value or tag the page does not hold (found out once per page)."""

    def __init__(self, root: HtmlElement) -> None:
        self.root = root
        self._values: dict[str, list[str]] = {}
        self._equal: dict[str, frozenset[str]] = {}
        self._words: dict[str, frozenset[str]] = {}
        self._joined: dict[str, str] = {}
        self._tags: dict[str, bool] = {}
        self._order: dict[HtmlElement, int] | None = None

    def select(self, selector: str, context: HtmlElement | None = None) -> list[HtmlElement]:
        """The elements strictly below ``context`` (the page's root by default) matching ``selector``."""
        return self.select_any((selector,), context)

    def select_any(self, selectors: Iterable[str], context: HtmlElement | None = None) -> list[HtmlElement]:
        """The elements matching any of ``selectors``, once each, in document order."""
        xpaths = tuple(a.xpath for a in _alternatives(tuple(selectors)) if all(self._may_hold(n) for n in a.needs))
        if not xpaths:
            return []
        found = _compiled(xpaths)(self.root if context is None else context)
        if self._order is not None:
            order = self._order
            return sorted((el for el in found if el in order), key=order.__getitem__)
        return found

    def remember_order(self) -> None:
        """Keep returning elements in the order they have now (and only those elements), however
        they are moved later: the article's sibling parts gathered into one element keep the
        order in which the rest of the stage met them."""
        self._order = {el: i for i, el in enumerate(self.root.iter())}

    def in_order(self, elements: Iterable[HtmlElement]) -> list[HtmlElement]:
        """``elements`` once each, in document order."""
        order = self._order if self._order is not None else {el: i for i, el in enumerate(self.root.iter())}
        return sorted({el: None for el in elements if el in order}, key=order.__getitem__)

    # -- what the page holds -------------------------------------------------------------------

    def _may_hold(self, need: _Need) -> bool:
        if need.operator == "tag":
            if need.name not in self._tags:
                self._tags[need.name] = next(self.root.iter(need.name), None) is not None
            return self._tags[need.name]
        if not _NAME.fullmatch(need.name):
            return True
        values = self._values_of(need.name)
        if need.operator == "exists":
            return bool(values)
        if need.operator == "=":
            if need.name not in self._equal:
                self._equal[need.name] = frozenset(values)
            return need.value in self._equal[need.name]
        if need.operator == "~=":
            if need.name not in self._words:
                self._words[need.name] = frozenset(" ".join(values).split())
            return need.value in self._words[need.name]
        if need.name not in self._joined:
            self._joined[need.name] = "\n".join(values)
        return (need.value or "") in self._joined[need.name]

    def _values_of(self, name: str) -> list[str]:
        if name not in self._values:
            self._values[name] = _attribute_values(name)(self.root)
        return self._values[name]


@lru_cache(maxsize=None)
def _attribute_values(name: str) -> etree.XPath:
    return etree.XPath(f"//@{name}", smart_strings=False)


def _whitespace_is_complete() -> bool:
    """Whether _WHITESPACE is every character str.split() splits at that a tree can hold.

    >>> _whitespace_is_complete()
    True
    """
    import sys

    split_at = {c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()}
    return split_at - set(_WHITESPACE) == set("\x0b\x0c\x1c\x1d\x1e\x1f") and set(_WHITESPACE) <= split_at
