"""Worker and broker faults with real processes: a Celery worker, a Redis of the test's own, PostgreSQL.

The Redis here is a separate `redis-server` on a loopback port, without persistence, that the test
starts, restarts and stops itself (the shared one is never touched). The worker runs on the test
database with `tests.reliability.slow.SlowExtractor`, which can hold a parse until the test says so.
Every wait has a deadline; every process is stopped in a `finally`.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import redis
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection

from conflict_tracker.celery import app
from incidents import tasks, workflow
from incidents.models import Incident, Report
from incidents.workflow import parsing

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]
VISIBILITY_TIMEOUT = 3  # seconds before a dead worker's unacknowledged message is handed out again


def report_text(n: int) -> bytes:
    return (
        f"Bulletin {n}\n"
        f"Gunmen killed two soldiers near Mosul on Saturday (item {n}).\n"
        f"Separately, three civilians were killed by gunmen in Kirkuk (item {n}).\n"
    ).encode()


def wait_for(condition, *, timeout: float, what: str, log=lambda: "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"Timed out after {timeout} s waiting for {what}.\n{log()}")


class RedisServer:
    """A throw-away redis-server on loopback: no snapshots, no append-only file, so a restart loses all."""

    def __init__(self, folder: Path):
        # A free port of our own: two test runs at once (CI, a colleague) must not share a Redis.
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.folder, self.process = folder, None

    def start(self) -> None:
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
        command += ["--appendonly", "no", "--dir", str(self.folder), "--protected-mode", "yes"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis(port=self.port, socket_connect_timeout=0.5)
        wait_for(lambda: _pings(client), timeout=10, what=f"redis-server on port {self.port}")
        assert self.process.poll() is None, f"our redis-server exited: is port {self.port} taken?"

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


def _pings(client) -> bool:
    try:
        return client.ping()
    except redis.RedisError:
        return False


class Worker:
    """A solo-pool Celery worker subprocess on the test database, media folder and our Redis."""

    def __init__(self, folder: Path, name: str, broker: str, **env: str):
        database_url = urlsplit(os.environ["DATABASE_URL"])._replace(
            path="/" + connection.settings_dict["NAME"]
        )
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url.geturl(),
            "CELERY_BROKER_URL": broker,
            "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "DJANGO_SETTINGS_MODULE": "tests.reliability.worker_settings",
            "PYTHONPATH": str(ROOT),
            "CT_TEST_PARSE_DIR": str(folder),
            **env,
        }
        self.log_path = folder / f"{name}.log"
        self.name = name
        self.process: subprocess.Popen | None = None

    def start(self) -> Worker:
        command = [sys.executable, "-m", "celery", "-A", "conflict_tracker", "worker", "--pool=solo"]
        command += ["--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat"]
        command += [f"--hostname={self.name}@%h"]
        with self.log_path.open("ab") as output:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=output, stderr=subprocess.STDOUT
            )
        return self

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:] if self.log_path.exists() else ""

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture
def broker(tmp_path):
    if not shutil.which("redis-server"):
        reason = "needs the redis-server program to run a Redis of the test's own"
        if os.environ.get("CT_REQUIRE_ALL") == "1":  # CI runs every test: a skip would hide the gap
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    server = RedisServer(tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def workers(tmp_path, broker):
    started: list[Worker] = []

    def start(name: str, **env: str) -> Worker:
        worker = Worker(tmp_path, name, broker.url, **env).start()
        started.append(worker)
        return worker

    try:
        yield start
    finally:
        for worker in started:
            worker.stop()


@pytest.fixture(autouse=True)
def failed_sends(monkeypatch, broker):
    """Tasks queued by this process (uploads, the sweep) go to the test's Redis, one connection each.

    Returns the ids whose message could not be sent (the broker was down).
    """
    failed: list[int] = []

    def delay(report_id: int) -> None:
        try:
            with app.connection_for_write(broker.url) as conn:
                tasks.parse_report.apply_async(args=[report_id], connection=conn, retry=False)
        except Exception:
            failed.append(report_id)
            raise

    monkeypatch.setattr(tasks.parse_report, "delay", delay)
    return failed


def started(folder: Path) -> int:
    return len(list(folder.glob("started-*")))


def logs(*workers: Worker):
    return lambda: "\n".join(f"--- {w.name}\n{w.log()}" for w in workers)


def test_a_worker_killed_in_the_middle_of_a_parse_leaves_it_to_the_next_one_which_parses_it_once(
    broker, workers, tmp_path
):
    first = workers("doomed", CT_TEST_PARSE_HOLD="1")
    report, _ = workflow.receive_report(ContentFile(report_text(1), name="r1.txt"))
    wait_for(lambda: started(tmp_path) == 1, timeout=60, what="the parse to start", log=logs(first))
    assert Report.objects.get(pk=report.pk).status == Report.Status.PARSING

    first.kill()  # SIGKILL: no warm shutdown, no acknowledgement, no clean-up of any kind
    report.refresh_from_db()
    assert (report.status, report.attempts) == (Report.Status.PARSING, 1)
    assert not Incident.objects.filter(report=report).exists()  # the killed parse wrote nothing

    # Redis hands an unacknowledged message out again once it is older than the visibility timeout.
    time.sleep(VISIBILITY_TIMEOUT + 0.5)
    second = workers("successor")
    done = Report.objects.filter(pk=report.pk, status=Report.Status.PARSED)
    wait_for(done.exists, timeout=60, what="the re-delivered parse", log=logs(first, second))

    report.refresh_from_db()
    assert report.attempts == 2  # the killed attempt, and the one that finished
    drafts = Incident.objects.filter(report=report)
    assert sorted(drafts.values_list("position", flat=True)) == [0, 1]
    # Exactly one set of drafts was ever created: none made and deleted by a second, racing parse.
    assert Incident.history.filter(report_id=report.pk, history_type="+").count() == 2
    assert Incident.history.filter(report_id=report.pk, history_type="-").count() == 0
    # Nothing is left for the sweep.
    assert parsing.sweep_stuck_reports(older_than=dt.timedelta(0)) == 0


def test_a_redis_restart_during_a_burst_of_uploads_loses_no_report(broker, workers, tmp_path, failed_sends):
    supervisor = Supervisor(workers, "steady", CT_TEST_PARSE_DELAY="0.3")
    workflow.receive_report(ContentFile(report_text(0), name="burst-0.txt"))
    wait_for(lambda: started(tmp_path) >= 1, timeout=60, what="the worker to consume", log=supervisor.logs)
    for n in range(1, 16):
        if n == 8:
            broker.stop()  # every queued message is lost with it: no persistence
        if n == 9:
            broker.start()
        # The upload is accepted even while Redis is down: only its message is not sent.
        _, created = workflow.receive_report(ContentFile(report_text(n), name=f"burst-{n}.txt"))
        assert created
    assert Report.objects.count() == 16, "every upload is stored, whether or not its message reached Redis"

    # Let the worker reconnect and finish what survived its broker; then the sweep (beat's job, called
    # here directly) queues again every report whose message was lost, queued or half-parsed.
    wait_for(supervisor.quiet, timeout=60, what="the worker to finish what it had", log=supervisor.logs)
    stuck = Report.objects.filter(status__in=[Report.Status.QUEUED, Report.Status.PARSING]).count()
    parsed_before = Report.objects.filter(status=Report.Status.PARSED).count()
    # Some reports were parsed before the restart, some messages died with Redis: both paths are tested.
    assert stuck > 0 and parsed_before > 0, (stuck, parsed_before)
    # (A late message may still reach the worker meanwhile: the sweep re-queues at most what was stuck.)
    assert 0 < parsing.sweep_stuck_reports(older_than=dt.timedelta(0)) <= stuck

    every_one_parsed = lambda: supervisor.alive() and Report.objects.filter(status="parsed").count() == 16  # noqa: E731
    wait_for(every_one_parsed, timeout=90, what="every report to be parsed", log=supervisor.logs)
    for report in Report.objects.all():
        assert sorted(report.drafts.values_list("position", flat=True)) == [0, 1], report.original_name
    assert Incident.objects.count() == 32
    # The upload made while Redis was down could not send its message (one more may fail while Redis
    # comes back up); its report was stored all the same, and the sweep parsed it.
    assert 1 <= len(failed_sends) <= 2, failed_sends
    # A worker that exits on the broker's loss (kombu's "Unrecoverable error", seen now and then) is
    # started again, as a process supervisor does; nothing else may have killed it.
    for log in supervisor.deaths:
        assert "Unrecoverable error" in log, log


class Supervisor:
    """Keeps one worker running, starting a new one when it exits (as `restart: unless-stopped` does)."""

    def __init__(self, workers, name: str, **env: str):
        self.start, self.name, self.env = workers, name, env
        self.worker = workers(name, **env)
        self.deaths: list[str] = []
        self.last: tuple[int, float] = (-1, time.monotonic())

    def alive(self) -> bool:
        if self.worker.process.poll() is not None:
            self.deaths.append(self.worker.log_path.read_text(errors="replace"))  # whole: tracebacks are long
            self.worker = self.start(f"{self.name}-{len(self.deaths)}", **self.env)
        return True

    def quiet(self) -> bool:
        """True once no report has changed state for 5 s (the worker is idle or waiting on a lost message)."""
        self.alive()
        changed = Report.objects.exclude(status=Report.Status.QUEUED).count() + Incident.objects.count()
        if changed != self.last[0]:
            self.last = (changed, time.monotonic())
        return time.monotonic() - self.last[1] > 5

    def logs(self) -> str:
        died = "".join(d[-3000:] for d in self.deaths[-1:])
        return f"{died}\n--- {self.worker.name}\n{self.worker.log()}"


class TcpProxy:
    """A loopback TCP relay to PostgreSQL that the test can cut (every connection dropped) and restore."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.listener: socket.socket | None = None
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self) -> None:
        """Refuse new connections and cut every open one, as a database restart does."""
        if self.listener:
            self.listener.close()
            self.listener = None
        with self.lock:
            for sock in self.sockets:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()
            self.sockets.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # the listener was closed
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self.lock:
                self.sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


