"""Writing incidents out as ACLED or UCDP GED CSV, streamed in chunks, with the incident list's filters."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping

from django.db.models import QuerySet

from incidents import geo
from incidents.datasets.acled import ACLED_COLUMNS, incident_to_acled_row
from incidents.datasets.dates import parse_date
from incidents.datasets.ucdp import UCDP_COLUMNS, incident_to_ucdp_row
from incidents.models import Incident

# The incident list's filter parameters, accepted by the export view under the same names.
FILTER_PARAMS = (
    "country",
    "admin1",
    "event_type",
    "sub_event_type",
    "date_from",
    "date_to",
    "status",
    "min_fatalities",
)
CHUNK = 2000


class FilterError(ValueError):
    pass


def _values(params: Mapping, name: str) -> list[str]:
    raw = params.getlist(name) if hasattr(params, "getlist") else [params.get(name)]
    return [part.strip() for value in raw if value for part in str(value).split(",") if part.strip()]


def filter_incidents(queryset: QuerySet, params: Mapping) -> QuerySet:
    """Apply the incident list's filters; repeated or comma-separated values mean "any of"."""
    if countries := _values(params, "country"):
        codes = [geo.country_code(c) for c in countries]
        if None in codes:
            raise FilterError(f"Unknown country in {', '.join(countries)}.")
        queryset = queryset.filter(country_iso__in=codes)
    for name in ("admin1", "event_type", "sub_event_type"):
        if values := _values(params, name):
            queryset = queryset.filter(**{f"{name}__in": values})
    if statuses := _values(params, "status"):
        if "all" not in statuses:
            unknown = set(statuses) - set(Incident.Status.values)
            if unknown:
                raise FilterError(f"Unknown status {', '.join(sorted(unknown))}.")
            queryset = queryset.filter(status__in=statuses)
    for name, lookup in (("date_from", "event_date__gte"), ("date_to", "event_date__lte")):
        if value := params.get(name):
            day = parse_date(str(value))
            if day is None:
                raise FilterError(f"{name} “{value}” is not a date.")
            queryset = queryset.filter(**{lookup: day})
    if value := params.get("min_fatalities"):
        if not str(value).isdigit():
            raise FilterError(f"min_fatalities “{value}” is not a whole number.")
        queryset = queryset.filter(fatalities__gte=int(value))
    return queryset


def acled_row(incident: Incident) -> dict:
    """ACLED's row, under the id a re-import recognises: the ACLED id an incident came with, if any."""
    row = incident_to_acled_row(incident)
    if incident.dataset == "acled" and incident.external_id:
        row["event_id_cnty"] = incident.external_id
    elif not row["event_id_cnty"]:
        row["event_id_cnty"] = f"CT{incident.pk}"  # a draft: no public id yet
    return row


EXPORTS = {
    "acled": (ACLED_COLUMNS, acled_row),
    "ucdp": (UCDP_COLUMNS, incident_to_ucdp_row),
}


def rows(queryset: QuerySet, dataset: str) -> Iterator[list]:
    """The header, then one list of cells per incident, reading CHUNK incidents at a time."""
    columns, to_row = EXPORTS[dataset]
    yield list(columns)
    incidents = queryset.with_related().order_by("event_date", "id").iterator(chunk_size=CHUNK)
    for incident in incidents:
        row = to_row(incident)
        yield ["" if row[column] is None else row[column] for column in columns]


def write_csv(queryset: QuerySet, dataset: str, out) -> int:
    """Write the export to a text file opened with newline=""; returns the number of incidents."""
    writer = csv.writer(out)
    count = -1
    for count, row in enumerate(rows(queryset, dataset)):  # noqa: B007
        writer.writerow(row)
    return count


class Echo:
    """A file-like object whose write returns the text, for StreamingHttpResponse (Django docs)."""

    def write(self, value: str) -> str:
        return value


def stream_csv(queryset: QuerySet, dataset: str) -> Iterator[str]:
    writer = csv.writer(Echo())
    for row in rows(queryset, dataset):
        yield writer.writerow(row)
