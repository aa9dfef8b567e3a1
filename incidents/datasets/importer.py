"""Importing a whole ACLED or UCDP GED file: streamed, in batches, idempotent by the dataset's id.

Per batch of rows: parse and validate each row (bad ones are rejected with their line and reason);
resolve actor, outlet and place names to ids through caches that last the whole import; look up
which of the batch's ids we already hold; insert the new incidents (COPY on PostgreSQL, with ids
reserved from the sequence) with their history rows, actor and source links; update the changed
ones through django-simple-history; leave the unchanged alone, so importing the same file twice
writes nothing. Reading and parsing run on a thread of their own, a batch or two ahead of the
writes, so that Python parses while PostgreSQL writes.
"""

from __future__ import annotations

import gc
import logging
import queue
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from operator import itemgetter
from pathlib import Path

from django.db import DataError, IntegrityError, connection, transaction
from django.db.models import QuerySet
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from incidents import geo
from incidents.datasets import bulkload
from incidents.datasets.acled_import import AcledRows
from incidents.datasets.readers import BadRecord, CsvRows
from incidents.datasets.rows import FormatError, ParsedRow, RowError
from incidents.datasets.tables import TableWriter
from incidents.datasets.ucdp import UcdpRows
from incidents.models import (
    Actor,
    ActorAlias,
    Incident,
    IncidentActor,
    IncidentSource,
    Location,
    Source,
    name_key,
)
from incidents.taxonomy import ActorType, SourceScale

log = logging.getLogger(__name__)

FORMATS = {"acled": AcledRows, "ucdp": UcdpRows}
BATCH_SIZE = 5000
MAX_ERRORS = 1000  # kept in the report; every rejection is still counted
# A collection walks the young objects still alive, mostly the parsed batches waiting in the queue;
# every tenth batch instead of every batch walks them a tenth as often (cycles are rare here).
GC_EVERY_BATCHES = 10

CREATED_REASON = "imported"
UPDATED_REASON = "updated by import"

BulkLoadUnavailable = bulkload.BulkLoadUnavailable
# The tables an import writes: what the bulk-load mode locks and strips of indexes while it loads.
WRITTEN_MODELS = (Incident, Incident.history.model, IncidentActor, IncidentSource)

__all__ = ["FORMATS", "BulkLoadUnavailable", "FormatError", "ImportReport", "import_file"]

# Names repeat on every row; normalising each one again costs more than the rest of the row.
key_of = lru_cache(maxsize=100_000)(name_key)


# One index probe per id (a nested loop over the batch's ids), whatever PostgreSQL believes of the
# table: during a big import its statistics lag far behind the rows, and planned from them one
# `external_id = ANY(5,000 ids)` read the whole dataset for every batch (0.6 s at a million rows).
# `NOT (external_id = '')` is the partial unique index's own condition, so that index qualifies;
# LIMIT 1 (the pair is unique anyway) keeps PostgreSQL from turning the probes into a hash join.
EXISTING_IDS_SQL = """
SELECT wanted.external_id, incident.id
FROM unnest(%s::text[]) AS wanted(external_id)
CROSS JOIN LATERAL (
    SELECT id FROM incidents_incident
    WHERE dataset = %s AND external_id = wanted.external_id AND NOT (external_id = '')
    LIMIT 1
) AS incident
"""


def existing_ids(dataset: str, external_ids: list[str]) -> dict[str, int]:
    """{external id: incident id} for those of `external_ids` the dataset already has."""
    if connection.vendor != "postgresql":
        return dict(with_external_ids(dataset, external_ids).values_list("external_id", "id"))
    with connection.cursor() as cursor:
        cursor.execute(EXISTING_IDS_SQL, [external_ids, dataset])
        return dict(cursor.fetchall())


def with_external_ids(dataset: str, external_ids: list[str]) -> QuerySet:
    """The dataset's incidents with these ids (the lookup off PostgreSQL; there, `existing_ids`).

    It states the condition of the partial unique index (external_id <> ''), so that the index
    qualifies; unordered, as the model's default order would sort every lookup for nothing.
    """
    incidents = Incident.objects.filter(dataset=dataset).exclude(external_id="").order_by()
    return where_in(incidents, "external_id", external_ids)


