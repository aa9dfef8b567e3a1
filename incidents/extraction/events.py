"""Event triggers in a sentence and their ACLED sub-event type.

Each pattern names the sub-event type it suggests; when a sentence holds several, the most specific
wins (a "suicide bombing" that "killed" people is a suicide bomb, not an attack). The final type may
still change with the actors: an attack on soldiers is an armed clash, a town taken by the army is
"government regains territory" (see `refine`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from incidents.taxonomy import EVENT_TYPE_OF, EventType
from incidents.taxonomy import SubEventType as S

_I = re.I

# (sub-event type, pattern), in priority order: the first type found in a sentence wins.
TRIGGERS: list[tuple[str, re.Pattern]] = [
    (
        S.CHEMICAL_WEAPON,
        re.compile(
            r"chemical (?:weapons?|attack)|poison(?:ous)? gas|gas attack|chlorine|sarin|"
            r"nerve agent|gas (?:had been|was|were) dropped|chloropicrin|phosgene|mustard gas|"
            r"toxic (?:gas|chemicals?|substances?|agents?)|chemical (?:agents?|munitions)",
            _I,
        ),
    ),
    (
        S.SUICIDE_BOMB,
        re.compile(
            r"suicide (?:bomb\w*|attack\w*|car bomb\w*|vest)|blew (?:him|her|them)sel(?:f|ves) up|"
            r"explosive belt|suicide bomber",
            _I,
        ),
    ),
    (
        S.DISRUPTED_WEAPONS_USE,
        re.compile(
            r"\bintercept\w*|\bshot down\b|\bdefus\w*|controlled explosion|(?:weapons?|arms) caches?|"
            r"caches? of (?:\w+ ){0,2}(?:weapons|arms|explosives|ammunition|bombs)|"
            r"(?:seized|recovered|found|discovered)\s+(?:\w+\s+){0,3}(?:weapons|explosives|ammunition|"
            r"explosive devices|bombs|IEDs|mines)\b|\bdeactivat\w*|"
            r"(?:troops|soldiers|forces|army|police|sappers|engineers|experts)\s+(?:\w+\s+){0,2}"
            r"(?:detonated|dismantled|disarmed|neutrali[sz]ed|destroyed)\s+(?:\w+\s+){0,4}"
            r"(?:explosives?|bombs?|devices?|IEDs?|mines?)",
            _I,
        ),
    ),
    (
        S.AIR_DRONE_STRIKE,
        re.compile(
            r"\bair ?strikes?|\bair raids?|drone (?:strike|attack)s?|(?:used|using) drones|"
            r"\bdrones?\b|warplanes?|fighter jets?|\bjets?\b|aircraft|helicopter gunships?|"
            r"aerial (?:bombardment|attack)s?|bombed from the air|"
            # "a guided aerial bomb", "glide bombs": dropped from aircraft
            r"\b(?:guided\s+)?aerial\s+bombs?\b|\b(?:glide|guided)\s+bombs?\b|"
            # "An Israeli strike flattened a building": a strike that hits something is no labour strike.
            r"\bstrikes?\s+(?:on\s+\w+\s+)?(?:hit|hits|flattened|destroyed|levell?ed|struck|targeted)\b",
            _I,
        ),
    ),
    (
        S.REMOTE_EXPLOSIVE,
        re.compile(
            r"car bomb\w*|roadside bomb\w*|\bIEDs?\b|improvised explosive|landmines?|"
            r"\bmines?\b|explosive device|booby[- ]trap\w*|VBIED|magnetic bomb|"
            r"(?:bomb|device|explosives?) (?:went off|exploded|detonated)|\bbomb blast|"
            r"\bbomb(?:ing)?\b(?! shelter)",
            _I,
        ),
    ),
    (
        S.GRENADE,
        re.compile(
            r"(?<!stun )(?<!sponge )(?<!gas )(?<!propelled )(?<!smoke )(?<!flash )\b(?:hand ?)?grenades?\b"
            r"(?! launchers?)",
            _I,
        ),
    ),
    (
        S.SHELLING,
        re.compile(
            r"\b(?:rocket|missile|mortar|artillery) (?:attacks?|strikes?|fire|barrages?)\b|"
            # (tear gas shells are no shelling)
            r"(?<!gas )(?<!gas-)(?<!smoke )\bshell(?:ing|ed|s)?\b|artillery|\bmortars?\b|"
            r"\brockets?\b|\bmissiles?\b|katyushas?|"
            r"\bbarrage\b|\bbombardment\b|heavy weapons",
            _I,
        ),
    ),
    (
        S.SEXUAL_VIOLENCE,
        re.compile(r"\brap(?:e|ed|es|ing)\b|sexual(?:ly)? (?:violence|assault\w*|abused?)", _I),
    ),
    (
        S.ABDUCTION,
        re.compile(
            r"\babduct(?:s|ed|ing|ion|ions)?\b|\bkidnap(?:s|ped|ping|pings)?\b|taken hostage|held hostage|"
            r"forcibly disappeared|"
            r"\b(?:seized|snatched|grabbed)\s+(?:at least\s+)?(?:\w+\s+){0,2}"
            r"(?:women|girls|men|boys|children|people|villagers|passengers|students|pupils|workers|farmers|doctors?|nurses?|priests?|journalists?|"
            r"aid workers?|hostages)\b",
            _I,
        ),
    ),
    (
        S.NON_STATE_ACTOR_OVERTAKES_TERRITORY,
        re.compile(
            r"\b(?:took|taken|take|takes|regained|retaken|retook|seized|gained)\s+(?:full\s+)?control\b|"
            r"\brestored\s+(?:full\s+)?(?:order|control|state authority)[\"”’']?\s+in\b|"
            r"\bfell to\b(?!\s+(?:its|their|a|an|the lowest|record|new|about|around|\d))|\bfall to\b|"
            r"\b(?:have|has|had)\s+taken\s+[A-Z]|\b(?:took|retook|retaken)\s+[A-Z]\w+|"
            r"\b(?:seized|captured|overran|overrun|recaptured|regained|liberated|retook|retaken|reclaimed|taken)\s+"
            r"(?:the\s+|a\s+|all\s+)?(?:[a-z]+\s+){0,2}"
            r"(?:[A-Z]\w+|town|city|village|district|capital|airport|area|territory|bases?|camps?|palace|"
            r"barracks|headquarters|outposts?|strongholds?)|"
            # "troops entered El Buur after the militants withdrew": a town changing hands without a fight
            r"\b(?:entered|moved into|took over)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}(?:[A-Z]\w+|town|city)\b"
            r"(?=[^.]{0,60}\b(?:withdrew|withdrawn|withdrawal|pulled out|retreated|abandoned|fled)\b)",
            re.UNICODE,
        ),
    ),
    (
        S.NON_VIOLENT_TRANSFER,
        re.compile(
            r"raising of the (?:state |national )?flag|(?:marked|restored) (?:\w+ )?"
            r"control|\bwithdrew from\b|handed over (?:control|the town|the city)|"
            r"without (?:a )?fight",
            _I,
        ),
    ),
    (
        S.AGREEMENT,
        re.compile(
            r"\b(?:accepted|signed|reached|agreed|concluded|struck|brokered)\s+(?:to\s+)?(?:a |an |the )?"
            r"(?:[\w-]+\s+){0,2}(?:deal|agreement|ceasefire|truce|accord|peace)\b|prisoner exchange|"
            r"\b(?:deal|agreement|accord|truce|ceasefire)\s+(?:was\s+|had been\s+)?"
            r"(?:signed|reached|agreed)\b|"
            r"\bagreed\s+(?:on\s+\w+\s+)?to\s+(?:reopen|exchange|release|withdraw|integrate|swap|hand over|"
            r"lift|cease|halt|end|open|free|merge|disarm)\b|"
            r"\bpeace deal\b",
            _I,
        ),
    ),
    (
        S.CHANGE_TO_GROUP,
        # (not "the outlawed PKK": an adjective tells of an old ban, not a new one)
        re.compile(
            r"(?<!\bthe )(?<!\ban )(?<!\ba )"
            r"\b(?:dissolved|disbanded|outlawed|proscribed|merged with|renamed itself|surrendered to|"
            r"laid down (?:their|its) arms|defected to)\b",
            _I,
        ),
    ),
    (
        S.HEADQUARTERS_ESTABLISHED,
        re.compile(
            r"\b(?:set up|established|opened|inaugurated|built)\s+(?:a |an |its )?(?:new\s+)?(?:\w+\s+)?"
            r"(?:headquarters|base)\b",
            _I,
        ),
    ),
    (S.MOB_VIOLENCE, re.compile(r"\bmob\b|\blynch\w*|vigilantes?", _I)),
    (
        S.VIOLENT_DEMONSTRATION,
        re.compile(
            r"\brioters?\b|\briot(?:s|ing)?\b(?! police)|stoned to death|\bpelt\w*|"
            r"(?:threw|thrown|throwing|hurled|hurling) (?:\w+ ){0,2}(?:stones|rocks|bottles|petrol bombs|"
            r"molotov\w*|objects|bricks)|stone-?throwing|stone-?pelting|"
            r"\bbarricades?\b|running battles|set fire to|set (?:\w+ ){0,2}on fire|"
            r"\btorched\b",
            _I,
        ),
    ),
    (
        S.PEACEFUL_PROTEST,
        re.compile(
            # (not "a Protestant church", not "the attack demonstrated the group's reach")
            r"\bprotest(?!ant)\w*|\bdemonstrat(?!ed (?:that|the|its|their|his|her|how|a|an)\b)\w*|"
            r"\brall(?:y|ies|ied)\b|(?-i:\bmarch(?:ed|es|ers)?\b)|"
            r"\bsit-ins?\b|\bmarchers\b",
            _I,
        ),
    ),
    (
        S.ARMED_CLASH,
        re.compile(
            r"\bclash\w*|\bfighting\b|\bfought\b|exchange of fire|exchanged fire|gun ?battles?|"
            r"firefights?|\bambush\w*|skirmish\w*|repelled (?:an? )?attack|returned fire|"
            r"(?:opened|came under)\s+(?:\w+\s+){0,2}fire|\bfired\b|"
            r"stormed (?:\w+ ){0,3}(?:camp|base|post|checkpoint|barracks)|\braid\w*|heavy gunfire|"
            r"gunfire (?:broke out|erupted)|exchanges? of gunfire|\bgunfights?\b|\bencounters? with\b",
            _I,
        ),
    ),
    (S.ARRESTS, re.compile(r"\barrest\w*|\bdetain\w*|taken into custody|rounded up", _I)),
    (
        S.LOOTING,
        re.compile(
            r"\bloot\w*|\bransack\w*|burn(?:ed|t) down|\bvandali[sz]\w*|\bdefaced\b|"
            r"\bpillag\w*|\bset alight\b|\bdemolish\w*|\brazed?\b|\bcarried off\b|\bmade off with\b|"
            r"\bstole\b|"
            r"\bsmashed (?:the |its )?(?:\w+ )?(?:windows|doors|offices?|shops?|cars)|\bgraffiti\b|"
            r"\bdestroyed (?:\w+ ){0,2}(?:homes|houses|buildings|shops|crops|property|schools?|churches|"
            r"mosques)|"
            # "burned around 30 houses", "set fire to shops"
            r"\b(?:burn(?:ed|t)|set fire to|torched)\s+(?:\w+\s+){0,3}(?:homes|houses|huts|shops|buildings|"
            r"stalls|granaries|crops|villages?)\b",
            _I,
        ),
    ),
    (
        S.ATTACK,
        re.compile(
            r"\bkill(?:ed|ing|ings)?\b|shot dead|gunned down|massacr\w*|\bstabb\w*|behead\w*|"
            r"\bexecut(?:ed|ion)\w*|assassinat\w*|\bmurder(?:s|ed|ing)?\b|\battack(?:s|ed|ing)?\b|\bshot\b|\bbeat\b|"
            r"\bbeaten\b|\bstormed\b|\bshooting\b|\bhacked\b",
            _I,
        ),
    ),
]
PRIORITY = {sub: n for n, (sub, _) in enumerate(TRIGGERS)}

# Lowercase fragments one of which every match of a type's pattern contains: a cheap substring test
# skips the regex for most sentences (the patterns are slow to scan, having no literal prefix).
ANCHORS: dict[str, tuple[str, ...]] = {
    S.CHEMICAL_WEAPON: ("chemical", "gas", "chlorine", "sarin", "nerve", "chloropicrin", "phosgene", "toxic"),
    S.SUICIDE_BOMB: ("suicide", "blew", "belt"),
    S.DISRUPTED_WEAPONS_USE: (
        "intercept",
        "shot down",
        "defus",
        "controlled",
        "cache",
        "deactivat",
        "devices",
        "bombs",
        "ieds",
        "mines",
        "weapons",
        "explosives",
        "ammunition",
        "detonat",
        "dismantl",
        "disarm",
        "neutrali",
        "destroy",
    ),
    S.AIR_DRONE_STRIKE: (
        "air",
        "drone",
        "warplane",
        "jet",
        "helicopter",
        "aerial",
        "strike",
        "glide",
        "guided",
    ),
    S.REMOTE_EXPLOSIVE: ("bomb", "ied", "improvised", "mine", "explosive", "booby"),
    S.GRENADE: ("grenade",),
    S.SHELLING: (
        "shell",
        "artillery",
        "mortar",
        "rocket",
        "missile",
        "katyusha",
        "barrage",
        "bombardment",
        "heavy weapons",
    ),
    S.SEXUAL_VIOLENCE: ("rap", "sexual"),
    S.ABDUCTION: ("abduct", "kidnap", "hostage", "disappeared", "seized", "snatched", "grabbed"),
    S.NON_STATE_ACTOR_OVERTAKES_TERRITORY: (
        "took",
        "taken",
        "take",
        "fell to",
        "fall to",
        "seized",
        "captured",
        "overr",
        "regained",
        "liberated",
        "retook",
        "retaken",
        "restored",
        "reclaimed",
        "gained",
        "entered",
        "moved into",
        "took over",
    ),
    S.NON_VIOLENT_TRANSFER: ("flag", "control", "withdrew", "handed over", "without"),
    S.AGREEMENT: ("deal", "agreement", "ceasefire", "truce", "accord", "peace", "prisoner"),
    S.CHANGE_TO_GROUP: (
        "dissolved",
        "disbanded",
        "outlawed",
        "proscribed",
        "merged",
        "renamed",
        "surrendered",
        "laid down",
        "defected",
    ),
    S.HEADQUARTERS_ESTABLISHED: ("headquarters", "base"),
    S.MOB_VIOLENCE: ("mob", "lynch", "vigilante"),
    S.VIOLENT_DEMONSTRATION: (
        "riot",
        "stone",
        "thrown",
        "throwing",
        "hurl",
        "pelt",
        "threw",
        "barricade",
        "running battles",
        "fire",
        "torched",
    ),
    S.PEACEFUL_PROTEST: ("protest", "demonstrat", "rall", "march", "sit-in"),
    S.ARMED_CLASH: (
        "clash",
        "fight",
        "fought",
        "fire",
        "battle",
        "ambush",
        "skirmish",
        "repelled",
        "stormed",
        "raid",
        "gunfire",
        "gunfight",
        "encounter",
    ),
    S.ARRESTS: ("arrest", "detain", "custody", "rounded up"),
    S.LOOTING: (
        "set fire",
        "torched",
        "loot",
        "ransack",
        "burn",
        "vandali",
        "defaced",
        "pillag",
        "alight",
        "demolish",
        "raze",
        "destroyed",
        "smashed",
        "graffiti",
        "carried off",
        "made off",
        "stole",
    ),
    S.ATTACK: (
        "kill",
        "shot",
        "gunned",
        "massacr",
        "stabb",
        "behead",
        "execut",
        "assassinat",
        "murder",
        "attack",
        "beat",
        "stormed",
        "shooting",
        "hacked",
    ),
}

# Words that only report a toll ("32 people died"): they support an event but rarely found one.
WEAK_TRIGGER = re.compile(
    r"^(?:kill(?:ed|ing)?|died|dead|attack\w*|shot|fired|shooting|bomb\w*|jets?|aircraft|"
    r"drones?|rockets?|missiles?)$",
    _I,
)

# A definite noun phrase ("the attack", "the bombing") points back at an event already told.
BACK_REFERENCE = re.compile(
    r"\b(?:the|this|that|its|their|such)\s+(?:\w+\s+){0,2}"
    r"(?:attacks?|bombings?|blasts?|explosions?|killings?|massacre|raid|strikes?|assassination|ambush|"
    r"shooting|abduction|kidnapping|violence|operation|action)\b",
    _I,
)


# One pass over the sentence finds which types can match at all.
_ANCHOR_TYPE: dict[str, frozenset[str]] = {}
for _sub, _anchors in ANCHORS.items():
    for _anchor in _anchors:
        _ANCHOR_TYPE[_anchor] = _ANCHOR_TYPE.get(_anchor, frozenset()) | {_sub}
# A longer anchor swallows the shorter ones inside it ("shot down" holds "shot"): it stands for theirs too.
_ANCHOR_TYPE = {a: frozenset().union(*(t for b, t in _ANCHOR_TYPE.items() if b in a)) for a in _ANCHOR_TYPE}
_ANCHOR_RE = re.compile("|".join(re.escape(a) for a in sorted(_ANCHOR_TYPE, key=len, reverse=True)))


@dataclass(frozen=True)
class Trigger:
    sub_event_type: str
    start: int  # offsets in the original text
    end: int
    text: str

    @property
    def event_type(self) -> str:
        return EVENT_TYPE_OF[self.sub_event_type]

    @property
    def weak(self) -> bool:
        return bool(WEAK_TRIGGER.match(self.text))


_PROTEST_MODIFIER = re.compile(
    r"\s+(?:organi[sz]ers?|leaders?|movements?|groups?|camps?|sites?|organi[sz]ations?|committees?|"
    r"slogans?|songs?|banners?|ban)\b",
    _I,
)


def find_triggers(text: str, start: int, end: int) -> list[Trigger]:
    """Every trigger in text[start:end], most specific type first, then by position."""
    chunk = text[start:end]
    present = {_ANCHOR_TYPE[m.group(0)] for m in _ANCHOR_RE.finditer(chunk.lower())}
    present = set().union(*present) if present else set()
    found: list[Trigger] = []
    for sub, pattern in TRIGGERS:
        if sub not in present:
            continue
        for m in pattern.finditer(chunk):
            s, e = start + m.start(), start + m.end()
            if sub == S.PEACEFUL_PROTEST and _PROTEST_MODIFIER.match(text, e):
                continue  # "protest organisers called for more marches": a noun's modifier, no event
            if _ADJECTIVE_BEFORE.search(text, max(start, s - 12), s) and _PARTICIPLE.fullmatch(m.group(0)):
                continue  # "relatives of the abducted women marched": a participle describing a noun
            found.append(Trigger(sub, s, e, text[s:e]))
    protests = [t.start for t in found if t.event_type == EventType.PROTESTS]
    if protests and (aim := _PROTEST_AIM.search(text, min(protests), end)):
        # "rallied, calling on the government to speed up prisoner exchanges": what a crowd asks for is
        # no event of its own.
        found = [t for t in found if t.start < aim.start() or t.event_type == EventType.PROTESTS]
    violent = any(t.event_type in (EventType.VIOLENCE_AGAINST_CIVILIANS, EventType.BATTLES) for t in found)
    if violent:
        # "settlers set fire to two houses and attacked residents": the arson is part of the attack.
        found = [t for t in found if not (t.sub_event_type == S.LOOTING and _ARSON.match(t.text))]
    found.sort(key=lambda t: (PRIORITY[t.sub_event_type], t.start))
    return found


_ARSON = re.compile(r"(?:burn(?:ed|t)|set fire to|torched)\s+(?!down\b)", _I)
_ADJECTIVE_BEFORE = re.compile(r"\b(?:the|their|his|her|its)\s+$", _I)
_PARTICIPLE = re.compile(r"[a-z]+ed", _I)
_PROTEST_AIM = re.compile(
    r"\b(?:calling (?:on|for)|demanding|to demand|urging|(?:to|in) protest (?:against|over|at)|"
    r"protesting (?:against|over))\b",
    _I,
)


def main_trigger(triggers: list[Trigger]) -> Trigger | None:
    """The trigger that sets the sentence's type: the most specific, a weak one only if alone."""
    strong = [t for t in triggers if not t.weak]
    if strong:
        return strong[0]
    return triggers[0] if triggers else None


