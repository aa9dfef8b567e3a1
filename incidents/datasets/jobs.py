"""Browser imports: an ImportJob stores the upload, a worker runs it and writes progress back to it."""

from __future__ import annotations

import logging
import uuid

from django.db import transaction
from django.utils import timezone

from incidents.datasets import importer, readers
from incidents.models import ImportJob

log = logging.getLogger(__name__)


def start_import(upload, *, dataset: str, target_status: str, dry_run: bool, user) -> ImportJob:
    """Store the uploaded file as a queued ImportJob and queue its import once the job is committed."""
    from incidents.datasets import tasks  # tasks imports this module

    job = ImportJob(
        original_name=(upload.name or "upload.csv")[:255],
        format=dataset,
        target_status=target_status,
        dry_run=dry_run,
        created_by=user,
    )
    # Never the user's file name on disk: it may hold "../" or a name another upload already took.
    job.file.save(f"{uuid.uuid4().hex}.csv", upload, save=False)
    job.save()
    transaction.on_commit(lambda: tasks.run_import.delay(job.pk))
    return job


def _save_progress(job_id: int, report: importer.ImportReport) -> None:
    ImportJob.objects.filter(pk=job_id).update(
        rows_done=report.rows_done,
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
        rejected=report.rejected,
    )


def run_import(job_id: int) -> None:
    """Run a queued job's import; a redelivered message for a finished job does nothing."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job_id)
        if job.status in (ImportJob.Status.DONE, ImportJob.Status.FAILED):
            return
        # RUNNING too: a worker that died mid-import left it so; the import is idempotent, so
        # running it again finishes the job instead of leaving it stuck.
        job.status = ImportJob.Status.RUNNING
        job.rows_total = max(readers.count_lines(job.file.path) - 1, 0)
        job.save(update_fields=["status", "rows_total"])
    try:
        report = importer.import_file(
            job.file.path,
            job.format,
            status=job.target_status,
            dry_run=job.dry_run,
            user=job.created_by,
            progress=lambda report: _save_progress(job.pk, report),
        )
    except importer.FormatError as error:
        _finish(job, ImportJob.Status.FAILED, reason=str(error))
        return
    except Exception as error:
        log.exception("Import job %s failed", job.pk)
        _finish(job, ImportJob.Status.FAILED, reason=f"The import stopped: {error}")
        raise
    _save_progress(job.pk, report)
    job.refresh_from_db()
    job.errors = report.errors
    _finish(job, ImportJob.Status.DONE)


def _finish(job: ImportJob, status: str, reason: str = "") -> None:
    job.status = status
    job.failure_reason = reason
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "failure_reason", "finished_at", "errors"])
