import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from incidents import workflow
from incidents.models import Report


class Command(BaseCommand):
    help = "Upload a report file as the web form does: stored by its hash, then parsed (by a worker if any)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--published", type=dt.date.fromisoformat, help="Publication date, YYYY-MM-DD.")
        parser.add_argument("--source", default="", help="The outlet's name (created if new).")
        parser.add_argument("--title", default="")
        parser.add_argument("--url", default="")

    def handle(self, *args, path: Path, published, source: str, title: str, url: str, **options):
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            with path.open("rb") as upload:
                report, created = workflow.receive_report(
                    upload, published_on=published, source=source or None, title=title, url=url
                )
        except workflow.UploadRejected as error:
            raise CommandError(str(error)) from error
        report.refresh_from_db()
        if not created:
            self.stdout.write(f"Already stored as report {report.pk} ({report.status}); not parsed again.")
        elif report.status == Report.Status.FAILED:
            raise CommandError(f"Report {report.pk} stored, but it failed: {report.failure_reason}")
        else:
            self.stdout.write(f"Report {report.pk} stored ({report.status}).")
