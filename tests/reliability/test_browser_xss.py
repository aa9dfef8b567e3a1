"""In a real browser: opening the pages that show a script-laden report never runs any of its scripts."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.reliability.conftest import parse, receive
from tests.reliability.test_hostile_uploads import SCRIPTED_HTML, SCRIPTED_TEXT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _async_unsafe(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def test_no_dialog_fires_on_any_page_showing_a_hostile_report(page, live_server, superuser):
    reports = [
        parse(receive(SCRIPTED_HTML, name="page.html")),
        parse(receive(SCRIPTED_TEXT, name="page.txt")),
    ]
    client = Client()
    client.force_login(superuser)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    dialogs, violations = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on(
        "console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None
    )

    # The control: the same handler does see a script that runs.
    page.set_content("<script>alert('control')</script>")
    assert dialogs == ["control"]
    dialogs.clear()

    urls = [reverse("incidents:report-upload"), reverse("incidents:review-queue")]
    for report in reports:
        draft = report.drafts.first()
        urls += [
            reverse("incidents:report-detail", args=[report.pk]),
            reverse("incidents:review", args=[draft.pk]),
            reverse("incidents:incident-detail", args=[draft.pk]),
        ]
    for url in urls:
        page.goto(live_server.url + url)
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)  # onload/onerror handlers and deferred scripts would have run by now
        assert page.url.endswith(url), f"redirected away from {url}: {page.url}"
    assert dialogs == [], dialogs
    # The pages' own scripts all run under the policy: nothing of ours is refused either.
    assert violations == [], violations
