from django import forms
from django.utils.translation import gettext_lazy as _

from incidents.models import ImportJob, Incident


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"), help_text=_("An ACLED or UCDP GED export, as CSV."))
    format = forms.ChoiceField(label=_("Format"), choices=ImportJob.Format.choices)
    target_status = forms.ChoiceField(
        label=_("New incidents are"),
        choices=[(Incident.Status.PUBLISHED, _("Published")), (Incident.Status.DRAFT, _("Drafts to review"))],
        initial=Incident.Status.PUBLISHED,
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: check and count, write nothing"), required=False, initial=False
    )
