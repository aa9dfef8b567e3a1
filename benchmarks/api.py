"""Benchmark of the incident API on PostgreSQL, each figure beside a psycopg + json.dumps baseline.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ct_api .venv/bin/python benchmarks/api.py --rows 1000000

Fills the database named in DATABASE_URL with N generated published incidents (COPY via psycopg;
the incident tables are emptied first, so never point it at a database you care about), then times
through Django's test client, in process (no network, no gunicorn):
- the first page of 100 and of 1,000 incidents, and a page 90% deep into the set (keyset cursor);
- four filtered pages (country + year, actor by name, bounding box + fatalities, text search);
- the CSV export of every incident (rows/s and the peak RSS of a child process that does only that).
The baselines fetch the same rows with hand-written SQL through psycopg and serialize them with
json.dumps (or csv.writer), as a lower bound of what any Python server could do.
"""

from __future__ import annotations

import argparse
import base64
import csv
import datetime as dt
import io
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflict_tracker.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only")
os.environ.setdefault("DJANGO_HTTPS", "false")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("API_THROTTLE_RATE", "100000000/hour")
os.environ.setdefault("DJANGO_MANIFEST_STATIC", "false")

# Countries weighted roughly as ACLED's event counts are (a few countries hold most events).
COUNTRIES = [
    ("UA", 30, 48.4, 31.2),
    ("SY", 18, 35.0, 38.5),
    ("MX", 9, 23.6, -102.5),
    ("BR", 8, -14.2, -51.9),
    ("IN", 8, 21.0, 78.0),
    ("PK", 6, 30.4, 69.3),
    ("YE", 6, 15.6, 48.5),
    ("IQ", 5, 33.2, 43.7),
    ("MM", 5, 21.9, 95.9),
    ("NG", 5, 9.1, 8.7),
    ("CD", 4, -4.0, 21.8),
    ("SD", 4, 12.9, 30.2),
    ("SO", 4, 5.2, 46.2),
    ("AF", 3, 33.9, 67.7),
    ("ML", 2, 17.6, -4.0),
    ("BF", 2, 12.2, -1.6),
    ("PS", 3, 31.9, 35.2),
    ("IL", 2, 31.0, 34.8),
    ("ET", 2, 9.1, 40.5),
    ("CO", 2, 4.6, -74.3),
    ("PH", 2, 12.9, 121.8),
    ("LB", 1, 33.9, 35.9),
    ("CM", 1, 7.4, 12.4),
    ("HT", 1, 18.9, -72.3),
    ("KE", 1, -0.02, 37.9),
    ("BD", 1, 23.7, 90.4),
    ("LY", 1, 26.3, 17.2),
    ("TR", 1, 39.0, 35.2),
]
SUB_EVENTS = [
    ("Shelling/artillery/missile attack", 20),
    ("Armed clash", 18),
    ("Peaceful protest", 25),
    ("Attack", 8),
    ("Air/drone strike", 8),
    ("Remote explosive/landmine/IED", 3),
    ("Protest with intervention", 2),
    ("Mob violence", 3),
    ("Violent demonstration", 3),
    ("Abduction/forced disappearance", 2),
    ("Looting/property destruction", 2),
    ("Arrests", 2),
    ("Government regains territory", 1),
    ("Non-state actor overtakes territory", 1),
    ("Other", 2),
]
ACTOR_TYPES = [1, 2, 3, 4, 5, 6, 7, 8]
START = dt.date(2018, 1, 1)
DAYS = (dt.date(2025, 10, 31) - START).days


def _setup_django():
    import django

    django.setup()


def _connect():
    import psycopg
    from django.db import connection

    settings = connection.settings_dict
    return psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"] or "postgres",
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        password=settings["PASSWORD"] or None,
        autocommit=True,
    )


# ---------------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------------


