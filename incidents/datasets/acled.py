"""An incident as a row of ACLED's export: the column names and the mapping, shared by the API's CSV
export and the dataset import/export.

`incident_to_acled_row` reads `actor_links` and `source_links` through `.all()`, so pass incidents
loaded with `Incident.objects.with_related()` (or prefetched per chunk) to keep it to no queries.
"""

from __future__ import annotations

from functools import cache

import pycountry

from incidents import geo
from incidents.datasets.regions import acled_region
from incidents.taxonomy import interaction_code

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

# ACLED joins several associated actors, sources and tags with "; " in one cell.
SEPARATOR = "; "

# The incident columns an export reads: `incident_to_acled_row`, the GeoJSON geometry, and the
# PostgreSQL COPY export (incidents/api/csv_copy.py), which computes the same row in SQL.
ROW_FIELDS = (
    "id",
    "public_id",
    "status",
    "event_date",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "civilian_targeting",
    "country_iso",
    "admin1",
    "admin2",
    "admin3",
    "location_name",
    "latitude",
    "longitude",
    "geo_precision",
    "notes",
    "fatalities",
    "tags",
    "updated_at",
)


@cache
def iso_numeric(iso2: str) -> int | None:
    """ISO 3166 numeric code of a country ("IQ" → 368), as ACLED's `iso` column has it."""
    code = (iso2 or "").upper()
    if code == "XK":
        return 0  # Kosovo has no ISO numeric code; ACLED writes 0.
    country = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    return int(country.numeric) if country else None


def _links(incident, name: str):
    # Read a prefetched list straight from Django's prefetch cache: going through the related
    # manager (`incident.actor_links.all()`) builds a manager per call, a third of an export's time.
    cache = getattr(incident, "_prefetched_objects_cache", None)
    if cache is not None and name in cache:
        return cache[name]
    return getattr(incident, name).all()


def _names(actors) -> str:
    return SEPARATOR.join(actor.name for actor in actors)


def incident_to_acled_row(incident) -> dict:
    """The incident as a dict keyed by ACLED_COLUMNS. Unknown values are None (an empty CSV cell).

    `fatalities` stays None when the sources do not state a number (ACLED would write 0): our data
    keeps "not stated" apart from "nobody died".
    """
    actors: dict[str, list] = {"actor1": [], "assoc_actor_1": [], "actor2": [], "assoc_actor_2": []}
    for link in _links(incident, "actor_links"):
        actors[link.role].append(link.actor)
    actor1 = actors["actor1"][0] if actors["actor1"] else None
    actor2 = actors["actor2"][0] if actors["actor2"] else None
    inter1 = actor1.actor_type if actor1 else None
    inter2 = actor2.actor_type if actor2 else None

    sources, scales = [], []
    for link in _links(incident, "source_links"):
        outlet = link.source or (link.report.source if link.report_id and link.report else None)
        name = outlet.name if outlet else link.url
        if name and name not in sources:
            sources.append(name)
        if outlet and outlet.source_scale and outlet.source_scale not in scales:
            scales.append(outlet.source_scale)

    event_date = incident.event_date
    updated_at = incident.updated_at
    return {
        "event_id_cnty": incident.public_id or "",
        "event_date": event_date.isoformat(),
        "year": event_date.year,
        "time_precision": incident.time_precision,
        "disorder_type": incident.disorder_type,
        "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type,
        "actor1": actor1.name if actor1 else "",
        "assoc_actor_1": _names(actors["assoc_actor_1"]),
        "inter1": inter1,
        "actor2": actor2.name if actor2 else "",
        "assoc_actor_2": _names(actors["assoc_actor_2"]),
        "inter2": inter2,
        "interaction": interaction_code(inter1, inter2),
        # ACLED writes the phrase, or leaves the cell empty.
        "civilian_targeting": "Civilian targeting" if incident.civilian_targeting else "",
        "iso": iso_numeric(incident.country_iso),
        "region": acled_region(incident.country_iso),
        "country": geo.country_name(incident.country_iso) or incident.country_iso,
        "admin1": incident.admin1,
        "admin2": incident.admin2,
        "admin3": incident.admin3,
        "location": incident.location_name,
        "latitude": incident.latitude,
        "longitude": incident.longitude,
        "geo_precision": incident.geo_precision,
        "source": SEPARATOR.join(sources),
        # ACLED joins the scales of several sources with "-" ("Local-National").
        "source_scale": "-".join(scales),
        "notes": incident.notes,
        "fatalities": incident.fatalities,
        "tags": SEPARATOR.join(str(tag) for tag in (incident.tags or [])),
        "timestamp": int(updated_at.timestamp()) if updated_at else None,
    }
