import datetime as dt

import pytest

from incidents.datasets import importer
from incidents.datasets.rows import FormatError
from incidents.models import Actor, ActorAlias, Incident, IncidentActor, IncidentSource, Source
from incidents.taxonomy import ActorType
from tests import factories

pytestmark = pytest.mark.django_db


def acled(fixture_file, name, **kwargs):
    return importer.import_file(fixture_file(name), "acled", **kwargs)


def history_rows() -> int:
    return Incident.history.count()


def test_an_acled_file_is_mapped_onto_incidents_actors_places_and_sources(fixture_file, editor):
    baghdad = factories.LocationFactory(name="Baghdad", country_iso="IQ")
    report = acled(fixture_file, "acled_valid.csv", user=editor)

    assert (report.created, report.updated, report.unchanged, report.rejected) == (5, 0, 0, 0)
    bombing = Incident.objects.get(dataset="acled", external_id="IRQ90001")
    assert bombing.status == Incident.Status.PUBLISHED
    assert bombing.origin == Incident.Origin.IMPORTED
    assert bombing.event_date == dt.date(2021, 1, 21)
    assert (bombing.event_type, bombing.sub_event_type) == ("Explosions/Remote violence", "Suicide bomb")
    assert bombing.disorder_type == "Political violence"
    assert bombing.civilian_targeting is True
    assert (bombing.country_iso, bombing.admin1, bombing.admin2) == ("IQ", "Baghdad", "Al Rusafa")
    assert bombing.location == baghdad  # matched by name and country
    assert (bombing.latitude, bombing.longitude, bombing.fatalities) == (33.3406, 44.4009, 32)
    assert bombing.notes.endswith("Fatalities: 32 killed, 110 injured.")  # the quoted newline kept
    assert bombing.published_by == editor and bombing.created_by == editor
    assert [(a.name, a.actor_type) for a in [bombing.actor1, bombing.actor2]] == [
        ("Islamic State (Iraq)", ActorType.REBEL_GROUP),
        ("Civilians (Iraq)", ActorType.CIVILIANS),
    ]
    assert sorted(bombing.source_links.values_list("source__name", flat=True)) == ["Reuters", "Shafaq News"]
    clash = Incident.objects.get(external_id="IRQ90002")
    assert clash.geo_precision == 2 and clash.location is None  # no gazetteer entry: name and coordinates
    assert [a.name for a in clash.actors_in(IncidentActor.Role.ASSOC_ACTOR1)] == [
        "Popular Mobilization Forces"
    ]
    looting = Incident.objects.get(external_id="MLI70001")
    assert looting.fatalities is None  # an empty cell is "not stated", not 0
    assert looting.disorder_type == "Strategic developments"
    protest = Incident.objects.get(external_id="SYR80001")
    assert protest.tags == ["crowd size=dozens"] and protest.time_precision == 2
    assert Source.objects.filter(name="Shafaq News").count() == 1  # two rows, one outlet
    assert Source.objects.get(name="Ukrainska Pravda").source_scale == "National"


def test_known_actors_are_matched_by_name_or_alias_and_not_duplicated(fixture_file):
    state = factories.ActorFactory(name="Iraqi Armed Forces", actor_type=ActorType.STATE_FORCES)
    ActorAlias.objects.create(actor=state, name="Military Forces of Iraq (2020-)")
    isis = factories.ActorFactory(name="islamic state (iraq)")  # case-insensitive name match

    acled(fixture_file, "acled_valid.csv")

    clash = Incident.objects.get(external_id="IRQ90002")
    assert (clash.actor1, clash.actor2) == (state, isis)
    assert Actor.objects.filter(name__iexact="Islamic State (Iraq)").count() == 1


def test_new_actors_get_the_files_inter_code_or_one_their_name_implies(fixture_file):
    acled(fixture_file, "acled_valid.csv")
    assert Actor.objects.get(name="Military Forces of Russia (2000-)").actor_type == ActorType.STATE_FORCES
    assert Actor.objects.get(name="Protesters (Syria)").actor_type == ActorType.PROTESTERS
    # An associated actor has no inter column of its own.
    assert Actor.objects.get(name="Popular Mobilization Forces").actor_type == ActorType.STATE_FORCES
    assert Actor.objects.get(name="Civilians (Mali)").country_iso == "ML"


def test_bad_rows_are_rejected_with_their_physical_line_and_the_rest_imported(fixture_file):
    report = acled(fixture_file, "acled_broken.csv")

    assert Incident.objects.count() == report.created == 2
    assert set(Incident.objects.values_list("external_id", flat=True)) == {"IRQ91001", "IRQ91009"}
    assert [(e["line"], e["id"]) for e in report.errors] == [
        (3, "IRQ91002"),
        (4, "IRQ91003"),
        (5, "IRQ91004"),
        (7, "IRQ91005"),  # after a row whose notes span lines 5 and 6
        (8, "IRQ91001"),
        (9, "IRQ91006"),
        (10, "IRQ91007"),
        (11, "IRQ91008"),
    ]
    reasons = [e["reason"] for e in report.errors]
    assert reasons == [
        "event_date “2021-02-30” is not a date",
        "sub_event_type “Ambush” is not an ACLED sub-event type",
        "fatalities -4 is negative",
        "latitude 95.0 is outside -90..90",
        "the id IRQ91001 repeats line 2",
        "expected 31 fields, found 7 (a stray comma or quote?)",
        "country “Narnia” is unknown",
        "sub_event_type “Armed clash” is not a sub-event type of “Protests”",
    ]
    assert report.rejected == 8


