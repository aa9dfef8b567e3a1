"""Shared fixtures, and the switches that make service-backed tests run or skip with a reason.

Tests that need PostgreSQL, a Redis broker with a live worker, or Chromium are marked `postgres`,
`redis` or `browser`. They run whenever their service is configured and are skipped, with the
reason, when it is not. CI configures everything and sets CT_REQUIRE_ALL=1, which turns any such
skip into a failure, so CI always runs every test.
"""

import os
import shutil

import pytest
from django.conf import settings

from tests import factories

REQUIRE_ALL = os.environ.get("CT_REQUIRE_ALL") == "1"


def _missing(marker: str) -> str | None:
    engine = settings.DATABASES["default"]["ENGINE"]
    if marker == "postgres" and "postgresql" not in engine:
        return "needs PostgreSQL: set DATABASE_URL=postgres://..."
    if marker == "redis" and not os.environ.get("CELERY_BROKER_URL"):
        return "needs Redis and a worker: set CELERY_BROKER_URL=redis://..."
    if marker == "browser" and not shutil.which(os.environ.get("CHROMIUM", "/usr/bin/chromium")):
        return "needs Chromium: apt-get install chromium (then the browser tests run)"
    return None


def pytest_runtest_setup(item):
    for marker in ("postgres", "redis", "browser"):
        if item.get_closest_marker(marker) and (reason := _missing(marker)):
            if REQUIRE_ALL:
                pytest.fail(f"CI runs every test, but this one {reason}", pytrace=False)
            pytest.skip(reason)


@pytest.fixture(autouse=True)
def _tasks_in_process(request):
    """Run Celery tasks in the test's own process, unless the test is about a real worker.

    With CELERY_BROKER_URL set (as in CI) tasks would otherwise go to Redis with no worker to run them.
    """
    if request.node.get_closest_marker("redis"):
        yield
        return
    from conflict_tracker.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


@pytest.fixture(autouse=True)
def _media_root(tmp_path, settings):
    # Every test writes uploads into its own folder, never into the project's media/.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def analyst(db):
    return factories.analyst(username="analyst")


@pytest.fixture
def editor(db):
    return factories.editor(username="editor")


@pytest.fixture
def api_client_user(db):
    return factories.api_client_user(username="client")


@pytest.fixture
def superuser(db):
    return factories.user_with_role("superuser", username="root")
