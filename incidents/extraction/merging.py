"""Event mentions, their merging into one candidate per event, and the final ACLED coding."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from dataclasses import dataclass, field

from incidents import geo
from incidents.extraction import casualties, dates, events
from incidents.extraction.actors import ActorHit, country_actor_name
from incidents.extraction.base import Candidate, Span
from incidents.extraction.gazetteer import PlaceRecord, fold
from incidents.extraction.sentences import Sentence
from incidents.taxonomy import EVENT_TYPE_OF, ActorType, EventType
from incidents.taxonomy import SubEventType as S


@dataclass
class PlaceChoice:
    name: str
    country_iso: str | None
    latitude: float | None
    longitude: float | None
    admin1: str
    geo_precision: int
    geonames_id: int | None
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, record: PlaceRecord, start: int, end: int, text: str) -> PlaceChoice:
        precision = 1 if record.kind == "place" else 3
        return cls(
            record.name,
            record.country_iso,
            record.latitude,
            record.longitude,
            record.admin1 if record.kind != "admin1" else record.name,
            precision,
            record.geonames_id,
            start,
            end,
            text,
        )


@dataclass
class Mention:
    """One sentence's account of an event."""

    sentence: Sentence
    paragraph: int
    trigger: events.Trigger
    triggers: list[events.Trigger]
    date: dates.DateMention | None
    date_inherited: bool
    place: PlaceChoice | None
    place_inherited: bool
    country_iso: str
    actor1: ActorHit | None
    actor2: ActorHit | None
    hits: list[ActorHit]
    claim: bool = False
    protest_context: bool = False
    paragraph_armed: bool = False  # a named armed group is in the mention's paragraph
    default_actor1: ActorHit | None = None  # the report's main armed group, for events with no agent
    fatalities: casualties.Count | None = None
    injured: casualties.Count | None = None
    sentences: list[Sentence] = field(default_factory=list)
    counted: set[tuple[int, str]] = field(default_factory=set)  # offsets of the figures already folded in

    def add_counts(self, counts: list[casualties.Count], disagree: bool, later: str | None = None) -> None:
        """Fold a sentence's figures in: precise beats vague; disagreeing sources give the lowest.

        `later` is the text of a later sentence about the same event: its figure may be another side's
        dead (added), a raised toll (replaces), or another source's toll (the lowest counts).
        """
        for kind in ("killed", "injured"):
            # A figure counts once, though it arrives with its sentence and again when that mention merges.
            these = [c for c in counts if c.kind == kind and (c.start, kind) not in self.counted]
            if not these:
                continue
            self.counted |= {(c.start, kind) for c in these}
            groups: dict[int, int] = {}
            for c in these:
                groups[c.group] = groups.get(c.group, 0) + c.value
            # Separate victims add up; figures from sources that disagree do not: take the lowest.
            value = min(groups.values()) if disagree else sum(groups.values())
            sides = {c.side for c in these}
            new = casualties.Count(
                kind,
                value,
                these[0].start,
                these[-1].end,
                "",
                any(c.vague for c in these),
                side=sides.pop() if len(sides) == 1 else "",
                extra=any(c.extra for c in these),
            )
            attr = "fatalities" if kind == "killed" else "injured"
            old = getattr(self, attr)
            if old is None or (old.vague and not new.vague) or (disagree and new.value < old.value):
                setattr(self, attr, new)
            elif later is not None and not new.vague and old.value > 0 and new.value > 0:
                setattr(self, attr, _reconcile(old, new, later))

    def to_candidate(self, text: str) -> Candidate:
        """The ACLED coding of this (merged) event, with a span of the text for every field."""
        sub = self.trigger.sub_event_type
        context = " ".join(s.text for s in [self.sentence, *self.sentences])
        actor1, actor2 = self.actor1, self.actor2
        fatalities = self.fatalities.value if self.fatalities else None
        country = self.country_iso
        sub, actor1, actor2 = refine(
            sub,
            actor1,
            actor2,
            context,
            fatalities,
            country,
            self.hits,
            self.protest_context and not (actor1 is None and self.paragraph_armed),
            self.default_actor1,
            bool(_MUTUAL.match(self.trigger.text)),
        )
        date = self.date
        evidence = [
            Span("summary", self.sentence.start, self.sentence.end, self.sentence.text),
            Span("sub_event_type", self.trigger.start, self.trigger.end, self.trigger.text),
        ]
        if date and date.text:
            evidence.append(Span("event_date", date.start, date.end, text[date.start : date.end]))
        if self.place:
            evidence.append(
                Span("location", self.place.start, self.place.end, text[self.place.start : self.place.end])
            )
        for name, hit in (("actor1", actor1), ("actor2", actor2)):
            if hit and hit.end > hit.start:
                evidence.append(Span(name, hit.start, hit.end, text[hit.start : hit.end]))
        for name, count in (("fatalities", self.fatalities), ("injured", self.injured)):
            if count:
                evidence.append(Span(name, count.start, count.end, text[count.start : count.end]))
        event_date = date.date if date else dt.date.today()
        date_end = date.date_end if date and date.date_end and date.date_end > event_date else None
        place = self.place
        confidence = (
            0.35 + 0.15 * (not self.date_inherited) + 0.15 * (place is not None and not self.place_inherited)
        )
        confidence += (
            0.1 * (actor1 is not None) + 0.1 * (not self.trigger.weak) + 0.05 * (fatalities is not None)
        )
        return Candidate(
            event_date=event_date,
            date_end=date_end,
            time_precision=date.precision if date else 2,
            sub_event_type=sub,
            event_type=EVENT_TYPE_OF[sub],
            country_iso=country,
            admin1=(place.admin1 or None) if place else None,
            location=place.name if place else geo.country_name(country),
            latitude=place.latitude if place else None,
            longitude=place.longitude if place else None,
            geo_precision=place.geo_precision if place else 3,
            geonames_id=place.geonames_id if place else None,
            # A vague word alone ("several were killed", "dozens wounded") gives no figure: the toll is
            # unquantified (null), though it still tells the refinements above that people died.
            fatalities=None if self.fatalities and self.fatalities.vague else fatalities,
            injured=self.injured.value if self.injured and not self.injured.vague else None,
            actor1=actor1.mention() if actor1 else None,
            actor2=actor2.mention() if actor2 else None,
            civilian_targeting=bool(actor2 and actor2.actor_type == ActorType.CIVILIANS),
            confidence=min(confidence, 0.95),
            summary=self.sentence.text,
            evidence=evidence,
        )