def test_a_file_that_is_not_acled_is_refused_whole_before_anything_is_written(fixture_file):
    with pytest.raises(FormatError, match="event_id_cnty, event_date, sub_event_type, country"):
        acled(fixture_file, "acled_missing_headers.csv")
    with pytest.raises(FormatError, match="Not an ACLED file"):
        acled(fixture_file, "ucdp_valid.csv")
    assert not Incident.objects.exists() and not Actor.objects.exists() and not Source.objects.exists()


def test_older_upper_case_headers_and_written_out_dates_are_read(fixture_file):
    report = acled(fixture_file, "acled_legacy_upper.csv")
    assert report.created == 2
    afgooye = Incident.objects.get(external_id="SOM50001")
    assert afgooye.event_date == dt.date(2019, 1, 21)
    assert [a.name for a in afgooye.actors_in("assoc_actor_1")] == [
        "AMISOM: African Union Mission in Somalia (2007-2022)"
    ]  # the old ALLY_ACTOR_1 column
    assert Incident.objects.get(external_id="SOM50002").event_date == dt.date(2019, 2, 3)


def test_pre_2019_event_types_map_onto_todays_sub_event_types(fixture_file):
    acled(fixture_file, "acled_pre2019_event_types.csv")
    bama = Incident.objects.get(external_id="NIG40001")
    assert (bama.event_type, bama.sub_event_type) == ("Battles", "Armed clash")
    assert bama.event_date == dt.date(2017, 3, 12)


def test_excel_serial_and_day_first_dates_all_mean_the_same_day(fixture_file):
    acled(fixture_file, "acled_excel_dates.csv")
    assert set(Incident.objects.values_list("event_date", flat=True)) == {dt.date(2021, 1, 21)}
    assert Incident.objects.count() == 4


@pytest.mark.parametrize(
    "name, external_id, text",
    [("acled_bom.csv", "SYR80002", "Ma’arrat Misrin"), ("acled_cp1252.csv", "MLI70002", "Ménaka")],
)
def test_bom_and_cp1252_files_import_with_their_accents_intact(fixture_file, name, external_id, text):
    report = acled(fixture_file, name)
    assert report.created == 1 and report.rejected == 0
    assert Incident.objects.get(external_id=external_id).location_name == text


def test_importing_the_same_file_twice_changes_nothing(fixture_file):
    acled(fixture_file, "acled_valid.csv")
    before = (
        history_rows(),
        IncidentActor.objects.count(),
        IncidentSource.objects.count(),
        Actor.objects.count(),
    )
    versions = dict(Incident.objects.values_list("external_id", "version"))

    report = acled(fixture_file, "acled_valid.csv")

    assert (report.created, report.updated, report.unchanged) == (0, 0, 5)
    after = (
        history_rows(),
        IncidentActor.objects.count(),
        IncidentSource.objects.count(),
        Actor.objects.count(),
    )
    assert after == before
    assert dict(Incident.objects.values_list("external_id", "version")) == versions


def test_a_newer_version_of_a_row_updates_the_incident_and_shows_in_its_history(fixture_file, editor):
    acled(fixture_file, "acled_valid.csv")
    bombing = Incident.objects.get(external_id="IRQ90001")
    assert [h.history_change_reason for h in bombing.history.all()] == ["imported"]

    report = acled(fixture_file, "acled_updated.csv", user=editor)

    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    bombing.refresh_from_db()
    assert bombing.fatalities == 35 and bombing.version == 2
    latest, first = bombing.history.all()[:2]
    assert (latest.history_change_reason, latest.history_user, latest.history_type) == (
        "updated by import",
        editor,
        "~",
    )
    assert (first.fatalities, latest.fatalities) == (32, 35)
    assert Incident.objects.count() == 5  # rows absent from the newer file are left alone


def test_an_import_leaves_the_status_an_editor_gave_an_incident(fixture_file, editor):
    acled(fixture_file, "acled_valid.csv", status=Incident.Status.DRAFT)
    Incident.objects.filter(external_id="IRQ90001").update(status=Incident.Status.REJECTED)
    acled(fixture_file, "acled_updated.csv", user=editor)
    assert Incident.objects.get(external_id="IRQ90001").status == Incident.Status.REJECTED
    assert set(Incident.objects.exclude(external_id="IRQ90001").values_list("status", flat=True)) == {"draft"}


def test_a_dry_run_counts_everything_and_writes_nothing(fixture_file):
    report = acled(fixture_file, "acled_broken.csv", dry_run=True)
    assert (report.created, report.rejected, report.dry_run) == (2, 8, True)
    assert not Incident.objects.exists()
    assert not Actor.objects.exists() and not Source.objects.exists()
    assert history_rows() == 0


def test_a_dry_run_over_existing_incidents_reports_the_updates_it_would_make(fixture_file):
    acled(fixture_file, "acled_valid.csv")
    report = acled(fixture_file, "acled_updated.csv", dry_run=True)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    assert Incident.objects.get(external_id="IRQ90001").fatalities == 32


def test_small_batches_give_the_same_result_as_one(fixture_file):
    report = acled(fixture_file, "acled_broken.csv", batch_size=2)
    # Across batches a repeated id is a newer version of the row, not a rejection.
    assert (report.created, report.updated, report.rejected) == (2, 1, 7)
    assert Incident.objects.get(external_id="IRQ91001").event_date == dt.date(2021, 1, 25)
