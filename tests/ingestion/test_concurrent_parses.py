"""Two parses of one report at the same moment (a redelivered message racing the original) on PostgreSQL."""

import threading

import pytest
from django.db import connection

from incidents.models import Incident, IncidentSource, Report
from incidents.workflow import parsing
from tests.ingestion.fakes import FakeExtractor

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_parses_racing_on_one_report_leave_one_set_of_drafts(upload, monkeypatch):
    report = upload()  # parsed once already: the upload commits, and tasks run in-process here
    both_extracted = threading.Barrier(2, timeout=30)
    real_extract = FakeExtractor.extract

    def extract_together(self, text, *, published):
        candidates = real_extract(self, text, published=published)
        both_extracted.wait()  # neither writes before both have read and extracted
        return candidates

    monkeypatch.setattr(FakeExtractor, "extract", extract_together)
    errors = []

    def run():
        try:
            parsing.parse_report(report.pk, force=True)
        except Exception as error:  # reported below; a thread's exception would otherwise vanish
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    report.refresh_from_db()
    assert (report.status, report.attempts) == (Report.Status.PARSED, 3)
    assert sorted(Incident.objects.filter(report=report).values_list("position", flat=True)) == [0, 1]
    assert IncidentSource.objects.filter(report=report).count() == 2
