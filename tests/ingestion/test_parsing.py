"""parse_report: drafts with actors, sources and evidence; re-runs leave one set; failures end readable."""

import datetime as dt
import logging

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.db import OperationalError

from incidents import tasks, workflow
from incidents.models import Actor, Incident, IncidentActor, IncidentSource, Report
from incidents.workflow import parsing
from tests.factories import ActorFactory, LocationFactory
from tests.ingestion import files

pytestmark = pytest.mark.django_db
Status = Report.Status


def drafts_of(report):
    return list(Incident.objects.filter(report=report).order_by("position"))


def test_parsing_stores_the_text_and_one_draft_per_candidate(upload):
    report = upload(published_on=dt.date(2024, 3, 2), source="Wire")
    assert report.status == Status.QUEUED

    parsed = workflow.parse_report(report.pk)

    assert (parsed.status, parsed.pipeline_version, parsed.attempts) == (Status.PARSED, "fake-1", 1)
    assert parsed.title == "Clashes near Mosul" and parsed.language == "en" and parsed.parsed_at
    assert "\r" not in parsed.text
    first, second = drafts_of(report)
    assert (first.position, first.origin, first.status) == (0, "extracted", "draft")
    assert (first.event_date, first.location_name, first.fatalities) == (dt.date(2024, 3, 2), "Mosul", 2)
    assert (first.event_type, first.disorder_type) == ("Battles", "Political violence")
    assert (second.position, second.location_name, second.admin1) == (1, "Kirkuk", "Kirkuk")


def test_evidence_spans_point_at_the_words_in_the_stored_text(upload):
    report = upload()
    workflow.parse_report(report.pk)
    report.refresh_from_db()
    link = IncidentSource.objects.get(incident__report=report, incident__position=0)
    assert (link.report, link.source) == (report, report.source)
    sentence = "Gunmen attacked an army post near Mosul on Saturday, and two soldiers were killed."
    assert link.excerpt == sentence
    assert {span["field"] for span in link.evidence} == {"event_type", "location", "fatalities"}
    for span in link.evidence:
        assert report.text[span["start"] : span["end"]] == span["text"]


def test_actors_resolve_by_name_or_alias_and_unknown_names_become_actors(upload):
    known = ActorFactory(name="Military Forces of Iraq (2014-)", actor_type=1)
    workflow.parse_report(upload().pk)

    links = IncidentActor.objects.filter(incident__position=0).order_by("role")
    assert [(link.role, link.actor.name, link.mention) for link in links] == [
        ("actor2", known.name, "soldiers"),
    ]
    kirkuk = IncidentActor.objects.get(incident__position=1)
    created = Actor.objects.get(name="Unidentified Armed Group (Iraq)")
    assert (kirkuk.actor, kirkuk.mention) == (created, "gunmen")
    assert (created.actor_type, created.country_iso) == (3, "IQ")


def test_the_gazetteer_entry_is_matched_by_geonames_id(upload):
    mosul = LocationFactory(name="Mosul", admin1="Nineveh", geonames_id=99072, latitude=36.3, longitude=43.1)
    workflow.parse_report(upload().pk)
    assert Incident.objects.get(position=0).location == mosul


def test_drafts_are_recorded_in_the_history_as_drafted_by_nobody(upload, analyst):
    # The uploader's request must not become the drafts' author: that would protect them from re-parses.
    workflow.parse_report(upload(user=analyst).pk)
    history = Incident.history.filter(position=0).get()
    assert (history.history_type, history.history_change_reason) == ("+", "drafted")
    assert history.history_user is None


def test_running_the_task_twice_leaves_one_set_of_drafts(upload):
    report = upload()
    tasks.parse_report(report.pk)
    first_ids = [d.pk for d in drafts_of(report)]
    tasks.parse_report(report.pk)  # a redelivered message: the report is parsed already

    assert [d.pk for d in drafts_of(report)] == first_ids
    assert Report.objects.get(pk=report.pk).attempts == 1


def test_a_forced_reparse_replaces_untouched_drafts_without_duplicating_them(upload):
    report = upload()
    workflow.parse_report(report.pk)
    old_ids = {d.pk for d in drafts_of(report)}

    workflow.parse_report(report.pk, force=True)

    drafts = drafts_of(report)
    assert [d.position for d in drafts] == [0, 1] and not old_ids & {d.pk for d in drafts}
    assert IncidentSource.objects.filter(report=report).count() == 2
    removed = Incident.history.filter(history_type="-", history_change_reason="replaced by a new parse")
    assert removed.count() == 2