def _reconcile(old: casualties.Count, new: casualties.Count, sentence: str) -> casualties.Count:
    """The event's figure after a later sentence gave another one for the same kind of victim."""
    also = re.search(r"\balso\b", sentence, re.I)
    # The attackers' own dead are seldom in a first toll of "people" killed.
    attackers = new.side == "armed" and old.side != "armed"
    if new.extra or also or attackers or (old.side and new.side and old.side != new.side):
        # "15 soldiers were killed ... the army said 20 assailants died": every death in the event counts.
        return dataclasses.replace(old, value=old.value + new.value, side="")
    if casualties.is_update(sentence):
        return new  # "the toll rose to 14"
    if new.value < old.value and new.value > 1 and casualties.is_sourced(sentence):
        # Another source's lower toll ("police confirmed 11 deaths"): ACLED codes the lowest figure.
        # A single death told later is usually one victim's story, not a toll.
        return new
    return old


_FROM_THE_AIR = re.compile(
    r"\b(?:jets?|warplanes?|aircraft|helicopters?|drones?|F-\d+s?)\s+(?:had\s+|have\s+)?(?:fired|launched|dropped)\b|"
    r"\b(?:fired|launched|dropped)\s+(?:\w+\s+){0,3}from\s+(?:\w+\s+)?(?:jets?|warplanes?|aircraft|helicopters?|drones?)\b",
    re.I,
)
_MUTUAL = re.compile(r"clash|fight|fought|battl|gun ?battle|exchange|firefight|skirmish", re.I)
_ARMED = (
    ActorType.STATE_FORCES,
    ActorType.REBEL_GROUP,
    ActorType.POLITICAL_MILITIA,
    ActorType.IDENTITY_MILITIA,
    ActorType.EXTERNAL_OTHER,
)
_GROUND_FIRE = re.compile(
    r"small arms|machine guns?|gunfire|gunshot|rifles?|opened fire|gunfights?|gun ?battles?|firefights?", re.I
)


_ARMED_POST = re.compile(
    r"\b(?:attack(?:ed|ing)|ambush(?:ed|ing)|assault(?:ed|ing))\s+(?:\w+\s+){0,3}?(?:checkpoints?|"
    r"(?:military|army) (?:camps?|posts?|bases?|positions?|patrols?|convoys?)|barracks|outposts?|"
    r"police (?:posts?|stations?))\b",
    re.I,
)


