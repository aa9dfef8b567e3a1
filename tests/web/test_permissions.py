"""Who may open which page and press which button: every refusal beside its success."""

import pytest
from django.urls import reverse

from incidents.models import Incident

pytestmark = pytest.mark.django_db

# (url name, needs an object) for every page of the app.
PAGES = [
    ("incidents:dashboard", None),
    ("incidents:incident-list", None),
    ("incidents:incident-create", None),
    ("incidents:incident-detail", "draft"),
    ("incidents:incident-edit", "draft"),
    ("incidents:report-upload", None),
    ("incidents:report-detail", "report"),
    ("incidents:report-status", "report"),
    ("incidents:report-file", "report"),
    ("incidents:review-queue", None),
    ("incidents:review", "draft"),
    ("incidents:actor-list", None),
    ("incidents:actor-detail", "actor"),
    ("incidents:place-list", None),
    ("incidents:place-detail", "place"),
    ("incidents:actor-autocomplete", None),
    ("incidents:place-autocomplete", None),
]
EDITOR_ONLY = {"incidents:review-queue", "incidents:review"}


def url_of(name, needs, request):
    if needs is None:
        return reverse(name)
    draft = request.getfixturevalue("draft")
    obj = {
        "draft": draft,
        "report": draft.report,
        "actor": draft.actor1,
        "place": draft.location,
    }[needs]
    return reverse(name, args=[obj.pk])


@pytest.mark.parametrize("name,needs", PAGES)
def test_a_signed_out_visitor_is_sent_to_the_sign_in_page(client, name, needs, request):
    url = url_of(name, needs, request)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("name,needs", PAGES)
def test_an_api_client_gets_403_on_every_page(api_client_client, name, needs, request):
    assert api_client_client.get(url_of(name, needs, request)).status_code == 403


@pytest.mark.parametrize("name,needs", PAGES)
def test_an_editor_opens_every_page(editor_client, name, needs, request):
    assert editor_client.get(url_of(name, needs, request)).status_code == 200


@pytest.mark.parametrize("name,needs", PAGES)
def test_an_analyst_opens_every_page_but_the_review_queue(analyst_client, name, needs, request):
    expected = 403 if name in EDITOR_ONLY else 200
    assert analyst_client.get(url_of(name, needs, request)).status_code == expected


def test_the_sign_in_page_shows_no_data_and_no_menu(client, published):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="username"' in body
    assert "Kirkuk" not in body
    assert reverse("incidents:incident-list") not in body


def test_an_analyst_cannot_publish_reject_or_merge(analyst_client, draft, duplicate):
    assert analyst_client.post(reverse("incidents:incident-publish", args=[draft.pk])).status_code == 403
    rejected = analyst_client.post(reverse("incidents:incident-reject", args=[draft.pk]), {"reason": "x"})
    assert rejected.status_code == 403
    merged = analyst_client.post(reverse("incidents:incident-merge", args=[duplicate.pk]), {"into": draft.pk})
    assert merged.status_code == 403
    draft.refresh_from_db()
    duplicate.refresh_from_db()
    assert (draft.status, duplicate.status) == (Incident.Status.DRAFT, Incident.Status.DRAFT)


def test_an_analyst_sees_no_publish_button(analyst_client, draft):
    body = analyst_client.get(reverse("incidents:incident-detail", args=[draft.pk])).content.decode()
    assert reverse("incidents:incident-publish", args=[draft.pk]) not in body


def test_an_editor_publishes_a_draft(editor_client, draft):
    response = editor_client.post(reverse("incidents:incident-publish", args=[draft.pk]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Incident.Status.PUBLISHED
    assert draft.public_id == f"IRQ{draft.pk}"


def test_publishing_twice_shows_the_reason_instead_of_failing(editor_client, draft):
    editor_client.post(reverse("incidents:incident-publish", args=[draft.pk]))
    response = editor_client.post(reverse("incidents:incident-publish", args=[draft.pk]), follow=True)
    assert response.status_code == 200
    assert "cannot be published" in response.content.decode()


def test_an_editor_rejects_with_a_reason_and_not_without(editor_client, draft):
    url = reverse("incidents:incident-reject", args=[draft.pk])
    editor_client.post(url, {"reason": ""})
    draft.refresh_from_db()
    assert draft.status == Incident.Status.DRAFT
    editor_client.post(url, {"reason": "Not a conflict event."})
    draft.refresh_from_db()
    assert (draft.status, draft.rejection_reason) == (Incident.Status.REJECTED, "Not a conflict event.")


def test_publish_and_reject_are_post_only(editor_client, draft):
    assert editor_client.get(reverse("incidents:incident-publish", args=[draft.pk])).status_code == 405
    assert editor_client.get(reverse("incidents:incident-reject", args=[draft.pk])).status_code == 405


def test_an_editor_merges_a_duplicate_into_the_draft(editor_client, draft, duplicate):
    response = editor_client.post(
        reverse("incidents:incident-merge", args=[duplicate.pk]),
        {"into": draft.pk, "next": reverse("incidents:review", args=[draft.pk])},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("incidents:review", args=[draft.pk])
    duplicate.refresh_from_db()
    draft.refresh_from_db()
    assert duplicate.status == Incident.Status.MERGED and duplicate.merged_into_id == draft.pk
    assert draft.injured == 5  # a field the kept draft lacked
    assert draft.source_links.count() == 2


def test_an_api_client_cannot_post_actions_either(api_client_client, draft):
    assert api_client_client.post(reverse("incidents:incident-publish", args=[draft.pk])).status_code == 403
