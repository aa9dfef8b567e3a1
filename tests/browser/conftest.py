"""Browser tests: pytest-playwright driving Debian's Chromium against pytest-django's live_server."""

import os

import pytest

from conflict_tracker.celery import app

# The sync Playwright API runs an event loop in this thread; the ORM calls of the test are still safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "headless": True, "args": CHROMIUM_ARGS}


@pytest.fixture(autouse=True)
def _tasks_in_process():
    # Uploads are parsed by a Celery task: here in the live server's thread, even where a broker is set.
    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


@pytest.fixture(autouse=True)
def _fresh_extractor():
    # The extractor caches the gazetteer and actors it loaded: this test's rows, not another test's.
    from incidents import extraction

    extraction.reset_extractor()
    yield
    extraction.reset_extractor()
