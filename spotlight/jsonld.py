"""Structured data for search engines: JSON-LD built as Python dicts, serialized with
``json.dumps`` (never pasted together from strings in a template)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any


def _person(name: str, *, job_title: str | None = None, works_for: str | None = None, url: str | None = None,
            image: str | None = None, same_as: list[str] | None = None) -> dict[str, Any]:
    person: dict[str, Any] = {"@type": "Person", "name": name}
    if job_title:
        person["jobTitle"] = job_title
    if works_for:
        person["worksFor"] = {"@type": "Organization", "name": works_for}
    if url:
        person["url"] = url
    if image:
        person["image"] = image
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
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": headline[:110],
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": published.isoformat(),
        "dateModified": (modified or published).isoformat(),
        "description": description,
    }
    if author:
        data["author"] = _person(author)
    if interviewee:
        data["about"] = _person(interviewee, job_title=job_title, works_for=company, url=person_url, same_as=same_as)
    if image:
        data["image"] = image
    if keywords:
        data["keywords"] = keywords
    return data


def profile_page(*, name: str, url: str, job_title: str | None, company: str | None, image: str | None,
                 same_as: list[str] | None, interviews: list[str]) -> dict[str, Any]:
    """A ProfilePage for a person's page, listing their interviews."""
    return {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "url": url,
        "mainEntity": _person(name, job_title=job_title, works_for=company, image=image, same_as=same_as),
        "hasPart": [{"@type": "BlogPosting", "url": u} for u in interviews],
    }


def to_script(data: dict[str, Any]) -> str:
    """The JSON for a ``<script type="application/ld+json">``: "</" escaped so no value can
    close the element.

    >>> to_script({"name": "</script><b>"})
    '{"name": "<\\\\/script><b>"}'
    """
    return json.dumps(data, ensure_ascii=False, sort_keys=False).replace("</", "<\\/")
