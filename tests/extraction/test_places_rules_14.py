"""Place rules of rules-1.4, on a small gazetteer written for these tests."""

import datetime as dt

import pytest

from incidents.extraction import negatives, places
from incidents.extraction.gazetteer import Gazetteer
from incidents.extraction.pipeline import RuleExtractor
from tests.extraction.conftest import build_actors

PUBLISHED = dt.date(2024, 6, 12)


@pytest.fixture(scope="module")
def gazetteer():
    g = Gazetteer()
    g.add("Iraq", "country", "IQ", "", 33.0, 44.0, 40_000_000)
    g.add("Ar Ramādī", "place", "IQ", "Anbar", 33.42, 43.3, 270_000, alternate_names=["Ar Ramadi"])
    g.add("Al Qā'im", "place", "IQ", "Anbar", 34.37, 41.09, 75_000, alternate_names=["Al Qaim"])
    g.add("Karbala", "place", "IQ", "Karbala", 32.6, 44.02, 700_000)
    return g


def test_a_name_without_its_arabic_article_is_found(gazetteer):
    assert [r.name for r in gazetteer.lookup("Ramadi")] == ["Ar Ramādī"]
    assert [r.name for r in gazetteer.lookup("al-Ramadi")] == []  # the article spelled otherwise
    assert [r.name for r in gazetteer.lookup("Ar Ramadi")] == ["Ar Ramādī"]


def test_a_cue_before_the_article_makes_a_settlement(gazetteer):
    text = "Gunmen attacked a checkpoint in the town of al-Qaim on Monday."
    (mention,) = places.find_places(gazetteer, text, 0, len(text), [])
    assert mention.settlement


def test_a_verb_after_the_name_does_not_make_it_an_adjective(gazetteer):
    text = "A drone strike on the outskirts of Karbala killed two men."
    (mention,) = places.find_places(gazetteer, text, 0, len(text), [])
    assert not mention.adjective
    noun = "Karbala police said two men were killed."
    (mention,) = places.find_places(gazetteer, noun, 0, len(noun), [])
    assert mention.adjective


def test_a_press_club_named_after_its_town_is_in_the_town(gazetteer):
    extractor = RuleExtractor(gazetteer, build_actors())
    text = "Relatives of missing men staged a sit-in outside the Karbala Press Club in Iraq on Tuesday."
    (candidate,) = extractor.extract(text, published=PUBLISHED)
    assert candidate.location == "Karbala"


def test_weeks_of_hyphenated_protests_are_an_aggregate():
    assert negatives.is_aggregate("The country emerged from seven weeks of anti-government protests.")
