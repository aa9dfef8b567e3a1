"""Incident endpoints: pages, sync, filters, writes through the workflow, formats, errors, caching."""

import csv
import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from incidents import workflow
from incidents.datasets.acled import ACLED_COLUMNS, incident_to_acled_row
from incidents.models import ApiToken, Incident, IncidentActor, IncidentSource
from tests import factories
from tests.api.conftest import link_actor, make_incident, token_client

pytestmark = pytest.mark.django_db


def _bulk_published(n, *, actor, outlet):
    """n published incidents with an actor and a source each, made quickly (no history needed)."""
    rows = Incident.objects.bulk_create(
        Incident(
            status=Incident.Status.PUBLISHED,
            public_id=f"IRQ-B{i}",
            event_date=dt.date(2024, 1, 1) + dt.timedelta(days=i % 300),
            event_type="Battles",
            sub_event_type="Armed clash",
            disorder_type="Political violence",
            country_iso="IQ",
            fatalities=i % 7,
        )
        for i in range(n)
    )
    IncidentActor.objects.bulk_create(IncidentActor(incident=row, actor=actor, role="actor1") for row in rows)
    IncidentSource.objects.bulk_create(IncidentSource(incident=row, source=outlet) for row in rows)
    return rows


# --- pages -------------------------------------------------------------------------------------


def test_a_page_of_1000_runs_as_many_queries_as_a_page_of_10(client_api):
    _bulk_published(1000, actor=factories.ActorFactory(), outlet=factories.SourceFactory())
    client_api.get("/api/v1/incidents/?page_size=1")  # the token's last_used_at is written once, here
    counts = {}
    for size in (10, 1000):
        with CaptureQueriesContext(connection) as queries:
            response = client_api.get(f"/api/v1/incidents/?page_size={size}")
        assert len(response.json()["results"]) == size
        counts[size] = len(queries)
    assert counts[10] == counts[1000]
    assert counts[10] <= 5  # token, the role's permissions, the page, its actors, its sources


def test_cursor_pages_walk_every_row_once_in_order_across_equal_dates(client_api):
    rows = _bulk_published(250, actor=factories.ActorFactory(), outlet=factories.SourceFactory())
    # 250 rows on 10 dates: many ties on event_date, which the (event_date, id) cursor must split.
    Incident.objects.filter(pk__in=[r.pk for r in rows]).update(event_date=dt.date(2024, 5, 1))
    Incident.objects.filter(pk__in=[r.pk for r in rows[:100]]).update(event_date=dt.date(2024, 5, 2))
    seen, url = [], "/api/v1/incidents/?page_size=33"
    while url:
        page = client_api.get(url).json()
        seen += [(row["event_date"], row["id"]) for row in page["results"]]
        url = page["next"]
    assert len(seen) == 250 and len(set(seen)) == 250
    assert seen == sorted(seen, key=lambda key: (key[0], key[1]), reverse=True)


def test_page_size_and_cursor_are_validated(client_api):
    for query in ("page_size=0", "page_size=5001", "page_size=ten", "cursor=garbage"):
        response = client_api.get(f"/api/v1/incidents/?{query}")
        assert response.status_code == 400, query
        assert response.json()["code"] == "invalid"
    assert client_api.get("/api/v1/incidents/?page_size=5000").status_code == 200


# --- sync --------------------------------------------------------------------------------------


def _sync(client, mirror: dict, since: str | None) -> str | None:
    """The docs/api.md client loop: apply every change since `since`; return the new high-water mark."""
    url = f"/api/v1/incidents/?updated_since={since or '1970-01-01T00:00:00Z'}&page_size=2"
    assert since is None or since.endswith("Z")  # UTC as "Z": nothing to escape in the query string
    high = since
    while url:
        page = client.get(url).json()
        for row in page["results"]:
            if row["status"] in ("retracted", "merged"):
                mirror.pop(row["id"], None)
            else:
                mirror[row["id"]] = row
            high = row["updated_at"]
        url = page["next"]
    return high


def _published_now(client) -> dict:
    rows, url = {}, "/api/v1/incidents/?page_size=5000"
    while url:
        page = client.get(url).json()
        rows.update({row["id"]: row for row in page["results"]})
        url = page["next"]
    return rows


