"""The editors' and analysts' pages: thin views that read QuerySets and call `workflow`.

Every view asks `incidents.permissions`: a signed-out visitor is sent to the sign-in page, a signed-in
user without the permission (an API client, say) gets 403.
"""

from __future__ import annotations

import datetime as dt
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncWeek
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from incidents import geo, permissions, workflow
from incidents.forms import (
    DashboardFilterForm,
    IncidentFilterForm,
    IncidentForm,
    RejectForm,
    UploadForm,
)
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

Status = Incident.Status
PAGE_SIZES = (10, 25, 50, 100)
LIVE_REPORT_STATUSES = (Report.Status.RECEIVED, Report.Status.QUEUED, Report.Status.PARSING)


def allowed(check):
    """Sign-in first, then `check(user)` from incidents.permissions, else 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not (permissions.can_see_drafts(request.user) and check(request.user)):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def navigation(request) -> dict:
    """Template context processor: what the signed-in user may do, for the menu."""
    user = getattr(request, "user", None)
    return {
        "nav": {
            "app": permissions.can_see_drafts(user),
            "create": permissions.can_create(user),
            "upload": permissions.can_upload(user),
            "review": permissions.can_review(user),
            "reports": permissions.can_read_reports(user),
            "export": permissions.can_import(user),  # the CSV export is for editors
        },
        "map_tiles": {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION},
    }


def _page(request, queryset, default: int = 50):
    try:
        size = int(request.GET.get("per_page", default))
    except ValueError:
        size = default
    size = size if size in PAGE_SIZES else default
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def _query_without(request, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def _next_url(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


def _map_points(incidents) -> list[dict]:
    return [
        {
            "id": i.pk,
            "lat": i.latitude,
            "lon": i.longitude,
            "label": f"{i.public_id or '#' + str(i.pk)} · {i.sub_event_type}",
            "place": i.location_name or geo.country_name(i.country_iso) or i.country_iso,
            "date": i.event_date.isoformat(),
            "fatalities": i.fatalities,
            "url": reverse("incidents:incident-detail", args=[i.pk]),
        }
        for i in incidents
        if i.latitude is not None and i.longitude is not None
    ]


# ---------------------------------------------------------------------------------------------
# Dashboard
# ---------------------------------------------------------------------------------------------


def _every_week(rows) -> list[dict]:
    """Weekly counts with the empty weeks in between filled in, so the time axis is even."""
    by_week = {row["week"]: row for row in rows}
    if not by_week:
        return []
    week, last = min(by_week), max(by_week)
    filled = []
    while week <= last and len(filled) < 1000:
        filled.append(by_week.get(week, {"week": week, "n": 0, "deaths": 0}))
        week += dt.timedelta(days=7)
    return filled


@allowed(permissions.can_see_drafts)
def dashboard(request):
    form = DashboardFilterForm(request.GET or None)
    incidents = form.filter(Incident.objects.visible_to(request.user))
    by_status = dict(incidents.order_by().values_list("status").annotate(n=Count("id")))
    published = incidents.filter(status=Status.PUBLISHED)
    weekly = _every_week(
        published.annotate(week=TruncWeek("event_date"))
        .order_by("week")
        .values("week")
        .annotate(n=Count("id"), deaths=Sum("fatalities"))
    )
    by_type = list(
        published.order_by().values("event_type").annotate(n=Count("id"), deaths=Sum("fatalities"))
    )
    by_type.sort(key=lambda row: -row["n"])
    recent = published.only(
        "pk",
        "public_id",
        "event_date",
        "sub_event_type",
        "location_name",
        "country_iso",
        "fatalities",
        "latitude",
        "longitude",
    ).order_by("-event_date", "-id")[:500]
    charts = {
        "weekly": {
            "labels": [row["week"].isoformat() for row in weekly],
            "incidents": [row["n"] for row in weekly],
            "fatalities": [row["deaths"] or 0 for row in weekly],
            "incidentsLabel": _("Published incidents"),
            "fatalitiesLabel": _("Fatalities"),
        },
        "byType": {
            "labels": [row["event_type"] for row in by_type],
            "incidents": [row["n"] for row in by_type],
            "fatalities": [row["deaths"] or 0 for row in by_type],
            "incidentsLabel": _("Published incidents"),
            "fatalitiesLabel": _("Fatalities"),
        },
    }
    my_drafts = (
        Incident.objects.filter(status=Status.DRAFT)
        .filter(Q(created_by=request.user) | Q(report__uploaded_by=request.user))
        .order_by("-created_at")[:10]
    )
    context = {
        "form": form,
        "status_counts": [(label, by_status.get(value, 0), value) for value, label in Status.choices],
        "queue_length": Incident.objects.filter(status=Status.DRAFT).count(),
        "my_drafts": my_drafts,
        "charts": charts,
        "map_points": _map_points(recent),
        "weekly_table": weekly,
        "type_table": by_type,
    }
    return render(request, "incidents/dashboard.html", context)


# ---------------------------------------------------------------------------------------------
# Incidents
# ---------------------------------------------------------------------------------------------


@allowed(permissions.can_see_drafts)
def incident_list(request):
    form = IncidentFilterForm(request.GET or None)
    incidents = form.filter(Incident.objects.visible_to(request.user).with_related())
    page = _page(request, incidents)
    context = {
        "form": form,
        "page": page,
        "incidents": page.object_list,
        "query": _query_without(request, "page"),
        "export_url": "/datasets/export.csv?" + _query_export(request),
        "map_points": _map_points(page.object_list),
    }
    return render(request, "incidents/incident_list.html", context)


def _query_export(request) -> str:
    """The list's filters, under the CSV export's names (the same as the form's)."""
    pairs = [("format", "acled")]
    pairs += [(name, request.GET[name]) for name in IncidentFilterForm.EXPORT_FIELDS if request.GET.get(name)]
    return urlencode(pairs)


FIELD_ORDER = (
    "public_id",
    "status",
    "origin",
    "event_date",
    "date_end",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
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
    "confidence",
    "report",
    "dataset",
    "external_id",
    "merged_into",
    "rejection_reason",
    "published_at",
    "version",
)


def _field_rows(incident: Incident) -> list[tuple[str, object]]:
    rows = []
    for name in FIELD_ORDER:
        field = Incident._meta.get_field(name)
        if field.choices:
            value = getattr(incident, f"get_{name}_display")()
        elif name == "country_iso":
            value = f"{geo.country_name(incident.country_iso) or ''} ({incident.country_iso})"
        elif name == "tags":
            value = ", ".join(incident.tags or [])
        else:
            value = getattr(incident, name)
        if isinstance(value, bool):
            value = _("Yes") if value else _("No")
        rows.append((field.verbose_name, value))
    return rows


def _display(value) -> str:
    if value in (None, ""):
        return "–"
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "–"
    return str(value)


def _history(incident: Incident) -> list[dict]:
    """The change history, newest first: who, when, why, and each field's old and new value."""
    records = list(incident.history.select_related("history_user").order_by("history_date", "history_id"))
    entries = []
    previous = None
    for record in records:
        changes = []
        if previous is not None:
            delta = record.diff_against(previous, excluded_fields=["version"])
            for change in delta.changes:
                label = Incident._meta.get_field(change.field).verbose_name
                changes.append((label, _display(change.old), _display(change.new)))
        entries.append(
            {
                "when": record.history_date,
                "who": record.history_user,
                "why": record.history_change_reason or record.get_history_type_display(),
                "changes": changes,
            }
        )
        previous = record
    # Actor links have their own history table: each addition or removal is one entry. Replacing an
    # incident's actors deletes its links and creates them again, so a removal of a link that exists
    # now is not a change.
    current = {(link.role, link.actor_id) for link in incident.actor_links.all()}
    links = IncidentActor.history.filter(incident_id=incident.pk).select_related("history_user", "actor")
    for link in links:
        sign = {"+": "+", "-": "−"}.get(link.history_type)
        if sign is None or (sign == "−" and (link.role, link.actor_id) in current):
            continue
        entries.append(
            {
                "when": link.history_date,
                "who": link.history_user,
                "why": _("actor added") if sign == "+" else _("actor removed"),
                "changes": [
                    (
                        IncidentActor.Role(link.role).label,
                        "" if sign == "+" else link.actor,
                        link.actor if sign == "+" else "",
                    )
                ],
            }
        )
    entries.sort(key=lambda entry: entry["when"], reverse=True)
    return entries


@allowed(permissions.can_see_drafts)
def incident_detail(request, pk: int):
    incident = get_object_or_404(Incident.objects.visible_to(request.user).with_related(), pk=pk)
    candidates = _duplicates_of(incident)
    context = {
        "incident": incident,
        "fields": _field_rows(incident),
        "history": _history(incident),
        "candidates": candidates,
        "map_points": _map_points([incident]),
        "reject_form": RejectForm(),
        "can_review": permissions.can_review(request.user),
        "can_edit": permissions.can_edit(request.user) and incident.status != Status.MERGED,
    }
    return render(request, "incidents/incident_detail.html", context)


def _duplicates_of(incident: Incident) -> list[dict]:
    """Possible duplicates, recorded on either incident of the pair (a pair is stored once)."""
    pairs = (
        DuplicateCandidate.objects.filter(Q(incident=incident) | Q(candidate=incident), dismissed=False)
        .select_related("incident", "candidate")
        .order_by("-score")
    )
    found = []
    for pair in pairs:
        other = pair.candidate if pair.incident_id == incident.pk else pair.incident
        if other.status != Status.MERGED:
            found.append({"other": other, "score": pair.score})
    return found


def _save(request, incident: Incident | None):
    """Validate an IncidentForm and save it through workflow: (form, saved incident or None, conflict)."""
    form = IncidentForm(request.POST, incident=incident)
    if not form.is_valid():
        return form, None, None
    try:
        with transaction.atomic():  # a new actor made for this save goes if the save fails
            if incident is None:
                saved = workflow.create_incident(
                    form.workflow_data(), user=request.user, actors=form.actor_triples()
                )
            else:
                actors = form.actor_triples()
                before = {(link.role, link.actor_id) for link in incident.actor_links.all()}
                saved = workflow.update_incident(
                    incident,
                    form.workflow_data(),
                    editor=request.user,
                    expected_version=form.cleaned_data["version"] or 0,
                    # Unchanged actors are left alone rather than deleted and linked again.
                    actors=actors if {(role, a.pk) for role, a, _m in actors} != before else None,
                )
    except workflow.StaleVersion as stale:
        current = Incident.objects.with_related().get(pk=incident.pk)
        stored = IncidentForm.initial_from(current)
        yours = form.cleaned_data
        conflict = [
            (form.fields[name].label, _display(stored.get(name)), _display(yours.get(name)))
            for name in (*IncidentForm.WORKFLOW_FIELDS, "actor1", "actor2")
            if name in form.fields
            and name != "location"
            and _display(stored.get(name)) != _display(yours.get(name))
        ]
        # Show the person's own input again, now based on the stored version: saving it again is a
        # deliberate choice to overwrite, made after seeing the differences listed above the form.
        data = request.POST.copy()
        data["version"] = current.version
        form = IncidentForm(data, incident=current)
        form.is_valid()
        form.add_error(
            None,
            _(
                "Not saved: someone else saved this incident while you were editing it (you edited "
                "version %(yours)s; it is now at version %(current)s). Their changes are kept. Your "
                "input is below; compare it with theirs and save again to apply it."
            )
            % {"yours": stale.expected, "current": stale.current},
        )
        return form, None, {"rows": conflict, "current": current}
    except workflow.TransitionError as error:
        form.add_error(None, str(error))
        return form, None, None
    except ValidationError as error:
        form.apply_validation_error(error)
        return form, None, None
    return form, saved, None


@allowed(permissions.can_create)
def incident_create(request):
    form = IncidentForm() if request.method != "POST" else None
    if request.method == "POST":
        form, saved, _conflict = _save(request, None)
        if saved:
            messages.success(request, _("Draft %(incident)s saved.") % {"incident": saved})
            return redirect("incidents:incident-detail", saved.pk)
    return render(request, "incidents/incident_form.html", {"form": form, "incident": None})


@allowed(permissions.can_edit)
def incident_edit(request, pk: int):
    incident = get_object_or_404(Incident.objects.visible_to(request.user).with_related(), pk=pk)
    if incident.status == Status.MERGED:
        messages.error(request, _("This incident was merged into another; edit that one."))
        return redirect("incidents:incident-detail", incident.merged_into_id)
    conflict = None
    form = IncidentForm(incident=incident)
    if request.method == "POST":
        form, saved, conflict = _save(request, incident)
        if saved:
            messages.success(request, _("Saved version %(version)s.") % {"version": saved.version})
            return redirect(_next_url(request, reverse("incidents:incident-detail", args=[saved.pk])))
    context = {"form": form, "incident": incident, "conflict": conflict}
    return render(request, "incidents/incident_form.html", context, status=409 if conflict else 200)


def _transition(request, pk: int, action):
    incident = get_object_or_404(Incident.objects.visible_to(request.user), pk=pk)
    try:
        result = action(incident)
    except workflow.TransitionError as error:
        messages.error(request, str(error))
        return None, incident
    return result, incident


def _next_draft_url() -> str:
    draft = _queue().first()
    if draft is None:
        return reverse("incidents:review-queue")
    return reverse("incidents:review", args=[draft.pk])


@require_POST
@allowed(permissions.can_review)
def incident_publish(request, pk: int):
    result, incident = _transition(request, pk, lambda i: workflow.publish(i, editor=request.user))
    if result:
        messages.success(request, _("Published %(id)s.") % {"id": result.public_id})
        if request.POST.get("then") == "next":
            return redirect(_next_draft_url())
    return redirect(_next_url(request, reverse("incidents:incident-detail", args=[pk])))


@require_POST
@allowed(permissions.can_review)
def incident_reject(request, pk: int):
    form = RejectForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason to reject an incident."))
        return redirect(_next_url(request, reverse("incidents:incident-detail", args=[pk])))
    reason = form.cleaned_data["reason"]
    result, incident = _transition(
        request, pk, lambda i: workflow.reject(i, editor=request.user, reason=reason)
    )
    if result:
        messages.success(request, _("Rejected incident #%(pk)s.") % {"pk": pk})
        if request.POST.get("then") == "next":
            return redirect(_next_draft_url())
    return redirect(_next_url(request, reverse("incidents:incident-detail", args=[pk])))


@require_POST
@allowed(permissions.can_review)
def incident_merge(request, pk: int):
    """Merge incident `pk` (the duplicate) into the one named by POST `into` (kept)."""
    visible = Incident.objects.visible_to(request.user)
    duplicate = get_object_or_404(visible, pk=pk)
    kept = get_object_or_404(visible, pk=request.POST.get("into") or 0)
    try:
        kept = workflow.merge(duplicate, into=kept, editor=request.user)
    except workflow.TransitionError as error:
        messages.error(request, str(error))
        return redirect(_next_url(request, reverse("incidents:incident-detail", args=[pk])))
    messages.success(request, _("Merged #%(dup)s into #%(kept)s.") % {"dup": duplicate.pk, "kept": kept.pk})
    fallback = reverse("incidents:incident-detail", args=[kept.pk])
    target = _next_url(request, fallback)
    # Coming from the review of the incident that was just merged away: go on with the kept one.
    if target.rstrip("/").endswith(f"/{duplicate.pk}"):
        target = reverse("incidents:review", args=[kept.pk]) if kept.status == Status.DRAFT else fallback
    return redirect(target)


# ---------------------------------------------------------------------------------------------
# Reports: upload, live status, highlighted text
# ---------------------------------------------------------------------------------------------


def _reports():
    return Report.objects.select_related("source", "uploaded_by").prefetch_related("drafts")


@allowed(permissions.can_upload)
def report_upload(request):
    form = UploadForm()
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            received = 0
            for upload in data["files"]:
                try:
                    report, created = workflow.receive_report(
                        upload,
                        user=request.user,
                        published_on=data["published_on"],
                        source=data["source"],
                        url=data["url"],
                    )
                except workflow.UploadRejected as error:
                    messages.error(request, f"{upload.name}: {error}")
                    continue
                received += 1
                if not created:
                    messages.info(
                        request,
                        _("%(name)s was uploaded before, as report #%(pk)s.")
                        % {"name": upload.name, "pk": report.pk},
                    )
            if received:
                text = ngettext("%(n)s file received.", "%(n)s files received.", received)
                messages.success(request, text % {"n": received})
            return redirect("incidents:report-upload")
    page = _page(request, _reports(), default=25)
    context = {"form": form, "page": page, "reports": page.object_list, "live": LIVE_REPORT_STATUSES}
    return render(request, "incidents/report_upload.html", context)


@allowed(permissions.can_read_reports)
def report_status(request, pk: int):
    """One report's row, polled by htmx every 2 s while it is being parsed."""
    report = get_object_or_404(_reports(), pk=pk)
    return render(request, "incidents/_report_row.html", {"report": report, "live": LIVE_REPORT_STATUSES})


def highlight(text: str, spans: list[dict], *, classes=lambda span: "") -> str:
    """The report text as HTML with every evidence span in a <mark>; everything is escaped.

    Spans are character offsets into `text` and may overlap: the text is cut at every span
    boundary and each piece is marked with all the spans that cover it.
    """
    length = len(text)
    clean = []
    for span in spans:
        try:
            start, end = max(0, int(span["start"])), min(length, int(span["end"]))
        except (KeyError, TypeError, ValueError):
            continue
        if start < end:
            clean.append((start, end, span))
    cuts = sorted({0, length, *(s for s, _, _ in clean), *(e for _, e, _ in clean)})
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = [span for s, e, span in clean if s <= start and end <= e]
        piece = text[start:end]
        if not covering:
            pieces.append((piece, None, None))
            continue
        names = sorted({str(span.get("field", "")) for span in covering})
        css = " ".join(
            sorted({"ev", *(f"ev-{name}" for name in names), *(classes(s) for s in covering)} - {""})
        )
        pieces.append((piece, css, ", ".join(names)))
    return format_html_join(
        "",
        "{}",
        (
            (format_html('<mark class="{}" title="{}">{}</mark>', css, title, piece) if css else piece,)
            for piece, css, title in pieces
        ),
    )


@allowed(permissions.can_read_reports)
def report_detail(request, pk: int):
    report = get_object_or_404(_reports(), pk=pk)
    links = IncidentSource.objects.filter(report=report).select_related("incident")
    spans = [
        {**span, "incident": link.incident_id}
        for link in links
        for span in (link.evidence or [])
        if isinstance(span, dict)
    ]
    context = {
        "report": report,
        "text_html": highlight(report.text, spans, classes=lambda s: f"ev-incident-{s['incident']}"),
        "drafts": report.drafts.all(),
        "live": LIVE_REPORT_STATUSES,
    }
    return render(request, "incidents/report_detail.html", context)


@allowed(permissions.can_read_reports)
def report_file(request, pk: int):
    report = get_object_or_404(Report, pk=pk)
    try:
        handle = report.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404(_("The file of this report is missing.")) from missing
    return FileResponse(handle, as_attachment=True, filename=report.original_name)


# ---------------------------------------------------------------------------------------------
# Review queue
# ---------------------------------------------------------------------------------------------


def _queue():
    return Incident.objects.filter(status=Status.DRAFT).order_by("created_at", "id")


@allowed(permissions.can_review)
def review_queue(request):
    page = _page(request, _queue().with_related().select_related("report"))
    return render(request, "incidents/review_queue.html", {"page": page, "drafts": page.object_list})


@allowed(permissions.can_review)
def review(request, pk: int):
    incident = get_object_or_404(Incident.objects.with_related().select_related("report"), pk=pk)
    conflict = None
    form = IncidentForm(incident=incident)
    if request.method == "POST":
        form, saved, conflict = _save(request, incident)
        if saved:
            messages.success(request, _("Saved version %(version)s.") % {"version": saved.version})
            return redirect("incidents:review", saved.pk)
    queue = _queue()
    previous = next_one = None
    if incident.status == Status.DRAFT:
        before = Q(created_at__lt=incident.created_at) | Q(created_at=incident.created_at, id__lt=incident.pk)
        after = Q(created_at__gt=incident.created_at) | Q(created_at=incident.created_at, id__gt=incident.pk)
        previous = queue.filter(before).order_by("-created_at", "-id").first()
        next_one = queue.filter(after).first()
    links = [link for link in incident.source_links.all() if link.report_id]
    report = incident.report or (links[0].report if links else None)
    spans = [
        span
        for link in links
        if report and link.report_id == report.pk
        for span in (link.evidence or [])
        if isinstance(span, dict)
    ]
    fields = sorted({str(span.get("field", "")) for span in spans} - {""})
    candidates = _duplicates_of(incident)
    context = {
        "incident": incident,
        "form": form,
        "conflict": conflict,
        "report": report,
        "text_html": highlight(report.text, spans) if report else "",
        "evidence_fields": fields,
        "candidates": candidates,
        "previous": previous,
        "next": next_one,
        "queue_length": queue.count(),
        "reject_form": RejectForm(),
    }
    return render(request, "incidents/review.html", context, status=409 if conflict else 200)


# ---------------------------------------------------------------------------------------------
# Actors and places
# ---------------------------------------------------------------------------------------------


@allowed(permissions.can_see_drafts)
def actor_list(request):
    q = request.GET.get("q", "").strip()
    actors = Actor.objects.annotate(n=Count("incident_links__incident", distinct=True))
    if q:
        matches = Actor.objects.filter(Q(name__icontains=q) | Q(aliases__name__icontains=q)).values("pk")
        actors = actors.filter(pk__in=matches)
    else:
        actors = actors.filter(n__gt=0)
    page = _page(request, actors.order_by("-n", "name"))
    return render(
        request,
        "incidents/actor_list.html",
        {"page": page, "actors": page.object_list, "q": q, "query": _query_without(request, "page")},
    )


@allowed(permissions.can_see_drafts)
def actor_detail(request, pk: int):
    actor = get_object_or_404(Actor.objects.select_related("parent").prefetch_related("aliases"), pk=pk)
    incidents = (
        Incident.objects.visible_to(request.user)
        .exclude(status=Status.MERGED)
        .filter(actor_links__actor=actor)
        .distinct()
        .with_related()
        .order_by("-event_date", "-id")
    )
    page = _page(request, incidents)
    context = {"actor": actor, "page": page, "incidents": page.object_list, "map_points": _map_points(page)}
    return render(request, "incidents/actor_detail.html", context)


@allowed(permissions.can_see_drafts)
def place_list(request):
    q = request.GET.get("q", "").strip()
    country = request.GET.get("country", "").strip().upper()
    if q:
        places = Location.objects.filter(name_key__startswith=name_key(q)).order_by("-population", "name")
    else:
        # 174k gazetteer rows: without a search, list the places that have incidents, most first.
        places = Location.objects.filter(incidents__isnull=False).distinct()
    if country:
        places = places.filter(country_iso=country)
    places = places.annotate(n=Count("incidents", distinct=True))
    if not q:
        places = places.order_by("-n", "name")
    page = _page(request, places)
    context = {
        "page": page,
        "places": page.object_list,
        "q": q,
        "country": country,
        "countries": geo.all_countries(),
        "query": _query_without(request, "page"),
    }
    return render(request, "incidents/place_list.html", context)


@allowed(permissions.can_see_drafts)
def place_detail(request, pk: int):
    place = get_object_or_404(Location, pk=pk)
    incidents = (
        Incident.objects.visible_to(request.user)
        .exclude(status=Status.MERGED)
        .filter(
            Q(location=place)
            | Q(location__isnull=True, location_name__iexact=place.name, country_iso=place.country_iso)
        )
        .with_related()
        .order_by("-event_date", "-id")
    )
    page = _page(request, incidents)
    pin = [
        {
            "id": 0,
            "lat": place.latitude,
            "lon": place.longitude,
            "label": str(place),
            "place": "",
            "date": "",
            "fatalities": None,
            "url": "",
        }
    ]
    context = {"place": place, "page": page, "incidents": page.object_list, "map_points": pin}
    return render(request, "incidents/place_detail.html", context)


# ---------------------------------------------------------------------------------------------
# Autocomplete (JSON for form.js)
# ---------------------------------------------------------------------------------------------


@allowed(permissions.can_see_drafts)
def actor_autocomplete(request):
    q = request.GET.get("q", "").strip()
    if len(q) < 2:
        return JsonResponse({"results": []})
    exact = list(Actor.objects.named(q)[:5])
    similar = Actor.objects.filter(Q(name__icontains=q) | Q(aliases__name__icontains=q)).distinct()
    seen = {actor.pk for actor in exact}
    results = exact + [actor for actor in similar.order_by("name")[:20] if actor.pk not in seen]
    return JsonResponse(
        {
            "results": [
                {"id": a.pk, "name": a.name, "type": a.get_actor_type_display(), "country": a.country_iso}
                for a in results[:20]
            ]
        }
    )


@allowed(permissions.can_see_drafts)
def place_autocomplete(request):
    q = request.GET.get("q", "").strip()
    if len(q) < 2:
        return JsonResponse({"results": []})
    places = Location.objects.filter(name_key__startswith=name_key(q))
    if country := request.GET.get("country", "").strip().upper():
        places = places.filter(country_iso=country)
    places = places.order_by("-population")[:15]
    return JsonResponse(
        {
            "results": [
                {
                    "id": p.pk,
                    "name": p.name,
                    "label": str(p),
                    "country": p.country_iso,
                    "admin1": p.admin1,
                    "admin2": p.admin2,
                    "lat": p.latitude,
                    "lon": p.longitude,
                }
                for p in places
            ]
        }
    )
