"""Countries as ACLED names them, from pycountry's ISO 3166 tables."""

from functools import cache

import pycountry

# ACLED's country names where they differ from ISO 3166's short names.
ACLED_COUNTRY_NAMES = {
    "BO": "Bolivia",
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
    "CI": "Ivory Coast",
    "CV": "Cape Verde",
    "CZ": "Czech Republic",
    "FM": "Micronesia",
    "GB": "United Kingdom",
    "HK": "Hong Kong",
    "IR": "Iran",
    "KP": "North Korea",
    "KR": "South Korea",
    "LA": "Laos",
    "MD": "Moldova",
    "PS": "Palestine",
    "RU": "Russia",
    "SY": "Syria",
    "TR": "Turkey",
    "TW": "Taiwan",
    "TZ": "Tanzania",
    "VE": "Venezuela",
    "VN": "Vietnam",
    "BN": "Brunei",
    "MK": "North Macedonia",
    "SZ": "eSwatini",
    "TL": "East Timor",
    "VA": "Vatican City",
    "US": "United States",
    "XK": "Kosovo",
}


@cache
def country_name(iso2: str) -> str | None:
    """ACLED's name of a country ("SY" → "Syria"), or None for an unknown code."""
    code = (iso2 or "").upper()
    if code in ACLED_COUNTRY_NAMES:
        return ACLED_COUNTRY_NAMES[code]
    country = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    if country is None:
        return None
    return getattr(country, "common_name", None) or country.name


@cache
def iso3(iso2: str) -> str | None:
    if (iso2 or "").upper() == "XK":
        return "XKX"
    country = pycountry.countries.get(alpha_2=(iso2 or "").upper())
    return country.alpha_3 if country else None


@cache
def _names() -> dict[str, str]:
    from incidents.models import name_key

    names: dict[str, str] = {}
    for country in pycountry.countries:
        for label in (
            country.name,
            getattr(country, "common_name", None),
            getattr(country, "official_name", None),
        ):
            if label:
                names[name_key(label)] = country.alpha_2
        names[name_key(country.alpha_3)] = country.alpha_2
        names[name_key(country.alpha_2)] = country.alpha_2
    for code, label in ACLED_COUNTRY_NAMES.items():
        names[name_key(label)] = code
    names[name_key("Kosovo")] = "XK"
    names[name_key("XKX")] = "XK"
    return names


def country_code(value: str) -> str | None:
    """The ISO alpha-2 code for an alpha-2 or alpha-3 code or a country name, or None."""
    from incidents.models import name_key

    return _names().get(name_key(value or ""))


def all_countries() -> list[tuple[str, str]]:
    """(alpha-2, ACLED name) of every country, sorted by name: for choices and filters."""
    pairs = [(c.alpha_2, country_name(c.alpha_2) or c.name) for c in pycountry.countries]
    return sorted(pairs + [("XK", "Kosovo")], key=lambda pair: pair[1])