def where_in(queryset: QuerySet, column: str, values: list) -> QuerySet:
    """`queryset` filtered to `column` in `values`.

    On PostgreSQL as `= ANY(%s)` with one array parameter: psycopg spends ~100 ms splitting a
    query with 5,000 `%s` placeholders, which is what `__in` writes.
    """
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(queryset.model._meta.db_table)
        return queryset.extra(
            where=[f"{table}.{connection.ops.quote_name(column)} = ANY(%s)"], params=[values]
        )
    return queryset.filter(**{f"{column}__in": values})


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    errors: list[dict] = field(default_factory=list)  # [{"line": 12, "id": "IRQ1", "reason": "..."}]
    encoding: str = ""
    dry_run: bool = False

    @property
    def rows_done(self) -> int:
        return self.created + self.updated + self.unchanged + self.rejected

    def reject(self, line: int, reason: str, external_id: str = "") -> None:
        self.rejected += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append({"line": line, "id": external_id, "reason": reason})


# ---------------------------------------------------------------------------------------------
# Names to ids
# ---------------------------------------------------------------------------------------------


def guess_actor_type(name: str, inter: int | None) -> int:
    """The inter code of an actor we create: the file's, else what ACLED's naming tells."""
    if inter:
        return inter
    lowered = name.casefold()
    if lowered.startswith(("military forces of", "police forces of", "government of")):
        return ActorType.STATE_FORCES
    for prefix, code in (
        ("civilians", ActorType.CIVILIANS),
        ("protesters", ActorType.PROTESTERS),
        ("rioters", ActorType.RIOTERS),
    ):
        if lowered.startswith(prefix):
            return code
    return ActorType.POLITICAL_MILITIA  # ACLED's catch-all for an armed group it cannot place


class Resolver:
    """Actor, outlet and place ids by name, cached for the whole import (they repeat across rows)."""

    def __init__(self, user):
        self.user = user
        self.actors: dict[str, int] = {}  # name_key -> actor id
        self.sources: dict[str, int] = {}  # name -> source id
        self.locations: dict[tuple[str, str], int | None] = {}  # (country, name_key) -> location id
        self._created_actors: list[str] = []
        self._created_sources: list[str] = []

    def forget_created(self) -> None:
        """After a rolled-back batch (a dry run), the names created in it no longer exist."""
        for key in self._created_actors:
            self.actors.pop(key, None)
        for name in self._created_sources:
            self.sources.pop(name, None)
        self._created_actors, self._created_sources = [], []

    def resolve(self, rows: list[ParsedRow]) -> None:
        self._resolve_actors(rows)
        self._resolve_sources(rows)
        self._resolve_locations(rows)

    def _resolve_actors(self, rows: list[ParsedRow]) -> None:
        wanted: dict[str, tuple[str, int | None, str]] = {}
        for row in rows:
            side_inter = {}
            for role, name, inter in row.actors:
                key = key_of(name)
                if key in self.actors:
                    continue
                side = role[-1]  # actor1/assoc_actor_1 -> "1"
                if inter:
                    side_inter[side] = inter
                known = wanted.get(key)
                if known is None or (known[1] is None and inter):
                    wanted[key] = (name, inter or side_inter.get(side), row.fields["country_iso"])
        if not wanted:
            return
        keys = list(wanted)
        for key, actor_id in where_in(Actor.objects.order_by(), "name_key", keys).values_list(
            "name_key", "id"
        ):
            self.actors[key] = actor_id
        missing = [k for k in keys if k not in self.actors]
        if missing:
            # An alias may name two actors ("police"): take the oldest, deterministically.
            aliases = where_in(ActorAlias.objects, "name_key", missing).order_by("-actor_id")
            for key, actor_id in aliases.values_list("name_key", "actor_id"):
                self.actors[key] = actor_id
        new = []
        for key in keys:
            if key in self.actors:
                continue
            name, inter, country = wanted[key]
            country_name = geo.country_name(country) or "\0"
            new.append(
                Actor(
                    name=name,
                    name_key=key,
                    actor_type=guess_actor_type(name, inter),
                    country_iso=country if country_name in name else "",
                )
            )
        if new:
            created = bulk_create_with_history(
                new, Actor, default_user=self.user, default_change_reason=CREATED_REASON
            )
            if any(actor.pk is None for actor in created):  # a backend that returns no ids
                created = Actor.objects.filter(name_key__in=[a.name_key for a in new])
            for actor in created:
                self.actors[actor.name_key] = actor.pk
                self._created_actors.append(actor.name_key)

    def _resolve_sources(self, rows: list[ParsedRow]) -> None:
        wanted: dict[str, str] = {}
        for row in rows:
            for name, _excerpt in row.sources:
                if name not in self.sources and name not in wanted:
                    # ACLED's scale is per event; it describes the outlet only when there is one.
                    single = len(row.sources) == 1 and row.source_scale in SourceScale.values
                    wanted[name] = row.source_scale if single else ""
        if not wanted:
            return
        for name, source_id in where_in(Source.objects.order_by(), "name", list(wanted)).values_list(
            "name", "id"
        ):
            self.sources[name] = source_id
        new = [Source(name=n, source_scale=scale) for n, scale in wanted.items() if n not in self.sources]
        if new:
            created = Source.objects.bulk_create(new)
            if any(source.pk is None for source in created):
                created = Source.objects.filter(name__in=[s.name for s in new])
            for source in created:
                self.sources[source.name] = source.pk
                self._created_sources.append(source.name)

    def _resolve_locations(self, rows: list[ParsedRow]) -> None:
        wanted = set()
        for row in rows:
            name = row.fields.get("location_name")
            if name:
                key = (row.fields["country_iso"], key_of(name))
                if key not in self.locations:
                    wanted.add(key)
        if not wanted:
            return
        found: dict[tuple[str, str], tuple[int, int]] = {}
        places = where_in(
            Location.objects.filter(country_iso__in={c for c, _ in wanted}),
            "name_key",
            list({n for _, n in wanted}),
        ).values_list("country_iso", "name_key", "id", "population")
        for country, key, location_id, population in places:
            # Several places share a name ("Hay al-Askari"): the most populous is the likeliest.
            if (country, key) in wanted and (population or 0) >= found.get((country, key), (0, -1))[1]:
                found[(country, key)] = (location_id, population or 0)
        for key in wanted:
            self.locations[key] = found[key][0] if key in found else None

    def location_id(self, row: ParsedRow) -> int | None:
        name = row.fields.get("location_name")
        return self.locations.get((row.fields["country_iso"], key_of(name))) if name else None


