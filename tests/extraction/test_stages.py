"""Database-free tables for the pipeline's stages: dates, casualties, events, negatives, sentences."""

import datetime as dt

import pytest

from incidents.extraction import casualties, dates, events, negatives
from incidents.extraction.sentences import split_sentences
from incidents.taxonomy import SubEventType as S

PUBLISHED = dt.date(2023, 5, 12)  # a Friday


@pytest.mark.parametrize(
    "phrase, start, end, precision",
    [
        ("on Wednesday", "2023-05-10", None, 1),
        ("late Thursday", "2023-05-11", None, 1),
        ("on Friday morning", "2023-05-12", None, 1),
        ("on Saturday night", "2023-05-06", None, 1),
        ("yesterday", "2023-05-11", None, 1),
        ("on 3 May", "2023-05-03", None, 1),
        ("on April 29", "2023-04-29", None, 1),
        ("in December", "2022-12-01", "2022-12-31", 3),
        ("in March 2021", "2021-03-01", "2021-03-31", 3),
        ("the night of 7 to 8 May", "2023-05-07", "2023-05-08", 1),
        ("last week", "2023-05-01", "2023-05-07", 2),
        ("last month", "2023-04-01", "2023-04-30", 3),
        ("over the weekend", "2023-05-06", "2023-05-07", 2),
    ],
)
def test_dates_resolve_against_the_publication_date(phrase, start, end, precision):
    text = f"Fighting broke out {phrase}, officials said."
    found = [d for d in dates.find_dates(text, 0, len(text), PUBLISHED) if dates.is_codable(d)]
    assert found, phrase
    first = found[0]
    assert first.date.isoformat() == start
    assert (first.date_end.isoformat() if first.date_end else None) == end
    assert first.precision == precision
    assert text[first.start : first.end] == first.text


@pytest.mark.parametrize("text", ["M23 rebels advanced.", "We saw 45, a number.", "in 2014 and", "last year"])
def test_dateparser_false_hits_and_bare_years_give_no_codable_date(text):
    assert not [d for d in dates.find_dates(text, 0, len(text), PUBLISHED) if dates.is_codable(d)]


def test_since_marks_the_start_of_a_span():
    text = "Attacks have risen since April 2 in the district."
    (found,) = dates.find_dates(text, 0, len(text), PUBLISHED)
    assert found.since and found.date == dt.date(2023, 4, 2)


@pytest.mark.parametrize(
    "sentence, killed, injured",
    [
        ("Gunmen killed twelve villagers and wounded five others.", 12, 5),
        ("At least 7 people died and more than 20 were injured.", 7, 20),
        ("Two soldiers and a police officer were killed.", 3, None),
        ("The blast killed dozens of people.", 12, None),
        ("There were no casualties.", 0, 0),
        ("Nobody was killed, but four guards were hurt.", 0, 4),
        ("No casualty figures were released.", None, None),
        ("Forty-two bodies were recovered after the raid on the 3rd Battalion.", 42, None),
        ("It fired 122-mm rockets from 12 km away.", None, None),
        ("Eleven passengers, including a child, died in the fire.", 11, None),
    ],
)
def test_casualty_figures_follow_acled_conventions(sentence, killed, injured):
    counts = casualties.find_counts(sentence, 0, len(sentence))
    assert casualties.total(counts, "killed") == killed
    assert casualties.total(counts, "injured") == injured
    assert all(sentence[c.start : c.end] == c.text for c in counts)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("A suicide bomber blew himself up at a checkpoint, killing four.", S.SUICIDE_BOMB),
        ("A roadside bomb struck a minibus.", S.REMOTE_EXPLOSIVE),
        ("Warplanes carried out air strikes on the market.", S.AIR_DRONE_STRIKE),
        ("Rebels shelled the town with mortars.", S.SHELLING),
        ("Gunmen kidnapped three aid workers.", S.ABDUCTION),
        ("Soldiers clashed with militants overnight.", S.ARMED_CLASH),
        ("Thousands of teachers marched to parliament.", S.PEACEFUL_PROTEST),
        ("Air defences intercepted two drones.", S.DISRUPTED_WEAPONS_USE),
        ("Police arrested 14 opposition activists.", S.ARRESTS),
        ("The rebels captured the town of Kalo.", S.NON_STATE_ACTOR_OVERTAKES_TERRITORY),
        ("The two sides signed a ceasefire agreement.", S.AGREEMENT),
        ("The government dissolved the militia.", S.CHANGE_TO_GROUP),
    ],
)
def test_triggers_pick_the_most_specific_sub_event_type(sentence, expected):
    trigger = events.main_trigger(events.find_triggers(sentence, 0, len(sentence)))
    assert trigger is not None and trigger.sub_event_type == expected