def test_a_sync_loop_mirrors_creations_edits_retractions_and_merges_exactly(client_api, editor):
    a = make_incident(status="published", editor=editor, notes="a")
    b = make_incident(status="published", editor=editor, notes="b")
    c = make_incident(status="published", editor=editor, notes="c")
    d = make_incident(status="published", editor=editor, notes="d")
    mirror: dict = {}
    since = _sync(client_api, mirror, None)
    assert mirror == _published_now(client_api) and len(mirror) == 4

    e = make_incident(status="published", editor=editor, notes="e")  # created
    make_incident(editor=editor, notes="a draft: not for mirrors")
    workflow.update_incident(a, {"fatalities": 40}, editor=editor, expected_version=a.version)  # edited
    workflow.retract(b, editor=editor, reason="false report")  # retracted
    workflow.merge(c, into=d, editor=editor)  # merged away; d changes too
    since = _sync(client_api, mirror, since)

    assert mirror == _published_now(client_api)
    assert set(mirror) == {a.pk, d.pk, e.pk}
    assert mirror[a.pk]["fatalities"] == 40
    # A second sync with nothing new changes nothing.
    before = json.dumps(mirror, sort_keys=True)
    _sync(client_api, mirror, since)
    assert json.dumps(mirror, sort_keys=True) == before


def test_a_merged_away_incident_is_a_tombstone_naming_the_one_kept(client_api, editor):
    kept = make_incident(status="published", editor=editor)
    gone = make_incident(status="published", editor=editor)
    workflow.merge(gone, into=kept, editor=editor)
    tombstone = client_api.get(f"/api/v1/incidents/{gone.pk}/").json()
    assert tombstone == {
        "id": gone.pk,
        "public_id": gone.public_id,
        "status": "merged",
        "updated_at": tombstone["updated_at"],
        "merged_into": kept.pk,
    }


# --- filters -----------------------------------------------------------------------------------


@pytest.fixture
def spread(editor):
    isis = factories.ActorFactory(name="Islamic State", actor_type=2)
    police = factories.ActorFactory(name="Police Forces of Syria", actor_type=1)
    iq = make_incident(status="published", editor=editor, fatalities=10, notes="Car bomb at a market")
    link_actor(iq, isis)
    sy = make_incident(
        status="published",
        editor=editor,
        country_iso="SY",
        admin1="Aleppo",
        location_name="Aleppo",
        latitude=36.2,
        longitude=37.15,
        event_date=dt.date(2023, 6, 1),
        sub_event_type="Peaceful protest",
        fatalities=0,
        notes="Protesters gathered",
    )
    link_actor(sy, police, role="actor2")
    return {"iq": iq.pk, "sy": sy.pk, "isis": isis.pk}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=IQ", {"iq"}),
        ("country=IRQ", {"iq"}),
        ("country=syria", {"sy"}),
        ("admin1=aleppo", {"sy"}),
        ("event_date_from=2024-01-01", {"iq"}),
        ("event_date_to=2023-12-31", {"sy"}),
        ("event_type=Protests", {"sy"}),
        ("sub_event_type=Armed clash", {"iq"}),
        ("actor=islamic state", {"iq"}),
        ("actor=Police Forces of Syria", {"sy"}),
        ("actor=Nobody Of That Name", set()),
        ("fatalities_min=1", {"iq"}),
        ("fatalities_max=0", {"sy"}),
        ("bbox=35,35,40,37", {"sy"}),
        ("q=market", {"iq"}),
        ("updated_since=2000-01-01T00:00:00Z", {"iq", "sy"}),
        ("updated_since=2999-01-01T00:00:00Z", set()),
    ],
)
def test_filters(client_api, spread, query, expected):
    response = client_api.get(f"/api/v1/incidents/?{query}")
    assert response.status_code == 200, response.json()
    assert {row["id"] for row in response.json()["results"]} == {spread[key] for key in expected}


def test_actor_filter_takes_an_id(client_api, spread):
    rows = client_api.get(f"/api/v1/incidents/?actor={spread['isis']}").json()["results"]
    assert [row["id"] for row in rows] == [spread["iq"]]


