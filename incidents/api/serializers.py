"""What the API reads and writes. Serializers validate and shape data; `workflow` makes the changes.

Incidents are read by the thousand, so `incident_data` builds an incident's dict directly instead
of walking ~40 field objects per row; the list calls it on plain rows, `IncidentSerializer` on model
instances. The serializer's declared fields still describe the output to the OpenAPI schema, and
tests compare the two.
"""

from functools import lru_cache

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from incidents import geo, permissions
from incidents.datasets.regions import acled_region
from incidents.models import (
    Actor,
    Incident,
    IncidentActor,
    Location,
    Report,
    Source,
)
from incidents.taxonomy import SubEventType

# ---------------------------------------------------------------------------------------------
# Reference data
# ---------------------------------------------------------------------------------------------


class ActorSerializer(serializers.ModelSerializer):
    aliases = serializers.SerializerMethodField()

    class Meta:
        model = Actor
        fields = ["id", "name", "actor_type", "country_iso", "parent", "aliases", "description", "updated_at"]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_aliases(self, actor) -> list[str]:
        return actor.alias_names


class LocationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Location
        fields = [
            "id",
            "name",
            "kind",
            "country_iso",
            "admin1",
            "admin2",
            "latitude",
            "longitude",
            "population",
            "geonames_id",
            "alternate_names",
        ]


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["id", "name", "domain", "source_scale"]


# ---------------------------------------------------------------------------------------------
# Incidents: read
# ---------------------------------------------------------------------------------------------


class IncidentActorSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="actor.id")
    name = serializers.CharField(source="actor.name")
    actor_type = serializers.IntegerField(source="actor.actor_type")
    role = serializers.ChoiceField(choices=IncidentActor.Role.choices)
    mention = serializers.CharField()


class IncidentSourceSerializer(serializers.Serializer):
    name = serializers.CharField(allow_null=True, help_text="The outlet")
    source_scale = serializers.CharField()
    url = serializers.CharField()
    report = serializers.IntegerField(
        allow_null=True, required=False, help_text="The report it came from (analysts and editors only)"
    )
    excerpt = serializers.CharField(required=False, help_text="Analysts and editors only")


def _iso(value):
    """ISO 8601 as DRF writes it: UTC datetimes end in "Z", which survives a query string unquoted."""
    if value is None:
        return None
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


