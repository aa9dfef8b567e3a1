"""A real Celery worker, fed through Redis, parses an upload into the test database (CI runs this)."""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connection

from conflict_tracker.celery import app
from incidents import tasks, workflow
from incidents.models import Incident, IncidentSource, Report
from tests.ingestion.conftest import REPORT

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def worker(tmp_path):
    """A solo-pool worker on the test database and the test's media folder; stopped afterwards."""
    app.control.purge()  # messages left by an earlier, interrupted run would name rows that no longer exist
    # The worker must write where the test reads: the test database, not the one DATABASE_URL names.
    database_url = urlsplit(os.environ["DATABASE_URL"])._replace(path="/" + connection.settings_dict["NAME"])
    env = {
        **os.environ,
        "DATABASE_URL": database_url.geturl(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "DJANGO_SETTINGS_MODULE": "tests.ingestion.worker_settings",
        "PYTHONPATH": str(ROOT),
    }
    log = tmp_path / "worker.log"
    command = [sys.executable, "-m", "celery", "-A", "conflict_tracker", "worker", "--pool=solo"]
    command += ["--loglevel=INFO", "--without-gossip", "--without-mingle", "--hostname=ingest-test@%h"]
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    yield lambda: log.read_text(errors="replace")[-3000:]
    process.terminate()  # a warm shutdown: the current task finishes, then its connections close
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_for(condition, worker_log, *, timeout: float = 60, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"Timed out after {timeout} s waiting for {what}. Worker log:\n{worker_log()}")


def test_a_worker_parses_an_upload_and_a_second_run_leaves_one_set_of_drafts(worker, upload):
    report = upload(REPORT, name="clashes.txt")  # commits, so the parse is sent to Redis at once

    def parsed(attempts: int):
        done = Report.objects.filter(pk=report.pk, status=Report.Status.PARSED, attempts=attempts)
        return done.exists

    wait_for(parsed(1), worker, what="the first parse")
    report.refresh_from_db()
    mosul = Incident.objects.get(report=report, position=0)
    evidence = IncidentSource.objects.get(incident=mosul).evidence
    assert {span["text"] for span in evidence} == {"killed", "Mosul", "two"}
    for span in evidence:
        assert report.text[span["start"] : span["end"]] == span["text"]
    first = sorted(Incident.objects.filter(report=report).values_list("position", "location_name"))

    # A duplicated message (nothing to do: parsed already), then a re-queue that really parses again.
    tasks.parse_report.delay(report.pk)
    workflow.queue_parse(report)
    wait_for(parsed(2), worker, what="the second parse")

    assert sorted(Incident.objects.filter(report=report).values_list("position", "location_name")) == first
    assert IncidentSource.objects.filter(report=report).count() == len(first) == 2
    assert "Task incidents.tasks.parse_report" in worker()  # the worker ran them, not this process
