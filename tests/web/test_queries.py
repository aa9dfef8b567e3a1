"""Pages read a fixed number of rows' worth of queries, whatever the page size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from incidents import workflow
from incidents.models import IncidentActor, IncidentSource
from tests import factories

pytestmark = pytest.mark.django_db


def make_incidents(n, *, editor, place, status="published"):
    actor1 = factories.ActorFactory(name="Group A")
    actor2 = factories.ActorFactory(name="Group B")
    source = factories.SourceFactory(name="Wire")
    for _ in range(n):
        incident = factories.IncidentFactory(location=place)
        IncidentActor.objects.create(incident=incident, actor=actor1, role="actor1")
        IncidentActor.objects.create(incident=incident, actor=actor2, role="actor2")
        IncidentSource.objects.create(incident=incident, source=source)
        if status == "published":
            workflow.publish(incident, editor=editor)


def count_queries(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


def page_urls(place):
    actor = factories.ActorFactory(name="Group A")
    return [
        (reverse("incidents:dashboard"), None),
        (reverse("incidents:incident-list"), {"per_page": 50}),
        (reverse("incidents:review-queue"), {"per_page": 50}),
        (reverse("incidents:actor-list"), None),
        (reverse("incidents:actor-detail", args=[actor.pk]), None),
        (reverse("incidents:place-list"), None),
        (reverse("incidents:place-detail", args=[place.pk]), None),
        (reverse("incidents:report-upload"), None),
    ]


@pytest.mark.parametrize("status", ["published", "draft"])
def test_pages_make_the_same_number_of_queries_for_5_and_50_rows(editor_client, editor, status):
    place = factories.LocationFactory()
    make_incidents(5, editor=editor, place=place, status=status)
    few = {url: count_queries(editor_client, url, params) for url, params in page_urls(place)}
    make_incidents(45, editor=editor, place=place, status=status)
    many = {url: count_queries(editor_client, url, params) for url, params in page_urls(place)}
    assert many == few


def test_the_report_list_queries_do_not_grow_with_reports(editor_client, analyst, place):
    from django.core.files.base import ContentFile

    def upload(n, start):
        for i in range(start, start + n):
            workflow.receive_report(ContentFile(f"report {i}".encode(), name=f"{i}.txt"), user=analyst)

    upload(3, 0)
    few = count_queries(editor_client, reverse("incidents:report-upload"))
    upload(20, 3)
    assert count_queries(editor_client, reverse("incidents:report-upload")) == few


def test_the_incident_page_queries_do_not_grow_with_history(editor_client, editor, analyst):
    incident = factories.IncidentFactory()
    url = reverse("incidents:incident-detail", args=[incident.pk])
    workflow.update_incident(incident, {"fatalities": 1}, editor=analyst, expected_version=1)
    few = count_queries(editor_client, url)
    for version in range(2, 12):
        workflow.update_incident(incident, {"fatalities": version}, editor=analyst, expected_version=version)
    assert count_queries(editor_client, url) == few
