"""Dates in a sentence, resolved against the publication date (ACLED time precision 1-3).

Our own patterns find the date phrases and resolve the worded ones (a month table is faster than
dateparser's ~0.3 s first call per phrase); dateparser, wrapped in `parse_absolute`, reads numeric
layouts ("2019-11-05", "05/11/2019"). We do not use dateparser's `search_dates` on whole sentences:
it "finds" dates in words like "M23", "We" or "45, a" and pushes "two days after" into the future.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import dateparser

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"((?:19|20)\d{2})"
_PART = r"(?:\s+(?:morning|afternoon|evening|night|overnight))?"

# Order matters: the first pattern that claims a stretch of text wins it.
PATTERNS: list[tuple[str, re.Pattern]] = [
    ("numeric", re.compile(r"\b(?:\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\.\d{1,2}\.\d{4})\b")),
    ("day_range", re.compile(rf"\b{_DAY}\s*(?:to|-|–|and)\s*{_DAY}\s+({MONTHS})(?:,?\s+{_YEAR})?", re.I)),
    ("day_month", re.compile(rf"\b{_DAY}\s+({MONTHS})(?:,?\s+{_YEAR})?", re.I)),
    ("month_day", re.compile(rf"\b({MONTHS})\s+{_DAY}\b(?:,?\s+{_YEAR})?", re.I)),
    ("month_year", re.compile(rf"\b(?:(early|mid|late)[- ])?({MONTHS})\s+{_YEAR}\b", re.I)),
    (
        "weekday",
        re.compile(
            r"\b(?:(early|late)\s+)?(?:on\s+)?(?:the\s+(?:evening|morning|night)\s+of\s+)?"
            r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
            r"(?:\s+(?:morning|afternoon|evening|night))?\b",
            re.I,
        ),
    ),
    ("yesterday", re.compile(r"\b(yesterday|last night|overnight)\b", re.I)),
    ("today", re.compile(r"\b(today|this morning|this afternoon|this evening|tonight)\b", re.I)),
    ("weekend", re.compile(r"\b(?:over|at|during)\s+the\s+weekend\b", re.I)),
    ("last_week", re.compile(r"\b(last|this|past|previous)\s+week\b", re.I)),
    ("last_month", re.compile(r"\b(last|previous|this)\s+month\b", re.I)),
    (
        "month_only",
        re.compile(
            rf"\b(?:in|since|during|until|by)\s+(?:early\s+|mid-|late\s+)?({MONTHS})\b(?!\s+\d)", re.I
        ),
    ),
    (
        "year_only",
        re.compile(
            rf"\b(?:in|since|during|of|until)\s+(?:the\s+(?:summer|spring|autumn|winter|end)"
            rf"\s+of\s+)?{_YEAR}\b",
            re.I,
        ),
    ),
    (
        "vague",
        re.compile(
            r"\b(last|next|this|previous)\s+year\b|\bin recent (?:years|months|weeks)\b|"
            r"\bearlier this year\b|\bfor (?:weeks|months|years)\b",
            re.I,
        ),
    ),
    ("future", re.compile(r"\b(tomorrow|next week|next month)\b", re.I)),
]


# Lowercase fragments one of which each kind's matches contain; None: the kind needs a digit.
ANCHORS: dict[str, tuple[str, ...] | None] = {
    "numeric": None,
    "day_range": None,
    "day_month": None,
    "month_day": None,
    "month_year": None,
    "year_only": None,
    "weekday": ("day",),
    "yesterday": ("yesterday", "last night", "overnight"),
    "today": ("today", "this morning", "this afternoon", "this evening", "tonight"),
    "weekend": ("weekend",),
    "last_week": ("week",),
    "last_month": ("month",),
    "month_only": ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    "vague": ("year", "recent", "weeks", "months"),
    "future": ("tomorrow", "next week", "next month"),
}


_TOLD_NAME = re.compile(
    r"\btold (?:[A-Z][\w-]*\s+){1,3}(?:on\s+)?$|"
    # "In a statement read on state television on Monday evening"
    r"\b(?:statement|message|video|broadcast|communique)\s+(?:read|issued|published|released|posted|aired|"
    r"broadcast|circulated)\b[\w ,-]{0,30}?\s+(?:on\s+)?$"
)


@dataclass(frozen=True)
class DateMention:
    start: int  # offsets in the ORIGINAL text
    end: int
    text: str
    kind: str
    date: dt.date | None  # None for mentions that only give a year, or say nothing codable
    date_end: dt.date | None = None
    precision: int = 1
    since: bool = False  # "since February 28": the start of a span running to the report date
    reporting: bool = False  # "said on Friday": when something was said, not when it happened


@lru_cache(maxsize=4096)
def parse_absolute(phrase: str, base: dt.date) -> dt.date | None:
    """An absolute date phrase ("April 6", "5 November 2019") as a date no later than `base` + 1 day."""
    settings = {
        "PREFER_DATES_FROM": "past",
        "RELATIVE_BASE": dt.datetime.combine(base + dt.timedelta(days=1), dt.time(23, 59)),
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def last_weekday(name: str, base: dt.date) -> dt.date:
    """The most recent `name`day on or before `base` ("on Thursday" in Friday's paper is yesterday)."""
    back = (base.weekday() - WEEKDAYS.index(name.lower())) % 7
    return base - dt.timedelta(days=back)


def month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _month_number(word: str) -> int:
    word = word.rstrip(".").lower()[:3]
    return ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].index(
        word
    ) + 1


