"""Import 1,000,000 generated ACLED rows into PostgreSQL; report rows/s and peak memory beside COPY.

    .venv/bin/python benchmarks/import.py [--rows 1000000] [--small 100000] [--keep]

Creates (and drops again unless --keep) the scratch databases ct_import_bench_template (migrated, the
template) and ct_bench_import_run, on the PostgreSQL at BENCH_PG (default
postgres://postgres@127.0.0.1:5432). Each import runs in a fresh child process, so its peak
memory (ru_maxrss) is its own; the small run beside the big one shows whether memory stays flat.
The limit is PostgreSQL's own COPY of the same file into a plain table of text columns; the
"floor" is COPY of the rows the import wrote (incidents, history, actor and source links) back
into our emptied tables, with their indexes, checks and foreign keys: what PostgreSQL alone needs
for our schema (timed also without migration 0004's full-text index). The same file is also
imported with --bulk (the importer's bulk-load mode) into a fresh database, and the floor timed
the bulk way too: the same dumps COPYed into the emptied tables through the importer's own
bulk-load code (secondary indexes and foreign keys dropped, then rebuilt).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
TEMPLATE, RUN = "ct_import_bench_template", "ct_bench_import_run"
COLUMNS = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
    "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,"
    "admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,"
    "tags,timestamp"
).split(",")
SUB_EVENTS = [
    ("Political violence", "Battles", "Armed clash"),
    ("Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Political violence", "Explosions/Remote violence", "Air/drone strike"),
    ("Political violence", "Violence against civilians", "Attack"),
    ("Demonstrations", "Protests", "Peaceful protest"),
    ("Political violence; Demonstrations", "Riots", "Mob violence"),
    ("Strategic developments", "Strategic developments", "Looting/property destruction"),
]
COUNTRIES = [
    ("Iraq", 368, "Middle East"),
    ("Syria", 760, "Middle East"),
    ("Yemen", 887, "Middle East"),
    ("Ukraine", 804, "Europe"),
    ("Nigeria", 566, "Western Africa"),
    ("Mali", 466, "Western Africa"),
    ("Somalia", 706, "Eastern Africa"),
    ("Sudan", 729, "Northern Africa"),
    ("Myanmar", 104, "Southeast Asia"),
    ("Mexico", 484, "Central America"),
]


def generate(path: Path, rows: int, seed: int = 6) -> None:
    """Realistic-looking rows: 10 countries, 2,000 places, ~400 actors, 60 outlets, notes of ~150 chars."""
    rnd = random.Random(seed)
    places = {c: [(f"Place {c[:3]} {i}", f"Region {i % 18}") for i in range(200)] for c, _, _ in COUNTRIES}
    armed = [f"Armed Group {i}" for i in range(300)]
    outlets = [f"Outlet {i}" for i in range(60)]
    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(COLUMNS)
        for n in range(rows):
            country, iso, region = COUNTRIES[n % len(COUNTRIES)]
            disorder, event, sub = SUB_EVENTS[rnd.randrange(len(SUB_EVENTS))]
            place, admin1 = places[country][rnd.randrange(200)]
            day = 18262 + rnd.randrange(2500)  # days since 1970: 2020..2026
            date = time.strftime("%Y-%m-%d", time.gmtime(day * 86400))
            actor1 = f"Military Forces of {country}" if n % 3 == 0 else armed[rnd.randrange(300)]
            actor2 = f"Civilians ({country})" if sub == "Attack" else armed[rnd.randrange(300)]
            sources = "; ".join(rnd.sample(outlets, rnd.choice((1, 1, 2))))
            out.writerow(
                [
                    f"{country[:3].upper()}{n}",
                    date,
                    date[:4],
                    rnd.choice((1, 1, 1, 2, 3)),
                    disorder,
                    event,
                    sub,
                    actor1,
                    "",
                    1 if actor1.startswith("Military") else 3,
                    actor2,
                    "",
                    7 if actor2.startswith("Civilians") else 3,
                    0,
                    "Civilian targeting" if sub == "Attack" else "",
                    iso,
                    region,
                    country,
                    admin1,
                    f"District {rnd.randrange(40)}",
                    "",
                    place,
                    f"{rnd.uniform(-60, 60):.4f}",
                    f"{rnd.uniform(-120, 120):.4f}",
                    rnd.choice((1, 1, 2, 3)),
                    sources,
                    "National",
                    f"On {date}, {actor1} and {actor2} were involved in an event near {place} ({admin1}). "
                    f"Row {n} of a generated benchmark file.",
                    rnd.choice((0, 0, 0, 1, 2, 5, 12)),
                    "",
                    1700000000 + n,
                ]
            )


def admin(sql: str) -> None:
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def fresh_run_database() -> None:
    admin(f"DROP DATABASE IF EXISTS {RUN}")
    admin(f"CREATE DATABASE {RUN} TEMPLATE {TEMPLATE}")


def copy_baseline(path: Path) -> float:
    """Seconds PostgreSQL's COPY takes to load the same file into a plain table of text columns."""
    with psycopg.connect(f"{PG}/{RUN}") as conn:
        columns = ", ".join(f"{c} text" for c in COLUMNS)
        conn.execute(f"CREATE TABLE copy_baseline ({columns})")
        started = time.perf_counter()
        with conn.cursor() as cur, open(path, "rb") as f:
            with cur.copy("COPY copy_baseline FROM STDIN WITH (FORMAT csv, HEADER true)") as copy:
                while chunk := f.read(1 << 20):
                    copy.write(chunk)
        conn.commit()
        return time.perf_counter() - started