_CROWD_NOUN = re.compile(r"^(?:protesters|demonstrators|marchers)$", _I)


def codebook_trigger(text: str, triggers: list[Trigger], trigger: Trigger, deaths: bool) -> Trigger:
    """The codebook's reading where the most specific word misleads.

    "Police arrested 20 protesters" reports arrests, not a protest: the crowd is only the verb's object.
    A raid in which people were detained and nobody died is an arrest operation, not a battle.
    """
    arrests = [t for t in triggers if t.sub_event_type == S.ARRESTS]
    if not arrests:
        return trigger
    crowd = [t for t in triggers if t.event_type in (EventType.PROTESTS, EventType.RIOTS)]
    if crowd and all(
        _CROWD_NOUN.match(t.text)
        and any(
            0 <= t.start - a.end <= 30 and re.fullmatch(r"[\s\w,-]*", text[a.end : t.start]) for a in arrests
        )
        for t in crowd
    ):
        return arrests[0]
    if trigger.text.lower().startswith("raid") and not deaths:
        clash = [
            t for t in triggers if t.sub_event_type == S.ARMED_CLASH and not t.text.lower().startswith("raid")
        ]
        if not clash:
            return arrests[0]
    return trigger


# A trigger said as a finite verb ("killed", "shot", "struck"): the clause's subject acts, its object suffers.
_VERB_FORM = re.compile(
    r"^(?:\w+ed|shot|shot dead|fought|gunned down|beat|blew \w+ up|threw \w*|stormed|stabbed)$", re.I
)


