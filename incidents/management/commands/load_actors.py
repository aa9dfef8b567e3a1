from django.core.management.base import BaseCommand
from django.db import transaction

from incidents import actor_dictionary


class Command(BaseCommand):
    help = "Load the starter actor dictionary (state forces of every country, armed groups); idempotent."

    def handle(self, *args, **options):
        with transaction.atomic():
            actors, aliases = actor_dictionary.load(actor_dictionary.entries())
        self.stdout.write(f"Actor dictionary: {actors} actors and {aliases} aliases added.")
