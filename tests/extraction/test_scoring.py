"""Our scoring module against hand-made gold and prediction pairs (the rules of shared/eval/README.md)."""

import pytest

from incidents.extraction import scoring

GOLD = {
    "event_date": "2022-03-04",
    "date_end": None,
    "time_precision": 1,
    "event_type": "Battles",
    "sub_event_type": "Armed clash",
    "actor1": ["Military Forces of Chad", "Chadian army"],
    "actor2": ["Unidentified Armed Group (Chad)"],
    "country_iso": "TD",
    "admin1": "Lac",
    "location": "Bol",
    "latitude": 13.46,
    "longitude": 14.71,
    "geo_precision": 1,
    "fatalities": 6,
    "injured": None,
}


def pred(**changes):
    base = {**GOLD, "actor1": "Military Forces of Chad", "actor2": "Unidentified Armed Group (Chad)"}
    return {**base, **changes}


@pytest.mark.parametrize(
    "prediction, matched, strict",
    [
        (pred(), True, True),
        (pred(event_date="2022-03-05"), True, True),  # a day of slack
        (pred(event_date="2022-03-06"), False, False),
        (pred(country_iso="NE"), False, False),
        (pred(event_type="Riots", sub_event_type="Mob violence"), True, False),
        (pred(location="Baga Sola", latitude=13.53, longitude=14.32), True, False),  # ~43 km away
        (pred(location="BOL", latitude=None, longitude=None), True, True),  # same name
        (pred(location="Near Bol", latitude=13.5, longitude=14.75), True, True),  # within 25 km
    ],
)
def test_loose_and_strict_matching(prediction, matched, strict):
    result = scoring.score([{"id": "R", "incidents": [GOLD]}], {"R": [prediction]})
    assert result.matched == int(matched)
    assert result.strict == int(strict)


def test_each_gold_incident_matches_one_prediction_the_best_agreeing_first():
    wrong = pred(sub_event_type="Attack", event_type="Violence against civilians", fatalities=1)
    result = scoring.score([{"id": "R", "incidents": [GOLD]}], {"R": [wrong, pred()]})
    assert (result.gold, result.predicted, result.matched, result.strict) == (1, 2, 1, 1)
    assert result.loose == pytest.approx((0.5, 1.0, 2 / 3))
    assert result.accuracy("sub_event_type") == 1.0


@pytest.mark.parametrize(
    "names, predicted, ok",
    [
        (["Military Forces of Chad"], "Military Forces of Chad", True),
        (["Military Forces of Chad", "Chadian army"], "chadian army", True),
        (["Islamic State (Iraq)"], "Islamic State", True),  # the "(Iraq)" qualifier is ignored
        (["Boko Haram"], "Civilians (Nigeria)", False),
        (["Boko Haram"], None, False),
        ([], "anything", None),
    ],
)
def test_actor_names_agree_loosely(names, predicted, ok):
    assert scoring.actor_ok(names, predicted) is ok


def test_admin1_and_actor2_are_scored_only_where_gold_gives_them():
    gold = {**GOLD, "admin1": None, "actor2": []}
    result = scoring.score([{"id": "R", "incidents": [gold]}], {"R": [pred(admin1="Lac")]})
    assert result.scored["admin1"] == 0 and result.scored["actor2"] == 0
    assert result.scored["event_date"] == 1


def test_empty_predictions_score_zero_without_dividing_by_zero():
    result = scoring.score([{"id": "R", "incidents": [GOLD]}], {})
    assert result.loose == (0.0, 0.0, 0.0) and result.strict_prf == (0.0, 0.0, 0.0)
