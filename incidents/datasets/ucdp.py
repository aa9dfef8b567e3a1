"""UCDP GED CSV: reading its rows onto our model, and writing incidents back in its shape.

The mapping, both ways, is documented in docs/datasets.md; change them together.
"""

from __future__ import annotations

from incidents import geo
from incidents.datasets import regions
from incidents.datasets.dates import parse_date
from incidents.datasets.rows import (
    FormatError,
    ParsedRow,
    RowError,
    country_iso,
    parse_coordinate,
    parse_int,
    text,
)
from incidents.models import Incident, IncidentActor
from incidents.taxonomy import EVENT_TYPE_OF, ActorType, SubEventType, disorder_type_for

UCDP_COLUMNS = [
    "id",
    "year",
    "type_of_violence",
    "conflict_name",
    "dyad_name",
    "side_a",
    "side_b",
    "source_article",
    "source_headline",
    "where_prec",
    "where_coordinates",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "country",
    "country_id",
    "region",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
]
REQUIRED = ("id", "type_of_violence", "side_a", "country", "date_start", "best")

# The outlet every UCDP row is linked to; its citation text (source_article) is kept as the excerpt.
UCDP_SOURCE = "UCDP GED"

STATE_BASED, NON_STATE, ONE_SIDED = 1, 2, 3
SUB_EVENT_OF_VIOLENCE = {
    STATE_BASED: SubEventType.ARMED_CLASH,
    NON_STATE: SubEventType.ARMED_CLASH,
    ONE_SIDED: SubEventType.ATTACK,
}
# UCDP date_prec: 1 exact day, 2 within 2-6 days, 3 within a week, 4 within a month, 5 longer.
TIME_PRECISION_OF_DATE_PREC = {1: 1, 2: 2, 3: 2, 4: 3, 5: 3}
DATE_PREC_OF_TIME_PRECISION = {1: 1, 2: 3, 3: 4}
# UCDP where_prec: 1 the place, 2 within 25 km, 3 admin2, 4 admin1, 5 a stretch or area,
# 6 the country only, 7 international waters or airspace.
GEO_PRECISION_OF_WHERE_PREC = {1: 1, 2: 2, 3: 2, 4: 3, 5: 3, 6: 3, 7: 3}
WHERE_PREC_OF_GEO_PRECISION = {1: 1, 2: 3, 3: 4}

# UCDP's five regions, from ACLED's region of the country (our exports' `region`).
UCDP_REGION_PREFIXES = (("Middle East", "Middle East"), ("Europe", "Europe"), ("Caucasus", "Europe"))


def actor_type_for(name: str, violence: int, side: str) -> int:
    """An ACLED inter code for a UCDP side, used only when the actor is new to us."""
    lowered = name.casefold()
    if lowered.startswith("government of"):
        return ActorType.STATE_FORCES
    if lowered.startswith("civilians"):
        return ActorType.CIVILIANS
    if violence == NON_STATE:
        return ActorType.POLITICAL_MILITIA
    return ActorType.REBEL_GROUP


class UcdpRows:
    dataset = "ucdp"

    def __init__(self, header: list[str]):
        self.width = len(header)
        missing = [name for name in REQUIRED if name not in header]
        if missing:
            raise FormatError(f"Not a UCDP GED file: the column(s) {', '.join(missing)} are missing.")
        self.col = {name: i for i, name in reversed(list(enumerate(header)))}

    def parse(self, line: int, values: list[str]) -> ParsedRow:
        if len(values) != self.width:
            raise RowError(f"expected {self.width} fields, found {len(values)} (a stray comma or quote?)")
        col = self.col.get

        def get(name: str) -> str:
            return text(values, col(name))

        external_id = get("id")
        if not external_id:
            raise RowError("id is empty")
        if len(external_id) > 64:
            raise RowError("id is longer than 64 characters")
        violence = parse_int(get("type_of_violence"), "type_of_violence", low=1, high=3)
        if violence is None:
            raise RowError("type_of_violence is empty")
        start_raw, end_raw = get("date_start"), get("date_end")
        start = parse_date(start_raw)
        if start is None:
            raise RowError(f"date_start “{start_raw}” is not a date" if start_raw else "date_start is empty")
        end = parse_date(end_raw) if end_raw else None
        if end_raw and end is None:
            raise RowError(f"date_end “{end_raw}” is not a date")
        if end is not None and end < start:
            raise RowError(f"date_end {end} is before date_start {start}")
        best = parse_int(get("best"), "best", low=0)
        low = parse_int(get("low"), "low", low=0)
        high = parse_int(get("high"), "high", low=0)
        if best is not None and low is not None and low > best:
            raise RowError(f"low {low} is above best {best}")
        if best is not None and high is not None and high < best:
            raise RowError(f"high {high} is below best {best}")
        if low is not None and high is not None and low > high:
            raise RowError(f"low {low} is above high {high}")
        date_prec = parse_int(get("date_prec"), "date_prec", low=1, high=5) or 1
        where_prec = parse_int(get("where_prec"), "where_prec", low=1, high=7) or 1
        sub_event_type = SUB_EVENT_OF_VIOLENCE[violence]
        fields = {
            "event_date": start,
            "date_end": end if end and end != start else None,
            "time_precision": TIME_PRECISION_OF_DATE_PREC[date_prec],
            "sub_event_type": sub_event_type,
            "event_type": EVENT_TYPE_OF[sub_event_type],
            "disorder_type": disorder_type_for(sub_event_type),
            "civilian_targeting": violence == ONE_SIDED,
            "country_iso": country_iso(get("country")),
            "admin1": get("adm_1")[:120],
            "admin2": get("adm_2")[:120],
            "location_name": get("where_coordinates")[:200],
            "latitude": parse_coordinate(get("latitude"), "latitude", 90),
            "longitude": parse_coordinate(get("longitude"), "longitude", 180),
            "geo_precision": GEO_PRECISION_OF_WHERE_PREC[where_prec],
            "fatalities": best,
            "fatalities_low": low,
            "fatalities_high": high,
            "notes": get("source_headline"),
        }
        actors = []
        for role, side in ((IncidentActor.Role.ACTOR1, "side_a"), (IncidentActor.Role.ACTOR2, "side_b")):
            if name := get(side):
                actors.append((role.value, name[:200], actor_type_for(name, violence, side)))
        sources = [(UCDP_SOURCE, get("source_article"))]
        return ParsedRow(line, external_id, fields, actors, sources, "")


