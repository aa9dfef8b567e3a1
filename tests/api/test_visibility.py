"""Drafts, rejected incidents and report data never reach an API client, through any endpoint or format."""

import csv
import io
import json

import pytest

from incidents import workflow
from tests import factories
from tests.api.conftest import make_incident

pytestmark = pytest.mark.django_db

SECRET = "SECRET-DRAFT-NOTES"


@pytest.fixture
def record(editor):
    outlet = factories.SourceFactory(name="Reuters")
    published = make_incident(status="published", editor=editor, outlet=outlet, notes="Public notes.")
    draft = make_incident(editor=editor, notes=SECRET)
    rejected = make_incident(status="rejected", editor=editor, notes=SECRET)
    never_published = make_incident(editor=editor, notes=SECRET)
    workflow.merge(never_published, into=published, editor=editor)  # a draft merged away: no public id
    return {"published": published, "draft": draft, "rejected": rejected, "merged_draft": never_published}


def _ids(response):
    return {row["id"] for row in response.json()["results"]}


def test_list_and_sync_show_clients_published_incidents_only(client_api, editor_api, record):
    published, hidden = record["published"].pk, {record[k].pk for k in ("draft", "rejected", "merged_draft")}
    assert _ids(client_api.get("/api/v1/incidents/")) == {published}
    assert _ids(client_api.get("/api/v1/incidents/?updated_since=2000-01-01T00:00:00Z")) == {published}
    assert _ids(client_api.get("/api/v1/incidents/?status=draft&status=rejected")) == set()
    # ... while editors see them all.
    assert _ids(editor_api.get("/api/v1/incidents/")) == {published} | hidden


@pytest.mark.parametrize("which", ["draft", "rejected", "merged_draft"])
def test_detail_of_an_unpublished_incident_is_not_found_for_clients(client_api, editor_api, record, which):
    assert client_api.get(f"/api/v1/incidents/{record[which].pk}/").status_code == 404
    assert editor_api.get(f"/api/v1/incidents/{record[which].pk}/").status_code == 200


@pytest.mark.parametrize("fmt", ["csv", "geojson"])
def test_exports_hold_no_draft(client_api, editor_api, record, fmt):
    for client in (client_api, editor_api):  # editors' exports too are of published incidents by default
        response = client.get(f"/api/v1/incidents/?format={fmt}")
        body = b"".join(response.streaming_content).decode()
        assert SECRET not in body
        assert "Public notes." in body


def test_editors_export_drafts_only_when_they_ask_by_status(editor_api, record):
    response = editor_api.get("/api/v1/incidents/?format=csv&status=draft")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["notes"] for row in rows] == [SECRET]


def test_reports_history_and_review_fields_are_closed_to_clients(client_api, record):
    report_id = factories.IncidentFactory  # any id: the refusal comes before the lookup
    assert client_api.get("/api/v1/reports/").status_code == 403
    assert client_api.get("/api/v1/reports/1/drafts/").status_code == 403
    assert client_api.get(f"/api/v1/incidents/{record['published'].pk}/history/").status_code == 403
    data = client_api.get(f"/api/v1/incidents/{record['published'].pk}/").json()
    assert not {"report", "origin", "confidence", "rejection_reason"} & set(data)
    assert all(set(source) == {"name", "source_scale", "url"} for source in data["sources"])
    assert report_id  # keeps the linter quiet about the documented intent


def test_a_retracted_incident_is_a_tombstone_for_clients_and_whole_for_editors(
    client_api, editor_api, editor
):
    incident = make_incident(status="retracted", editor=editor, notes=SECRET)
    data = client_api.get(f"/api/v1/incidents/{incident.pk}/").json()
    assert set(data) == {"id", "public_id", "status", "updated_at", "merged_into"}
    assert data["status"] == "retracted"
    assert SECRET not in json.dumps(data)
    assert editor_api.get(f"/api/v1/incidents/{incident.pk}/").json()["notes"] == SECRET
    # Not in the default list, only in sync.
    assert _ids(client_api.get("/api/v1/incidents/")) == set()
    assert _ids(client_api.get("/api/v1/incidents/?updated_since=2000-01-01T00:00:00Z")) == {incident.pk}