def test_postgresql_going_away_during_a_parse_is_retried_until_the_report_is_parsed(broker, tmp_path):
    database = connection.settings_dict
    proxy = TcpProxy((database["HOST"] or "127.0.0.1", int(database["PORT"] or 5432)))
    proxy.start()
    worker = Worker(tmp_path, "cut-off", broker.url, CT_TEST_PARSE_HOLD="1")
    proxied = urlsplit(worker.env["DATABASE_URL"])
    credentials = proxied.netloc.rsplit("@", 1)[0] + "@" if "@" in proxied.netloc else ""
    worker.env["DATABASE_URL"] = proxied._replace(netloc=f"{credentials}127.0.0.1:{proxy.port}").geturl()
    try:
        worker.start()
        report, _ = workflow.receive_report(ContentFile(report_text(1), name="r1.txt"))
        wait_for(lambda: started(tmp_path) == 1, timeout=60, what="the parse to start", log=logs(worker))

        proxy.stop()  # the worker's connection is cut while the extractor runs, and new ones are refused
        (tmp_path / "release").touch()
        wait_for(lambda: "Retry in" in worker.log(), timeout=30, what="a retry", log=logs(worker))
        time.sleep(1.5)  # down a little longer: the retries meet a refused connection too
        proxy.start()

        done = Report.objects.filter(pk=report.pk, status=Report.Status.PARSED)
        wait_for(done.exists, timeout=90, what="the parse to succeed after the outage", log=logs(worker))
        assert sorted(Incident.objects.filter(report=report).values_list("position", flat=True)) == [0, 1]
        assert Report.objects.get(pk=report.pk).failure_reason == ""
    finally:
        worker.stop()
        proxy.stop()