def generate(rows: int, seed: int = 7) -> None:
    """Empty the incident tables and COPY `rows` published incidents with actors and sources."""
    from incidents import geo
    from incidents.models import name_key
    from incidents.taxonomy import EVENT_TYPE_OF, disorder_type_for

    rng = random.Random(seed)
    now = dt.datetime.now(dt.UTC)
    with _connect() as conn, conn.cursor() as cur:
        cur.execute(
            "TRUNCATE incidents_incidentsource, incidents_incidentactor, incidents_historicalincidentactor,"
            " incidents_duplicatecandidate, incidents_historicalincident, incidents_incident,"
            " incidents_actoralias, incidents_historicalactor, incidents_actor, incidents_source"
            " RESTART IDENTITY CASCADE"
        )
        # 3,000 actors, most of them per country; a few (the state forces of big countries) in most events.
        actors_by_country: dict[str, list[tuple[int, int]]] = {}
        with cur.copy(
            "COPY incidents_actor (name, name_key, actor_type, country_iso, description, created_at,"
            " updated_at) FROM STDIN"
        ) as copy:
            n = 0
            for code, weight, *_ in COUNTRIES:
                for k in range(30 + weight * 8):
                    n += 1
                    kind = ACTOR_TYPES[k % 8] if k else 1
                    name = f"{'Military Forces of' if k == 0 else 'Group'} {geo.country_name(code)} {k}"
                    copy.write_row((name, name_key(name), kind, code, "", now, now))
                    actors_by_country.setdefault(code, []).append((n, kind))
        with cur.copy("COPY incidents_source (name, domain, source_scale) FROM STDIN") as copy:
            scales = ["Local", "National", "Subnational", "International", "Regional", "New media"]
            for k in range(300):
                copy.write_row((f"Outlet {k}", f"outlet{k}.example", scales[k % len(scales)]))

        codes = [c[0] for c in COUNTRIES]
        weights = [c[1] for c in COUNTRIES]
        centres = {c[0]: (c[2], c[3]) for c in COUNTRIES}
        subs, sub_weights = zip(*SUB_EVENTS, strict=True)
        started = time.perf_counter()
        columns = (
            "public_id, status, origin, event_date, time_precision, disorder_type, event_type,"
            " sub_event_type, civilian_targeting, country_iso, admin1, admin2, admin3, location_name,"
            " latitude, longitude,"
            " geo_precision, fatalities, notes, tags, dataset, external_id, rejection_reason, published_at,"
            " version, created_at, updated_at"
        )
        country_of = []
        with cur.copy(f"COPY incidents_incident ({columns}) FROM STDIN") as copy:
            for i in range(1, rows + 1):
                code = rng.choices(codes, weights)[0]
                country_of.append(code)
                sub = rng.choices(subs, sub_weights)[0]
                lat, lon = centres[code]
                fatalities = 0 if rng.random() < 0.6 else int(rng.expovariate(1 / 6))
                day = START + dt.timedelta(days=int(DAYS * rng.random() ** 0.7))
                updated = now - dt.timedelta(seconds=rows - i)
                copy.write_row((
                    f"{geo.iso3(code)}{i}", "published", "imported", day, 1, disorder_type_for(sub),
                    EVENT_TYPE_OF[sub], sub, sub == "Attack", code, f"Province {rng.randrange(20)}", "", "",
                    f"Town {rng.randrange(500)}", round(lat + rng.uniform(-3, 3), 4),
                    round(lon + rng.uniform(-3, 3), 4), 1, fatalities,
                    f"On {day:%d %B %Y}, an incident of type {sub.lower()} was reported in Town {i % 500}.",
                    "[]", "", "", "", updated, 1, updated, updated,
                ))  # fmt: skip
        print(f"  {rows:,} incidents copied in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        with cur.copy(
            "COPY incidents_incidentactor (incident_id, actor_id, role, mention) FROM STDIN"
        ) as copy:
            for i, code in enumerate(country_of, start=1):
                pool = actors_by_country[code]
                first = pool[0] if rng.random() < 0.35 else rng.choice(pool)
                copy.write_row((i, first[0], "actor1", ""))
                if rng.random() < 0.6:
                    second = rng.choice(pool)
                    if second != first:
                        copy.write_row((i, second[0], "actor2", ""))
        with cur.copy(
            "COPY incidents_incidentsource (incident_id, source_id, url, excerpt, evidence) FROM STDIN"
        ) as copy:
            for i in range(1, rows + 1):
                copy.write_row((i, rng.randrange(1, 301), "", "", "[]"))
        cur.execute(
            "ANALYZE incidents_incident, incidents_incidentactor, incidents_incidentsource, incidents_actor"
        )
        print(f"  generated in {time.perf_counter() - started:.1f} s", file=sys.stderr)


def count_rows() -> int:
    with _connect() as conn:
        return conn.execute("SELECT count(*) FROM incidents_incident WHERE status = 'published'").fetchone()[
            0
        ]


# ---------------------------------------------------------------------------------------------
# Baseline: the same rows through psycopg and json.dumps
# ---------------------------------------------------------------------------------------------

BASE_COLUMNS = (
    "i.id, i.public_id, i.status, i.event_date, i.date_end, i.time_precision, i.disorder_type, i.event_type,"
    " i.sub_event_type, i.civilian_targeting, i.country_iso, i.admin1, i.admin2, i.admin3, i.location_name,"
    " i.location_id, i.latitude, i.longitude, i.geo_precision, i.fatalities, i.fatalities_low,"
    " i.fatalities_high, i.injured, i.notes, i.tags, i.merged_into_id, i.version, i.published_at,"
    " i.updated_at"
)


