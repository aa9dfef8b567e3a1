"""The editors' and analysts' pages: thin views that read QuerySets and call `workflow`."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import DetailView, ListView

from incidents.models import Incident


class IncidentListView(LoginRequiredMixin, ListView):
    template_name = "incidents/incident_list.html"
    paginate_by = 50

    def get_queryset(self):
        return Incident.objects.visible_to(self.request.user).with_related()


class IncidentDetailView(LoginRequiredMixin, DetailView):
    template_name = "incidents/incident_detail.html"

    def get_queryset(self):
        return Incident.objects.visible_to(self.request.user).with_related()
