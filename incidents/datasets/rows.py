"""What a format's row parser returns, and the small field readers both formats share."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from incidents import geo


class FormatError(Exception):
    """The file is not the named format at all (missing required columns): refused whole."""


class RowError(ValueError):
    """One row cannot be imported; the message is the reason shown in the report."""


@dataclass(slots=True)
class ParsedRow:
    """One dataset row mapped onto our model, before names are resolved to database ids."""

    line: int
    external_id: str
    fields: dict[str, Any]  # Incident attribute -> value (not location, actors or sources)
    actors: list[tuple[str, str, int | None]] = field(default_factory=list)  # (role, name, inter code)
    sources: list[tuple[str, str]] = field(default_factory=list)  # (outlet name, excerpt)
    source_scale: str = ""  # the outlet's scale, given to a source this import creates


def text(values: list[str], index: int | None) -> str:
    if index is None or index >= len(values):
        return ""
    return values[index].strip()


def parse_int(value: str, label: str, *, low: int | None = None, high: int | None = None) -> int | None:
    """An integer field: empty is None (not stated); "12.0" from a spreadsheet is 12."""
    if not value:
        return None
    try:
        number = int(value)
    except ValueError:
        try:
            as_float = float(value)
        except ValueError:
            raise RowError(f"{label} “{value}” is not a whole number") from None
        if not as_float.is_integer():
            raise RowError(f"{label} “{value}” is not a whole number") from None
        number = int(as_float)
    if low is not None and number < low:
        raise RowError(f"{label} {number} is below {low}" if low else f"{label} {number} is negative")
    if high is not None and number > high:
        raise RowError(f"{label} {number} is above {high}")
    return number


def parse_coordinate(value: str, label: str, limit: float) -> float | None:
    if not value:
        return None
    try:
        number = float(value.replace(",", "."))
    except ValueError:
        raise RowError(f"{label} “{value}” is not a number") from None
    if not -limit <= number <= limit:
        raise RowError(f"{label} {value} is outside -{limit:g}..{limit:g}")
    return number


def split_list(value: str) -> list[str]:
    """ACLED's lists ("Reuters; AFP"): split on semicolons, blanks dropped, order and case kept."""
    if not value:
        return []
    return [part.strip() for part in value.split(";") if part.strip()]


_COUNTRIES: dict[str, str | None] = {}


def country_iso(name: str, numeric: str = "") -> str:
    """The ISO alpha-2 code of a dataset's country name (or ISO numeric code), or a RowError."""
    key = (name, numeric)
    if key not in _COUNTRIES:
        code = geo.country_code(name) if name else None
        if code is None and "(" in name:  # UCDP: "DR Congo (Zaire)", "Russia (Soviet Union)"
            code = geo.country_code(name.split("(")[0]) or geo.country_code(name.split("(")[1].rstrip(")"))
        if code is None:
            code = UCDP_COUNTRY_NAMES.get(name.split("(")[0].strip())
        if code is None and numeric.isdigit():
            import pycountry

            country = pycountry.countries.get(numeric=numeric.zfill(3))
            code = country.alpha_2 if country else None
        _COUNTRIES[key] = code
    code = _COUNTRIES[key]
    if code is None:
        raise RowError(f"country “{name or numeric}” is unknown")
    return code


# UCDP GED's country names that neither ISO 3166 nor ACLED spell this way.
UCDP_COUNTRY_NAMES = {
    "DR Congo": "CD",
    "Congo": "CG",
    "Bosnia-Herzegovina": "BA",
    "Kingdom of eSwatini": "SZ",
    "Serbia": "RS",
    "Yemen": "YE",
    "Ivory Coast": "CI",
    "Cambodia": "KH",
    "Myanmar": "MM",
    "Madagascar": "MG",
    "Zimbabwe": "ZW",
    "Macedonia, FYR": "MK",
    "Russia": "RU",
    "Laos": "LA",
}
