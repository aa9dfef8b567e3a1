"""Parsing a stored report: read its file, extract candidate incidents, store them as drafts.

`parse_report` runs in a Celery worker with late acknowledgement, so the same report may be parsed
twice (a redelivered message, a re-queue by the sweep, a retry after a database hiccup). It is
written so that any number of runs leave one set of drafts: the slow extraction holds no lock, and
the write replaces only this report's drafts nobody has touched, under a lock on the report row.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.module_loading import import_string
from simple_history.utils import bulk_create_with_history

from incidents import readers
from incidents.models import (
    Actor,
    DuplicateCandidate,
    Incident,
    IncidentActor,
    IncidentSource,
    Location,
    Report,
    name_key,
)
from incidents.taxonomy import EVENT_TYPE_OF, ActorType, disorder_type_for
from incidents.workflow.reports import queue_parse

if TYPE_CHECKING:  # the extraction package loads its language data on import; only its types are needed
    from incidents.extraction.base import ActorMention, Candidate, Extractor

log = logging.getLogger(__name__)
Status = Report.Status

DEFAULT_EXTRACTOR = "incidents.extraction.get_extractor"
# Database errors a retry can cure (a restart, a dropped connection); the task retries on these.
TRANSIENT_ERRORS = (OperationalError, InterfaceError)
# A report still queued or parsing after this long lost its task (a worker killed before it acked,
# a broker flushed); the sweep queues it again. Longer than the task's hard time limit.
STUCK_AFTER = dt.timedelta(minutes=30)
# A report the sweep has re-queued this often fails for good: something in it kills the worker.
MAX_ATTEMPTS = 5
DUPLICATE_RADIUS_KM = 25.0
TOO_LONG = "Parsing took too long and was stopped; the report may be too long or too complex."
INTERNAL = "Parsing failed because of an internal error; the team has been notified. Try again later."


def get_extractor() -> Extractor:
    """The extractor chosen by the EXTRACTOR setting (a dotted path to a factory)."""
    # The factory owns any caching of loaded models; this is called once per parse.
    return import_string(getattr(settings, "EXTRACTOR", DEFAULT_EXTRACTOR))()


def parse_report(report_id: int, *, force: bool = False) -> Report | None:
    """Read a report and replace its untouched drafts with fresh ones; safe to run any number of times.

    Without `force`, a report that is already parsed or failed is left alone (a redelivered
    message); `force` re-parses it anyway (the parse_report command, a new pipeline version).
    Transient database errors propagate for the task to retry; everything else ends in FAILED.
    """
    report = _claim(report_id, force=force)
    if report is None:
        return None
    try:
        document = _read(report)
        published = report.published_on or document.published
        extractor = get_extractor()
        # Slow: no transaction and no lock while the extractor runs.
        candidates = extractor.extract(document.text, published=published)
        with transaction.atomic():
            report = Report.objects.select_for_update().get(pk=report_id)
            drafts = _replace_drafts(report, candidates)
            find_duplicates(drafts)
            report.text, report.language = document.text, document.language[:16]
            report.title = report.title or document.title[:500]
            report.published_on = published
            report.status, report.parsed_at = Status.PARSED, timezone.now()
            report.pipeline_version = str(getattr(extractor, "version", ""))[:32]
            report.failure_reason = ""
            report.save(update_fields=PARSED_FIELDS)
    except readers.ReadError as error:
        return _fail(report_id, str(error))
    except TRANSIENT_ERRORS:
        raise  # the status stays PARSING; the task's retry (or the sweep) picks the report up again
    except SoftTimeLimitExceeded:
        return _fail(report_id, TOO_LONG)
    except Exception:
        log.exception("Parsing report %s failed", report_id)
        return _fail(report_id, INTERNAL)
    log.info("Report %s parsed: %s drafts", report_id, len(drafts))
    return report


def sweep_stuck_reports(older_than: dt.timedelta = STUCK_AFTER) -> int:
    """Queue again the reports whose parse was lost; fail those tried too often. Returns how many."""
    swept = 0
    for report in Report.objects.stuck(timezone.now() - older_than).order_by("pk"):
        if report.attempts >= MAX_ATTEMPTS:
            _fail(report.pk, f"Parsing was attempted {report.attempts} times without finishing; giving up.")
        else:
            log.warning(
                "Report %s was %s since %s; queueing it again", report.pk, report.status, report.updated_at
            )
            queue_parse(report)
        swept += 1
    return swept


# --- Steps -------------------------------------------------------------------------------------


PARSED_FIELDS = [
    "text",
    "language",
    "title",
    "published_on",
    "status",
    "parsed_at",
    "pipeline_version",
    "failure_reason",
    "updated_at",
]
RUNNABLE = (Status.RECEIVED, Status.QUEUED, Status.PARSING)


def _claim(report_id: int, *, force: bool) -> Report | None:
    with transaction.atomic():
        report = Report.objects.select_for_update().filter(pk=report_id).first()
        if report is None:
            log.warning("Report %s does not exist (deleted after it was queued?)", report_id)
            return None
        # PARSING is runnable: with late acknowledgement, a message comes back when its worker died.
        if report.status not in RUNNABLE and not force:
            log.info("Report %s is already %s; nothing to do", report_id, report.status)
            return None
        report.status, report.failure_reason = Status.PARSING, ""
        report.attempts = min(report.attempts + 1, 32767)
        report.save(update_fields=["status", "failure_reason", "attempts", "updated_at"])
    return report


def _read(report: Report) -> readers.Document:
    try:
        with report.file.open("rb") as stored:
            data = stored.read(settings.REPORT_MAX_BYTES + 1)
    except (FileNotFoundError, ValueError) as error:
        raise readers.ReadError("The stored file is missing; upload the report again.") from error
    if len(data) > settings.REPORT_MAX_BYTES:
        raise readers.ReadError("The stored file is larger than the upload limit.")
    return readers.read_document(data, report.original_name, report.content_type)


def _fail(report_id: int, reason: str) -> Report | None:
    try:
        with transaction.atomic():
            report = Report.objects.select_for_update().filter(pk=report_id).first()
            if report is None:
                return None
            # The file is kept: the reason may be fixed (a setting, a new reader) and the report re-run.
            report.status, report.failure_reason = Status.FAILED, reason
            report.save(update_fields=["status", "failure_reason", "updated_at"])
    except DatabaseError:
        log.exception("Could not mark report %s failed (%s)", report_id, reason)
        raise
    log.warning("Report %s failed: %s", report_id, reason)
    return report


def untouched_drafts(report: Report):
    """This report's extracted drafts that no person has edited, reviewed or merged: safe to replace."""
    touched = (
        Incident.history.filter(report_id=report.pk)
        .filter(Q(history_type="~") | Q(history_user__isnull=False))
        .values("id")
    )
    return Incident.objects.filter(
        report=report, status=Incident.Status.DRAFT, origin=Incident.Origin.EXTRACTED, version=1
    ).exclude(pk__in=touched)


