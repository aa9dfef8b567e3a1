"""The import's cost per batch does not grow with its rows, and files in other shapes still read."""

import csv
import threading

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from incidents.datasets import importer, jobs
from incidents.models import ImportJob, Incident
from tests import factories

pytestmark = pytest.mark.django_db

HEADER = (
    "event_id_cnty,event_date,sub_event_type,actor1,inter1,actor2,inter2,country,admin1,location,"
    "latitude,longitude,source,notes,fatalities"
)


def write_rows(path, count: int, *, start: int = 0, fatalities: int = 1) -> None:
    lines = [HEADER]
    for n in range(start, start + count):
        lines.append(
            f"SYR{n},2021-0{1 + n % 9}-1{n % 10},Armed clash,Armed Group {n % 7},Rebel group,"
            f"Military Forces of Syria (2000-),State forces,Syria,Idleb,Village {n % 13},35.9,36.6,"
            f"Outlet {n % 5},Clash number {n}.,{fatalities}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def queries_to_import(path, **kwargs) -> int:
    with CaptureQueriesContext(connection) as queries:
        importer.import_file(path, "acled", **kwargs)
    return len(queries)


def test_a_batch_takes_the_same_number_of_queries_whatever_its_size(tmp_path):
    warm, small, large = tmp_path / "warm.csv", tmp_path / "small.csv", tmp_path / "large.csv"
    write_rows(warm, 20, start=5000)  # creates the actors and outlets both files name
    importer.import_file(warm, "acled")
    write_rows(small, 20)
    write_rows(large, 200, start=1000)
    assert queries_to_import(small) == queries_to_import(large)
    assert Incident.objects.count() == 240


def test_reimporting_unchanged_rows_reads_and_writes_nothing_per_row(tmp_path):
    small, large = tmp_path / "small.csv", tmp_path / "large.csv"
    write_rows(small, 20)
    write_rows(large, 200, start=1000)
    importer.import_file(small, "acled")
    importer.import_file(large, "acled")
    assert queries_to_import(small) == queries_to_import(large)


def test_updating_many_rows_takes_a_fixed_number_of_statements_per_batch(tmp_path):
    original, newer = tmp_path / "original.csv", tmp_path / "newer.csv"
    write_rows(original, 120)
    write_rows(newer, 120, fatalities=2)
    importer.import_file(original, "acled")
    with CaptureQueriesContext(connection) as queries:
        report = importer.import_file(newer, "acled")
    assert report.updated == 120
    assert len(queries) < 30
    assert Incident.history.filter(history_change_reason="updated by import").count() == 120


def test_crlf_line_ends_and_semicolon_separated_files_read_like_any_other(tmp_path, fixture_file):
    text = fixture_file("acled_valid.csv").read_text(encoding="utf-8")
    crlf = tmp_path / "crlf.csv"
    crlf.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    report = importer.import_file(crlf, "acled")
    assert (report.created, report.rejected) == (5, 0)
    assert Incident.objects.get(external_id="IRQ90001").notes.endswith("Fatalities: 32 killed, 110 injured.")

    semicolons = tmp_path / "semicolons.csv"
    semicolons.write_text(
        "event_id_cnty;event_date;sub_event_type;country;fatalities\n"
        "YEM1;21/01/2021;Air/drone strike;Yemen;4\n",
        encoding="utf-8",
    )
    assert importer.import_file(semicolons, "acled").created == 1
    assert Incident.objects.get(external_id="YEM1").fatalities == 4


def test_the_rejection_list_is_capped_but_every_rejection_counted(tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "MAX_ERRORS", 3)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        HEADER + "\n" + "\n".join(f"X{n},never,Armed clash,,,,,Syria,,,,,,,1" for n in range(10)) + "\n"
    )
    report = importer.import_file(bad, "acled")
    assert (report.rejected, len(report.errors)) == (10, 3)