def _year_for(month: int, base: dt.date, day: int = 1) -> int:
    # A month without a year is the latest one not after the report.
    return base.year if (month, day) <= (base.month, base.day + 1) else base.year - 1


def find_dates(
    text: str, start: int, end: int, published: dt.date, anchor: dt.date | None = None
) -> list[DateMention]:
    """Date mentions in text[start:end], resolved against `published` (or `anchor` for "the same night")."""
    chunk = text[start:end]
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    lower = chunk.lower()
    has_digit = any(c.isdigit() for c in chunk)
    for kind, pattern in PATTERNS:
        anchors = ANCHORS.get(kind)
        if anchors is None and not has_digit or anchors is not None and not any(a in lower for a in anchors):
            continue  # a cheap test first: most sentences hold no date phrase of this kind
        for m in pattern.finditer(chunk):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            mention = _resolve(kind, m, published)
            if mention is None:
                continue
            taken.append((m.start(), m.end()))
            s, e = start + m.start(), start + m.end()
            before = chunk[max(0, m.start() - 40) : m.start()].lower()
            since = bool(re.search(r"\bsince\s*(?:then\s*)?$|\bsince\s+the\s+\w+\s+of\s*$", before))
            # "fighting was reported on 18 June": in a situation report, when it happened, not when said
            reporting = bool(
                re.search(
                    r"\b(said|says|announced|told|reported|statement|released|stated)\b"
                    r"[\w ,]{0,12}$",
                    before,
                )
            ) and not re.search(r"\b(?:was|were|been|being) reported[\w ,]{0,12}$", before)
            # "told Radio Tamazuj on Sunday": said to someone named
            reporting = reporting or bool(_TOLD_NAME.search(chunk, max(0, m.start() - 40), m.start()))
            found.append(DateMention(s, e, text[s:e], kind, *mention, since=since, reporting=reporting))
    found.sort(key=lambda d: d.start)
    return found


