import datetime as dt

import pytest

from incidents.datasets import importer
from incidents.datasets.rows import FormatError
from incidents.models import Actor, Incident
from incidents.taxonomy import ActorType

pytestmark = pytest.mark.django_db


def ucdp(fixture_file, name, **kwargs):
    return importer.import_file(fixture_file(name), "ucdp", **kwargs)


def test_a_ucdp_file_keeps_best_low_and_high_and_maps_violence_and_precision(fixture_file):
    report = ucdp(fixture_file, "ucdp_valid.csv")
    assert (report.created, report.rejected) == (4, 0)

    tarmiyah = Incident.objects.get(dataset="ucdp", external_id="300001")
    assert (tarmiyah.fatalities, tarmiyah.fatalities_low, tarmiyah.fatalities_high) == (5, 5, 7)
    assert (tarmiyah.event_type, tarmiyah.sub_event_type) == ("Battles", "Armed clash")
    assert tarmiyah.civilian_targeting is False
    assert (tarmiyah.time_precision, tarmiyah.geo_precision) == (1, 1)
    assert tarmiyah.date_end is None  # same day as the start
    assert (tarmiyah.admin1, tarmiyah.location_name, tarmiyah.country_iso) == (
        "Baghdad governorate",
        "Tarmiyah town",
        "IQ",
    )
    assert tarmiyah.notes == "Two soldiers and three IS members killed in Tarmiyah"
    assert (
        tarmiyah.actor1.name == "Government of Iraq" and tarmiyah.actor1.actor_type == ActorType.STATE_FORCES
    )
    link = tarmiyah.source_links.get()
    assert link.source.name == "UCDP GED" and link.excerpt == 'Shafaq News,2020-03-02,"Clashes in Tarmiyah"'

    one_sided = Incident.objects.get(external_id="300002")
    assert (one_sided.event_type, one_sided.sub_event_type) == ("Violence against civilians", "Attack")
    assert one_sided.civilian_targeting is True
    assert (one_sided.event_date, one_sided.date_end) == (dt.date(2020, 5, 8), dt.date(2020, 5, 10))
    assert (one_sided.time_precision, one_sided.geo_precision) == (2, 2)  # date_prec 3, where_prec 2
    assert Actor.objects.get(name="Civilians").actor_type == ActorType.CIVILIANS

    non_state = Incident.objects.get(external_id="300003")
    assert non_state.sub_event_type == "Armed clash"
    assert (non_state.time_precision, non_state.geo_precision) == (3, 3)  # a month; a state
    assert non_state.actor1.actor_type == ActorType.POLITICAL_MILITIA

    congo = Incident.objects.get(external_id="300004")
    assert congo.country_iso == "CD"  # "DR Congo (Zaire)"
    assert congo.event_date == dt.date(2020, 7, 14)  # written 14/07/2020


def test_bad_ucdp_rows_are_rejected_with_line_and_reason(fixture_file):
    report = ucdp(fixture_file, "ucdp_broken.csv")
    assert report.created == 1
    assert [(e["line"], e["reason"]) for e in report.errors] == [
        (3, "type_of_violence 4 is above 3"),
        (4, "low 6 is above best 5"),
        (5, "date_end 2020-03-02 is before date_start 2020-03-05"),
        (6, "date_start “March 2020” is not a date"),
    ]


def test_a_file_that_is_not_ucdp_is_refused_whole(fixture_file):
    with pytest.raises(FormatError, match="Not a UCDP GED file"):
        ucdp(fixture_file, "ucdp_missing_headers.csv")
    with pytest.raises(FormatError):
        ucdp(fixture_file, "acled_valid.csv")
    assert not Incident.objects.exists()


def test_reimporting_ucdp_changes_nothing_and_ids_do_not_clash_with_acled(fixture_file):
    ucdp(fixture_file, "ucdp_valid.csv")
    history = Incident.history.count()
    report = ucdp(fixture_file, "ucdp_valid.csv")
    assert (report.created, report.unchanged) == (0, 4)
    assert Incident.history.count() == history
