"""Load the gazetteer and the actor dictionary from the database into the pipeline's plain lookups.

The only module of the package that touches the ORM.
"""

from __future__ import annotations

from incidents.extraction.actors import ActorDictionary
from incidents.extraction.gazetteer import Gazetteer


def load_gazetteer() -> Gazetteer:
    """Every Location row, in compact arrays with an index of its Latin names."""
    from incidents.models import Location

    gazetteer = Gazetteer()
    rows = Location.objects.values_list(
        "name",
        "kind",
        "country_iso",
        "admin1",
        "latitude",
        "longitude",
        "population",
        "geonames_id",
        "alternate_names",
    )
    for name, kind, country, admin1, lat, lon, population, geonames_id, alternates in rows.iterator(
        chunk_size=5000
    ):
        gazetteer.add(name, kind, country, admin1, lat, lon, population, geonames_id, alternates or ())
    return gazetteer


def load_actors() -> ActorDictionary:
    """Every Actor with its aliases."""
    from incidents.models import Actor, ActorAlias

    aliases: dict[int, list[str]] = {}
    for actor_id, alias in ActorAlias.objects.values_list("actor_id", "name").iterator(chunk_size=5000):
        aliases.setdefault(actor_id, []).append(alias)
    dictionary = ActorDictionary()
    for pk, name, actor_type, country in Actor.objects.values_list("pk", "name", "actor_type", "country_iso"):
        dictionary.add(name, actor_type, country, aliases.get(pk, []))
    return dictionary
