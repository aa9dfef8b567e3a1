from django.core.management.base import BaseCommand, CommandError

from incidents import workflow
from incidents.models import Incident, Report


class Command(BaseCommand):
    help = "Parse a stored report again, now: its untouched drafts are replaced, reviewed ones kept."

    def add_arguments(self, parser):
        parser.add_argument("report_id", type=int)

    def handle(self, *args, report_id: int, **options):
        if not Report.objects.filter(pk=report_id).exists():
            raise CommandError(f"There is no report {report_id}.")
        report = workflow.parse_report(report_id, force=True)
        if report is None or report.status != Report.Status.PARSED:
            reason = Report.objects.get(pk=report_id).failure_reason
            raise CommandError(f"Report {report_id} failed: {reason}")
        self.stdout.write(
            f"Report {report_id} parsed ({report.pipeline_version}): "
            f"{report.drafts.filter(status=Incident.Status.DRAFT).count()} drafts."
        )
