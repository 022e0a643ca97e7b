"""Structured data for search engines: JSON-LD built as Python dicts, serialized with
``json.dumps`` (never pasted together from strings in a template). Its URLs are absolute or
left out: a site built without an absolute SITEURL has none to give."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from urllib.parse import urlsplit


def _is_absolute(url: str | None) -> bool:
    """Whether ``url`` is an absolute http(s) URL (JSON-LD wants absolute URLs).

    >>> _is_absolute("https://ex.org/sub/ada/"), _is_absolute("/ada/"), _is_absolute("")
    (True, False, False)
    """
    parts = urlsplit(url or "")
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _person(name: str, *, job_title: str | None = None, works_for: str | None = None, url: str | None = None,
            image: str | None = None, same_as: list[str] | None = None) -> dict[str, Any]:
    person: dict[str, Any] = {"@type": "Person", "name": name}
    if job_title:
        person["jobTitle"] = job_title
    if works_for:
        person["worksFor"] = {"@type": "Organization", "name": works_for}
    if _is_absolute(url):
        person["url"] = url
    if _is_absolute(image):
        person["image"] = image
    same_as = [u for u in same_as or [] if _is_absolute(u)]
    if same_as:
        person["sameAs"] = same_as
    return person


def blog_posting(
    *,
    headline: str,
    url: str,
    published: dt.datetime,
    modified: dt.datetime | None,
    author: str | None,
    interviewee: str | None,
    job_title: str | None,
    company: str | None,
    person_url: str | None,
    image: str | None,
    description: str,
    same_as: list[str] | None = None,
    keywords: list[str] | None = None,
) -> dict[str, Any]:
    """A BlogPosting: the interview, written by the interviewer, about the interviewee."""
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "BlogPosting", "headline": headline[:110]}
    if _is_absolute(url):
        data["url"] = url
        data["mainEntityOfPage"] = {"@type": "WebPage", "@id": url}
    data["datePublished"] = published.isoformat()
    data["dateModified"] = (modified or published).isoformat()
    data["description"] = description
    if author:
        data["author"] = _person(author)
    if interviewee:
        data["about"] = _person(interviewee, job_title=job_title, works_for=company, url=person_url, same_as=same_as)
    if _is_absolute(image):
        data["image"] = image
    if keywords:
        data["keywords"] = keywords
    return data


def profile_page(*, name: str, url: str, job_title: str | None, company: str | None, image: str | None,
                 same_as: list[str] | None, interviews: list[str]) -> dict[str, Any]:
    """A ProfilePage for a person's page, listing their interviews."""
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "ProfilePage"}
    if _is_absolute(url):
        data["url"] = url
    data["mainEntity"] = _person(name, job_title=job_title, works_for=company, image=image, same_as=same_as)
    data["hasPart"] = [{"@type": "BlogPosting", "url": u} for u in interviews if _is_absolute(u)]
    return data


def to_script(data: dict[str, Any]) -> str:
    """The JSON for a ``<script type="application/ld+json">``: "</" escaped so no value can
    close the element.

    >>> to_script({"name": "</script><b>"})
    '{"name": "<\\\\/script><b>"}'
    """
    return json.dumps(data, ensure_ascii=False, sort_keys=False).replace("</", "<\\/")