def violence_type(incident: Incident) -> int:
    """UCDP's type_of_violence for one of our incidents (the reverse of SUB_EVENT_OF_VIOLENCE)."""
    if incident.civilian_targeting or incident.event_type == "Violence against civilians":
        return ONE_SIDED
    actor1, actor2 = incident.actor1, incident.actor2
    if ActorType.STATE_FORCES in (getattr(actor1, "actor_type", None), getattr(actor2, "actor_type", None)):
        return STATE_BASED
    return NON_STATE


def ucdp_region(iso2: str) -> str:
    """UCDP's region (Africa, Americas, Asia, Europe, Middle East), from ACLED's region of the country."""
    region = regions.acled_region(iso2)
    for prefix, ucdp in UCDP_REGION_PREFIXES:
        if region.startswith(prefix):
            return ucdp
    if "Africa" in region:
        return "Africa"
    if "America" in region or region == "Caribbean":
        return "Americas"
    return "Asia" if region else ""


def incident_to_ucdp_row(incident: Incident) -> dict[str, object]:
    """One incident as a UCDP GED row; expects `Incident.objects.with_related()`."""
    actor1, actor2 = incident.actor1, incident.actor2
    side_a = actor1.name if actor1 else ""
    side_b = actor2.name if actor2 else ""
    article = next(
        (
            link.excerpt
            for link in incident.source_links.all()
            if link.source and link.source.name == UCDP_SOURCE
        ),
        "; ".join(link.source.name for link in incident.source_links.all() if link.source),
    )
    use_own_id = incident.dataset == "ucdp" and incident.external_id
    return {
        "id": incident.external_id if use_own_id else (incident.public_id or f"ct{incident.pk}"),
        "year": incident.event_date.year,
        "type_of_violence": violence_type(incident),
        "conflict_name": "",
        "dyad_name": f"{side_a} - {side_b}" if side_b else side_a,
        "side_a": side_a,
        "side_b": side_b,
        "source_article": article,
        "source_headline": incident.notes,
        "where_prec": WHERE_PREC_OF_GEO_PRECISION.get(incident.geo_precision, 1),
        "where_coordinates": incident.location_name,
        "adm_1": incident.admin1,
        "adm_2": incident.admin2,
        "latitude": "" if incident.latitude is None else incident.latitude,
        "longitude": "" if incident.longitude is None else incident.longitude,
        "country": geo.country_name(incident.country_iso) or incident.country_iso,
        "country_id": "",
        "region": ucdp_region(incident.country_iso),
        "date_prec": DATE_PREC_OF_TIME_PRECISION.get(incident.time_precision, 1),
        "date_start": incident.event_date.isoformat(),
        "date_end": (incident.date_end or incident.event_date).isoformat(),
        "deaths_a": "",
        "deaths_b": "",
        "deaths_civilians": "",
        "deaths_unknown": "",
        "best": "" if incident.fatalities is None else incident.fatalities,
        "high": "" if incident.fatalities_high is None else incident.fatalities_high,
        "low": "" if incident.fatalities_low is None else incident.fatalities_low,
    }
