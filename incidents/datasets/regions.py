"""ACLED's regions, by ISO alpha-2 country code.

ACLED groups countries into its own regions (close to the UN M49 sub-regions, but Mexico is in
Central America, Sudan in Northern Africa, the Caucasus joins Central Asia). Countries ACLED does not
cover fall in the region their neighbours are in.
"""

from functools import cache

_REGIONS: dict[str, str] = {
    "Western Africa": "BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG",
    "Middle Africa": "AO CM CF TD CG CD GQ GA ST",
    "Eastern Africa": "BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS TZ UG ZM ZW IO TF",
    "Southern Africa": "BW LS NA ZA SZ",
    "Northern Africa": "DZ EG LY MA SD TN EH",
    "Middle East": "BH IR IQ IL JO KW LB OM PS QA SA SY TR AE YE",
    "South Asia": "AF BD BT IN MV NP PK LK",
    "Southeast Asia": "BN KH ID LA MY MM PH SG TH TL VN CX CC",
    "East Asia": "CN HK JP KP KR MO MN TW",
    "Caucasus and Central Asia": "AM AZ GE KZ KG TJ TM UZ",
    "Europe": (
        "AL AD AT BY BE BA BG HR CY CZ DK EE FO FI FR DE GI GR GG HU IS IE IM IT JE XK LV LI LT LU MT "
        "MD MC ME NL MK NO PL PT RO RU SM RS SK SI ES SJ SE CH UA GB VA AX"
    ),
    "North America": "US CA GL BM PM UM",
    "Central America": "BZ CR SV GT HN MX NI PA",
    "Caribbean": "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI",
    "South America": "AR BO BR CL CO EC FK GF GY PY PE SR UY VE GS BV",
    "Oceania": "AU NZ FJ PG SB VU NC PF WS TO KI TV NR PW MH FM CK NU TK WF AS GU MP NF PN HM",
    "Antarctica": "AQ",
}


@cache
def _by_country() -> dict[str, str]:
    return {code: region for region, codes in _REGIONS.items() for code in codes.split()}


def acled_region(iso2: str) -> str:
    """ACLED's region of a country ("IQ" → "Middle East"), or "" when the code is unknown."""
    return _by_country().get((iso2 or "").upper(), "")
