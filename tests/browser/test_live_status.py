"""The upload page follows a report's parse live (htmx polling), without a reload."""

import pytest
from playwright.sync_api import Page, expect

from incidents import tasks
from incidents.models import Report
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPORT = "MOSUL, March 15 - A roadside bomb killed two civilians west of Mosul on Saturday, police said.\n"


def test_a_queued_report_turns_parsed_on_the_page_by_itself(
    page: Page, live_server, analyst, tmp_path, monkeypatch
):
    factories.LocationFactory(
        name="Mosul",
        admin1="Nineveh",
        latitude=36.335,
        longitude=43.119,
        population=1_739_800,
        geonames_id=99072,
    )
    queued = []
    # No worker picks the report up yet: it stays queued until the test runs the task below.
    monkeypatch.setattr(tasks.parse_report, "delay", queued.append)

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("User name").fill("analyst")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.goto(live_server.url + "/reports/")
    upload = tmp_path / "mosul.txt"
    upload.write_text(REPORT, encoding="utf-8")
    page.get_by_label("Report files").set_input_files(str(upload))
    page.get_by_role("button", name="Upload").click()
    status = page.locator("tr.report-row .status").first
    expect(status).to_have_text("Queued")
    page.evaluate("window.samePage = true")  # gone if the page were reloaded

    tasks.parse_report(queued[0])  # what the worker does
    assert Report.objects.get().status == Report.Status.PARSED

    expect(status).to_have_text("Parsed", timeout=10_000)  # polled every 2 s
    expect(page.locator("tr.report-row a.draft-link")).to_have_count(1)
    assert page.evaluate("window.samePage === true")
