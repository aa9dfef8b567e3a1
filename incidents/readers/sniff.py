"""Which reader a file goes to, decided by its first bytes rather than by its name."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from io import BytesIO

from incidents.readers import mail, pdf, text, web, word
from incidents.readers.base import Document, ReadError, clean_line

# Formats we recognise only to refuse them with a useful sentence.
_IMAGE = "This is an image; scanned reports need OCR first: upload the text or a PDF with text."
_REFUSED = [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "This is an old Word (.doc) or Office file; save it as .docx."),
    (b"\x89PNG", _IMAGE),
    (b"\xff\xd8\xff", _IMAGE),
    (b"GIF8", _IMAGE),
    (b"{\\rtf", "This is an RTF file; save it as .docx, PDF or plain text."),
    (b"\x1f\x8b", "This is a compressed (gzip) file; unpack it and upload the report itself."),
    (b"Rar!", "This is a RAR archive; unpack it and upload the report itself."),
    (b"7z\xbc\xaf", "This is a 7-Zip archive; unpack it and upload the report itself."),
]
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAGS = re.compile(rb"<(p|div|article|h1|h2|br|table|span|a\s)[\s>/]", re.I)
_HEADER_LINE = re.compile(rb"^[A-Za-z][A-Za-z0-9-]*:[ \t]")
_MAIL_HEADERS = {b"from", b"to", b"subject", b"date", b"message-id", b"mime-version", b"received"}


def sniff(data: bytes, name: str = "", content_type: str = "") -> str:
    """The kind of file: pdf, docx, eml, html or text. Raises ReadError for what we cannot read."""
    if not data:
        raise ReadError("The file is empty.")
    # A PDF may carry a few bytes of junk before its header; readers accept it within the first 1 KB.
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    for magic, reason in _REFUSED:
        if data.startswith(magic):
            raise ReadError(reason)
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if _looks_like_mail(head) or (content_type == "message/rfc822" and _HEADER_LINE.match(head)):
        return "eml"
    if _HTML_START.match(head) or len(_HTML_TAGS.findall(head)) >= 2:
        return "html"
    return "text"


def read_document(data: bytes, name: str = "", content_type: str = "") -> Document:
    """Read an uploaded file's text, title, publication date and language; ReadError says why not."""
    if not isinstance(data, bytes):
        # A str could be a path or already-decoded text; guessing which would hide the caller's mistake.
        raise TypeError(f"read_document takes the file's bytes (Path.read_bytes()), not {type(data)}")
    kind = sniff(data, name, content_type)
    if kind == "pdf":
        document = pdf.read(data)
    elif kind == "docx":
        document = word.read(data)
    elif kind == "eml":
        document = mail.read(data)
    elif kind == "html":
        document = web.read(text.decode(data))
    else:
        document = text.read(text.decode(data), markdown=name.lower().endswith((".md", ".markdown")))
    # Metadata comes from the file as is: a PDF title may hold NUL bytes, which PostgreSQL refuses.
    title, language = clean_line(document.title, limit=500), clean_line(document.language, limit=16)
    return replace(document, title=title, language=language)


def _zip_kind(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise ReadError("The file looks like a Word or zip file but is damaged; save it again.") from error
    if "word/document.xml" in names:
        return "docx"
    if "content.xml" in names:
        raise ReadError("This is an OpenDocument file; save it as .docx or PDF.")
    raise ReadError("This is a zip archive, not a Word document; unpack it and upload the report itself.")


def _looks_like_mail(head: bytes) -> bool:
    # An e-mail starts with "Name: value" header lines; two of the usual ones make it one.
    block = head.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0].split(b"\n")
    if not block or not _HEADER_LINE.match(block[0]):
        return False
    names = {line.split(b":", 1)[0].strip().lower() for line in block if _HEADER_LINE.match(line)}
    return len(names & _MAIL_HEADERS) >= 2