def _replace_drafts(report: Report, candidates: Iterable[Candidate]) -> list[Incident]:
    for stale in untouched_drafts(report):
        stale._history_user, stale._change_reason = None, "replaced by a new parse"
        stale.delete()
    kept = list(Incident.objects.filter(report=report).prefetch_related("source_links"))
    used = {incident.position for incident in kept}
    positions = (n for n in range(32767) if n not in used)

    locations = _locations(candidates := list(candidates))
    built: list[tuple[Incident, Candidate]] = []
    for candidate in candidates:
        if any(_same_event(candidate, incident) for incident in kept):
            continue  # an editor already has this one; a second draft would be a duplicate
        draft = _draft_from(candidate, report=report, location=locations.get(candidate.geonames_id))
        if draft is None:
            continue
        draft.position = next(positions)
        # None, not the uploader's request: "drafted by a person" is what protects a draft from replacement.
        draft._history_user = None
        built.append((draft, candidate))
    drafts = bulk_create_with_history([d for d, _ in built], Incident, default_change_reason="drafted")
    by_position = {draft.position: draft for draft in drafts}

    actors = _ActorResolver()
    links, sources = [], []
    for draft, candidate in built:
        draft = by_position[draft.position]
        links.extend(_actor_links(draft, candidate, actors))
        sources.append(
            IncidentSource(
                incident=draft,
                report=report,
                source=report.source,
                url=report.url,
                excerpt=candidate.summary,
                evidence=[span.as_dict() for span in candidate.evidence],
            )
        )
    for link in links:
        link._history_user = None
    bulk_create_with_history(links, IncidentActor, default_change_reason="drafted")
    IncidentSource.objects.bulk_create(sources)
    return drafts


