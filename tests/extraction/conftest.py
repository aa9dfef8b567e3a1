"""A tiny in-memory gazetteer and actor dictionary, so pipeline tests need no database."""

import pytest

from incidents.actor_dictionary import country_actors
from incidents.extraction.actors import ActorDictionary
from incidents.extraction.gazetteer import Gazetteer
from incidents.extraction.pipeline import RuleExtractor

PLACES = [
    # name, kind, country, admin1, lat, lon, population, alternates
    ("Kenya", "country", "KE", "", 0.5, 37.9, 53_000_000, []),
    ("Nairobi", "place", "KE", "Nairobi", -1.28, 36.82, 2_750_000, []),
    ("Garissa", "place", "KE", "Garissa", -0.45, 39.65, 120_000, []),
    ("Garissa", "admin1", "KE", "Garissa", -0.5, 39.6, None, ["Garissa County"]),
    ("Mandera", "place", "KE", "Mandera", 3.94, 41.86, 87_000, []),
    ("Burkina Faso", "country", "BF", "", 12.3, -1.5, 21_000_000, []),
    ("Djibo", "place", "BF", "Sahel", 14.1, -1.63, 60_000, []),
    ("Ouagadougou", "place", "BF", "Centre", 12.37, -1.53, 1_500_000, []),
    ("Philippines", "country", "PH", "", 12.0, 122.0, 110_000_000, []),
    ("Marawi", "place", "PH", "Bangsamoro", 8.0, 124.29, 200_000, []),
    ("Cotabato", "place", "PH", "Soccsksargen", 7.22, 124.25, 300_000, []),
    ("Lebanon", "country", "LB", "", 33.9, 35.9, 6_800_000, []),
    ("Tyre", "place", "LB", "South Governorate", 33.27, 35.2, 117_000, ["Sour"]),
    ("Beirut", "place", "LB", "Beirut", 33.89, 35.5, 1_900_000, []),
    ("Pakistan", "country", "PK", "", 30.0, 70.0, 220_000_000, []),
    ("Quetta", "place", "PK", "Balochistan", 30.19, 67.0, 1_000_000, []),
    ("Peshawar", "place", "PK", "Khyber Pakhtunkhwa", 34.0, 71.57, 1_900_000, []),
    ("Sudan", "country", "SD", "", 15.0, 30.0, 45_000_000, []),
    ("El Fasher", "place", "SD", "North Darfur", 13.63, 25.35, 250_000, ["Al Fashir"]),
    ("Kokkola", "place", "FI", "Central Ostrobothnia", 63.8, 23.1, 46_000, []),  # a decoy abroad
    ("Philippine", "place", "PH", "Davao", 7.1, 125.6, 900, []),  # a hamlet spelled like a demonym
    ("Palestine", "country", "PS", "", 31.9, 35.2, 5_000_000, []),
    ("Nablus", "place", "PS", "West Bank", 32.22, 35.26, 150_000, []),
    ("Myanmar", "country", "MM", "", 21.0, 96.0, 54_000_000, []),
    ("Monywa", "place", "MM", "Sagaing", 22.11, 95.13, 180_000, []),
    ("Kasarani", "place", "KE", "Nairobi", -1.22, 36.9, 100_000, []),  # 11 km from Nairobi's centre
    ("Ukraine", "country", "UA", "", 49.0, 32.0, 41_000_000, []),
    ("Kharkiv", "place", "UA", "Kharkiv", 49.99, 36.23, 1_400_000, []),
]
DEMONYMS = {
    "KE": "Kenyan",
    "BF": "Burkinabe",
    "PH": "Philippine",
    "LB": "Lebanese",
    "PK": "Pakistani",
    "SD": "Sudanese",
    "IL": "Israeli",
    "US": "US",
    "PS": "Palestinian",
    "MM": "Myanmar",
    "UA": "Ukrainian",
    "RU": "Russian",
}
GROUPS = [
    ("Al Shabaab", 2, "SO", ["al-Shabaab", "Shabaab"]),
    ("JNIM: Group for Support of Islam and Muslims", 2, "ML", ["JNIM"]),
    ("Maute Group", 2, "PH", ["Maute"]),
    ("Hezbollah", 2, "LB", ["Hizbollah"]),
    ("BLA: Baloch Liberation Army", 2, "PK", ["BLA", "Baloch Liberation Army"]),
    ("RSF: Rapid Support Forces", 3, "SD", ["RSF", "Rapid Support Forces"]),
    ("Operation Restoring Hope", 8, "SA", ["coalition", "Saudi-led coalition"]),
]


def build_gazetteer() -> Gazetteer:
    gazetteer = Gazetteer()
    for name, kind, iso, admin1, lat, lon, pop, alts in PLACES:
        gazetteer.add(name, kind, iso, admin1, lat, lon, pop, None, alts)
    return gazetteer


def build_actors() -> ActorDictionary:
    actors = ActorDictionary()
    for iso, demonym in DEMONYMS.items():
        for entry in country_actors(iso, demonym):
            actors.add(entry.name, entry.actor_type, entry.country_iso, entry.aliases)
    for name, inter, iso, aliases in GROUPS:
        actors.add(name, inter, iso, aliases)
    return actors


@pytest.fixture(scope="session")
def extractor() -> RuleExtractor:
    return RuleExtractor(build_gazetteer(), build_actors())
