"""API test helpers: clients per role (API tokens, and a browser session for the superuser) and data."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from incidents import workflow
from incidents.models import ApiToken, IncidentActor, IncidentSource
from tests import factories

ROLES = ("anonymous", "api_client", "analyst", "editor", "superuser")


def token_client(user, name="test client") -> APIClient:
    _, key = ApiToken.issue(user, name)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture(autouse=True)
def _no_parsing(monkeypatch):
    # Report parsing belongs to another module; uploads here are stored and queued, never parsed.
    queued = []
    monkeypatch.setattr("incidents.tasks.parse_report.delay", queued.append)
    return queued


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Autouse, so it runs before the role fixtures hash their users' passwords (PBKDF2 is slow by design).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _generous_throttle(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"api": "100000/hour"}}


@pytest.fixture
def clients(api_client_user, analyst, editor, superuser) -> dict[str, APIClient]:
    session = APIClient()
    session.force_login(superuser)  # the browser session, beside the tokens of everyone else
    return {
        "anonymous": APIClient(),
        "api_client": token_client(api_client_user),
        "analyst": token_client(analyst),
        "editor": token_client(editor),
        "superuser": session,
    }


@pytest.fixture
def client_api(api_client_user) -> APIClient:
    return token_client(api_client_user)


@pytest.fixture
def editor_api(editor) -> APIClient:
    return token_client(editor)


def make_incident(*, status="draft", editor=None, actors=(), outlet=None, **fields):
    """An incident through the workflow, so it has the versions, ids and history real ones have."""
    data = {
        "event_date": dt.date(2024, 3, 1),
        "sub_event_type": "Armed clash",
        "country_iso": "IQ",
        "admin1": "Baghdad",
        "location_name": "Baghdad",
        "latitude": 33.34,
        "longitude": 44.40,
        "fatalities": 3,
        "notes": "Clashes in Baghdad.",
        **fields,
    }
    incident = workflow.create_incident(data, user=editor, actors=actors)
    if outlet is not None:
        IncidentSource.objects.create(incident=incident, source=outlet, url="https://example.org/a")
    editor = editor or factories.editor(username="workflow-editor")
    if status in ("published", "retracted"):
        incident = workflow.publish(incident, editor=editor)
    if status == "retracted":
        incident = workflow.retract(incident, editor=editor, reason="duplicate report")
    if status == "rejected":
        incident = workflow.reject(incident, editor=editor, reason="not an event")
    return incident


def link_actor(incident, actor, role=IncidentActor.Role.ACTOR1):
    return IncidentActor.objects.create(incident=incident, actor=actor, role=role)