def baseline_page(conn, where: str, params: tuple, limit: int) -> bytes:
    """One page like the API's: the incidents, then their actors and sources, as JSON."""
    cur = conn.cursor()
    cur.execute(
        f"SELECT {BASE_COLUMNS} FROM incidents_incident i WHERE i.status = 'published' {where}"
        f" ORDER BY i.event_date DESC, i.id DESC LIMIT %s",
        (*params, limit),
    )
    names = [d.name for d in cur.description]
    rows = [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
    ids = [row["id"] for row in rows]
    actors: dict[int, list] = {}
    for incident_id, actor_id, name, kind, role, mention in conn.execute(
        "SELECT l.incident_id, a.id, a.name, a.actor_type, l.role, l.mention FROM incidents_incidentactor l"
        " JOIN incidents_actor a ON a.id = l.actor_id WHERE l.incident_id = ANY(%s) ORDER BY l.role, l.id",
        (ids,),
    ):
        actors.setdefault(incident_id, []).append(
            {"id": actor_id, "name": name, "actor_type": kind, "role": role, "mention": mention}
        )
    sources: dict[int, list] = {}
    for incident_id, name, scale, url in conn.execute(
        "SELECT l.incident_id, s.name, s.source_scale, l.url FROM incidents_incidentsource l"
        " LEFT JOIN incidents_source s ON s.id = l.source_id WHERE l.incident_id = ANY(%s) ORDER BY l.id",
        (ids,),
    ):
        sources.setdefault(incident_id, []).append({"name": name, "source_scale": scale, "url": url})
    for row in rows:
        row["actors"] = actors.get(row["id"], [])
        row["sources"] = sources.get(row["id"], [])
    return json.dumps({"next": None, "results": rows}, default=str).encode()


def baseline_csv(conn) -> int:
    """Every published incident as CSV through a server-side cursor: the rows a CSV export writes."""
    out = io.StringIO()
    writer = csv.writer(out)
    count = 0
    with conn.transaction(), conn.cursor(name="export") as cur:
        cur.itersize = 2000
        cur.execute(
            f"SELECT {BASE_COLUMNS},"
            " (SELECT string_agg(a.name, '; ') FROM incidents_incidentactor l JOIN incidents_actor a"
            "  ON a.id = l.actor_id WHERE l.incident_id = i.id),"
            " (SELECT string_agg(s.name, '; ') FROM incidents_incidentsource l JOIN incidents_source s"
            "  ON s.id = l.source_id WHERE l.incident_id = i.id)"
            " FROM incidents_incident i WHERE i.status = 'published' ORDER BY i.event_date DESC, i.id DESC"
        )
        for row in cur:
            writer.writerow(row)
            count += 1
            if count % 2000 == 0:
                out.seek(0)
                out.truncate()
    return count


# ---------------------------------------------------------------------------------------------
# Measurements
# ---------------------------------------------------------------------------------------------


def timed(fn, repeat: int) -> tuple[float, float]:
    fn()  # warm caches (the database's and Python's) once
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]


def cursor_for(field: str, value, pk: int) -> str:
    payload = {"k": field, "v": value.isoformat(), "i": pk}
    return base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode()).decode().rstrip("=")