_MOB_ACTS = re.compile(
    r"\b(?:beat|beaten|lynch\w*|stoned|hacked|burn(?:ed|t) (?:\w+ ){0,2}alive|set (?:\w+ ){0,2}on fire)\b",
    re.I,
)


_MOB_KILLING = re.compile(
    r"\b(?:beat|beaten|stoned|hacked|burn(?:ed|t))\s+(?:\w+\s+){0,4}to death\b|\blynch\w*|"
    r"\bbeat to death\b|burn(?:ed|t) (?:\w+ ){0,3}alive",
    re.I,
)


def _is_force(actor: ActorHit) -> bool:
    return actor.name.startswith(("Military Forces of", "Police Forces of"))


_REMOTE = (S.AIR_DRONE_STRIKE, S.SHELLING)
_REMOTE_ATTACKER = {"UA": "RU", "PS": "IL", "LB": "IL"}


def refine(
    sub: str,
    actor1: ActorHit | None,
    actor2: ActorHit | None,
    context: str,
    fatalities: int | None,
    country: str,
    hits: list[ActorHit],
    protest_context: bool = False,
    default_actor1: ActorHit | None = None,
    mutual: bool = False,
) -> tuple[str, ActorHit | None, ActorHit | None]:
    """The codebook's distinctions that depend on who fought whom, and ACLED's default actors."""
    event_type = EVENT_TYPE_OF[sub]
    if (
        sub == S.ATTACK
        and actor1 is not None
        and actor1.actor_type in (ActorType.CIVILIANS, ActorType.PROTESTERS, ActorType.RIOTERS)
        and _MOB_ACTS.search(context)
    ):
        # "Residents beat a suspected thief to death": ordinary people turned attackers are a mob.
        sub, event_type = S.MOB_VIOLENCE, EventType.RIOTS
    if actor1 is not None and actor1.actor_type in (ActorType.PROTESTERS, ActorType.CIVILIANS):
        actor1 = None  # "carried off by fellow protesters" does not make protesters the killers
    state = actor1 is None or actor1.actor_type == ActorType.STATE_FORCES
    if protest_context and sub == S.ATTACK and state and (fatalities or 0) > 0:
        # In a report about protests, people killed by (or with no agent but) the police are protesters
        # met with lethal force.
        police = actor1 or ActorHit(country_actor_name("Police Forces of {the}{c}", country), 1, 0, 0, "")
        crowd = ActorHit(country_actor_name("Protesters ({c})", country), ActorType.PROTESTERS, 0, 0, "")
        return S.EXCESSIVE_FORCE, police, crowd
    if (
        event_type == EventType.RIOTS
        and _MOB_KILLING.search(context)
        and not re.search(r"protest(?!ant)|demonstrat", context, re.I)
    ):
        # "A crowd beat two men to death": a crowd killing people it caught is a mob, not a demonstration.
        sub = S.MOB_VIOLENCE
    if event_type in (EventType.PROTESTS, EventType.RIOTS) and sub != S.MOB_VIOLENCE:
        sub = events.protest_subtype(context, fatalities)
        crowd = "Rioters ({c})" if sub == S.VIOLENT_DEMONSTRATION else "Protesters ({c})"
        name = country_actor_name(crowd, country)
        inter = ActorType.RIOTERS if sub == S.VIOLENT_DEMONSTRATION else ActorType.PROTESTERS
        crowd_hit = ActorHit(name, inter, 0, 0, "")
        police = next((h for h in hits if h.actor_type == ActorType.STATE_FORCES), None)
        if police is None:  # "Taliban fighters fired into the air to disperse a protest"
            police = next((h for h in hits if h.actor_type in _ARMED), None)
        if sub == S.EXCESSIVE_FORCE:
            return sub, police or actor1, crowd_hit
        return sub, crowd_hit, police if sub != S.PEACEFUL_PROTEST else None
    if sub == S.MOB_VIOLENCE:
        actor1 = ActorHit(country_actor_name("Rioters ({c})", country), ActorType.RIOTERS, 0, 0, "")
        if actor2 is None or actor2.actor_type == ActorType.RIOTERS:  # its victims, unless a side is named
            actor2 = ActorHit(country_actor_name("Civilians ({c})", country), ActorType.CIVILIANS, 0, 0, "")
    if sub in (S.NON_STATE_ACTOR_OVERTAKES_TERRITORY, S.GOVERNMENT_REGAINS_TERRITORY):
        sub = (
            S.GOVERNMENT_REGAINS_TERRITORY
            if actor1 and actor1.actor_type == 1
            else S.NON_STATE_ACTOR_OVERTAKES_TERRITORY
        )
    if sub == S.SHELLING and _FROM_THE_AIR.search(context):
        sub = S.AIR_DRONE_STRIKE  # missiles fired by jets or drones are an air strike in the codebook
    if sub == S.SHELLING and _GROUND_FIRE.search(context):
        sub = S.ARMED_CLASH  # shelling with small-arms fire is ground fighting in the codebook
    if actor2 is not None and actor1 is not None and actor2.name == actor1.name:
        actor2 = None
    post = False
    if sub == S.ATTACK and actor2 is not None and actor2.actor_type in _ARMED and actor1 is not None:
        sub = S.ARMED_CLASH
    elif (
        sub == S.ATTACK
        and (actor1 is None or actor1.actor_type in _ARMED)
        and _ARMED_AMONG_DEAD.search(context)
    ):
        # "killing at least 40 people including soldiers, auxiliary volunteers and civilians": an assault
        # that killed armed men is a battle in the codebook.
        sub, post = S.ARMED_CLASH, True
        if actor2 is not None and actor2.actor_type == ActorType.CIVILIANS:
            actor2 = None
    elif sub == S.ATTACK and actor2 is not None and _is_force(actor2):
        # "A policeman was killed when gunmen attacked a checkpoint": violence against state forces is a
        # battle in the codebook, whoever the (unnamed) attackers were.
        sub = S.ARMED_CLASH
    elif post := (
        sub == S.ATTACK
        and actor1 is not None
        and actor1.actor_type in _ARMED
        and bool(_ARMED_POST.search(context))
    ):
        # "Gunmen attacked an army checkpoint": an assault on a post held by armed men is a battle, whoever
        # holds it; its dead are no civilian target.
        sub = S.ARMED_CLASH
        if actor2 is not None and actor2.actor_type == ActorType.CIVILIANS:
            actor2 = None
    if sub == S.ARMED_CLASH and actor2 is not None and actor2.generic and actor2.text.lower() == "people":
        actor2 = None  # "40 people were killed in the clashes" names no civilian target
    if sub == S.ARMED_CLASH and (actor2 is None or actor2.actor_type == ActorType.CIVILIANS):
        # A clash needs two armed sides; gunmen ambushing a family's cars is an attack on civilians. But
        # "gunmen clashed with members of a rival faction" names a second side, known to us or not.
        if actor2 is not None or (
            actor1 is not None and actor1.actor_type != ActorType.STATE_FORCES and not mutual and not post
        ):
            sub = S.ATTACK
    if actor1 is not None and actor1.actor_type == ActorType.CIVILIANS and event_type != EventType.PROTESTS:
        actor1, actor2 = None, actor2 or actor1
    if actor1 is None and sub == S.AIR_DRONE_STRIKE and country not in _REMOTE_ATTACKER:
        # Aircraft are a state's weapon: an air strike told without its agent is the military's the report
        # names, else the country's own (not the report's main rebel group, which is usually its target).
        # Armed groups fly drones too (cartels, dissidents, the RSF): an unattributed drone strike is the
        # state's only when its telling names no armed group beside it and the report names the military or
        # is about a rebel group (the drones' usual target).
        state = next((h for h in hits if h.name.startswith("Military Forces of")), None)
        drone = re.search(r"\bdrones?\b|\bUAVs?\b|quadcopter", context, re.I)
        groups = [h for h in hits if h.actor_type in _ARMED[1:] and not h.generic]
        if not drone or (not groups and (state or default_actor1 is not None)):
            name = state.name if state else country_actor_name("Military Forces of {the}{c}", country)
            actor1 = ActorHit(name, ActorType.STATE_FORCES, 0, 0, "", True)
    if actor1 is None and default_actor1 is None and sub in _REMOTE and country in _REMOTE_ATTACKER:
        # Unattributed missiles, drones and shells falling on Ukraine are Russia's; air strikes on Gaza, the
        # West Bank and Lebanon are Israel's: the side that holds the air, as ACLED codes them.
        name = country_actor_name("Military Forces of {the}{c}", _REMOTE_ATTACKER[country])
        actor1 = ActorHit(name, ActorType.STATE_FORCES, 0, 0, "", True)
    if actor1 is None and EVENT_TYPE_OF[sub] in (
        EventType.EXPLOSIONS,
        EventType.VIOLENCE_AGAINST_CIVILIANS,
        EventType.BATTLES,
    ):
        actor1 = default_actor1 or ActorHit(
            country_actor_name("Unidentified Armed Group ({c})", country),
            ActorType.POLITICAL_MILITIA,
            0,
            0,
            "",
        )
    if actor2 is None and EVENT_TYPE_OF[sub] == EventType.VIOLENCE_AGAINST_CIVILIANS:
        actor2 = ActorHit(country_actor_name("Civilians ({c})", country), ActorType.CIVILIANS, 0, 0, "")
    return sub, actor1, actor2


