"""Plain text and Markdown, in whatever encoding the file was saved with."""

from __future__ import annotations

import unicodedata

from charset_normalizer import from_bytes

from incidents.readers.base import Document, ReadError, clean_text, first_line_title, guess_language

_PREFERRED = ("cp1252", "latin_1", "iso8859_15")
_BOMS = [(b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")]


def decode(data: bytes) -> str:
    """Bytes to str: UTF-8 (or a BOM) first, else charset-normalizer's best guess; noise is refused."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding))
            except UnicodeDecodeError:
                break
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    results = from_bytes(data)
    best = results.best()
    if best is None:
        raise ReadError("The file is not text in any encoding we recognise (binary data?).")
    # A short text often fits several code pages equally well; Windows-1252 is the likeliest for the
    # Western-European-language reports we get, and picking cp1250 would turn "à" into "ŕ".
    tied = [m for m in results if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    preferred = next((m for m in tied if m.encoding in _PREFERRED), best)
    return _checked(str(preferred))


def read(decoded: str, *, markdown: bool = False) -> Document:
    """A plain-text or Markdown report; its first short line is taken as the title."""
    content = clean_text(decoded)
    return Document(
        text=content,
        title=first_line_title(content),
        language=guess_language(content),
        kind="markdown" if markdown else "text",
    )


def _checked(decoded: str) -> str:
    # Binary noise can decode "successfully" in a single-byte code page; real text has few
    # control characters. NUL bytes alone are tolerated (and stripped later): some exports pad with them.
    sample = decoded[:20000].replace("\x00", "")
    controls = sum(1 for c in sample if c not in "\n\r\t\f" and unicodedata.category(c) in ("Cc", "Co", "Cn"))
    if sample and controls > len(sample) * 0.02:
        raise ReadError("The file is not text in any encoding we recognise (binary data?).")
    return decoded