# ---------------------------------------------------------------------------------------------
# Writing a batch
# ---------------------------------------------------------------------------------------------

INCIDENT_FIELDS = [f for f in Incident._meta.concrete_fields if not f.primary_key]
HISTORY_EXTRA = ("history_date", "history_change_reason", "history_type", "history_user_id")


class BatchWriter:
    """Creates, updates or leaves alone the incidents of one batch; returns what it did."""

    def __init__(self, dataset: str, *, status: str, user, resolver: Resolver):
        self.dataset = dataset
        self.status = status
        self.user = user
        self.user_id = user.pk if user is not None else None
        self.resolver = resolver
        self.attnames = [f.attname for f in INCIDENT_FIELDS]
        # On PostgreSQL new incidents get ids reserved from the sequence before they are written,
        # instead of being read back after (one query per batch, either way; this one is cheap).
        self.reserve_ids = connection.vendor == "postgresql"
        self.table_locked = False  # set by the bulk load, which holds the incidents table exclusively
        self.defaults = {f.attname: f.get_default() for f in INCIDENT_FIELDS}
        history_model = Incident.history.model
        history_names = {f.attname for f in history_model._meta.concrete_fields}
        self.history_attnames = [n for n in ["id", *self.attnames] if n in history_names] + list(
            HISTORY_EXTRA
        )
        # itemgetter builds each row's tuple in C: these run once per row and table.
        incident_attnames = ["id", *self.attnames] if self.reserve_ids else self.attnames
        self._incident_values = itemgetter(*incident_attnames)
        self._history_values = itemgetter(*self.history_attnames[: -len(HISTORY_EXTRA)])
        self.incidents = TableWriter(Incident, incident_attnames)
        self.history = TableWriter(history_model, self.history_attnames)
        self.actor_links = TableWriter(IncidentActor, ["incident_id", "actor_id", "role", "mention"])
        self.source_links = TableWriter(
            IncidentSource, ["incident_id", "report_id", "source_id", "url", "excerpt", "evidence"]
        )

    def _links(self, row: ParsedRow) -> tuple[list[tuple[str, int]], list[tuple[int, str]]]:
        actors = list(
            dict.fromkeys((role, self.resolver.actors[key_of(name)]) for role, name, _ in row.actors)
        )
        sources = list(dict.fromkeys((self.resolver.sources[name], excerpt) for name, excerpt in row.sources))
        return actors, sources

    def write(self, rows: list[ParsedRow]) -> tuple[int, int, int]:
        """(created, updated, unchanged) for rows whose ids are unique within the batch."""
        now = timezone.now()
        compared = [*rows[0].fields, "location_id"]
        found = existing_ids(self.dataset, [row.external_id for row in rows])
        existing = {}
        if found:  # the current values of the incidents we hold, by primary key
            current = {
                values[0]: values
                for values in where_in(Incident.objects.order_by(), "id", list(found.values())).values_list(
                    "id", *compared
                )
            }
            existing = {external_id: current[pk] for external_id, pk in found.items()}
        new_rows = [row for row in rows if row.external_id not in existing]
        self._create(new_rows, now)
        old_rows = [row for row in rows if row.external_id in existing]
        updated = self._update(old_rows, existing, compared, now)
        return len(new_rows), updated, len(old_rows) - updated

    def _create(self, rows: list[ParsedRow], now) -> None:
        if not rows:
            return
        base = dict(self.defaults)
        base.update(
            status=self.status,
            origin=Incident.Origin.IMPORTED,
            dataset=self.dataset,
            created_by_id=self.user_id,
            version=1,
            created_at=now,
            updated_at=now,
        )
        if self.status == Incident.Status.PUBLISHED:
            base.update(published_at=now, published_by_id=self.user_id)
        values = []
        for row in rows:
            record = dict(base)
            record.update(row.fields)
            record["external_id"] = row.external_id
            record["location_id"] = self.resolver.location_id(row)
            values.append(record)
        if self.reserve_ids:
            for record, pk in zip(values, self._reserve_ids(len(values)), strict=True):
                record["id"] = pk
            self.incidents.insert([self._incident_values(record) for record in values])
        else:
            self.incidents.insert([self._incident_values(record) for record in values])
            ids = dict(
                with_external_ids(self.dataset, [row.external_id for row in rows]).values_list(
                    "external_id", "id"
                )
            )
            for record in values:
                record["id"] = ids[record["external_id"]]
        # History written in bulk, as simple_history would write it for a save() of each row.
        extra = (now, CREATED_REASON, "+", self.user_id)
        self.history.insert([self._history_values(record) + extra for record in values])
        actor_links, source_links = [], []
        for row, record in zip(rows, values, strict=True):
            incident_id = record["id"]
            actors, sources = self._links(row)
            actor_links.extend((incident_id, actor_id, role, "") for role, actor_id in actors)
            source_links.extend(
                (incident_id, None, source_id, "", excerpt, []) for source_id, excerpt in sources
            )
        self.actor_links.insert(actor_links)
        self.source_links.insert(source_links)

    def _reserve_ids(self, count: int) -> list[int]:
        """`count` new incident ids from the table's sequence, in one query."""
        with connection.cursor() as cursor:
            if self.table_locked:
                # No other session can insert into the locked table, so nothing takes an id between
                # our nextval and setval: the range in one step instead of `count` nextval calls.
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, 'id'),"
                    " nextval(pg_get_serial_sequence(%s, 'id')) + %s - 1)",
                    [connection.ops.quote_name(Incident._meta.db_table)] * 2 + [count],
                )
                (last,) = cursor.fetchone()
                return list(range(last - count + 1, last + 1))
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [connection.ops.quote_name(Incident._meta.db_table), count],
            )
            return [pk for (pk,) in cursor.fetchall()]

    def _update(self, rows: list[ParsedRow], existing: dict[str, tuple], compared: list[str], now) -> int:
        if not rows:
            return 0
        ids = [existing[row.external_id][0] for row in rows]
        actor_links: dict[int, set] = {pk: set() for pk in ids}
        # Unordered (.order_by()): the links' default order would sort every batch for nothing.
        links = where_in(IncidentActor.objects.order_by(), "incident_id", ids)
        for incident_id, role, actor_id in links.values_list("incident_id", "role", "actor_id"):
            actor_links[incident_id].add((role, actor_id))
        source_links: dict[int, set] = {pk: set() for pk in ids}
        for incident_id, source_id, excerpt in where_in(
            IncidentSource.objects.filter(source__isnull=False).order_by(), "incident_id", ids
        ).values_list("incident_id", "source_id", "excerpt"):
            source_links[incident_id].add((source_id, excerpt))

        # Compare plain values first; only the changed incidents are loaded as model instances.
        diffs: dict[int, dict] = {}
        relink_actors, relink_sources = [], []
        for row in rows:
            pk, *current = existing[row.external_id]
            wanted = dict(row.fields, location_id=self.resolver.location_id(row))
            diff = {
                name: wanted[name]
                for name, value in zip(compared, current, strict=True)
                if value != wanted[name]
            }
            actors, sources = self._links(row)
            actors_differ = set(actors) != actor_links[pk]
            sources_differ = set(sources) != source_links[pk]
            if diff or actors_differ or sources_differ:
                diffs[pk] = diff
            if actors_differ:
                relink_actors.append((pk, actors))
            if sources_differ:
                relink_sources.append((pk, sources))
        changed, fields_changed = [], set()
        for incident in where_in(Incident.objects, "id", list(diffs)) if diffs else []:
            for name, value in diffs[incident.pk].items():
                setattr(incident, name, value)
            fields_changed.update(diffs[incident.pk])
            incident.version += 1
            incident.updated_at = now
            changed.append(incident)
        if not changed:
            return 0
        bulk_update_with_history(
            changed,
            Incident,
            [*sorted(fields_changed), "version", "updated_at"],
            batch_size=500,
            default_user=self.user,
            default_change_reason=UPDATED_REASON,
            default_date=now,
        )
        if relink_actors:
            # QuerySet.delete() keeps the actor links' own history (a "-" row each).
            IncidentActor.objects.filter(incident_id__in=[pk for pk, _ in relink_actors]).delete()
            self.actor_links.insert(
                [(pk, actor_id, role, "") for pk, actors in relink_actors for role, actor_id in actors]
            )
        if relink_sources:
            # Only the outlet links an import made: a report an analyst attached stays.
            IncidentSource.objects.filter(
                incident_id__in=[pk for pk, _ in relink_sources], report__isnull=True
            ).delete()
            self.source_links.insert(
                [
                    (pk, None, source_id, "", excerpt, [])
                    for pk, sources in relink_sources
                    for source_id, excerpt in sources
                ]
            )
        return len(changed)


