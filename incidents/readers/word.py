"""Word (.docx) files: paragraphs and tables in document order."""

from __future__ import annotations

import zipfile
from io import BytesIO

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table

from incidents.readers.base import Document, ReadError, clean_text, first_line_title, guess_language

# A .docx is a zip: a few kilobytes can declare gigabytes of XML. The declared sizes are checked
# before anything is unpacked (zipfile then stops a member at its declared size).
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_MEMBERS = 2000
MAX_RATIO = 200  # compression ratio beyond which a member is treated as a bomb


def read(data: bytes) -> Document:
    """A Word document's text; refuses damaged files and zip bombs."""
    check_zip(data)
    try:
        document = docx.Document(BytesIO(data))
        blocks = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                blocks.extend(_table_rows(block))
            elif block.text.strip():
                blocks.append(block.text)
        title = (document.core_properties.title or "").strip()
        language = (document.core_properties.language or "").split("-")[0].lower()[:8]
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, AttributeError) as error:
        raise ReadError("The Word file is damaged or not a real .docx; save it again.") from error
    except Exception as error:  # lxml/XML errors surface under several names
        raise ReadError("The Word file could not be read; save it again as .docx or PDF.") from error
    if not blocks:
        raise ReadError("The Word file contains no text.")
    content = clean_text("\n".join(blocks))
    return Document(
        text=content,
        title=(title or first_line_title(content))[:500],
        language=language or guess_language(content),
        kind="docx",
    )


def check_zip(data: bytes) -> None:
    """Refuse a zip whose members would unpack to too much, before reading any of them."""
    try:
        members = zipfile.ZipFile(BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise ReadError("The Word file is damaged; save it again.") from error
    unpacked = sum(member.file_size for member in members)
    too_dense = any(
        member.file_size > 1024 * 1024 and member.file_size > MAX_RATIO * max(member.compress_size, 1)
        for member in members
    )
    if len(members) > MAX_MEMBERS or unpacked > MAX_UNPACKED_BYTES or too_dense:
        raise ReadError("The Word file would unpack to far more data than a report holds; it was not opened.")


def _table_rows(table: Table) -> list[str]:
    rows = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            # Merged cells repeat in python-docx; keep each text once per row.
            if cell.text.strip() and cell.text.strip() not in cells:
                cells.append(cell.text.strip())
        if cells:
            rows.append(" | ".join(cells))
    return rows
