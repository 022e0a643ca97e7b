"""Post identity: the permanent ``Guid`` that feeds use as each item's id.

A Guid is assigned once (``spotlight import``, ``spotlight check --fix``) and never derived
from anything that can change (URL, host, title, slug, date, time zone).
"""

from __future__ import annotations

import re
import uuid

_GUID = re.compile(r"^(urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Za-z][A-Za-z0-9+.-]*:\S+)$", re.I)


def new_guid() -> str:
    """A fresh, random, permanent id.

    >>> new_guid().startswith("urn:uuid:")
    True
    """
    return f"urn:uuid:{uuid.uuid4()}"


def is_valid_guid(value: str) -> bool:
    """A Guid is a URI: ``urn:uuid:…`` as Spotlight writes them, or any ``scheme:…`` an author chose.

    >>> is_valid_guid("urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427"), is_valid_guid("my post")
    (True, False)
    """
    return bool(_GUID.match(value.strip()))


def provisional_guid(relative_source: str) -> str:
    """The id used for a post that has no Guid yet: derived from its file's place in the
    content folder (stable until the file moves). The build warns about such posts."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'spotlight-post:' + relative_source.replace(chr(92), '/'))}"
