from django.core.management.base import BaseCommand
from django.db import transaction

from incidents import gazetteer


class Command(BaseCommand):
    help = "Load countries, admin1 units and populated places (GeoNames, offline) into Location; idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--min-population",
            type=int,
            default=1000,
            help="Smallest place to load (GeoNames cities1000 holds places of 1,000+).",
        )

    def handle(self, *args, min_population, **options):
        with transaction.atomic():
            count = gazetteer.load(gazetteer.iter_places(min_population))
        self.stdout.write(f"Gazetteer: {count} places loaded or updated.")
