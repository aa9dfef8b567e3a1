"""The production shape is described by docker-compose.yml and the Dockerfile; Docker cannot run
here, so their structure is checked instead (CI also runs `docker compose config` where it can)."""

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_postgres_redis_gunicorn_and_a_worker(compose):
    services = compose["services"]
    assert {"postgres", "redis", "web", "worker"} <= set(services)
    assert "gunicorn" in services["web"]["command"] and "migrate" not in services["worker"]
    assert "setup_demo --no-demo" in services["web"]["command"]  # migrations on start
    assert services["worker"]["command"][:3] == ["celery", "-A", "conflict_tracker"]


def test_every_service_has_a_health_check_and_state_lives_in_volumes(compose):
    services = compose["services"]
    for name in ("postgres", "redis", "web", "worker"):
        assert "healthcheck" in services[name], name
    assert {"pgdata", "media"} <= set(compose["volumes"])
    assert (
        "media:/data/media" in services["web"]["volumes"]
        and "media:/data/media" in services["worker"]["volumes"]
    )


def test_the_app_is_configured_from_the_environment(compose):
    env = compose["services"]["web"]["environment"]
    assert env["DATABASE_URL"].startswith("postgres://") and env["CELERY_BROKER_URL"].startswith("redis://")
    example = (ROOT / ".env.example").read_text()
    for name in (
        "DJANGO_SECRET_KEY",
        "DATABASE_URL",
        "CELERY_BROKER_URL",
        "MEDIA_ROOT",
        "DJANGO_ALLOWED_HOSTS",
    ):
        assert f"{name}=" in example


def test_the_health_endpoint_answers(client, db):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_every_service_comes_back_after_a_crash(compose):
    # A Celery worker can exit on a broker restart ("Unrecoverable error"); the supervisor restarts it.
    for name, service in compose["services"].items():
        assert service.get("restart") == "unless-stopped", name