def _same_event(candidate: Candidate, incident: Incident) -> bool:
    excerpts = {link.excerpt for link in incident.source_links.all() if link.excerpt}
    if candidate.summary and candidate.summary in excerpts:
        return True
    return (
        candidate.event_date == incident.event_date
        and candidate.sub_event_type == incident.sub_event_type
        and (candidate.country_iso or "").upper() == incident.country_iso
        and name_key(candidate.location or "") == name_key(incident.location_name)
    )


def _locations(candidates: list[Candidate]) -> dict[int, Location]:
    ids = {c.geonames_id for c in candidates if c.geonames_id}
    return {loc.geonames_id: loc for loc in Location.objects.filter(geonames_id__in=ids)} if ids else {}


def _draft_from(candidate: Candidate, *, report: Report, location: Location | None) -> Incident | None:
    """An unsaved draft from a candidate, or None (logged) when the candidate breaks a codebook rule."""
    event_type = EVENT_TYPE_OF.get(candidate.sub_event_type)
    country = (candidate.country_iso or "").upper()
    if event_type is None or len(country) != 2 or not isinstance(candidate.event_date, dt.date):
        log.warning("Report %s: dropped a candidate (%s, %s)", report.pk, candidate.sub_event_type, country)
        return None
    latitude, longitude = candidate.latitude, candidate.longitude
    if latitude is None or longitude is None or not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        latitude, longitude = (location.latitude, location.longitude) if location else (None, None)
    date_end = (
        candidate.date_end if candidate.date_end and candidate.date_end > candidate.event_date else None
    )
    return Incident(
        report=report,
        status=Incident.Status.DRAFT,
        origin=Incident.Origin.EXTRACTED,
        event_date=candidate.event_date,
        date_end=date_end,
        time_precision=candidate.time_precision if candidate.time_precision in (1, 2, 3) else 1,
        event_type=event_type,
        sub_event_type=candidate.sub_event_type,
        disorder_type=disorder_type_for(candidate.sub_event_type),
        civilian_targeting=bool(candidate.civilian_targeting),
        country_iso=country,
        admin1=(candidate.admin1 or (location.admin1 if location else ""))[:120],
        admin2=(candidate.admin2 or (location.admin2 if location else ""))[:120],
        location_name=(candidate.location or (location.name if location else ""))[:200],
        location=location,
        latitude=latitude,
        longitude=longitude,
        geo_precision=candidate.geo_precision if candidate.geo_precision in (1, 2, 3) else 1,
        fatalities=_count(candidate.fatalities),
        injured=_count(candidate.injured),
        confidence=candidate.confidence,
    )


def _count(value: int | None) -> int | None:
    return value if isinstance(value, int) and value >= 0 else None


# --- Actors ------------------------------------------------------------------------------------

# ACLED's inter code for a new actor the mention gives no type for, guessed from its canonical name.
_TYPE_BY_PREFIX: list[tuple[tuple[str, ...], int]] = [
    (("civilians",), ActorType.CIVILIANS),
    (("protesters",), ActorType.PROTESTERS),
    (("rioters",), ActorType.RIOTERS),
    (("military forces of", "police forces of", "government of"), ActorType.STATE_FORCES),
]
# ACLED codes an unidentified armed group as a political militia (inter 3).
DEFAULT_ACTOR_TYPE = ActorType.POLITICAL_MILITIA

ROLES = (
    (IncidentActor.Role.ACTOR1, lambda c: [c.actor1]),
    (IncidentActor.Role.ACTOR2, lambda c: [c.actor2]),
    (IncidentActor.Role.ASSOC_ACTOR1, lambda c: c.assoc_actor1),
    (IncidentActor.Role.ASSOC_ACTOR2, lambda c: c.assoc_actor2),
)


