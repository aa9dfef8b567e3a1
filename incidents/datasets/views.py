"""Dataset pages: upload a file to import, follow its progress, export the filtered incident list."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from incidents import permissions
from incidents.datasets import exporter, jobs
from incidents.datasets.forms import ImportForm
from incidents.models import ImportJob, Incident


def _require_import(user) -> None:
    if not permissions.can_import(user):
        raise PermissionDenied("Importing and exporting datasets needs the import permission.")


@login_required
def import_create(request):
    _require_import(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = jobs.start_import(
            form.cleaned_data["file"],
            dataset=form.cleaned_data["format"],
            target_status=form.cleaned_data["target_status"],
            dry_run=form.cleaned_data["dry_run"],
            user=request.user,
        )
        return redirect("datasets:import-detail", pk=job.pk)
    recent = ImportJob.objects.select_related("created_by")[:20]
    return render(request, "datasets/import_form.html", {"form": form, "jobs": recent})


@login_required
def import_detail(request, pk: int):
    _require_import(request.user)
    job = get_object_or_404(ImportJob, pk=pk)
    percent = None
    if job.rows_total:
        percent = min(100, round(100 * job.rows_done / job.rows_total))
    running = job.status in (ImportJob.Status.QUEUED, ImportJob.Status.RUNNING)
    return render(
        request, "datasets/import_detail.html", {"job": job, "percent": percent, "running": running}
    )


@login_required
def export_csv(request):
    """The incident list's current filter as ACLED or UCDP GED CSV, streamed."""
    _require_import(request.user)
    dataset = request.GET.get("format", "acled")
    if dataset not in exporter.EXPORTS:
        return HttpResponseBadRequest(f"format must be one of {', '.join(exporter.EXPORTS)}")
    try:
        queryset = exporter.filter_incidents(Incident.objects.visible_to(request.user), request.GET)
    except exporter.FilterError as error:
        return HttpResponseBadRequest(str(error))
    response = StreamingHttpResponse(exporter.stream_csv(queryset, dataset), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="incidents-{dataset}.csv"'
    return response