def measure(repeat: int) -> list[tuple[str, tuple, tuple]]:
    from django.test import Client

    from incidents import permissions
    from incidents.models import Actor, ApiToken
    from tests import factories

    user = factories.UserFactory(username="benchmark-client", role=permissions.API_CLIENTS)
    _, key = ApiToken.issue(user, "benchmark")
    client = Client(HTTP_AUTHORIZATION=f"Token {key}")
    conn = _connect()
    total = count_rows()

    def api(url):
        def call():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code, response.content[:300])
            return response.content

        return call

    deep_date, deep_id = conn.execute(
        "SELECT event_date, id FROM incidents_incident WHERE status = 'published'"
        " ORDER BY event_date DESC, id DESC OFFSET %s LIMIT 1",
        (int(total * 0.9),),
    ).fetchone()
    actor = Actor.objects.order_by("id").first()  # the most frequent actor1 of the first country
    since = dt.date(2024, 1, 1)
    cases = [
        ("first page, 100 rows", "/api/v1/incidents/?page_size=100", "", (), 100),
        ("first page, 1,000 rows", "/api/v1/incidents/?page_size=1000", "", (), 1000),
        (
            f"deep page (90% in, row {int(total * 0.9):,}), 100 rows",
            f"/api/v1/incidents/?page_size=100&cursor={cursor_for('event_date', deep_date, deep_id)}",
            "AND i.event_date <= %s AND (i.event_date < %s OR (i.event_date = %s AND i.id < %s))",
            (deep_date, deep_date, deep_date, deep_id),
            100,
        ),
        (
            "filter: country=SY, 2024 on, 100 rows",
            f"/api/v1/incidents/?page_size=100&country=SY&event_date_from={since}",
            "AND i.country_iso = 'SY' AND i.event_date >= %s",
            (since,),
            100,
        ),
        (
            "filter: actor by name, 100 rows",
            f"/api/v1/incidents/?page_size=100&actor={actor.name}",
            "AND i.id IN (SELECT incident_id FROM incidents_incidentactor WHERE actor_id = %s)",
            (actor.pk,),
            100,
        ),
        (
            "filter: bbox + fatalities_min=10, 100 rows",
            "/api/v1/incidents/?page_size=100&bbox=30,30,40,40&fatalities_min=10",
            "AND i.latitude BETWEEN 30 AND 40 AND i.longitude BETWEEN 30 AND 40 AND i.fatalities >= 10",
            (),
            100,
        ),
        (
            "filter: text search q=arrests, 100 rows",
            "/api/v1/incidents/?page_size=100&q=arrests",
            # The expression of migration 0004's GIN index, as the API's filter writes it.
            "AND to_tsvector('english'::regconfig, COALESCE(i.notes, '') || ' '"
            " || COALESCE(i.location_name, '') || ' ' || COALESCE(i.admin1, ''))"
            " @@ websearch_to_tsquery('english'::regconfig, %s)",
            ("arrests",),
            100,
        ),
    ]
    results = []
    for label, url, where, params, limit in cases:
        got = json.loads(api(url)())["results"]
        assert len(got) == limit or "filter" in label, (label, len(got))
        results.append(
            (
                label,
                timed(api(url), repeat),
                timed(lambda w=where, p=params, n=limit: baseline_page(conn, w, p, n), repeat),
            )
        )
        print(f"  {label}: done", file=sys.stderr)
    return results


def csv_child(mode: str) -> None:
    """Run in a child process so its peak RSS is the export's alone."""
    from django.test import Client

    from incidents import permissions
    from incidents.models import ApiToken
    from tests import factories

    if mode == "api":
        user = factories.UserFactory(username="benchmark-export", role=permissions.API_CLIENTS)
        _, key = ApiToken.issue(user, "benchmark export")
        client = Client(HTTP_AUTHORIZATION=f"Token {key}")
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        response = client.get("/api/v1/incidents/?format=csv")
        rows = -1  # the header
        for chunk in response.streaming_content:
            rows += chunk.count(b"\r\n")
    else:
        conn = _connect()
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        rows = baseline_csv(conn)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps({"rows": rows, "seconds": elapsed, "peak_mb": peak / 1024, "before_mb": rss_before / 1024})
    )


def run_csv(mode: str) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--csv-child", mode],
        check=True,
        capture_output=True,
        text=True,
        env=os.environ,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=30, help="timed runs of each page")
    parser.add_argument(
        "--keep", action="store_true", help="reuse the rows already there if the count matches"
    )
    parser.add_argument("--csv-child", choices=["api", "baseline"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    _setup_django()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("Run it on PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/ct_api")
    if args.csv_child:
        csv_child(args.csv_child)
        return
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if not (args.keep and count_rows() == args.rows):
        print(f"Generating {args.rows:,} published incidents ...", file=sys.stderr)
        generate(args.rows)
    print("Timing pages ...", file=sys.stderr)
    load_before = os.getloadavg()
    pages = measure(args.repeat)
    load_pages = os.getloadavg()
    print("Exporting CSV ...", file=sys.stderr)
    exports = {mode: run_csv(mode) for mode in ("api", "baseline")}
    load_after = os.getloadavg()

    print(f"\n{args.rows:,} published incidents, PostgreSQL, {args.repeat} timed runs per page (ms)")
    # The machine may be shared: the load average (1, 5, 15 min) says how much to trust the times.
    loads = (("before the pages", load_before), ("after the pages", load_pages), ("after CSV", load_after))
    for label, load in loads:
        print(f"load average {label}: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print()
    print("| Request | API median | API p95 | Baseline median | Baseline p95 | API / baseline (median) |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, (api_med, api_p95), (base_med, base_p95) in pages:
        ratio = api_med / base_med
        print(f"| {label} | {api_med:.1f} | {api_p95:.1f} | {base_med:.1f} | {base_p95:.1f} | {ratio:.1f}x |")
    print("\n| CSV export of every row | rows | seconds | rows/s | peak RSS (MB) |")
    print("|---|---:|---:|---:|---:|")
    for mode, label in (("api", "API (`?format=csv`)"), ("baseline", "Baseline (psycopg + csv.writer)")):
        r = exports[mode]
        rate = r["rows"] / r["seconds"]
        print(f"| {label} | {r['rows']:,} | {r['seconds']:.1f} | {rate:,.0f} | {r['peak_mb']:.0f} |")


if __name__ == "__main__":
    main()