class IncidentSerializer(serializers.Serializer):
    """A published incident as API clients see it; analysts and editors also see the review fields."""

    id = serializers.IntegerField()
    public_id = serializers.CharField(allow_null=True, help_text="ACLED-style event_id_cnty")
    status = serializers.ChoiceField(choices=Incident.Status.choices)
    event_date = serializers.DateField()
    date_end = serializers.DateField(allow_null=True)
    time_precision = serializers.IntegerField()
    disorder_type = serializers.CharField()
    event_type = serializers.CharField()
    sub_event_type = serializers.CharField()
    civilian_targeting = serializers.BooleanField()
    country_iso = serializers.CharField()
    country = serializers.CharField()
    region = serializers.CharField()
    admin1 = serializers.CharField()
    admin2 = serializers.CharField()
    admin3 = serializers.CharField()
    location_name = serializers.CharField()
    location = serializers.IntegerField(allow_null=True)
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    geo_precision = serializers.IntegerField()
    fatalities = serializers.IntegerField(allow_null=True)
    fatalities_low = serializers.IntegerField(allow_null=True)
    fatalities_high = serializers.IntegerField(allow_null=True)
    injured = serializers.IntegerField(allow_null=True)
    notes = serializers.CharField()
    tags = serializers.ListField(child=serializers.CharField())
    actors = IncidentActorSerializer(many=True)
    sources = IncidentSourceSerializer(many=True)
    merged_into = serializers.IntegerField(allow_null=True)
    version = serializers.IntegerField(help_text="Send it back with an update: a stale one answers 409")
    published_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField()
    # Review fields: analysts and editors only.
    origin = serializers.CharField(required=False)
    report = serializers.IntegerField(required=False, allow_null=True)
    confidence = serializers.FloatField(required=False, allow_null=True)
    rejection_reason = serializers.CharField(required=False)
    created_at = serializers.DateTimeField(required=False)

    def __init__(self, *args, staff: bool | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if staff is None:
            request = self.context.get("request")
            staff = bool(request and permissions.can_see_drafts(request.user))
        self.staff = staff

    def to_representation(self, incident: Incident) -> dict:
        return incident_data(incident, staff=self.staff)


class TombstoneSerializer(serializers.Serializer):
    """What API clients see of a retracted or merged-away incident: that it is gone, and where to."""

    id = serializers.IntegerField()
    public_id = serializers.CharField(allow_null=True)
    status = serializers.ChoiceField(choices=[Incident.Status.RETRACTED, Incident.Status.MERGED])
    updated_at = serializers.DateTimeField()
    merged_into = serializers.IntegerField(allow_null=True)


def tombstone(incident: Incident) -> dict:
    return {
        "id": incident.pk,
        "public_id": incident.public_id,
        "status": incident.status,
        "updated_at": _iso(incident.updated_at),
        "merged_into": incident.merged_into_id,
    }


def _links(incident, name: str):
    # Straight from the prefetch cache that `related.attach_links` fills: the related manager
    # (`incident.actor_links.all()`) builds a manager object per call, per row.
    cache = getattr(incident, "_prefetched_objects_cache", None)
    if cache is not None and name in cache:
        return cache[name]
    return getattr(incident, name).all()


@lru_cache(maxsize=1024)  # a few hundred country codes at most
def _country(iso2: str) -> tuple[str, str]:
    return geo.country_name(iso2) or iso2, acled_region(iso2)


def incident_data(incident, *, staff: bool) -> dict:
    """An incident as the API writes it (a tombstone for clients if it is no longer published).

    `incident` is a model instance or a `related.IncidentRow` with `LIST_FIELDS`, with its links
    attached by `related.attach_links`: the list builds its page from plain rows, the detail and
    the write actions from model instances, and both answer the same JSON.
    """
    if not staff and incident.status != Incident.Status.PUBLISHED:
        return tombstone(incident)
    sources = []
    for link in _links(incident, "source_links"):
        outlet = link.source or (link.report.source if link.report_id and link.report else None)
        source = {
            "name": outlet.name if outlet else None,
            "source_scale": outlet.source_scale if outlet else "",
            "url": link.url,
        }
        if staff:
            source["report"] = link.report_id
            source["excerpt"] = link.excerpt
        sources.append(source)
    country, region = _country(incident.country_iso)
    data = {
        "id": incident.pk,
        "public_id": incident.public_id,
        "status": incident.status,
        "event_date": incident.event_date.isoformat(),
        "date_end": _iso(incident.date_end),
        "time_precision": incident.time_precision,
        "disorder_type": incident.disorder_type,
        "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type,
        "civilian_targeting": incident.civilian_targeting,
        "country_iso": incident.country_iso,
        "country": country,
        "region": region,
        "admin1": incident.admin1,
        "admin2": incident.admin2,
        "admin3": incident.admin3,
        "location_name": incident.location_name,
        "location": incident.location_id,
        "latitude": incident.latitude,
        "longitude": incident.longitude,
        "geo_precision": incident.geo_precision,
        "fatalities": incident.fatalities,
        "fatalities_low": incident.fatalities_low,
        "fatalities_high": incident.fatalities_high,
        "injured": incident.injured,
        "notes": incident.notes,
        "tags": incident.tags or [],
        "actors": [
            {
                "id": link.actor.pk,
                "name": link.actor.name,
                "actor_type": link.actor.actor_type,
                "role": link.role,
                "mention": link.mention,
            }
            for link in _links(incident, "actor_links")
        ],
        "sources": sources,
        "merged_into": incident.merged_into_id,
        "version": incident.version,
        "published_at": _iso(incident.published_at),
        "updated_at": _iso(incident.updated_at),
    }
    if staff:
        data.update(
            origin=incident.origin,
            report=incident.report_id,
            confidence=incident.confidence,
            rejection_reason=incident.rejection_reason,
            created_at=_iso(incident.created_at),
        )
    return data


# ---------------------------------------------------------------------------------------------
# Incidents: write
# ---------------------------------------------------------------------------------------------


class ActorRoleSerializer(serializers.Serializer):
    actor = serializers.PrimaryKeyRelatedField(queryset=Actor.objects.all())
    role = serializers.ChoiceField(choices=IncidentActor.Role.choices)
    mention = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")


class CountryField(serializers.CharField):
    """ISO alpha-2 or alpha-3 code or an English name; stored as alpha-2."""

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        code = geo.country_code(value)
        if code is None:
            raise serializers.ValidationError(f"“{value}” is not a country code or name.")
        return code


class IncidentWriteSerializer(serializers.Serializer):
    """The fields an analyst sets. event_type and disorder_type follow from sub_event_type."""

    event_date = serializers.DateField()
    date_end = serializers.DateField(required=False, allow_null=True)
    time_precision = serializers.IntegerField(min_value=1, max_value=3, required=False)
    sub_event_type = serializers.ChoiceField(choices=SubEventType.choices)
    civilian_targeting = serializers.BooleanField(required=False)
    country_iso = CountryField(max_length=80)
    admin1 = serializers.CharField(max_length=120, required=False, allow_blank=True)
    admin2 = serializers.CharField(max_length=120, required=False, allow_blank=True)
    admin3 = serializers.CharField(max_length=120, required=False, allow_blank=True)
    location_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    location = serializers.PrimaryKeyRelatedField(
        queryset=Location.objects.all(), required=False, allow_null=True
    )
    latitude = serializers.FloatField(min_value=-90, max_value=90, required=False, allow_null=True)
    longitude = serializers.FloatField(min_value=-180, max_value=180, required=False, allow_null=True)
    geo_precision = serializers.IntegerField(min_value=1, max_value=3, required=False)
    fatalities = serializers.IntegerField(
        min_value=0, max_value=2_000_000_000, required=False, allow_null=True
    )
    fatalities_low = serializers.IntegerField(
        min_value=0, max_value=2_000_000_000, required=False, allow_null=True
    )
    fatalities_high = serializers.IntegerField(
        min_value=0, max_value=2_000_000_000, required=False, allow_null=True
    )
    injured = serializers.IntegerField(min_value=0, max_value=2_000_000_000, required=False, allow_null=True)
    notes = serializers.CharField(required=False, allow_blank=True, max_length=20_000)
    tags = serializers.ListField(child=serializers.CharField(max_length=100), required=False, max_length=50)
    actors = ActorRoleSerializer(many=True, required=False, max_length=50)

    def actor_triples(self):
        if "actors" not in self.validated_data:
            return None
        return [(a["role"], a["actor"], a.get("mention", "")) for a in self.validated_data["actors"]]

    def fields_data(self) -> dict:
        return {k: v for k, v in self.validated_data.items() if k != "actors"}


class IncidentUpdateSerializer(IncidentWriteSerializer):
    version = serializers.IntegerField(
        min_value=1, help_text="The version your edit is based on; a newer stored version answers 409."
    )

    def __init__(self, *args, partial_update: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if partial_update:
            for name, field in self.fields.items():
                if name != "version":
                    field.required = False

    def fields_data(self) -> dict:
        return {k: v for k, v in self.validated_data.items() if k not in ("actors", "version")}


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")


class MergeSerializer(serializers.Serializer):
    into = serializers.PrimaryKeyRelatedField(
        queryset=Incident.objects.all(), help_text="The incident to keep; this one becomes its tombstone."
    )


class HistoryEntrySerializer(serializers.Serializer):
    history_id = serializers.IntegerField()
    history_date = serializers.DateTimeField()
    history_type = serializers.CharField(help_text="+ created, ~ changed, - deleted")
    history_change_reason = serializers.CharField(allow_null=True)
    history_user = serializers.CharField(source="history_user.username", allow_null=True, default=None)
    status = serializers.CharField()
    version = serializers.IntegerField()


# ---------------------------------------------------------------------------------------------
# Reports
# ---------------------------------------------------------------------------------------------


class ReportSerializer(serializers.ModelSerializer):
    source = serializers.StringRelatedField()
    drafts = serializers.SerializerMethodField(help_text="How many incidents were drafted from it")
    status_url = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "id",
            "status",
            "status_url",
            "original_name",
            "content_type",
            "size",
            "sha256",
            "title",
            "url",
            "published_on",
            "source",
            "language",
            "failure_reason",
            "drafts",
            "created_at",
            "updated_at",
            "parsed_at",
        ]

    def get_drafts(self, report) -> int:
        count = getattr(report, "draft_count", None)
        return count if count is not None else report.drafts.count()

    def get_status_url(self, report) -> str:
        from django.urls import reverse

        url = reverse("api-report-detail", args=[report.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class ReportUploadSerializer(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=True)
    title = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")
    url = serializers.URLField(required=False, allow_blank=True, max_length=1000, default="")
    published_on = serializers.DateField(required=False, allow_null=True, default=None)
    source = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
