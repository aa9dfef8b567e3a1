"""A small stand-in for the NLP extractor: one candidate per sentence that says someone was killed.

It follows the contract of incidents/extraction/base.py (version, extract(text, published=...)) and
is chosen with the EXTRACTOR setting, so these tests do not depend on the real pipeline's output.
"""

from __future__ import annotations

import datetime as dt
import re

from incidents.extraction.base import ActorMention, Candidate, Span

PLACES = {  # name: (admin1, latitude, longitude, geonames id)
    "Mosul": ("Nineveh", 36.335, 43.119, 99072),
    "Tal Afar": ("Nineveh", 36.377, 42.449, 7303695),
    "Kirkuk": ("Kirkuk", 35.468, 44.392, 94787),
    "Basrah": ("Basra", 30.508, 47.783, 99532),
}
SENTENCE = re.compile(r"[^.\n]*\bkill(?:ed|ing|s)?\b[^.\n]*\.?")
KILL = re.compile(r"\bkill(?:ed|ing|s)?\b")
NUMBER = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


class FakeExtractor:
    version = "fake-1"

    def extract(self, text: str, *, published: dt.date | None) -> list[Candidate]:
        candidates = []
        for match in SENTENCE.finditer(text):
            sentence = match.group(0)
            start = match.start() + (len(sentence) - len(sentence.lstrip()))
            sentence = sentence.strip()
            evidence = [_span("event_type", text, start, KILL.search(sentence).group(0), sentence)]
            place = next((p for p in PLACES if p in sentence), None)
            if place:
                evidence.append(_span("location", text, start, place, sentence))
            admin1, lat, lon, geonames_id = PLACES.get(place, (None, None, None, None))
            count = re.search(r"\b(one|two|three|four|five)\b", sentence)
            if count:
                evidence.append(_span("fatalities", text, start, count.group(1), sentence))
            candidates.append(
                Candidate(
                    event_date=published or dt.date(2024, 3, 2),
                    sub_event_type="Armed clash",
                    event_type="Battles",
                    country_iso="IQ",
                    admin1=admin1,
                    location=place,
                    latitude=lat,
                    longitude=lon,
                    geonames_id=geonames_id,
                    fatalities=NUMBER[count.group(1)] if count else None,
                    actor1=ActorMention("Unidentified Armed Group (Iraq)", "gunmen", 3)
                    if "gunmen" in sentence
                    else None,
                    actor2=ActorMention("Military Forces of Iraq (2014-)", "soldiers")
                    if "soldiers" in sentence
                    else None,
                    confidence=0.8,
                    summary=sentence,
                    evidence=evidence,
                )
            )
        return candidates


def _span(field: str, text: str, sentence_start: int, words: str, sentence: str) -> Span:
    start = sentence_start + sentence.index(words)
    return Span(field, start, start + len(words), text[start : start + len(words)])
