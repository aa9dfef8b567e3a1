"""Places in a report: gazetteer matches disambiguated by the report's countries, admin units and
population, plus villages the gazetteer lacks ("the village of X near Y") kept by name.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from dataclasses import dataclass

from incidents.extraction.actors import TOKEN, ActorDictionary
from incidents.extraction.gazetteer import Gazetteer, PlaceRecord, fold, fold_token
from incidents.extraction.not_places import NOT_PLACES

_STRONG_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|near|outside|around|into|inside|through|hit|struck|stormed|entered|took|taken|seized|captured|"
    r"surrounded|shelled|attacked|bombed|recaptured|retook|overran|targeting|targeted)\s+(?:the\s+)?)$",
    re.I,
)
_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|near|outside|around|of|into|inside|from|on|over|to|across|towards?|"
    r"hit|struck|stormed|entered|took|taken|seized|captured|surrounded|shelled|attacked|"
    r"bombed|recaptured|retook|overran|targeting|targeted)\s+(?:the\s+)?)$",
    re.I,
)
_NEAR = re.compile(
    r"\b(?:near|outside|close to|on the outskirts of|around|"
    r"(?:(?:north|south)-?(?:east|west)|north|south|east|west) of|km from|kilometres from|miles from)"
    r"\s+(?:the\s+)?(?:\w+\s+){0,2}$",
    re.I,
)
# (in lower case: "the Maru Local Government Area of Zamfara State" names a unit, not a village of it)
_SETTLEMENT = re.compile(
    r"\b(?:village|town|city|settlement|hamlet|locality|commune|neighbourhood|"
    r"neighborhood|district|area|camp|municipality)\s+of\s+$"
)
_ADMIN_AFTER = re.compile(
    r"^\s+(?:province|region|state|governorate|oblast|department|district|county|"
    r"prefecture|division|territory)\b",
    re.I,
)
_APPOSITION = re.compile(
    r",\s+(?:a|an|the)\s+(?:\w+\s+){0,2}(?:village|town|settlement|hamlet|locality)\b", re.I
)
# A lowercase word right after a name that is not a function word: "Katsina police", "Nimroz governor".
_NOUN_AFTER = re.compile(
    r"\s+(?!(?:on|in|at|and|or|to|from|for|with|by|near|of|after|before|since|when|where|which|that|was|were|"
    r"is|are|had|has|have|late|early|last|this|the|a|an|but|as|while|during|until|into|over|under|said|says|"
    r"overnight|yesterday|today|town|city|village|district|area|province|region|state|"
    # a verb: "a drone strike on the outskirts of Qamishli killed two"
    r"[a-z]+ed|hit|struck|left|fell|came|went|saw)\b)[a-z]"
)
_ARTICLE_BEFORE = re.compile(r"\b(?:al|el|as|ash|ad|ar|an|at|az)[-‐]$")
_CONNECTOR = {
    "al",
    "el",
    "ad",
    "as",
    "ash",
    "ar",
    "an",
    "ul",
    "de",
    "del",
    "la",
    "le",
    "di",
    "da",
    "du",
    "des",
    "bin",
    "ibn",
    "abu",
    "bab",
}


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    text: str
    candidates: tuple[PlaceRecord, ...]  # gazetteer entries with this name (empty: unknown place)
    near: bool = False  # "near X": ACLED geo precision 2
    admin_hint: bool = False  # followed by "province"/"region": the admin unit, not the town
    locative: bool = False  # after "in", "at", "near"...: the text says something happened there
    settlement: bool = False  # "the village of X", "X, a village near Y": the text calls it a settlement
    strong: bool = False  # "in X", "at X", "attacked X" (not "from X", "east of X")
    adjective: bool = False  # "Katsina police", "Nimroz province governor": the name qualifies a noun
    bracketed: bool = False  # "(Toretsk area)": an aside, not the event's place


def find_places(
    gazetteer: Gazetteer, text: str, start: int, end: int, skip: list[tuple[int, int]]
) -> list[PlaceMention]:
    """Capitalised names in text[start:end] that the gazetteer knows, or that the text calls a place."""
    toks = [(m.start(), m.end()) for m in TOKEN.finditer(text, start, end)]
    words = [fold_token(text[s:e]) for s, e in toks]
    out: list[PlaceMention] = []
    i = 0
    while i < len(toks):
        s0 = toks[i][0]
        word = text[s0 : toks[i][1]]
        if not word[:1].isupper() or any(a <= s0 < b for a, b in skip):
            i += 1
            continue
        match = None
        for n in range(min(gazetteer.max_words, len(toks) - i), 0, -1):
            s, e = s0, toks[i + n - 1][1]
            last = text[toks[i + n - 1][0] : e]
            if not last[:1].isupper() or re.search(r"[.,;:()\n]", text[s:e]):
                continue
            key = " ".join(words[i : i + n])
            if key in NOT_PLACES or (n == 1 and len(key) < 3):
                continue
            candidates = tuple(gazetteer.lookup_key(key))
            if n == 1 and len(key) <= 3:
                # "Jan", "Far" (of "Far'a"): a short word stands for a place only under its own name, not as
                # an alternate spelling of a city elsewhere.
                candidates = tuple(c for c in candidates if fold(c.name) == key)
            if candidates:
                match = (n, s, e, candidates)
                break
        if (
            match is not None
            and _part_of_longer_name(text, toks, i, match[0], start)
            and not _facility_after(text, toks, i + match[0])
            and not _settlement_word_after(text, toks, i + match[0])
        ):
            # "Bab al-Sharqi" is not Al Bab; "Radio Mogadishu" is a broadcaster, not the city.
            extent, end_at = _name_extent(text, toks, i)
            town, _ = _town_before_facility(text, toks, words, i, extent, end_at)
            if town < extent and town == match[0]:
                pass  # "Debre Markos Referral Hospital": the town itself, known to the gazetteer
            else:
                match = (extent, s0, end_at, ()) if extent > match[0] else None
            if match is None:
                i += 1
                continue
        # "the town of al-Sukhnah": the cue stands before the Arabic article.
        before = _ARTICLE_BEFORE.sub("", text[max(start, s0 - 45) : s0])
        if match is None and (
            _CUE_WORDS.intersection(words[max(0, i - 4) : i]) or text[toks[i][1] : toks[i][1] + 1] in ",-"
        ):
            # An unknown name the text calls a place: "the village of X", "near X", "in X". (The cue-word
            # test is a cheap filter before the regexes: most capitalised words are no place.)
            n, e = _town_before_facility(text, toks, words, i, *_name_extent(text, toks, i))
            key = " ".join(words[i : i + n])
            if key not in NOT_PLACES and (
                _SETTLEMENT.search(before)
                or _APPOSITION.match(text, e)
                or _NEAR.search(before)
                or (_LOCATIVE.search(before) and _follows_as_place(text, e))
            ):
                match = (n, s0, e, ())
        if match:
            n, s, e, candidates = match
            after = text[e : e + 16]
            settlement = bool(_SETTLEMENT.search(before) or _APPOSITION.match(text, e))
            part = _PART_OF.fullmatch(text, out[-1].end, s) if out else None
            if part and (
                # "the Mir Ali area of North Waziristan", known to the gazetteer or not
                part.group(1).lower().startswith(("area", "neighbo", "locality"))
                or (
                    # not "the Burkina Faso town of Djibo", "the Indigenous town of Toribio"
                    any(c.kind == "place" for c in out[-1].candidates)
                    and not re.search(r"\bthe\s+$", text[max(0, out[-1].start - 5) : out[-1].start])
                )
            ):
                # "near Kulachi town of Dera Ismail Khan district": the town named first is the place, the
                # name after "town of" is where it lies.
                settlement = False
                out[-1] = dataclasses.replace(out[-1], settlement=True)
            out.append(
                PlaceMention(
                    s,
                    e,
                    text[s:e],
                    candidates,
                    bool(_NEAR.search(before)),
                    bool(_ADMIN_AFTER.match(after)),
                    bool(_LOCATIVE.search(before)),
                    settlement,
                    bool(_STRONG_LOCATIVE.search(before)),
                    bool(_NOUN_AFTER.match(after))
                    and not _ADMIN_AFTER.match(after)
                    and not _FACILITY_AFTER.match(text, e),
                    text.rfind("(", max(start, s - 40), s) > text.rfind(")", max(start, s - 40), s),
                )
            )
            i += n
        else:
            i += 1
    return out


_PART_OF = re.compile(r"\s+(town|village|area|city|neighbou?rhood|locality|camp)\s+of\s+(?:the\s+)?")
_CUE_WORDS = {
    "in",
    "at",
    "near",
    "outside",
    "around",
    "of",
    "into",
    "inside",
    "from",
    "on",
    "over",
    "to",
    "across",
    "toward",
    "towards",
    "through",
    "hit",
    "struck",
    "stormed",
    "entered",
    "took",
    "taken",
    "seized",
    "captured",
    "surrounded",
    "shelled",
    "attacked",
    "bombed",
    "recaptured",
    "retook",
    "overran",
    "targeting",
    "targeted",
    "close",
    "outskirts",
    "north",
    "south",
    "east",
    "west",
    "km",
    "kilometres",
    "miles",
}
_FUNCTION_CAPS = {
    "in",
    "at",
    "on",
    "near",
    "from",
    "the",
    "a",
    "an",
    "and",
    "but",
    "of",
    "by",
    "to",
    "when",
    "after",
    "before",
    "since",
    "during",
    "as",
    "while",
    "if",
    "for",
    "with",
    "outside",
    "inside",
}


_FACILITY = re.compile(
    r"^(?:[A-Z]{2,6}|Station|Square|Market|Road|Street|Hospital|Airport|Camp|Base|Centre|"
    r"Center|University|Mosque|Church|School|Junction|Bridge|Park|Stadium|Prison|Port|"
    r"Checkpoint|Barracks|Hotel|Mall|Club|College|Clinic|Compound|Court|Courthouse|Palace|Terminal)$"
)


def _town_before_facility(
    text: str, toks: list[tuple[int, int]], words: list[str], i: int, n: int, end: int
) -> tuple[int, int]:
    """ "Debre Markos Referral Hospital" → "Debre Markos": a name ending in a facility names its town."""
    if n > 1 and _FACILITY.match(text[toks[i + n - 1][0] : toks[i + n - 1][1]]):
        n -= 1
        while n > 1 and words[i + n - 1] in _FACILITY_QUALIFIERS:
            n -= 1
        end = toks[i + n - 1][1]
    return n, end


_FACILITY_QUALIFIERS = {
    "referral",
    "general",
    "teaching",
    "central",
    "regional",
    "main",
    "national",
    "city",
    "press",
    "district",
}


def _facility_after(text: str, toks: list[tuple[int, int]], j: int) -> bool:
    """ "Yuen Long MTR station", "Baghdad Airport": a facility named after its town is in that town.

    One qualifier may come between: "Debre Markos Referral Hospital", "Kabul Central Prison".
    """
    for k in (j, j + 1):
        if k < len(toks) and _FACILITY.match(text[toks[k][0] : toks[k][1]]):
            return k == j or text[toks[k - 1][1] : toks[k][0]] == " "
    return False


_SETTLEMENT_WORD = re.compile(r"(?:Township|City|Municipality|Town|Village)$")


def _settlement_word_after(text: str, toks: list[tuple[int, int]], j: int) -> bool:
    """ "Kanbalu Township", "Kabankalan City": the town the gazetteer knows, called by its kind (ACLED
    names the town)."""
    return (
        j < len(toks)
        and bool(_SETTLEMENT_WORD.match(text[toks[j][0] : toks[j][1]]))
        and text[toks[j - 1][1] : toks[j][0]] == " "
    )


def _part_of_longer_name(text: str, toks: list[tuple[int, int]], i: int, n: int, floor: int) -> bool:
    """Is the matched name only a piece of a longer capitalised name?"""
    extent, _ = _name_extent(text, toks, i)
    if extent > n:
        return True
    if i == 0 or toks[i - 1][0] < floor:
        return False
    prev = text[toks[i - 1][0] : toks[i - 1][1]]
    gap = text[toks[i - 1][1] : toks[i][0]]
    at_start = toks[i - 1][0] == floor or text[max(floor, toks[i - 1][0] - 3) : toks[i - 1][0]].strip() in (
        "-",
    )
    return (
        gap == " "
        and prev[:1].isupper()
        and prev.lower() not in _FUNCTION_CAPS
        and prev.lower() not in NOT_PLACES
        and not at_start
    )


def _name_extent(text: str, toks: list[tuple[int, int]], i: int) -> tuple[int, int]:
    """How many tokens a capitalised name runs for ("Bab al-Sharqi"), and where it ends."""
    n = 1
    while i + n < len(toks) and n < 4:
        s, e = toks[i + n]
        gap = text[toks[i + n - 1][1] : s]
        word = text[s:e]
        if gap not in (" ", "-") or not (word[:1].isupper() or word.lower() in _CONNECTOR):
            break
        n += 1
    while n > 1 and not text[toks[i + n - 1][0]].isupper():
        n -= 1
    return n, toks[i + n - 1][1]


# "the Kulachi police station": a facility in that town, not the town's police.
_FACILITY_AFTER = re.compile(
    r"\s+(?:police (?:station|post|checkpoint)|checkpoint|market|camp|hospital|airport|prison|bridge|"
    r"mosque|church|school|university|stadium|bus (?:station|terminal)|junction)\b"
)


def _follows_as_place(text: str, end: int) -> bool:
    # "in Ogossagou," / "in Ogossagou." / "in X town": an unknown name right after "in" looks like a place
    # only when a clause boundary or a settlement noun follows (not "in Kabul's", not "in Reuters").
    after = text[end : end + 12]
    return bool(re.match(r"\s*(?:[,.;:)]|\s+(?:town|village|city|area|district)\b|$)", after))


def _big_city(mention: PlaceMention) -> PlaceRecord | None:
    """The city of 200,000 or more a name stands for, when no namesake elsewhere is a town of note."""
    ranked = sorted(mention.candidates, key=lambda r: -r.population)
    if not ranked or ranked[0].kind != "place" or ranked[0].population < 200_000:
        return None
    if any(r.country_iso != ranked[0].country_iso and r.population >= 50_000 for r in ranked[1:]):
        return None
    return ranked[0]


def country_focus(
    gazetteer: Gazetteer, actors: ActorDictionary, text: str, mentions: list[PlaceMention]
) -> Counter:
    """How strongly the report is about each country: country names, demonyms, the dateline, big places."""
    focus: Counter = Counter()
    for m in TOKEN.finditer(text):
        word = m.group(0)
        if word[:1].isupper() and (iso := actors.country_of_word(word)):
            focus[iso] += 1
    for a, b in (
        ("Democratic Republic of", "CD"),
        ("Saudi Arabia", "SA"),
        ("Hong Kong", "HK"),
        ("United States", "US"),
        ("South Sudan", "SS"),
        ("Burkina Faso", "BF"),
    ):
        if a in text:
            focus[b] += text.count(a) * 2
    named = set(focus)
    for mention in mentions:
        countries = {c.country_iso for c in mention.candidates}
        if any(c.kind == "country" for c in mention.candidates):
            focus[mention.candidates[0].country_iso] += 2
        elif len(countries) == 1 and (next(iter(countries)) in named or not named):
            # A place strengthens a country the text names; alone it would let "Kokola" pull in Finland.
            focus[next(iter(countries))] += 1
        elif city := _big_city(mention):
            # "Srinagar", told four times in a report that names only a "Pakistani" commander: a city
            # that size says where the report is, named country or not.
            focus[city.country_iso] += 1
    dateline = re.match(r"\s*([A-Z][A-Z .'-]{2,})(?:,\s*([A-Z][a-z]+))?\s*(?:\([^)]*\))?\s*[-–—]", text)
    if dateline:
        for record in gazetteer.lookup(dateline.group(1).title()):
            if record.population > 100_000:
                focus[record.country_iso] += 3
    if not focus:
        # A report that never names its country ("gunmen shot dead a teacher in Mandera"): a town the
        # text says something happened in, when one country holds by far its biggest namesake.
        for mention in mentions:
            if not (mention.strong or mention.locative) or not mention.candidates:
                continue
            ranked = sorted(mention.candidates, key=lambda r: -r.population)
            rivals = [r for r in ranked[1:] if r.country_iso != ranked[0].country_iso]
            if ranked[0].population >= 50_000 and (
                not rivals or ranked[0].population >= 20 * rivals[0].population
            ):
                focus[ranked[0].country_iso] += 1
    if not focus:
        return focus
    # Countries mentioned in passing ("a UN report on Iraq and Syria") do not place events.
    top = max(focus.values())
    return Counter({iso: n for iso, n in focus.items() if n >= 0.2 * top})


def score(record: PlaceRecord, focus: Counter, admin1s: set[str], mention: PlaceMention) -> float:
    """How likely a gazetteer entry is the place the text means."""
    total = sum(focus.values()) or 1
    s = 4.0 * focus.get(record.country_iso, 0) / total
    if record.country_iso not in focus:
        s -= 3
    if record.admin1 and fold(record.admin1) in admin1s and record.kind == "place":
        s += 1.5
    s += math.log10(record.population + 10) / 3
    if record.kind == "country":
        s -= 0.5
    if mention.admin_hint:
        s += 2 if record.kind == "admin1" else -1
    elif record.kind == "place":
        s += 0.5
    return s


def best_record(mention: PlaceMention, focus: Counter, admin1s: set[str]) -> PlaceRecord | None:
    if not mention.candidates:
        return None
    countries = [r for r in mention.candidates if r.kind == "country"]
    if countries:  # "northern Mexico" is the country, not Mexico City
        return countries[0]
    return max(mention.candidates, key=lambda r: score(r, focus, admin1s, mention))
