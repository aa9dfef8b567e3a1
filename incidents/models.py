"""The shared record: incidents, the actors, places and sources behind them, and uploaded reports.

Rules about one row live here (constraints, `clean`); rules about many rows live on the QuerySets;
every state change (publish, reject, merge, parse ...) lives in `incidents.workflow`.
"""

from __future__ import annotations

import secrets
import unicodedata
from hashlib import sha256

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from incidents import geo
from incidents.taxonomy import (
    EVENT_TYPE_OF,
    SUB_EVENT_TYPES,
    ActorType,
    DisorderType,
    EventType,
    GeoPrecision,
    SourceScale,
    SubEventType,
    TimePrecision,
)


def name_key(name: str) -> str:
    """The case-, accent- and space-insensitive key that names are looked up by."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


# ---------------------------------------------------------------------------------------------
# Actors
# ---------------------------------------------------------------------------------------------


class ActorQuerySet(models.QuerySet):
    def named(self, name: str) -> ActorQuerySet:
        """Actors whose canonical name or any alias is `name`, ignoring case and accents."""
        key = name_key(name)
        return self.filter(Q(name_key=key) | Q(aliases__name_key=key)).distinct()


class Actor(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    name_key = models.CharField(max_length=200, editable=False, db_index=True)
    actor_type = models.PositiveSmallIntegerField(_("actor type"), choices=ActorType.choices)
    country_iso = models.CharField(_("country"), max_length=2, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("An umbrella group or force this actor belongs to."),
    )
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActorQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["actor_type", "country_iso"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(actor_type__gte=1, actor_type__lte=8), name="actor_type_is_an_inter_code"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_key"}
        super().save(*args, **kwargs)

    @property
    def alias_names(self) -> list[str]:
        return [alias.name for alias in self.aliases.all()]


class ActorAlias(models.Model):
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("alias"), max_length=200)
    name_key = models.CharField(max_length=200, editable=False, db_index=True)

    class Meta:
        verbose_name_plural = _("actor aliases")
        constraints = [
            # The same alias may name two actors ("police"), but not twice the same one.
            models.UniqueConstraint(fields=["actor", "name_key"], name="actoralias_unique_per_actor"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.name)
        super().save(*args, **kwargs)


# ---------------------------------------------------------------------------------------------
# Places and outlets
# ---------------------------------------------------------------------------------------------


class Location(models.Model):
    """A gazetteer entry (GeoNames by default), or a place an analyst added by hand."""

    class Kind(models.TextChoices):
        COUNTRY = "country", _("Country")
        ADMIN1 = "admin1", _("First-level administrative unit")
        ADMIN2 = "admin2", _("Second-level administrative unit")
        PLACE = "place", _("Populated place")

    name = models.CharField(_("name"), max_length=200)
    name_key = models.CharField(max_length=200, editable=False, db_index=True)
    alternate_names = models.JSONField(_("alternate names"), default=list, blank=True)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.PLACE)
    country_iso = models.CharField(_("country"), max_length=2)
    admin1 = models.CharField(_("admin1"), max_length=120, blank=True)
    admin2 = models.CharField(_("admin2"), max_length=120, blank=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    population = models.PositiveBigIntegerField(_("population"), null=True, blank=True)
    geonames_id = models.PositiveBigIntegerField(_("GeoNames id"), null=True, blank=True, unique=True)
    admin1_code = models.CharField(
        max_length=20, blank=True, help_text=_("GeoNames admin1 code, e.g. IQ.07 (Baghdad).")
    )

    class Meta:
        ordering = ["country_iso", "name"]
        indexes = [
            models.Index(fields=["country_iso", "kind", "name_key"]),
            models.Index(fields=["kind", "population"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90), name="location_latitude_in_range"
            ),
            models.CheckConstraint(
                condition=Q(longitude__gte=-180, longitude__lte=180), name="location_longitude_in_range"
            ),
        ]

    def __str__(self) -> str:
        parts = [self.name]
        if self.admin1 and self.admin1 != self.name:
            parts.append(self.admin1)
        parts.append(geo.country_name(self.country_iso) or self.country_iso)
        return ", ".join(parts)

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.name)
        super().save(*args, **kwargs)


class Source(models.Model):
    """An outlet that publishes reports: a newspaper, agency, NGO or monitor."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    domain = models.CharField(_("web domain"), max_length=200, blank=True)
    source_scale = models.CharField(_("source scale"), max_length=16, choices=SourceScale.choices, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


# ---------------------------------------------------------------------------------------------
# Reports
# ---------------------------------------------------------------------------------------------


def report_upload_path(report: Report, filename: str) -> str:
    # Never the user's file name: it may hold "../" or a name another upload already took.
    # The content hash names the file, so the same bytes are stored once.
    return f"reports/{report.sha256[:2]}/{report.sha256}"


class ReportQuerySet(models.QuerySet):
    def stuck(self, older_than) -> ReportQuerySet:
        """Reports queued or being parsed since before `older_than`: their task was probably lost."""
        return self.filter(
            status__in=[Report.Status.QUEUED, Report.Status.PARSING], updated_at__lt=older_than
        )


class Report(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        QUEUED = "queued", _("Queued")
        PARSING = "parsing", _("Parsing")
        PARSED = "parsed", _("Parsed")
        FAILED = "failed", _("Failed")

    file = models.FileField(_("file"), upload_to=report_upload_path, max_length=255)
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    source = models.ForeignKey(
        Source,
        verbose_name=_("outlet"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
    )
    url = models.URLField(_("URL"), max_length=1000, blank=True)
    language = models.CharField(_("language"), max_length=16, blank=True)
    text = models.TextField(_("extracted text"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED)
    failure_reason = models.TextField(_("failure reason"), blank=True)
    pipeline_version = models.CharField(_("pipeline version"), max_length=32, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    parsed_at = models.DateTimeField(null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "updated_at"])]

    def __str__(self) -> str:
        return self.title or self.original_name

    @staticmethod
    def hash_of(chunks) -> str:
        digest = sha256()
        for chunk in chunks:
            digest.update(chunk)
        return digest.hexdigest()


# ---------------------------------------------------------------------------------------------
# Incidents
# ---------------------------------------------------------------------------------------------


class IncidentQuerySet(models.QuerySet):
    def published(self) -> IncidentQuerySet:
        return self.filter(status=Incident.Status.PUBLISHED)

    def visible_to(self, user) -> IncidentQuerySet:
        """Analysts and editors work on every incident; everyone else sees published ones only."""
        from incidents import permissions  # permissions imports models

        if permissions.can_see_drafts(user):
            return self
        return self.published()

    def with_related(self) -> IncidentQuerySet:
        """What a page or an export of incidents reads, in a fixed number of queries."""
        return self.select_related("location", "merged_into").prefetch_related(
            models.Prefetch("actor_links", queryset=IncidentActor.objects.select_related("actor")),
            models.Prefetch(
                "source_links", queryset=IncidentSource.objects.select_related("source", "report")
            ),
        )


def _sub_event_matches_event_type() -> Q:
    condition = Q()
    for event_type, subs in SUB_EVENT_TYPES.items():
        condition |= Q(event_type=event_type, sub_event_type__in=subs)
    return condition


class Incident(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")
        RETRACTED = "retracted", _("Retracted")
        MERGED = "merged", _("Merged into another incident")

    class Origin(models.TextChoices):
        MANUAL = "manual", _("Logged by hand")
        EXTRACTED = "extracted", _("Extracted from a report")
        IMPORTED = "imported", _("Imported from a dataset")

    # ACLED-style public id ("IRQ1234"), given at first publication and never changed after.
    public_id = models.CharField(_("event id"), max_length=24, unique=True, null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    origin = models.CharField(_("origin"), max_length=16, choices=Origin.choices, default=Origin.MANUAL)

    # When
    event_date = models.DateField(_("event date"))
    date_end = models.DateField(_("end date"), null=True, blank=True)
    time_precision = models.PositiveSmallIntegerField(
        _("time precision"), choices=TimePrecision.choices, default=TimePrecision.DAY
    )

    # What
    disorder_type = models.CharField(_("disorder type"), max_length=40, choices=DisorderType.choices)
    event_type = models.CharField(_("event type"), max_length=40, choices=EventType.choices)
    sub_event_type = models.CharField(_("sub-event type"), max_length=64, choices=SubEventType.choices)
    civilian_targeting = models.BooleanField(_("civilian targeting"), default=False)

    # Where
    country_iso = models.CharField(_("country"), max_length=2)
    admin1 = models.CharField(_("admin1"), max_length=120, blank=True)
    admin2 = models.CharField(_("admin2"), max_length=120, blank=True)
    admin3 = models.CharField(_("admin3"), max_length=120, blank=True)
    location_name = models.CharField(_("location"), max_length=200, blank=True)
    location = models.ForeignKey(
        Location,
        verbose_name=_("gazetteer entry"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="incidents",
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    geo_precision = models.PositiveSmallIntegerField(
        _("geo precision"), choices=GeoPrecision.choices, default=GeoPrecision.PLACE
    )

    # How many (None: not stated; 0: the report says nobody died). UCDP's low/high beside the best.
    fatalities = models.PositiveIntegerField(_("fatalities"), null=True, blank=True)
    fatalities_low = models.PositiveIntegerField(_("fatalities, low estimate"), null=True, blank=True)
    fatalities_high = models.PositiveIntegerField(_("fatalities, high estimate"), null=True, blank=True)
    injured = models.PositiveIntegerField(_("injured"), null=True, blank=True)

    notes = models.TextField(_("notes"), blank=True)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    confidence = models.FloatField(_("confidence"), null=True, blank=True)

    # Provenance: the report a draft was extracted from and its order there; or the dataset row.
    report = models.ForeignKey(Report, on_delete=models.PROTECT, null=True, blank=True, related_name="drafts")
    position = models.PositiveSmallIntegerField(null=True, blank=True)
    dataset = models.CharField(_("dataset"), max_length=16, blank=True)  # "acled", "ucdp"
    external_id = models.CharField(_("id in the dataset"), max_length=64, blank=True)

    # Review
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
        db_index=False,  # only read forwards (a merged incident names its survivor); slows imports
    )
    rejection_reason = models.TextField(_("reason for rejection or retraction"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # never filtered on; an index would only slow bulk imports
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # never filtered on; an index would only slow bulk imports
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # never filtered on; an index would only slow bulk imports
    )
    published_at = models.DateTimeField(null=True, blank=True)

    # Optimistic locking: a save names the version it was based on; workflow.update refuses stale ones.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    # Not auto_now: bulk updates and imports set it explicitly, and incremental sync depends on it.
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)

    actors = models.ManyToManyField(Actor, through="IncidentActor", related_name="incidents")

    objects = IncidentQuerySet.as_manager()
    # simple_history indexes every foreign key and unique field of the history table; it is read
    # by incident (id), by date and by report (re-parsing), so the other six indexes only cost
    # writes: a million-row import writes a million history rows.
    history = HistoricalRecords(
        excluded_fields=["updated_at"],
        no_db_index=["public_id", "location", "merged_into", "created_by", "reviewed_by", "published_by"],
    )

    class Meta:
        ordering = ["-event_date", "-id"]
        permissions = [
            ("review_incident", "Can publish, reject, merge and retract incidents"),
            ("import_incidents", "Can import and export whole datasets"),
        ]
        indexes = [
            models.Index(fields=["country_iso", "event_date"]),
            models.Index(fields=["status", "event_date"]),
            # The API's default order: its pages and deep pages are plain index scans.
            models.Index(fields=["status", "-event_date", "-id"], name="incident_status_date_id_idx"),
            models.Index(fields=["status", "updated_at", "id"]),
            models.Index(fields=["event_type", "event_date"]),
            models.Index(fields=["sub_event_type", "event_date"]),
            models.Index(fields=["admin1"]),
            models.Index(fields=["fatalities"]),
            # (dataset, external_id) lookups use incident_unique_dataset_id's index: they say
            # external_id <> '' so that PostgreSQL may use a partial index.
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "position"],
                name="incident_unique_position",
                condition=Q(report__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["dataset", "external_id"],
                name="incident_unique_dataset_id",
                condition=~Q(external_id=""),
            ),
            models.CheckConstraint(
                condition=Q(date_end__isnull=True) | Q(date_end__gte=F("event_date")),
                name="incident_date_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=_sub_event_matches_event_type(), name="incident_sub_event_type_of_event_type"
            ),
            models.CheckConstraint(
                condition=Q(time_precision__gte=1, time_precision__lte=3),
                name="incident_time_precision_in_range",
            ),
            models.CheckConstraint(
                condition=Q(geo_precision__gte=1, geo_precision__lte=3),
                name="incident_geo_precision_in_range",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="incident_latitude_in_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="incident_longitude_in_range",
            ),
            models.CheckConstraint(
                condition=Q(fatalities__gte=0) | Q(fatalities__isnull=True),
                name="incident_fatalities_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(fatalities_low__isnull=True)
                | Q(fatalities__isnull=True)
                | Q(fatalities_low__lte=F("fatalities")),
                name="incident_low_not_above_best",
            ),
            models.CheckConstraint(
                condition=Q(fatalities_high__isnull=True)
                | Q(fatalities__isnull=True)
                | Q(fatalities_high__gte=F("fatalities")),
                name="incident_high_not_below_best",
            ),
            models.CheckConstraint(
                condition=Q(fatalities_low__isnull=True)
                | Q(fatalities_high__isnull=True)
                | Q(fatalities_low__lte=F("fatalities_high")),
                name="incident_low_not_above_high",
            ),
            models.CheckConstraint(
                condition=~Q(status="merged") | Q(merged_into__isnull=False),
                name="incident_merged_names_survivor",
            ),
        ]

    def __str__(self) -> str:
        place = self.location_name or geo.country_name(self.country_iso) or self.country_iso
        label = self.public_id or f"#{self.pk}" if self.pk else "new"
        return f"{label} {self.event_date:%Y-%m-%d} {self.sub_event_type} in {place}"

    def clean(self) -> None:
        errors = {}
        if self.sub_event_type:
            expected = EVENT_TYPE_OF.get(self.sub_event_type)
            if not self.event_type:
                self.event_type = expected
            elif expected != self.event_type:
                errors["sub_event_type"] = _("“%(sub)s” is not a sub-event type of %(event)s.") % {
                    "sub": self.sub_event_type,
                    "event": self.event_type,
                }
        if self.sub_event_type and not self.disorder_type:
            from incidents.taxonomy import disorder_type_for

            self.disorder_type = disorder_type_for(self.sub_event_type)
        if self.date_end and self.event_date and self.date_end < self.event_date:
            errors["date_end"] = _("The end date cannot be before the event date.")
        if self.country_iso and not geo.country_name(self.country_iso):
            errors["country_iso"] = _("“%(code)s” is not an ISO 3166 country code.") % {
                "code": self.country_iso
            }
        best, low, high = self.fatalities, self.fatalities_low, self.fatalities_high
        if low is not None and best is not None and low > best:
            errors["fatalities_low"] = _("The low estimate cannot be above the best estimate.")
        if high is not None and best is not None and high < best:
            errors["fatalities_high"] = _("The high estimate cannot be below the best estimate.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def actors_in(self, role: str) -> list[Actor]:
        """The actors in one role, from the prefetch when there is one."""
        return [link.actor for link in self.actor_links.all() if link.role == role]

    @property
    def actor1(self) -> Actor | None:
        actors = self.actors_in(IncidentActor.Role.ACTOR1)
        return actors[0] if actors else None

    @property
    def actor2(self) -> Actor | None:
        actors = self.actors_in(IncidentActor.Role.ACTOR2)
        return actors[0] if actors else None


class IncidentActor(models.Model):
    class Role(models.TextChoices):
        ACTOR1 = "actor1", _("Actor 1")
        ASSOC_ACTOR1 = "assoc_actor_1", _("Associated actor 1")
        ACTOR2 = "actor2", _("Actor 2")
        ASSOC_ACTOR2 = "assoc_actor_2", _("Associated actor 2")

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="actor_links")
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="incident_links")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    # What the report called the actor ("gunmen"), when it was extracted.
    mention = models.CharField(_("as named in the source"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "actor", "role"], name="incidentactor_unique_role"),
        ]
        indexes = [models.Index(fields=["actor", "role"])]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.actor}"


class IncidentSource(models.Model):
    """One report or outlet that supports an incident, with the evidence for each field.

    `evidence` is a list of {"field", "start", "end", "text"}: character offsets into the
    report's extracted text, so the review page can highlight the words a value came from.
    """

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="source_links")
    report = models.ForeignKey(
        Report, on_delete=models.PROTECT, null=True, blank=True, related_name="incident_links"
    )
    source = models.ForeignKey(
        Source,
        verbose_name=_("outlet"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incident_links",
    )
    url = models.URLField(_("URL"), max_length=1000, blank=True)
    excerpt = models.TextField(_("excerpt"), blank=True)
    evidence = models.JSONField(_("evidence spans"), default=list, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(report__isnull=False) | Q(source__isnull=False) | ~Q(url=""),
                name="incidentsource_names_a_source",
            ),
        ]

    def __str__(self) -> str:
        return str(self.source or self.report or self.url)


class DuplicateCandidate(models.Model):
    """A possible duplicate of an incident, found when it was drafted, for an editor to merge or dismiss."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="duplicate_candidates")
    candidate = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(default=0)
    dismissed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-score"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "candidate"], name="duplicatecandidate_unique_pair"),
            models.CheckConstraint(
                condition=~Q(incident=F("candidate")), name="duplicatecandidate_not_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.incident_id} ~ {self.candidate_id}"


# ---------------------------------------------------------------------------------------------
# Dataset imports and API clients
# ---------------------------------------------------------------------------------------------


class ImportJob(models.Model):
    """An ACLED or UCDP GED file being imported, with its progress and outcome."""

    class Format(models.TextChoices):
        ACLED = "acled", "ACLED"
        UCDP = "ucdp", "UCDP GED"

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    file = models.FileField(upload_to="imports/%Y/%m/", max_length=255)
    original_name = models.CharField(max_length=255)
    format = models.CharField(max_length=8, choices=Format.choices)
    target_status = models.CharField(
        max_length=16, choices=Incident.Status.choices, default=Incident.Status.PUBLISHED
    )
    dry_run = models.BooleanField(default=False)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    rows_total = models.PositiveIntegerField(null=True, blank=True)
    rows_done = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)  # [{"line": 12, "reason": "..."}], capped
    failure_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # never filtered on; an index would only slow bulk imports
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_format_display()} import of {self.original_name}"


class ApiTokenQuerySet(models.QuerySet):
    def active(self) -> ApiTokenQuerySet:
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))


class ApiToken(models.Model):
    """A client's API key. Only its hash is stored; the key is shown once, when it is made."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("client name"), max_length=100)
    prefix = models.CharField(max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user, name: str, *, expires_at=None) -> tuple[ApiToken, str]:
        """Make a token for `user`; returns it with the plain key, which is not stored anywhere."""
        key = secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user, name=name, prefix=key[:8], key_hash=cls.hash_key(key), expires_at=expires_at
        )
        return token, key
