"""Reading files and fields: database-free tables."""

import datetime as dt

import pytest

from incidents.datasets.dates import parse_date
from incidents.datasets.readers import CsvRows, detect_encoding, normalise_header

JAN_21 = dt.date(2021, 1, 21)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2021-01-21", JAN_21),
        ("21/01/2021", JAN_21),
        ("21 January 2021", JAN_21),
        ("21-January-2021", JAN_21),
        ("21 Jan 2021", JAN_21),
        ("21-Jan-21", JAN_21),
        ("44217", JAN_21),  # Excel's serial number for the day
        ("44217.0", JAN_21),
        ("2021-01-21 00:00:00", JAN_21),
        ("2021-01-21T00:00:00", JAN_21),
        ("01/21/2021", JAN_21),  # month first only when day first is impossible
        ("03/04/2021", dt.date(2021, 4, 3)),  # ambiguous: day first, as ACLED and UCDP write
        ("2021-02-30", None),
        ("March 2020", None),
        ("12", None),  # a serial number nobody means as a date
        ("", None),
        ("yesterday", None),
    ],
)
def test_dates_in_the_shapes_datasets_and_spreadsheets_write(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "header, expected",
    [
        ("EVENT_ID_CNTY", "event_id_cnty"),
        ("\ufeffevent_id_cnty", "event_id_cnty"),
        (" Event Date ", "event_date"),
    ],
)
def test_headers_are_normalised(header, expected):
    assert normalise_header(header) == expected


@pytest.mark.parametrize(
    "name, encoding",
    [("acled_valid.csv", "utf-8"), ("acled_bom.csv", "utf-8-sig"), ("acled_cp1252.csv", "cp1252")],
)
def test_encodings_are_detected(fixture_file, name, encoding):
    assert detect_encoding(fixture_file(name)) == encoding


def test_cp1252_text_is_read_correctly(fixture_file):
    with CsvRows(fixture_file("acled_cp1252.csv")) as rows:
        (line, values), *_ = list(rows)
    assert "Ménaka" in values and "l’armée" in values[rows.header.index("notes")]


def test_rows_carry_the_physical_line_they_start_on_across_quoted_newlines(fixture_file):
    with CsvRows(fixture_file("acled_valid.csv")) as rows:
        lines = [(line, values[0]) for line, values in rows]
    # IRQ90001's notes hold a newline, so IRQ90002 starts on line 4, not 3.
    assert lines == [(2, "IRQ90001"), (4, "IRQ90002"), (5, "SYR80001"), (6, "MLI70001"), (7, "UKR60001")]
