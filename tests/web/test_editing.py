"""Logging and editing incidents: validation next to the fields, new actors inline, optimistic locking."""

import pytest
from django.urls import reverse

from incidents.models import Actor, Incident
from tests import factories
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db


def form_data(incident=None, **changes):
    data = {
        "event_date": "2026-03-07",
        "date_end": "",
        "time_precision": "1",
        "event_type": "Violence against civilians",
        "sub_event_type": "Attack",
        "actor1": "",
        "actor1_new_type": "",
        "actor2": "",
        "actor2_new_type": "",
        "country_iso": "IQ",
        "admin1": "Kirkuk",
        "admin2": "",
        "admin3": "",
        "location_name": "Kirkuk",
        "location": "",
        "latitude": "35.47",
        "longitude": "44.39",
        "geo_precision": "1",
        "fatalities": "3",
        "fatalities_low": "",
        "fatalities_high": "",
        "injured": "",
        "notes": "",
        "tags": "",
        "version": str(incident.version) if incident else "",
    }
    if incident is not None:
        data["actor1"] = incident.actor1.name if incident.actor1 else ""
        data["actor2"] = incident.actor2.name if incident.actor2 else ""
        data["location"] = str(incident.location_id or "")
    data.update({key: str(value) for key, value in changes.items()})
    return data


def test_an_analyst_logs_an_incident_with_an_existing_actor_found_by_alias(analyst_client, analyst):
    actor = factories.ActorFactory(name="Military Forces of Iraq", actor_type=1)
    actor.aliases.create(name="Iraqi army")
    response = analyst_client.post(reverse("incidents:incident-create"), form_data(actor1="iraqi ARMY"))
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert incident.status == Incident.Status.DRAFT
    assert incident.created_by == analyst
    assert incident.actor1 == actor
    assert incident.disorder_type == "Political violence"


def test_a_new_actor_is_added_inline_when_its_type_is_given(analyst_client):
    data = form_data(actor2="Kirkuk Tribal Guard", actor2_new_type=4)
    assert analyst_client.post(reverse("incidents:incident-create"), data).status_code == 302
    actor = Actor.objects.get(name="Kirkuk Tribal Guard")
    assert actor.actor_type == 4
    assert Incident.objects.get().actor2 == actor


def test_an_unknown_actor_without_a_type_is_an_inline_error_and_nothing_is_saved(analyst_client):
    response = analyst_client.post(reverse("incidents:incident-create"), form_data(actor1="Nobody Known"))
    assert response.status_code == 200
    assert "No actor is called “Nobody Known”" in response.content.decode()
    assert not Incident.objects.exists() and not Actor.objects.filter(name="Nobody Known").exists()


def test_validation_errors_are_shown_next_to_their_fields(analyst_client):
    data = form_data(sub_event_type="Armed clash", date_end="2026-03-01", fatalities=-1)
    response = analyst_client.post(reverse("incidents:incident-create"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) >= {"sub_event_type", "date_end", "fatalities"}
    body = response.content.decode()
    assert 'aria-invalid="true"' in body
    assert "is not a sub-event type of Violence against civilians" in body
    assert not Incident.objects.exists()


def test_model_rules_from_the_workflow_come_back_as_field_errors(analyst_client):
    response = analyst_client.post(
        reverse("incidents:incident-create"), form_data(fatalities=3, fatalities_low=5)
    )
    assert response.status_code == 200
    assert "fatalities_low" in response.context["form"].errors


def test_an_analyst_edits_a_draft_and_the_history_shows_the_change(analyst_client, analyst, draft):
    response = analyst_client.post(
        reverse("incidents:incident-edit", args=[draft.pk]), form_data(draft, fatalities=4)
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.fatalities, draft.version) == (4, 2)
    # Associated actors are not on the form, the main two are: both survive an edit.
    assert {link.role for link in draft.actor_links.all()} == {"actor1", "actor2"}
    page = analyst_client.get(reverse("incidents:incident-detail", args=[draft.pk]))
    history = page.context["history"]
    assert history[0]["who"] == analyst and history[0]["why"] == "edited"
    assert ("fatalities", "3", "4") in history[0]["changes"]
    body = page.content.decode()
    assert "<del>3</del>" in body and "<ins>4</ins>" in body


def test_the_second_of_two_concurrent_edits_is_refused_and_its_input_shown_back(draft, analyst, editor):
    first, second = signed_in(analyst), signed_in(editor)
    url = reverse("incidents:incident-edit", args=[draft.pk])
    # Both open the form at version 1.
    assert first.get(url).context["form"].initial["version"] == 1
    assert second.get(url).context["form"].initial["version"] == 1

    assert first.post(url, form_data(draft, fatalities=5, notes="first")).status_code == 302
    response = second.post(url, form_data(draft, fatalities=7, notes="second person's careful note"))

    assert response.status_code == 409
    body = response.content.decode()
    assert "someone else saved this incident while you were editing it" in body
    assert "second person&#x27;s careful note" in body  # the input is back in the form
    assert 'name="fatalities" value="7"' in body
    draft.refresh_from_db()
    assert (draft.fatalities, draft.notes, draft.version) == (5, "first", 2)  # the first save is kept
    conflict = {label: (theirs, yours) for label, theirs, yours in response.context["conflict"]["rows"]}
    assert conflict["Fatalities"] == ("5", "7")
    # The re-shown form is based on the stored version: saving it again is a deliberate overwrite.
    assert response.context["form"]["version"].value() == 2


def test_a_merged_incident_cannot_be_edited(editor_client, draft, duplicate, editor):
    from incidents import workflow

    workflow.merge(duplicate, into=draft, editor=editor)
    response = editor_client.get(reverse("incidents:incident-edit", args=[duplicate.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("incidents:incident-detail", args=[draft.pk])


def test_the_review_page_edits_the_draft_in_place(editor_client, draft):
    url = reverse("incidents:review", args=[draft.pk])
    response = editor_client.post(url, form_data(draft, fatalities=2))
    assert response.status_code == 302 and response["Location"] == url
    draft.refresh_from_db()
    assert draft.fatalities == 2 and draft.status == Incident.Status.DRAFT
