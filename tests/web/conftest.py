"""Fixtures for the page tests: signed-in clients per role and a small set of rows to show."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from incidents import workflow
from incidents.models import DuplicateCandidate, IncidentActor, IncidentSource, Report
from tests import factories

REPORT_TEXT = "Gunmen killed three civilians in Kirkuk on Saturday, police said.\n"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_parsing(monkeypatch):
    # Uploads are parsed by a Celery task; page tests look at the pages, not at the extractor.
    monkeypatch.setattr("incidents.tasks.parse_report.delay", lambda report_id: None)


@pytest.fixture
def analyst_client(analyst):
    return signed_in(analyst)


@pytest.fixture
def editor_client(editor):
    return signed_in(editor)


@pytest.fixture
def api_client_client(api_client_user):
    return signed_in(api_client_user)


@pytest.fixture
def place(db):
    return factories.LocationFactory(name="Kirkuk", admin1="Kirkuk", latitude=35.47, longitude=44.39)


@pytest.fixture
def report(db, analyst):
    report, _ = workflow.receive_report(
        ContentFile(REPORT_TEXT.encode(), name="kirkuk.txt"), user=analyst, source="Wire"
    )
    Report.objects.filter(pk=report.pk).update(status=Report.Status.PARSED, text=REPORT_TEXT)
    report.refresh_from_db()
    return report


@pytest.fixture
def draft(db, report, place, analyst):
    """A draft extracted from `report`, with evidence spans and two actors."""
    incident = factories.IncidentFactory(
        report=report,
        position=0,
        origin="extracted",
        event_date=dt.date(2026, 3, 7),
        sub_event_type="Attack",
        event_type="Violence against civilians",
        disorder_type="Political violence",
        country_iso="IQ",
        admin1="Kirkuk",
        location_name="Kirkuk",
        location=place,
        latitude=35.47,
        longitude=44.39,
        fatalities=3,
        injured=None,
    )
    gunmen = factories.ActorFactory(name="Unidentified Armed Group (Iraq)", actor_type=3)
    civilians = factories.ActorFactory(name="Civilians (Iraq)", actor_type=7)
    IncidentActor.objects.create(incident=incident, actor=gunmen, role="actor1", mention="Gunmen")
    IncidentActor.objects.create(incident=incident, actor=civilians, role="actor2", mention="civilians")
    text = REPORT_TEXT

    def span(field, words):
        start = text.index(words)
        return {"field": field, "start": start, "end": start + len(words), "text": words}

    spans = [span("actor1", "Gunmen"), span("fatalities", "three"), span("location", "Kirkuk")]
    IncidentSource.objects.create(
        incident=incident, report=report, source=report.source, excerpt=text.strip(), evidence=spans
    )
    return incident


@pytest.fixture
def published(db, editor, place):
    incident = factories.IncidentFactory(
        event_date=dt.date(2026, 3, 6),
        sub_event_type="Attack",
        event_type="Violence against civilians",
        location=place,
        location_name="Kirkuk",
        admin1="Kirkuk",
    )
    return workflow.publish(incident, editor=editor)


@pytest.fixture
def duplicate(db, draft):
    """A hand-logged draft of the same event, recorded as a possible duplicate of `draft`."""
    other = factories.IncidentFactory(
        event_date=draft.event_date,
        sub_event_type=draft.sub_event_type,
        event_type=draft.event_type,
        location_name="Kirkuk",
        admin1="Kirkuk",
        fatalities=None,
        injured=5,
        latitude=35.46,
        longitude=44.38,
    )
    IncidentSource.objects.create(incident=other, source=factories.SourceFactory(name="Radio"))
    DuplicateCandidate.objects.create(incident=draft, candidate=other, score=0.9)
    return other
