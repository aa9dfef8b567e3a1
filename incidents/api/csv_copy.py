"""The CSV export (ACLED's columns) written by PostgreSQL itself: one SELECT, streamed by COPY.

`stream_csv_copy` builds one query around the filtered queryset's own SQL (the queryset's columns,
filters and order, as a derived table), computes every ACLED column in SQL with the semantics of
`incidents.datasets.acled.incident_to_acled_row`, and streams
`COPY (SELECT ...) TO STDOUT WITH (FORMAT csv, HEADER true)` through psycopg 3, a chunk of rows at
a time. No Python object is made per row.

It writes the same bytes as the Python path (`renderers.stream_csv` on SQLite), which
`tests/api/test_csv_copy.py` checks. Three things make them agree:
- csv.writer leaves an empty string unquoted (`,,`) while COPY quotes it (`,"",`) to tell it from
  NULL: every text column is NULLIF(..., '') so that both write an empty cell;
- csv.writer writes floats as Python's repr ("33.0"), PostgreSQL as its shortest form ("33"):
  integral coordinates get ".0" appended (both switch to exponents at the same thresholds);
- csv.writer ends rows with "\\r\\n", COPY with "\\n": the stream turns COPY's row ends into
  "\\r\\n", leaving newlines inside quoted cells (notes) as they are.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache

import pycountry
from django.core.exceptions import EmptyResultSet
from django.db import connections, transaction
from django.db.models.constants import LOOKUP_SEP

from incidents import geo
from incidents.datasets.acled import ACLED_COLUMNS, ROW_FIELDS, SEPARATOR, iso_numeric
from incidents.datasets.regions import acled_region
from incidents.models import Actor, Incident, IncidentActor, IncidentSource, Report, Source

# The incident columns the query reads from the queryset (its own SQL, as a derived table).
_COLUMNS = ROW_FIELDS


# The tables the column expressions read (`q.`, `a.`, `s.`, `c.`), all columns of the sorted row `r`.
_SORTED_ROW = re.compile(r"\b[qasc]\.")


@cache
def country_table() -> str:
    """{ISO2: [ACLED name, ISO numeric, ACLED region]} as JSON, for every code the mapping knows."""
    codes = {country.alpha_2 for country in pycountry.countries} | set(geo.ACLED_COUNTRY_NAMES) | {"XK"}
    return json.dumps(
        {code: [geo.country_name(code), iso_numeric(code), acled_region(code)] for code in sorted(codes)},
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _order_by(queryset) -> list[tuple[str, bool]] | None:
    """The queryset's ordering as (column, descending) pairs, or None when it is not plain fields."""
    query = queryset.query
    if query.extra_order_by:
        return None
    ordering = query.order_by or (Incident._meta.ordering if query.default_ordering else ())
    pairs = []
    for item in ordering:
        if not isinstance(item, str) or LOOKUP_SEP in item or item.lstrip("-") in ("", "?"):
            return None
        name = item.lstrip("-")
        try:
            field = Incident._meta.pk if name == "pk" else Incident._meta.get_field(name)
        except Exception:
            return None
        if not getattr(field, "concrete", False) or field.model is not Incident:
            return None
        pairs.append((field.column, item.startswith("-")))
    return pairs


def supports(queryset) -> bool:
    """Whether the export of this queryset can be made by COPY (PostgreSQL, a plain ordering)."""
    return (
        queryset.model is Incident
        and connections[queryset.db].vendor == "postgresql"
        and _order_by(queryset) is not None
    )


def _text(expr: str) -> str:
    # csv.writer writes "" as an empty cell, COPY as a quoted "": make every empty text NULL.
    return f"NULLIF({expr}, '')"


def _float(expr: str) -> str:
    # Python's repr keeps ".0" on integral floats (33.0, -0.0); PostgreSQL writes 33 and -0.
    return f"CASE WHEN {expr} = trunc({expr}) THEN {expr}::text || '.0' ELSE {expr}::text END"


def _dedup_join(array: str, separator: str) -> str:
    """The distinct non-empty strings of an array, in first-seen order, joined (NULL when none)."""
    return (
        f"CASE WHEN cardinality({array}) <= 1 THEN NULLIF({array}[1], '') ELSE"
        f" (SELECT NULLIF(string_agg(d.v, '{separator}' ORDER BY d.o), '') FROM"
        f" (SELECT u.v, min(u.o) AS o FROM unnest({array}) WITH ORDINALITY AS u(v, o)"
        f" WHERE u.v <> '' GROUP BY u.v) AS d) END"
    )


