"""The import's bulk-load mode (PostgreSQL): drop the written tables' indexes and foreign keys, load, rebuild.

PostgreSQL's own advice for populating a database: building an index over the loaded rows once is
cheaper than updating it for every row, and checking a foreign key over the whole table once is
cheaper than one trigger per row; raise maintenance_work_mem for the rebuild. The definitions are
read from the catalog (pg_get_indexdef, pg_get_constraintdef) inside the import's transaction, so
what is rebuilt is exactly what was there, and an error anywhere rolls the drops back with the rows
(DDL is transactional in PostgreSQL). The tables stay locked ACCESS EXCLUSIVE until the commit:
readers of incidents wait for the whole import.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, models, transaction

# Kept while loading: primary keys (other tables' foreign keys reference them) and the unique index
# the import reads to tell a new id from one it already holds (its idempotency lookup, and the rule
# that stops a repeated id).
KEPT_INDEXES = frozenset({"incident_unique_dataset_id"})
MAINTENANCE_WORK_MEM = "512MB"

# Foreign keys and unique constraints of the tables, except those that back another table's
# foreign key (dropping them would fail, or cascade to that table).
CONSTRAINTS_SQL = """
SELECT c.relname, con.conname, con.contype, pg_get_constraintdef(con.oid)
FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
WHERE con.conrelid = ANY(%s::regclass[]) AND con.contype IN ('f', 'u') AND NOT con.conname = ANY(%s)
  AND (con.contype = 'f' OR NOT EXISTS (
    SELECT 1 FROM pg_constraint ref WHERE ref.contype = 'f' AND ref.conindid = con.conindid
  ))
ORDER BY c.relname, con.conname
"""
# Indexes of their own (not a primary key's or a unique constraint's, which go with the constraint).
INDEXES_SQL = """
SELECT c.relname, i.relname, pg_get_indexdef(x.indexrelid)
FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
WHERE x.indrelid = ANY(%s::regclass[]) AND NOT x.indisprimary AND NOT i.relname = ANY(%s)
  AND NOT EXISTS (
    SELECT 1 FROM pg_constraint con WHERE con.conindid = x.indexrelid AND con.conrelid = x.indrelid
  )
ORDER BY c.relname, i.relname
"""


class BulkLoadUnavailable(Exception):
    """The bulk-load mode was asked of a database other than PostgreSQL."""


@dataclass(frozen=True)
class Definition:
    table: str
    name: str
    kind: str  # "index", "unique" or "foreign key"
    sql: str  # CREATE INDEX ... (pg_get_indexdef), or UNIQUE (...) / FOREIGN KEY ... (pg_get_constraintdef)


def secondary_definitions(tables: Sequence[str]) -> list[Definition]:
    """The indexes, unique constraints and foreign keys of `tables` that the bulk load drops."""
    kept = list(KEPT_INDEXES)
    with connection.cursor() as cursor:
        cursor.execute(INDEXES_SQL, [list(tables), kept])
        found = [Definition(table, name, "index", sql) for table, name, sql in cursor.fetchall()]
        cursor.execute(CONSTRAINTS_SQL, [list(tables), kept])
        for table, name, contype, sql in cursor.fetchall():
            found.append(Definition(table, name, "unique" if contype == "u" else "foreign key", sql))
    return found


def _drop(cursor, definition: Definition) -> None:
    quote = connection.ops.quote_name
    if definition.kind == "index":
        cursor.execute(f"DROP INDEX {quote(definition.name)}")
    else:
        cursor.execute(f"ALTER TABLE {quote(definition.table)} DROP CONSTRAINT {quote(definition.name)}")


def _recreate(cursor, definitions: list[Definition]) -> None:
    quote = connection.ops.quote_name
    for d in definitions:
        if d.kind == "index":
            cursor.execute(d.sql)
        elif d.kind == "unique":
            cursor.execute(f"ALTER TABLE {quote(d.table)} ADD CONSTRAINT {quote(d.name)} {d.sql}")
    # NOT VALID adds the key without reading the table; VALIDATE then checks every row in one pass
    # (an anti-join), instead of a trigger per row.
    foreign_keys = [d for d in definitions if d.kind == "foreign key"]
    for d in foreign_keys:
        cursor.execute(f"ALTER TABLE {quote(d.table)} ADD CONSTRAINT {quote(d.name)} {d.sql} NOT VALID")
    for d in foreign_keys:
        cursor.execute(f"ALTER TABLE {quote(d.table)} VALIDATE CONSTRAINT {quote(d.name)}")


@contextmanager
def secondary_indexes_dropped(model_classes: Sequence[type[models.Model]]) -> Iterator[list[Definition]]:
    """One transaction: lock the tables, drop their secondary indexes and foreign keys, run the
    body, rebuild them from the recorded definitions and refresh the tables' statistics."""
    if connection.vendor != "postgresql":
        raise BulkLoadUnavailable("The bulk load needs PostgreSQL (it drops and rebuilds indexes).")
    quote = connection.ops.quote_name
    tables = [model._meta.db_table for model in model_classes]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL maintenance_work_mem = '{MAINTENANCE_WORK_MEM}'")
        # Checks deferred earlier in this transaction (if the caller opened one) must run before
        # the ALTER TABLEs: PostgreSQL refuses to alter a table with pending trigger events.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        # Locked first, so that the definitions read next cannot change before they are dropped.
        cursor.execute(f"LOCK TABLE {', '.join(quote(t) for t in tables)} IN ACCESS EXCLUSIVE MODE")
        definitions = secondary_definitions(tables)
        for definition in definitions:
            _drop(cursor, definition)
        yield definitions
        _recreate(cursor, definitions)
        cursor.execute(f"ANALYZE {', '.join(quote(t) for t in tables)}")
