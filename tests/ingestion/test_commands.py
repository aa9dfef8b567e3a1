"""The upload_report and parse_report commands, and the demo reports load_demo uploads."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from incidents import permissions
from incidents.models import Incident, Report
from tests.ingestion import files

pytestmark = pytest.mark.django_db(transaction=True)  # commands commit, so their queued parse runs


def test_upload_report_stores_and_parses_a_file_and_a_second_upload_is_the_same_report(tmp_path, capsys):
    path = tmp_path / "brief.pdf"
    path.write_bytes(files.pdf(["Gunmen attacked a post near Kirkuk and three soldiers were killed."]))

    call_command("upload_report", str(path), "--published", "2024-03-09", "--source", "Wire")
    call_command("upload_report", str(path))

    report = Report.objects.get()
    assert (report.status, report.published_on, report.source.name) == ("parsed", dt.date(2024, 3, 9), "Wire")
    assert report.original_name == "brief.pdf"
    assert Incident.objects.filter(report=report).count() == 1
    assert "not parsed again" in capsys.readouterr().out


def test_upload_report_says_why_a_file_failed(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(files.pdf([""]))
    with pytest.raises(CommandError, match="no extractable text"):
        call_command("upload_report", str(path))


def test_parse_report_reruns_a_stored_report_without_duplicating_drafts(tmp_path, capsys):
    path = tmp_path / "r.txt"
    path.write_text("Two soldiers were killed near Mosul.\nThree civilians were killed in Basrah.")
    call_command("upload_report", str(path))
    report = Report.objects.get()

    call_command("parse_report", str(report.pk))

    assert Incident.objects.filter(report=report).count() == 2
    assert Report.objects.get().attempts == 2
    assert "2 drafts" in capsys.readouterr().out


def test_parse_report_refuses_an_unknown_report():
    with pytest.raises(CommandError, match="no report 404"):
        call_command("parse_report", "404")


def test_load_demo_uploads_the_demo_reports_once_and_they_parse_into_drafts():
    permissions.sync_roles()  # a transactional test's flush removed the groups the migration made
    call_command("load_actors")
    call_command("load_demo")
    call_command("load_demo")
    reports = Report.objects.all()
    assert reports.count() == 3
    assert {r.status for r in reports} == {Report.Status.PARSED}
    assert {r.source.name for r in reports} == {"Demo wire"}
    assert Incident.objects.filter(report__isnull=False, status=Incident.Status.DRAFT).count() >= 3
