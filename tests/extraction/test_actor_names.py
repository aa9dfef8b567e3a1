# ruff: noqa: E501  (report texts read better unwrapped)
"""Actors named the ACLED way: the shipped dictionary's names, and generic nouns read by country."""

import datetime as dt

import pytest

from incidents import actor_dictionary
from incidents.extraction.actors import ActorDictionary, find_named


@pytest.fixture(scope="module")
def shipped_actors() -> ActorDictionary:
    """The dictionary load_actors writes to the database, built straight from data/actors.json."""
    actors = ActorDictionary()
    for entry in actor_dictionary.entries():
        actors.add(entry.name, entry.actor_type, entry.country_iso, entry.aliases)
    return actors


@pytest.mark.parametrize(
    "sentence, name",
    [
        ("TNLA troops advanced on the town.", "TNLA: Ta'ang National Liberation Army"),
        ("The Tatmadaw shelled the village.", "Military Forces of Myanmar"),
        ("The Sudanese Armed Forces retook the bridge.", "Military Forces of Sudan"),
        ("Fighters of the Estado Mayor Central ambushed a patrol.", "EMC: Central General Staff"),
        ("Los Chapitos gunmen opened fire.", "Sinaloa Cartel (Los Chapitos)"),
        ("Israeli settlers set fire to cars.", "Settlers (Israel)"),
        ("Naxalites blew up a road.", "CPI (Maoist): Communist Party of India (Maoist)"),
        ("The Ethiopian National Defence Force (ENDF) moved in.", "Military Forces of Ethiopia"),
        ("Haitian National Police officers patrolled.", "Police Forces of Haiti"),
        ("Ansaroul Islam claimed the raid.", "Ansaroul Islam"),
        ("U.S. Africa Command said it struck a camp.", "Military Forces of the United States"),
        ("Royal Air Force jets struck a depot.", "Military Forces of the United Kingdom"),
    ],
)
def test_the_shipped_dictionary_knows_widely_reported_armed_groups(shipped_actors, sentence, name):
    hits = find_named(shipped_actors, sentence, 0, len(sentence))
    assert hits and hits[0].name == name


def test_every_shipped_group_has_an_inter_code_and_a_unique_name():
    entries = actor_dictionary.entries()
    assert len({e.name for e in entries}) == len(entries)
    assert all(1 <= e.actor_type <= 8 for e in entries)


def _one(extractor, text):
    (candidate,) = extractor.extract(text, published=dt.date(2024, 6, 12))
    return candidate


def _name(mention):
    return mention.name if mention else None


@pytest.mark.parametrize(
    "text, actor1, actor2",
    [
        # In the occupied Palestinian territories unnamed troops are Israel's; settlers are their own actor.
        ("Troops arrested 15 men in Nablus, Palestine, on Tuesday.", "Military Forces of Israel", None),
        (
            "Settlers attacked farmers near Nablus, Palestine, on Friday, wounding three.",
            "Settlers (Israel)",
            "Civilians (Palestine)",
        ),
        # "junta" is the ruling military; a demonym four words before the weapon still names its state.
        (
            "A junta fighter jet bombed a village near Monywa, Myanmar, on Monday, killing nine civilians.",
            "Military Forces of Myanmar",
            "Civilians (Myanmar)",
        ),
        (
            "A Russian Kh-101 cruise missile struck an apartment block in Kharkiv, Ukraine, on Monday, killing four people.",
            "Military Forces of Russia",
            "Civilians (Ukraine)",
        ),
        # Unattributed strikes on Ukraine are Russia's; elsewhere the attacker stays unidentified.
        (
            "A drone struck a warehouse in Kharkiv, Ukraine, on Sunday, injuring two workers.",
            "Military Forces of Russia",
            None,
        ),
        (
            "A drone struck a warehouse in Garissa, Kenya, on Sunday, injuring two workers.",
            "Unidentified Armed Group (Kenya)",
            None,
        ),
        # Two subjects of "clashed", the first with its generic noun, the second with its acronym.
        (
            "RSF fighters and the Sudanese army (SAF) clashed in El Fasher, Sudan, on Monday.",
            "RSF: Rapid Support Forces",
            "Military Forces of Sudan",
        ),
    ],
)
def test_generic_actors_are_named_for_the_country_they_belong_to(extractor, text, actor1, actor2):
    candidate = _one(extractor, text)
    assert (_name(candidate.actor1), _name(candidate.actor2)) == (actor1, actor2)


def test_an_air_strike_without_its_agent_is_the_states_not_a_rebel_groups(extractor):
    text = "An air strike hit a market in Monywa, Myanmar, on Monday, killing nine civilians."
    assert _name(_one(extractor, text).actor1) == "Military Forces of Myanmar"


def test_a_drone_strike_in_a_report_about_a_rebel_group_is_the_states(extractor):
    text = (
        "RSF fighters stormed a village near El Fasher, Sudan, on Sunday, killing 12 villagers. "
        "The RSF said it had taken the village. RSF commanders vowed to advance.\n\n"
        "On Tuesday a drone struck a fuel depot in El Fasher, killing three people."
    )
    candidates = extractor.extract(text, published=dt.date(2024, 6, 12))
    strike = next(c for c in candidates if c.sub_event_type == "Air/drone strike")
    assert _name(strike.actor1) == "Military Forces of Sudan"


def test_a_drone_strike_told_beside_a_named_armed_group_is_not_given_to_the_state(extractor):
    text = (
        "RSF fighters stormed a village near El Fasher, Sudan, on Sunday, killing 12 villagers. "
        "The RSF said it had taken the village. RSF commanders vowed to advance.\n\n"
        "On Tuesday drones struck a fuel depot in El Fasher as the RSF pressed its war against the army."
    )
    candidates = extractor.extract(text, published=dt.date(2024, 6, 12))
    strike = next(c for c in candidates if c.sub_event_type == "Air/drone strike")
    assert _name(strike.actor1) == "RSF: Rapid Support Forces"
