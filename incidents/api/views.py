"""The /api/v1/ endpoints: parse the request, call `workflow`, answer. Scoping happens in get_queryset."""

import hashlib

from django.conf import settings
from django.db.models import Count, Q
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, parsers, status, viewsets
from rest_framework.decorators import action
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response

from incidents import permissions, workflow
from incidents.api import filters, renderers, serializers
from incidents.api.exceptions import PayloadTooLarge
from incidents.api.pagination import DEFAULT_ORDERING, SYNC_ORDERING, KeysetPagination
from incidents.api.permissions import IncidentAccess, ReferenceDataAccess, ReportAccess
from incidents.api.related import attach_links, rows_with_links
from incidents.models import Actor, Incident, Location, Report, Source

Status = Incident.Status
EXPORT_FORMATS = ("csv", "geojson")


class ApiViewMixin:
    """Errors always in JSON; ETag (and Last-Modified on details) with 304 on JSON reads."""

    def finalize_response(self, request, response, *args, **kwargs):
        accepted = getattr(request, "accepted_renderer", None)
        if isinstance(response, Response) and response.status_code >= 400 and accepted is not None:
            if accepted.format in EXPORT_FORMATS:
                request.accepted_renderer, request.accepted_media_type = JSONRenderer(), "application/json"
        response = super().finalize_response(request, response, *args, **kwargs)
        if (
            request.method in ("GET", "HEAD")
            and isinstance(response, Response)
            and response.status_code == status.HTTP_200_OK
        ):
            # The content differs by user (drafts, review fields), so caches must key on credentials.
            patch_vary_headers(response, ("Authorization", "Cookie"))
            response.render()
            response["ETag"] = f'"{hashlib.blake2b(response.content, digest_size=16).hexdigest()}"'
            last_modified = getattr(self, "last_modified", None)
            if last_modified is not None:
                last_modified = int(last_modified.timestamp())
                response["Last-Modified"] = http_date(last_modified)
            return get_conditional_response(
                request, etag=response["ETag"], last_modified=last_modified, response=response
            )
        return response


