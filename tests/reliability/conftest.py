"""Fixtures for the reliability tests: the fake extractor, tasks in-process, and upload helpers.

Uploads here go through `workflow.receive_report` and the Celery task exactly as a view's would; the
parse runs in this process (tests/conftest.py makes tasks eager) unless the test starts a worker.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile

from incidents import tasks, workflow
from incidents.models import Report
from incidents.workflow import parsing

FAKE_EXTRACTOR = "tests.ingestion.fakes.FakeExtractor"
# What a failure reason shown to an uploader must never contain: Python's own words.
PYTHON_LEAKS = re.compile(r"Traceback|File \"|line \d+, in |\b\w+(Error|Exception)\b|<class |0x[0-9a-f]{6,}")


@pytest.fixture(autouse=True)
def _fake_extractor(settings):
    settings.EXTRACTOR = FAKE_EXTRACTOR


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def receive(data: bytes, name: str = "report.txt", **fields) -> Report:
    """Store bytes as an upload (the parse is queued for after the commit); returns the report."""
    report, _ = workflow.receive_report(ContentFile(data, name=name), **fields)
    return report


def parse(report: Report) -> Report:
    """Run the parse task in this process, as a worker would; the task itself must never raise."""
    result = tasks.parse_report.apply(args=[report.pk])
    assert result.successful(), f"the task raised: {result.traceback}"
    report.refresh_from_db()
    return report


def assert_readable(reason: str) -> None:
    """A failure reason is a sentence for a person: short, and free of Python's vocabulary."""
    assert reason.strip(), "a failed report must say why"
    assert len(reason) < 400, reason
    assert not PYTHON_LEAKS.search(reason), f"internals leak into the reason: {reason!r}"
    # The catch-all is readable too, but reaching it means a reader met an error it did not expect.
    assert reason != parsing.INTERNAL, "an unexpected exception: a reader should say what is wrong"


def assert_kept_inside_media(report: Report, original: bytes) -> None:
    """The original bytes are on disk, unchanged, under MEDIA_ROOT, whatever the upload's name said."""
    media = Path(settings.MEDIA_ROOT).resolve()
    stored = Path(report.file.path).resolve()
    assert stored.is_relative_to(media), f"{stored} is outside {media}"
    assert stored.read_bytes() == original
    assert "/" not in report.original_name and "\\" not in report.original_name


class ActiveMarkup(HTMLParser):
    """Collects what a browser would run in a page: inline scripts, event handlers, frames, js: URLs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            if attributes.get("type") == "application/json":
                return  # json_script data blocks are not run
            src = attributes.get("src") or ""
            if not (src.startswith("/") and not src.startswith("//")):  # same-origin files only
                self.found.append(f"<script {attributes}>")
        if tag in ("iframe", "frame", "object", "embed", "base"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action", "formaction") and value:
                if value.strip().lower().startswith(("javascript:", "data:text/html")) or "evil." in value:
                    self.found.append(f"<{tag} {name}={value!r}>")


def active_markup(html: str) -> list[str]:
    parser = ActiveMarkup()
    parser.feed(html)
    return parser.found


KIRKUK = b"Gunmen killed three civilians in Kirkuk on Saturday, police said.\n"


@pytest.fixture
def world(db, analyst):
    """One of each kind of row a URL can name: a report with a draft, a published incident, an actor..."""
    from django.core.files.base import ContentFile

    from incidents.models import ImportJob
    from tests import factories

    report = parse(receive(KIRKUK, name="kirkuk.txt", user=analyst))
    draft = report.drafts.get()
    editor = factories.editor(username="world-editor")
    published = workflow.publish(factories.IncidentFactory(location_name="Baghdad"), editor=editor)
    other_draft = factories.IncidentFactory(location_name="Tikrit")
    job = ImportJob(original_name="acled.csv", format=ImportJob.Format.ACLED, created_by=analyst)
    job.file.save("acled.csv", ContentFile(b"event_id_cnty\n"), save=True)
    return {
        "report": report,
        "draft": draft,
        "other_draft": other_draft,
        "published": published,
        "actor": factories.ActorFactory(name="Islamic State"),
        "location": factories.LocationFactory(),
        "source": factories.SourceFactory(name="Reuters"),
        "job": job,
    }


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, headless, for the tests marked `browser` (as in tests/browser/conftest.py)."""
    import os

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the sync Playwright API runs a loop here
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    args += ["--disable-component-update", "--disable-sync", "--no-first-run"]
    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    return {**browser_type_launch_args, "executable_path": executable, "headless": True, "args": args}
