"""The one database-backed piece: loading the gazetteer and actor dictionary from rows."""

import datetime as dt

import pytest

from incidents.extraction import resources
from incidents.extraction.pipeline import RuleExtractor
from incidents.models import Actor, ActorAlias, Location


@pytest.mark.django_db
def test_loader_builds_lookups_the_pipeline_can_use():
    Location.objects.create(name="Chad", kind="country", country_iso="TD", latitude=15.0, longitude=19.0)
    Location.objects.create(
        name="Bol",
        kind="place",
        country_iso="TD",
        admin1="Lac",
        latitude=13.46,
        longitude=14.71,
        population=20_000,
        alternate_names=["Bōl", "بول"],
    )
    army = Actor.objects.create(name="Military Forces of Chad", actor_type=1, country_iso="TD")
    ActorAlias.objects.create(actor=army, name="Chadian army")
    gazetteer, actors = resources.load_gazetteer(), resources.load_actors()
    assert [r.name for r in gazetteer.lookup("bol")] == ["Bol"]
    assert "بول" not in gazetteer.index  # only Latin names are indexed
    assert actors.country_of_word("Chadian") == "TD"
    (candidate,) = RuleExtractor(gazetteer, actors).extract(
        "The Chadian army clashed with militants in Bol on Monday.", published=dt.date(2022, 3, 9)
    )
    assert (candidate.location, candidate.actor1.name) == ("Bol", "Military Forces of Chad")
