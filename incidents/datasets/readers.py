"""Reading dataset files: the encoding, the header, and one row at a time with its physical line.

Files are streamed, never read whole, so a million-row file costs what one batch costs.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from pathlib import Path

import charset_normalizer

SAMPLE_BYTES = 256 * 1024


def detect_encoding(path: Path | str) -> str:
    """UTF-8 (with or without a BOM) when every byte decodes as UTF-8, else charset-normalizer's guess.

    Spreadsheets saved on Windows write cp1252; a file that is neither decodes as latin-1, which
    never fails, rather than being refused for one odd byte in a notes column.
    """
    with open(path, "rb") as f:
        head = f.read(len(codecs.BOM_UTF8))
        if head == codecs.BOM_UTF8:
            return "utf-8-sig"
        f.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            # One streaming pass: a single bad byte in row 900,000 must not garble the whole import.
            while chunk := f.read(1024 * 1024):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
            return "utf-8"
        except UnicodeDecodeError:
            pass
        f.seek(0)
        sample = f.read(SAMPLE_BYTES)
    best = charset_normalizer.from_bytes(sample, cp_isolation=["cp1252", "latin_1", "utf_8"]).best()
    guess = best.encoding if best else "cp1252"
    return "latin-1" if guess in ("utf_8", "utf-8", "ascii") else guess


def normalise_header(name: str) -> str:
    """`EVENT_ID_CNTY`, ` event_id_cnty ` and `Event Id Cnty` are all `event_id_cnty`."""
    return "_".join((name or "").replace("\ufeff", "").strip().lower().split())


# A notes field may be long, but a quote left open swallows the rest of the file into one field:
# stop at 16 MB rather than hold a whole file in memory.
FIELD_LIMIT = 16 * 1024 * 1024


class BadRecord(list):
    """A record the CSV reader could not read; `reason` says why."""

    def __init__(self, reason: str):
        super().__init__()
        self.reason = reason


class CsvRows:
    """The header and the rows of a CSV file, each row with the physical line it starts on.

    Line numbers count the header as line 1 and account for quoted newlines inside a field,
    so a reported line is the one an editor finds in a text editor.
    """

    def __init__(self, path: Path | str, encoding: str | None = None):
        self.path = Path(path)
        self.encoding = encoding or detect_encoding(self.path)
        # cp1252 leaves five bytes undefined; replace them rather than refuse the file.
        self._file = open(self.path, encoding=self.encoding, errors="replace", newline="")  # noqa: SIM115
        sample = self._file.read(64 * 1024)
        self._file.seek(0)
        try:
            dialect = csv.Sniffer().sniff(sample.split("\n", 1)[0], delimiters=",;\t")
            delimiter = dialect.delimiter
        except csv.Error:
            delimiter = ","
        csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))
        self._reader = csv.reader(self._file, delimiter=delimiter)
        try:
            self.header = [normalise_header(h) for h in next(self._reader)]
        except StopIteration:
            self.header = []

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        reader = self._reader
        previous = reader.line_num
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as error:  # e.g. a runaway quote past FIELD_LIMIT: report it, read on
                values = BadRecord(str(error))
            line = previous + 1
            previous = reader.line_num
            if not values and not isinstance(values, BadRecord):
                continue  # a blank line
            if len(values) == 1 and not values[0].strip():
                continue
            yield line, values

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> CsvRows:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def count_lines(path: Path | str) -> int:
    """Physical lines in the file: an upper bound of its rows, for a progress bar."""
    lines = 0
    with open(path, "rb") as f:
        while chunk := f.read(1024 * 1024):
            lines += chunk.count(b"\n")
    return lines
