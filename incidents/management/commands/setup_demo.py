from django.core.management import call_command
from django.core.management.base import BaseCommand

from incidents import permissions
from incidents.models import Location


class Command(BaseCommand):
    help = "Migrate, load the reference data (gazetteer, actors) and the demo data. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--no-demo", action="store_true", help="Reference data only (production).")
        parser.add_argument(
            "--reload-gazetteer", action="store_true", help="Load the gazetteer even if present."
        )

    def handle(self, *args, no_demo, reload_gazetteer, **options):
        call_command("migrate", interactive=False, verbosity=0)
        permissions.sync_roles()  # roles follow incidents/permissions.py, also after an upgrade
        # The gazetteer takes ~40 s to load; once it is there, a re-run leaves it alone.
        if reload_gazetteer or not Location.objects.filter(kind=Location.Kind.PLACE).exists():
            call_command("load_gazetteer")
        else:
            self.stdout.write("Gazetteer: already loaded.")
        call_command("load_actors")
        if not no_demo:
            call_command("load_demo")