TABLES = (
    "incidents_incident",
    "incidents_historicalincident",
    "incidents_incidentactor",
    "incidents_incidentsource",
)


# Migration 0004's full-text index: the floor is also timed without it, to show what it costs.
SEARCH_INDEX = "incident_search_gin"


def schema_floor() -> tuple[float, float, float]:
    """Seconds PostgreSQL alone takes to write the rows the import wrote, into our real tables.

    The incidents, history rows, actor and source links are dumped, the tables emptied, and the
    dumps COPYed back in one transaction (indexes, checks, and the deferred foreign-key checks at
    commit): the least any importer can take for this schema on this machine, without any Python.
    Returns that, the same without the full-text search index (dropped inside a transaction
    that is rolled back after its foreign-key checks, so the index stays), and the bulk floor:
    the same dumps loaded through the importer's bulk-load mode (in a child process).
    """

    def load(conn, dumps) -> None:
        for table in TABLES:
            with conn.cursor() as cur, open(dumps[table], "rb") as f:
                with cur.copy(f"COPY {table} FROM STDIN") as copy:
                    while chunk := f.read(1 << 20):
                        copy.write(chunk)

    with psycopg.connect(f"{PG}/{RUN}") as conn, tempfile.TemporaryDirectory() as tmp:
        dumps = {}
        for table in TABLES:
            dumps[table] = Path(tmp) / table
            with conn.cursor() as cur, open(dumps[table], "wb") as f:
                with cur.copy(f"COPY {table} TO STDOUT") as copy:
                    for chunk in copy:
                        f.write(chunk)
        conn.execute(f"TRUNCATE {', '.join(TABLES)} CASCADE")
        conn.commit()

        conn.execute(f"DROP INDEX IF EXISTS {SEARCH_INDEX}")
        started = time.perf_counter()
        load(conn, dumps)
        conn.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the checks a commit would run
        without_search = time.perf_counter() - started
        conn.rollback()

        started = time.perf_counter()
        load(conn, dumps)
        conn.commit()
        floor = time.perf_counter() - started

        conn.execute(f"TRUNCATE {', '.join(TABLES)} CASCADE")
        conn.commit()
        bulk = run_child(["--bulk-floor", tmp])["seconds"]
        return floor, without_search, bulk


def bulk_floor_child(dump_dir: str) -> None:
    """Runs inside a fresh process: COPY the dumps the bulk-load way; print the seconds as JSON."""
    from django.db import connection

    from incidents.datasets import bulkload, importer

    started = time.perf_counter()
    with bulkload.secondary_indexes_dropped(importer.WRITTEN_MODELS), connection.cursor() as cursor:
        for table in TABLES:
            dump = Path(dump_dir) / table
            with cursor.cursor.copy(f"COPY {table} FROM STDIN") as copy, open(dump, "rb") as f:
                while chunk := f.read(1 << 20):
                    copy.write(chunk)
    print(json.dumps({"seconds": time.perf_counter() - started}))


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflict_tracker.settings")
    import django

    django.setup()


def child(path: str, bulk: bool) -> None:
    """Runs inside a fresh process: import the file, print seconds, counts and peak memory as JSON."""
    from incidents.datasets import importer

    started = time.perf_counter()
    report = importer.import_file(path, "acled", status="published", bulk=bulk)
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "seconds": seconds,
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "rejected": report.rejected,
                "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                # CPU the Python side used: the wall time beyond it is PostgreSQL (or other load).
                "cpu_seconds": time.process_time(),
            }
        )
    )


def run_import(path: Path, *, bulk: bool = False) -> dict:
    return run_child(["--child", str(path), *(["--bulk"] if bulk else [])])


