# ruff: noqa: E501  (report texts and gold rows read better unwrapped)
"""The whole pipeline on short reports written for the test, with an in-memory gazetteer."""

import datetime as dt

import pytest

from incidents.extraction import scoring
from tests.extraction.heldout import HELDOUT


def _run(extractor, report):
    published = dt.date.fromisoformat(report["published"])
    return extractor.extract(report["text"], published=published)


@pytest.mark.parametrize("report", HELDOUT, ids=[r["id"] for r in HELDOUT])
def test_every_evidence_span_points_into_the_original_text(extractor, report):
    for candidate in _run(extractor, report):
        assert candidate.evidence
        for span in candidate.evidence:
            assert report["text"][span.start : span.end] == span.text


def test_heldout_reports_are_extracted_well(extractor):
    predictions = {r["id"]: [c.as_eval_dict() for c in _run(extractor, r)] for r in HELDOUT}
    result = scoring.score(HELDOUT, predictions)
    print("\n".join(result.lines()))  # shown with -s; the figures docs/extraction.md quotes
    # Measured when written: loose and strict F1 0.92 (docs/extraction.md); a floor against regressions.
    assert result.loose[2] >= 0.7
    assert result.strict_prf[2] >= 0.45


@pytest.mark.parametrize(
    "text, sub_event_type, location, fatalities, actor1",
    [
        (
            "Gunmen shot dead a teacher in Mandera on Monday.",
            "Attack",
            "Mandera",
            1,
            "Unidentified Armed Group (Kenya)",
        ),
        (
            "Philippine troops clashed with Maute fighters near Marawi on Sunday, leaving five soldiers dead.",
            "Armed clash",
            "Marawi",
            5,
            "Military Forces of Philippines",
        ),
        (
            "Police arrested 20 protesters in Nairobi on Tuesday.",
            "Arrests",
            "Nairobi",
            None,
            "Police Forces of Kenya",
        ),
    ],
)
def test_single_sentence_reports(extractor, text, sub_event_type, location, fatalities, actor1):
    (candidate,) = extractor.extract(text, published=dt.date(2023, 5, 10))
    assert candidate.sub_event_type == sub_event_type
    assert candidate.location == location
    assert candidate.fatalities == fatalities
    assert candidate.actor1 and candidate.actor1.name == actor1


@pytest.mark.parametrize(
    "text",
    [
        "The rebels threatened to attack Nairobi if talks fail.",
        "Militants have carried out 30 attacks in Garissa since January.",
        "Oil exports from the port fell by 20 per cent after the attack.",
        "The group denied that it attacked the convoy near Mandera.",
    ],
)
def test_non_events_give_no_candidates(extractor, text):
    assert extractor.extract(text, published=dt.date(2023, 5, 10)) == []


def test_a_place_abroad_with_the_same_letters_does_not_win(extractor):
    text = "Kenyan police said gunmen killed two herders in Kokola, a village near Garissa, on Monday."
    (candidate,) = extractor.extract(text, published=dt.date(2023, 5, 10))
    assert candidate.country_iso == "KE"
    assert candidate.location == "Kokola" and candidate.geo_precision == 2
    assert round(candidate.latitude, 2) == -0.45  # borrowed from Garissa
