"""Incident state changes: create, update, publish, reject, retract, reopen, merge."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from incidents import geo
from incidents.models import Actor, Incident, IncidentActor, IncidentSource
from incidents.taxonomy import EVENT_TYPE_OF, disorder_type_for
from incidents.workflow.errors import StaleVersion, TransitionError

Status = Incident.Status

# Fields a person may set through create/update; status, ids and provenance change only here.
EDITABLE_FIELDS = (
    "event_date",
    "date_end",
    "time_precision",
    "event_type",
    "sub_event_type",
    "disorder_type",
    "civilian_targeting",
    "country_iso",
    "admin1",
    "admin2",
    "admin3",
    "location_name",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "fatalities_low",
    "fatalities_high",
    "injured",
    "notes",
    "tags",
)


def _derive(incident: Incident) -> None:
    """Fill what follows from other fields: the event and disorder type of a sub-event type."""
    if incident.sub_event_type:
        incident.event_type = EVENT_TYPE_OF.get(incident.sub_event_type, incident.event_type)
        incident.disorder_type = disorder_type_for(incident.sub_event_type)
    if incident.country_iso:
        incident.country_iso = incident.country_iso.upper()
    loc = incident.location
    if loc is not None:
        incident.location_name = incident.location_name or loc.name
        incident.admin1 = incident.admin1 or loc.admin1
        incident.admin2 = incident.admin2 or loc.admin2
        if incident.latitude is None or incident.longitude is None:
            incident.latitude, incident.longitude = loc.latitude, loc.longitude


def _record(incident: Incident, user, reason: str) -> None:
    # What django-simple-history stores as the who and why of the next save.
    incident._history_user = user
    incident._change_reason = reason


def set_actors(incident: Incident, actors: Iterable[tuple[str, Actor, str]]) -> None:
    """Make an incident's actors exactly these (role, actor, mention) triples.

    Only what differs is written, each change with a history row, so the history of an edit that
    keeps the actors shows no churn.
    """
    wanted: dict[tuple[str, int], tuple[Actor, str]] = {}
    for role, actor, mention in actors:
        wanted.setdefault((role, actor.pk), (actor, mention or ""))
    current = {(link.role, link.actor_id): link for link in IncidentActor.objects.filter(incident=incident)}
    for key, link in current.items():
        if key not in wanted:
            link.delete()  # a history row of type "-" via simple-history's post_delete
    new = [
        IncidentActor(incident=incident, actor=actor, role=role, mention=mention)
        for (role, _), (actor, mention) in wanted.items()
        if (role, actor.pk) not in current
    ]
    bulk_create_with_history(new, IncidentActor, default_change_reason="actors changed")


@transaction.atomic
def create_incident(
    data: Mapping[str, Any],
    *,
    user: AbstractBaseUser | None,
    actors=(),
    origin=Incident.Origin.MANUAL,
    sources: Iterable[Mapping[str, Any]] = (),
) -> Incident:
    """Log a new draft incident."""
    incident = Incident(origin=origin, created_by=user if user and user.is_authenticated else None)
    for field in EDITABLE_FIELDS:
        if field in data:
            setattr(incident, field, data[field])
    _derive(incident)
    incident.full_clean(exclude=["public_id"])
    _record(incident, user, "created")
    incident.save()
    set_actors(incident, actors)
    for source in sources:
        IncidentSource.objects.create(incident=incident, **source)
    return incident


@transaction.atomic
def update_incident(
    incident: Incident,
    data: Mapping[str, Any],
    *,
    editor,
    expected_version: int,
    actors=None,
    reason: str = "edited",
) -> Incident:
    """Apply an edit made to `expected_version`; refuse it if someone saved a newer version since."""
    # Lock the row: two saves of the same version must not both pass the check below.
    current = Incident.objects.select_for_update().get(pk=incident.pk)
    if current.version != expected_version:
        raise StaleVersion(current.pk, expected_version, current.version)
    if current.status in (Status.MERGED,):
        raise TransitionError(f"Incident {current.pk} was merged into another and cannot be edited.")
    for field in EDITABLE_FIELDS:
        if field in data:
            setattr(current, field, data[field])
    _derive(current)
    current.full_clean(exclude=["public_id"])
    current.version += 1  # safe: the row is locked
    current.updated_at = timezone.now()
    _record(current, editor, reason)
    current.save()
    if actors is not None:
        set_actors(current, actors)
    current.refresh_from_db()
    return current


def _transition(incident: Incident, allowed: tuple[str, ...], action: str) -> Incident:
    # Lock the row so two editors pressing "publish" together cannot both succeed.
    locked = Incident.objects.select_for_update().get(pk=incident.pk)
    if locked.status not in allowed:
        raise TransitionError(
            f"Incident {locked.pk} is {locked.get_status_display().lower()}; it cannot be {action}."
        )
    return locked


def _save_transition(incident: Incident, editor, reason: str, fields: list[str]) -> Incident:
    incident.version += 1  # safe: the row is locked by _transition
    incident.updated_at = timezone.now()
    _record(incident, editor, reason)
    incident.save(update_fields=[*fields, "version", "updated_at"])
    incident.refresh_from_db()
    return incident


@transaction.atomic
def publish(incident: Incident, *, editor) -> Incident:
    """Publish a draft (or re-publish a retracted incident) under its public id."""
    incident = _transition(incident, (Status.DRAFT, Status.RETRACTED), "published")
    now = timezone.now()
    incident.status = Status.PUBLISHED
    incident.reviewed_by = incident.published_by = editor
    incident.reviewed_at = incident.published_at = now
    fields = ["status", "reviewed_by", "reviewed_at", "published_by", "published_at"]
    if not incident.public_id:
        # Derived from the primary key, so unique without a counter to race on; never changes after.
        incident.public_id = f"{geo.iso3(incident.country_iso) or incident.country_iso}{incident.pk}"
        fields.append("public_id")
    return _save_transition(incident, editor, "published", fields)


@transaction.atomic
def reject(incident: Incident, *, editor, reason: str = "") -> Incident:
    """Reject a draft: it stays in the record, out of every published view."""
    incident = _transition(incident, (Status.DRAFT,), "rejected")
    incident.status = Status.REJECTED
    incident.rejection_reason = reason
    incident.reviewed_by, incident.reviewed_at = editor, timezone.now()
    return _save_transition(
        incident, editor, "rejected", ["status", "rejection_reason", "reviewed_by", "reviewed_at"]
    )


@transaction.atomic
def retract(incident: Incident, *, editor, reason: str = "") -> Incident:
    """Withdraw a published incident; API mirrors see it as a tombstone."""
    incident = _transition(incident, (Status.PUBLISHED,), "retracted")
    incident.status = Status.RETRACTED
    incident.rejection_reason = reason
    incident.reviewed_by, incident.reviewed_at = editor, timezone.now()
    return _save_transition(
        incident, editor, "retracted", ["status", "rejection_reason", "reviewed_by", "reviewed_at"]
    )


@transaction.atomic
def reopen(incident: Incident, *, editor) -> Incident:
    """Send a rejected incident back to the review queue."""
    incident = _transition(incident, (Status.REJECTED,), "reopened")
    incident.status = Status.DRAFT
    return _save_transition(incident, editor, "reopened", ["status"])


MERGE_FILL_FIELDS = (
    "date_end",
    "admin1",
    "admin2",
    "admin3",
    "location_name",
    "location",
    "latitude",
    "longitude",
    "fatalities",
    "fatalities_low",
    "fatalities_high",
    "injured",
    "notes",
)


@transaction.atomic
def merge(duplicate: Incident, *, into: Incident, editor) -> Incident:
    """Fold a duplicate into the incident that is kept.

    The kept incident gains the duplicate's sources, its actors in roles it lacks, and any field it
    has empty; the duplicate is marked merged (a tombstone that points at the kept incident).
    """
    if duplicate.pk == into.pk:
        raise TransitionError("An incident cannot be merged into itself.")
    # Lock both rows in id order, so two merges of the same pair cannot deadlock.
    locked = {
        i.pk: i
        for i in Incident.objects.select_for_update().filter(pk__in=[duplicate.pk, into.pk]).order_by("pk")
    }
    duplicate, kept = locked[duplicate.pk], locked[into.pk]
    if duplicate.status not in (Status.DRAFT, Status.PUBLISHED, Status.REJECTED):
        raise TransitionError(f"Incident {duplicate.pk} is {duplicate.status}; it cannot be merged.")
    if kept.status in (Status.MERGED,):
        raise TransitionError(f"Incident {kept.pk} was itself merged away; merge into {kept.merged_into_id}.")

    changed = []
    for field in MERGE_FILL_FIELDS:
        if getattr(kept, field) in (None, "") and getattr(duplicate, field) not in (None, ""):
            setattr(kept, field, getattr(duplicate, field))
            changed.append(field)
    IncidentSource.objects.filter(incident=duplicate).update(incident=kept)
    roles_kept = {(link.role, link.actor_id) for link in kept.actor_links.all()}
    for link in duplicate.actor_links.all():
        if (link.role, link.actor_id) not in roles_kept:
            IncidentActor.objects.create(
                incident=kept, actor=link.actor, role=link.role, mention=link.mention
            )
    kept = _save_transition(kept, editor, f"merged incident {duplicate.pk} into this", changed)

    duplicate.status = Status.MERGED
    duplicate.merged_into = kept
    _save_transition(duplicate, editor, f"merged into incident {kept.pk}", ["status", "merged_into"])
    duplicate.duplicate_candidates.all().delete()
    kept.duplicate_candidates.filter(candidate=duplicate).delete()
    return kept