def run_child(args: list[str]) -> dict:
    env = dict(os.environ, DATABASE_URL=f"{PG}/{RUN}", DJANGO_DEBUG="false", DJANGO_SECRET_KEY="bench")
    env["DJANGO_ALLOWED_HOSTS"] = "localhost"
    done = subprocess.run(
        [sys.executable, __file__, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true", help="keep the scratch databases")
    parser.add_argument("--child")
    parser.add_argument("--bulk", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--bulk-floor", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child or args.bulk_floor:
        setup_django()
        if args.child:
            child(args.child, args.bulk)
        else:
            bulk_floor_child(args.bulk_floor)
        return

    load_start = os.getloadavg()[0]
    admin(f"DROP DATABASE IF EXISTS {RUN}")
    admin(f"DROP DATABASE IF EXISTS {TEMPLATE}")
    admin(f"CREATE DATABASE {TEMPLATE}")
    env = dict(os.environ, DATABASE_URL=f"{PG}/{TEMPLATE}", DJANGO_DEBUG="true")
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], env=env, cwd=ROOT, check=True)

    with tempfile.TemporaryDirectory() as tmp:
        results, bulk_results = [], []
        for rows in (args.small, args.rows):
            path = Path(tmp) / f"acled_{rows}.csv"
            started = time.perf_counter()
            generate(path, rows)
            generated = time.perf_counter() - started
            size = path.stat().st_size / 2**20
            fresh_run_database()
            imported = run_import(path)
            again = run_import(path)  # the same file a second time: nothing to write
            fresh_run_database()
            bulk = run_import(path, bulk=True)  # the same file into an empty database, --bulk
            copy_seconds = copy_baseline(path)
            floor_seconds, floor_no_search, bulk_floor = schema_floor()
            results.append(
                (rows, size, generated, imported, again, copy_seconds, floor_seconds, floor_no_search)
            )
            bulk_results.append((rows, imported, bulk, floor_seconds, bulk_floor, copy_seconds))
            path.unlink()

    print(
        f"{'rows':>10} {'MiB':>6} {'import s':>9} {'rows/s':>8} {'peak MiB':>9} "
        f"{'re-import s':>12} {'rows/s':>8} {'COPY s':>7} {'COPY rows/s':>12} "
        f"{'floor s':>8} {'floor rows/s':>13} {'no-GIN s':>9} {'rows/s':>8}"
    )
    for rows, size, _generated, imported, again, copy_seconds, floor_seconds, floor_no_search in results:
        assert imported["created"] == rows, imported
        assert again["unchanged"] == rows, again
        print(
            f"{rows:>10,} {size:>6.0f} {imported['seconds']:>9.1f} {rows / imported['seconds']:>8,.0f} "
            f"{imported['peak_mib']:>9.0f} {again['seconds']:>12.1f} {rows / again['seconds']:>8,.0f} "
            f"{copy_seconds:>7.1f} {rows / copy_seconds:>12,.0f} "
            f"{floor_seconds:>8.1f} {rows / floor_seconds:>13,.0f} "
            f"{floor_no_search:>9.1f} {rows / floor_no_search:>8,.0f}"
        )
    cpu = ", ".join(f"{result[3]['cpu_seconds']:.0f}" for result in results)
    print(f"importer CPU seconds (the Python side) for the two runs: {cpu}")
    print(
        f"\n{'rows':>10} {'import rows/s':>14} {'bulk s':>7} {'bulk rows/s':>12} {'peak MiB':>9} "
        f"{'CPU s':>6} {'floor rows/s':>13} {'bulk floor s':>13} {'rows/s':>8} {'COPY rows/s':>12}"
    )
    for rows, imported, bulk, floor_seconds, bulk_floor, copy_seconds in bulk_results:
        assert bulk["created"] == rows, bulk
        print(
            f"{rows:>10,} {rows / imported['seconds']:>14,.0f} {bulk['seconds']:>7.1f} "
            f"{rows / bulk['seconds']:>12,.0f} {bulk['peak_mib']:>9.0f} {bulk['cpu_seconds']:>6.0f} "
            f"{rows / floor_seconds:>13,.0f} {bulk_floor:>13.1f} {rows / bulk_floor:>8,.0f} "
            f"{rows / copy_seconds:>12,.0f}"
        )
    load_end = os.getloadavg()[0]
    print(f"load average: {load_start:.1f} at the start, {load_end:.1f} at the end, on {os.cpu_count()} CPUs")
    if not args.keep:
        admin(f"DROP DATABASE IF EXISTS {RUN}")
        admin(f"DROP DATABASE IF EXISTS {TEMPLATE}")


if __name__ == "__main__":
    main()