class ReferencePagination(PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000


FORMAT_PARAMETER = OpenApiParameter(
    "format",
    str,
    enum=["json", "csv", "geojson"],
    description="json: a page; csv (ACLED columns) and geojson: every matching row, streamed.",
)
INCIDENT_OR_TOMBSTONE = PolymorphicProxySerializer(
    component_name="IncidentOrTombstone",
    serializers=[serializers.IncidentSerializer, serializers.TombstoneSerializer],
    resource_type_field_name=None,
)
INCIDENTS_OR_TOMBSTONES = PolymorphicProxySerializer(
    component_name="IncidentOrTombstone",
    serializers=[serializers.IncidentSerializer, serializers.TombstoneSerializer],
    resource_type_field_name=None,
    many=True,
)


@extend_schema_view(
    list=extend_schema(
        operation_id="v1_incidents_list",
        summary="Incidents, newest event first (or in sync order with updated_since)",
        parameters=[FORMAT_PARAMETER],
        responses={
            (200, "application/json"): INCIDENTS_OR_TOMBSTONES,
            (200, "text/csv"): OpenApiTypes.STR,
            (200, "application/geo+json"): OpenApiTypes.OBJECT,
        },
    ),
    retrieve=extend_schema(
        summary="One incident (a tombstone if retracted or merged away)", responses=INCIDENT_OR_TOMBSTONE
    ),
    create=extend_schema(
        summary="Log a draft incident (analysts)",
        request=serializers.IncidentWriteSerializer,
        responses={201: serializers.IncidentSerializer},
    ),
    update=extend_schema(
        summary="Edit an incident, naming the version edited (analysts); 409 when stale",
        request=serializers.IncidentUpdateSerializer,
        responses={200: serializers.IncidentSerializer},
    ),
    partial_update=extend_schema(
        summary="Edit some fields, naming the version edited (analysts); 409 when stale",
        request=serializers.IncidentUpdateSerializer,
        responses={200: serializers.IncidentSerializer},
    ),
)
class IncidentViewSet(
    ApiViewMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = serializers.IncidentSerializer
    filterset_class = filters.IncidentFilter
    pagination_class = KeysetPagination
    permission_classes = [IncidentAccess]

    def get_renderers(self):
        formats = [renderers.FastJSONRenderer()]
        if self.action == "list":
            formats += [renderers.CSVRenderer(), renderers.GeoJSONRenderer()]
        if settings.DEBUG:
            formats.append(BrowsableAPIRenderer())
        return formats

    def is_sync(self) -> bool:
        return "updated_since" in self.request.query_params

    def get_ordering(self) -> tuple[str, str]:
        return SYNC_ORDERING if self.is_sync() else DEFAULT_ORDERING

    def get_queryset(self):
        user = self.request.user
        # Actors and sources are attached per page or chunk (api/related.py), not by prefetch_related.
        queryset = Incident.objects.select_related("location")
        if permissions.can_see_drafts(user):
            return queryset
        if self.action == "retrieve" or (self.action == "list" and self.is_sync()):
            # What a mirror needs to delete what it holds: incidents once published (they have a
            # public id) that were retracted or merged away since. They are serialized as tombstones.
            gone = Q(status__in=[Status.RETRACTED, Status.MERGED], public_id__isnull=False)
            return queryset.filter(Q(status=Status.PUBLISHED) | gone)
        return Incident.objects.visible_to(user).select_related("location")

    def get_serializer(self, *args, **kwargs):
        kwargs.setdefault("context", self.get_serializer_context())
        return self.serializer_class(*args, **kwargs)

    def filter_queryset(self, queryset):
        # A request naming no filter (a mirror paging through everything) would get the queryset
        # back unchanged from django-filter, after it copied a dozen filters and built and validated a form.
        if self.request.query_params.keys() & self.filterset_class.base_filters.keys():
            return super().filter_queryset(queryset)
        return queryset

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        if request.accepted_renderer.format in EXPORT_FORMATS:
            return self.export(queryset, request.accepted_renderer.format)
        page = self.paginate_queryset(queryset)
        # Plain rows and a plain function (the detail's JSON, checked by tests): model instances and a
        # serializer per row cost more than the query itself.
        staff = permissions.can_see_drafts(request.user)
        return self.get_paginated_response([serializers.incident_data(row, staff=staff) for row in page])

    def fetch_page(self, queryset) -> list:
        """The page's incidents for KeysetPagination: plain rows with their actors and sources."""
        return rows_with_links(queryset)

    def retrieve(self, request, *args, **kwargs):
        incident = attach_links([self.get_object()])[0]
        self.last_modified = incident.updated_at
        return Response(self.get_serializer(incident).data)

    def export(self, queryset, fmt: str):
        # Exports are of published incidents: tombstones are for sync, and analysts must ask for
        # other statuses by name, so a draft never slips into a file meant for publication.
        if not (permissions.can_see_drafts(self.request.user) and "status" in self.request.query_params):
            queryset = queryset.filter(status=Status.PUBLISHED)
        queryset = queryset.select_related(None).order_by(*self.get_ordering())
        if fmt == "csv":
            response = StreamingHttpResponse(
                renderers.stream_csv(queryset), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = 'attachment; filename="incidents.csv"'
        else:
            response = StreamingHttpResponse(
                renderers.stream_geojson(queryset), content_type="application/geo+json"
            )
            response["Content-Disposition"] = 'attachment; filename="incidents.geojson"'
        return response

    def create(self, request, *args, **kwargs):
        form = serializers.IncidentWriteSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        incident = workflow.create_incident(
            form.fields_data(), user=request.user, actors=form.actor_triples() or ()
        )
        return Response(self._full(incident), status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        incident = self.get_object()
        partial = kwargs.get("partial", False)
        form = serializers.IncidentUpdateSerializer(data=request.data, partial_update=partial)
        form.is_valid(raise_exception=True)
        incident = workflow.update_incident(
            incident,
            form.fields_data(),
            editor=request.user,
            expected_version=form.validated_data["version"],
            actors=form.actor_triples(),
        )
        return Response(self._full(incident))

    def _full(self, incident: Incident) -> dict:
        incident = attach_links([Incident.objects.get(pk=incident.pk)])[0]
        return self.get_serializer(incident).data

    @extend_schema(
        summary="Publish a draft (editors)", request=None, responses=serializers.IncidentSerializer
    )
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        return Response(self._full(workflow.publish(self.get_object(), editor=request.user)))

    @extend_schema(
        summary="Reject a draft (editors)",
        request=serializers.ReasonSerializer,
        responses=serializers.IncidentSerializer,
    )
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        form = serializers.ReasonSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        incident = workflow.reject(
            self.get_object(), editor=request.user, reason=form.validated_data["reason"]
        )
        return Response(self._full(incident))

    @extend_schema(
        summary="Retract a published incident (editors); clients then see a tombstone",
        request=serializers.ReasonSerializer,
        responses=serializers.IncidentSerializer,
    )
    @action(detail=True, methods=["post"])
    def retract(self, request, pk=None):
        form = serializers.ReasonSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        incident = workflow.retract(
            self.get_object(), editor=request.user, reason=form.validated_data["reason"]
        )
        return Response(self._full(incident))

    @extend_schema(
        summary="Merge this incident into another (editors); returns the one kept",
        request=serializers.MergeSerializer,
        responses=serializers.IncidentSerializer,
    )
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        duplicate = self.get_object()
        form = serializers.MergeSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        kept = workflow.merge(duplicate, into=form.validated_data["into"], editor=request.user)
        return Response(self._full(kept))

    @extend_schema(
        summary="The audit trail of an incident (analysts and editors)",
        responses=serializers.HistoryEntrySerializer(many=True),
    )
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        incident = self.get_object()
        entries = incident.history.select_related("history_user").order_by("-history_date")[:500]
        return Response(serializers.HistoryEntrySerializer(entries, many=True).data)


@extend_schema_view(
    list=extend_schema(summary="Uploaded reports (analysts and editors)"),
    retrieve=extend_schema(summary="A report's parse status"),
)
class ReportViewSet(ApiViewMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = serializers.ReportSerializer
    permission_classes = [ReportAccess]
    pagination_class = ReferencePagination
    parser_classes = [parsers.MultiPartParser, parsers.FormParser]

    def get_queryset(self):
        return (
            Report.objects.select_related("source")
            .annotate(draft_count=Count("drafts"))
            .order_by("-created_at", "-id")
        )

    @extend_schema(
        summary="Upload a report (multipart); answers 202 with the URL to poll for its parse",
        request={"multipart/form-data": serializers.ReportUploadSerializer},
        responses={
            202: serializers.ReportSerializer,
            200: OpenApiResponse(
                serializers.ReportSerializer, description="The same file was uploaded before"
            ),
            413: OpenApiResponse(description="Larger than REPORT_MAX_BYTES"),
        },
    )
    def create(self, request, *args, **kwargs):
        declared = request.META.get("CONTENT_LENGTH") or "0"
        # Refuse a body that cannot fit before Django spools it to disk (multipart adds a little).
        if declared.isdigit() and int(declared) > settings.REPORT_MAX_BYTES + 64 * 1024:
            raise PayloadTooLarge(f"The upload is larger than {settings.REPORT_MAX_BYTES // 1_048_576} MB.")
        form = serializers.ReportUploadSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        report, created = workflow.receive_report(
            data["file"],
            user=request.user,
            published_on=data["published_on"],
            source=data["source"],
            title=data["title"],
            url=data["url"],
        )
        report = self.get_queryset().get(pk=report.pk)
        body = self.get_serializer(report).data
        response = Response(body, status=status.HTTP_202_ACCEPTED if created else status.HTTP_200_OK)
        response["Location"] = reverse("api-report-detail", args=[report.pk])
        return response

    @extend_schema(
        summary="The incidents drafted from a report", responses=serializers.IncidentSerializer(many=True)
    )
    @action(detail=True, methods=["get"], parser_classes=[parsers.JSONParser])
    def drafts(self, request, pk=None):
        report = self.get_object()
        incidents = Incident.objects.visible_to(request.user).filter(report=report).order_by("position", "id")
        data = serializers.IncidentSerializer(
            attach_links(list(incidents)), many=True, context={"request": request}
        ).data
        return Response(data)


class ActorViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Actor.objects.prefetch_related("aliases").order_by("name")
    serializer_class = serializers.ActorSerializer
    filterset_class = filters.ActorFilter
    permission_classes = [ReferenceDataAccess]
    pagination_class = ReferencePagination


class LocationViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Location.objects.order_by("country_iso", "name", "id")
    serializer_class = serializers.LocationSerializer
    filterset_class = filters.LocationFilter
    permission_classes = [ReferenceDataAccess]
    pagination_class = ReferencePagination


class SourceViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Source.objects.order_by("name")
    serializer_class = serializers.SourceSerializer
    filterset_class = filters.SourceFilter
    permission_classes = [ReferenceDataAccess]
    pagination_class = ReferencePagination
