"""Full-text search (`?q=`) on PostgreSQL: the right rows, through migration 0004's GIN index."""

import pytest
from django.db import connection

from incidents.api.filters import IncidentFilter
from incidents.models import Incident
from tests.api.conftest import make_incident

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_text_search_finds_words_in_notes_and_place_names_in_websearch_syntax(client_api):
    car_bomb = make_incident(status="published", notes="A car bomb exploded near the market.")
    drone = make_incident(status="published", notes="A car bomb and a drone strike.")
    in_mosul = make_incident(status="published", notes="Shelling.", location_name="Mosul")
    make_incident(status="draft", notes="A car bomb in a draft.")

    def ids(q):
        response = client_api.get("/api/v1/incidents/", {"q": q})
        assert response.status_code == 200
        return {row["id"] for row in response.json()["results"]}

    assert ids("car bombs") == {car_bomb.pk, drone.pk}  # stemmed, drafts unseen
    assert ids('"car bomb" -drone') == {car_bomb.pk}
    assert ids("mosul") == {in_mosul.pk}


def test_text_search_can_use_the_gin_index():
    queryset = IncidentFilter({"q": "car bomb"}, queryset=Incident.objects.all()).qs
    with connection.cursor() as cursor:
        # An empty test table is cheapest to scan; forbid that to see whether the index matches at all.
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.order_by().explain()
    assert "incident_search_gin" in plan