_VIOLENT = {EventType.VIOLENCE_AGAINST_CIVILIANS, EventType.RIOTS}
_ARMED_AMONG_DEAD = re.compile(
    r"\b(?:killing|killed)\s+(?:at least\s+)?\d+\s+(?:people|persons)?,?\s+(?:including|among them)\s+"
    r"(?:\w+\s+){0,2}(?:soldiers|troops|policemen|police officers|gendarmes|militiamen|fighters)\b",
    re.I,
)
# "the attackers, whom he identified as Murle youth": the pipeline credits blame with it too.
IDENTIFIED_AS = r"\b(?:identified|described)\s+(?:them\s+)?as\b"
_IDENTIFIED = re.compile(rf"{IDENTIFIED_AS}|\bblamed\b", re.I)
_ARMED_VIOLENCE = {EventType.VIOLENCE_AGAINST_CIVILIANS, EventType.BATTLES, EventType.EXPLOSIONS}
_NEW_STORY = re.compile(
    r"\W*(?:separately|elsewhere|meanwhile|also|in (?:a |another )?separate|in another|"
    r"on (?:the )?same day)\b",
    re.I,
)


def _near(a: PlaceChoice | None, b: PlaceChoice | None, km: float) -> bool:
    if not a or not b or a.latitude is None or b.latitude is None:
        return False
    dy = (a.latitude - b.latitude) * 111
    dx = (a.longitude - b.longitude) * 111 * math.cos(math.radians(a.latitude))
    return math.hypot(dx, dy) <= km