_CLAUSE_BREAK = re.compile(
    r"[;:]|\b(?:when|after|before|as|while|because|since|until|who|which|that)\b", re.I
)


def role_pivot(text: str, triggers: list[Trigger], trigger: Trigger) -> Trigger:
    """The trigger around which to read who acted: the first verb when it comes before the main trigger.

    In "Soldiers killed four rebels in a firefight" the type comes from "firefight", but the roles come
    from "killed": soldiers before it act, the rebels after it suffer.
    """
    verbs = [
        t
        for t in triggers
        if t.start < trigger.start
        and _VERB_FORM.match(t.text)
        and t.event_type != EventType.STRATEGIC_DEVELOPMENTS
        and not _CLAUSE_BREAK.search(text, t.end, trigger.start)
    ]
    return min(verbs, key=lambda t: t.start) if verbs else trigger


# Protesters' own violence makes a demonstration a riot; the state's response sets the protest subtype.
_RIOT_ACTS = re.compile(
    r"threw|thrown|throwing|hurl\w*|stoned|stone-?throw\w*|stone-?pelt\w*|pelt\w*|set fire|"
    r"set (?:\w+ ){0,2}on fire|torched|burn(?:ed|t|ing) (?:\w+ ){0,2}(?:tyres|tires|cars|vehicles|buildings?|"
    r"offices?|stations?|shops?)|looted|barricades?|running battles|clashed|broke through|smashed|"
    r"attacked|vandali[sz]\w*|ransack\w*|petrol bombs?|molotov",
    _I,
)
_LETHAL_FORCE = re.compile(
    r"(?:opened|open) fire|fired (?:live rounds |into|on|at)|live (?:rounds|ammunition)|"
    r"shot dead|\bkill(?:ed|ing)\b|lethal force",
    _I,
)
_GRIEVANCE = re.compile(
    r"\b(?:against|over|about|denounc\w*|condemn\w*|demand\w* justice for)\s+(?:the\s+)?(?:\w+\s+){0,3}?"
    r"(?:killings?|deaths?|murders?|shootings?|arrests?|detentions?|abductions?|kidnappings?)\b(?:\s+of\s+\w+(?:\s+\w+)?)?",
    _I,
)
_NO_INTERVENTION = re.compile(r"\bwithout (?:any )?(?:intervention|interference)[\w ]{0,20}", _I)
_INTERVENTION = re.compile(
    r"tear ?gas|broke up|break up|(?:to|police|officers|forces|troops|soldiers|were|was|been) dispers\w*|"
    r"dispersed (?:the|a|them|protesters|demonstrators|crowds?)|water cannon|rubber bullets|baton|"
    r"arrest\w*|detain\w*|stun grenades|charged",
    _I,
)


def protest_subtype(context: str, fatalities: int | None) -> str:
    """Peaceful protest, protest with intervention, excessive force, or a violent demonstration."""
    context = _NO_INTERVENTION.sub("", context)  # "without any intervention by police"
    context = _GRIEVANCE.sub("", context)  # "to protest against the killing of a colleague"
    if _RIOT_ACTS.search(context):
        return S.VIOLENT_DEMONSTRATION
    if _LETHAL_FORCE.search(context) and (fatalities or 0) > 0:
        return S.EXCESSIVE_FORCE
    if _INTERVENTION.search(context) or _LETHAL_FORCE.search(context):
        return S.PROTEST_WITH_INTERVENTION
    return S.PEACEFUL_PROTEST
