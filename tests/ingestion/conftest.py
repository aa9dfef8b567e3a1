"""Ingestion fixtures: the fake extractor, and tasks run in-process unless a test starts a worker."""

import pytest
from django.core.files.base import ContentFile

from conflict_tracker.celery import app
from incidents import workflow

FAKE_EXTRACTOR = "tests.ingestion.fakes.FakeExtractor"

REPORT = (
    "Clashes near Mosul\r\n\r\n"
    "Gunmen attacked an army post near Mosul on Saturday, and two soldiers were killed.\r\n"
    "Separately, three civilians were killed by gunmen in Kirkuk, police said.\r\n"
)


@pytest.fixture(autouse=True)
def _fake_extractor(settings):
    settings.EXTRACTOR = FAKE_EXTRACTOR


@pytest.fixture(autouse=True)
def _tasks_in_process(request):
    # With CELERY_BROKER_URL set (the PostgreSQL + Redis run), .delay() would go to Redis where no worker
    # listens; only the test that starts its own worker keeps the broker.
    if request.node.get_closest_marker("redis"):
        yield
        return
    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


@pytest.fixture
def upload():
    """Store bytes as an uploaded report (not parsed yet inside a test transaction); returns the report."""

    def store(content: bytes | str = REPORT, name: str = "report.txt", **fields):
        data = content.encode() if isinstance(content, str) else content
        report, _ = workflow.receive_report(ContentFile(data, name=name), **fields)
        return report

    return store
