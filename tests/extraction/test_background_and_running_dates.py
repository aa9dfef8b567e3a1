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


def test_an_undated_event_takes_the_day_it_was_said_not_the_lead_s(extractor):
    # Written for these tests (rules-1.4): the lead is Monday's; the arrests are told only as said Tuesday.
    text = (
        "Gunmen killed five people in Garissa, Kenya, on Monday, police said.\n\n"
        "Police in Nairobi said on Tuesday they had arrested nine suspects in raids on houses."
    )
    candidates = extractor.extract(text, published=PUBLISHED)
    arrests = [c for c in candidates if c.location == "Nairobi"]
    assert [c.event_date for c in arrests] == [dt.date(2024, 6, 11)]
    assert [c.event_date for c in candidates if c.location == "Garissa"] == [dt.date(2024, 6, 10)]


def test_hours_later_opening_a_paragraph_is_the_day_of_the_event_before(extractor):
    text = (
        "A car bomb killed four people in Garissa, Kenya, on Monday, police said.\n\n"
        "On Tuesday evening, mortar shells hit a police post in Mandera, wounding two officers.\n\n"
        "Hours later, gunmen killed a trader in Nairobi."
    )
    candidates = extractor.extract(text, published=PUBLISHED)
    assert {c.location: c.event_date for c in candidates}["Nairobi"] == dt.date(2024, 6, 11)


def test_throughout_the_reporting_period_is_the_span_the_header_gives(extractor):
    text = (
        "KENYA: Protection Monitoring Snapshot (3-9 June 2024)\n\n"
        "Throughout the reporting period, clashes between security forces and Al Shabaab were reported "
        "near Mandera, Kenya. Military sources said at least six fighters were killed."
    )
    (candidate,) = extractor.extract(text, published=PUBLISHED)
    assert (candidate.event_date, candidate.date_end) == (dt.date(2024, 6, 3), dt.date(2024, 6, 9))
    assert candidate.time_precision == 2
    assert candidate.fatalities == 6


def test_a_breakdown_of_the_toll_does_not_replace_it(extractor):
    text = (
        "SUDAN: Flash Update (as of 12 June 2024)\n\n"
        "Shelling of residential areas of El Fasher killed at least 30 civilians between 8 and 10 June, the "
        "health ministry said. Neighbourhood committees reported a higher toll of 41. Among the buildings hit "
        "was a hospital, where two patients were reportedly killed; the casualties are included in the above "
        "figures."
    )
    (candidate,) = extractor.extract(text, published=PUBLISHED)
    assert candidate.fatalities == 30


def test_no_people_died_told_after_the_event_gives_zero(extractor):
    text = (
        "Three soldiers were wounded in Mandera, Kenya, on Sunday when a drone dropped explosives on "
        "their post. The army said the injuries were not serious. No soldiers died."
    )
    (candidate,) = extractor.extract(text, published=PUBLISHED)
    assert (candidate.fatalities, candidate.injured) == (0, 3)
