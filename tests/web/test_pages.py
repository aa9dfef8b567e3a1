"""What the pages show: filters, export link, highlighted evidence, review queue, autocomplete."""

import datetime as dt

import pytest
from django.urls import reverse

from incidents import views, workflow
from incidents.models import IncidentSource, Report
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_dashboard_counts_charts_and_maps_published_incidents(editor_client, draft, published):
    response = editor_client.get(reverse("incidents:dashboard"))
    counts = {value: n for _label, n, value in response.context["status_counts"]}
    assert counts["draft"] == 1 and counts["published"] == 1
    assert response.context["queue_length"] == 1
    charts = response.context["charts"]
    assert charts["weekly"]["incidents"] == [1]
    assert charts["byType"]["labels"] == ["Violence against civilians"]
    assert [p["id"] for p in response.context["map_points"]] == [published.pk]
    body = response.content.decode()
    assert 'id="dashboard-map-data"' in body and "vendor/leaflet/leaflet.js" in body
    assert "vendor/chartjs/chart.umd.min.js" in body and "htmx" in body
    assert "cdn" not in body.lower() and "unpkg" not in body.lower()


def test_the_dashboard_filters_by_country_and_dates(editor_client, published):
    response = editor_client.get(reverse("incidents:dashboard"), {"country": "SY"})
    assert response.context["map_points"] == []
    response = editor_client.get(reverse("incidents:dashboard"), {"date_from": "2026-03-06", "country": "IQ"})
    assert len(response.context["map_points"]) == 1


def test_weeks_without_incidents_are_charted_as_zero(editor_client, editor):
    for day in (dt.date(2026, 1, 5), dt.date(2026, 1, 26)):
        workflow.publish(factories.IncidentFactory(event_date=day, fatalities=2), editor=editor)
    weekly = editor_client.get(reverse("incidents:dashboard")).context["charts"]["weekly"]
    assert weekly["labels"] == ["2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26"]
    assert weekly["incidents"] == [1, 0, 0, 1] and weekly["fatalities"] == [2, 0, 0, 2]


def test_my_drafts_lists_drafts_from_my_uploads(analyst_client, draft):
    response = analyst_client.get(reverse("incidents:dashboard"))
    assert list(response.context["my_drafts"]) == [draft]


@pytest.mark.parametrize(
    "params,expected",
    [
        ({}, {"draft", "published"}),
        ({"status": "published"}, {"published"}),
        ({"country": "SY"}, set()),
        ({"admin1": "Kirkuk"}, {"draft", "published"}),
        ({"admin1": "kirk"}, set()),
        ({"event_type": "Battles"}, set()),
        ({"sub_event_type": "Attack"}, {"draft", "published"}),
        ({"date_from": "2026-03-07"}, {"draft"}),
        ({"date_to": "2026-03-06"}, {"published"}),
        ({"min_fatalities": "33"}, set()),
        ({"actor": "armed group (iraq)"}, {"draft"}),
        ({"q": "kirk"}, {"draft", "published"}),
    ],
)
def test_the_list_filters(editor_client, draft, published, params, expected):
    response = editor_client.get(reverse("incidents:incident-list"), params)
    assert {incident.status for incident in response.context["incidents"]} == expected


def test_the_list_sorts_and_links_the_export_with_the_same_filters(editor_client, draft, published):
    response = editor_client.get(
        reverse("incidents:incident-list"), {"country": "IQ", "sort": "event_date", "q": "x", "page": "1"}
    )
    assert [i.pk for i in response.context["incidents"]] == []  # q=x matches nothing
    response = editor_client.get(reverse("incidents:incident-list"), {"country": "IQ", "sort": "event_date"})
    assert [i.pk for i in response.context["incidents"]] == [published.pk, draft.pk]
    assert response.context["export_url"] == "/datasets/export.csv?format=acled&country=IQ"
    assert 'href="/datasets/export.csv?format=acled&amp;country=IQ"' in response.content.decode()


