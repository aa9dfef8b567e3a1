import pytest
from django.urls import reverse

from incidents import models
from tests.factories import ActorFactory, IncidentFactory, LocationFactory, SourceFactory

pytestmark = pytest.mark.django_db

MODELS = [
    models.Actor,
    models.Location,
    models.Source,
    models.Report,
    models.Incident,
    models.DuplicateCandidate,
    models.ImportJob,
    models.ApiToken,
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_model_has_a_working_admin_list_and_add_page(client, superuser, model):
    client.force_login(superuser)
    opts = model._meta
    assert (
        client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") + "?q=x").status_code
        == 200
    )
    assert client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add")).status_code == 200


def test_the_incident_change_page_shows_actors_sources_and_history(client, superuser):
    incident = IncidentFactory()
    client.force_login(superuser)
    page = client.get(reverse("admin:incidents_incident_change", args=[incident.pk]))
    assert page.status_code == 200
    assert b"actor_links-TOTAL_FORMS" in page.content and b"source_links-TOTAL_FORMS" in page.content
    history = client.get(reverse("admin:incidents_incident_history", args=[incident.pk]))
    assert history.status_code == 200


def test_actor_autocomplete_answers_by_alias(client, superuser):
    actor = ActorFactory(name="Ansar Allah")
    models.ActorAlias.objects.create(actor=actor, name="Houthis")
    client.force_login(superuser)
    response = client.get(
        reverse("admin:autocomplete"),
        {"term": "Houthis", "app_label": "incidents", "model_name": "incidentactor", "field_name": "actor"},
    )
    assert [r["text"] for r in response.json()["results"]] == ["Ansar Allah"]


def test_the_admin_publishes_through_the_workflow(client, superuser):
    draft = IncidentFactory()
    client.force_login(superuser)
    client.post(
        reverse("admin:incidents_incident_changelist"),
        {"action": "publish_selected", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.status == "published" and draft.public_id


def test_an_analyst_cannot_use_the_publish_action(client, analyst):
    analyst.is_staff = True
    analyst.save()
    draft = IncidentFactory()
    client.force_login(analyst)
    client.post(
        reverse("admin:incidents_incident_changelist"),
        {"action": "publish_selected", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_location_and_source_change_pages_render(client, superuser):
    client.force_login(superuser)
    for obj in (LocationFactory(), SourceFactory()):
        opts = obj._meta
        assert (
            client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])).status_code
            == 200
        )
