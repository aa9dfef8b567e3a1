"""Report uploads through the API: 202 with a status URL, 413 when too large, 415 when not multipart."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from incidents.models import Report
from tests.api.conftest import make_incident, token_client

pytestmark = pytest.mark.django_db


def test_an_upload_answers_202_with_a_status_url_and_is_queued(analyst, _no_parsing):
    client = token_client(analyst)
    response = client.post(
        "/api/v1/reports/",
        {"file": SimpleUploadedFile("report.txt", b"Gunmen attacked a village."), "source": "Reuters"},
        format="multipart",
    )
    assert response.status_code == 202, response.json()
    data = response.json()
    assert response["Location"] == f"/api/v1/reports/{data['id']}/"
    assert data["status_url"].endswith(response["Location"])
    status = client.get(data["status_url"]).json()
    assert (status["status"], status["source"], status["drafts"]) == ("queued", "Reuters", 0)
    again = client.post(
        "/api/v1/reports/", {"file": SimpleUploadedFile("copy.txt", b"Gunmen attacked a village.")}
    )
    assert again.status_code == 200 and again.json()["id"] == data["id"]
    assert Report.objects.count() == 1


def test_a_report_lists_its_drafts(analyst, editor):
    client = token_client(analyst)
    report_id = client.post("/api/v1/reports/", {"file": SimpleUploadedFile("r.txt", b"text")}).json()["id"]
    draft = make_incident(editor=editor)
    draft.report_id = report_id
    draft.save(update_fields=["report"])
    drafts = client.get(f"/api/v1/reports/{report_id}/drafts/").json()
    assert [d["id"] for d in drafts] == [draft.pk]
    assert client.get(f"/api/v1/reports/{report_id}/").json()["drafts"] == 1


def test_a_file_over_the_limit_answers_413(analyst, settings):
    settings.REPORT_MAX_BYTES = 10
    response = token_client(analyst).post(
        "/api/v1/reports/", {"file": SimpleUploadedFile("big.txt", b"x" * 11)}, format="multipart"
    )
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"
    assert not Report.objects.exists()


def test_an_empty_file_or_a_missing_one_answers_400(analyst):
    client = token_client(analyst)
    empty = client.post("/api/v1/reports/", {"file": SimpleUploadedFile("e.txt", b"")}, format="multipart")
    assert empty.status_code == 400 and "file" in empty.json()["errors"]
    assert client.post("/api/v1/reports/", {"title": "no file"}, format="multipart").status_code == 400


def test_a_json_body_answers_415(analyst):
    response = token_client(analyst).post("/api/v1/reports/", {"file": "x"}, format="json")
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"
