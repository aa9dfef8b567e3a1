"""One journey through the app in a real Chromium: upload, extract, review, merge, publish, see it."""

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from incidents.models import Incident, IncidentSource, Report
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"
REPORT = (
    "Roadside bomb kills two civilians west of Mosul\n\n"
    "MOSUL, March 15 - A roadside bomb exploded next to a minibus on a rural road west of Mosul on "
    "Saturday, killing two civilians and injuring four, a local official in Nineveh province said.\n"
)


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(base + "/accounts/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name=re.compile("Sign out")).click()
    expect(page.get_by_label("User name")).to_be_visible()


def test_an_uploaded_report_becomes_a_published_incident(page: Page, live_server, analyst, editor, tmp_path):
    base = live_server.url
    # The gazetteer entry the extractor places the event with, and the same bomb logged by hand
    # from a radio report an hour earlier: the duplicate the editor will merge.
    factories.LocationFactory(
        name="Mosul",
        admin1="Nineveh",
        latitude=36.335,
        longitude=43.119,
        population=1_739_800,
        geonames_id=99072,
    )
    by_hand = factories.IncidentFactory(
        event_date=dt.date(2026, 3, 15),
        sub_event_type="Remote explosive/landmine/IED",
        event_type="Explosions/Remote violence",
        location_name="Mosul",
        admin1="Nineveh",
        latitude=36.34,
        longitude=43.12,
        fatalities=None,
        injured=None,
        notes="Radio: a bomb hit a minibus near Mosul.",
    )
    IncidentSource.objects.create(incident=by_hand, source=factories.SourceFactory(name="Radio Nineveh"))

    # 1. The analyst uploads the report and waits for its drafts.
    sign_in(page, base, "analyst")
    menu = page.get_by_role("navigation", name="Main")
    menu.get_by_role("link", name="Reports", exact=True).click()
    report_file = tmp_path / "mosul-roadside-bomb.txt"
    report_file.write_text(REPORT, encoding="utf-8")
    page.get_by_label("Report files").set_input_files(str(report_file))
    page.get_by_label("Publication date").fill("2026-03-15")
    page.get_by_label("Outlet").fill("Demo wire")
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("1 file received.")).to_be_visible()
    row = page.locator("tr.report-row").first
    expect(row.locator(".status")).to_have_text("Parsed", timeout=30_000)
    report = Report.objects.get()
    draft = Incident.objects.get(report=report)
    expect(row.locator("a.draft-link")).to_have_count(1)
    assert draft.fatalities == 2 and draft.location_name == "Mosul"
    sign_out(page)

    # 2. The editor opens the review queue (oldest first: the hand-logged one) and picks the draft.
    sign_in(page, base, "editor")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Review", exact=True).click()
    expect(page.locator("[data-queue-item]")).to_have_count(2)
    page.locator("tr", has_text="Roadside bomb kills two civilians").locator("[data-queue-item]").click()
    expect(page.get_by_role("heading", name=f"Review #{draft.pk}")).to_be_visible()

    # The evidence of each field is highlighted in the report text.
    evidence = page.locator("#report-text mark.ev-fatalities")
    expect(evidence).to_have_text("two")
    page.get_by_label("Fatalities").focus()
    expect(evidence).to_have_class(re.compile(r"\bactive\b"))

    # 3. One click merges the hand-logged duplicate into the draft: its source comes along.
    page.get_by_role("button", name=f"Merge #{by_hand.pk} into this draft").click()
    expect(page.get_by_text(f"Merged #{by_hand.pk} into #{draft.pk}.")).to_be_visible()
    by_hand.refresh_from_db()
    assert by_hand.status == Incident.Status.MERGED and by_hand.merged_into_id == draft.pk

    # 4. The editor corrects a field in place, then publishes with the keyboard shortcut.
    page.get_by_label("Admin2").fill("Mosul District")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text(re.compile(r"Saved version \d+\."))).to_be_visible()
    page.locator("body").click(position={"x": 5, "y": 5})  # focus out of the form: keys are shortcuts
    page.keyboard.press("p")
    expect(page.get_by_text(f"Published IRQ{draft.pk}.")).to_be_visible()
    draft.refresh_from_db()
    assert draft.status == Incident.Status.PUBLISHED and draft.admin2 == "Mosul District"
    assert {link.source.name for link in draft.source_links.all() if link.source} >= {"Radio Nineveh"}

    # 5. The incident is in the list, on the dashboard's map (with a popup), and in the API.
    page.goto(base + "/incidents/?status=published")
    expect(page.locator("table.incidents tbody tr")).to_have_count(1)
    expect(page.locator("table.incidents")).to_contain_text(f"IRQ{draft.pk}")
    page.goto(base + "/")
    marker = page.locator("#dashboard-map .leaflet-marker-icon")
    expect(marker).to_have_count(1)
    marker.click()
    expect(page.locator(".leaflet-popup-content")).to_contain_text(f"IRQ{draft.pk}")
    api = page.request.get(base + "/api/v1/incidents/")
    assert api.ok, api.status
    assert f"IRQ{draft.pk}" in api.text()