def build_copy_sql(queryset) -> tuple[str, list]:
    """`COPY (SELECT ...) TO STDOUT` of the queryset's incidents in ACLED's columns, and its params."""
    order = _order_by(queryset)
    if order is None:
        raise ValueError("the queryset's ordering is not a list of the incident's own fields")
    fields = list(_COLUMNS)
    by_column = {Incident._meta.get_field(name).column: name for name in fields}
    for column, _desc in order:
        if column not in by_column:
            name = next(f.name for f in Incident._meta.concrete_fields if f.column == column)
            fields.append(name)
            by_column[column] = name
    inner_sql, inner_params = queryset.values_list(*fields).query.sql_with_params()
    ids_sql, ids_params = queryset.order_by().values("pk").query.sql_with_params()
    link, actor = IncidentActor._meta.db_table, Actor._meta.db_table
    source_link, outlet, report = IncidentSource._meta.db_table, Source._meta.db_table, Report._meta.db_table

    # Each column as `incident_to_acled_row` computes it; `q` is the queryset's row, `a` its actors,
    # `s` its sources, `c` its country ([name, iso numeric, region]).
    inter = "CASE WHEN COALESCE(a.inter1, 0) = 0 THEN NULL WHEN COALESCE(a.inter2, 0) = 0 THEN a.inter1 * 10"
    inter += " ELSE least(a.inter1, a.inter2) * 10 + greatest(a.inter1, a.inter2) END"
    select = {
        "event_id_cnty": _text("q.public_id"),
        "event_date": "to_char(q.event_date, 'YYYY-MM-DD')",
        "year": "EXTRACT(YEAR FROM q.event_date)::int",
        "time_precision": "q.time_precision",
        "disorder_type": _text("q.disorder_type"),
        "event_type": _text("q.event_type"),
        "sub_event_type": _text("q.sub_event_type"),
        "actor1": _text("a.actor1"),
        "assoc_actor_1": _text("a.assoc_actor_1"),
        "inter1": "a.inter1",
        "actor2": _text("a.actor2"),
        "assoc_actor_2": _text("a.assoc_actor_2"),
        "inter2": "a.inter2",
        "interaction": inter,
        "civilian_targeting": "CASE WHEN q.civilian_targeting THEN 'Civilian targeting' END",
        "iso": "(c.v ->> 1)::int",
        "region": _text("c.v ->> 2"),
        "country": _text("COALESCE(c.v ->> 0, q.country_iso)"),
        "admin1": _text("q.admin1"),
        "admin2": _text("q.admin2"),
        "admin3": _text("q.admin3"),
        "location": _text("q.location_name"),
        "latitude": _float("q.latitude"),
        "longitude": _float("q.longitude"),
        "geo_precision": "q.geo_precision",
        "source": _dedup_join("s.names", SEPARATOR),
        "source_scale": _dedup_join("s.scales", "-"),
        "notes": _text("q.notes"),
        "fatalities": "q.fatalities",
        "tags": "CASE WHEN jsonb_typeof(q.tags) = 'array' AND q.tags <> '[]'::jsonb THEN"
        f" (SELECT NULLIF(string_agg(t.v, '{SEPARATOR}' ORDER BY t.o), '')"
        " FROM jsonb_array_elements_text(q.tags) WITH ORDINALITY AS t(v, o)) END",
        "timestamp": "trunc(EXTRACT(EPOCH FROM q.updated_at))::bigint",
    }
    assert tuple(select) == ACLED_COLUMNS
    # The rows are sorted before the columns are formatted (the formatted rows are twice as wide,
    # and a million of them are sorted on disk): the expressions read the sorted row `r`.
    columns = ", ".join(f'{_SORTED_ROW.sub("r.", expr)} AS "{name}"' for name, expr in select.items())
    # The derived table's columns are named after the queryset's (Django selects them by column name).
    inner_names = ", ".join(f'"{Incident._meta.get_field(name).column}"' for name in fields)
    order_sql = ", ".join(f'q."{column}"{" DESC" if desc else ""}' for column, desc in order)
    sorted_rows = (
        "SELECT q.*, a.actor1, a.inter1, a.assoc_actor_1, a.actor2, a.inter2, a.assoc_actor_2,"
        " s.names, s.scales, c.v"
        f" FROM ({inner_sql}) AS q ({inner_names})"
        # The country by code, from a constant JSON object: a join would lose the rows' order.
        " LEFT JOIN LATERAL (SELECT %s::jsonb -> upper(q.country_iso) AS v) AS c ON true"
        # Each incident's actors and sources aggregated in bulk (hash joins over the link tables,
        # restricted to the queryset's ids), then one sort of the rows: per-row LATERAL lookups
        # cost twice as much at a million rows. Links are sorted by id in a subquery, and the plain
        # aggregates above it (a serial GroupAggregate) take them in that order, as ACLED's mapping
        # does (actor1 = the first actor1 link); test_csv_copy checks it against the Python path.
        " LEFT JOIN (SELECT x.incident_id,"
        "  (array_agg(x.name) FILTER (WHERE x.role = 'actor1'))[1] AS actor1,"
        "  (array_agg(x.actor_type) FILTER (WHERE x.role = 'actor1'))[1] AS inter1,"
        f"  string_agg(x.name, '{SEPARATOR}') FILTER (WHERE x.role = 'assoc_actor_1') AS assoc_actor_1,"
        "  (array_agg(x.name) FILTER (WHERE x.role = 'actor2'))[1] AS actor2,"
        "  (array_agg(x.actor_type) FILTER (WHERE x.role = 'actor2'))[1] AS inter2,"
        f"  string_agg(x.name, '{SEPARATOR}') FILTER (WHERE x.role = 'assoc_actor_2') AS assoc_actor_2"
        f"  FROM (SELECT l.incident_id, l.role, ac.name, ac.actor_type FROM {link} l"
        f"   JOIN {actor} ac ON ac.id = l.actor_id WHERE l.incident_id IN ({ids_sql})"
        "   ORDER BY l.incident_id, l.id) AS x GROUP BY x.incident_id) AS a ON a.incident_id = q.id"
        # A link's outlet is its own, else its report's; its name is the outlet's, else its URL.
        " LEFT JOIN (SELECT y.incident_id, array_agg(y.name) AS names, array_agg(y.scale) AS scales"
        "  FROM (SELECT sl.incident_id,"
        "   CASE WHEN so.id IS NOT NULL THEN so.name WHEN rs.id IS NOT NULL THEN rs.name ELSE sl.url END"
        "    AS name,"
        "   CASE WHEN so.id IS NOT NULL THEN so.source_scale ELSE rs.source_scale END AS scale"
        f"   FROM {source_link} sl LEFT JOIN {outlet} so ON so.id = sl.source_id"
        f"   LEFT JOIN {report} r ON r.id = sl.report_id LEFT JOIN {outlet} rs ON rs.id = r.source_id"
        f"   WHERE sl.incident_id IN ({ids_sql}) ORDER BY sl.incident_id, sl.id) AS y"
        "  GROUP BY y.incident_id) AS s ON s.incident_id = q.id"
        f" ORDER BY {order_sql}"
    )
    sql = f"SELECT {columns} FROM ({sorted_rows}) AS r ORDER BY {order_sql.replace('q.', 'r.')}"
    return f"COPY ({sql}) TO STDOUT WITH (FORMAT csv, HEADER true)", [
        *inner_params,
        country_table(),
        *ids_params,
        *ids_params,
    ]


