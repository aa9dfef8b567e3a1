"""The documented backup and restore (ops/backup.sh, ops/restore.sh), run for real on PostgreSQL."""

import os
import subprocess
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from incidents import workflow
from tests.factories import IncidentFactory
from tests.test_workflow import make_report

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def database_url(name: str) -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgresql://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def test_a_backup_restores_the_database_and_the_uploaded_files(tmp_path, settings, editor):
    incident = workflow.publish(IncidentFactory(), editor=editor)
    report = make_report(b"Gunmen attacked a village on Monday, killing four.")
    stored = Path(report.file.path)
    env = {
        **os.environ,
        "DATABASE_URL": database_url(connection.settings_dict["NAME"]),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    backup = tmp_path / "backup"
    subprocess.run([ROOT / "ops" / "backup.sh", backup], env=env, check=True, capture_output=True)

    # Restore into a new, empty database and an empty media folder: what a lost server comes back to.
    target = f"{connection.settings_dict['NAME']}_restored"
    with psycopg.connect(database_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{target}"')
        admin.execute(f'CREATE DATABASE "{target}"')
    try:
        restored_media = tmp_path / "restored-media"
        env.update(DATABASE_URL=database_url(target), MEDIA_ROOT=str(restored_media))
        subprocess.run([ROOT / "ops" / "restore.sh", backup], env=env, check=True, capture_output=True)

        with psycopg.connect(database_url(target)) as db:
            row = db.execute(
                "SELECT public_id, status FROM incidents_incident WHERE id = %s", [incident.pk]
            ).fetchone()
            history = db.execute(
                "SELECT count(*) FROM incidents_historicalincident WHERE id = %s", [incident.pk]
            ).fetchone()[0]
        assert row == (incident.public_id, "published") and history == 2
        copy = restored_media / stored.relative_to(settings.MEDIA_ROOT)
        assert copy.read_bytes() == stored.read_bytes()
    finally:
        with psycopg.connect(database_url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{target}"')


def test_a_damaged_backup_is_refused_before_anything_is_replaced(tmp_path, settings):
    make_report(b"some report")
    env = {
        **os.environ,
        "DATABASE_URL": database_url(connection.settings_dict["NAME"]),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    backup = tmp_path / "backup"
    subprocess.run([ROOT / "ops" / "backup.sh", backup], env=env, check=True, capture_output=True)
    with open(backup / "database.dump", "r+b") as dump:
        dump.seek(100)
        dump.write(b"garbage")
    result = subprocess.run([ROOT / "ops" / "restore.sh", backup], env=env, capture_output=True, text=True)
    assert result.returncode != 0 and "FAILED" in result.stdout + result.stderr
