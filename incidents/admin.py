"""The admin: every model searchable and filterable, incidents with their actors and sources inline.

State changes go through `workflow` here too: the admin's actions publish and reject, and the
status field is read-only on the incident form.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from incidents import models, workflow


class ActorAliasInline(admin.TabularInline):
    model = models.ActorAlias
    extra = 1


@admin.register(models.Actor)
class ActorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "actor_type", "country_iso", "parent"]
    list_filter = ["actor_type", "country_iso"]
    search_fields = ["name", "aliases__name"]
    autocomplete_fields = ["parent"]
    inlines = [ActorAliasInline]


@admin.register(models.Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "admin1", "country_iso", "population", "latitude", "longitude"]
    list_filter = ["kind", "country_iso"]
    search_fields = ["name", "name_key", "admin1"]
    show_full_result_count = False  # the gazetteer holds ~200,000 places


@admin.register(models.Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "domain", "source_scale"]
    list_filter = ["source_scale"]
    search_fields = ["name", "domain"]


@admin.register(models.Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "source", "published_on", "uploaded_by", "created_at"]
    list_filter = ["status", "source"]
    search_fields = ["title", "original_name", "sha256"]
    autocomplete_fields = ["source"]
    readonly_fields = [
        "file",
        "sha256",
        "size",
        "content_type",
        "status",
        "failure_reason",
        "pipeline_version",
        "attempts",
        "uploaded_by",
        "created_at",
        "updated_at",
        "parsed_at",
    ]


class IncidentActorInline(admin.TabularInline):
    model = models.IncidentActor
    extra = 1
    autocomplete_fields = ["actor"]


class IncidentSourceInline(admin.StackedInline):
    model = models.IncidentSource
    extra = 0
    autocomplete_fields = ["report", "source"]


@admin.register(models.Incident)
class IncidentAdmin(SimpleHistoryAdmin):
    list_display = [
        "__str__",
        "status",
        "origin",
        "event_date",
        "sub_event_type",
        "country_iso",
        "admin1",
        "fatalities",
    ]
    list_filter = ["status", "origin", "event_type", "sub_event_type", "country_iso", "time_precision"]
    search_fields = ["public_id", "location_name", "admin1", "notes", "actors__name"]
    date_hierarchy = "event_date"
    autocomplete_fields = ["location", "merged_into", "report"]
    readonly_fields = [
        "public_id",
        "status",
        "version",
        "created_by",
        "reviewed_by",
        "reviewed_at",
        "published_by",
        "published_at",
        "created_at",
        "updated_at",
    ]
    inlines = [IncidentActorInline, IncidentSourceInline]
    actions = ["publish_selected", "reject_selected"]
    list_select_related = ["location"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Publish the selected drafts"), permissions=["review"])
    def publish_selected(self, request, queryset):
        self._apply(request, queryset, lambda incident: workflow.publish(incident, editor=request.user))

    @admin.action(description=_("Reject the selected drafts"), permissions=["review"])
    def reject_selected(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda incident: workflow.reject(incident, editor=request.user, reason="rejected in the admin"),
        )

    def has_review_permission(self, request):
        return request.user.has_perm("incidents.review_incident")

    def _apply(self, request, queryset, change):
        done = 0
        for incident in queryset:
            try:
                change(incident)
                done += 1
            except workflow.TransitionError as error:
                self.message_user(request, str(error), messages.WARNING)
        self.message_user(request, _("%(count)d incidents changed.") % {"count": done})


@admin.register(models.DuplicateCandidate)
class DuplicateCandidateAdmin(admin.ModelAdmin):
    list_display = ["incident", "candidate", "score", "dismissed"]
    raw_id_fields = ["incident", "candidate"]


@admin.register(models.ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["original_name", "format", "status", "rows_done", "created", "updated", "rejected"]
    list_filter = ["format", "status"]
    readonly_fields = [f.name for f in models.ImportJob._meta.fields if f.name not in ("id",)]


@admin.register(models.ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at"]
    search_fields = ["name", "user__username", "prefix"]
    readonly_fields = ["prefix", "created_at", "last_used_at"]
    autocomplete_fields = ["user"]

    def save_model(self, request, obj, form, change):
        if not change:
            token, key = models.ApiToken.issue(obj.user, obj.name, expires_at=obj.expires_at)
            obj.pk, obj.key_hash, obj.prefix = token.pk, token.key_hash, token.prefix
            obj.created_at = token.created_at
            self.message_user(
                request,
                _("The key for %(name)s is %(key)s — copy it now; it is not shown again.")
                % {"name": obj.name, "key": key},
                messages.WARNING,
            )
            return
        super().save_model(request, obj, form, change)
