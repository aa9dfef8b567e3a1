"""Bulk inserts of plain tuples: PostgreSQL's COPY when we have it, executemany elsewhere.

Django's bulk_create spends ~50 µs a row turning a 40-field model instance into SQL parameters;
a million-row import cannot afford that twice (incident and history). These write tuples whose
values the caller already holds in database form (dates, numbers, strings).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence

from django.db import connection, models


def _json(value):
    if value is None:
        return None
    if value == []:  # most rows' tags and evidence: skip the encoder
        return "[]"
    return json.dumps(value)


def _converter(field: models.Field) -> Callable | None:
    internal = field.get_internal_type()
    if internal == "JSONField":
        return _json
    if connection.vendor == "postgresql":
        return None  # psycopg adapts dates, datetimes and booleans itself, also inside COPY
    if internal == "DateTimeField":
        return connection.ops.adapt_datetimefield_value
    if internal == "DateField":
        return connection.ops.adapt_datefield_value
    return None


class TableWriter:
    """Writes rows of `attnames` (model attribute names, e.g. "location_id") into a model's table."""

    def __init__(self, model: type[models.Model], attnames: Sequence[str]):
        fields = {f.attname: f for f in model._meta.concrete_fields}
        self.attnames = list(attnames)
        self.table = model._meta.db_table
        self.columns = [fields[name].column for name in self.attnames]
        self.converters = [
            (i, conv)
            for i, name in enumerate(self.attnames)
            if (conv := _converter(fields[name])) is not None
        ]

    def _converted(self, rows: Iterable[Sequence]) -> Iterable[Sequence]:
        if not self.converters:
            yield from rows
            return
        converters = self.converters
        for row in rows:
            row = list(row)
            for i, conv in converters:
                row[i] = conv(row[i])
            yield row

    def insert(self, rows: Sequence[Sequence]) -> None:
        if not rows:
            return
        quote = connection.ops.quote_name
        columns = ", ".join(quote(c) for c in self.columns)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                raw = cursor.cursor  # the psycopg cursor under Django's wrapper
                # Past Django's wrapper, psycopg's errors must be turned into Django's by hand:
                # the importer retries a batch row by row on django.db's IntegrityError/DataError.
                with connection.wrap_database_errors:
                    with raw.copy(f"COPY {quote(self.table)} ({columns}) FROM STDIN") as copy:
                        for row in self._converted(rows):
                            copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                cursor.executemany(
                    f"INSERT INTO {quote(self.table)} ({columns}) VALUES ({marks})",
                    list(self._converted(rows)),
                )
