"""The fake extractor, made slow on demand, so a test can stop a worker in the middle of a parse.

A test that starts a worker sets CT_TEST_PARSE_DIR: each parse writes `started-<n>` there, then, with
CT_TEST_PARSE_HOLD=1, waits (at most a minute) until the test creates `release`, or sleeps for
CT_TEST_PARSE_DELAY seconds. Only the worker's process reads these variables.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

from tests.ingestion.fakes import FakeExtractor

HOLD_AT_MOST = 60.0


class SlowExtractor(FakeExtractor):
    version = "slow-fake-1"

    def extract(self, text: str, *, published: dt.date | None):
        folder = os.environ.get("CT_TEST_PARSE_DIR")
        if folder:
            marker = Path(folder) / f"started-{time.monotonic_ns()}"
            marker.write_text(text[:200])
            if os.environ.get("CT_TEST_PARSE_HOLD") == "1":
                deadline = time.monotonic() + HOLD_AT_MOST
                while not (Path(folder) / "release").exists() and time.monotonic() < deadline:
                    time.sleep(0.05)
            time.sleep(float(os.environ.get("CT_TEST_PARSE_DELAY", "0")))
        return super().extract(text, published=published)
