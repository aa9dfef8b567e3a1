import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from incidents.datasets import importer
from incidents.models import ImportJob, Incident

pytestmark = pytest.mark.django_db


def upload(client, fixture_file, name, **data):
    payload = {"format": "acled", "target_status": "published", **data}
    payload["file"] = SimpleUploadedFile(name, fixture_file(name).read_bytes(), content_type="text/csv")
    return client.post(reverse("datasets:import"), payload)


def test_an_editor_uploads_a_file_and_its_import_runs_to_a_report(
    client, editor, fixture_file, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    assert client.get(reverse("datasets:import")).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):  # no broker in tests: the task runs in-process
        response = upload(client, fixture_file, "acled_broken.csv")

    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("datasets:import-detail", args=[job.pk])
    assert (job.status, job.created, job.updated, job.unchanged, job.rejected) == ("done", 2, 0, 0, 8)
    assert (job.rows_total, job.rows_done, job.created_by) == (11, 10, editor)
    assert job.errors[0] == {"line": 3, "id": "IRQ91002", "reason": "event_date “2021-02-30” is not a date"}
    assert not job.file.name.endswith("acled_broken.csv")  # stored under a name of ours
    assert Incident.objects.filter(created_by=editor).count() == 2

    page = client.get(response.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "latitude 95.0 is outside -90..90" in html and "IRQ91005" in html
    assert 'http-equiv="refresh"' not in html  # done: the page stops refreshing


def test_the_status_page_refreshes_while_the_import_is_queued(client, editor, fixture_file):
    client.force_login(editor)
    response = upload(client, fixture_file, "acled_valid.csv")  # on_commit never fires: still queued
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.QUEUED
    assert 'http-equiv="refresh"' in client.get(response.url).content.decode()


def test_a_dry_run_upload_reports_and_writes_nothing(
    client, editor, fixture_file, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, fixture_file, "ucdp_valid.csv", format="ucdp", dry_run="on")
    job = ImportJob.objects.get()
    assert (job.status, job.created, job.dry_run) == ("done", 4, True)
    assert not Incident.objects.exists()


def test_a_file_of_the_wrong_format_fails_the_job_with_the_reason(
    client, editor, fixture_file, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, fixture_file, "ucdp_valid.csv", format="acled")
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    assert "Not an ACLED file" in job.failure_reason
    assert not Incident.objects.exists()
    assert (
        "Not an ACLED file" in client.get(reverse("datasets:import-detail", args=[job.pk])).content.decode()
    )


def test_an_analyst_without_the_import_permission_is_refused(client, analyst, fixture_file):
    client.force_login(analyst)
    assert client.get(reverse("datasets:import")).status_code == 403
    assert upload(client, fixture_file, "acled_valid.csv").status_code == 403
    assert client.get(reverse("datasets:export"), {"format": "acled"}).status_code == 403
    assert not ImportJob.objects.exists() and not Incident.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("datasets:import"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_the_export_view_streams_the_filtered_list_as_csv(client, editor, fixture_file):
    importer.import_file(fixture_file("acled_valid.csv"), "acled")
    client.force_login(editor)
    response = client.get("/datasets/export.csv", {"format": "acled", "country": "IQ", "min_fatalities": "3"})
    assert response.status_code == 200 and response["Content-Type"] == "text/csv"
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["event_id_cnty"] for row in rows] == ["IRQ90001"]

    ucdp = client.get("/datasets/export.csv", {"format": "ucdp", "date_from": "2022-01-01"})
    rows = list(csv.DictReader(io.StringIO(b"".join(ucdp.streaming_content).decode())))
    # An ACLED incident in UCDP's shape: our id, since its ACLED id means nothing to UCDP.
    assert [(row["side_a"], row["date_start"]) for row in rows] == [
        ("Military Forces of Russia (2000-)", "2022-04-02")
    ]
    assert client.get("/datasets/export.csv", {"format": "xml"}).status_code == 400
    assert client.get("/datasets/export.csv", {"date_from": "someday"}).status_code == 400
