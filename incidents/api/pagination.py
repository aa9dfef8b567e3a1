"""Keyset ("cursor") pagination over a unique ordering, so page 10,000 costs what page 1 costs.

The cursor is the ordering key of the last row served, (value, id), base64-encoded; the next page is
the rows strictly after it. DRF's CursorPagination keys on the first ordering field alone and walks
an offset through ties, which degrades with ~300 incidents a day on one event_date; this does not.
"""

import base64
import datetime as dt
import json

from django.db.models import Q
from rest_framework import exceptions
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

DEFAULT_ORDERING = ("-event_date", "-id")
SYNC_ORDERING = ("updated_at", "id")


class KeysetPagination(BasePagination):
    page_size = 100
    max_page_size = 5000
    cursor_query_param = "cursor"
    page_size_query_param = "page_size"

    def get_page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw in (None, ""):
            return self.page_size
        try:
            size = int(raw)
        except ValueError as exc:
            raise exceptions.ValidationError({"page_size": ["Give a whole number."]}) from exc
        if not 1 <= size <= self.max_page_size:
            raise exceptions.ValidationError({"page_size": [f"Give 1 to {self.max_page_size}."]})
        return size

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.ordering = view.get_ordering() if view is not None else DEFAULT_ORDERING
        size = self.get_page_size(request)
        queryset = queryset.order_by(*self.ordering)
        if cursor := request.query_params.get(self.cursor_query_param):
            queryset = queryset.filter(self._after(self._decode(cursor)))
        # A view may read the page its own way (the incident list reads plain rows, not models).
        fetch = getattr(view, "fetch_page", list)
        rows = fetch(queryset[: size + 1])
        self.has_next = len(rows) > size
        rows = rows[:size]
        self.last = rows[-1] if rows else None
        return rows

    def _after(self, position) -> Q:
        (first, _id) = self.ordering
        field = first.lstrip("-")
        op = "lt" if first.startswith("-") else "gt"
        value, pk = position
        # The redundant `field <= value` (or >=) bounds an index range scan; the OR then drops the ties
        # already served. PostgreSQL uses the (status, event_date) / (status, updated_at, id) indexes.
        return Q(**{f"{field}__{op}e": value}) & (Q(**{f"{field}__{op}": value}) | Q(**{f"id__{op}": pk}))

    def _decode(self, cursor: str):
        field = self.ordering[0].lstrip("-")
        try:
            raw = json.loads(base64.urlsafe_b64decode(cursor.encode("ascii") + b"==="))
            key, value, pk = raw["k"], raw["v"], int(raw["i"])
            if key != field:
                raise ValueError("cursor from another ordering")
            value = (
                dt.date.fromisoformat(value) if field == "event_date" else dt.datetime.fromisoformat(value)
            )
        except (ValueError, TypeError, KeyError, UnicodeError, json.JSONDecodeError) as exc:
            raise exceptions.ValidationError(
                {self.cursor_query_param: ["Invalid cursor: use the `next` link of a page."]}
            ) from exc
        return value, pk

    def _encode(self, row) -> str:
        field = self.ordering[0].lstrip("-")
        payload = {"k": field, "v": getattr(row, field).isoformat(), "i": row.pk}
        return (
            base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode()).decode().rstrip("=")
        )

    def get_next_link(self):
        if not self.has_next or self.last is None:
            return None
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.cursor_query_param, self._encode(self.last))

    def get_paginated_response(self, data):
        return Response({"next": self.get_next_link(), "results": data})

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["next", "results"],
            "properties": {
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "Where the page starts: copy it from the `next` link of the previous page.",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Rows per page, 1 to {self.max_page_size} (default {self.page_size}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]
