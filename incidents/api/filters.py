"""Query-string filters of the API's lists (django-filter)."""

import django_filters as filters
from django.db import connection
from django.db.models import Q
from rest_framework.exceptions import ValidationError

from incidents import geo
from incidents.models import Actor, Incident, IncidentActor, Location, Source
from incidents.taxonomy import ActorType, EventType, SubEventType


def search_vector():
    """What `?q=` searches on PostgreSQL; migration 0004's GIN index is on exactly this expression."""
    from django.contrib.postgres.search import SearchVector

    return SearchVector("notes", "location_name", "admin1", config="english")


def _bad(field: str, message: str):
    return ValidationError({field: [message]})


class IncidentFilter(filters.FilterSet):
    event_date_from = filters.DateFilter(field_name="event_date", lookup_expr="gte", label="Event date from")
    event_date_to = filters.DateFilter(field_name="event_date", lookup_expr="lte", label="Event date to")
    country = filters.CharFilter(method="filter_country", label="Country: ISO alpha-2, alpha-3 or name")
    admin1 = filters.CharFilter(field_name="admin1", lookup_expr="iexact")
    event_type = filters.MultipleChoiceFilter(choices=EventType.choices)
    sub_event_type = filters.MultipleChoiceFilter(choices=SubEventType.choices)
    actor = filters.CharFilter(method="filter_actor", label="Actor id or name (or alias), in any role")
    fatalities_min = filters.NumberFilter(field_name="fatalities", lookup_expr="gte", min_value=0)
    fatalities_max = filters.NumberFilter(field_name="fatalities", lookup_expr="lte", min_value=0)
    bbox = filters.CharFilter(method="filter_bbox", label="min_lon,min_lat,max_lon,max_lat (WGS84)")
    status = filters.MultipleChoiceFilter(
        choices=Incident.Status.choices, label="Status (analysts and editors; API clients see published)"
    )
    updated_since = filters.IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        label="Changed at or after (ISO 8601): switches to sync order and includes tombstones",
    )
    q = filters.CharFilter(method="filter_text", label="Text search in notes and place names")

    class Meta:
        model = Incident
        fields: list[str] = []

    def filter_country(self, queryset, name, value):
        code = geo.country_code(value)
        if code is None:
            raise _bad(name, f"“{value}” is not a country code or name.")
        return queryset.filter(country_iso=code)

    def filter_actor(self, queryset, name, value):
        value = value.strip()
        actors = Actor.objects.filter(pk=int(value)) if value.isdigit() else Actor.objects.named(value)
        # Resolve the name first: nested in the incident query (alias join + DISTINCT), it made
        # PostgreSQL misjudge the plan, 2 s a page at a million incidents.
        actor_ids = list(actors.values_list("pk", flat=True))
        # A subquery, not a join: an incident with the actor in two roles is still one row.
        links = IncidentActor.objects.filter(actor_id__in=actor_ids).values("incident_id")
        return queryset.filter(pk__in=links)

    def filter_bbox(self, queryset, name, value):
        try:
            min_lon, min_lat, max_lon, max_lat = (float(part) for part in value.split(","))
        except ValueError as exc:
            raise _bad(name, "Give four numbers: min_lon,min_lat,max_lon,max_lat.") from exc
        if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
            raise _bad(name, "Longitudes in -180..180, latitudes in -90..90, minimums first.")
        return queryset.filter(
            latitude__gte=min_lat, latitude__lte=max_lat, longitude__gte=min_lon, longitude__lte=max_lon
        )

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery

            query = SearchQuery(value, search_type="websearch", config="english")
            # alias, not annotate: the vector is for WHERE (and its GIN index), not for the output.
            return queryset.alias(search=search_vector()).filter(search=query)
        return queryset.filter(
            Q(notes__icontains=value) | Q(location_name__icontains=value) | Q(admin1__icontains=value)
        )


class ActorFilter(filters.FilterSet):
    q = filters.CharFilter(method="filter_name", label="Name or alias, ignoring case and accents")
    actor_type = filters.TypedChoiceFilter(choices=ActorType.choices, coerce=int)
    country = filters.CharFilter(method="filter_country", label="Country: ISO alpha-2, alpha-3 or name")

    class Meta:
        model = Actor
        fields: list[str] = []

    def filter_name(self, queryset, name, value):
        from incidents.models import name_key

        key = name_key(value)
        if not key:
            return queryset
        return queryset.filter(Q(name_key__contains=key) | Q(aliases__name_key__contains=key)).distinct()

    def filter_country(self, queryset, name, value):
        code = geo.country_code(value)
        if code is None:
            raise _bad(name, f"“{value}” is not a country code or name.")
        return queryset.filter(country_iso=code)


class LocationFilter(filters.FilterSet):
    q = filters.CharFilter(method="filter_name", label="Place name (prefix), ignoring case and accents")
    country = filters.CharFilter(method="filter_country", label="Country: ISO alpha-2, alpha-3 or name")
    kind = filters.ChoiceFilter(choices=Location.Kind.choices)
    admin1 = filters.CharFilter(field_name="admin1", lookup_expr="iexact")

    class Meta:
        model = Location
        fields: list[str] = []

    def filter_name(self, queryset, name, value):
        from incidents.models import name_key

        key = name_key(value)
        return queryset.filter(name_key__startswith=key) if key else queryset

    filter_country = ActorFilter.filter_country


class SourceFilter(filters.FilterSet):
    q = filters.CharFilter(field_name="name", lookup_expr="icontains")

    class Meta:
        model = Source
        fields = ["source_scale"]