@pytest.mark.parametrize(
    "context, fatalities, expected",
    [
        ("Hundreds protested peacefully outside parliament.", None, S.PEACEFUL_PROTEST),
        ("Police fired tear gas to disperse the protesters.", None, S.PROTEST_WITH_INTERVENTION),
        ("Police opened fire on the protest, killing four.", 4, S.EXCESSIVE_FORCE),
        ("Protesters threw stones and set fire to a police post.", None, S.VIOLENT_DEMONSTRATION),
    ],
)
def test_protest_subtype_depends_on_who_used_force(context, fatalities, expected):
    assert events.protest_subtype(context, fatalities) == expected


@pytest.mark.parametrize(
    "sentence, negative",
    [
        ("The group threatened to attack government buildings.", True),
        ("The militia denied that it attacked the convoy.", True),
        ("Rebels have carried out 40 attacks since January.", True),
        ("The army has repeatedly shelled the hills.", True),
        ("Oil exports fell by 30 per cent after the attack on the pipeline.", True),
        ("Gunmen attacked a bus near the border on Tuesday.", False),
    ],
)
def test_threats_denials_aggregates_and_economics_are_not_events(sentence, negative):
    trigger = events.main_trigger(events.find_triggers(sentence, 0, len(sentence)))
    assert (negatives.negative_reason(sentence, trigger.start) is not None) == negative


def test_sentences_keep_offsets_and_split_bullets():
    text = "HEADLINE\n\n- 3 May: Gen. Musa said troops fought. Two died.\n- 4 May: Quiet day."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "HEADLINE",
        "- 3 May: Gen. Musa said troops fought.",
        "Two died.",
        "- 4 May: Quiet day.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert sentences[1].paragraph == sentences[2].paragraph != sentences[3].paragraph


@pytest.mark.parametrize(
    "sentence, killed, injured",
    [
        # Written for these tests: the usual ways of saying nobody was hurt.
        ("The rally ended without incident; no injuries were reported.", 0, 0),
        ("Engineers defused the bomb before anyone was hurt.", 0, 0),
        ("The shells hit two houses, injuring four residents; no one was killed.", 0, 4),
        ("No deaths were reported.", 0, None),
    ],
)
def test_saying_nobody_was_hurt_gives_zero(sentence, killed, injured):
    counts = casualties.find_counts(sentence, 0, len(sentence))
    assert casualties.total(counts, "killed") == killed
    assert casualties.total(counts, "injured") == injured


@pytest.mark.parametrize(
    "sentence, killed, injured",
    [
        # Written for these tests: ranges give their lowest figure; victims joined after the verb add up.
        ("Between 10 and 15 people were killed.", 10, None),
        ("Ten to 15 people were killed.", 10, None),
        ("The raid killed a commander and two of his bodyguards.", 3, None),
        ("Three people were killed and another injured.", 3, 1),
        ("Another attack killed two.", 2, None),
        ("Three women and six children were killed.", 9, None),
    ],
)
def test_ranges_and_joined_victims(sentence, killed, injured):
    counts = casualties.find_counts(sentence, 0, len(sentence))
    assert casualties.total(counts, "killed") == killed
    assert casualties.total(counts, "injured") == injured


@pytest.mark.parametrize(
    "sentence, killed",
    [
        # Written for these tests (rules-1.3): one victim named by any noun before a passive killing verb,
        # a determiner or a partitive after the verb, and "shooting dead".
        ("A district magistrate was shot dead outside the court in Lahore.", 1),
        ("An off-duty ranger was killed near the park gate.", 1),
        ("A shell struck a minibus near Avdiivka, killing the four passengers inside.", 4),
        ("Bandits stormed the hamlet and opened fire on herders, killing six of them.", 6),
        ("Police were accused of shooting dead three students at a roadblock.", 3),
        ("Militants ambushed the convoy, killing all nine soldiers.", 9),
        # Ages are no victims: "a 7-year-old", "aged 8 and 11".
        ("Four people, including a 7-year-old boy, were killed in the blast.", 4),
        ("Two girls aged 8 and 11 were killed when the mine went off.", 2),
        ("A 45-year-old trader was shot dead at his stall.", 1),
        # A day of the month is no toll; a hedged toll still is.
        ("On 12 March, a farmer was shot dead by bandits near his field.", 1),
        ("At least five may have been killed.", 5),
        # Unchanged: an object is no victim.
        ("A car bomb was detonated near the market.", None),
    ],
)
def test_single_victims_determiners_and_partitives(sentence, killed):
    counts = casualties.find_counts(sentence, 0, len(sentence))
    assert casualties.total(counts, "killed") == killed


