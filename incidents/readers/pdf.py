"""PDF files: the text layer of each page (scans without one are refused, not OCR'd)."""

from __future__ import annotations

import logging
from io import BytesIO

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PdfStreamError

from incidents.readers.base import (
    Document,
    ReadError,
    clean_text,
    first_line_title,
    guess_language,
    max_pages,
)

log = logging.getLogger(__name__)
DAMAGED = "The PDF is damaged or incomplete (was the upload cut off?); save or download it again."


def read(data: bytes) -> Document:
    """A PDF's text layer, page by page; refuses encrypted, oversized and text-less files."""
    try:
        reader = PdfReader(BytesIO(data), strict=False)
        if reader.is_encrypted:
            _decrypt(reader)
        count = len(reader.pages)
    except ReadError:
        raise
    except (PdfReadError, PdfStreamError, ValueError, KeyError, TypeError, OSError, RecursionError) as error:
        raise ReadError(DAMAGED) from error
    if count == 0:
        raise ReadError(DAMAGED)
    if count > max_pages():
        raise ReadError(f"The PDF has {count} pages; the limit is {max_pages()}. Upload the relevant part.")

    pages, failed = [], 0
    for number, page in enumerate(reader.pages, start=1):
        try:
            pages.append(page.extract_text() or "")
        except Exception:  # one broken page should not cost the other pages' incidents
            log.warning("PDF page %s could not be read", number, exc_info=True)
            failed += 1
    if failed == count:
        raise ReadError(DAMAGED)
    joined = "\n\n".join(page.strip() for page in pages if page.strip())
    if not joined.strip():
        raise ReadError(
            "The PDF has no extractable text: it is probably a scan. Run OCR on it, or upload the text."
        )
    content = clean_text(joined)
    title = _metadata_title(reader) or first_line_title(content)
    # No publication date from the PDF's metadata: CreationDate is when the file was made, which is
    # often not when the report was published, and a wrong date misplaces every relative date.
    return Document(text=content, title=title[:500], language=guess_language(content), kind="pdf")


def _decrypt(reader: PdfReader) -> None:
    # Many "protected" reports only restrict printing: they open with the empty user password.
    try:
        opened = reader.decrypt("")
    except DependencyError as error:
        raise ReadError(
            "The PDF is encrypted with a method this server cannot open; upload an unprotected copy."
        ) from error
    except (FileNotDecryptedError, PdfReadError, NotImplementedError) as error:
        raise ReadError("The PDF is password-protected; upload an unprotected copy.") from error
    if not opened:
        raise ReadError("The PDF is password-protected; upload an unprotected copy.")


def _metadata_title(reader: PdfReader) -> str:
    try:
        title = reader.metadata.title if reader.metadata else None
    except Exception:  # metadata is optional and often malformed; the text matters, not this
        return ""
    return str(title).strip() if title else ""
