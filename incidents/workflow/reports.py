"""Reports: receive an upload (stored and hashed before anything parses it) and queue its parse."""

from __future__ import annotations

import datetime as dt
import tempfile

from django.conf import settings
from django.core.files import File
from django.db import IntegrityError, transaction

from incidents.models import Report, Source


class UploadRejected(Exception):
    """The upload is refused before it is stored: too large, or empty. The message is for the user."""

    def __init__(self, message: str, *, code: str = "invalid"):
        self.code = code  # "too_large" (HTTP 413), "empty", "invalid"
        super().__init__(message)


def receive_report(
    upload,
    *,
    user=None,
    published_on: dt.date | None = None,
    source: Source | str | None = None,
    title: str = "",
    url: str = "",
) -> tuple[Report, bool]:
    """Store an uploaded file as a Report and queue its parse. Returns (report, created).

    `upload` is a Django UploadedFile or any binary file object with a `name`. The same bytes
    uploaded again return the existing report (created=False) and are not parsed a second time.
    """
    limit = settings.REPORT_MAX_BYTES
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        # Refused on the size the client declared, before a byte of it is read.
        raise UploadRejected(_too_large(size, limit), code="too_large")

    # Hash while copying to a temporary file, reading a chunk at a time: never the whole file in memory.
    spool = tempfile.SpooledTemporaryFile(max_size=1024 * 1024)
    read = 0
    chunks = upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(64 * 1024), b"")
    from hashlib import sha256

    digest = sha256()
    for chunk in chunks:
        read += len(chunk)
        if read > limit:
            raise UploadRejected(_too_large(read, limit), code="too_large")
        digest.update(chunk)
        spool.write(chunk)
    if read == 0:
        raise UploadRejected("The file is empty.", code="empty")
    spool.seek(0)

    if isinstance(source, str):
        source = Source.objects.get_or_create(name=source.strip())[0] if source.strip() else None
    original_name = _safe_name(getattr(upload, "name", "") or "upload")
    report = Report(
        sha256=digest.hexdigest(),
        original_name=original_name,
        content_type=(getattr(upload, "content_type", "") or "")[:100],
        size=read,
        published_on=published_on,
        source=source,
        title=title[:500],
        url=url,
        uploaded_by=user if user is not None and user.is_authenticated else None,
    )
    existing = Report.objects.filter(sha256=report.sha256).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            # The storage names the file by its hash, never by the user's file name.
            report.file.save(original_name, File(spool), save=False)
            report.save()
    except IntegrityError:
        # The same bytes were uploaded at the same moment by someone else: theirs is the report.
        return Report.objects.get(sha256=report.sha256), False
    finally:
        spool.close()
    queue_parse(report)
    return report, True


def queue_parse(report: Report) -> None:
    """Mark a report queued and send its parse to a worker once the transaction commits."""
    from incidents import tasks

    Report.objects.filter(pk=report.pk).update(status=Report.Status.QUEUED)
    report.status = Report.Status.QUEUED
    # robust: with the broker down the upload is still accepted (it is stored and marked queued);
    # the failure is logged and the periodic sweep sends the report again once the broker is back.
    transaction.on_commit(lambda: tasks.parse_report.delay(report.pk), robust=True)


def _too_large(size: int, limit: int) -> str:
    return f"The file is {size / 1_048_576:.1f} MB; the limit is {limit / 1_048_576:.0f} MB."


def _safe_name(name: str) -> str:
    # Keep only the last path component and printable characters: the name is shown, never used as a path.
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(c for c in base if c.isprintable() and c not in '<>:"|?*').strip(" .")
    return cleaned[:255] or "upload"
