"""Readers: the bytes of an uploaded report in, its plain text and metadata out.

`read_document` sniffs the type from the content (an upload's name and content type are only
hints: they are chosen by the uploader) and hands the bytes to one reader per format. Every way a
file can fail to read raises `ReadError` with a sentence for the person who uploaded it; the
reports page shows it as is, so it names the problem and what to do, never a stack trace.
No ORM here; the limits come from settings unless given.
"""

from incidents.readers.base import Document, ReadError
from incidents.readers.sniff import read_document, sniff

__all__ = ["Document", "ReadError", "read_document", "sniff"]
