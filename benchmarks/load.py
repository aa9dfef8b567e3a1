"""Load test on loopback: 50 API readers and 5 analysts uploading reports for 60 s (run by hand, not in CI).

Starts, on 127.0.0.1 only: a redis-server of its own (free port, no persistence), gunicorn (the app,
N workers) and a Celery worker (prefork) against a scratch PostgreSQL database; drives bounded request
loops from threads with http.client; waits (bounded) until every upload is parsed; stops everything.

    createdb -h 127.0.0.1 -U postgres ct_load
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ct_load .venv/bin/python manage.py setup_demo --no-demo
    .venv/bin/python benchmarks/load.py [--duration 60 --readers 50 --analysts 5 --gunicorn-workers 4]

It adds to that database: 5 analysts and an API client with tokens, ~5,000 published incidents for the
readers to page through (once), and the uploaded reports. The figures go in docs/benchmarks.md, "## Load".
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
PLACES = ["Mosul", "Kirkuk", "Basrah", "Tal Afar", "Ramadi", "Fallujah", "Tikrit", "Samarra", "Erbil"]
ACTORS = ["Gunmen", "Militants", "Unidentified assailants", "Islamic State fighters"]
NUMBERS = ["two", "three", "four", "five", "six", "seven"]
VICTIMS = ["soldiers", "policemen", "civilians", "members of a tribal militia"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def report_text(rng: random.Random, serial: str) -> str:
    """A short news-like report, different every time (so no upload is a duplicate of another)."""
    lines = [f"Security bulletin {serial}"]
    for _ in range(rng.randint(2, 5)):
        lines.append(
            f"{rng.choice(ACTORS)} killed {rng.choice(NUMBERS)} {rng.choice(VICTIMS)} near "
            f"{rng.choice(PLACES)}, Iraq, on {rng.choice(DAYS)}, police said."
        )
    lines.append(f"Reference {serial}.")
    return "\n\n".join(lines) + "\n"


# --- Set-up through the ORM ---------------------------------------------------------------------


def prepare(analysts: int) -> dict:
    """Users, tokens and published incidents in the load database; returns the tokens."""
    import datetime as dt

    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from incidents import permissions
    from incidents.models import ApiToken, Incident

    permissions.sync_roles()
    users = get_user_model().objects

    def user(name, role):
        account, _ = users.get_or_create(username=name)
        from django.contrib.auth.models import Group

        account.groups.add(Group.objects.get(name=role))
        return account

    reader = user("load-client", permissions.API_CLIENTS)
    analyst_accounts = [user(f"load-analyst-{n}", permissions.ANALYSTS) for n in range(analysts)]
    tokens = {
        "reader": ApiToken.issue(reader, "load test")[1],
        "analysts": [ApiToken.issue(a, "load test")[1] for a in analyst_accounts],
    }
    have = Incident.objects.filter(public_id__startswith="LOAD").count()
    if have < 5000:
        rng = random.Random(1)
        start = dt.date(2020, 1, 1)
        Incident.objects.bulk_create(
            [
                Incident(
                    public_id=f"LOAD{n}",
                    status=Incident.Status.PUBLISHED,
                    origin=Incident.Origin.IMPORTED,
                    event_date=start + dt.timedelta(days=rng.randrange(1500)),
                    disorder_type="Political violence",
                    event_type="Battles",
                    sub_event_type="Armed clash",
                    country_iso=rng.choice(["IQ", "SY", "YE", "SD"]),
                    admin1=rng.choice(["Nineveh", "Kirkuk", "Basra", "Anbar"]),
                    location_name=rng.choice(PLACES),
                    latitude=33 + rng.random(),
                    longitude=43 + rng.random(),
                    fatalities=rng.randrange(20),
                )
                for n in range(have, 5000)
            ],
            batch_size=1000,
        )
    return tokens


def report_outcomes(report_ids: list[int]) -> dict[str, int]:
    from django.db import close_old_connections

    from incidents.models import Report

    close_old_connections()
    counts: dict[str, int] = {}
    for status in Report.objects.filter(pk__in=report_ids).values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts


# --- Processes ----------------------------------------------------------------------------------


class Services:
    def __init__(self, env: dict, folder: Path, gunicorn_workers: int, celery_concurrency: int):
        self.env, self.folder = env, folder
        self.gunicorn_workers, self.celery_concurrency = gunicorn_workers, celery_concurrency
        self.processes: list[tuple[str, subprocess.Popen]] = []

    def spawn(self, name: str, command: list[str]) -> None:
        log = (self.folder / f"{name}.log").open("wb")
        process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.processes.append((name, process))

    def start(self, redis_port: int, http_port: int) -> None:
        self.spawn(
            "redis",
            ["redis-server", "--port", str(redis_port), "--bind", HOST, "--save", "", "--appendonly", "no"],
        )
        wait_port(redis_port, 10, "redis-server")
        python = sys.executable
        self.spawn(
            "gunicorn",
            [python, "-m", "gunicorn", "conflict_tracker.wsgi", "--bind", f"{HOST}:{http_port}"]
            + ["--workers", str(self.gunicorn_workers), "--threads", "4", "--timeout", "60"]
            + ["--access-logfile", "-", "--log-level", "warning"],
        )
        self.spawn(
            "celery",
            [python, "-m", "celery", "-A", "conflict_tracker", "worker", "--pool=prefork"]
            + [f"--concurrency={self.celery_concurrency}", "--loglevel=WARNING", "--without-gossip"]
            + ["--without-mingle", f"--hostname=load-{uuid.uuid4().hex[:6]}@%h"],
        )
        wait_port(http_port, 60, "gunicorn")

    def stop(self) -> None:
        for _name, process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for _name, process in reversed(self.processes):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def wait_port(port: int, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{what} did not listen on port {port} within {timeout} s")


# --- Clients ------------------------------------------------------------------------------------


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = {"read": [], "upload": []}
        self.errors: dict[str, list[str]] = {"read": [], "upload": []}
        self.report_ids: list[int] = []

    def record(self, kind: str, seconds: float, error: str | None = None) -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            if error:
                self.errors[kind].append(error)


READ_PATHS = [
    "/api/v1/incidents/?page_size=50",
    "/api/v1/incidents/?country=IQ&page_size=50",
    "/api/v1/incidents/?event_date_from=2021-01-01&event_date_to=2021-12-31",
    "/api/v1/incidents/?admin1=Nineveh&fatalities_min=5",
    "/api/v1/incidents/?event_type=Battles&page_size=100",
    "/api/v1/incidents/?bbox=43,33,44,34",
]


def reader(port: int, token: str, stop_at: float, recorder: Recorder, seed: int) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    headers = {"Authorization": f"Token {token}", "Accept": "application/json"}
    path = rng.choice(READ_PATHS)
    while time.monotonic() < stop_at:
        started = time.perf_counter()
        error = None
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            body = response.read()
            if response.status != 200:
                error = f"GET {path}: {response.status} {body[:200]!r}"
                path = rng.choice(READ_PATHS)
            else:
                following = json.loads(body).get("next")
                # Follow the cursor a few pages deep, then start over with another filter.
                if following and rng.random() < 0.7:
                    parts = urlsplit(following)
                    path = parts.path + ("?" + parts.query if parts.query else "")
                else:
                    path = rng.choice(READ_PATHS)
        except (OSError, http.client.HTTPException, ValueError) as exc:
            error = f"GET {path}: {exc!r}"
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=30)
        recorder.record("read", time.perf_counter() - started, error)
    conn.close()


def uploader(port: int, token: str, stop_at: float, recorder: Recorder, seed: int, pace: float) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    while time.monotonic() < stop_at:
        serial = f"{seed}-{uuid.uuid4().hex[:12]}"
        boundary = uuid.uuid4().hex
        body = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="bulletin-{serial}.txt"'
            f"\r\nContent-Type: text/plain\r\n\r\n{report_text(rng, serial)}\r\n--{boundary}--\r\n"
        ).encode()
        headers = {
            "Authorization": f"Token {token}",
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Accept": "application/json",
        }
        started = time.perf_counter()
        error = None
        try:
            conn.request("POST", "/api/v1/reports/", body=body, headers=headers)
            response = conn.getresponse()
            payload = response.read()
            if response.status != 202:
                error = f"POST /api/v1/reports/: {response.status} {payload[:200]!r}"
            else:
                with recorder.lock:
                    recorder.report_ids.append(json.loads(payload)["id"])
        except (OSError, http.client.HTTPException, ValueError, KeyError) as exc:
            error = f"POST /api/v1/reports/: {exc!r}"
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=60)
        elapsed = time.perf_counter() - started
        recorder.record("upload", elapsed, error)
        time.sleep(max(0.0, pace - elapsed))  # analysts upload at a human pace, not in a tight loop
    conn.close()


def warm_up(port: int, token: str, concurrency: int, rounds: int = 5) -> None:
    """Requests not measured: each gunicorn worker imports the URL conf and views on its first request."""

    def one() -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=120)
        conn.request("GET", READ_PATHS[0], headers={"Authorization": f"Token {token}"})
        conn.getresponse().read()
        conn.close()

    for _ in range(rounds):
        threads = [threading.Thread(target=one) for _ in range(concurrency)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=150)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/ct_load")
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--analysts", type=int, default=5)
    parser.add_argument(
        "--upload-every", type=float, default=2.0, help="seconds between one analyst's uploads"
    )
    parser.add_argument("--gunicorn-workers", type=int, default=4)
    parser.add_argument("--celery-concurrency", type=int, default=4)
    parser.add_argument("--parse-deadline", type=float, default=300, help="seconds to wait for the parses")
    args = parser.parse_args()
    if urlsplit(args.database).hostname not in (HOST, "localhost"):
        raise SystemExit("The load test runs on loopback only.")
    if not shutil.which("redis-server"):
        raise SystemExit("needs redis-server")

    folder = Path(tempfile.mkdtemp(prefix="ct-load-"))
    redis_port, http_port = free_port(), free_port()
    env = {
        **os.environ,
        "DATABASE_URL": args.database,
        "CELERY_BROKER_URL": f"redis://{HOST}:{redis_port}/0",
        "CACHE_URL": f"redis://{HOST}:{redis_port}/1",
        "DJANGO_SETTINGS_MODULE": "conflict_tracker.settings",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "load-test-only-" + uuid.uuid4().hex),
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_HTTPS": "false",
        "DJANGO_MANIFEST_STATIC": "false",
        "API_THROTTLE_RATE": "10000000/hour",  # the load test measures the app, not the throttle
        "MEDIA_ROOT": str(folder / "media"),
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_SECRET_KEY")})
    os.environ.update(
        {"DJANGO_ALLOWED_HOSTS": HOST, "DJANGO_HTTPS": "false", "MEDIA_ROOT": env["MEDIA_ROOT"]}
    )
    sys.path.insert(0, str(ROOT))
    tokens = prepare(args.analysts)

    services = Services(env, folder, args.gunicorn_workers, args.celery_concurrency)
    recorder = Recorder()
    try:
        services.start(redis_port, http_port)
        print(f"gunicorn on {HOST}:{http_port}, redis on {redis_port}; logs in {folder}")
        warm_up(http_port, tokens["reader"], args.gunicorn_workers * 4)
        load_before = "/".join(f"{x:.1f}" for x in os.getloadavg())  # other work on the machine skews figures
        started = time.monotonic()
        stop_at = started + args.duration
        threads = [
            threading.Thread(target=reader, args=(http_port, tokens["reader"], stop_at, recorder, n))
            for n in range(args.readers)
        ] + [
            threading.Thread(
                target=uploader,
                args=(http_port, tokens["analysts"][n], stop_at, recorder, 1000 + n, args.upload_every),
            )
            for n in range(args.analysts)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.duration + 120)
        elapsed = time.monotonic() - started
        load_after = "/".join(f"{x:.1f}" for x in os.getloadavg())

        deadline = time.monotonic() + args.parse_deadline
        outcomes = report_outcomes(recorder.report_ids)
        while time.monotonic() < deadline and outcomes.get("parsed", 0) + outcomes.get("failed", 0) < len(
            recorder.report_ids
        ):
            time.sleep(1)
            outcomes = report_outcomes(recorder.report_ids)
        parse_wait = args.parse_deadline - max(0.0, deadline - time.monotonic())
    finally:
        services.stop()

    reads, uploads = recorder.latencies["read"], recorder.latencies["upload"]
    print(
        f"\nMachine: {os.cpu_count()} CPUs; load average at the start {load_before}, at the end {load_after}"
    )
    print(f"\n## Load ({args.readers} API readers, {args.analysts} analysts, {elapsed:.0f} s)\n")
    print("| measure | reads (GET /api/v1/incidents/) | uploads (POST /api/v1/reports/) |")
    print("|---|---|---|")
    print(f"| requests served | {len(reads):,} ({len(reads) / elapsed:.0f}/s) | {len(uploads):,} |")
    print(f"| errors | {len(recorder.errors['read'])} | {len(recorder.errors['upload'])} |")
    median = [statistics.median(reads) * 1000, statistics.median(uploads) * 1000]
    p99 = [percentile(reads, 0.99) * 1000, percentile(uploads, 0.99) * 1000]
    print(f"| median latency | {median[0]:.0f} ms | {median[1]:.0f} ms |")
    print(f"| p99 latency | {p99[0]:.0f} ms | {p99[1]:.0f} ms |")
    print(f"| max latency | {max(reads) * 1000:.0f} ms | {max(uploads) * 1000:.0f} ms |")
    print(f"\nUploaded reports: {len(recorder.report_ids)}; outcomes {outcomes}.")
    print(f"Every upload had settled {parse_wait:.0f} s after the load stopped.")
    for kind in ("read", "upload"):
        for error in recorder.errors[kind][:5]:
            print(f"  {kind} error: {error}")
    ok = not recorder.errors["read"] and not recorder.errors["upload"]
    ok = ok and outcomes.get("parsed", 0) == len(recorder.report_ids)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
