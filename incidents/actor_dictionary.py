"""The starter actor dictionary: the team's list of armed groups (data/actors.json) plus, for
every country, its state forces and ACLED's generic actors (civilians, protesters, rioters,
unidentified armed groups), named as ACLED names them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pycountry

from incidents import geo
from incidents.taxonomy import ActorType

DATA = Path(__file__).parent / "data" / "actors.json"


@dataclass
class ActorEntry:
    name: str
    actor_type: int
    country_iso: str = ""
    aliases: list[str] = field(default_factory=list)
    parent: str | None = None


def country_actors(iso2: str, demonym: str | None) -> list[ActorEntry]:
    """ACLED's per-country actors: "Military Forces of Iraq", "Civilians (Iraq)" and so on."""
    country = geo.country_name(iso2)
    if country is None:
        return []
    the = (
        "the "
        if country.startswith(("United ", "Democratic Republic", "Republic", "Central African"))
        else ""
    )
    military = (
        [
            f"{demonym} army",
            f"{demonym} military",
            f"{demonym} forces",
            f"{demonym} troops",
            f"{demonym} soldiers",
            f"{demonym} security forces",
            f"{demonym} armed forces",
            f"{demonym} government forces",
        ]
        if demonym
        else []
    )
    police = [f"{demonym} police", f"{demonym} police officers"] if demonym else []
    return [
        ActorEntry(f"Military Forces of {the}{country}", ActorType.STATE_FORCES, iso2, military),
        ActorEntry(f"Police Forces of {the}{country}", ActorType.STATE_FORCES, iso2, police),
        ActorEntry(
            f"Government of {the}{country}",
            ActorType.STATE_FORCES,
            iso2,
            [f"{demonym} government"] if demonym else [],
        ),
        ActorEntry(f"Civilians ({country})", ActorType.CIVILIANS, iso2),
        ActorEntry(f"Protesters ({country})", ActorType.PROTESTERS, iso2),
        ActorEntry(f"Rioters ({country})", ActorType.RIOTERS, iso2),
        ActorEntry(f"Unidentified Armed Group ({country})", ActorType.POLITICAL_MILITIA, iso2),
    ]


def entries(path: Path = DATA) -> list[ActorEntry]:
    data = json.loads(path.read_text(encoding="utf-8"))
    demonyms: dict[str, str] = data["demonyms"]
    by_name: dict[str, ActorEntry] = {}
    codes = sorted({c.alpha_2 for c in pycountry.countries} | {"XK"})
    for iso2 in codes:
        for entry in country_actors(iso2, demonyms.get(iso2)):
            by_name[entry.name] = entry
    for group in data["groups"]:
        entry = ActorEntry(
            group["name"],
            group["inter"],
            group.get("country", ""),
            list(group["aliases"]),
            group.get("parent"),
        )
        if entry.name in by_name:  # a generated actor with the team's extra aliases
            entry.aliases = by_name[entry.name].aliases + entry.aliases
        by_name[entry.name] = entry
    return list(by_name.values())


def load(actor_entries: list[ActorEntry]) -> tuple[int, int]:
    """Create the actors and aliases not there yet; never overwrite an editor's changes.

    Returns (actors created, aliases created). Running it twice creates nothing the second time.
    """
    from incidents.models import Actor, ActorAlias, name_key

    existing = dict(Actor.objects.values_list("name", "pk"))
    new = [
        Actor(name=e.name, name_key=name_key(e.name), actor_type=e.actor_type, country_iso=e.country_iso)
        for e in actor_entries
        if e.name not in existing
    ]
    Actor.objects.bulk_create(new, batch_size=500)
    ids = dict(Actor.objects.values_list("name", "pk"))

    parents = [(ids[e.name], ids[e.parent]) for e in actor_entries if e.parent and e.parent in ids]
    for actor_id, parent_id in parents:
        Actor.objects.filter(pk=actor_id, parent__isnull=True).update(parent_id=parent_id)

    have = set(ActorAlias.objects.values_list("actor_id", "name_key"))
    aliases = []
    for e in actor_entries:
        for alias in e.aliases:
            key = (ids[e.name], name_key(alias))
            if key not in have and key[1] != name_key(e.name):
                have.add(key)
                aliases.append(ActorAlias(actor_id=key[0], name=alias, name_key=key[1]))
    ActorAlias.objects.bulk_create(aliases, batch_size=1000)
    return len(new), len(aliases)