def test_hostages_released_unharmed_gives_zero():
    sentence = "The two engineers were released unharmed three days later."
    counts = casualties.find_counts(sentence, 0, len(sentence))
    assert (casualties.total(counts, "killed"), casualties.total(counts, "injured")) == (0, 0)


@pytest.mark.parametrize(
    "sentence, killed, injured",
    [
        # Written for these tests (rules-1.4): a partitive before the verb, "both", a single victim after
        # "to death" or behind a hyphenated age, a second source's "number of dead", "No <people> died".
        ("Four of them died on the way to hospital and two others were hurt.", 4, 2),
        ("Two of the gunmen were also killed in the exchange.", 2, None),
        ("Both were killed instantly.", 2, None),
        ("Both brothers died in hospital.", 2, None),
        ("A sniper shot the two guards, killing both.", 2, None),
        ("Fighters from both sides were killed.", None, None),
        ("Villagers stoned to death a suspected cattle thief near the market.", 1, None),
        ("The blast killed a 32-year-old market trader.", 1, None),
        ("A local chief put the number of dead villagers at seven.", 7, None),
        ("No passengers died.", 0, None),
        ("No civilians were killed, but three soldiers were wounded.", 0, 3),
    ],
)
def test_partitives_both_and_stated_zeros(sentence, killed, injured):
    counts = casualties.find_counts(sentence, 0, len(sentence))
    assert casualties.total(counts, "killed") == killed
    assert casualties.total(counts, "injured") == injured


@pytest.mark.parametrize(
    "sentence, subset",
    [
        ("Among the dead were three teachers from the village school.", True),
        ("Two nurses were killed at the clinic; they are included in the overall toll.", True),
        ("Gunmen killed three teachers at the village school.", False),
    ],
)
def test_a_breakdown_of_a_toll_already_told_is_marked(sentence, subset):
    assert casualties.is_subset(sentence) is subset


@pytest.mark.parametrize(
    "sentence, anchor, expected",
    [
        ("Hours later, a second bomb went off.", dt.date(2024, 6, 9), dt.date(2024, 6, 9)),
        ("Later that night, gunmen attacked a checkpoint.", dt.date(2024, 6, 9), dt.date(2024, 6, 9)),
        ("Later in the day, police fired on the crowd.", dt.date(2024, 6, 9), dt.date(2024, 6, 9)),
        ("On the same day, a mine exploded.", dt.date(2024, 6, 9), dt.date(2024, 6, 9)),
        ("A day later, troops retook the town.", dt.date(2024, 6, 9), dt.date(2024, 6, 10)),
    ],
)
def test_same_day_phrases_take_the_day_of_the_event_before(sentence, anchor, expected):
    mention = dates.find_relative(sentence, 0, len(sentence), len(sentence) - 2, anchor)
    assert mention is not None and mention.date == expected


def test_a_passive_was_reported_on_gives_the_event_day_not_a_reporting_day():
    sentence = "Heavy fighting was reported on 3 June around the camp."
    (mention,) = dates.find_dates(sentence, 0, len(sentence), dt.date(2024, 6, 12))
    assert not mention.reporting
    said = "The army said on 3 June that the camp had been retaken."
    (mention,) = dates.find_dates(said, 0, len(said), dt.date(2024, 6, 12))
    assert mention.reporting


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # Written for these tests (rules-1.4): a participle describing a noun is no event; what a crowd calls
        # for is no event of its own; bombs dropped from aircraft are air strikes.
        ("Parents of the kidnapped pupils marched to the governor's office on Monday.", S.PEACEFUL_PROTEST),
        (
            "Farmers rallied in the capital, calling on the government to sign a peace agreement.",
            S.PEACEFUL_PROTEST,
        ),
        ("A glide bomb hit a school in the city centre.", S.AIR_DRONE_STRIKE),
        ("A guided aerial bomb struck a warehouse.", S.AIR_DRONE_STRIKE),
        # Unchanged: the participle as the verb is the event.
        ("Gunmen kidnapped 12 pupils from a school.", S.ABDUCTION),
    ],
)
def test_participles_protest_aims_and_aerial_bombs(sentence, expected):
    assert events.main_trigger(events.find_triggers(sentence, 0, len(sentence))).sub_event_type == expected


def test_what_is_due_to_happen_is_no_event():
    sentence = "Fresh air strikes on the port are due to begin on Monday, officials said."
    trigger = events.main_trigger(events.find_triggers(sentence, 0, len(sentence)))
    assert negatives.negative_reason(sentence, trigger.start) == "threat, plan or forecast"
