from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from incidents.datasets import importer
from incidents.models import Incident


class Command(BaseCommand):
    help = "Import an ACLED or UCDP GED CSV file; idempotent by the dataset's own event id."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--format", required=True, choices=sorted(importer.FORMATS))
        parser.add_argument(
            "--status",
            default=Incident.Status.PUBLISHED,
            choices=[Incident.Status.PUBLISHED, Incident.Status.DRAFT],
            help="Status of the incidents the import creates (existing ones keep theirs).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Check and count, then write nothing.")
        parser.add_argument("--user", help="Username recorded in the history as who imported.")
        parser.add_argument("--batch-size", type=int, default=importer.BATCH_SIZE)
        parser.add_argument(
            "--bulk",
            action="store_true",
            help=(
                "PostgreSQL only, for a first load: one transaction that drops the secondary indexes and "
                "foreign keys of the incident, history and link tables, loads, and rebuilds them. It locks "
                "those tables ACCESS EXCLUSIVE until it ends: every reader of incidents (site, API) waits."
            ),
        )

    def handle(self, *args, **options):
        user = None
        if options["user"]:
            try:
                user = get_user_model().objects.get(username=options["user"])
            except get_user_model().DoesNotExist:
                raise CommandError(f"No user {options['user']}.") from None

        def progress(report):
            if options["verbosity"] >= 2:
                self.stderr.write(f"{report.rows_done} rows…")

        try:
            report = importer.import_file(
                options["file"],
                options["format"],
                status=options["status"],
                dry_run=options["dry_run"],
                user=user,
                batch_size=options["batch_size"],
                progress=progress,
                bulk=options["bulk"],
            )
        except (importer.FormatError, importer.BulkLoadUnavailable) as error:
            raise CommandError(str(error)) from None
        except FileNotFoundError:
            raise CommandError(f"No file {options['file']}.") from None
        for error in report.errors:
            self.stderr.write(f"line {error['line']}: {error['id'] or '-'}: {error['reason']}")
        if report.rejected > len(report.errors):
            self.stderr.write(f"… and {report.rejected - len(report.errors)} more rejected rows.")
        prefix = "Dry run, nothing written: " if report.dry_run else ""
        self.stdout.write(
            f"{prefix}{report.created} created, {report.updated} updated, "
            f"{report.unchanged} unchanged, {report.rejected} rejected ({report.encoding})."
        )
