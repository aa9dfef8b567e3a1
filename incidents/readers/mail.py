"""E-mail (.eml) files: the plain-text body, else the HTML body; Subject and Date as metadata."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import email.utils

from incidents.readers import web
from incidents.readers.base import Document, ReadError, clean_text, guess_language


def read(data: bytes) -> Document:
    """An e-mail's body (text/plain preferred); attachments are not read."""
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
        part = message.get_body(preferencelist=("plain", "html"))
        body = part.get_content() if part is not None else ""
        subject = str(message.get("Subject", "") or "")
        date_header = message.get("Date")
        language = str(message.get("Content-Language", "") or "")
    except (LookupError, ValueError, TypeError, AttributeError, email.errors.MessageError) as error:
        raise ReadError("The e-mail is malformed and its text could not be read.") from error
    if not isinstance(body, str) or not body.strip():
        raise ReadError("The e-mail has no text or HTML body (attachments are not read; upload them).")
    published = _date(date_header)
    if part.get_content_subtype() == "html":
        page = web.read(body)
        return Document(
            text=page.text,
            title=(subject or page.title).strip()[:500],
            published=published or page.published,
            language=language.split("-")[0].lower()[:8] or page.language,
            kind="eml",
        )
    content = clean_text(body)
    return Document(
        text=content,
        title=subject.strip()[:500],
        published=published,
        language=language.split("-")[0].lower()[:8] or guess_language(content),
        kind="eml",
    )


def _date(header) -> dt.date | None:
    if not header:
        return None
    try:
        return email.utils.parsedate_to_datetime(str(header)).date()
    except (TypeError, ValueError, IndexError):
        return None
