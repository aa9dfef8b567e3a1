"""Forms of the analysts' and editors' pages: they parse and validate input; `workflow` changes state."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from incidents import geo
from incidents.models import Actor, Incident, IncidentActor, Location
from incidents.taxonomy import (
    EVENT_TYPE_OF,
    SUB_EVENT_TYPES,
    ActorType,
    EventType,
    GeoPrecision,
    SubEventType,
    TimePrecision,
)
from incidents.workflow import incidents as workflow_incidents

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _country_choices(blank: str) -> list[tuple[str, str]]:
    return [("", blank), *geo.all_countries()]


def _sub_event_choices(blank: str) -> list:
    # Grouped by event type, so the browser shows (and form.js filters) the right ones.
    labels = dict(SubEventType.choices)
    groups = [(str(event), [(sub, labels[sub]) for sub in subs]) for event, subs in SUB_EVENT_TYPES.items()]
    return [("", blank), *groups]


# ---------------------------------------------------------------------------------------------
# Filters (the names are the CSV export's: country, admin1, event_type, sub_event_type, ...)
# ---------------------------------------------------------------------------------------------


class IncidentFilterForm(forms.Form):
    SORTS = {
        "-event_date": _("Newest first"),
        "event_date": _("Oldest first"),
        "-fatalities": _("Most fatalities"),
        "country_iso": _("Country"),
        "-updated_at": _("Recently changed"),
    }

    q = forms.CharField(label=_("Search"), required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("To"), required=False, widget=DATE)
    country = forms.ChoiceField(label=_("Country"), required=False)
    admin1 = forms.CharField(label=_("Admin1"), required=False)
    event_type = forms.ChoiceField(
        label=_("Event type"), required=False, choices=[("", _("Any")), *EventType.choices]
    )
    sub_event_type = forms.ChoiceField(label=_("Sub-event type"), required=False)
    actor = forms.CharField(label=_("Actor"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any")), *Incident.Status.choices]
    )
    min_fatalities = forms.IntegerField(label=_("Min. fatalities"), required=False, min_value=0)
    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=list(SORTS.items()))

    EXPORT_FIELDS = (
        "country",
        "admin1",
        "event_type",
        "sub_event_type",
        "date_from",
        "date_to",
        "status",
        "min_fatalities",
    )

    def __init__(self, *args, public_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = _country_choices(_("Any"))
        self.fields["sub_event_type"].choices = _sub_event_choices(_("Any"))
        if public_only:
            del self.fields["status"]

    def filter(self, queryset):
        """The incidents matching the valid filters (invalid ones are ignored and shown as errors)."""
        if self.is_bound:
            self.is_valid()  # fills cleaned_data with the fields that are valid
        data = {k: v for k, v in getattr(self, "cleaned_data", {}).items() if v not in (None, "")}
        if data.get("date_from"):
            queryset = queryset.filter(event_date__gte=data["date_from"])
        if data.get("date_to"):
            queryset = queryset.filter(event_date__lte=data["date_to"])
        if data.get("country"):
            queryset = queryset.filter(country_iso=data["country"])
        if data.get("admin1"):
            # Exact, as the CSV export filters: "export these" must export the same rows.
            queryset = queryset.filter(admin1=data["admin1"].strip())
        if data.get("event_type"):
            queryset = queryset.filter(event_type=data["event_type"])
        if data.get("sub_event_type"):
            queryset = queryset.filter(sub_event_type=data["sub_event_type"])
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        else:
            # Merged incidents are tombstones pointing at the kept one: listed only when asked for.
            queryset = queryset.exclude(status=Incident.Status.MERGED)
        if data.get("min_fatalities") is not None:
            queryset = queryset.filter(fatalities__gte=data["min_fatalities"])
        if data.get("actor"):
            name = data["actor"].strip()
            actors = Actor.objects.filter(Q(name__icontains=name) | Q(aliases__name__icontains=name))
            queryset = queryset.filter(actor_links__actor__in=actors.values("pk")).distinct()
        if data.get("q"):
            text = data["q"].strip()
            queryset = queryset.filter(
                Q(notes__icontains=text)
                | Q(location_name__icontains=text)
                | Q(admin1__icontains=text)
                | Q(public_id__iexact=text)
            )
        return queryset.order_by(data.get("sort") or "-event_date", "-id")


class DashboardFilterForm(forms.Form):
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("To"), required=False, widget=DATE)
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = _country_choices(_("All countries"))

    def filter(self, queryset):
        if not (self.is_bound and self.is_valid()):
            return queryset
        data = self.cleaned_data
        if data.get("date_from"):
            queryset = queryset.filter(event_date__gte=data["date_from"])
        if data.get("date_to"):
            queryset = queryset.filter(event_date__lte=data["date_to"])
        if data.get("country"):
            queryset = queryset.filter(country_iso=data["country"])
        return queryset


# ---------------------------------------------------------------------------------------------
# Logging and editing an incident
# ---------------------------------------------------------------------------------------------


class IncidentForm(forms.Form):
    """Every field a person may set (workflow.EDITABLE_FIELDS), the two main actors, and the version."""

    event_date = forms.DateField(label=_("Event date"), widget=DATE)
    date_end = forms.DateField(
        label=_("End date"), required=False, widget=DATE, help_text=_("Only for events spanning days.")
    )
    time_precision = forms.TypedChoiceField(
        label=_("Time precision"), choices=TimePrecision.choices, coerce=int, initial=TimePrecision.DAY
    )
    event_type = forms.ChoiceField(label=_("Event type"), choices=[("", "—"), *EventType.choices])
    sub_event_type = forms.ChoiceField(label=_("Sub-event type"))
    civilian_targeting = forms.BooleanField(label=_("Civilians targeted"), required=False)
    actor1 = forms.CharField(label=_("Actor 1"), required=False, max_length=200)
    actor1_new_type = forms.TypedChoiceField(
        label=_("New actor 1's type"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("— existing actor —")), *ActorType.choices],
    )
    actor2 = forms.CharField(label=_("Actor 2"), required=False, max_length=200)
    actor2_new_type = forms.TypedChoiceField(
        label=_("New actor 2's type"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("— existing actor —")), *ActorType.choices],
    )
    country_iso = forms.ChoiceField(label=_("Country"))
    admin1 = forms.CharField(label=_("Admin1"), required=False, max_length=120)
    admin2 = forms.CharField(label=_("Admin2"), required=False, max_length=120)
    admin3 = forms.CharField(label=_("Admin3"), required=False, max_length=120)
    location_name = forms.CharField(label=_("Location"), required=False, max_length=200)
    location = forms.ModelChoiceField(
        queryset=Location.objects.all(), required=False, widget=forms.HiddenInput
    )
    latitude = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    longitude = forms.FloatField(label=_("Longitude"), required=False, min_value=-180, max_value=180)
    geo_precision = forms.TypedChoiceField(
        label=_("Geo precision"), choices=GeoPrecision.choices, coerce=int, initial=GeoPrecision.PLACE
    )
    fatalities = forms.IntegerField(
        label=_("Fatalities"), required=False, min_value=0, help_text=_("Empty: not stated; 0: none.")
    )
    fatalities_low = forms.IntegerField(label=_("Low estimate"), required=False, min_value=0)
    fatalities_high = forms.IntegerField(label=_("High estimate"), required=False, min_value=0)
    injured = forms.IntegerField(label=_("Injured"), required=False, min_value=0)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    tags = forms.CharField(label=_("Tags"), required=False, help_text=_("Separated by commas."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    # What the form hands to workflow.create_incident/update_incident: every field a person may set,
    # except the disorder type, which the workflow derives from the sub-event type.
    WORKFLOW_FIELDS = tuple(f for f in workflow_incidents.EDITABLE_FIELDS if f != "disorder_type")

    def __init__(self, *args, incident: Incident | None = None, **kwargs):
        self.incident = incident
        if incident is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_from(incident)
        super().__init__(*args, **kwargs)
        self.fields["country_iso"].choices = _country_choices("—")
        self.fields["sub_event_type"].choices = _sub_event_choices("—")
        self.fields["actor1"].widget.attrs.update(
            {"data-autocomplete": "actor", "autocomplete": "off", "list": "id_actor1-options"}
        )
        self.fields["actor2"].widget.attrs.update(
            {"data-autocomplete": "actor", "autocomplete": "off", "list": "id_actor2-options"}
        )
        self.fields["location_name"].widget.attrs.update(
            {"data-autocomplete": "place", "autocomplete": "off", "list": "id_location_name-options"}
        )

    @classmethod
    def initial_from(cls, incident: Incident) -> dict:
        initial = {field: getattr(incident, field) for field in cls.WORKFLOW_FIELDS}
        initial["location"] = incident.location_id
        initial["tags"] = ", ".join(incident.tags or [])
        initial["actor1"] = incident.actor1.name if incident.actor1 else ""
        initial["actor2"] = incident.actor2.name if incident.actor2 else ""
        initial["version"] = incident.version
        return initial

    def clean_tags(self) -> list[str]:
        return [tag.strip() for tag in self.cleaned_data["tags"].split(",") if tag.strip()]

    def _clean_actor(self, role: str):
        name = (self.cleaned_data.get(role) or "").strip()
        new_type = self.cleaned_data.get(f"{role}_new_type")
        if not name:
            return None
        actor = Actor.objects.named(name).first()
        if actor is not None:
            return actor
        if new_type is None:
            self.add_error(
                role,
                _("No actor is called “%(name)s”. Pick one from the list, or choose a type to add it.")
                % {"name": name},
            )
            return None
        return Actor(name=name, actor_type=new_type, country_iso=self.cleaned_data.get("country_iso", ""))

    def clean(self):
        data = super().clean()
        sub, event = data.get("sub_event_type"), data.get("event_type")
        if sub and event and EVENT_TYPE_OF.get(sub) != event:
            self.add_error(
                "sub_event_type",
                _("“%(sub)s” is not a sub-event type of %(event)s.") % {"sub": sub, "event": event},
            )
        start, end = data.get("event_date"), data.get("date_end")
        if start and end and end < start:
            self.add_error("date_end", _("The end date cannot be before the event date."))
        self.actor_objects = {role: self._clean_actor(role) for role in ("actor1", "actor2")}
        return data

    def workflow_data(self) -> dict:
        return {field: self.cleaned_data.get(field) for field in self.WORKFLOW_FIELDS}

    def actor_triples(self) -> list[tuple[str, Actor, str]]:
        """(role, actor, mention) for workflow.set_actors; new actors are saved here, on a valid save."""
        triples = []
        kept_mentions = {}
        if self.incident is not None:
            kept_mentions = {(k.role, k.actor_id): k.mention for k in self.incident.actor_links.all()}
        for role in ("actor1", "actor2"):
            actor = self.actor_objects.get(role)
            if actor is None:
                continue
            if actor.pk is None:
                actor.save()
            triples.append((role, actor, kept_mentions.get((role, actor.pk), "")))
        if self.incident is not None:
            # Associated actors are not on this form: keep them as they are.
            for link in self.incident.actor_links.all():
                if link.role in (IncidentActor.Role.ASSOC_ACTOR1, IncidentActor.Role.ASSOC_ACTOR2):
                    triples.append((link.role, link.actor, link.mention))
        return triples

    def apply_validation_error(self, error) -> None:
        """Show a model ValidationError (from workflow's full_clean) next to the fields it names."""
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        else:
            self.add_error(None, error.messages)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejection"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        # workflow.receive_report refuses an empty file with its own message, per file.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if not data:
            return single(None, initial)  # "This field is required."
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Report files"), help_text=_("PDF, Word, HTML or text; several at once, or drop them here.")
    )
    published_on = forms.DateField(label=_("Publication date"), required=False, widget=DATE)
    source = forms.CharField(label=_("Outlet"), required=False, max_length=200)
    url = forms.URLField(label=_("Address of the article"), required=False, max_length=1000)