class _CRLF:
    """Turns COPY's "\\n" row ends into "\\r\\n", across chunk boundaries, quoted newlines kept.

    A newline is a row end when an even number of quote characters came before it (an escaped quote
    is two). Splitting on '"' puts the text outside quotes at even indexes (odd ones while inside).
    """

    __slots__ = ("inside",)

    def __init__(self):
        self.inside = False

    def __call__(self, data: bytes) -> bytes:
        parts = data.split(b'"')
        start = 1 if self.inside else 0
        parts[start::2] = [part.replace(b"\n", b"\r\n") for part in parts[start::2]]
        if len(parts) % 2 == 0:  # an odd number of quotes: the state flips
            self.inside = not self.inside
        return b'"'.join(parts)


def stream_csv_copy(queryset, chunk_size: int) -> Iterator[bytes]:
    """Yield the CSV of the queryset (header first) as PostgreSQL writes it, `chunk_size` rows a chunk.

    Runs in its own transaction (a savepoint inside one): if the client goes away mid-stream, closing
    the generator cancels the COPY and rolls back, and the connection is left usable.
    """
    try:
        statement, params = build_copy_sql(queryset)
    except EmptyResultSet:  # e.g. `id__in=[]`: Django knows there is no row without asking
        yield (",".join(ACLED_COLUMNS) + "\r\n").encode()
        return
    connection = connections[queryset.db]
    crlf = _CRLF()
    with transaction.atomic(using=queryset.db), connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg cursor under Django's wrapper
        # PostgreSQL's shortest exact float output (the default), which matches Python's repr.
        raw.execute("SET LOCAL extra_float_digits = 1")
        # Room for the hash joins and the sort of the rows (4 MB by default): ~10% faster at 1M rows.
        raw.execute("SET LOCAL work_mem = '64MB'")
        with raw.copy(statement, params) as copy:
            parts: list[bytes] = []
            rows = -1  # PostgreSQL sends a row (the header first) per message
            for data in copy:
                parts.append(bytes(data))
                rows += 1
                if rows and rows % chunk_size == 0:
                    yield crlf(b"".join(parts))
                    parts = []
            if parts:
                yield crlf(b"".join(parts))
