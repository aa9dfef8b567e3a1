"""Fatalities and injuries stated in a sentence, ACLED style.

"at least four" → 4 (the lowest figure), "dozens" → 12, "hundreds" → 100, "no casualties" → 0 killed
and 0 injured; None means the sentence says nothing. Figures joined by "and" ("three women and six
children were killed") add up; figures from sources that disagree are reconciled by the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_I = re.I
UNITS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a hundred": 100,
    "a dozen": 12,
    "single": 1,
    "twin": 2,
    "another": 1,
    "both": 2,
}
# ACLED's conventions for vague tolls; a precise figure from another sentence replaces them.
VAGUE = {"dozens": 12, "scores": 20, "hundreds": 100, "several": 10, "many": 10}

_WORDS = "|".join(sorted((re.escape(w) for w in [*UNITS, *VAGUE]), key=len, reverse=True))
NUMBER = re.compile(
    rf"\b(?:(?:at least|more than|over|some|about|around|nearly|close to|up to|almost|an estimated)\s+)?"
    rf"(\d{{1,3}}(?:,\d{{3}})+|\d+(?![\d.,]*\d)|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-\w+|{_WORDS})"
    rf"\b(?!-mm| ?mm\b| ?km\b|-(?:years?|months?|weeks?|days?|hours?|storey|story)\b|"
    rf" ?(?:(?-i:January|February|March|April|May|June|July|August|September|October|November|December)\b|"
    rf"pm|am|per ?cent|%|years?|year-old|hours?|minutes?|days?|weeks?|months?|"
    rf"kilomet\w+|miles?|metres?|meters?|times?|of them|of whom|of the (?:dead|wounded|injured|victims)))",
    _I,
)
KILLED = (
    r"killed|killing|died|dead|deaths?|lives|to death|shot dead|shooting dead|massacred|lost their lives|"
    r"bodies|executed|executing|beheaded|beheading|murdered|murdering|slaughtered|assassinated|"
    r"gunned down|martyred"
)
INJURED = r"wounded|wounding|injured|injuring|injuries|hurt"
OUTCOME = re.compile(rf"\b(?:{KILLED}|{INJURED})\b", _I)
_IS_INJURY = re.compile(rf"^(?:{INJURED})$", _I)
ZERO_ALL = re.compile(
    r"\bno (?:casualties|victims)\b(?! figures)|\bwithout (?:any )?casualties\b|"
    r"\bno (?:one|body) was (?:killed or |)(?:hurt|injured)\b|\bnobody was (?:killed or |)(?:hurt|injured)\b|"
    r"\bno (?:one|body) was harmed\b|\bnobody was harmed\b|\bno (?:injuries|one was hurt|one was injured)\b|"
    r"\bbefore any(?:one|body) was (?:hurt|injured|harmed)\b|\bwithout (?:incident|injur\w+|bloodshed)\b|"
    r"\bno-one was (?:hurt|injured|harmed)\b|\b(?:released|freed|rescued|escaped|returned)\s+unharmed\b|"
    r"\bno (?:one|body) (?:was )?(?:hurt|injured)\b",
    _I,
)
ZERO_KILLED = re.compile(
    r"\b(?:no one|nobody|no-one) (?:was|were) killed\b|\bno (?:deaths|fatalities)\b|"
    r"\bno (?:[a-z-]+ )?(?:soldiers|civilians|people|troops|police(?:men)?|officers|residents|passengers|"
    r"workers|fighters|staff|children) (?:died|were killed|lost their lives)\b|"
    r"\bno (?:one|body) died\b|\bnobody died\b",
    _I,
)
_DISAGREE = re.compile(
    r"\bwhile\b|\bwhereas\b|\bhigher\b|\blower\b|\bput the (?:death )?toll\b|\bother sources\b|"
    r"\bput the number of\b|"
    r"\bspoke of\b|\bgave\b",
    _I,
)
# "including five children", "aged 9 and 12" (ages, not more victims)
_EXCLUDED_BEFORE = re.compile(
    r"(?:including|among them|among whom|aged(?:\s+\d+\s*(?:,|and|or|to|-)\s*)?|of the|such as)\s*$", _I
)


@dataclass(frozen=True)
class Count:
    kind: str  # "killed" or "injured"
    value: int
    start: int  # offsets in the original text of the figure (or of the "no casualties" phrase)
    end: int
    text: str
    vague: bool = False
    group: int = 0  # figures told together ("three women and six children were killed") share a group
    side: str = ""  # whose dead: "state", "armed", "civilian", or "" for people in general
    extra: bool = False  # "two other officers", "another soldier": victims besides those already told


def number_value(word: str) -> tuple[int | None, bool]:
    """(value, vague) of a number written in digits or words."""
    w = word.lower().replace(",", "")
    if w.isdigit():
        return int(w), False
    if w in UNITS:
        return UNITS[w], False
    if w in VAGUE:
        return VAGUE[w], True
    if "-" in w:
        tens, _, unit = w.partition("-")
        if tens in UNITS and unit in UNITS:
            return UNITS[tens] + UNITS[unit], False
    return None, False


def find_counts(text: str, start: int, end: int) -> list[Count]:
    """Killed and injured figures in text[start:end], one Count per figure."""
    chunk = text[start:end]
    counts: list[Count] = []
    if m := ZERO_ALL.search(chunk):
        s, e = start + m.start(), start + m.end()
        return [Count("killed", 0, s, e, text[s:e]), Count("injured", 0, s, e, text[s:e])]
    used: set[int] = set()
    if m := ZERO_KILLED.search(chunk):
        s, e = start + m.start(), start + m.end()
        counts.append(Count("killed", 0, s, e, text[s:e]))
        used.update(range(m.start(), m.end()))  # the "one" of "no one was killed" is no figure
    for toll in TOLL.finditer(chunk):
        if figure := NUMBER.match(chunk, toll.end()):
            _add(counts, text, start, figure, "killed", used)
    window_start = 0
    for out in OUTCOME.finditer(chunk):
        before = chunk[max(0, out.start() - 20) : out.start()]
        if re.search(r"\b(?:the|of the|those)\s+(?:\w+\s+)?$|\bnumber of\s+$", before):
            window_start = out.end()
            continue  # "carry away the wounded", "among the dead": a noun, not a toll
        kind = "injured" if _IS_INJURY.match(out.group(0)) else "killed"
        # "killing seven civilians": the figure follows the verb.
        # "killing the two men inside", "killing all five": a determiner may stand before the figure.
        gap = re.match(r"\s+(?:of\s+)?(?:(?:the|all|all the)\s+(?=\w+\s+\w))?", chunk[out.end() :])
        after = NUMBER.match(chunk, out.end() + gap.end()) if gap else None
        if after is None and gap:
            # "killing eight of them": after the verb, a partitive counts the victims it names.
            after = _PARTITIVE.match(chunk, out.end() + gap.end())
        active = out.group(0).lower().endswith(("ing", "ed", "shot dead", "shooting dead", "to death"))
        passive = re.search(r"\b(?:was|were|been|being|is|are)\s+(?:\w+\s+)?$", chunk[: out.start()])
        if after is None and active and not passive and (one := _ONE_PERSON.match(chunk, out.end())):
            # "killing the driver", "shot dead Indigenous leader Alexander Pito": one victim, no figure.
            s, e = start + one.start(1), start + one.end(1)
            counts.append(Count(kind, 1, s, e, text[s:e], group=out.start()))
            window_start = one.end()
            continue
        if after and active and after.start(1) not in used and _valid(text, start, after):
            _add(counts, text, start, after, kind, used, out.start())
            window_start = after.end()
            # "killed a commander and two of his bodyguards": victims joined by "and" after the verb.
            more = _AND_MORE.match(chunk, after.end())
            if more and (second := NUMBER.match(chunk, more.end())) and _valid(text, start, second):
                _add(counts, text, start, second, kind, used, out.start())
                window_start = second.end()
            continue
        # "three women and six children were killed": figures before it, in the same clause.
        window = chunk[window_start : out.start()]
        clause_at = max(window.rfind(";"), window.rfind(":"), window.rfind(" while "))
        base = window_start + (clause_at + 1 if clause_at >= 0 else 0)
        figures = [
            m
            for m in NUMBER.finditer(chunk, base, out.start())
            if m.start(1) not in used and _valid(text, start, m)
        ]
        figures = [
            m
            for m in figures
            if not _EXCLUDED_BEFORE.search(chunk[max(0, m.start() - 14) : m.start()])
            and not _THINGS_AFTER.match(chunk, m.end())
        ]
        if not figures:
            # "Three of them died", "both of whom later died": a partitive just before the verb.
            part = _PARTITIVE_BEFORE.search(chunk, base, out.start())
            if part and part.start(1) not in used and not _EXCLUDED_BEFORE.search(chunk[: part.start()]):
                figures = [part]
        if figures:
            # Only a chain joined by "and"/"," adds up; otherwise the figure nearest the verb counts.
            if len(figures) > 1 and (
                _RANGE.fullmatch(chunk[figures[-2].end() : figures[-1].start()])
                or re.fullmatch(r"\s+and\s+", chunk[figures[-2].end() : figures[-1].start()])
                and re.search(r"\bbetween\s+$", chunk[: figures[-2].start()], re.I)
            ):
                figures = figures[:-1]  # "between 10 and 15", "10 to 15 people": the lowest figure
            chain = [figures[-1]]
            for m in reversed(figures[:-1]):
                between = chunk[m.end() : chain[-1].start()]
                if re.fullmatch(r"\s*[\w-]*\s*(?:\w+\s+)?(?:and|,)\s*", between):
                    chain.append(m)
                else:
                    break
            for m in chain:
                _add(counts, text, start, m, kind, used, out.start())
            # "Two soldiers and the civilian driver died": one more victim named without a number.
            if (the := _AND_THE_PERSON.match(chunk, figures[-1].end(1))) and the.end() <= out.start():
                s, e = start + the.start(1), start + the.end(1)
                counts.append(Count(kind, 1, s, e, text[s:e], group=out.start()))
        window_start = out.end()
    for lost in _LOST.finditer(chunk):
        # "We lost eight men": a unit's own dead.
        if lost.start(1) not in used:
            _add(counts, text, start, lost, "killed", used)
    return counts


_PARTITIVE = re.compile(
    r"(?:(?:at least|some|about|around|nearly|all)\s+)?(\d+|[a-z]+(?:-[a-z]+)?)(?= of (?:them|those|whom)\b)",
    _I,
)
# "destroyed 14 RSF vehicles and killed dozens": a figure of things is no toll.
_THINGS_AFTER = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:vehicles|tanks|trucks|cars|pick-?ups|houses|homes|buildings|shops|huts|"
    r"drones|missiles|rockets|shells|bombs|rounds|weapons|guns|rifles|motorcycles|boats|aircraft|heads|cattle|"
    r"positions|villages|towns|checkpoints|bases|camps)\b",
    _I,
)
_PARTITIVE_BEFORE = re.compile(
    r"(?:(?:at least|some|about|around|nearly|all)\s+)?\b(\d+|[a-z]+(?:-[a-z]+)?) of (?:them|those|whom)"
    r"(?=(?:\s+(?:were|was|had|have|also|later|subsequently|reportedly|been)){0,3}\s+$)",
    _I,
)
_AND_MORE = re.compile(r"(?:\s+[\w'-]+){1,2}?\s+and\s+", _I)
_RANGE = re.compile(r"\s*(?:to|-|–|or)\s*", _I)
_LOST = re.compile(
    r"\blost\s+(?:at least\s+)?(\d+|[a-z]+(?:-[a-z]+)?)\s+(?:of (?:its|their|our) )?(?:\w+\s+)?"
    r"(?:men|soldiers|troops|officers|servicemen|fighters|members|policemen|comrades)\b",
    _I,
)

# Nouns for one person: "a municipal councillor", "the driver", "Jhon Doe, a coordinator of ...".
_PERSON_NOUNS = (
    r"(?:man|woman|child|boy|girl|baby|person|civilian|soldier|serviceman|policeman|police officer|officer|"
    r"activist|journalist|fighter|member|worker|student|farmer|resident|villager|passenger|teacher|"
    r"schoolteacher|headteacher|doctor|guard|official|militant|lieutenant|commander|leader|thief|suspect|"
    r"driver|trader|shopkeeper|businessman|pastor|priest|imam|chief|nurse|herder|herdsman|fisherman|miner|"
    r"pilgrim|monk|tourist|prisoner|detainee|hostage|youth|wife|husband|mother|father|son|daughter|engineer|"
    r"judge|lawyer|politician|candidate|mayor|coordinator|tribesman|councillor)"
)
_PERSON = re.compile(rf"\s+(?:[\w-]+\s+){{0,2}}?{_PERSON_NOUNS}\b", _I)


_ONE_PERSON = re.compile(
    r"\s+(?!(?:and|or|but|while|as|when|in|on|at|by)\b)"
    rf"((?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+)?(?:[A-Z]?[\w-]+\s+){{0,2}}?{_PERSON_NOUNS}"
    r"(?:\s+[A-Z][\w-]+){0,3}|"
    # "killed Jhon Jairo Pito, a coordinator of the Indigenous Guard": a person's name, then who he was
    rf"[A-Z][\w-]+(?:\s+[A-Z][\w-]+){{1,3}}(?=,\s+(?:a|an|the)\s+(?:\w+\s+){{0,3}}?{_PERSON_NOUNS}\b))\b"
    r"(?!\s+(?:and|of)\s+(?:his|her|their|\d|two|three|four|five|six|several))(?!'s)"
)
_AND_THE_PERSON = re.compile(
    r"\s+[\w-]+\s+and\s+(the\s+(?:[\w-]+\s+)?(?:man|woman|child|boy|girl|baby|civilian|soldier|driver|"
    r"policeman|officer|guard|pilot|passenger|teacher|doctor|nurse|priest|imam|journalist|owner))\b",
    _I,
)


def _valid(text: str, offset: int, m: re.Match) -> bool:
    # "a" and "an" are numbers only before a person: "an activist was shot dead", not "a Mormon community".
    if m.group(1).lower() == "another":  # "three were killed and another injured", not "another attack"
        return bool(_PERSON.match(text, offset + m.end(1)) or _OUTCOME_NEXT.match(text, offset + m.end(1)))
    if m.group(1).lower() == "both":  # "Both were killed", "killing both", not "both sides"
        return bool(_BOTH_VICTIMS.match(text, offset + m.end(1)))
    if m.group(1).lower() in ("a", "an", "single", "twin"):
        # "a municipal councillor was shot dead": one victim whatever the noun, when the verb follows.
        return bool(_PERSON.match(text, offset + m.end(1)) or _ONE_KILLED.match(text, offset + m.end(1)))
    return True


_ONE_KILLED = re.compile(
    r"(?:\s+[a-z0-9][\w-]*){1,3}\s+was\s+(?:(?:later|reportedly|also)\s+)?(?:shot dead|killed|murdered|"
    r"assassinated|gunned down|beaten to death|stabbed to death|hacked to death|lynched|executed)\b"
)
_BOTH_VICTIMS = re.compile(
    r"\s*[.;,]|\s+of them\b|"
    r"(?!\s+(?:sides|groups|parties|forces|countries|camps|armies|factions|communities)\b)"
    r"(?:\s+[a-z][\w-]*)?\s+(?:were|had been|have been)\s+(?:\w+\s+)?"
    r"(?:killed|injured|wounded|hurt|shot dead)\b|(?:\s+[a-z][\w-]*)?\s+(?:\w+\s+)?died\b",
    _I,
)
_OUTCOME_NEXT = re.compile(r"\s+(?:was\s+|were\s+)?(?:killed|injured|wounded|hurt|died)\b", _I)


TOLL = re.compile(
    r"\b(?:death )?toll (?:(?:has|had|later|since|then|now|was)\s+){0,2}"
    r"(?:at|of|to|(?:rose|risen|climbed|increased|jumped) to|stood at|reached)\s+|"
    # "put the number of dead insurgents at six"
    r"\bnumber of (?:the )?(?:dead|people killed|those killed|deaths|fatalities)(?: [a-z]+)? at\s+",
    _I,
)


def _add(
    counts: list[Count], text: str, offset: int, m: re.Match, kind: str, used: set[int], group: int = -1
) -> None:
    if not _valid(text, offset, m):
        return
    value, vague = number_value(m.group(1))
    if value is None or 1900 <= value <= 2100:
        return
    used.add(m.start(1))
    s, e = offset + m.start(), offset + m.end()
    side, extra = victims(text, s, offset + m.end(1))
    counts.append(Count(kind, value, s, e, text[s:e], vague, group, side, extra))


_SIDES = {
    "state": "soldiers|troops|servicem[ae]n|officers|policem[ae]n|police|guards|gendarmes|personnel|marines",
    "armed": "militants|fighters|insurgents|rebels|jihadists|assailants|attackers|gunmen|militiamen|bandits|"
    "terrorists|combatants|members of the group|extremists|kidnappers",
    "civilian": "civilians|children|women|villagers|worshippers|passengers|protesters|demonstrators|miners|"
    "farmers|herders|students|pupils|residents|shoppers|journalists|workers|displaced|family members",
}
_SIDE = [(side, re.compile(rf"\s+(?:[\w-]+\s+){{0,2}}?(?:{words})\b", _I)) for side, words in _SIDES.items()]
_EXTRA = re.compile(r"\s+(?:other|more|additional|further)\b", _I)


def victims(text: str, start: int, end: int) -> tuple[str, bool]:
    """Whose dead a figure counts ("15 soldiers" → "state") and whether they add to others ("two other")."""
    extra = bool(_EXTRA.match(text, end)) or bool(
        re.search(r"\banother\s*$", text[max(0, start - 9) : start])
    )
    for side, pattern in _SIDE:
        if pattern.match(text, end):
            return side, extra
    return "", extra


def total(counts: list[Count], kind: str) -> int | None:
    """The sentence's figure for `kind`: figures add up, a zero stands alone."""
    values = [c.value for c in counts if c.kind == kind]
    return sum(values) if values else None


_UPDATE = re.compile(
    r"\b(?:rose|risen|raised|climbed|increased|revised|jumped|later died|succumbed|has since died)\b", _I
)
_SOURCE = re.compile(
    r"\b(?:said|says|confirmed|reported|according to|put|gave|told|counted|recorded|tally|figures?)\b", _I
)


def is_update(sentence: str) -> bool:
    """Does the sentence raise an earlier toll ("the toll rose to 14")?"""
    return bool(_UPDATE.search(sentence))


def is_sourced(sentence: str) -> bool:
    """Does the sentence attribute its figure to someone ("police confirmed 11 deaths")?"""
    return bool(_SOURCE.search(sentence))


def disagrees(sentence: str) -> bool:
    """Does the sentence set one source's toll against another's?"""
    return bool(_DISAGREE.search(sentence))


_SUBSET = re.compile(
    r"^\W*among\b|\b(?:are|were|is|was) (?:already )?included in the (?:above|overall|total|earlier|same)\b|"
    r"\bincluded in (?:the|this) (?:toll|figures?|total)\b",
    _I,
)


def is_subset(sentence: str) -> bool:
    """Does the sentence break down a toll already told ("Among the dead were two patients")?"""
    return bool(_SUBSET.search(sentence))