def test_a_real_worker_survives_hostile_files_and_goes_on_to_parse_a_good_one(broker, workers, tmp_path):
    from tests.ingestion import files
    from tests.reliability.test_hostile_uploads import SCRIPTED_HTML, noise

    worker = workers("sturdy")
    hostile = {
        "bomb.docx": files.zip_bomb_docx(),
        "locked.pdf": files.encrypted_pdf(),
        "noise.txt": noise(),
        "cut.pdf": files.pdf(["Two soldiers were killed near Mosul."] * 3)[:400],
        "scripts.html": SCRIPTED_HTML,
        "huge-line.txt": b"killed in Mosul " * (3 * 1024 * 1024 // 16),
    }
    for name, data in hostile.items():
        workflow.receive_report(ContentFile(data, name=name))
    good, _ = workflow.receive_report(ContentFile(report_text(1), name="after.txt"))

    finished = lambda: not Report.objects.exclude(status__in=["parsed", "failed"]).exists()  # noqa: E731
    wait_for(finished, timeout=90, what="every file to be dealt with", log=logs(worker))
    assert worker.process.poll() is None, "the worker died"
    outcomes = dict(Report.objects.values_list("original_name", "status"))
    assert outcomes.pop("after.txt") == outcomes.pop("scripts.html") == Report.Status.PARSED
    assert set(outcomes.values()) == {Report.Status.FAILED}, outcomes
    assert Incident.objects.filter(report=good).count() == 2
    assert "Traceback" not in "".join(Report.objects.values_list("failure_reason", flat=True))
