"""The list builds its JSON from plain rows: it must say exactly what the detail says, field for field."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ErrorDetail
from rest_framework.renderers import JSONRenderer

from incidents import workflow
from incidents.api.renderers import FastJSONRenderer
from incidents.models import IncidentActor, IncidentSource, Report
from tests import factories
from tests.api.conftest import link_actor, make_incident

pytestmark = pytest.mark.django_db

Role = IncidentActor.Role


@pytest.fixture
def varied(editor):
    """Incidents that exercise every field: links in every role, a source through a report, nulls."""
    army = factories.ActorFactory(name="Military Forces of Iraq (2022-)", actor_type=1)
    rebels = factories.ActorFactory(name="Islamic State (Iraq)", actor_type=2)
    civilians = factories.ActorFactory(name="Civilians (Iraq)", actor_type=7)
    reuters = factories.SourceFactory(name="Reuters", source_scale="International")
    local = factories.SourceFactory(name="Shafaq News", source_scale="National")
    report = Report.objects.create(
        original_name="r.txt", size=1, sha256="a" * 64, source=local, text="Clashes near Mosul."
    )
    full = make_incident(
        status="published",
        editor=editor,
        outlet=reuters,
        event_date=dt.date(2024, 3, 2),
        date_end=dt.date(2024, 3, 4),
        admin2="Mosul",
        admin3="Mosul city",
        location_name="Mosul",
        latitude=36.335,
        longitude=43.1189,
        fatalities=None,
        fatalities_low=2,
        fatalities_high=9,
        injured=None,
        notes="Clashes near Mosul — “several” killed.\u2028New line.",
        tags=["armed clash", "ça"],
    )
    link_actor(full, army, Role.ACTOR1)
    link_actor(full, rebels, Role.ACTOR2)
    link_actor(full, civilians, Role.ASSOC_ACTOR2)
    IncidentActor.objects.filter(incident=full, actor=rebels).update(mention="the militants")
    IncidentSource.objects.create(incident=full, report=report, url="", excerpt="Clashes near Mosul.")
    IncidentSource.objects.create(incident=full, url="https://example.org/no-outlet")
    bare = make_incident(status="published", editor=editor, country_iso="SY", latitude=None, longitude=None)
    draft = make_incident(editor=editor, notes="A draft.")
    retracted = make_incident(status="retracted", editor=editor)
    kept = make_incident(status="published", editor=editor, event_date=dt.date(2023, 1, 1))
    duplicate = make_incident(status="published", editor=editor, event_date=dt.date(2023, 1, 2))
    workflow.merge(duplicate, into=kept, editor=editor)
    return [full, bare, draft, retracted, kept, duplicate]


def _list(client, query=""):
    response = client.get(f"/api/v1/incidents/?page_size=50{query}")
    assert response.status_code == 200
    return response.json()["results"]


@pytest.mark.parametrize("who", ["api_client", "editor"])
@pytest.mark.parametrize("query", ["", "&updated_since=2000-01-01T00:00:00Z"])
def test_every_listed_incident_reads_as_its_detail(clients, varied, who, query):
    client = clients[who]
    listed = _list(client, query)
    assert len(listed) >= 3  # published ones for everyone; more for editors and in sync order
    for row in listed:
        assert row == client.get(f"/api/v1/incidents/{row['id']}/").json()


def test_a_listed_incident_has_every_field_as_before(client_api, varied):
    full = varied[0]
    full.refresh_from_db()
    row = next(row for row in _list(client_api) if row["id"] == full.pk)
    assert row == {
        "id": full.pk,
        "public_id": full.public_id,
        "status": "published",
        "event_date": "2024-03-02",
        "date_end": "2024-03-04",
        "time_precision": full.time_precision,
        "disorder_type": full.disorder_type,
        "event_type": full.event_type,
        "sub_event_type": "Armed clash",
        "civilian_targeting": False,
        "country_iso": "IQ",
        "country": "Iraq",
        "region": "Middle East",
        "admin1": "Baghdad",
        "admin2": "Mosul",
        "admin3": "Mosul city",
        "location_name": "Mosul",
        "location": None,
        "latitude": 36.335,
        "longitude": 43.1189,
        "geo_precision": full.geo_precision,
        "fatalities": None,
        "fatalities_low": 2,
        "fatalities_high": 9,
        "injured": None,
        "notes": "Clashes near Mosul — “several” killed.\u2028New line.",
        "tags": ["armed clash", "ça"],
        "actors": [
            _actor(full, Role.ACTOR1, "Military Forces of Iraq (2022-)", 1, ""),
            _actor(full, Role.ACTOR2, "Islamic State (Iraq)", 2, "the militants"),
            _actor(full, Role.ASSOC_ACTOR2, "Civilians (Iraq)", 7, ""),
        ],
        "sources": [
            {"name": "Reuters", "source_scale": "International", "url": "https://example.org/a"},
            {"name": "Shafaq News", "source_scale": "National", "url": ""},
            {"name": None, "source_scale": "", "url": "https://example.org/no-outlet"},
        ],
        "merged_into": None,
        "version": full.version,
        "published_at": full.published_at.isoformat().replace("+00:00", "Z"),
        "updated_at": full.updated_at.isoformat().replace("+00:00", "Z"),
    }


def _actor(incident, role, name, actor_type, mention) -> dict:
    actor_id = IncidentActor.objects.get(incident=incident, role=role).actor_id
    return {"id": actor_id, "name": name, "actor_type": actor_type, "role": role.value, "mention": mention}


def test_staff_see_review_fields_and_report_excerpts_in_the_list(editor_api, varied):
    full = varied[0]
    row = next(row for row in _list(editor_api) if row["id"] == full.pk)
    assert row["origin"] == full.origin
    assert row["rejection_reason"] == ""
    assert row["sources"][1] == {
        "name": "Shafaq News",
        "source_scale": "National",
        "url": "",
        "report": Report.objects.get().pk,
        "excerpt": "Clashes near Mosul.",
    }


def test_sync_lists_retracted_and_merged_incidents_as_tombstones_for_clients(client_api, varied):
    retracted, kept, duplicate = varied[3], varied[4], varied[5]
    rows = {row["id"]: row for row in _list(client_api, "&updated_since=2000-01-01T00:00:00Z")}
    assert set(rows[retracted.pk]) == {"id", "public_id", "status", "updated_at", "merged_into"}
    assert rows[retracted.pk]["status"] == "retracted"
    assert rows[duplicate.pk]["status"] == "merged"
    assert rows[duplicate.pk]["merged_into"] == kept.pk
    assert varied[2].pk not in rows  # the draft


def test_the_list_is_written_byte_for_byte_as_drf_would(client_api, varied):
    response = client_api.get("/api/v1/incidents/?page_size=50")
    assert b"\\u2028" in response.content  # the notes' line separator, escaped as DRF does
    assert response.content == JSONRenderer().render(response.json())


def test_the_fast_renderer_writes_what_drfs_renderer_writes():
    data = {
        "text": "ça “quoted” \u2028 \u2029 </script>",
        "error": ErrorDetail("bad", code="invalid"),
        "lazy": gettext_lazy("Invalid input."),
        "numbers": [0, -1, 2**40, 36.335, 0.1, -0.0001, 1.5e300, 1e16, True, None],
        "when": dt.datetime(2024, 3, 2, 10, 11, 12, 345678, tzinfo=dt.UTC),
        "day": dt.date(2024, 3, 2),
        "amount": Decimal("1.50"),
        7: "an int key",
        "nested": [{"a": ()}],
        "huge": 2**70,  # beyond orjson: falls back to DRF
    }
    assert FastJSONRenderer().render(data) == JSONRenderer().render(data)
    del data["huge"]
    assert FastJSONRenderer().render(data) == JSONRenderer().render(data)


def test_the_fast_renderer_may_write_tiny_floats_in_another_form_but_the_same_number():
    tiny = [1e-07, 5e-05, -3.2e-06]
    fast, drf = FastJSONRenderer().render(tiny), JSONRenderer().render(tiny)
    assert fast != drf  # 1e-7 against 1e-07
    assert json.loads(fast) == json.loads(drf) == tiny
