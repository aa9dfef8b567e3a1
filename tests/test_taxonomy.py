import pytest

from incidents.taxonomy import (
    EVENT_TYPE_OF,
    SUB_EVENT_TYPES,
    EventType,
    SubEventType,
    disorder_type_for,
    interaction_code,
)


def test_the_codebook_has_six_event_types_and_twenty_five_sub_event_types():
    assert len(EventType.values) == 6
    assert len(SubEventType.values) == 25
    assert sorted(EVENT_TYPE_OF) == sorted(SubEventType.values)
    assert sorted(SUB_EVENT_TYPES) == sorted(EventType.values)


@pytest.mark.parametrize(
    "sub_event_type, event_type, disorder_type",
    [
        ("Air/drone strike", "Explosions/Remote violence", "Political violence"),
        ("Peaceful protest", "Protests", "Demonstrations"),
        ("Excessive force against protesters", "Protests", "Political violence; Demonstrations"),
        ("Mob violence", "Riots", "Political violence; Demonstrations"),
        ("Violent demonstration", "Riots", "Demonstrations"),
        ("Arrests", "Strategic developments", "Strategic developments"),
        ("Abduction/forced disappearance", "Violence against civilians", "Political violence"),
    ],
)
def test_sub_event_types_give_their_event_and_disorder_type(sub_event_type, event_type, disorder_type):
    assert EVENT_TYPE_OF[sub_event_type] == event_type
    assert disorder_type_for(sub_event_type) == disorder_type


@pytest.mark.parametrize(
    "inter1, inter2, code", [(1, 7, 17), (7, 1, 17), (2, None, 20), (None, 3, None), (3, 3, 33)]
)
def test_interaction_codes_put_the_smaller_inter_code_first(inter1, inter2, code):
    assert interaction_code(inter1, inter2) == code