# ---------------------------------------------------------------------------------------------
# The whole file
# ---------------------------------------------------------------------------------------------


def _batches(rows: Iterable, size: int) -> Iterator[list]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


Rejection = tuple[int, str, str]  # (line, reason, external id)


class ParsedBatches:
    """The file's batches, read and parsed on a thread of their own, at most `AHEAD` batches ahead.

    Parsing is Python's work and writing is mostly PostgreSQL's: side by side, the import takes
    about the longer of the two rather than their sum. The parser touches no database. Its
    rejections travel with their batch, so the report only counts rows whose batch was written.
    """

    AHEAD = 2
    DONE = object()

    def __init__(self, csv_rows: CsvRows, mapper, batch_size: int):
        self._queue: queue.Queue = queue.Queue(maxsize=self.AHEAD)
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._produce, args=(csv_rows, mapper, batch_size), name="import-parser", daemon=True
        )

    def _put(self, item) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False  # the writer has stopped (an error): stop reading

    def _produce(self, csv_rows: CsvRows, mapper, batch_size: int) -> None:
        try:
            for batch in _batches(csv_rows, batch_size):
                if not self._put(_parse(mapper, batch)):
                    return
            self._put(self.DONE)
        except BaseException as error:  # handed to the writer's thread, which raises it
            self._put(error)

    def __enter__(self) -> ParsedBatches:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def __iter__(self) -> Iterator[tuple[list[ParsedRow], list[Rejection]]]:
        while (item := self._queue.get()) is not self.DONE:
            if isinstance(item, BaseException):
                raise item
            yield item


