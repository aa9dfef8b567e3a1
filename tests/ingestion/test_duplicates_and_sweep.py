"""Possible duplicates found for new drafts, and the sweep that re-queues lost parses."""

import datetime as dt

import pytest
from django.utils import timezone

from incidents import workflow
from incidents.models import DuplicateCandidate, Incident, Report
from incidents.workflow import parsing
from tests.factories import IncidentFactory

pytestmark = pytest.mark.django_db
MOSUL = {"admin1": "Nineveh", "latitude": 36.335, "longitude": 43.119, "event_type": "Battles"}
REPORT = "Gunmen attacked an army post near Mosul, and two soldiers were killed."


def existing(**fields):
    values = {**MOSUL, "sub_event_type": "Armed clash", "event_date": dt.date(2024, 3, 2), **fields}
    values.setdefault("disorder_type", "Political violence")
    return IncidentFactory(**values)


def candidates_for_new_draft(upload):
    report = upload(REPORT, published_on=dt.date(2024, 3, 2))
    workflow.parse_report(report.pk)
    draft = Incident.objects.get(report=report)
    return {c.candidate_id: c.score for c in DuplicateCandidate.objects.filter(incident=draft)}


@pytest.mark.parametrize(
    "fields",
    [
        {},  # same place and day
        {"latitude": 36.45, "longitude": 43.2, "admin1": "Elsewhere"},  # ~15 km away
        {"latitude": 36.9, "longitude": 42.5, "location_name": "Sinjar road"},  # far, same admin1
        {"event_date": dt.date(2024, 3, 3)},  # a day after
        {"event_date": dt.date(2024, 2, 25), "date_end": dt.date(2024, 3, 1)},  # a span ending the day before
        {"sub_event_type": "Government regains territory", "status": Incident.Status.PUBLISHED},
    ],
    ids=["same-place", "within-25-km", "same-admin1", "next-day", "span-day-before", "published"],
)
def test_a_new_draft_lists_nearby_incidents_of_the_same_type_and_days(upload, fields):
    other = existing(**fields)
    scores = candidates_for_new_draft(upload)
    assert set(scores) == {other.pk}
    assert 0.5 <= scores[other.pk] <= 1


@pytest.mark.parametrize(
    "fields",
    [
        {"country_iso": "SY", "admin1": "Aleppo"},
        {"event_date": dt.date(2024, 3, 4)},  # two days after
        {"sub_event_type": "Air/drone strike", "event_type": "Explosions/Remote violence"},
        {"latitude": 36.9, "longitude": 42.5, "admin1": "Dahuk"},  # far, another admin1
        {"status": Incident.Status.REJECTED},
    ],
    ids=["other-country", "two-days-later", "other-type", "far-away", "rejected"],
)
def test_incidents_that_differ_are_not_candidates(upload, fields):
    existing(**fields)
    assert candidates_for_new_draft(upload) == {}


def test_merged_incidents_are_not_candidates(upload, editor):
    kept, duplicate = existing(), existing()
    workflow.merge(duplicate, into=kept, editor=editor)
    assert set(candidates_for_new_draft(upload)) == {kept.pk}


def test_the_closer_and_more_alike_scores_higher(upload):
    same = existing(fatalities=2)
    near = existing(latitude=36.45, longitude=43.2, event_date=dt.date(2024, 3, 3), fatalities=None)
    scores = candidates_for_new_draft(upload)
    assert scores[same.pk] > scores[near.pk]


def stuck_report(upload, status, *, minutes_ago, attempts=0):
    report = upload(f"Two killed in Mosul ({status}, {minutes_ago}).")
    Report.objects.filter(pk=report.pk).update(
        status=status, attempts=attempts, updated_at=timezone.now() - dt.timedelta(minutes=minutes_ago)
    )
    return report


def test_the_sweep_requeues_lost_parses_and_leaves_recent_ones(upload, django_capture_on_commit_callbacks):
    lost_queued = stuck_report(upload, Report.Status.QUEUED, minutes_ago=45)
    lost_parsing = stuck_report(upload, Report.Status.PARSING, minutes_ago=45, attempts=1)
    recent = stuck_report(upload, Report.Status.PARSING, minutes_ago=5, attempts=1)

    with django_capture_on_commit_callbacks(execute=True) as queued:
        assert parsing.sweep_stuck_reports() == 2

    assert len(queued) == 2  # one parse task sent per lost report, run here in-process
    statuses = dict(Report.objects.values_list("pk", "status"))
    assert statuses[lost_queued.pk] == statuses[lost_parsing.pk] == Report.Status.PARSED
    assert statuses[recent.pk] == Report.Status.PARSING


def test_the_sweep_gives_up_on_a_report_that_never_finishes(upload):
    report = stuck_report(upload, Report.Status.PARSING, minutes_ago=45, attempts=parsing.MAX_ATTEMPTS)
    assert parsing.sweep_stuck_reports() == 1
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert "attempted 5 times" in report.failure_reason
    assert report.file.storage.exists(report.file.name)


def test_the_sweep_runs_as_a_beat_task(settings):
    from incidents import tasks

    entry = settings.CELERY_BEAT_SCHEDULE["sweep-stuck-reports"]
    assert entry["task"] == tasks.sweep_reports.name
    assert tasks.sweep_reports() == 0
