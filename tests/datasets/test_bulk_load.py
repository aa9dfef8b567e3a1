"""The bulk-load mode: the same incidents as a normal import, the schema rebuilt exactly, all or nothing."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from incidents.datasets import importer
from incidents.models import Incident, IncidentActor, IncidentSource
from tests import factories
from tests.datasets.test_batches import write_rows

INDEXES_SQL = "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s)"
CONSTRAINTS_SQL = """
SELECT conrelid::regclass::text, conname, contype, pg_get_constraintdef(oid), condeferrable, condeferred,
       convalidated
FROM pg_constraint WHERE conrelid = ANY(%s::regclass[])
"""


def schema() -> tuple[list, list]:
    """Every index and constraint definition of the tables an import writes."""
    tables = [model._meta.db_table for model in importer.WRITTEN_MODELS]
    with connection.cursor() as cursor:
        cursor.execute(INDEXES_SQL, [tables])
        indexes = sorted(cursor.fetchall())
        cursor.execute(CONSTRAINTS_SQL, [tables])
        constraints = sorted(cursor.fetchall())
    return indexes, constraints


def imported() -> dict[str, tuple]:
    """Each incident by dataset id: values, actor and outlet links, history (ids and times aside)."""
    skip = {"id", "public_id", "created_at", "updated_at", "published_at"}
    names = [f.attname for f in Incident._meta.concrete_fields if f.attname not in skip]
    found = {}
    for incident in Incident.objects.order_by("external_id"):
        actors = IncidentActor.objects.filter(incident=incident).values_list("actor__name", "role", "mention")
        sources = IncidentSource.objects.filter(incident=incident).values_list("source__name", "excerpt")
        history = Incident.history.filter(id=incident.pk).values_list("history_type", "history_change_reason")
        found[incident.external_id] = (
            {name: getattr(incident, name) for name in names},
            sorted(actors),
            sorted(sources),
            sorted(history),
        )
    return found


def empty_the_written_tables() -> None:
    tables = ", ".join(model._meta.db_table for model in importer.WRITTEN_MODELS)
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {tables} CASCADE")  # CASCADE: duplicate candidates name incidents


@pytest.mark.parametrize("fixture", ["acled_valid.csv", "acled_broken.csv"])
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_bulk_import_writes_what_a_normal_import_writes_and_rebuilds_the_schema_exactly(
    fixture, fixture_file
):
    before = schema()
    normal = importer.import_file(fixture_file(fixture), "acled")
    expected = imported()
    empty_the_written_tables()

    bulk = importer.import_file(fixture_file(fixture), "acled", bulk=True)

    assert (bulk.created, bulk.rejected, bulk.errors) == (normal.created, normal.rejected, normal.errors)
    assert imported() == expected
    assert schema() == before


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_importing_again_in_bulk_changes_nothing(fixture_file):
    importer.import_file(fixture_file("acled_valid.csv"), "acled", bulk=True)
    expected, before = imported(), schema()
    report = importer.import_file(fixture_file("acled_valid.csv"), "acled", bulk=True)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 5)
    assert imported() == expected
    assert schema() == before
    # And a normal import of the same file after a bulk one finds every row unchanged too.
    assert importer.import_file(fixture_file("acled_valid.csv"), "acled").unchanged == 5


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_bulk_import_that_fails_mid_load_writes_nothing_and_keeps_every_index(tmp_path, monkeypatch):
    path = tmp_path / "rows.csv"
    write_rows(path, 30)
    before = schema()
    write = importer.BatchWriter.write
    batches, during = [], []

    def fail_on_the_third_batch(self, rows):
        batches.append(len(rows))
        if len(batches) == 3:
            during.append(schema())
            raise RuntimeError("disk full")
        return write(self, rows)

    monkeypatch.setattr(importer.BatchWriter, "write", fail_on_the_third_batch)
    with pytest.raises(RuntimeError, match="disk full"):
        importer.import_file(path, "acled", batch_size=10, bulk=True)

    assert batches == [10, 10, 10]  # two batches were written before the error
    # While it loaded, only the primary keys and the unique index of the id lookup were left.
    indexes, constraints = during[0]
    assert {name for _table, name, _sql in indexes} == {
        "incidents_incident_pkey",
        "incident_unique_dataset_id",
        "incidents_historicalincident_pkey",
        "incidents_incidentactor_pkey",
        "incidents_incidentsource_pkey",
    }
    assert {kind for _table, _name, kind, *_ in constraints} == {"p", "c"}  # no foreign key, no unique
    assert not Incident.objects.exists()
    assert not Incident.history.exists()
    assert not IncidentActor.objects.exists()
    assert not IncidentSource.objects.exists()
    assert schema() == before


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_bulk_import_takes_its_ids_from_the_sequence_like_any_insert(tmp_path):
    path = tmp_path / "rows.csv"
    write_rows(path, 25)
    importer.import_file(path, "acled", batch_size=10, bulk=True)
    ids = sorted(Incident.objects.values_list("pk", flat=True))
    assert len(set(ids)) == 25
    assert factories.IncidentFactory().pk > ids[-1]
    # Each incident's history row and links name its own id.
    assert dict(Incident.history.values_list("id", "external_id")) == dict(
        Incident.objects.values_list("pk", "external_id")
    )
    assert set(IncidentActor.objects.values_list("incident_id", flat=True)) == set(ids)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_bulk_import_command_imports_in_one_transaction(fixture_file, capsys):
    call_command("import_incidents", str(fixture_file("acled_valid.csv")), "--format", "acled", "--bulk")
    assert "5 created, 0 updated, 0 unchanged, 0 rejected" in capsys.readouterr().out
    assert Incident.objects.count() == 5


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor == "postgresql", reason="the refusal is for the other databases")
def test_the_bulk_import_command_is_refused_off_postgresql(fixture_file):
    with pytest.raises(CommandError, match="--bulk needs PostgreSQL"):
        call_command("import_incidents", str(fixture_file("acled_valid.csv")), "--format", "acled", "--bulk")
    assert not Incident.objects.exists()