def test_a_reparse_keeps_reviewed_drafts_and_does_not_draft_them_again(upload, editor, analyst):
    report = upload()
    workflow.parse_report(report.pk)
    mosul, kirkuk = drafts_of(report)
    workflow.publish(mosul, editor=editor)
    workflow.update_incident(kirkuk, {"fatalities": 4}, editor=analyst, expected_version=1)

    workflow.parse_report(report.pk, force=True)

    drafts = drafts_of(report)
    assert [(d.pk, d.status, d.fatalities) for d in drafts] == [
        (mosul.pk, "published", 2),
        (kirkuk.pk, "draft", 4),
    ]


def test_a_reparse_after_an_edit_that_changed_the_event_gives_the_new_draft_a_free_position(upload, analyst):
    report = upload()
    workflow.parse_report(report.pk)
    mosul, _ = drafts_of(report)
    # The editor rewrote the summary sentence's incident entirely: it no longer matches candidate 0.
    IncidentSource.objects.filter(incident=mosul).update(excerpt="edited")
    workflow.update_incident(mosul, {"event_date": dt.date(2024, 2, 1)}, editor=analyst, expected_version=1)

    workflow.parse_report(report.pk, force=True)

    assert sorted(d.position for d in drafts_of(report)) == [0, 1, 2]


def test_an_unreadable_file_fails_with_its_reason_and_keeps_the_file(upload):
    report = upload(files.encrypted_pdf(), name="report.pdf")
    failed = workflow.parse_report(report.pk)
    assert failed.status == Status.FAILED
    assert failed.failure_reason == "The PDF is password-protected; upload an unprotected copy."
    assert failed.file.storage.exists(failed.file.name)
    assert not Incident.objects.exists()


def test_an_unexpected_error_fails_with_a_short_reason_and_logs_the_traceback(upload, monkeypatch, caplog):
    def broken(self, text, *, published):
        raise KeyError("internal detail")

    monkeypatch.setattr("tests.ingestion.fakes.FakeExtractor.extract", broken)
    report = upload()
    with caplog.at_level(logging.ERROR):
        failed = workflow.parse_report(report.pk)
    assert (failed.status, failed.failure_reason) == (Status.FAILED, parsing.INTERNAL)
    assert "internal detail" not in failed.failure_reason
    assert any(record.exc_info for record in caplog.records)


def test_a_soft_time_limit_fails_the_report_as_too_long(upload, monkeypatch):
    def slow(self, text, *, published):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr("tests.ingestion.fakes.FakeExtractor.extract", slow)
    failed = workflow.parse_report(upload().pk)
    assert (failed.status, failed.failure_reason) == (Status.FAILED, parsing.TOO_LONG)


def test_a_database_error_is_left_to_the_task_retry_with_the_report_still_parsing(upload, monkeypatch):
    def flaky(self, text, *, published):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("tests.ingestion.fakes.FakeExtractor.extract", flaky)
    report = upload()
    with pytest.raises(OperationalError):
        workflow.parse_report(report.pk)
    assert Report.objects.get(pk=report.pk).status == Status.PARSING


def test_the_task_retries_database_errors_and_then_succeeds(upload, monkeypatch):
    real = parsing.parse_report
    calls = []

    def flaky_once(report_id, **kwargs):
        calls.append(report_id)
        if len(calls) == 1:
            raise OperationalError("the database is restarting")
        return real(report_id, **kwargs)

    monkeypatch.setattr(parsing, "parse_report", flaky_once)
    report = upload()
    tasks.parse_report.apply(args=[report.pk])  # in-process, with Celery's retry machinery
    assert len(calls) == 2
    assert Report.objects.get(pk=report.pk).status == Status.PARSED
    assert tasks.parse_report.max_retries == 5 and OperationalError in tasks.parse_report.autoretry_for


def test_a_report_that_was_deleted_after_queueing_is_ignored():
    assert workflow.parse_report(987654) is None


def test_the_task_queued_on_upload_parses_the_report(upload, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = upload()
    assert Report.objects.get(pk=report.pk).status == Status.PARSED
    assert len(drafts_of(report)) == 2