def _resolve(kind: str, m: re.Match, base: dt.date) -> tuple[dt.date | None, dt.date | None, int] | None:
    g = m.groups()
    try:
        if kind == "numeric":
            parsed = parse_absolute(m.group(0), base)  # dateparser reads the numeric layouts
            return (parsed, None, 1) if parsed else None
        if kind == "day_range":
            month = _month_number(g[2])
            year = int(g[3]) if g[3] else _year_for(month, base, int(g[0]))
            first, last = dt.date(year, month, int(g[0])), dt.date(year, month, int(g[1]))
            if last <= first:
                return None
            # One night spanning two dates keeps day precision; longer spans are "a few days".
            return first, last, 1 if (last - first).days <= 1 else 2
        if kind == "day_month":
            month = _month_number(g[1])
            year = int(g[2]) if g[2] else _year_for(month, base, int(g[0]))
            return dt.date(year, month, int(g[0])), None, 1
        if kind == "month_day":
            month = _month_number(g[0])
            day = int(g[1])
            year = int(g[2]) if g[2] else None
            if year is None:
                year = _year_for(month, base, day)
            return dt.date(year, month, day), None, 1
        if kind == "month_year":
            first, last = month_span(int(g[2]), _month_number(g[1]))
            return first, last, 3
        if kind == "month_only":
            month = _month_number(g[0])
            first, last = month_span(_year_for(month, base), month)
            return first, last, 3
        if kind == "weekday":
            return last_weekday(g[1], base), None, 1
        if kind == "yesterday":
            return base - dt.timedelta(days=1), None, 1
        if kind == "today":
            return base, None, 1
        if kind == "weekend":
            saturday = last_weekday("saturday", base - dt.timedelta(days=1))
            return saturday, saturday + dt.timedelta(days=1), 2
        if kind == "last_week":
            if g[0].lower() == "this":
                return base - dt.timedelta(days=base.weekday()), base, 2
            monday = base - dt.timedelta(days=base.weekday() + 7)
            return monday, monday + dt.timedelta(days=6), 2
        if kind == "last_month":
            ref = base if g[0].lower() == "this" else base.replace(day=1) - dt.timedelta(days=1)
            first, last = month_span(ref.year, ref.month)
            return first, last, 3
        if kind in ("year_only", "vague", "future"):
            return None, None, 3
    except ValueError:  # "31 February" and the like
        return None
    return None


def is_codable(mention: DateMention) -> bool:
    """ACLED codes events to a day, a week or a month; a bare year or "last year" is not enough."""
    return mention.date is not None and mention.kind not in ("year_only", "vague", "future")


_RELATIVE = re.compile(
    r"\b(?:(a|one|two|three|four|five|six)\s+days?|(hours|minutes|moments))\s+(earlier|before|later|after)\b|"
    r"\b(later|earlier)\s+(?:that|the same|in the)\s+(?:day|night|evening|morning|afternoon)\b|"
    r"\b(?:on\s+)?the\s+(same)\s+(?:day|night|evening)\b|"
    r"\bthe\s+(previous|next|following)\s+day\b|\bthe\s+day\s+(before|after)\b",
    re.I,
)
_COUNT = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def find_relative(text: str, start: int, end: int, trigger_at: int, anchor: dt.date) -> DateMention | None:
    """ "A day earlier", "two days later": a date counted from the story's running date (None if none).

    "The deal came a day after a drone strike killed two": an event told after "after" came first.
    """
    m = _RELATIVE.search(text, start, end)
    if m is None:
        return None
    days, hours, direction, that_day, same, adjacent, day_of = m.groups()
    if hours or that_day or same:
        # "Hours later", "later that day", "the same night": the day of the event told before.
        if (direction or "").lower() in ("after", "before") and trigger_at < m.start():
            return None
        return DateMention(m.start(), m.end(), m.group(0), "same_day", anchor, None, 1)
    n = _COUNT[days.lower()] if days else 1
    word = (direction or adjacent or day_of).lower()
    if word in ("after", "before") and trigger_at < m.start():
        return None  # "The fighting came a day after the deal": the event is the one already dated
    later = word in ("later", "next", "following") or (word == "after" and trigger_at < m.start())
    offset = n if later else -n
    return DateMention(
        m.start(), m.end(), m.group(0), "relative", anchor + dt.timedelta(days=offset), None, 1
    )
