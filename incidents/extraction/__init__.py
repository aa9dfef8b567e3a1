"""Report text and a publication date in, candidate ACLED incidents out (see docs/extraction.md)."""

from __future__ import annotations

import datetime as dt
import threading

from incidents.extraction.base import ActorMention, Candidate, Extractor, Span
from incidents.extraction.pipeline import PIPELINE_VERSION, RuleExtractor

__all__ = [
    "PIPELINE_VERSION",
    "ActorMention",
    "Candidate",
    "Extractor",
    "Span",
    "extract_incidents",
    "get_extractor",
]

_lock = threading.Lock()
_extractor: RuleExtractor | None = None


def get_extractor() -> Extractor:
    """The process-wide rule-based extractor; its gazetteer and actors load from the database on first use."""
    global _extractor
    if _extractor is None:
        with _lock:  # two threads of one worker must not both load 174k places
            if _extractor is None:
                from incidents.extraction import resources

                _extractor = RuleExtractor(resources.load_gazetteer(), resources.load_actors())
    return _extractor


def reset_extractor() -> None:
    """Forget the cached extractor (after the gazetteer or actor dictionary changed)."""
    global _extractor
    with _lock:
        _extractor = None


def extract_incidents(text: str, *, published: dt.date | None) -> list[Candidate]:
    """Candidate incidents in a report, by the process-wide extractor."""
    return get_extractor().extract(text, published=published)