def test_a_redelivered_task_for_a_finished_job_does_nothing(fixture_file, editor, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("a.csv", fixture_file("acled_valid.csv").read_bytes())
    job = jobs.start_import(upload, dataset="acled", target_status="draft", dry_run=False, user=editor)
    jobs.run_import(job.pk)
    Incident.objects.all().delete()
    jobs.run_import(job.pk)  # the broker delivers the message again
    job.refresh_from_db()
    assert (job.status, job.created) == (ImportJob.Status.DONE, 5)
    assert not Incident.objects.exists()


def test_a_runaway_quote_rejects_its_row_and_reading_goes_on(tmp_path, monkeypatch):
    from incidents.datasets import readers

    monkeypatch.setattr(readers, "FIELD_LIMIT", 0)
    previous_limit = csv.field_size_limit(1000)  # process-wide: a small one, to keep the file small
    try:
        broken = tmp_path / "open-quote.csv"
        broken.write_text(
            HEADER + "\n"
            "SYR1,2021-01-10,Armed clash,,,,,Syria,,,,,,Fine.,1\n"
            f'SYR2,2021-01-11,Armed clash,,,,,Syria,,,,,,"An open quote {"x" * 1200}\n'
            "SYR3,2021-01-12,Armed clash,,,,,Syria,,,,,,After it.,1\n",
            encoding="utf-8",
        )
        report = importer.import_file(broken, "acled")
    finally:
        csv.field_size_limit(previous_limit)
    assert sorted(Incident.objects.values_list("external_id", flat=True)) == ["SYR1", "SYR3"]
    assert report.errors == [
        {"line": 3, "id": "", "reason": "unreadable CSV: field larger than field limit (1000)"}
    ]


def test_rejections_are_counted_with_their_own_batch_while_the_next_is_parsed_ahead(tmp_path):
    # Parsing runs a batch or two ahead of the writes; the report must still grow batch by batch.
    path = tmp_path / "mixed.csv"
    write_rows(path, 7)
    lines = path.read_text().splitlines()
    lines[2] = lines[2].replace("Armed clash", "Ambush")  # line 3, in the first batch
    lines[6] = lines[6].replace("Syria", "Narnia")  # line 7, in the third batch
    path.write_text("\n".join(lines) + "\n")
    seen = []
    report = importer.import_file(path, "acled", batch_size=3, progress=lambda r: seen.append(r.rows_done))
    assert seen == [3, 6, 7]
    assert [(e["line"], e["id"]) for e in report.errors] == [(3, "SYR1"), (7, "SYR5")]
    assert (report.created, report.rejected) == (5, 2)


def test_an_error_while_writing_stops_the_reading_thread(tmp_path, monkeypatch):
    path = tmp_path / "rows.csv"
    write_rows(path, 30)
    calls = []

    def failing_write(self, rows):
        calls.append(len(rows))
        raise RuntimeError("disk full")

    monkeypatch.setattr(importer.BatchWriter, "write", failing_write)
    with pytest.raises(RuntimeError, match="disk full"):
        importer.import_file(path, "acled", batch_size=2)
    assert calls == [2]
    assert not [t for t in threading.enumerate() if t.name == "import-parser"]


def test_an_unexpected_error_while_parsing_reaches_the_caller(tmp_path, monkeypatch):
    path = tmp_path / "rows.csv"
    write_rows(path, 10)

    def broken_parse(self, line, values):
        raise KeyError("a bug in a parser")

    monkeypatch.setattr(importer.AcledRows, "parse", broken_parse)
    with pytest.raises(KeyError, match="a bug in a parser"):
        importer.import_file(path, "acled", batch_size=4)
    assert not Incident.objects.exists()


def test_imported_ids_come_from_the_sequence_so_later_incidents_do_not_collide(tmp_path):
    path = tmp_path / "rows.csv"
    write_rows(path, 12)
    importer.import_file(path, "acled", batch_size=5)
    imported = set(Incident.objects.values_list("pk", flat=True))
    later = factories.IncidentFactory()
    assert len(imported) == 12
    assert later.pk > max(imported)
    # Each incident's history row and links name its own id.
    history = dict(Incident.history.values_list("id", "external_id"))
    assert history == dict(Incident.objects.values_list("pk", "external_id"))
    assert {pk for (pk,) in Incident.objects.filter(actors__isnull=False).values_list("pk")} == imported


@pytest.mark.skipif(connection.vendor != "postgresql", reason="partial indexes and plans: PostgreSQL")
def test_the_id_lookup_probes_the_partial_unique_index_for_each_id():
    from django.db import transaction

    ids = [f"SYR{n}" for n in range(importer.BATCH_SIZE)]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table: ask which index it can use
        cursor.execute("EXPLAIN " + importer.EXISTING_IDS_SQL, [ids, "acled"])
        plan = "\n".join(line for (line,) in cursor.fetchall())
    assert "Nested Loop" in plan
    assert "incident_unique_dataset_id" in plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite stores any 64-bit integer")
def test_a_row_the_database_refuses_is_rejected_and_the_rest_of_its_batch_written(tmp_path):
    path = tmp_path / "rows.csv"
    write_rows(path, 3)
    lines = path.read_text().splitlines()
    lines[2] = lines[2].rsplit(",", 1)[0] + ",99999999999"  # fatalities beyond PostgreSQL's integer
    path.write_text("\n".join(lines) + "\n")
    report = importer.import_file(path, "acled")
    assert (report.created, report.rejected) == (2, 1)
    assert report.errors[0]["line"] == 3
    assert report.errors[0]["reason"].startswith("refused by the database")
    assert sorted(Incident.objects.values_list("external_id", flat=True)) == ["SYR0", "SYR2"]
    assert Incident.history.count() == 2
    assert set(Incident.objects.filter(actors__isnull=False).values_list("external_id", flat=True)) == {
        "SYR0",
        "SYR2",
    }
