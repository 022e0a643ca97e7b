"""Cleanup stage: bytes to text. Detects the encoding of a scrape.

Byte-order marks first (UTF-8, UTF-16, UTF-32), then UTF-16 without a BOM (many NULs in
alternate bytes: UTF-16 of ASCII text is valid UTF-8 too), then strict UTF-8, then Windows-1252 decoded the way browsers do (undefined
bytes kept as their Latin-1 characters, so nothing is lost).
"""

from __future__ import annotations

import codecs

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def detect_encoding(data: bytes) -> str:
    """The name of the encoding ``data`` is most likely in.

    >>> detect_encoding("café".encode("cp1252")), detect_encoding("café".encode("utf-8"))
    ('sloppy-windows-1252', 'utf-8')
    >>> detect_encoding("Title: Ada".encode("utf-16-le"))
    'utf-16-le'
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    sample = data[:4000]
    if len(sample) >= 4 and b"\x00" in sample:
        even_nuls = sample[0::2].count(0)
        odd_nuls = sample[1::2].count(0)
        half = len(sample) // 2
        if odd_nuls > half * 0.3 and even_nuls < half * 0.05:
            return "utf-16-le"
        if even_nuls > half * 0.3 and odd_nuls < half * 0.05:
            return "utf-16-be"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    return "sloppy-windows-1252"


def decode_bytes(data: bytes) -> str:
    """Decode ``data`` in its detected encoding, dropping any byte-order mark."""
    name = detect_encoding(data)
    for bom, _ in _BOMS:
        if data.startswith(bom):
            data = data[len(bom) :]
            break
    if name == "sloppy-windows-1252":
        import ftfy.bad_codecs  # noqa: F401  registers the "sloppy-" codecs

    return data.decode(name, errors="replace")
