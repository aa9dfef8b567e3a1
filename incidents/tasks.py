"""Thin Celery wrappers: ids in, one call into `workflow`, nothing else."""

from celery import shared_task


@shared_task(acks_late=True)
def parse_report(report_id: int) -> None:
    from incidents.workflow import parsing

    parsing.parse_report(report_id)
