"""What every reader returns and raises, and the clean-up all their text goes through."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings

_STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "was", "were", "said", "on", "killed"},
    "fr": {"le", "la", "les", "et", "des", "du", "dans", "une", "est", "sont"},
    "es": {"el", "los", "las", "y", "del", "en", "una", "por", "que", "fueron"},
    "pt": {"o", "os", "as", "e", "do", "da", "em", "uma", "que", "foram"},
    "de": {"der", "die", "das", "und", "von", "im", "wurden", "ist", "nicht", "mit"},
}
_WORD = re.compile(r"[^\W\d_]+")


class ReadError(Exception):
    """The file cannot be read as a report; the message says why, in words for the uploader."""


@dataclass(frozen=True)
class Document:
    text: str
    title: str = ""
    published: dt.date | None = None
    language: str = ""  # ISO 639-1 when the file says or the words show it, "" when unknown
    kind: str = "text"  # text, markdown, html, pdf, docx, eml


def max_chars() -> int:
    return settings.REPORT_MAX_CHARS


def max_pages() -> int:
    return settings.REPORT_MAX_PAGES


def clean_text(text: str, *, limit: int | None = None) -> str:
    """The one normal form of report text: evidence offsets are counted in exactly this string."""
    # PostgreSQL text cannot hold NUL, and stray control characters break highlighting; line ends
    # are unified so an offset means the same thing whichever system wrote the file.
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc")
    text = text.replace("\ufeff", "").strip()
    if not text:
        raise ReadError("The file contains no text.")
    limit = max_chars() if limit is None else limit
    if len(text) > limit:
        # Refused rather than cut: a silently truncated report would lose incidents without a trace.
        raise ReadError(
            f"The text is {len(text):,} characters long; the limit is {limit:,}. "
            "Split the report into smaller files."
        )
    return text


def clean_line(value: str, *, limit: int) -> str:
    """A one-line field (title, language): no control characters, single spaces, at most `limit` long."""
    printable = "".join(c if unicodedata.category(c) != "Cc" else " " for c in value or "")
    return " ".join(printable.split())[:limit]


def guess_language(text: str) -> str:
    """A rough ISO 639-1 guess from common words and scripts; "" when unsure."""
    sample = text[:5000]
    letters = [c for c in sample if c.isalpha()]
    if not letters:
        return ""
    for code, low, high in (("ar", 0x0600, 0x06FF), ("ru", 0x0400, 0x04FF)):
        if sum(low <= ord(c) <= high for c in letters) > len(letters) / 2:
            return code
    words = [w.casefold() for w in _WORD.findall(sample)]
    if len(words) < 5:
        return ""
    scores = {code: sum(w in stop for w in words) for code, stop in _STOPWORDS.items()}
    best = max(scores, key=scores.get)
    return best if scores[best] >= max(3, len(words) // 50) else ""


def first_line_title(text: str) -> str:
    """A short first line as the title (a Markdown heading's # removed), else ""."""
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line if len(line) <= 200 else ""
    return ""