def import_file(
    path: Path | str,
    dataset: str,
    *,
    status: str = Incident.Status.PUBLISHED,
    dry_run: bool = False,
    user=None,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[ImportReport], None] | None = None,
    bulk: bool = False,
) -> ImportReport:
    """Import a dataset file; raises FormatError, before writing anything, if it is not that format.

    `bulk` (PostgreSQL only, else BulkLoadUnavailable; meant for a first load): the whole import is
    one transaction that locks the written tables, drops their secondary indexes and foreign keys,
    loads, and rebuilds them (see bulkload). A dry run ignores it: it writes nothing to index.
    """
    if bulk and connection.vendor != "postgresql":
        raise BulkLoadUnavailable("--bulk needs PostgreSQL; this database is " + connection.vendor + ".")
    if dataset not in FORMATS:
        raise FormatError(f"Unknown format “{dataset}”: use one of {', '.join(FORMATS)}.")
    if status not in (Incident.Status.PUBLISHED, Incident.Status.DRAFT):
        raise FormatError(f"Imported incidents are published or draft, not {status}.")
    report = ImportReport(dry_run=dry_run)
    # A batch holds ~100,000 young objects; the cyclic garbage collector would walk them again and
    # again (a third of the run time) to find no cycles. Collect every GC_EVERY_BATCHES instead.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        bulk = bulk and not dry_run
        return _import(path, dataset, status, dry_run, user, batch_size, progress, report, bulk)
    finally:
        if gc_was_enabled:
            gc.enable()


