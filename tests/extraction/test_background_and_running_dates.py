# ruff: noqa: E501  (report texts read better unwrapped)
"""Background that is no event, and a lead's missing day given by the sentence that points back to it."""

import datetime as dt

import pytest

PUBLISHED = dt.date(2024, 6, 12)  # a Wednesday


@pytest.mark.parametrize(
    "text",
    [
        # a forecast
        "Analysts say more fighting near Garissa, Kenya, is likely in the coming weeks.",
        # a habit
        "Raids on villages near Garissa, Kenya, have become an almost daily occurrence.",
        # a war's toll
        "The insurgency in Garissa has killed more than 3,000 people, Kenyan officials say.",
        # an old alliance
        "The militia fought alongside the army near Garissa, Kenya, during the 2011 campaign.",
        # the protests named as the organisers' cause
        "Organisers of the protests in Nairobi, Kenya, said the movement has no leaders.",
    ],
)
def test_background_sentences_give_no_event(extractor, text):
    assert extractor.extract(text, published=PUBLISHED) == []


@pytest.mark.parametrize(
    "second",
    [
        "The strike hit a market on Saturday afternoon, residents said.",
        "The attack on the market began on Saturday afternoon, residents said.",
    ],
)
def test_the_sentence_pointing_back_to_an_undated_lead_gives_its_day(extractor, second):
    text = "A drone strike killed 12 people in Garissa, Kenya, residents said. " + second
    (candidate,) = extractor.extract(text, published=PUBLISHED)
    assert candidate.event_date == dt.date(2024, 6, 8)
    assert candidate.fatalities == 12


def test_a_dated_lead_keeps_its_day_when_a_later_sentence_names_another(extractor):
    text = (
        "Gunmen killed 12 people in Garissa, Kenya, on Monday. "
        "During the operation on Saturday, troops detonated a car bomb in Mandera."
    )
    candidates = extractor.extract(text, published=PUBLISHED)
    assert candidates[0].event_date == dt.date(2024, 6, 10)


def test_a_town_called_by_its_kind_is_the_town(extractor):
    text = "A junta jet bombed a market in Monywa Township, Myanmar, on Monday, killing five civilians."
    assert extractor.extract(text, published=PUBLISHED)[0].location == "Monywa"


def test_a_district_of_the_city_named_beside_it_is_the_same_event(extractor):
    # Kasarani lies 11 km from Nairobi's centre: one sweep on one day, not two events.
    text = "Police detained 40 men in Nairobi and Kasarani, Kenya, on Saturday."
    (candidate,) = extractor.extract(text, published=PUBLISHED)
    assert candidate.sub_event_type == "Arrests"


@pytest.mark.parametrize(
    "text, sub_event_type, actor1",
    [
        (
            "Police fired tear gas shells to disperse students protesting in Nairobi, Kenya, on Monday.",
            "Protest with intervention",
            "Protesters (Kenya)",
        ),
        (
            "Traders protesting against the grenade attack blocked a road in Quetta, Pakistan, on Tuesday.",
            "Peaceful protest",
            "Protesters (Pakistan)",
        ),
    ],
)
def test_what_a_crowd_protests_against_or_is_dispersed_with_is_no_attack(
    extractor, text, sub_event_type, actor1
):
    (candidate,) = extractor.extract(text, published=PUBLISHED)
    assert (candidate.sub_event_type, candidate.actor1.name) == (sub_event_type, actor1)


def test_a_capitalised_unit_of_a_county_does_not_outrank_the_village_named_first(extractor):
    text = "Gunmen abducted 12 herders in Kolbio, in the Fafi Local Government Area of Garissa County, Kenya, on Saturday."
    assert extractor.extract(text, published=PUBLISHED)[0].location == "Kolbio"
