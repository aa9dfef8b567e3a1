# ruff: noqa: E501  (report texts read better unwrapped)
"""Rules added after the fifth held-out set was measured; every text written for these tests."""

import datetime as dt

import pytest

from incidents.extraction import events
from incidents.extraction.gazetteer import Gazetteer
from incidents.extraction.pipeline import RuleExtractor
from incidents.taxonomy import SubEventType as S
from tests.extraction.conftest import build_actors

PUBLISHED = dt.date(2024, 6, 12)  # a Wednesday


@pytest.fixture(scope="module")
def extractor():
    g = _small_gazetteer()
    g.add("India", "country", "IN", "", 22.0, 79.0, 1_400_000_000)
    g.add("Pakistan", "country", "PK", "", 30.0, 70.0, 220_000_000)
    g.add("Lucknow", "place", "IN", "Uttar Pradesh", 26.85, 80.95, 2_800_000)
    g.add("Lucknow", "place", "PK", "Punjab", 31.5, 73.1, 900)  # a hamlet abroad with the same name
    g.add("Mandera", "place", "KE", "Mandera", 3.94, 41.86, 87_000)
    return RuleExtractor(g, build_actors())


def test_an_incident_summary_section_is_read(extractor):
    text = (
        "KENYA: Security Update\n\nINCIDENT SUMMARY\n"
        "1. Garissa, 10 June: Gunmen shot dead two teachers at a school in Garissa, Kenya."
    )
    (candidate,) = extractor.extract(text, published=PUBLISHED)
    assert (candidate.location, candidate.fatalities) == ("Garissa", 2)


def test_a_big_city_names_its_country_when_only_a_foreign_demonym_is_named(extractor):
    text = (
        "Gunmen shot dead a shopkeeper in Lucknow on Monday, police said. Police in Lucknow said the "
        "suspects were linked to a Pakistani smuggling ring. Traders in Lucknow closed their shops."
    )
    (candidate,) = extractor.extract(text, published=PUBLISHED)
    assert candidate.country_iso == "IN"


def test_a_dateline_under_a_headline_is_the_filing_date(extractor):
    text = (
        "Two teachers shot dead in Garissa school attack\n\n"
        "Garissa, Jun 12: Gunmen shot dead two teachers at a school in Garissa, Kenya, yesterday, police said."
    )
    (candidate,) = extractor.extract(text, published=PUBLISHED)
    assert candidate.event_date == dt.date(2024, 6, 11)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Militants burned around 40 houses in Garissa, Kenya, on Monday.", S.LOOTING),
        ("Gunmen set fire to shops and stalls in Garissa, Kenya, on Monday.", S.LOOTING),
        # the arson is part of an attack on people
        ("Settlers set fire to two houses in Garissa, Kenya, on Monday and attacked residents.", S.ATTACK),
    ],
)
def test_arson_is_property_destruction_unless_people_are_attacked(extractor, sentence, expected):
    (candidate,) = extractor.extract(sentence, published=PUBLISHED)
    assert candidate.sub_event_type == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Troops entered the town after the rebels withdrew overnight.",
            S.NON_STATE_ACTOR_OVERTAKES_TERRITORY,
        ),
        # no withdrawal: entering is no change of hands
        ("Troops entered the town to search for weapons.", None),
    ],
)
def test_a_town_entered_after_its_holders_withdrew_changes_hands(sentence, expected):
    trigger = events.main_trigger(events.find_triggers(sentence, 0, len(sentence)))
    assert (trigger.sub_event_type if trigger else None) == expected


def test_troops_entering_a_town_after_the_militants_left_regain_it(extractor):
    text = "Kenyan troops entered Mandera, Kenya, on Monday after Al Shabaab fighters withdrew overnight."
    (candidate,) = extractor.extract(text, published=PUBLISHED)
    assert candidate.sub_event_type == S.GOVERNMENT_REGAINS_TERRITORY


@pytest.mark.parametrize(
    "sentence, killed",
    [
        ("A drone hit a lorry near the border, killing the driver.", 1),
        ("Gunmen shot dead community leader Amina Yusuf outside her home.", 1),
        # passive: the person after "and" is another outcome's
        ("Three rebels were killed and a soldier was injured.", 3),
    ],
)
def test_one_victim_named_after_the_verb(sentence, killed):
    from incidents.extraction import casualties

    counts = casualties.find_counts(sentence, 0, len(sentence))
    assert casualties.total(counts, "killed") == killed


def test_a_reporting_tail_is_not_the_event_s_clause():
    from incidents.extraction import negatives

    sentence = (
        "At least 20 people were killed in the fighting, the charity said, citing figures from the "
        "hospital, one of the few still working in the city."
    )
    assert negatives.negative_reason(sentence, sentence.index("fighting")) is None


def test_an_alias_two_actors_share_is_the_one_of_the_report_s_country():
    from incidents.extraction.actors import ActorDictionary

    actors = build_actors()
    actors.add("Kurdish Democratic Front", 2, "IQ", ["KDF"])  # listed first: no longer wins by order
    actors.add("Military Forces of Kenya", 1, "KE", ["KDF"])
    extractor = RuleExtractor(_small_gazetteer(), actors)
    (candidate,) = extractor.extract(
        "The KDF raided a camp in Garissa, Kenya, on Monday, killing five Al Shabaab fighters.",
        published=PUBLISHED,
    )
    assert candidate.actor1.name == "Military Forces of Kenya"
    assert candidate.actor1.mention == "KDF"
    assert isinstance(actors, ActorDictionary)


def _small_gazetteer():
    g = Gazetteer()
    g.add("Kenya", "country", "KE", "", 0.5, 37.9, 53_000_000)
    g.add("Garissa", "place", "KE", "Garissa", -0.45, 39.65, 120_000)
    return g