def _compatible(c: Mention, m: Mention, last: bool) -> bool:
    if c.country_iso != m.country_iso:
        return False
    goes_on = (
        m.trigger.event_type != EventType.STRATEGIC_DEVELOPMENTS or m.trigger.sub_event_type == S.LOOTING
    )
    if last and m.date_inherited and m.place_inherited and goes_on:
        return True  # no date and no place of its own: the story goes on about the same event
    fallback = c.date is None or c.date.kind == "published" or m.date is None or m.date.kind == "published"
    # "the army said on Monday its units had repelled an attack on Djibo": by Monday, so maybe Sunday's
    fallback = fallback or (m.date.kind == "said" and c.date.date <= m.date.date)
    if not m.claim and not fallback and c.date.date != m.date.date:
        return False
    same_place = bool(c.place and m.place and fold(c.place.name) == fold(m.place.name))
    if c.place and m.place and not m.place_inherited and not same_place:
        # A town inside the province (or country) the other mention names is the same place, said more
        # precisely; two spots a few kilometres apart on the same day are one event of the same type.
        vague = c.place.geo_precision == 3 or m.place.geo_precision == 3
        same_area = fold(c.place.admin1 or "") == fold(m.place.admin1 or "") or not (
            c.place.admin1 and m.place.admin1
        )
        close = _near(c.place, m.place, 15) and c.trigger.event_type == m.trigger.event_type
        if not ((vague and same_area) or close):
            return False
        if (
            last
            and vague
            and c.place.geo_precision == 3
            and m.date_inherited
            and m.paragraph - c.paragraph <= 1
            and {c.trigger.event_type, m.trigger.event_type} <= _ARMED_VIOLENCE
            and not _NEW_STORY.match(m.sentence.text)
            and m.place.start - m.sentence.start > 40
        ):
            # "killed 70 people in an attack on a town in central Haiti. Gang members opened fire on residents
            # of Pont-Sonde": the next sentence names the town of the event just told.
            return True
    same_type = c.trigger.event_type == m.trigger.event_type
    if (
        same_type
        and c.trigger.event_type == EventType.EXPLOSIONS
        and c.trigger.sub_event_type != m.trigger.sub_event_type
        and not (c.trigger.weak or m.trigger.weak or m.date_inherited)
    ):
        return False  # a suicide bombing and, "hours earlier", mortar fire: two attacks, one town, one day
    if same_place and {c.trigger.event_type, m.trigger.event_type} <= _VIOLENT:
        return True  # a mob attack and the beatings it consisted of, at one place on one day
    related = {c.trigger.event_type, m.trigger.event_type} <= {EventType.PROTESTS, EventType.RIOTS}
    # Detentions told right after a protest, with no place of their own, are part of that protest.
    related |= (
        c.trigger.event_type == EventType.PROTESTS
        and m.trigger.sub_event_type == S.ARRESTS
        and m.place_inherited
    )
    # A crowd's protest told after a killing ("residents burned tyres to protest against the killings") is
    # an event of its own, however weakly the killing was worded.
    crowd = m.trigger.event_type in (EventType.PROTESTS, EventType.RIOTS) and not m.date_inherited
    return same_type or related or m.trigger.weak or (c.trigger.weak and not crowd) or m.claim


