"""Every endpoint for every role, each refusal beside the successes of the same request."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from incidents import workflow
from tests import factories
from tests.api.conftest import ROLES, make_incident

pytestmark = pytest.mark.django_db

# role order: anonymous, API client, analyst, editor, superuser (browser session)
MATRIX = [
    # (name, method, url, body, expected statuses)
    ("list incidents", "get", "/api/v1/incidents/", None, (401, 200, 200, 200, 200)),
    ("list incidents as CSV", "get", "/api/v1/incidents/?format=csv", None, (401, 200, 200, 200, 200)),
    (
        "list incidents as GeoJSON",
        "get",
        "/api/v1/incidents/?format=geojson",
        None,
        (401, 200, 200, 200, 200),
    ),
    (
        "sync incidents",
        "get",
        "/api/v1/incidents/?updated_since=2000-01-01T00:00:00Z",
        None,
        (401, 200, 200, 200, 200),
    ),
    ("read a published incident", "get", "/api/v1/incidents/{published}/", None, (401, 200, 200, 200, 200)),
    ("read a draft", "get", "/api/v1/incidents/{draft}/", None, (401, 404, 200, 200, 200)),
    ("read a rejected incident", "get", "/api/v1/incidents/{rejected}/", None, (401, 404, 200, 200, 200)),
    (
        "read an incident's history",
        "get",
        "/api/v1/incidents/{published}/history/",
        None,
        (401, 403, 200, 200, 200),
    ),
    ("create an incident", "post", "/api/v1/incidents/", "new", (401, 403, 201, 201, 201)),
    ("edit a draft", "patch", "/api/v1/incidents/{draft}/", "edit", (401, 403, 200, 200, 200)),
    ("replace a draft", "put", "/api/v1/incidents/{draft}/", "replace", (401, 403, 200, 200, 200)),
    ("publish a draft", "post", "/api/v1/incidents/{draft}/publish/", {}, (401, 403, 403, 200, 200)),
    (
        "reject a draft",
        "post",
        "/api/v1/incidents/{draft}/reject/",
        {"reason": "no"},
        (401, 403, 403, 200, 200),
    ),
    (
        "retract a published incident",
        "post",
        "/api/v1/incidents/{published}/retract/",
        {},
        (401, 403, 403, 200, 200),
    ),
    ("merge a draft", "post", "/api/v1/incidents/{draft}/merge/", "merge", (401, 403, 403, 200, 200)),
    ("delete an incident", "delete", "/api/v1/incidents/{draft}/", None, (401, 403, 403, 403, 403)),
    ("list reports", "get", "/api/v1/reports/", None, (401, 403, 200, 200, 200)),
    ("read a report's status", "get", "/api/v1/reports/{report}/", None, (401, 403, 200, 200, 200)),
    ("read a report's drafts", "get", "/api/v1/reports/{report}/drafts/", None, (401, 403, 200, 200, 200)),
    ("upload a report", "post", "/api/v1/reports/", "upload", (401, 403, 202, 202, 202)),
    ("list actors", "get", "/api/v1/actors/", None, (401, 200, 200, 200, 200)),
    ("read an actor", "get", "/api/v1/actors/{actor}/", None, (401, 200, 200, 200, 200)),
    ("search locations", "get", "/api/v1/locations/?q=bag", None, (401, 200, 200, 200, 200)),
    ("read a location", "get", "/api/v1/locations/{location}/", None, (401, 200, 200, 200, 200)),
    ("list sources", "get", "/api/v1/sources/", None, (401, 200, 200, 200, 200)),
    ("read a source", "get", "/api/v1/sources/{source}/", None, (401, 200, 200, 200, 200)),
    ("create an actor", "post", "/api/v1/actors/", {"name": "X"}, (401, 403, 403, 403, 403)),
    ("API root", "get", "/api/v1/", None, (401, 200, 200, 200, 200)),
]


@pytest.fixture
def objects(editor):
    actor = factories.ActorFactory(name="Islamic State")
    location = factories.LocationFactory()
    outlet = factories.SourceFactory(name="Reuters", source_scale="International")
    report, _ = workflow.receive_report(SimpleUploadedFile("r.txt", b"A report."), user=editor)
    draft = make_incident(notes="A draft", editor=editor)
    draft.report = report
    draft.save(update_fields=["report"])
    return {
        "published": make_incident(status="published", editor=editor, outlet=outlet).pk,
        "draft": draft.pk,
        "draft_version": draft.version,
        "rejected": make_incident(status="rejected", editor=editor).pk,
        "report": report.pk,
        "actor": actor.pk,
        "location": location.pk,
        "source": outlet.pk,
    }


def _body(kind, objects):
    incident = {"event_date": "2024-03-02", "sub_event_type": "Attack", "country_iso": "Syria"}
    if kind == "new":
        return incident, "json"
    if kind == "edit":
        return {"version": objects["draft_version"], "fatalities": 7}, "json"
    if kind == "replace":
        return {**incident, "version": objects["draft_version"]}, "json"
    if kind == "merge":
        return {"into": objects["published"]}, "json"
    if kind == "upload":
        return {"file": SimpleUploadedFile("new.txt", b"Another report."), "title": "Upload"}, "multipart"
    return kind, "json"


CASES = [
    (name, method, url, body, role, status)
    for name, method, url, body, statuses in MATRIX
    for role, status in zip(ROLES, statuses, strict=True)
]


@pytest.mark.parametrize(
    ("name", "method", "url", "body", "role", "expected"), CASES, ids=[f"{c[0]}-{c[4]}" for c in CASES]
)
def test_permission_matrix(clients, objects, name, method, url, body, role, expected):
    data, fmt = _body(body, objects)
    request = getattr(clients[role], method)
    kwargs = {"format": fmt} if data is not None else {}
    response = (
        request(url.format(**objects), data, **kwargs) if data is not None else request(url.format(**objects))
    )
    assert response.status_code == expected, (name, role, getattr(response, "data", None))


def test_anonymous_requests_are_asked_for_a_token(clients):
    response = clients["anonymous"].get("/api/v1/incidents/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")
    assert response.json()["code"] == "not_authenticated"


def test_a_user_without_a_role_is_refused_even_with_a_valid_token(db):
    from tests.api.conftest import token_client

    client = token_client(factories.UserFactory(username="nobody"))
    assert client.get("/api/v1/incidents/").status_code == 403
