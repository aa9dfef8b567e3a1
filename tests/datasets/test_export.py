import csv
import io

import pytest
from django.core.management import call_command

from incidents.datasets import exporter, importer
from incidents.datasets.acled import ACLED_COLUMNS
from incidents.datasets.ucdp import UCDP_COLUMNS
from incidents.models import Actor, Incident, IncidentActor, IncidentSource, Source

pytestmark = pytest.mark.django_db

COMPARED = [
    "status",
    "origin",
    "event_date",
    "date_end",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "civilian_targeting",
    "country_iso",
    "admin1",
    "admin2",
    "admin3",
    "location_name",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "fatalities_low",
    "fatalities_high",
    "notes",
    "tags",
    "dataset",
    "external_id",
]


def snapshot() -> dict:
    """Everything an import sets, per incident, with actors and outlets by name."""
    incidents = {}
    for incident in Incident.objects.with_related():
        values = {name: getattr(incident, name) for name in COMPARED}
        values["actors"] = sorted(
            (link.role, link.actor.name, link.actor.actor_type) for link in incident.actor_links.all()
        )
        values["sources"] = sorted((link.source.name, link.excerpt) for link in incident.source_links.all())
        incidents[incident.external_id] = values
    return incidents


def empty_the_database():
    IncidentActor.objects.all().delete()
    IncidentSource.objects.all().delete()
    Incident.objects.all().delete()
    Incident.history.all().delete()
    Actor.objects.all().delete()
    Source.objects.all().delete()


@pytest.mark.parametrize(
    "dataset, files",
    [
        ("acled", ["acled_valid.csv", "acled_legacy_upper.csv", "acled_excel_dates.csv", "acled_cp1252.csv"]),
        ("ucdp", ["ucdp_valid.csv"]),
    ],
)
def test_export_then_import_into_an_empty_database_yields_the_same_incidents(
    fixture_file, tmp_path, dataset, files
):
    for name in files:
        importer.import_file(fixture_file(name), dataset)
    before = snapshot()
    exported = tmp_path / f"export-{dataset}.csv"
    with open(exported, "w", encoding="utf-8", newline="") as out:
        assert exporter.write_csv(Incident.objects.all(), dataset, out) == len(before)

    empty_the_database()
    report = importer.import_file(exported, dataset)

    assert (report.created, report.rejected) == (len(before), 0)
    assert snapshot() == before
    # And the export of the re-imported data is the same file (the timestamp column aside).
    again = tmp_path / "again.csv"
    with open(again, "w", encoding="utf-8", newline="") as out:
        exporter.write_csv(Incident.objects.all(), dataset, out)
    assert drop_timestamps(again.read_text()) == drop_timestamps(exported.read_text())


def drop_timestamps(text: str) -> list[dict]:
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:
        row.pop("timestamp", None)
    return rows


def test_the_export_has_the_formats_columns_and_the_datasets_own_ids(fixture_file):
    importer.import_file(fixture_file("acled_valid.csv"), "acled")
    importer.import_file(fixture_file("ucdp_valid.csv"), "ucdp")
    acled_rows = list(
        csv.DictReader(
            io.StringIO("".join(exporter.stream_csv(Incident.objects.filter(dataset="acled"), "acled")))
        )
    )
    assert list(acled_rows[0]) == list(ACLED_COLUMNS)
    bombing = next(row for row in acled_rows if row["event_id_cnty"] == "IRQ90001")
    assert (bombing["source"], bombing["fatalities"], bombing["iso"], bombing["region"]) == (
        "Reuters; Shafaq News",
        "32",
        "368",
        "Middle East",
    )
    ucdp_rows = list(
        csv.DictReader(
            io.StringIO("".join(exporter.stream_csv(Incident.objects.filter(dataset="ucdp"), "ucdp")))
        )
    )
    assert list(ucdp_rows[0]) == UCDP_COLUMNS
    tarmiyah = next(row for row in ucdp_rows if row["id"] == "300001")
    assert (tarmiyah["best"], tarmiyah["low"], tarmiyah["high"], tarmiyah["type_of_violence"]) == (
        "5",
        "5",
        "7",
        "1",
    )
    assert (tarmiyah["region"], tarmiyah["dyad_name"]) == ("Middle East", "Government of Iraq - IS")


def test_export_filters_use_the_incident_lists_parameter_names(fixture_file):
    importer.import_file(fixture_file("acled_valid.csv"), "acled")
    importer.import_file(fixture_file("acled_excel_dates.csv"), "acled", status=Incident.Status.DRAFT)

    def ids(**params):
        return sorted(
            exporter.filter_incidents(Incident.objects.all(), params).values_list("external_id", flat=True)
        )

    assert ids(country="IQ") == ["IRQ90001", "IRQ90002"]
    assert ids(country="Iraq,Syria") == ["IRQ90001", "IRQ90002", "SYR80001"]
    assert ids(date_from="2021-03-01", status="published") == ["MLI70001", "UKR60001"]
    assert ids(date_to="2021-01-21", status="draft") == ["PAK30001", "PAK30002", "PAK30003", "PAK30004"]
    assert ids(min_fatalities="3") == ["IRQ90001", "UKR60001"]
    assert ids(event_type="Protests") == ["SYR80001"]
    assert ids(sub_event_type="Grenade", admin1="Balochistan") == ["PAK30002", "PAK30003", "PAK30004"]
    with pytest.raises(exporter.FilterError):
        ids(country="Narnia")


def test_the_export_command_writes_a_file_with_its_filters(fixture_file, tmp_path):
    importer.import_file(fixture_file("acled_valid.csv"), "acled")
    out = tmp_path / "out.csv"
    call_command(
        "export_incidents", str(out), "--format", "acled", "--country", "IQ", "--since", "2021-01-22"
    )
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [row["event_id_cnty"] for row in rows] == ["IRQ90002"]