@pytest.mark.parametrize("query", ["country=Atlantis", "bbox=1,2,3", "bbox=10,0,5,1", "event_date_from=soon"])
def test_bad_filters_answer_400_with_the_field(client_api, query):
    response = client_api.get(f"/api/v1/incidents/?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.json()["errors"]


# --- writes ------------------------------------------------------------------------------------


def test_an_analyst_creates_a_draft_and_an_editor_publishes_it(analyst, editor_api):
    actor = factories.ActorFactory(name="Islamic State")
    body = {
        "event_date": "2024-03-02",
        "sub_event_type": "Suicide bomb",
        "country_iso": "IRQ",
        "fatalities": 12,
        "actors": [{"actor": actor.pk, "role": "actor1", "mention": "IS militants"}],
    }
    created = token_client(analyst).post("/api/v1/incidents/", body, format="json")
    assert created.status_code == 201, created.json()
    data = created.json()
    assert (data["status"], data["event_type"], data["country_iso"]) == (
        "draft",
        "Explosions/Remote violence",
        "IQ",
    )
    assert data["actors"][0]["name"] == "Islamic State"
    published = editor_api.post(f"/api/v1/incidents/{data['id']}/publish/").json()
    assert published["status"] == "published" and published["public_id"] == f"IRQ{data['id']}"
    history = editor_api.get(f"/api/v1/incidents/{data['id']}/history/").json()
    assert [entry["history_change_reason"] for entry in history][:2] == ["published", "created"]


def test_an_edit_based_on_a_stale_version_answers_409(analyst, editor):
    incident = make_incident(editor=editor)
    client = token_client(analyst)
    url = f"/api/v1/incidents/{incident.pk}/"
    first = client.patch(url, {"version": incident.version, "fatalities": 5}, format="json")
    assert first.status_code == 200 and first.json()["version"] == incident.version + 1
    stale = client.patch(url, {"version": incident.version, "fatalities": 6}, format="json")
    assert stale.status_code == 409
    assert stale.json()["code"] == "stale_version"
    assert Incident.objects.get(pk=incident.pk).fatalities == 5


def test_invalid_input_answers_400_with_field_errors(analyst):
    response = token_client(analyst).post(
        "/api/v1/incidents/",
        {"event_date": "2024-03-02", "sub_event_type": "Nonsense", "country_iso": "IQ", "fatalities": -1},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"sub_event_type", "fatalities"}


def test_model_rules_answer_400_too(analyst):
    body = {
        "event_date": "2024-03-02",
        "date_end": "2024-03-01",
        "sub_event_type": "Attack",
        "country_iso": "IQ",
    }
    response = token_client(analyst).post("/api/v1/incidents/", body, format="json")
    assert response.status_code == 400
    assert "date_end" in response.json()["errors"]


def test_an_impossible_transition_answers_409(editor_api, editor):
    incident = make_incident(status="published", editor=editor)
    response = editor_api.post(f"/api/v1/incidents/{incident.pk}/publish/")
    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition"


# --- formats -----------------------------------------------------------------------------------


def test_csv_export_round_trips_through_the_csv_module(client_api, editor):
    actor1 = factories.ActorFactory(name="Military Forces of Iraq (2022-)", actor_type=1)
    actor2 = factories.ActorFactory(name='Civilians "Iraq"', actor_type=7)
    awkward = 'Shells hit a school, a market and "the old bridge";\nthree dead — ثلاثة قتلى.'
    incident = make_incident(status="published", editor=editor, notes=awkward, tags=["crowd size=no report"])
    link_actor(incident, actor1)
    link_actor(incident, actor2, role="actor2")
    make_incident(status="published", editor=editor, fatalities=None, latitude=None, longitude=None)
    response = client_api.get("/api/v1/incidents/?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    reader = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    assert tuple(reader.fieldnames) == ACLED_COLUMNS
    rows = {row["event_id_cnty"]: row for row in reader}
    expected = incident_to_acled_row(Incident.objects.with_related().get(pk=incident.pk))
    assert rows[incident.public_id] == {k: "" if v is None else str(v) for k, v in expected.items()}
    assert rows[incident.public_id]["notes"] == awkward
    assert rows[incident.public_id]["interaction"] == "17"
    assert rows[incident.public_id]["iso"] == "368"


def test_geojson_export_is_a_feature_collection(client_api, editor):
    incident = make_incident(status="published", editor=editor)
    response = client_api.get("/api/v1/incidents/", HTTP_ACCEPT="application/geo+json")
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(b"".join(response.streaming_content))
    assert data["type"] == "FeatureCollection"
    [feature] = data["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [44.40, 33.34]}
    assert feature["properties"]["event_id_cnty"] == incident.public_id


def test_exports_stream_in_chunks_without_loading_the_queryset(client_api, monkeypatch):
    from incidents.api import renderers

    _bulk_published(25, actor=factories.ActorFactory(), outlet=factories.SourceFactory())
    monkeypatch.setattr(renderers, "CHUNK_SIZE", 10)
    monkeypatch.setattr(renderers.stream_csv, "__defaults__", (10,))
    response = client_api.get("/api/v1/incidents/?format=csv")
    chunks = list(response.streaming_content)
    assert len(chunks) == 3  # 10, 10 and 5 rows; the header rides with the first
    assert sum(chunk.count(b"\r\n") for chunk in chunks) == 26


def test_an_unknown_format_is_not_found_and_errors_in_a_csv_request_are_json(client_api):
    assert client_api.get("/api/v1/incidents/?format=xml").status_code == 404
    response = client_api.get("/api/v1/incidents/?format=csv&country=Atlantis")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["errors"]["country"]


# --- HTTP caching, auth, throttling -------------------------------------------------------------


def test_list_and_detail_answer_304_to_a_matching_etag(client_api, editor):
    incident = make_incident(status="published", editor=editor)
    for url in ("/api/v1/incidents/", f"/api/v1/incidents/{incident.pk}/"):
        first = client_api.get(url)
        assert first.status_code == 200
        again = client_api.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304 and again.content == b""
    detail = client_api.get(f"/api/v1/incidents/{incident.pk}/")
    assert (
        client_api.get(
            f"/api/v1/incidents/{incident.pk}/", HTTP_IF_MODIFIED_SINCE=detail["Last-Modified"]
        ).status_code
        == 304
    )
    workflow.update_incident(incident, {"fatalities": 9}, editor=editor, expected_version=incident.version)
    assert (
        client_api.get(f"/api/v1/incidents/{incident.pk}/", HTTP_IF_NONE_MATCH=detail["ETag"]).status_code
        == 200
    )


def test_bearer_tokens_work_and_revoked_expired_or_wrong_ones_answer_401(api_client_user):
    from django.utils import timezone
    from rest_framework.test import APIClient

    token, key = ApiToken.issue(api_client_user, "dashboard")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert client.get("/api/v1/incidents/").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}x")
    assert client.get("/api/v1/incidents/").status_code == 401
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/incidents/").status_code == 401
    _, other = ApiToken.issue(api_client_user, "old", expires_at=timezone.now() - dt.timedelta(days=1))
    client.credentials(HTTP_AUTHORIZATION=f"Token {other}")
    assert client.get("/api/v1/incidents/").status_code == 401


def test_a_token_gets_its_users_permissions_as_they_are_now_from_groups_and_directly(api_client_user):
    from django.contrib.auth.models import Group, Permission

    client = token_client(api_client_user)
    assert client.get("/api/v1/incidents/").status_code == 200
    assert client.post("/api/v1/incidents/", {}, format="json").status_code == 403
    api_client_user.user_permissions.add(Permission.objects.get(codename="add_incident"))
    assert client.post("/api/v1/incidents/", {}, format="json").status_code == 400  # allowed, then invalid
    api_client_user.groups.remove(*Group.objects.all())
    api_client_user.user_permissions.clear()
    assert client.get("/api/v1/incidents/").status_code == 403


def test_each_token_has_its_own_throttle_budget(api_client_user, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"api": "2/minute"}}
    from django.core.cache import cache

    cache.clear()
    first, second = token_client(api_client_user, "one"), token_client(api_client_user, "two")
    assert [first.get("/api/v1/sources/").status_code for _ in range(3)] == [200, 200, 429]
    assert second.get("/api/v1/sources/").status_code == 200
    assert first.get("/api/v1/sources/").json()["code"] == "throttled"


def test_create_api_token_prints_a_working_key_once(api_client_user, capsys):
    call_command("create_api_token", api_client_user.username, "newsroom")
    key = capsys.readouterr().out.strip()
    token = ApiToken.objects.get(name="newsroom")
    assert token.key_hash == ApiToken.hash_key(key) and key not in (token.key_hash, token.prefix)
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/incidents/").status_code == 200


def test_the_schema_fields_describe_what_the_fast_serializer_writes(editor, api_client_user):
    from incidents.api.serializers import IncidentSerializer

    incident = Incident.objects.with_related().get(pk=make_incident(status="published", editor=editor).pk)
    declared = set(IncidentSerializer().fields)
    optional = {name for name, field in IncidentSerializer().fields.items() if not field.required}
    assert set(IncidentSerializer(incident, staff=True).data) == declared
    assert set(IncidentSerializer(incident, staff=False).data) == declared - optional
