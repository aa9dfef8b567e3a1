"""The CSV export written by PostgreSQL (COPY) is byte for byte the Python renderer's."""

import datetime as dt

import psycopg
import pytest
from django.db import connection

from incidents.api import csv_copy, renderers
from incidents.models import Incident, IncidentActor, IncidentSource, Report
from tests import factories

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

Role = IncidentActor.Role


def _incident(n, **fields):
    data = {
        "status": "published",
        "public_id": f"IRQ{n}",
        "event_date": dt.date(2024, 3, 1) - dt.timedelta(days=n % 4),
        "time_precision": 1,
        "geo_precision": 1,
        "notes": f"Clashes in Baghdad ({n}).",
        "tags": [],
        **fields,
    }
    return factories.IncidentFactory(**data)


def _link(incident, actor, role):
    IncidentActor.objects.create(incident=incident, actor=actor, role=role)


@pytest.fixture
def varied():
    """Incidents that exercise every column's formatting."""
    army = factories.ActorFactory(name="Military Forces of Iraq (2022-)", actor_type=1)
    rebels = factories.ActorFactory(name="Islamic State (Iraq)", actor_type=2)
    militia = factories.ActorFactory(name='Militia "Kataib", Hezbollah', actor_type=4)
    civilians = factories.ActorFactory(name="Civilians (Iraq)", actor_type=7)
    arabic = factories.ActorFactory(name="قوات الحشد الشعبي", actor_type=3)
    other = factories.ActorFactory(name="Other forces, unnamed", actor_type=8)
    local = factories.SourceFactory(name="Shafaq News", source_scale="Local")
    national = factories.SourceFactory(name="Rudaw, Erbil", source_scale="National")
    noscale = factories.SourceFactory(name="Some Blog", source_scale="")
    report = Report.objects.create(
        file="reports/x.txt", original_name="x.txt", size=1, sha256="a" * 64, source=national
    )
    bare_report = Report.objects.create(file="reports/y.txt", original_name="y.txt", size=1, sha256="b" * 64)

    rich = _incident(
        1,
        notes='Shells hit a school, a market and "the old bridge";\nthree dead — ثلاثة قتلى.\r\nMore.',
        tags=["crowd size=no report", "women targeted: girls", 'a "quoted", tag'],
        civilian_targeting=True,
        admin2="Karkh",
        admin3="Mansour",
        fatalities=0,
    )
    _link(rich, army, Role.ACTOR1)
    _link(rich, rebels, Role.ASSOC_ACTOR1)
    _link(rich, arabic, Role.ASSOC_ACTOR1)
    _link(rich, civilians, Role.ACTOR2)
    _link(rich, militia, Role.ASSOC_ACTOR2)
    _link(rich, other, Role.ASSOC_ACTOR2)
    for link in (
        {"source": local},
        {"source": national, "url": "https://rudaw.net/1"},
        {"source": local},  # the same outlet twice: named once
        {"report": report},  # the report's outlet
        {"report": bare_report, "url": "https://example.org/report"},  # no outlet: the URL
        {"url": "https://example.org/only-a-url"},
        {"source": noscale},
    ):
        IncidentSource.objects.create(incident=rich, **link)

    lonely = _incident(2, latitude=None, longitude=None, fatalities=None, notes="", admin1="")
    _link(lonely, rebels, Role.ACTOR1)  # no actor2: interaction = inter1 * 10
    _incident(3, public_id=None, country_iso="XK", admin1="Pristina", latitude=42.0, longitude=21.0)
    kosovo = _incident(4, country_iso="xk", latitude=-0.0, longitude=0.00001, tags=[])
    _link(kosovo, other, Role.ACTOR1)  # the larger inter code first: 18
    _link(kosovo, army, Role.ACTOR2)
    arabic_notes = _incident(
        5,
        country_iso="SY",
        admin1="حلب",
        location_name="Aleppo, old city",
        notes="قصف مدفعي على حلب، مقتل ٣ مدنيين",
        tags=["قصف"],
        latitude=36.2021,
        longitude=37.1343,
        civilian_targeting=False,
    )
    _link(arabic_notes, civilians, Role.ACTOR1)
    _link(arabic_notes, army, Role.ACTOR2)
    IncidentSource.objects.create(incident=arabic_notes, source=noscale)
    _incident(6, country_iso="ZZ", fatalities=12, notes='"Quoted" only', tags=[3, "x"])
    _incident(7, status="draft", public_id=None, country_iso="IQ")
    old = _incident(
        8, event_date=dt.date(987, 6, 5), updated_at=dt.datetime(1969, 12, 31, 23, 59, 58, 500000, dt.UTC)
    )
    _link(old, militia, Role.ACTOR1)
    _link(old, militia, Role.ACTOR2)


def _python(queryset, chunk_size=3) -> bytes:
    return "".join(renderers.stream_csv_python(queryset, chunk_size)).encode()


def _copy(queryset, chunk_size=3) -> bytes:
    return b"".join(csv_copy.stream_csv_copy(queryset, chunk_size))


@pytest.mark.parametrize("ordering", [("-event_date", "-id"), ("updated_at", "id"), ("event_date", "pk"), ()])
def test_copy_output_is_the_python_renderers_byte_for_byte(varied, ordering):
    queryset = Incident.objects.all()
    if ordering:
        queryset = queryset.order_by(*ordering)
    expected = _python(queryset)
    assert expected.count(b"\r\n") > 9  # header, 8 incidents, the rows' notes' "\r\n"
    assert _copy(queryset) == expected


def test_copy_output_matches_on_filtered_querysets(varied):
    published = Incident.objects.filter(status="published").order_by("-event_date", "-id")
    for queryset in (
        published,
        published.filter(country_iso="SY"),
        published.filter(actor_links__actor__name__icontains="iraq").distinct(),
        published.filter(id__in=[]),
    ):
        assert _copy(queryset) == _python(queryset)


def test_the_api_streams_the_copy_output_in_chunks(varied, client_api, monkeypatch):
    monkeypatch.setattr(renderers.stream_csv, "__defaults__", (2,))
    response = client_api.get("/api/v1/incidents/?format=csv")
    assert response.status_code == 200
    chunks = list(response.streaming_content)
    published = Incident.objects.filter(status="published").order_by("-event_date", "-id")
    assert b"".join(chunks) == _python(published)
    assert len(chunks) == 4  # 7 published rows, 2 a chunk; the header rides with the first
    assert b"only-a-url" in b"".join(chunks)


def test_a_client_that_goes_away_leaves_the_connection_usable(varied):
    queryset = Incident.objects.filter(status="published").order_by("-event_date", "-id")
    stream = renderers.stream_csv(queryset, 1)
    assert next(stream).startswith(b"event_id_cnty,event_date,")
    # A server closes the response's iterator when the client disconnects: this closes the
    # generator mid-COPY, which must cancel it and roll back to where it began.
    stream.close()
    assert connection.connection.info.transaction_status == psycopg.pq.TransactionStatus.INTRANS
    assert queryset.count() == 7
    assert _copy(queryset) == _python(queryset)
