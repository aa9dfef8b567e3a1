"""Thin Celery wrappers: ids in, one call, nothing else."""

from celery import shared_task


@shared_task(acks_late=True, soft_time_limit=6 * 3600, time_limit=6 * 3600 + 60)
def run_import(job_id: int) -> None:
    # A million-row file takes minutes: far longer than the default limit, which is sized for reports.
    from incidents.datasets import jobs

    jobs.run_import(job_id)
