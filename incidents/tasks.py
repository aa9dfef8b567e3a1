"""Thin Celery wrappers: ids in, one call into `workflow`, nothing else."""

from celery import shared_task
from django.db import InterfaceError, OperationalError


# Database hiccups are retried with growing, jittered delays (2 s, 4 s, ... at most 10 min); the
# report stays PARSING meanwhile, and the sweep re-queues it if the retries run out. Every other
# failure is handled in the workflow (the report is marked FAILED), so the task itself never errors.
@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=2,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=5,
)
def parse_report(report_id: int) -> None:
    from incidents.workflow import parsing  # workflow.reports imports this module

    parsing.parse_report(report_id)


@shared_task(acks_late=True)
def sweep_reports() -> int:
    from incidents.workflow import parsing

    return parsing.sweep_stuck_reports()
