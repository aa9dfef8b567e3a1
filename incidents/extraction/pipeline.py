"""The rule-based extractor: sentences → event mentions → merged candidates with evidence spans."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from incidents.extraction import casualties, dates, events, negatives, places
from incidents.extraction.actors import (
    ActorDictionary,
    ActorHit,
    assign_roles,
    find_generic,
    find_named,
    merge_hits,
)
from incidents.extraction.base import Candidate
from incidents.extraction.gazetteer import Gazetteer, fold, token_key
from incidents.extraction.merging import IDENTIFIED_AS, Mention, PlaceChoice, merge_mentions
from incidents.extraction.sentences import Sentence, split_sentences
from incidents.taxonomy import ActorType, EventType
from incidents.taxonomy import SubEventType as S

PIPELINE_VERSION = "rules-1.4"
_HEADING = re.compile(r"^[A-Z][A-Z ,&/'-]{2,60}$")
_SUMMARY_SECTION = re.compile(
    r"SUMMARY|KEY POINTS|KEY DEVELOPMENTS|MAIN DEVELOPMENTS|AT A GLANCE|HIGHLIGHTS|OUTLOOK|FORECAST|RESPONSE|"
    r"HUMANITARIAN|"
    r"RECOMMENDATION|BACKGROUND"
)
_PROTEST_WORDS = re.compile(r"\bprotest(?!ant)|\bdemonstrat", re.I)
_LEAD = 600  # characters: the headline facts of a news report
_CROWD = re.compile(r"protest(?!ant)|demonstrat|riot|crowd|youths|\bmob\b|marchers|rall(?:y|ies)", re.I)
_UNKNOWN_AGENT = re.compile(
    r"\bno (?:group|one) (?:has )?(?:yet )?claimed|not (?:immediately )?clear who|"
    r"unidentified (?:gunmen|attackers|assailants)|unknown (?:gunmen|attackers)",
    re.I,
)
# "Weekly Snapshot (20-26 November 2023)": the period a situation report covers, told in its header.
_HEADER_END = 300
_WHOLE_PERIOD = re.compile(
    r"\b(?:throughout|during|over|in the course of) the (?:reporting period|period|week)\b", re.I
)
_TITLE_DATELINE = re.compile(
    r"\s*[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2},\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
    r"\s+\d{1,2}\s*(?:\([^)\n]*\))?\s*[:\-–—]\s"
)
_LOCATES_PREVIOUS = re.compile(
    r"(?:\s+(?:police station|town|village|city|camp|district|area|market))?,\s*(?:some|about|around|roughly|"
    r"nearly|almost|more than)?\s*\d+\s*(?:km|kilomet(?:re|er)s|miles)\s*(?:\([^)]*\)\s*)?"
    r"(?:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+)?"
    r"(?:of|from)\s+(?:the\s+)?(?:(?:state|provincial|regional)\s+)?(?:capital\s+)?(?:city\s+of\s+)?",
    re.I,
)
_DATELINE = re.compile(r"\s*[A-ZÀ-Þ][A-ZÀ-Þ .'/-]{2,}(?:,[^\n()]{0,40}?)?\s*(?:\([^)\n]*\))?\s*[-–—]\s")
_THE_CAPITAL = re.compile(
    r"\b(?:in|at|across|around) (?:the|\w+['’]s) (?:country's |nation's |\w+ )?capital\b(?! of)", re.I
)
_BLAME = re.compile(
    r"\b(?:blamed|held)\b(?!\s+(?:talks|a |an |the (?:meeting|rally|talks)))|" + IDENTIFIED_AS,
    re.I,
)
_SEPARATE = re.compile(
    r"(?:,?\s+(?:while|whereas|and)\s+|;\s+)(?=(?:in|at)\s+(?:a\s+|another\s+)?separate\s+(?:attack|incident)|"
    r"elsewhere\b|separately\b|in\s+(?:the\s+)?(?:nearby\s+)?(?:town|city|village|district)\s+of\s+[A-Z])",
    re.I,
)
_NON_STATE = (ActorType.REBEL_GROUP, ActorType.POLITICAL_MILITIA, ActorType.IDENTITY_MILITIA)
_CLAIM = re.compile(r"\bclaim\w*\b|\b(?:said|says)\b[^.;]{0,60}\bcarried out\b|\btook responsibility\b", re.I)


@dataclass
class _Context:
    """What a sentence inherits when it does not say: the running date and place of its paragraph."""

    paragraph: int = -1
    date: dates.DateMention | None = None
    place: PlaceChoice | None = None
    main_date: dates.DateMention | None = None
    main_place: PlaceChoice | None = None
    last: list[Mention] = field(default_factory=list)
    place_from_lead: bool = True  # ctx.place is the lead's place, not one this paragraph named
    paragraph_span: tuple[int, int] = (0, 0)
    default_actor1: ActorHit | None = None
    protests: bool = False  # the report is about protests: killings by police are force against protesters
    noted: int = -1  # the paragraph whose event-less sentence set `place`
    closed: bool = False  # a dated sentence without an event came after the last event


class RuleExtractor:
    """ACLED-style incidents from report text, by hand-written rules over a gazetteer and actor dictionary."""

    version = PIPELINE_VERSION

    def __init__(self, gazetteer: Gazetteer, actors: ActorDictionary) -> None:
        self.gazetteer = gazetteer
        self.actors = actors

    def extract(self, text: str, *, published: dt.date | None) -> list[Candidate]:
        """Candidate incidents in `text`, dated relative to `published` (today if None)."""
        published = published or dt.date.today()
        sentences = split_sentences(text)
        named = find_named(self.actors, text, 0, len(text))
        skip = [(h.start, h.end) for h in named]
        mentions = [
            p for s in sentences for p in places.find_places(self.gazetteer, text, s.start, s.end, skip)
        ]
        # "the Ukrainian city of Kharkiv": a demonym is no place, whatever a small village is called.
        mentions = [
            m
            for m in mentions
            if fold(m.text) not in self.actors.demonyms or any(c.kind == "country" for c in m.candidates)
        ]
        focus = places.country_focus(self.gazetteer, self.actors, text, mentions)
        if not focus:
            # No country, demonym or well-known town: the named armed groups say where the story is.
            homes = {e.name: e.country_iso for e in self.actors.entries if e.country_iso}
            focus = Counter(homes[h.name] for h in named if not h.generic and h.name in homes)
        if not focus:
            return []
        main_country = focus.most_common(1)[0][0]
        if any(len(self.actors.index.get(token_key(h.text), ())) > 1 for h in named):
            named = find_named(self.actors, text, 0, len(text), prefer=focus)  # "SNA" in Somalia
        admin1s = {fold(m.text) for m in mentions if m.admin_hint}
        admin1s |= {fold(c.admin1) for m in mentions for c in m.candidates if c.kind == "admin1"}
        main_group = _main_group(named)
        ctx = _Context()
        found: list[Mention] = []
        lead_end = text.find("\n\n", 100)
        ctx.protests = bool(
            _PROTEST_WORDS.search(text, 0, min(_LEAD, lead_end if lead_end > 0 else len(text)))
        )
        self._sentences = sentences
        header = text.find("\n", 0, _HEADER_END)
        self._period = next(
            (
                d
                for d in dates.find_dates(text, 0, header if header > 0 else min(len(text), 120), published)
                if d.kind == "day_range"
            ),
            None,
        )
        dateline = _DATELINE.match(text) or _TITLE_DATELINE.match(text)
        headline = re.match(r"[^\n]{10,160}(?<![.!?])\n\s*\n", text)
        if dateline is None and headline:
            # "Srinagar, Nov 4: ..." below a headline line
            dateline = _TITLE_DATELINE.match(text, headline.end()) or _DATELINE.match(text, headline.end())
        self._dateline_end = dateline.end() if dateline else 0
        self._capital = None
        for m in mentions:
            if m.start < self._dateline_end and (record := places.best_record(m, focus, admin1s)):
                if (
                    record.kind == "place"
                    and record.country_iso == main_country
                    and record.population > 500_000
                ):
                    self._capital = PlaceChoice.of(record, m.start, m.end, m.text)
                break
        # Events told without an agent are the main armed group's when the report is about one group
        # and does not say the perpetrators are unknown.
        if (
            main_group
            and sum(h.name == main_group.name for h in named) >= 3
            and not _UNKNOWN_AGENT.search(text)
        ):
            ctx.default_actor1 = main_group
        heading = ""
        for sentence in (c for s in sentences for c in _clauses(text, s)):
            if _HEADING.match(sentence.text):
                heading = sentence.text
                continue
            if _SUMMARY_SECTION.search(heading) and "INCIDENT" not in heading:
                continue  # a situation report's summary, outlook or response section retells or forecasts
            mention = self._sentence(
                text, sentence, published, focus, admin1s, mentions, named, main_country, main_group, ctx
            )
            if mention:
                found.append(mention)
                found.extend(self._coordinated(text, sentence, mention, mentions, focus, admin1s, ctx))
        return [m.to_candidate(text) for m in merge_mentions(found, published)]

    def _sentence(
        self,
        text,
        sentence: Sentence,
        published,
        focus,
        admin1s,
        all_places,
        named,
        main_country,
        main_group,
        ctx: _Context,
    ) -> Mention | None:
        s, e = sentence.start, sentence.end
        if sentence.paragraph != ctx.paragraph:
            ctx.paragraph, ctx.date, ctx.place = sentence.paragraph, ctx.main_date, ctx.main_place
            ctx.place_from_lead = True
            same = [x for x in self._sentences if x.paragraph == sentence.paragraph]
            ctx.paragraph_span = (same[0].start, same[-1].end)
        counts = casualties.find_counts(text, s, e)
        if counts and (negatives.is_past_toll(sentence.text) or casualties.is_subset(sentence.text)):
            # "memories of the 2014 attack, in which 140 people were killed"; "Among the dead were two
            # patients": a past event's toll, or a part of one already told.
            counts = []
        triggers = events.find_triggers(text, s, e)
        if not _CROWD.search(sentence.text) and not (
            ctx.last
            and ctx.last[-1].paragraph == sentence.paragraph
            and ctx.last[-1].trigger.event_type in (EventType.PROTESTS, EventType.RIOTS)
        ):
            # "the vehicle was set on fire" is no riot without a crowd.
            triggers = [t for t in triggers if t.sub_event_type != S.VIOLENT_DEMONSTRATION]
        trigger = events.main_trigger(triggers)
        if (
            trigger
            and trigger.event_type == EventType.STRATEGIC_DEVELOPMENTS
            and any(c.value > 0 for c in counts)
        ):
            # "The government dissolved the militia after gunmen massacred 134 people": the killing is
            # the event to code first; strategic developments rarely carry a toll.
            violent = [t for t in triggers if t.event_type not in (EventType.STRATEGIC_DEVELOPMENTS,)]
            if violent and trigger.sub_event_type != S.DISRUPTED_WEAPONS_USE:
                trigger = events.main_trigger(violent)
        if trigger:
            trigger = events.codebook_trigger(text, triggers, trigger, any(c.value > 0 for c in counts))
        found_dates = dates.find_dates(text, s, e, published)
        if s < self._dateline_end:
            # "ADEN, Yemen, March 5 (Reuters) -": the day the story was filed, not the day of the event.
            found_dates = [
                dataclasses.replace(d, reporting=True) if d.start < self._dateline_end else d
                for d in found_dates
            ]
        if trigger is None:
            new_day = [d for d in found_dates if dates.is_codable(d) and not d.reporting]
            if (
                counts
                and ctx.last
                and sentence.paragraph - ctx.last[-1].paragraph <= 1
                and not new_day
                and not ctx.closed
                and not negatives.is_aggregate(sentence.text)
            ):
                # "The minister said 32 people had died": the toll of the event just told (and of the
                # other places split from its sentence: "no casualties in either town"); not "3,600
                # people were killed in the first six months of the year".
                siblings = [m for m in ctx.last if m.sentence == ctx.last[-1].sentence]
                for m in siblings:
                    m.add_counts(counts, casualties.disagrees(sentence.text), sentence.text)
            if ctx.last and sentence.paragraph - ctx.last[-1].paragraph <= 1 and not new_day:
                _credit_claim(ctx.last[-1], sentence, named)  # "Al Shabaab claimed responsibility."
                self._credit_blame(ctx.last[-1], text, sentence, named, main_country)
            self._note_place(sentence, all_places, focus, admin1s, ctx)
            if (
                new_day
                and ctx.last
                and ctx.last[-1].date_inherited
                and sentence.paragraph - ctx.last[-1].paragraph <= 1
                and events.BACK_REFERENCE.match(text, s)
                and not negatives.is_aggregate(sentence.text)
            ):
                # "A drone strike killed 26 people in X. The strike hit a square on Sunday afternoon": the
                # lead left the day out, and the sentence about the same event gives it.
                last = ctx.last[-1]
                last.date, last.date_inherited = _pick_date(new_day, s), False
                ctx.date = last.date
                ctx.main_date = ctx.main_date or last.date
                return None
            if new_day and not negatives.is_aggregate(sentence.text):
                # "On Monday, police launched an operation.": the fighting told next is Monday's, and
                # "No casualties were reported." after it is not about the event told before.
                ctx.date = _pick_date(new_day, s)
                ctx.closed = True
            return None
        if negatives.negative_reason(sentence.text, trigger.start - s):
            # "students marched ... to demand security after a spate of kidnappings": the kidnappings are
            # background, the march is the event; try the sentence's other triggers.
            others = [t for t in triggers if t.event_type != trigger.event_type and not t.weak]
            others = [t for t in others if not negatives.negative_reason(sentence.text, t.start - s)]
            if not others:
                day = [d for d in found_dates if dates.is_codable(d) and not d.reporting and d.precision == 1]
                if day and ctx.main_date is None and negatives.is_aggregate(sentence.text):
                    # "Five people were killed yesterday in several towns": no event of its own, but the
                    # day the events told next happened on.
                    ctx.main_date = ctx.date = day[0]
                return None
            trigger = others[0]
        codable = [d for d in found_dates if dates.is_codable(d) and not d.reporting]
        if not codable and (ctx.date or ctx.main_date):
            anchor = ctx.date or ctx.main_date
            if ctx.last and ctx.last[-1].paragraph < sentence.paragraph and ctx.date is ctx.main_date:
                anchor = ctx.last[-1].date  # "Hours later, ..." opening a paragraph: after the last event
            relative = dates.find_relative(text, s, e, trigger.start, anchor.date)
            codable = [relative] if relative else []
        if not codable and self._period and _WHOLE_PERIOD.search(sentence.text):
            # "Throughout the reporting period, clashes were reported": the span the report covers.
            codable = [dataclasses.replace(self._period, precision=2)]
        if not codable and not negatives.is_aggregate(sentence.text):
            # "Police said Sunday they had arrested 11 people": no day of its own but the day it was said.
            said = [
                d
                for d in found_dates
                if d.reporting and dates.is_codable(d) and self._dateline_end <= d.start < trigger.start
            ]
            # kind "said": the event happened by that day, maybe before (merging reads it so)
            codable = [dataclasses.replace(d, kind="said") for d in said[-1:]]
        if found_dates and not codable and not any(d.reporting for d in found_dates):
            return None  # only a year or "last year": background ACLED cannot date
        # "the abduction" points back only when an event was told before; in a lead it is the news itself.
        back_reference = bool(ctx.last) and bool(
            events.BACK_REFERENCE.search(text, max(s, trigger.start - 30), trigger.end + 1)
        )
        reaction = negatives.is_reaction(sentence.text, trigger.start - s)
        pointer = events.BACK_REFERENCE.search(text, max(s, trigger.start - 30), trigger.end + 1)
        if (
            back_reference
            and codable
            and not reaction
            and pointer
            # "The attack killed" or "The attack on the market killed", not "During the operation on
            # Monday, troops detonated"
            and re.fullmatch(r"[\s\w]{0,25}", text[pointer.end() : trigger.start])
            and trigger.event_type == ctx.last[-1].trigger.event_type
            and ctx.last[-1].date_inherited
            and sentence.paragraph - ctx.last[-1].paragraph <= 1
            and not negatives.is_aggregate(sentence.text)
        ):
            # "A drone strike killed 26 people in X. The strike hit a square on Sunday afternoon": the
            # lead left the day out, and the sentence that points back to the event gives it.
            last = ctx.last[-1]
            last.date, last.date_inherited = _pick_date(codable, trigger.start), False
            ctx.date = last.date
            ctx.main_date = ctx.main_date or last.date
            if counts:
                last.add_counts(counts, casualties.disagrees(sentence.text), sentence.text)
            return None
        if reaction and (trigger.weak or back_reference):
            # "Carrie Lam on Monday condemned the attack": about an event, on another day.
            if ctx.last and counts and not negatives.is_aggregate(sentence.text):
                ctx.last[-1].add_counts(counts, casualties.disagrees(sentence.text), sentence.text)
            return None
        if (trigger.weak or back_reference or reaction) and not [d for d in codable if d.kind != "same_day"]:
            aggregate = negatives.is_aggregate(sentence.text)  # "3,600 killed in the first six months"
            if ctx.last and (counts or _CLAIM.search(sentence.text)) and not aggregate:
                ctx.last[-1].add_counts(counts, casualties.disagrees(sentence.text), sentence.text)
                _credit_claim(ctx.last[-1], sentence, named)
            if ctx.last and not aggregate:
                self._credit_blame(ctx.last[-1], text, sentence, named, main_country)
                last = ctx.last[-1]
                if back_reference and (last.place is None or last.place.geo_precision == 3):
                    # "The attack took place in the village of Pansi": the town the first telling left vague.
                    place = self._pick_place(sentence, all_places, focus, admin1s, s, s, ctx)
                    namesake = (
                        place is not None
                        and last.place is not None
                        and fold(place.name).split()[0] == fold(last.place.name).split()[0]
                    )  # "the kidnapping in Katsina" after "in Katsina State" names the state again
                    if place and place.geo_precision < 3 and place.country_iso in (None, last.country_iso):
                        if not namesake:
                            last.place, last.place_inherited = place, False
            if reaction or back_reference or not counts or aggregate:
                return None
        date = _pick_date(codable, trigger.start)
        place = self._pick_place(sentence, all_places, focus, admin1s, trigger.start, trigger.end, ctx)
        vague = place is None or place.geo_precision == 3
        if vague and self._capital and (cap := _THE_CAPITAL.search(text, s, e)):
            # "In the capital, thousands marched": the capital the dateline names.
            place = dataclasses.replace(self._capital, start=cap.start(), end=cap.end(), text=cap.group(0))
        country = place.country_iso if place and place.country_iso else main_country
        generic = find_generic(self.actors, text, s, e, country, main_group)
        hits = merge_hits([h for h in named if s <= h.start < e], generic)
        pivot = events.role_pivot(text, triggers, trigger)
        actor1, actor2 = assign_roles(hits, text, s, pivot.start, pivot.end)
        p_start, p_end = ctx.paragraph_span
        inherited_place = ctx.place
        if (
            place is None
            and date
            and ctx.place_from_lead
            and ctx.main_date
            and date.date != ctx.main_date.date
        ):
            # Another day, told in another paragraph without a place: the lead's town would be a guess.
            inherited_place = None
        mention = Mention(
            sentence=sentence,
            paragraph=sentence.paragraph,
            trigger=trigger,
            triggers=triggers,
            date=date or ctx.date,
            date_inherited=date is None,
            place=place or inherited_place,
            # "In Nakuru, witnesses described a different scene. A crowd ...": a place the paragraph set
            # before its first event belongs to that event.
            place_inherited=place is None
            and not (
                ctx.noted == sentence.paragraph and inherited_place is ctx.place and ctx.place is not None
            ),
            country_iso=country
            if place or not inherited_place
            else (inherited_place.country_iso or main_country),
            actor1=actor1,
            actor2=actor2,
            hits=hits,
            claim=bool(_CLAIM.search(sentence.text)),
            # A report whose lead is about protests, or a paragraph about crowds; a roundup that mentions a
            # protest in passing does not make its shoot-outs force against protesters.
            protest_context=ctx.protests or bool(_CROWD.search(text, p_start, p_end)),
            paragraph_armed=any(h.actor_type in _NON_STATE and p_start <= h.start < p_end for h in named),
            default_actor1=ctx.default_actor1,
        )
        mention.add_counts(counts, casualties.disagrees(sentence.text))
        self._credit_blame(mention, text, sentence, named, main_country)  # "whom he identified as X"
        if mention.date is None:
            mention.date = dates.DateMention(s, s, "", "published", published, None, 1)
            mention.date_inherited = True
        if date:
            ctx.date = date
            ctx.main_date = ctx.main_date or date
        if place:
            ctx.place = place
            ctx.place_from_lead = False
            ctx.main_place = ctx.main_place or place
        ctx.last.append(mention)
        ctx.closed = False
        return mention

    def _coordinated(
        self, text, sentence, mention: Mention, all_places, focus, admin1s, ctx
    ) -> list[Mention]:
        """One more event per place joined by "and": "one killed in Mandalay, and two in Bago"."""
        first = mention.place
        if first is None or mention.place_inherited or first.geo_precision == 3:
            return []
        extra: list[Mention] = []
        previous_end = first.end
        for m in all_places:
            if not (first.end < m.start < sentence.end) or fold(m.text) == fold(first.name):
                continue
            between = text[previous_end : m.start]
            if not re.search(r"\band\b", between) or len(between) > 70 or re.search(r"[;:]", between):
                continue
            if not (m.strong or m.settlement or re.search(r"\band\s+(?:in\s+|at\s+)?$", between)):
                continue
            record = places.best_record(m, focus, admin1s)
            if record is None or record.kind != "place" or record.country_iso != first.country_iso:
                continue
            counts = [c for c in casualties.find_counts(text, previous_end, m.end)]
            copy = dataclasses.replace(
                mention,
                place=PlaceChoice.of(record, m.start, m.end, m.text),
                fatalities=None,
                injured=None,
                sentences=[],
                hits=list(mention.hits),
                counted=set(),
            )
            copy.add_counts(counts, False)
            extra.append(copy)
            previous_end = m.end
        if extra:
            # The first place keeps only the figures told before the second place.
            mention.fatalities = mention.injured = None
            mention.counted = set()
            mention.add_counts(casualties.find_counts(text, sentence.start, extra[0].place.start), False)
            ctx.last.extend(extra)
        return extra

    def _credit_blame(self, mention: Mention, text, sentence: Sentence, named, country: str) -> None:
        """ "Police blamed al Shabaab", "residents blamed the military": who is blamed for an event whose
        perpetrator the text did not name becomes its actor1."""
        blame = _BLAME.search(sentence.text)
        if blame is None or (mention.actor1 is not None and not mention.actor1.generic):
            return
        if mention.actor1 is not None and not mention.actor1.name.startswith("Unidentified"):
            return
        start = sentence.start + blame.end()
        hits = merge_hits(
            [h for h in named if start <= h.start < sentence.end],
            find_generic(self.actors, text, start, sentence.end, mention.country_iso or country, None),
        )
        armed = [h for h in hits if h.actor_type in (ActorType.STATE_FORCES, *_NON_STATE)]
        if armed and armed[0].start - start < 40:
            mention.actor1 = armed[0]

    def _note_place(self, sentence, all_places, focus, admin1s, ctx: _Context) -> None:
        """A sentence without an event can still say where the story is: "In Yangon, police deployed"."""
        place = self._pick_place(sentence, all_places, focus, admin1s, sentence.start, sentence.start, ctx)
        if place is None or place.geo_precision == 3:
            return
        strong = [m for m in all_places if sentence.start <= m.start < sentence.end and (m.strong or m.near)]
        if not strong:
            return
        ctx.place, ctx.place_from_lead = place, False
        ctx.noted = sentence.paragraph
        last = ctx.last[-1] if ctx.last else None
        # "An air strike hit a bus in northern Yemen. The bus was crossing the market in Dahyan": the next
        # sentence names the town the first left vague.
        if (
            last
            and (last.place is None or last.place.geo_precision == 3)
            and sentence.paragraph - last.paragraph <= 1
        ):
            if last.place is None or last.place.country_iso == place.country_iso:
                last.place, last.place_inherited = place, False

    def _pick_place(
        self, sentence, all_places, focus, admin1s, trigger_at, trigger_end, ctx
    ) -> PlaceChoice | None:
        # The dateline ("BAGHDAD (AP) -") says where the reporter was, not where the event happened.
        here = [
            m for m in all_places if sentence.start <= m.start < sentence.end and not _dateline(sentence, m)
        ]
        if not here:
            return None
        options = []
        for m in here:
            if m.near and any(
                _LOCATES_PREVIOUS.fullmatch(sentence.text[o.end - sentence.start : m.start - sentence.start])
                for o in here
                # not a destination: "on the road to Bouca, about 25 km from Bossangoa"
                if o.end <= m.start
                and not re.search(r"\b(?:to|towards|for)\s+$", sentence.text[: o.start - sentence.start])
            ):
                continue  # "Kulachi, some 60 kilometres west of Dera Ismail Khan": says where Kulachi is
            record = places.best_record(m, focus, admin1s)
            if record is None and not m.locative and not m.near and not m.settlement:
                continue
            if m.adjective and not m.strong:
                continue
            if (
                record is not None
                and record.kind == "country"
                and re.search(
                    r"\b(?:by|from|against)\s+$",
                    sentence.text[max(0, m.start - sentence.start - 9) : m.start - sentence.start],
                )
            ):
                continue  # "drones launched by Russia", "an attack against Israel": the state, not a place
            if record is not None and record.country_iso not in focus:
                if not (m.strong or m.near or m.settlement):
                    continue
                record = None  # "in Kokola": a village the gazetteer knows only abroad is an unknown one here
            precise = record is None or record.kind == "place"
            # Where the event happened: a named town near the trigger, said with "in", "at", "near".
            # ("captured the town of Rubaya": the name can sit inside the trigger's own words)
            right_after = 0 <= m.start - trigger_end <= 6 or trigger_at <= m.start < trigger_end
            rank = (
                m.settlement * 3
                + right_after * 2
                + (m.strong or m.near) * 2
                + m.locative * 0.5
                - m.bracketed * 1.5
                + precise
                + (record is not None) * 0.5
                # "in Sudan's Gezira province": the country is only the region's qualifier
                - (
                    record is not None
                    and record.kind == "country"
                    and sentence.text[m.end - sentence.start : m.end - sentence.start + 1] in ("'", "’")
                )
                * 3
                - abs(m.start - trigger_at) / 400
            )
            options.append((rank, m, record))
        if not options:
            return None
        _, m, record = max(options, key=lambda o: o[0])
        if record is None:
            # A village the gazetteer lacks: keep its name, borrow coordinates from the nearest known place.
            anchor = next(
                (places.best_record(o[1], focus, admin1s) for o in options if o[2] is not None), None
            )
            anchor_choice = ctx.place if anchor is None else PlaceChoice.of(anchor, m.start, m.end, m.text)
            if anchor_choice is None:
                return PlaceChoice(m.text, None, None, None, "", 2, None, m.start, m.end, m.text)
            return PlaceChoice(
                m.text,
                anchor_choice.country_iso,
                anchor_choice.latitude,
                anchor_choice.longitude,
                anchor_choice.admin1,
                2,
                None,
                m.start,
                m.end,
                m.text,
            )
        choice = PlaceChoice.of(record, m.start, m.end, m.text)
        if m.near:
            choice.geo_precision = 2
        return choice


def _clauses(text: str, sentence: Sentence) -> list[Sentence]:
    """A sentence that tells two events ("..., while in a separate attack gunmen shot dead two policemen in
    Bannu") as one clause each; any other sentence as it is."""
    cut = _SEPARATE.search(sentence.text)
    if cut is None:
        return [sentence]
    at = sentence.start + cut.start()
    after = sentence.start + cut.end()
    strong = [
        [t for t in events.find_triggers(text, a, b) if not t.weak]
        for a, b in ((sentence.start, at), (after, sentence.end))
    ]
    if not all(strong):
        return [sentence]
    return [
        dataclasses.replace(sentence, end=at, text=text[sentence.start : at]),
        dataclasses.replace(sentence, start=after, text=text[after : sentence.end], first_in_paragraph=False),
    ]


def _credit_claim(mention: Mention, sentence: Sentence, named: list[ActorHit]) -> None:
    """A named group claiming the attack just told becomes its actor1 when the text named none."""
    if not _CLAIM.search(sentence.text) or re.search(
        r"\bden(?:y|ied|ies)\b|\bno group\b", sentence.text, re.I
    ):
        return
    armed = (ActorType.REBEL_GROUP, ActorType.POLITICAL_MILITIA, ActorType.IDENTITY_MILITIA)
    claimant = next(
        (h for h in named if sentence.start <= h.start < sentence.end and h.actor_type in armed), None
    )
    if claimant and (
        mention.actor1 is None
        or mention.actor1.generic
        or mention.actor1.actor_type == ActorType.STATE_FORCES
    ):
        if mention.actor1 and mention.actor1.actor_type == ActorType.STATE_FORCES and mention.actor2 is None:
            mention.actor2 = mention.actor1
        mention.actor1 = claimant


def _dateline(sentence: Sentence, mention: places.PlaceMention) -> bool:
    return mention.start - sentence.start < 3 and mention.text.isupper() and len(mention.text) > 3


def _pick_date(codable: list[dates.DateMention], trigger_at: int) -> dates.DateMention | None:
    if not codable:
        return None
    # The most precise date, and among equals the one nearest the trigger.
    rank = {
        "day_range": 0,
        "day_month": 0,
        "month_day": 0,
        "weekday": 1,
        "yesterday": 1.5,  # "overnight on Saturday": the weekday says which night
        "today": 1,
        "weekend": 2,
        "last_week": 2,
        "month_year": 3,
        "last_month": 3,
        "month_only": 3,
    }
    return min(codable, key=lambda d: (rank.get(d.kind, 4), abs(d.start - trigger_at)))


def _main_group(named: list[ActorHit]) -> ActorHit | None:
    armed = [
        h
        for h in named
        if h.actor_type in (ActorType.REBEL_GROUP, ActorType.POLITICAL_MILITIA, ActorType.IDENTITY_MILITIA)
        and not h.generic
    ]
    if not armed:
        return None
    # "jihadists", "insurgents" told without a name are the rebels', not a pro-government militia's ("VDP").
    rebels = [h for h in armed if h.actor_type == ActorType.REBEL_GROUP]
    top = Counter(h.name for h in rebels or armed).most_common(1)[0][0]
    return next(h for h in armed if h.name == top)
