import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from incidents.models import Actor, ActorAlias, Incident
from tests.factories import ActorFactory, IncidentFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "change",
    [
        {"fatalities": -1},
        {"sub_event_type": "Peaceful protest"},  # a Protests sub-event type under Explosions
        {"latitude": 95},
        {"longitude": -181},
        {"time_precision": 4},
        {"geo_precision": 0},
        {"date_end": dt.date(2021, 1, 20)},  # before the event date
        {"fatalities": 5, "fatalities_low": 6},
        {"fatalities": 5, "fatalities_high": 4},
        {"status": Incident.Status.MERGED},  # merged without naming the incident it went into
    ],
)
def test_the_database_refuses_an_invalid_incident(change):
    incident = IncidentFactory()
    Incident.objects.filter(pk=incident.pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        Incident.objects.filter(pk=incident.pk).update(**change)


def test_a_valid_incident_is_stored():
    incident = IncidentFactory(fatalities=5, fatalities_low=4, fatalities_high=9)
    assert Incident.objects.get(pk=incident.pk).fatalities_high == 9


def test_clean_names_the_field_of_a_sub_event_type_from_another_event_type():
    incident = IncidentFactory.build(event_type="Protests", sub_event_type="Air/drone strike")
    with pytest.raises(ValidationError) as error:
        incident.clean()
    assert "sub_event_type" in error.value.message_dict


def test_clean_refuses_an_unknown_country():
    incident = IncidentFactory.build(country_iso="ZZ")
    with pytest.raises(ValidationError) as error:
        incident.clean()
    assert "country_iso" in error.value.message_dict


def test_actors_are_found_by_any_alias_ignoring_case_and_accents():
    actor = ActorFactory(name="Kataib Hezbollah")
    ActorAlias.objects.create(actor=actor, name="Kata'ib Hizbullāh")
    assert list(Actor.objects.named("KATAIB HEZBOLLAH")) == [actor]
    assert list(Actor.objects.named("kata'ib hizbullah")) == [actor]
    assert list(Actor.objects.named("Hezbollah")) == []


def test_an_alias_cannot_name_the_same_actor_twice():
    actor = ActorFactory()
    ActorAlias.objects.create(actor=actor, name="The Group")
    with pytest.raises(IntegrityError), transaction.atomic():
        ActorAlias.objects.create(actor=actor, name="the group")


def test_two_drafts_of_one_report_cannot_share_a_position(tmp_path):
    from tests.test_workflow import make_report

    report = make_report(b"some text")
    IncidentFactory(report=report, position=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        IncidentFactory(report=report, position=0)


def test_str_of_the_main_models_is_readable():
    incident = IncidentFactory()
    assert "Suicide bomb" in str(incident) and "Baghdad" in str(incident)
    assert str(ActorFactory(name="Taliban")) == "Taliban"
