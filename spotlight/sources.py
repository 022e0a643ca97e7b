"""Where an interview was first published, by its address: a hosted platform's name
("LinkedIn") or the site's host. Shared by the import (``Source_name``) and the build (the
page's "First published on …"); no dependency, so the build loads nothing of the cleanup."""

from __future__ import annotations

from urllib.parse import urlsplit

# Hosts (and their subdomains) of platforms with a name of their own.
PLATFORM_HOSTS = {
    "linkedin.com": "LinkedIn",
    "medium.com": "Medium",
    "substack.com": "Substack",
    "dev.to": "DEV",
    "hashnode.dev": "Hashnode",
    "mirror.xyz": "Mirror",
    "tumblr.com": "Tumblr",
    "blogspot.com": "Blogger",
}


def name_of_address(url: str | None) -> str | None:
    """The name of the platform at ``url`` ("LinkedIn"), or its host without "www." for any
    other site; None when ``url`` has no host.

    >>> name_of_address("https://www.linkedin.com/pulse/x"), name_of_address("https://ada.substack.com/p/x")
    ('LinkedIn', 'Substack')
    >>> name_of_address("https://www.example.org/a"), name_of_address("not a url")
    ('example.org', None)
    """
    try:
        host = (urlsplit(str(url or "").strip()).hostname or "").rstrip(".")
    except ValueError:  # (an address urlsplit cannot read, "http://[x")
        return None
    if not host:
        return None
    for known, name in PLATFORM_HOSTS.items():
        if host == known or host.endswith("." + known):
            return name
    return host.removeprefix("www.")


def known_platform(url: str | None) -> str | None:
    """:func:`name_of_address` only when ``url`` is a known platform's ("LinkedIn"), else None."""
    name = name_of_address(url)
    return name if name in PLATFORM_HOSTS.values() else None
