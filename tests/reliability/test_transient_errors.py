"""A database that goes away for a moment: the parse task retries with backoff, and then succeeds.

The task is run as a worker runs it (`apply`, in this process); parsing raises OperationalError the
first times it touches the database, as it does while PostgreSQL restarts or a connection is cut.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from celery.exceptions import Retry
from django.db import OperationalError

from incidents import tasks
from incidents.models import Incident, Report
from incidents.workflow import parsing
from tests.reliability.conftest import receive

pytestmark = pytest.mark.django_db
TEXT = b"Gunmen killed two soldiers near Mosul on Saturday.\nThree civilians were killed in Kirkuk.\n"


@pytest.fixture
def flaky_database(monkeypatch):
    """Make the first `n` parses fail with OperationalError inside the write, after the claim."""
    real = parsing._replace_drafts
    state = {"left": 0, "calls": 0}

    def replace_drafts(*args, **kwargs):
        state["calls"] += 1
        if state["left"] > 0:
            state["left"] -= 1
            raise OperationalError("server closed the connection unexpectedly")
        return real(*args, **kwargs)

    monkeypatch.setattr(parsing, "_replace_drafts", replace_drafts)

    def fail_next(n: int) -> dict:
        state["left"] = n
        return state

    return fail_next


def test_the_parse_task_retries_on_operational_errors_and_then_parses_the_report(flaky_database):
    report = receive(TEXT)  # queued, not parsed: on_commit does not fire inside the test's transaction
    state = flaky_database(2)

    result = tasks.parse_report.apply(args=[report.pk])  # eager retries run at once, without the countdown

    assert result.successful(), result.traceback
    assert state["calls"] == 3
    report.refresh_from_db()
    assert (report.status, report.attempts, report.failure_reason) == (Report.Status.PARSED, 3, "")
    assert Incident.objects.filter(report=report).count() == 2


def test_while_the_database_stays_away_the_report_is_left_for_the_sweep_not_failed(flaky_database):
    report = receive(TEXT)
    flaky_database(100)

    result = tasks.parse_report.apply(args=[report.pk])

    assert result.failed() and isinstance(result.result, OperationalError)
    report.refresh_from_db()
    # Not FAILED: nothing is wrong with the file. PARSING, so the sweep queues it again later.
    assert report.status == Report.Status.PARSING
    assert report.attempts == tasks.parse_report.max_retries + 1
    assert report in Report.objects.stuck(report.updated_at + dt.timedelta(seconds=1))


def test_retries_back_off_exponentially_with_jitter_up_to_a_cap(flaky_database, monkeypatch):
    task = tasks.parse_report
    assert OperationalError in task.autoretry_for
    assert (task.retry_backoff, task.retry_backoff_max, task.retry_jitter) == (2, 600, True)
    report = receive(TEXT)
    flaky_database(1)
    countdowns = []

    def retry(*args, countdown=None, **kwargs):  # what the worker would schedule, instead of scheduling it
        countdowns.append(countdown)
        raise Retry("retrying", when=countdown)

    monkeypatch.setattr(task, "retry", retry)
    monkeypatch.setattr("celery.utils.time.random.randrange", lambda n: n - 1)  # jitter at its upper bound
    for retries in (0, 1, 2, 3, 9):
        task.request_stack.push(task.request.__class__(retries=retries, is_eager=False))
        try:
            flaky_database(1)
            with pytest.raises(Retry):
                task.run(report.pk)
        finally:
            task.request_stack.pop()
        Report.objects.filter(pk=report.pk).update(status=Report.Status.QUEUED)
    assert countdowns == [2, 4, 8, 16, 600]


@pytest.fixture
def broker_down(monkeypatch):
    from kombu.exceptions import OperationalError as BrokerUnreachable

    def delay(report_id):
        raise BrokerUnreachable("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.parse_report, "delay", delay)


# Transactional, so the upload's on_commit runs inside the request, as it does in production.
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("via", ["page", "api"])
def test_an_upload_while_the_broker_is_down_is_accepted_and_left_for_the_sweep(via, broker_down, analyst):
    from django.test import Client

    from incidents.models import ApiToken

    client = Client(raise_request_exception=False)
    upload = io.BytesIO(TEXT)
    upload.name = "while-redis-restarts.txt"
    if via == "page":
        client.force_login(analyst)
        response = client.post("/reports/", {"files": [upload]})
        expected = 302
    else:
        key = ApiToken.issue(analyst, "outage")[1]
        response = client.post("/api/v1/reports/", {"file": upload}, HTTP_AUTHORIZATION=f"Token {key}")
        expected = 202
    assert response.status_code == expected, response.status_code
    report = Report.objects.get()
    assert report.status == Report.Status.QUEUED  # the sweep sends it once the broker is back
    assert report in Report.objects.stuck(report.updated_at + dt.timedelta(seconds=1))
