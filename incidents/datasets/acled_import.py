"""Reading ACLED CSV rows (current lower-case exports and older upper-case ones) onto our model.

The export side (ACLED_COLUMNS, incident_to_acled_row) lives in `acled.py`.
"""

from __future__ import annotations

from functools import lru_cache

from incidents.datasets.dates import parse_date
from incidents.datasets.rows import (
    FormatError,
    ParsedRow,
    RowError,
    country_iso,
    parse_coordinate,
    parse_int,
    split_list,
)
from incidents.models import IncidentActor
from incidents.taxonomy import EVENT_TYPE_OF, ActorType, SubEventType, disorder_type_for

REQUIRED = ("event_id_cnty", "event_date", "sub_event_type", "country")
# Older exports' names for today's columns.
ALIASES = {"ally_actor_1": "assoc_actor_1", "ally_actor_2": "assoc_actor_2", "iso3": "iso"}

# The columns `parse` reads, in its order.
READ = (
    "event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
    "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "civilian_targeting", "iso",
    "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags",
)  # fmt: skip
ACTOR1, ACTOR2 = IncidentActor.Role.ACTOR1.value, IncidentActor.Role.ACTOR2.value
ASSOC_ACTOR1, ASSOC_ACTOR2 = IncidentActor.Role.ASSOC_ACTOR1.value, IncidentActor.Role.ASSOC_ACTOR2.value

_SUB_EVENT_TYPES = {s.value.casefold(): s.value for s in SubEventType}
_EVENT_TYPES = {e.casefold() for e in set(EVENT_TYPE_OF.values())}
# ACLED before 2019 had event types and no sub-event types; each maps onto today's nearest one.
LEGACY_EVENT_TYPES = {
    "battle-no change of territory": SubEventType.ARMED_CLASH,
    "battle-government regains territory": SubEventType.GOVERNMENT_REGAINS_TERRITORY,
    "battle-non-state actor overtakes territory": SubEventType.NON_STATE_ACTOR_OVERTAKES_TERRITORY,
    "headquarters or base established": SubEventType.HEADQUARTERS_ESTABLISHED,
    "non-violent transfer of territory": SubEventType.NON_VIOLENT_TRANSFER,
}
# Since 2023 ACLED writes the inter codes as words ("State forces"); before, as digits.
_INTER_NAMES = {str(t.label).casefold(): t.value for t in ActorType}
_INTER_NAMES.update({"rebel groups": 2, "political militias": 3, "identity militias": 4, "civilians": 7})


@lru_cache(maxsize=256)
def parse_inter(value: str, label: str) -> int | None:
    if not value or value == "0":
        return None
    if value.isdigit():
        return parse_int(value, label, low=1, high=8)
    code = _INTER_NAMES.get(value.casefold())
    if code is None:
        raise RowError(f"{label} “{value}” is not an ACLED actor type")
    return code


@lru_cache(maxsize=1024)
def parse_sub_event_type(sub: str, event: str) -> str:
    if not sub:
        legacy = LEGACY_EVENT_TYPES.get(event.casefold())
        if legacy is None:
            raise RowError("sub_event_type is empty")
        return legacy
    canonical = _SUB_EVENT_TYPES.get(sub.casefold())
    if canonical is None:
        raise RowError(f"sub_event_type “{sub}” is not an ACLED sub-event type")
    if event and event.casefold() in _EVENT_TYPES and EVENT_TYPE_OF[canonical].casefold() != event.casefold():
        raise RowError(f"sub_event_type “{canonical}” is not a sub-event type of “{event}”")
    return canonical


class AcledRows:
    """Maps one file's rows; built from its header, which it checks first."""

    dataset = "acled"

    def __init__(self, header: list[str]):
        names = [ALIASES.get(h, h) for h in header]
        self.width = len(header)
        missing = [name for name in REQUIRED if name not in names]
        if "sub_event_type" in missing and "event_type" in names:
            missing.remove("sub_event_type")  # a pre-2019 file: event types only
        if missing:
            raise FormatError(f"Not an ACLED file: the column(s) {', '.join(missing)} are missing.")
        col = {name: i for i, name in reversed(list(enumerate(names)))}
        self.indexes = [col.get(name) for name in READ]

    def parse(self, line: int, values: list[str]) -> ParsedRow:
        if len(values) != self.width:
            raise RowError(f"expected {self.width} fields, found {len(values)} (a stray comma or quote?)")
        # One pass over the columns we read, into locals: this runs a million times per file.
        (
            external_id, raw_date, time_precision, event_type, sub_event_type, actor1, assoc_actor_1,
            inter1, actor2, assoc_actor_2, inter2, civilian_targeting, iso, country, admin1, admin2,
            admin3, location, latitude, longitude, geo_precision, source, source_scale, notes,
            fatalities, tags,
        ) = [values[i].strip() if i is not None else "" for i in self.indexes]  # fmt: skip
        if not external_id:
            raise RowError("event_id_cnty is empty")
        if len(external_id) > 64:
            raise RowError("event_id_cnty is longer than 64 characters")
        event_date = parse_date(raw_date)
        if event_date is None:
            raise RowError(f"event_date “{raw_date}” is not a date" if raw_date else "event_date is empty")
        sub_event_type = parse_sub_event_type(sub_event_type, event_type)
        fields = {
            "event_date": event_date,
            "time_precision": parse_int(time_precision, "time_precision", low=1, high=3) or 1,
            "sub_event_type": sub_event_type,
            "event_type": EVENT_TYPE_OF[sub_event_type],
            "disorder_type": disorder_type_for(sub_event_type),
            "civilian_targeting": bool(civilian_targeting),
            "country_iso": country_iso(country, iso),
            "admin1": admin1[:120],
            "admin2": admin2[:120],
            "admin3": admin3[:120],
            "location_name": location[:200],
            "latitude": parse_coordinate(latitude, "latitude", 90),
            "longitude": parse_coordinate(longitude, "longitude", 180),
            "geo_precision": parse_int(geo_precision, "geo_precision", low=1, high=3) or 1,
            "fatalities": parse_int(fatalities, "fatalities", low=0),
            "notes": notes,
            "tags": split_list(tags),
        }
        actors = []
        if actor1:
            actors.append((ACTOR1, actor1[:200], parse_inter(inter1, "inter1")))
        if actor2:
            actors.append((ACTOR2, actor2[:200], parse_inter(inter2, "inter2")))
        if assoc_actor_1:
            actors.extend((ASSOC_ACTOR1, name[:200], None) for name in split_list(assoc_actor_1))
        if assoc_actor_2:
            actors.extend((ASSOC_ACTOR2, name[:200], None) for name in split_list(assoc_actor_2))
        sources = [(name[:200], "") for name in dict.fromkeys(split_list(source))]
        return ParsedRow(line, external_id, fields, actors, sources, source_scale)
