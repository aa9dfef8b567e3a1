"""Actors in a sentence: dictionary names and aliases, plus ACLED's generic actors.

"gunmen" → "Unidentified Armed Group (Mexico)", "villagers" → "Civilians (Mali)", "Iraqi troops" →
"Military Forces of Iraq". Roles: actor1 is who acted, actor2 against whom (see `assign_roles`).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass, field

import pycountry

from incidents import geo
from incidents.extraction.base import ActorMention
from incidents.extraction.gazetteer import fold, fold_token, token_key
from incidents.taxonomy import ActorType

TOKEN = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class ActorEntry:
    name: str
    actor_type: int
    country_iso: str = ""


@dataclass
class ActorDictionary:
    """Named actors by every alias (folded), and demonyms → country codes."""

    entries: list[ActorEntry] = field(default_factory=list)
    index: dict[str, list[int]] = field(default_factory=dict)
    acronyms: set[str] = field(default_factory=set)  # aliases that must match in capitals ("IS")
    demonyms: dict[str, str] = field(default_factory=dict)
    max_words: int = 1
    first_words: set[str] = field(default_factory=set)

    def add(self, name: str, actor_type: int, country_iso: str = "", aliases: list[str] | tuple = ()) -> None:
        """Add an actor under its name and aliases; learn demonyms from aliases like "Iraqi army"."""
        i = len(self.entries)
        self.entries.append(ActorEntry(name, actor_type, country_iso))
        for alias in {name, *aliases}:
            key = token_key(alias)
            if not key:
                continue
            if alias.isupper() and len(alias) <= 5:
                self.acronyms.add(key)
            self.index.setdefault(key, []).append(i)
            self.first_words.add(key.split(" ", 1)[0])
            self.max_words = max(self.max_words, key.count(" ") + 1)
            if name.startswith("Military Forces of") and alias.endswith(" army") and country_iso:
                self.demonyms[fold(alias[: -len(" army")])] = country_iso

    def country_of_word(self, words: str) -> str | None:
        """The country a demonym or country name stands for ("Iraqi", "Syria"), or None."""
        key = fold_token(words) if " " not in words else fold(words)
        return self.demonyms.get(key) or _country_names().get(key)


_COUNTRY_NAMES: dict[str, str] = {}


def _country_names() -> dict[str, str]:
    if not _COUNTRY_NAMES:
        for c in pycountry.countries:
            for label in (c.name, getattr(c, "common_name", None)):
                if label:
                    _COUNTRY_NAMES[fold(label)] = c.alpha_2
        for code, label in geo.ACLED_COUNTRY_NAMES.items():
            _COUNTRY_NAMES[fold(label)] = code
        _COUNTRY_NAMES.update(
            {
                "us": "US",
                "usa": "US",
                "america": "US",
                "american": "US",
                "uk": "GB",
                "britain": "GB",
                "congo": "CD",
                "drc": "CD",
                "kosovo": "XK",
            }
        )
    return _COUNTRY_NAMES


@dataclass(frozen=True)
class ActorHit:
    name: str  # canonical name
    actor_type: int
    start: int
    end: int
    text: str
    generic: bool = False  # a generic noun ("gunmen"), as against a named actor

    def mention(self) -> ActorMention:
        return ActorMention(self.name, self.text, self.actor_type)


# Generic nouns → (ACLED name pattern, inter code). {c} is the country's ACLED name.
_GENERIC: list[tuple[re.Pattern, str, int]] = [
    (
        re.compile(r"\b(?:riot police|police(?:m[ae]n| officers?)?|gendarm\w*|officers)\b", re.I),
        "Police Forces of {the}{c}",
        ActorType.STATE_FORCES,
    ),
    (
        re.compile(
            r"\b(?:troops|soldiers?|army|military|servicem[ae]n|armed forces|security forces|"
            r"government forces|"
            r"warplanes|jets|air force|air defen[cs]es|navy|positions|units|marines|paratroopers|infantry|"
            r"junta|regime forces|regime troops)\b",
            re.I,
        ),
        "Military Forces of {the}{c}",
        ActorType.STATE_FORCES,
    ),
    (
        re.compile(
            r"(?<!pro-)(?<!anti-)(?<!seat of )(?<!head of )\b(?:government|authorities|cabinet)\b"
            r"(?!['’]s|-backed|-allied|-held|-controlled|-run|\s+(?:officials?|forces|troops|soldiers|offensive|military|"
            r"flag|buildings?|offices?|control|statement|spokes\w+|figures))",
            re.I,
        ),
        "Government of {the}{c}",
        ActorType.STATE_FORCES,
    ),
    (
        re.compile(
            r"\b(?:gunmen|assailants|attackers|armed men|bandits|kidnappers|abductors|bombers?|militiamen|"
            r"miscreants|terrorists|militias?|unidentified (?:men|attackers|assailants)|two men)\b",
            re.I,
        ),
        "Unidentified Armed Group ({c})",
        ActorType.POLITICAL_MILITIA,
    ),
    (
        re.compile(r"\b(?:protesters|demonstrators|marchers|crowds?|youths)\b", re.I),
        "Protesters ({c})",
        ActorType.PROTESTERS,
    ),
    (re.compile(r"\b(?:rioters|mob)\b", re.I), "Rioters ({c})", ActorType.RIOTERS),
    (
        re.compile(
            r"\b(?:civilians?|villagers|residents|people|passengers|students|schoolboys|schoolgirls|pupils|"
            r"children|women|farmers|herders|worshippers|shoppers|journalists?|family|families|traders|"
            r"displaced|mourners|activists?|director|engineer|worshipers|victims|boys|girls)\b",
            re.I,
        ),
        "Civilians ({c})",
        ActorType.CIVILIANS,
    ),
]
# Israeli settlers are an actor of their own in ACLED's codebook ("Settlers (Israel)"), wherever they act.
_SETTLERS = re.compile(r"\b(?:armed |Jewish |Israeli )?settlers\b", re.I)
# Countries whose generic "troops" and "soldiers" are another state's: in the occupied Palestinian
# territories the soldiers are Israel's (ACLED codes "Military Forces of Israel"), not Palestine's.
_MILITARY_OF = {"PS": "IL"}
_STATE_WEAPONS = re.compile(r"\b(?:air ?strikes?|airstrikes?|drones?|artillery|shelling|missiles?)\b", re.I)
# Unnamed fighters: the report's main named armed group if it has one, else an unidentified group.
_FIGHTERS = re.compile(
    r"\b(?:militants|insurgents|jihadists|rebels|fighters|extremists|guerrillas|separatists|secessionists|"
    r"the group)\b",
    re.I,
)


def country_actor_name(pattern: str, iso2: str) -> str:
    country = geo.country_name(iso2) or iso2
    the = (
        "the "
        if country.startswith(("United ", "Democratic Republic", "Republic", "Central African"))
        else ""
    )
    return pattern.format(c=country, the=the)


def _common_noun_use(text: str, s: int, e: int) -> bool:
    """A one-word alias used as a common noun: lowercase without its qualifier ("the US-led coalition"
    is not the Saudi-led one), or the head of a longer name ("Coalition for Change")."""
    if re.match(r"\s+(?:for|of)\s+[A-Z]", text[e : e + 8]):
        return True
    return text[s:e].islower() and not re.search(
        r"(?:saudi|arab)\W*(?:led\W*)?$", text[max(0, s - 14) : s], re.I
    )


def find_named(
    dictionary: ActorDictionary, text: str, start: int, end: int, prefer: Counter | None = None
) -> list[ActorHit]:
    """Dictionary actors named in text[start:end], longest match first.

    An alias two actors share ("SNA": Syria's National Army, Somalia's) is the one whose country the
    report is most about, when `prefer` (country → weight) is given; else the first listed.
    """
    toks = [(m.start(), m.end()) for m in TOKEN.finditer(text, start, end)]
    words = [fold_token(text[s:e]) for s, e in toks]
    hits: list[ActorHit] = []
    i = 0
    while i < len(toks):
        if words[i] not in dictionary.first_words:
            i += 1
            continue
        for n in range(min(dictionary.max_words, len(toks) - i), 0, -1):
            s, e = toks[i][0], toks[i + n - 1][1]
            key = " ".join(words[i : i + n])
            found = dictionary.index.get(key)
            if not found or (key in dictionary.acronyms and not text[s:e].isupper()):
                continue
            if n == 1 and text[s:e].islower() and len(key) < 6:
                continue  # a lowercase common word that happens to be an alias
            if n == 1 and key not in dictionary.acronyms and _common_noun_use(text, s, e):
                continue  # "coalition" is the Saudi-led one only when the text says who leads it
            entry = dictionary.entries[found[0]]
            if prefer and len(found) > 1:
                entry = max(
                    (dictionary.entries[k] for k in found), key=lambda a: prefer.get(a.country_iso, 0)
                )
            generic = entry.name.startswith(
                ("Civilians (", "Protesters (", "Rioters (", "Unidentified Armed")
            )
            hits.append(ActorHit(entry.name, entry.actor_type, s, e, text[s:e], generic))
            i += n - 1
            break
        i += 1
    return hits


def find_generic(
    dictionary: ActorDictionary, text: str, start: int, end: int, country: str, main_group: ActorHit | None
) -> list[ActorHit]:
    """Generic actors ("gunmen", "Ukrainian positions") in text[start:end], named ACLED style."""
    ethnic = _ethnic_militias(dictionary, text, start, end, country)
    hits: list[ActorHit] = list(ethnic)
    for pattern, name, inter in _GENERIC:
        for m in pattern.finditer(text, start, end):
            if any(h.start <= m.start() < h.end for h in ethnic):
                continue  # the noun of "Murle youths": the ethnic militia
            if inter == ActorType.STATE_FORCES and _inside_proper_name(dictionary, text, m.start(), start):
                continue  # "the Myanmar National Democratic Alliance Army" is no state army
            iso = _demonym_before(dictionary, text, m.start(), start)
            if iso is None and name.startswith("Military Forces"):
                iso = _MILITARY_OF.get(country)
            iso = iso or country
            hits.append(ActorHit(country_actor_name(name, iso), inter, m.start(), m.end(), m.group(0), True))
    if country in ("PS", "IL"):
        for m in _SETTLERS.finditer(text, start, end):
            hits.append(
                ActorHit(
                    "Settlers (Israel)", ActorType.IDENTITY_MILITIA, m.start(), m.end(), m.group(0), True
                )
            )
    for m in _STATE_WEAPONS.finditer(text, start, end):
        # "an Israeli air strike": a state's weapon named with its demonym stands for its military.
        if iso := _demonym_before(dictionary, text, m.start(), start):
            name = country_actor_name("Military Forces of {the}{c}", iso)
            hits.append(ActorHit(name, ActorType.STATE_FORCES, m.start(), m.end(), m.group(0), True))
    for m in _FIGHTERS.finditer(text, start, end):
        if any(h.start <= m.start() < h.end for h in ethnic):
            continue
        iso = _demonym_before(dictionary, text, m.start(), start)
        if main_group and not iso:
            hits.append(
                ActorHit(main_group.name, main_group.actor_type, m.start(), m.end(), m.group(0), True)
            )
        else:
            name = country_actor_name("Unidentified Armed Group ({c})", iso or country)
            hits.append(ActorHit(name, ActorType.POLITICAL_MILITIA, m.start(), m.end(), m.group(0), True))
    return hits


# "Murle youths attacked cattle camps", "armed Fulani herders": ACLED's "<Name> Ethnic Militia (Country)".
_ETHNIC = re.compile(
    r"\b(?:armed\s+)?([A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?)\s+(?:armed\s+)?(?:youths?|militia(?:men|s)?|herders|"
    r"herdsmen|raiders|armed groups?|vigilantes|tribesmen|clansmen|clan militias?)\b"
)
_NOT_ETHNIC = {
    "the", "armed", "suspected", "unknown", "unidentified", "rival", "local", "several", "some", "many",
    "other", "islamist", "jihadist", "communist", "maoist", "tribal", "clan", "christian", "muslim", "hindu",
    "catholic", "sunni", "shia", "shiite", "government", "pro", "anti", "allied", "village", "community",
    "self", "two", "three", "four", "five", "dozens", "hundreds", "about", "around", "nearly", "over",
    "young", "angry",
}  # fmt: skip


def _ethnic_militias(
    dictionary: ActorDictionary, text: str, start: int, end: int, country: str
) -> list[ActorHit]:
    hits = []
    for m in _ETHNIC.finditer(text, start, end):
        word = m.group(1)
        key = fold_token(word)
        if key in _NOT_ETHNIC or key in dictionary.first_words or dictionary.country_of_word(word):
            continue
        if (
            re.search(r"(?:^|[.!?:]\s+|\n)$", text[max(start, m.start(1) - 3) : m.start(1)])
            or m.start(1) == start
        ):
            continue  # a capital that only starts the sentence
        name = country_actor_name(f"{word} Ethnic Militia ({{c}})", country)
        hits.append(ActorHit(name, ActorType.IDENTITY_MILITIA, m.start(), m.end(), m.group(0), False))
    return hits


def _inside_proper_name(dictionary: ActorDictionary, text: str, pos: int, floor: int) -> bool:
    """Is the capitalised word at `pos` the tail of a longer name ("... Democratic Alliance Army")?"""
    if not text[pos : pos + 1].isupper():
        return False
    before = re.search(r"([A-Z][\w'’-]*)\s+$", text[max(floor, pos - 30) : pos])
    return bool(before) and dictionary.country_of_word(before.group(1)) is None


def _demonym_before(dictionary: ActorDictionary, text: str, pos: int, floor: int) -> str | None:
    # "Syrian and Russian warplanes", "Ukrainian positions", "the Saudi air defences": look a few words back.
    window = text[max(floor, pos - 40) : pos]
    window = re.split(r"[^\w\s'’-]|\s-\s", window)[-1]  # nothing across punctuation ("SANAA, Yemen - An")
    # Four tokens: "a Russian Iskander-M ballistic missile".
    words = [m.group(0) for m in TOKEN.finditer(window)][-4:]
    for word in reversed(words):
        if word[:1].isupper() and (iso := dictionary.country_of_word(word)):
            return iso
    return None


_GROUPS = (
    ActorType.REBEL_GROUP,
    ActorType.POLITICAL_MILITIA,
    ActorType.IDENTITY_MILITIA,
    ActorType.EXTERNAL_OTHER,
)


def merge_hits(named: list[ActorHit], generic: list[ActorHit]) -> list[ActorHit]:
    """Named and generic hits in text order; a generic noun inside a named span is dropped."""
    kept = list(named)
    for g in generic:
        overlapping = [n for n in named if n.start < g.end and g.start < n.end]
        if overlapping:
            continue
        if any(0 <= g.start - n.end <= 1 and n.actor_type in _GROUPS for n in named):
            continue  # "RSF fighters", "Taliban gunmen": the noun belongs to the name before it
        # "Iraqi troops" is in the dictionary; prefer the longer generic + demonym span anyway.
        kept.append(g)
    return sorted(kept, key=lambda h: h.start)


_PASSIVE = re.compile(
    r"\b(?:came|come|comes|coming) under\b|"
    r"\b(?:was|were|been|being|is|are)\s+(?:\w+\s+){0,2}"
    r"(?:\w+ed|hit|struck|shot|taken|seized|overrun|stoned|beaten|targeted)\b",
    re.I,
)
# (not "troops backed by militias": support is no agency)
_BY = re.compile(
    r"(?<!backed )(?<!supported )(?<!assisted )(?<!accompanied )(?<!aided )(?<!joined )(?<!escorted )"
    r"(?<!guarded )(?<!protected )(?<!owned )(?<!run )(?<!operated )(?<!manned )(?<!driven )"
    r"\bby\s+(?:the\s+|a\s+|an\s+)?(?:\w+\s+){0,3}$",
    re.I,
)
_RESPONSIBLE = re.compile(
    r"\b(?:claimed|claim\w* (?:responsibility|the)|blamed|held|attributed to|"
    r"said it had carried out)\b",
    re.I,
)


# "police said", "according to residents", "witnesses told Reuters": who reports, not who took part.
_SOURCE_AFTER = re.compile(
    r"(?:\s+(?:\w+\s+){0,2}?)?\s*(?:said|says|told|reported|confirmed|added|stated|claimed that)\b", re.I
)
_SOURCE_BEFORE = re.compile(r"(?:according to|\btold)\s+(?:the\s+|a\s+|local\s+|\w+\s+)?$", re.I)
_SPEAKER_ACTS = re.compile(
    r"(?:,?\s+(?:on|late|early|in|that|\w+day|\w+ly)\b){0,3},?\s+(?:it|they|its|their|we|our)\b", re.I
)
_BETWEEN = re.compile(r"\s*(?:\w+\s+){0,2}?between\b", re.I)
# (a generic noun may follow the first name: "Fano fighters and the army")
_PAIR = re.compile(
    r"^\s*(?:fighters\s+|militants\s+|rebels\s+|militiamen\s+|members\s+)?(?:,|and|,\s*and)\s+"
    r"(?:the\s+|their\s+)?(?:\w+\s+){0,3}$",
    re.I,
)


def is_source(hit: ActorHit, text: str, sentence_start: int) -> bool:
    """Is this actor only the source of the report ("police said", "according to residents")?"""
    if said := _SOURCE_AFTER.match(text, hit.end):
        # "the army said it had retaken the town": the speaker is also who acted.
        return not _SPEAKER_ACTS.match(text, said.end())
    return bool(_SOURCE_BEFORE.search(text[max(sentence_start, hit.start - 40) : hit.start]))


_APPOSITION = re.compile(r",\s+(?:a|an|the)\s+[^,;:()]*$", re.I)


def _in_apposition(hit: ActorHit, hits: list[ActorHit], text: str) -> bool:
    """ "Dan Na Ambassagou, an umbrella group of hunters' militias": the generic noun describes the name."""
    return hit.generic and any(
        not n.generic and n.end <= hit.start and _APPOSITION.match(text[n.end : hit.start]) for n in hits
    )


_SUPPORTERS = re.compile(
    r"\b(?:backed|supported|assisted|accompanied|aided|joined|reinforced)\s+by\s+(?:the\s+|a\s+)?"
    r"(?:[\w-]+\s+){0,4}$",
    re.I,
)
# The subject of an active verb: "..., when two bombers killed 27 people".
_ACTS_NEXT = re.compile(
    r"\s+(?:\w+\s+)?(?:killed|attacked|opened|stormed|shot|fired|ambushed|abducted|kidnapped|detonated|"
    r"set|burned|raided|seized|captured|struck|hit|blew|launched|carried|overran|massacred)\b",
    re.I,
)


_WITH = re.compile(r"\b(?:with|against)\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,2}$", re.I)


def assign_roles(
    hits: list[ActorHit], text: str, sentence_start: int, trigger_start: int, trigger_end: int
) -> tuple[ActorHit | None, ActorHit | None]:
    """(actor1, actor2): who acted and against whom, from word order, "by" phrases and the passive."""
    hits = [h for h in hits if not is_source(h, text, sentence_start) and not _in_apposition(h, hits, text)]
    # "troops backed by local militias recaptured": the supporters are associates, not a side of their own.
    supported = [h for h in hits if _SUPPORTERS.search(text[max(sentence_start, h.start - 40) : h.start])]
    if supported and len(supported) < len(hits):
        hits = [h for h in hits if h not in supported]
    if not hits:
        return None, None
    after_trigger = [h for h in hits if h.start >= trigger_end]
    sides = [h for n, h in enumerate(after_trigger) if n == 0 or h.name != after_trigger[n - 1].name]
    if len(sides) >= 2 and _BETWEEN.match(text, trigger_end):
        # "clashes between the army and the rebels": both sides follow, the first named acts.
        return sides[0], sides[1]
    before_trigger: list[ActorHit] = []
    for h in hits:
        if h.end > trigger_start:
            break
        if before_trigger and before_trigger[-1].name == h.name and h.start - before_trigger[-1].end <= 2:
            # "RSF fighters": one actor said in two words
            before_trigger[-1] = dataclasses.replace(before_trigger[-1], end=h.end)
            continue
        before_trigger.append(h)
    if (
        len(before_trigger) >= 2
        and before_trigger[-2].name != before_trigger[-1].name
        and _PAIR.match(text[before_trigger[-2].end : before_trigger[-1].start])
        # (an acronym in brackets may close the second name: "the Sudanese army (SAF) clashed")
        and re.match(
            r"[\s)\]]*(?:\([^)]{1,12}\)\s*)?(?:\w+\s+){0,2}$", text[before_trigger[-1].end : trigger_start]
        )
        and re.match(r"(?:clash|fought|battl|exchang|skirmish)", text[trigger_start:trigger_end], re.I)
    ):
        # "Government troops and RSF fighters clashed": two subjects of a mutual verb.
        return before_trigger[-2], before_trigger[-1]
    by_agent = [h for h in hits if _BY.search(text[max(sentence_start, h.start - 30) : h.start])]
    claimant = [
        h for h in hits if h.start < trigger_start and _RESPONSIBLE.search(text[h.end : trigger_start])
    ]
    # An agent inside the trigger's own noun phrase ("an Israeli air strike") acts too.
    before = [h for h in hits if h.end <= trigger_start or (h.start <= trigger_start < h.end)]
    after = [h for h in hits if h.start >= trigger_end]
    # "Ukrainian positions were hit by targeted fire from mortars": the passive sits between the subject
    # and the trigger, or just around the trigger.
    start = before[-1].end if before else max(sentence_start, trigger_start - 25)
    passive = bool(_PASSIVE.search(text[start : trigger_end + 3]))
    if by_agent:
        actor1 = by_agent[0]
        rest = [h for h in hits if h.name != actor1.name]
        actor2 = ([h for h in rest if h.start < actor1.start] or rest or [None])[-1 if passive else 0]
        return actor1, actor2
    if claimant:
        actor1 = claimant[0]
        return actor1, next((h for h in hits if h.name != actor1.name and h.start > trigger_start), None)
    if passive and before:
        # "two militants were killed in an encounter with the army": the side met "with" acted.
        agent = next(
            (h for h in after if _WITH.search(text[max(sentence_start, h.start - 30) : h.start])), None
        )
        return agent, before[-1]
    actor1 = before[-1] if before else None
    actor2 = next((h for h in after if not actor1 or h.name != actor1.name), None)
    if actor2 is None and actor1 is not None:
        # "13 police officers were killed when gunmen ambushed their convoy": the victims came first.
        actor2 = next(
            (
                h
                for h in before
                if h.name != actor1.name
                and h.start < actor1.start
                and _PASSIVE.search(text[h.end : actor1.start])
            ),
            None,
        )
    armed_groups = (ActorType.REBEL_GROUP, ActorType.POLITICAL_MILITIA, ActorType.IDENTITY_MILITIA)
    if (
        actor1 is None
        and len(after) >= 2
        and after[0].actor_type in armed_groups
        and _ACTS_NEXT.match(text, after[0].end)
    ):
        # "... in January 2018, when two bombers killed 27 people": the subject comes after the trigger.
        actor1, actor2 = after[0], next((h for h in after[1:] if h.name != after[0].name), None)
    return actor1, actor2
