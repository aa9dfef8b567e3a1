"""Settings for the Celery workers the fault tests start: the project's, with a controllable extractor."""

from conflict_tracker.settings import *  # noqa: F403

EXTRACTOR = "tests.reliability.slow.SlowExtractor"
