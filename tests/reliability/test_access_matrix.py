"""Who gets what: every URL of the browser app and the API, for every role, with the answer expected.

The URL list is walked from the resolver, so a URL added without an entry here fails
`test_every_url_has_an_entry_in_the_matrix`; an entry for a URL that is gone fails it too. Each
request runs in a savepoint rolled back afterwards, so one role's publish does not change the next
role's answer. The admin's own URLs (Django's, behind is_staff) are checked by their index only.

Browser pages use a signed-in session; the API uses each user's API token (the way clients call it).
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from incidents.models import ApiToken
from tests.reliability.urls import routes

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "api_client", "analyst", "editor", "superuser")
LOGIN = 302  # a signed-out visitor of a page is sent to the sign-in page
OPEN = (200,) * 5
STAFF_PAGE = (LOGIN, 403, 200, 200, 200)  # analysts and editors; API clients have no pages
REVIEWER_PAGE = (LOGIN, 403, 403, 200, 200)
IMPORTER_PAGE = (LOGIN, 403, 403, 200, 200)
REVIEW_ACTION = (LOGIN, 403, 403, 302, 302)  # done, then back to a page
PUBLIC_API = (401, 200, 200, 200, 200)
STAFF_API = (401, 403, 200, 200, 200)
REVIEW_API = (401, 403, 403, 200, 200)

# url name: (method, the row its <pk> names, body, expected answers in ROLES order)
BROWSER = {
    "healthz": ("get", None, None, OPEN),
    "login": ("get", None, None, (200, 302, 302, 302, 302)),  # the signed-in are sent on
    "logout": ("post", None, None, (302,) * 5),
    "incidents:dashboard": ("get", None, None, STAFF_PAGE),
    "incidents:incident-list": ("get", None, None, STAFF_PAGE),
    "incidents:incident-create": ("get", None, None, STAFF_PAGE),
    "incidents:incident-detail": ("get", "draft", None, STAFF_PAGE),
    "incidents:incident-edit": ("get", "draft", None, STAFF_PAGE),
    "incidents:incident-publish": ("post", "draft", {}, REVIEW_ACTION),
    "incidents:incident-reject": ("post", "draft", {"reason": "Not an event."}, REVIEW_ACTION),
    "incidents:incident-merge": ("post", "other_draft", {"into": "draft"}, REVIEW_ACTION),
    "incidents:report-upload": ("get", None, None, STAFF_PAGE),
    "incidents:report-detail": ("get", "report", None, STAFF_PAGE),
    "incidents:report-status": ("get", "report", None, STAFF_PAGE),
    "incidents:report-file": ("get", "report", None, STAFF_PAGE),
    "incidents:review-queue": ("get", None, None, REVIEWER_PAGE),
    "incidents:review": ("get", "draft", None, REVIEWER_PAGE),
    "incidents:actor-list": ("get", None, None, STAFF_PAGE),
    "incidents:actor-detail": ("get", "actor", None, STAFF_PAGE),
    "incidents:place-list": ("get", None, None, STAFF_PAGE),
    "incidents:place-detail": ("get", "location", None, STAFF_PAGE),
    "incidents:actor-autocomplete": ("get", None, None, STAFF_PAGE),
    "incidents:place-autocomplete": ("get", None, None, STAFF_PAGE),
    "datasets:import": ("get", None, None, IMPORTER_PAGE),
    "datasets:import-detail": ("get", "job", None, IMPORTER_PAGE),
    "datasets:export": ("get", None, None, IMPORTER_PAGE),
}
API = {
    "api-root": ("get", None, None, PUBLIC_API),
    "api-incident-list": ("get", None, None, PUBLIC_API),
    "api-incident-detail": ("get", "draft", None, (401, 404, 200, 200, 200)),  # drafts are not public
    "api-incident-history": ("get", "published", None, STAFF_API),
    "api-incident-publish": ("post", "draft", {}, REVIEW_API),
    "api-incident-reject": ("post", "draft", {"reason": "Not an event."}, REVIEW_API),
    "api-incident-retract": ("post", "published", {"reason": "Wrong."}, REVIEW_API),
    "api-incident-merge": ("post", "other_draft", {"into": "draft"}, REVIEW_API),
    "api-report-list": ("get", None, None, STAFF_API),
    "api-report-detail": ("get", "report", None, STAFF_API),
    "api-report-drafts": ("get", "report", None, STAFF_API),
    "api-actor-list": ("get", None, None, PUBLIC_API),
    "api-actor-detail": ("get", "actor", None, PUBLIC_API),
    "api-location-list": ("get", None, None, PUBLIC_API),
    "api-location-detail": ("get", "location", None, PUBLIC_API),
    "api-source-list": ("get", None, None, PUBLIC_API),
    "api-source-detail": ("get", "source", None, PUBLIC_API),
    # The API's description is public (it holds no data): clients read it before they have a key.
    "schema": ("get", None, None, OPEN),
    "swagger-ui": ("get", None, None, OPEN),
    "redoc": ("get", None, None, OPEN),
}
# Requests beyond the one per URL name: the same URL with another method or another row.
EXTRA = [
    ("api-incident-detail", "get", "published", None, PUBLIC_API),
    ("api-incident-detail", "patch", "draft", {"version": 1, "notes": "checked"}, STAFF_API),
    ("api-incident-detail", "delete", "draft", None, (401, 403, 403, 403, 403)),  # never deleted
    ("api-incident-list", "post", None, "new", (401, 403, 201, 201, 201)),
    ("api-report-list", "post", None, "upload", (401, 403, 202, 202, 202)),
    ("api-actor-list", "post", None, {"name": "X"}, (401, 403, 403, 403, 403)),  # read-only over the API
    ("incidents:incident-detail", "get", "published", None, STAFF_PAGE),
    ("incidents:report-upload", "post", None, "upload", (LOGIN, 403, 302, 302, 302)),
    ("incidents:incident-edit", "post", "draft", {}, STAFF_PAGE),  # the form again, with its errors
    ("incidents:review", "post", "draft", {}, (LOGIN, 403, 403, 200, 200)),
]


def test_every_url_has_an_entry_in_the_matrix():
    served = {r.name for r in routes() if "format" not in r.converters}
    assert "" not in served, "every URL needs a name to be checked here"
    assert served - set(BROWSER) - set(API) == set(), "new URLs: give each its expected answers"
    assert (set(BROWSER) | set(API)) - served == set(), "entries for URLs that no longer exist"


@pytest.fixture
def clients(world, api_client_user, analyst, editor, superuser):
    users = dict(zip(ROLES[1:], (api_client_user, analyst, editor, superuser), strict=True))
    browser, api = {"anonymous": Client()}, {"anonymous": APIClient()}
    for role, user in users.items():
        browser[role] = Client()
        browser[role].force_login(user)
        api[role] = APIClient()
        api[role].credentials(HTTP_AUTHORIZATION=f"Token {ApiToken.issue(user, 'matrix')[1]}")
    return browser, api


@pytest.fixture(autouse=True)
def _quiet(settings, monkeypatch):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"api": "100000/hour"}}
    monkeypatch.setattr("incidents.tasks.parse_report.delay", lambda report_id: None)


CASES = [(name, *entry) for name, entry in {**BROWSER, **API}.items()] + EXTRA


@pytest.mark.parametrize(
    "name, method, row, body, expected", CASES, ids=[f"{c[0]} {c[1]} {c[2]}" for c in CASES]
)
def test_each_role_gets_the_expected_answer(name, method, row, body, expected, world, clients):
    browser, api = clients
    url = reverse(name, kwargs={"pk": world[row].pk} if row else {})
    got = []
    for role in ROLES:
        client = api[role] if name in API or name.startswith("api-") else browser[role]
        data, kind = _body(body, world)
        with transaction.atomic():
            response = getattr(client, method)(url, data, **kind)
            got.append(response.status_code)
            if role == "anonymous" and response.status_code == LOGIN and client is browser[role]:
                assert response["Location"].startswith(reverse("login")), response["Location"]
            transaction.set_rollback(True)  # the next role meets the same rows
    assert dict(zip(ROLES, got, strict=True)) == dict(zip(ROLES, expected, strict=True))


def _body(body, world):
    if body is None:
        return None, {}
    if body == "upload":
        text = b"Gunmen killed two people in Mosul."  # "file" for the API, "files" for the page
        return {"file": SimpleUploadedFile("a.txt", text), "files": SimpleUploadedFile("b.txt", text)}, {}
    if body == "new":
        incident = {"event_date": "2024-03-02", "sub_event_type": "Attack", "country_iso": "IQ"}
        return incident, {"format": "json"}
    data = {key: world[value].pk if value in world else value for key, value in body.items()}
    return data, {}


# --- Uploaded files are never public --------------------------------------------------------------


def test_uploaded_files_are_not_served_from_any_media_url(world, clients):
    browser, api = clients
    stored = world["report"].file.name  # reports/ab/abcdef...
    for prefix in ("/media/", settings.MEDIA_URL, "/static/", "/"):
        for role in ROLES:
            for client in (browser[role], api[role]):
                response = client.get(prefix + stored)
                assert response.status_code == 404, (prefix, role, response.status_code)


def test_the_report_file_is_downloaded_only_by_signed_in_staff(world, clients):
    browser, api = clients
    url = reverse("incidents:report-file", args=[world["report"].pk])
    assert browser["anonymous"].get(url).status_code == LOGIN
    assert browser["api_client"].get(url).status_code == 403
    assert api["api_client"].get(url).status_code == LOGIN  # an API token is not a browser session
    assert api["editor"].get(url).status_code == LOGIN
    response = browser["analyst"].get(url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    # Nor does the API hand out the stored path or a link to the file.
    listed = api["editor"].get(reverse("api-report-detail", args=[world["report"].pk])).json()
    assert world["report"].sha256 not in str({k: v for k, v in listed.items() if k != "sha256"})