def _import(path, dataset, status, dry_run, user, batch_size, progress, report, bulk) -> ImportReport:
    with CsvRows(path) as csv_rows:
        report.encoding = csv_rows.encoding
        if not csv_rows.header:
            raise FormatError("The file is empty.")
        mapper = FORMATS[dataset](csv_rows.header)
        resolver = Resolver(user)
        writer = BatchWriter(mapper.dataset, status=status, user=user, resolver=resolver)
        # Bulk: one transaction around every batch (each batch then a savepoint), indexes dropped.
        loading = bulkload.secondary_indexes_dropped(WRITTEN_MODELS) if bulk else nullcontext()
        writer.table_locked = bulk
        with loading, ParsedBatches(csv_rows, mapper, batch_size) as batches:
            for number, (parsed, rejections) in enumerate(batches, 1):
                for line, reason, external_id in rejections:
                    report.reject(line, reason, external_id)
                _write(writer, resolver, parsed, report, dry_run=dry_run)
                if progress is not None:
                    progress(report)
                if number % GC_EVERY_BATCHES == 0:
                    gc.collect(1)
    return report


def _parse(mapper, batch: Sequence[tuple[int, list[str]]]) -> tuple[list[ParsedRow], list[Rejection]]:
    parsed: dict[str, ParsedRow] = {}
    rejections: list[Rejection] = []
    for line, values in batch:
        if isinstance(values, BadRecord):
            rejections.append((line, f"unreadable CSV: {values.reason}", ""))
            continue
        try:
            row = mapper.parse(line, values)
        except RowError as error:
            rejections.append((line, str(error), values[0].strip() if values else ""))
            continue
        if row.external_id in parsed:
            first = parsed[row.external_id].line
            rejections.append((line, f"the id {row.external_id} repeats line {first}", row.external_id))
            continue
        parsed[row.external_id] = row
    return list(parsed.values()), rejections


def _write(writer: BatchWriter, resolver: Resolver, rows: list[ParsedRow], report, *, dry_run: bool) -> None:
    if not rows:
        return
    with transaction.atomic():
        resolver.resolve(rows)
        try:
            with transaction.atomic():
                counts = writer.write(rows)
        except (IntegrityError, DataError):
            # A row the database refuses (a rule our checks missed) must not sink its batch:
            # retry the batch row by row and reject the ones it still refuses.
            log.warning("Batch refused by the database; retrying its %d rows one by one", len(rows))
            counts = (0, 0, 0)
            for row in rows:
                try:
                    with transaction.atomic():
                        one = writer.write([row])
                except (IntegrityError, DataError) as error:
                    report.reject(row.line, f"refused by the database: {error}".strip(), row.external_id)
                    continue
                counts = tuple(a + b for a, b in zip(counts, one, strict=True))
        if dry_run:
            transaction.set_rollback(True)
    if dry_run:
        resolver.forget_created()
    created, updated, unchanged = counts
    report.created += created
    report.updated += updated
    report.unchanged += unchanged
