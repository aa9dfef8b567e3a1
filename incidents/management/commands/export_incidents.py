import sys

from django.core.management.base import BaseCommand, CommandError

from incidents.datasets import exporter
from incidents.models import Incident


class Command(BaseCommand):
    help = "Export incidents as ACLED or UCDP GED CSV (OUTPUT '-' writes to standard output)."

    def add_arguments(self, parser):
        parser.add_argument("output")
        parser.add_argument("--format", required=True, choices=sorted(exporter.EXPORTS))
        parser.add_argument(
            "--status",
            default=Incident.Status.PUBLISHED,
            help="published (default), draft, rejected, retracted, merged, or all; comma-separated.",
        )
        parser.add_argument("--country", help="ISO code or name; comma-separated for several.")
        parser.add_argument("--admin1")
        parser.add_argument("--event-type")
        parser.add_argument("--sub-event-type")
        parser.add_argument("--since", help="Events on or after this date.")
        parser.add_argument("--until", help="Events on or before this date.")
        parser.add_argument("--min-fatalities")

    def handle(self, *args, **options):
        params = {
            "status": options["status"],
            "country": options["country"],
            "admin1": options["admin1"],
            "event_type": options["event_type"],
            "sub_event_type": options["sub_event_type"],
            "date_from": options["since"],
            "date_to": options["until"],
            "min_fatalities": options["min_fatalities"],
        }
        try:
            queryset = exporter.filter_incidents(Incident.objects.all(), params)
        except exporter.FilterError as error:
            raise CommandError(str(error)) from None
        if options["output"] == "-":
            count = exporter.write_csv(queryset, options["format"], sys.stdout)
        else:
            with open(options["output"], "w", encoding="utf-8", newline="") as out:
                count = exporter.write_csv(queryset, options["format"], out)
        self.stderr.write(f"{count} incidents exported.")