def merge_mentions(mentions: list[Mention], published: dt.date) -> list[Mention]:
    """One mention per event: later mentions of the same event fold into the first."""
    merged: list[Mention] = []
    current: Mention | None = None  # the event the previous mention was about
    for m in mentions:
        target = next((c for c in reversed(merged) if _compatible(c, m, c is current)), None)
        if target is None:
            told_fully = not m.date_inherited and not m.place_inherited
            if m.trigger.weak and not (m.fatalities or m.injured or m.actor1 or told_fully):
                continue
            merged.append(m)
            current = m
            continue
        current = target
        target.sentences.append(m.sentence)
        if (
            events.PRIORITY[m.trigger.sub_event_type] < events.PRIORITY[target.trigger.sub_event_type]
            and (target.trigger.weak or m.trigger.event_type == target.trigger.event_type)
            and not m.trigger.weak
            # Huts set alight in a massacre do not make the massacre property destruction.
            and not (
                target.trigger.event_type != EventType.STRATEGIC_DEVELOPMENTS
                and m.trigger.event_type == EventType.STRATEGIC_DEVELOPMENTS
            )
            # Abductions during a deadly attack are part of the attack: the codebook codes the graver act.
            and not (target.fatalities and target.fatalities.value > 0)
        ):
            target.trigger = m.trigger
        if (
            target.date_inherited
            and not m.date_inherited
            or (m.date and target.date and not m.date_inherited and m.date.precision < target.date.precision)
        ):
            target.date, target.date_inherited = m.date, m.date_inherited
        if (
            (target.place is None or target.place_inherited or target.place.geo_precision == 3)
            and m.place
            and not m.place_inherited
        ):
            target.place, target.place_inherited = m.place, False
        if m.actor1 and (
            target.actor1 is None
            or (target.actor1.generic and not m.actor1.generic and m.claim)
            # "the attackers, whom he identified as Murle youth": unknown attackers named later
            or (
                target.actor1.name.startswith("Unidentified")
                and not m.actor1.generic
                and _IDENTIFIED.search(m.sentence.text)
            )
        ):
            target.actor1 = m.actor1
        bystanders = m.actor2 is not None and m.actor2.actor_type == ActorType.CIVILIANS and m.actor2.generic
        if (
            m.actor2
            and target.actor2 is None
            and not (m.actor2.generic and m.actor2.text.lower() == "people")
            and not (bystanders and _MUTUAL.match(target.trigger.text))
        ):
            # "40 people were killed in the clashes", "two civilians were killed" in a clash between two
            # groups: a later toll's victims are no side of the fighting.
            target.actor2 = m.actor2
        target.hits += m.hits
        for count in (m.fatalities, m.injured):
            if count:
                # A figure the mention's own sentence gave is weighed against the target's; one it
                # borrowed from a neighbour (the next event's toll) does not override.
                own = m.sentence.start <= count.start < m.sentence.end
                # A mention of another type (a gunfight merged into a raid's story) brings its own dead;
                # only a retelling of the same kind of event can correct the toll.
                same = m.trigger.weak or m.trigger.event_type == target.trigger.event_type
                target.add_counts([count], False, m.sentence.text if own and same else None)
    return merged
