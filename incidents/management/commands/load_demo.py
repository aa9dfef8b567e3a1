import json
from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from incidents import permissions, workflow
from incidents.models import Actor, Incident, Location, Source

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"
DEMO_PASSWORD = "demo-password"
USERS = [
    ("analyst", permissions.ANALYSTS, False),
    ("editor", permissions.EDITORS, False),
    ("client", permissions.API_CLIENTS, False),
    ("admin", None, True),
]


class Command(BaseCommand):
    help = "Create demo users (one per role) and the team's demo incidents; running it again adds nothing."

    def handle(self, *args, **options):
        with transaction.atomic():
            editor = self._users()
            created = self._incidents(editor)
        # Outside the transaction above: each report's parse is queued when its own upload commits.
        reports = self._reports()
        self.stdout.write(
            f"Demo data: users {', '.join(u for u, _, _ in USERS)} (password {DEMO_PASSWORD!r}); "
            f"{created} incidents and {reports} reports added."
        )

    def _users(self):
        User = get_user_model()
        for username, role, is_superuser in USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "is_superuser": is_superuser,
                    "is_staff": is_superuser or role == permissions.EDITORS,
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            if role:
                user.groups.add(Group.objects.get(name=role))
        return User.objects.get(username="editor")

    def _reports(self) -> int:
        """Upload the demo news reports (dated by their file names); the same bytes are stored once."""
        analyst = get_user_model().objects.get(username="analyst")
        created = 0
        for path in sorted((DEMO / "reports").glob("*.txt")):
            with path.open("rb") as upload:
                _, new = workflow.receive_report(
                    upload, user=analyst, published_on=date.fromisoformat(path.name[:10]), source="Demo wire"
                )
            created += new
        return created

    def _incidents(self, editor) -> int:
        created = 0
        for row in json.loads((DEMO / "incidents.json").read_text(encoding="utf-8")):
            marker = f"[demo] {row['notes']}"
            if Incident.objects.filter(notes=marker).exists():
                continue
            place = (
                Location.objects.filter(name=row["location"], country_iso=row["country_iso"], kind="place")
                .order_by("-population")
                .first()
            )
            data = {
                "event_date": row["event_date"],
                "sub_event_type": row["sub_event_type"],
                "country_iso": row["country_iso"],
                "admin1": row["admin1"] or (place.admin1 if place else ""),
                "location_name": row["location"],
                "location": place,
                "latitude": place.latitude if place else None,
                "longitude": place.longitude if place else None,
                "geo_precision": row["geo_precision"],
                "fatalities": row["fatalities"],
                "injured": row["injured"],
                "notes": marker,
            }
            actors = [
                (role, Actor.objects.get(name=row[role]), "") for role in ("actor1", "actor2") if row[role]
            ]
            source, _ = Source.objects.get_or_create(name=row["source"])
            incident = workflow.create_incident(
                data, user=editor, actors=actors, sources=[{"source": source}]
            )
            if row["status"] == "published":
                workflow.publish(incident, editor=editor)
            created += 1
        return created
