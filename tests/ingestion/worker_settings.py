"""Settings for the Celery worker the worker test starts: the project's, with the test's fake extractor."""

from conflict_tracker.settings import *  # noqa: F403

EXTRACTOR = "tests.ingestion.fakes.FakeExtractor"
