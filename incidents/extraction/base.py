"""The extractor interface: text and a publication date in, candidate incidents out.

Everything the rest of the app knows about extraction is here. The rule-based pipeline of this
package is one `Extractor`; another (for instance a language model behind an OpenAI-compatible
HTTP API) implements the same protocol and is chosen by the EXTRACTOR setting, without touching
the task or the review flow. No ORM and no settings in here: the gazetteer and the actor
dictionary are handed in as plain lookups.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class Span:
    """Where in the report text a value came from: text[start:end]."""

    field: str
    start: int
    end: int
    text: str

    def as_dict(self) -> dict:
        return {"field": self.field, "start": self.start, "end": self.end, "text": self.text}


@dataclass
class ActorMention:
    name: str  # canonical (ACLED-style) name: "Military Forces of Iraq", "Civilians (Iraq)"
    mention: str = ""  # as the text says it: "Iraqi troops"
    actor_type: int | None = None  # ACLED inter code when known


@dataclass
class Candidate:
    """One incident the extractor proposes; None means "not stated"."""

    event_date: dt.date
    sub_event_type: str
    event_type: str
    country_iso: str
    date_end: dt.date | None = None
    time_precision: int = 1
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = 1
    geonames_id: int | None = None  # the gazetteer entry the place was matched to, if any
    fatalities: int | None = None
    injured: int | None = None
    actor1: ActorMention | None = None
    actor2: ActorMention | None = None
    assoc_actor1: list[ActorMention] = field(default_factory=list)
    assoc_actor2: list[ActorMention] = field(default_factory=list)
    civilian_targeting: bool = False
    confidence: float = 0.5
    summary: str = ""  # a one-sentence note for the editor, usually the evidence sentence
    evidence: list[Span] = field(default_factory=list)

    def as_eval_dict(self) -> dict:
        """The fields of shared/eval/README.md (actors as strings), plus confidence and evidence."""
        return {
            "event_date": self.event_date.isoformat(),
            "date_end": self.date_end.isoformat() if self.date_end else None,
            "time_precision": self.time_precision,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": self.actor1.name if self.actor1 else None,
            "actor2": self.actor2.name if self.actor2 else None,
            "country_iso": self.country_iso,
            "admin1": self.admin1,
            "location": self.location,
            "latitude": round(self.latitude, 2) if self.latitude is not None else None,
            "longitude": round(self.longitude, 2) if self.longitude is not None else None,
            "geo_precision": self.geo_precision,
            "fatalities": self.fatalities,
            "injured": self.injured,
            "confidence": round(self.confidence, 3),
            "evidence": [span.as_dict() for span in self.evidence],
        }


class Extractor(Protocol):
    version: str

    def extract(self, text: str, *, published: dt.date | None) -> list[Candidate]: ...
