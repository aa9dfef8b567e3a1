"""The settings module read under different environments, each in a fresh interpreter."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROBE = (
    "import json, django; from django.conf import settings as s; "
    "db = s.DATABASES['default']; "
    "print(json.dumps({'engine': db['ENGINE'], 'name': str(db['NAME']),"
    " 'eager': s.CELERY_TASK_ALWAYS_EAGER, 'ssl': s.SECURE_SSL_REDIRECT, 'hsts': s.SECURE_HSTS_SECONDS,"
    " 'cookie': s.SESSION_COOKIE_SECURE, 'acks_late': s.CELERY_TASK_ACKS_LATE,"
    " 'reject_lost': s.CELERY_TASK_REJECT_ON_WORKER_LOST, 'prefetch': s.CELERY_WORKER_PREFETCH_MULTIPLIER,"
    " 'content': s.CELERY_ACCEPT_CONTENT, 'media': str(s.MEDIA_ROOT), 'debug': s.DEBUG}))"
)


def read_settings(**environ):
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "CELERY_", "MEDIA_"))
    }
    env.update(environ, DJANGO_SETTINGS_MODULE="conflict_tracker.settings")
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        return result.stderr
    return json.loads(result.stdout)


def test_unset_variables_give_sqlite_and_in_process_tasks():
    s = read_settings(DJANGO_DEBUG="true")
    assert s["engine"] == "django.db.backends.sqlite3" and s["name"].endswith("db.sqlite3")
    assert s["eager"] is True


def test_database_and_broker_urls_switch_to_postgres_and_redis():
    s = read_settings(
        DJANGO_SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://ct:pw@db:5432/ct",
        CELERY_BROKER_URL="redis://redis:6379/0",
        MEDIA_ROOT="/srv/media",
    )
    assert s["engine"] == "django.db.backends.postgresql" and s["name"] == "ct"
    assert s["eager"] is False and s["media"] == "/srv/media"


def test_production_is_secure_by_default_and_refuses_to_start_without_a_secret_key():
    assert "Set the DJANGO_SECRET_KEY environment variable" in read_settings()
    s = read_settings(DJANGO_SECRET_KEY="x" * 50)
    assert s["debug"] is False and s["ssl"] and s["cookie"] and s["hsts"] >= 31536000


def test_celery_is_configured_for_reliable_delivery():
    s = read_settings(DJANGO_DEBUG="true")
    assert (s["acks_late"], s["reject_lost"], s["prefetch"], s["content"]) == (True, True, 1, ["json"])


@pytest.mark.parametrize("debug", ["false"])
def test_deploy_checks_pass_under_production_settings(debug):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "CELERY_"))}
    env.update(
        DJANGO_DEBUG=debug,
        DJANGO_SECRET_KEY="a" * 20 + "-production-secret-key-with-enough-entropy-9f8e7d",
        DJANGO_ALLOWED_HOSTS="tracker.example.org",
        DJANGO_SETTINGS_MODULE="conflict_tracker.settings",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
