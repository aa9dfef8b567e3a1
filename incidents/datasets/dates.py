"""Dates as datasets and spreadsheets write them: ISO, day-first, month names, Excel serial numbers."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

# Excel counts days from 1899-12-30 (it believes 1900 was a leap year, so this epoch makes
# serial 44217 come out as 2021-01-21 as Excel shows it).
EXCEL_EPOCH = dt.date(1899, 12, 30)
# Serial numbers that fall between 1950 and 2100: anything else is not a date someone typed.
EXCEL_SERIALS = range(18264, 73051)

FORMATS = (
    "%Y-%m-%d",
    "%d/%m/%Y",
    "%d %B %Y",
    "%d %b %Y",
    "%d-%B-%Y",
    "%d-%b-%Y",
    "%d-%b-%y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%Y/%m/%d",
    "%d.%m.%Y",
    "%m/%d/%Y",  # only reached when day-first is impossible (13/..): 01/21/2021
)


@lru_cache(maxsize=65536)  # a dataset repeats each date hundreds of times
def parse_date(value: str) -> dt.date | None:
    """The date in `value`, or None when it is not one we can read unambiguously.

    Day-first wins for "03/04/2021" (ACLED and UCDP are not American); "2021-01-21 00:00:00" and
    "2021-01-21T00:00:00", which spreadsheets write for a date cell, are read as the date.
    """
    text = (value or "").strip()
    if not text:
        return None
    if text.isdigit() and len(text) <= 5:
        serial = int(text)
        return EXCEL_EPOCH + dt.timedelta(days=serial) if serial in EXCEL_SERIALS else None
    if len(text) > 10 and text[4] == "-" and text[10] in " T":
        text = text[:10]
    if text.replace(".", "", 1).isdigit():  # "44217.0" from a float cell
        return parse_date(text.split(".")[0])
    for fmt in FORMATS:
        try:
            parsed = dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        return parsed if 1900 <= parsed.year <= 2100 else None
    return None