def test_a_place_described_by_its_distance_from_a_bigger_one_is_the_place():
    g = _small_gazetteer()
    g.add("Dadaab", "place", "KE", "Garissa", 0.06, 40.31, 60_000)
    extractor = RuleExtractor(g, build_actors())
    text = (
        "A suicide bomber rammed a truck into the gate of the Dadaab police station, some 90 kilometres "
        "east of Garissa, Kenya, on Monday, killing four policemen."
    )
    (candidate,) = extractor.extract(text, published=PUBLISHED)
    assert candidate.location == "Dadaab"
    # a destination described by its distance is no place of the event
    road = (
        "Gunmen abducted two aid workers on the road to Dadaab, about 30 km from Garissa, Kenya, on Monday."
    )
    (candidate,) = extractor.extract(road, published=PUBLISHED)
    assert candidate.location == "Garissa"


def test_an_ethnic_group_s_armed_men_are_its_ethnic_militia(extractor):
    text = "Armed Borana herders attacked a village near Mandera, Kenya, on Monday, killing six people."
    (candidate,) = extractor.extract(text, published=PUBLISHED)
    assert candidate.actor1.name == "Borana Ethnic Militia (Kenya)"


def test_attackers_identified_later_are_the_actor(extractor):
    text = (
        "At least nine people were killed when armed men attacked cattle camps near Mandera, Kenya, on "
        "Saturday, officials said.\n\nA county commissioner told Radio Jangwani on Sunday that the attackers, "
        "whom he identified as Garre youths from across the border, drove off 500 head of cattle."
    )
    (candidate,) = extractor.extract(text, published=PUBLISHED)
    assert candidate.actor1.name == "Garre Ethnic Militia (Kenya)"
    assert candidate.event_date == dt.date(2024, 6, 8)


def test_a_day_told_to_a_named_outlet_is_when_it_was_said():
    from incidents.extraction import dates

    sentence = "The commissioner told Radio Jangwani on Sunday that the attackers had fled."
    (mention,) = dates.find_dates(sentence, 0, len(sentence), PUBLISHED)
    assert mention.reporting


@pytest.mark.parametrize(
    "sentence, killed",
    [
        ("Gunmen shot dead a government schoolteacher near the market.", 1),
        ("Gunmen on Friday killed Amos Kiprono Langat, a coordinator of the county peace committee.", 1),
    ],
)
def test_one_victim_by_occupation_or_by_name(sentence, killed):
    from incidents.extraction import casualties

    assert casualties.total(casualties.find_counts(sentence, 0, len(sentence)), "killed") == killed


def test_a_town_of_a_district_is_the_town(extractor):
    text = "A roadside bomb killed two policemen near Garissa town of Mandera district, Kenya, on Monday."
    (candidate,) = extractor.extract(text, published=PUBLISHED)
    assert candidate.location == "Garissa"
    adjective = "Gunmen attacked the police station in the Somali town of Mandera, Kenya, on Monday."
    (candidate,) = extractor.extract(adjective, published=PUBLISHED)
    assert candidate.location == "Mandera"


def test_the_town_named_after_a_lead_that_names_only_the_country_is_the_same_attack(extractor):
    text = (
        "Gunmen killed at least 30 people in an attack on a town in northern Kenya on Thursday, officials "
        "said.\n\nMembers of the gang opened fire on residents of Mandera, a town near the border, and set "
        "fire to dozens of homes, officials said. A rights group put the number of dead at more than 50."
    )
    (candidate,) = extractor.extract(text, published=PUBLISHED)
    assert (candidate.location, candidate.fatalities) == ("Mandera", 30)


def test_a_toll_over_three_places_is_no_one_event_s_and_its_day_carries_on(extractor):
    text = (
        "Five dead as protests turn violent in Garissa, Mandera and Nairobi\n\n"
        "Five people were killed yesterday as police clashed with protesters in several towns.\n\n"
        "In Garissa, police fired tear gas at hundreds of protesters who tried to march to the county offices."
    )
    (candidate,) = extractor.extract(text, published=PUBLISHED)
    assert candidate.location == "Garissa"
    assert candidate.fatalities is None
    assert candidate.event_date == dt.date(2024, 6, 11)


def test_things_destroyed_are_no_toll():
    from incidents.extraction import casualties

    sentence = 'The group said it destroyed 14 army vehicles and killed "dozens" of soldiers.'
    assert casualties.total(casualties.find_counts(sentence, 0, len(sentence)), "killed") != 14


def test_a_statement_on_a_later_day_about_the_attack_is_the_same_attack(extractor):
    text = (
        "Hundreds of Al Shabaab fighters attacked the Kenyan town of Mandera on Sunday, killing at least 20 "
        "people including soldiers and civilians, sources said.\n\nIn a statement read on state television "
        "on Monday evening, the army said its units had repelled a complex attack on Mandera."
    )
    (candidate,) = extractor.extract(text, published=PUBLISHED)
    assert candidate.event_date == dt.date(2024, 6, 9)
    assert candidate.location == "Mandera"
    # an assault that killed soldiers is a battle in the codebook
    assert candidate.sub_event_type == S.ARMED_CLASH


def test_unnamed_jihadists_are_the_rebels_not_a_pro_government_militia():
    actors = build_actors()
    actors.add("Home Guard Volunteers", 3, "KE", ["HGV"])
    extractor = RuleExtractor(_small_gazetteer(), actors)
    text = (
        "Jihadists killed six HGV members in Garissa, Kenya, on Monday. The HGV said its men fought back. "
        "The HGV patrols the area. Al Shabaab did not comment."
    )
    candidates = extractor.extract(text, published=PUBLISHED)
    assert candidates[0].actor1.name != "Home Guard Volunteers"