def test_the_list_paginates(editor_client):
    factories.IncidentFactory.create_batch(12)
    response = editor_client.get(reverse("incidents:incident-list"), {"per_page": 10, "page": 2})
    assert len(response.context["incidents"]) == 2
    assert response.context["page"].paginator.num_pages == 2


def test_the_incident_page_shows_every_field_actors_sources_and_a_pin(editor_client, draft):
    response = editor_client.get(reverse("incidents:incident-detail", args=[draft.pk]))
    body = response.content.decode()
    for label in ("Event date", "Sub-event type", "Admin1", "Geo precision", "Fatalities", "Version"):
        assert label in body
    assert "Unidentified Armed Group (Iraq)" in body and "Civilians (Iraq)" in body
    assert "Actor 1:" in body and "“Gunmen”" in body
    assert reverse("incidents:report-detail", args=[draft.report_id]) in body
    assert "Gunmen killed three civilians" in body  # the excerpt
    assert response.context["map_points"][0]["lat"] == 35.47


def test_highlight_escapes_everything_and_handles_overlaps():
    text = "<b>x</b> Gunmen & three"
    spans = [
        {"field": "actor1", "start": 9, "end": 15},
        {"field": "fatalities", "start": 12, "end": 24},  # overlaps the first, runs past the end
        {"field": "bad", "start": "nope", "end": 3},
    ]
    html = str(views.highlight(text, spans))
    assert html.startswith("&lt;b&gt;x&lt;/b&gt; ")
    assert '<mark class="ev ev-actor1" title="actor1">Gun</mark>' in html
    assert '<mark class="ev ev-actor1 ev-fatalities" title="actor1, fatalities">men</mark>' in html
    assert '<mark class="ev ev-fatalities" title="fatalities"> &amp; three</mark>' in html
    assert "<b>" not in html


def test_the_report_page_highlights_the_evidence_and_keeps_right_to_left_text(editor_client, analyst):
    text = "قتل ثلاثة مدنيين في كركوك <script>alert(1)</script>"
    report = Report.objects.create(
        file="x", original_name="ar.txt", size=1, sha256="a" * 64, text=text, status="parsed", language="ar"
    )
    incident = factories.IncidentFactory(report=report, position=0)
    start = text.index("ثلاثة")
    IncidentSource.objects.create(
        incident=incident, report=report, evidence=[{"field": "fatalities", "start": start, "end": start + 5}]
    )
    body = editor_client.get(reverse("incidents:report-detail", args=[report.pk])).content.decode()
    assert 'dir="auto"' in body
    assert f'<mark class="ev ev-fatalities ev-incident-{incident.pk}" title="fatalities">ثلاثة</mark>' in body
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_the_review_queue_is_oldest_first(editor_client, draft, duplicate):
    response = editor_client.get(reverse("incidents:review-queue"))
    assert [i.pk for i in response.context["drafts"]] == [draft.pk, duplicate.pk]


def test_the_review_page_shows_this_drafts_spans_and_duplicates(editor_client, draft, duplicate):
    response = editor_client.get(reverse("incidents:review", args=[draft.pk]))
    body = response.content.decode()
    assert '<mark class="ev ev-fatalities" title="fatalities">three</mark>' in body
    assert response.context["evidence_fields"] == ["actor1", "fatalities", "location"]
    assert [c["other"] for c in response.context["candidates"]] == [duplicate]
    assert reverse("incidents:incident-merge", args=[duplicate.pk]) in body
    assert 'id="publish-form"' in body and 'id="reject-form"' in body
    assert response.context["next"] == duplicate and response.context["previous"] is None
    assert 'data-key="j"' in body and "js/review.js" in body


def test_publishing_from_the_review_goes_on_to_the_next_draft(editor_client, draft, duplicate):
    response = editor_client.post(reverse("incidents:incident-publish", args=[draft.pk]), {"then": "next"})
    assert response["Location"] == reverse("incidents:review", args=[duplicate.pk])