class _ActorResolver:
    """Actor rows by mention name, looked up once per parse; unknown names become new actors."""

    def __init__(self) -> None:
        self.cache: dict[tuple[str, str], Actor] = {}

    def __call__(self, mention: ActorMention, country_iso: str) -> Actor:
        key = (name_key(mention.name), country_iso)
        if key not in self.cache:
            self.cache[key] = self._resolve(mention, country_iso)
        return self.cache[key]

    @staticmethod
    def _resolve(mention: ActorMention, country_iso: str) -> Actor:
        matches = list(Actor.objects.named(mention.name))
        # The canonical name beats an alias; an alias shared by several actors ("police") goes to the
        # one of the incident's country.
        exact = [a for a in matches if a.name_key == name_key(mention.name)]
        local = [a for a in matches if a.country_iso == country_iso]
        if exact or local or matches:
            return (exact or local or matches)[0]
        actor_type = mention.actor_type if mention.actor_type in ActorType.values else None
        if actor_type is None:
            lowered = name_key(mention.name)
            actor_type = next((t for p, t in _TYPE_BY_PREFIX if lowered.startswith(p)), DEFAULT_ACTOR_TYPE)
        actor = Actor(name=mention.name.strip()[:200], actor_type=actor_type, country_iso=country_iso)
        actor._history_user, actor._change_reason = None, "created from a report"
        with transaction.atomic():  # a savepoint: another parse may create the same name meanwhile
            existing = Actor.objects.filter(name=actor.name).first()
            if existing:
                return existing
            actor.save()
        return actor


def _actor_links(draft: Incident, candidate: Candidate, resolve: _ActorResolver) -> list[IncidentActor]:
    links, seen = [], set()
    for role, mentions_of in ROLES:
        for mention in mentions_of(candidate):
            if mention is None or not (mention.name or "").strip():
                continue
            actor = resolve(mention, draft.country_iso)
            if (role, actor.pk) in seen:
                continue
            seen.add((role, actor.pk))
            links.append(
                IncidentActor(incident=draft, actor=actor, role=role, mention=(mention.mention or "")[:200])
            )
    return links


# --- Duplicates --------------------------------------------------------------------------------


def find_duplicates(drafts: list[Incident]) -> list[DuplicateCandidate]:
    """Record, for each new draft, the incidents that may be the same event (for an editor to judge).

    Same country and event type, date spans within a day of overlapping, and within 25 km or in the
    same admin1. Merged and rejected incidents are not candidates.
    """
    found = []
    new_ids = {d.pk for d in drafts}
    one_day = dt.timedelta(days=1)
    for draft in drafts:
        end = draft.date_end or draft.event_date
        others = (
            Incident.objects.exclude(pk=draft.pk)
            .exclude(status__in=[Incident.Status.MERGED, Incident.Status.REJECTED])
            .filter(country_iso=draft.country_iso, event_type=draft.event_type, event_date__lte=end + one_day)
            .alias(last_day=Coalesce("date_end", F("event_date")))
            .filter(last_day__gte=draft.event_date - one_day)
        )
        for other in others:
            if other.pk in new_ids and other.pk > draft.pk:
                continue  # a pair of new drafts is recorded once, on the later one
            score = duplicate_score(draft, other)
            if score is not None:
                found.append(DuplicateCandidate(incident=draft, candidate=other, score=score))
    return DuplicateCandidate.objects.bulk_create(found, ignore_conflicts=True)


def duplicate_score(draft: Incident, other: Incident) -> float | None:
    """How alike two incidents of the same country, type and days are (0.5–1), or None if too far apart."""
    distance = _km(draft, other)
    same_admin1 = bool(draft.admin1) and name_key(draft.admin1) == name_key(other.admin1)
    if not ((distance is not None and distance <= DUPLICATE_RADIUS_KM) or same_admin1):
        return None
    score = 0.5
    if distance is not None and distance <= DUPLICATE_RADIUS_KM:
        score += 0.2 * (1 - distance / DUPLICATE_RADIUS_KM)
    elif same_admin1:
        score += 0.05
    if draft.event_date == other.event_date:
        score += 0.15
    if draft.sub_event_type == other.sub_event_type:
        score += 0.1
    if draft.fatalities is not None and draft.fatalities == other.fatalities:
        score += 0.05
    return round(min(score, 1.0), 3)


def _km(a: Incident, b: Incident) -> float | None:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    # Haversine on a spherical Earth: plenty for a 25 km threshold.
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))
