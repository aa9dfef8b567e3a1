"""Uploading reports: several files at once, refusals per file, and the live status row."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from incidents.models import Report, Source

pytestmark = pytest.mark.django_db


def test_an_analyst_uploads_several_files_at_once(analyst_client, analyst):
    files = [
        SimpleUploadedFile("one.txt", b"Gunmen attacked a checkpoint.", content_type="text/plain"),
        SimpleUploadedFile("two.txt", b"A protest in Basrah.", content_type="text/plain"),
    ]
    response = analyst_client.post(
        reverse("incidents:report-upload"),
        {"files": files, "published_on": "2026-03-09", "source": "Rudaw"},
        follow=True,
    )
    assert response.status_code == 200
    reports = Report.objects.order_by("original_name")
    assert [r.original_name for r in reports] == ["one.txt", "two.txt"]
    assert {r.source for r in reports} == {Source.objects.get(name="Rudaw")}
    assert all(r.uploaded_by == analyst and str(r.published_on) == "2026-03-09" for r in reports)
    assert all(r.status == Report.Status.QUEUED for r in reports)
    assert "2 files received." in response.content.decode()


def test_a_refused_file_is_named_with_the_reason_and_the_others_are_kept(analyst_client, settings):
    settings.REPORT_MAX_BYTES = 10
    files = [
        SimpleUploadedFile("empty.txt", b""),
        SimpleUploadedFile("big.txt", b"x" * 50),
        SimpleUploadedFile("ok.txt", b"short"),
    ]
    response = analyst_client.post(reverse("incidents:report-upload"), {"files": files}, follow=True)
    body = response.content.decode()
    assert "empty.txt: The file is empty." in body
    assert "big.txt: The file is" in body and "the limit is" in body
    assert [r.original_name for r in Report.objects.all()] == ["ok.txt"]


def test_uploading_the_same_file_again_points_at_the_existing_report(analyst_client):
    url = reverse("incidents:report-upload")
    analyst_client.post(url, {"files": [SimpleUploadedFile("a.txt", b"same bytes")]})
    response = analyst_client.post(url, {"files": [SimpleUploadedFile("b.txt", b"same bytes")]}, follow=True)
    assert Report.objects.count() == 1
    assert "a.txt" not in response.content.decode() or "was uploaded before" in response.content.decode()


def test_no_file_is_an_inline_error(analyst_client):
    response = analyst_client.post(reverse("incidents:report-upload"), {"source": "x"})
    assert response.status_code == 200
    assert "files" in response.context["form"].errors


def test_a_report_being_parsed_polls_its_status_and_a_parsed_one_stops(analyst_client, report, draft):
    Report.objects.filter(pk=report.pk).update(status=Report.Status.QUEUED)
    url = reverse("incidents:report-status", args=[report.pk])
    body = analyst_client.get(url).content.decode()
    assert f'hx-get="{url}"' in body and 'hx-trigger="every 2s"' in body

    Report.objects.filter(pk=report.pk).update(status=Report.Status.PARSED)
    body = analyst_client.get(url).content.decode()
    assert "hx-trigger" not in body
    assert "Parsed" in body and reverse("incidents:incident-detail", args=[draft.pk]) in body


def test_a_failed_report_shows_its_reason(analyst_client, report):
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.FAILED, failure_reason="The PDF is encrypted."
    )
    body = analyst_client.get(reverse("incidents:report-upload")).content.decode()
    assert "Failed" in body and "The PDF is encrypted." in body
    assert 'hx-get="' + reverse("incidents:report-status", args=[report.pk]) not in body


def test_the_report_file_downloads_for_readers(analyst_client, report):
    response = analyst_client.get(reverse("incidents:report-file", args=[report.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"Gunmen killed")
    assert 'filename="kirkuk.txt"' in response["Content-Disposition"]