def test_actor_pages_search_by_alias_and_list_incidents(editor_client, draft):
    actor = draft.actor1
    actor.aliases.create(name="Gunmen of Kirkuk")
    response = editor_client.get(reverse("incidents:actor-list"), {"q": "gunmen of"})
    assert [a.pk for a in response.context["actors"]] == [actor.pk]
    response = editor_client.get(reverse("incidents:actor-detail", args=[actor.pk]))
    assert [i.pk for i in response.context["incidents"]] == [draft.pk]
    assert "Gunmen of Kirkuk" in response.content.decode()


def test_place_pages_search_the_gazetteer_by_prefix_largest_first(editor_client, draft):
    factories.LocationFactory(name="Kirkuk Village", population=100)
    response = editor_client.get(reverse("incidents:place-list"), {"q": "kirk"})
    assert [p.name for p in response.context["places"]] == ["Kirkuk", "Kirkuk Village"]
    response = editor_client.get(reverse("incidents:place-list"))
    assert [p.name for p in response.context["places"]] == ["Kirkuk"]  # only places with incidents
    response = editor_client.get(reverse("incidents:place-detail", args=[draft.location_id]))
    assert [i.pk for i in response.context["incidents"]] == [draft.pk]


def test_actor_autocomplete_finds_exact_aliases_first_then_names_containing_the_text(editor_client):
    army = factories.ActorFactory(name="Military Forces of Iraq", actor_type=1)
    army.aliases.create(name="ISF")
    factories.ActorFactory(name="Islamic State (Iraq)")
    factories.ActorFactory(name="Harakat ISF Supporters")
    results = editor_client.get(reverse("incidents:actor-autocomplete"), {"q": "isf"}).json()["results"]
    assert [r["name"] for r in results] == ["Military Forces of Iraq", "Harakat ISF Supporters"]
    assert results[0]["type"] == "State forces"


def test_place_autocomplete_searches_name_prefix_ordered_by_population(editor_client):
    factories.LocationFactory(name="Basrah", population=2_000_000, latitude=30.5, longitude=47.8)
    factories.LocationFactory(name="Basra Village", population=300)
    factories.LocationFactory(name="Old Basra", population=5_000_000)
    results = editor_client.get(reverse("incidents:place-autocomplete"), {"q": "bas"}).json()["results"]
    assert [r["name"] for r in results] == ["Basrah", "Basra Village"]
    assert results[0]["lat"] == 30.5 and results[0]["country"] == "IQ"
    assert editor_client.get(reverse("incidents:place-autocomplete"), {"q": "b"}).json() == {"results": []}


def test_a_duplicate_pair_shows_on_the_review_of_either_incident(editor_client, draft, duplicate):
    response = editor_client.get(reverse("incidents:review", args=[duplicate.pk]))
    assert [c["other"] for c in response.context["candidates"]] == [draft]


def test_rejecting_without_a_reason_returns_to_the_review(editor_client, draft):
    url = reverse("incidents:review", args=[draft.pk])
    response = editor_client.post(
        reverse("incidents:incident-reject", args=[draft.pk]), {"reason": "", "then": "next", "next": url}
    )
    assert response["Location"] == url


def test_the_export_link_is_offered_to_those_who_may_export(analyst_client, editor_client):
    url = reverse("incidents:incident-list")
    assert "/datasets/export.csv" in editor_client.get(url).content.decode()
    assert "/datasets/export.csv" not in analyst_client.get(url).content.decode()


def test_the_export_link_downloads_the_listed_incidents(editor_client, draft, published):
    listed = editor_client.get(reverse("incidents:incident-list"), {"status": "published", "country": "IQ"})
    response = editor_client.get(listed.context["export_url"])
    assert response.status_code == 200
    csv = b"".join(response.streaming_content).decode()
    assert published.public_id in csv and f"CT{draft.pk}" not in csv
