"""Web security: a Content-Security-Policy on every page that the pages actually keep, and CSRF on every form.

`manage.py check --deploy`, HSTS and secure cookies are tested in tests/test_settings.py; sign-in
throttling in tests/test_signin.py; upload size and type limits in test_hostile_uploads.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests.reliability.conftest import active_markup
from tests.reliability.urls import routes

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def csp_of(response) -> dict[str, list[str]]:
    header = response.get("Content-Security-Policy", "")
    directives = {}
    for part in filter(None, (p.strip() for p in header.split(";"))):
        name, *values = part.split()
        directives[name] = values
    return directives


def signed_in(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def pages(world) -> dict[str, str]:
    """Every HTML page of the browser app (and the API's HTML pages), with real rows in its URL."""
    draft, report = world["draft"].pk, world["report"].pk
    return {
        "dashboard": reverse("incidents:dashboard"),
        "incident list": reverse("incidents:incident-list"),
        "new incident": reverse("incidents:incident-create"),
        "incident": reverse("incidents:incident-detail", args=[draft]),
        "edit incident": reverse("incidents:incident-edit", args=[draft]),
        "published incident": reverse("incidents:incident-detail", args=[world["published"].pk]),
        "upload": reverse("incidents:report-upload"),
        "report": reverse("incidents:report-detail", args=[report]),
        "review queue": reverse("incidents:review-queue"),
        "review": reverse("incidents:review", args=[draft]),
        "actors": reverse("incidents:actor-list"),
        "actor": reverse("incidents:actor-detail", args=[world["actor"].pk]),
        "places": reverse("incidents:place-list"),
        "place": reverse("incidents:place-detail", args=[world["location"].pk]),
        "dataset import": reverse("datasets:import"),
        "import job": reverse("datasets:import-detail", args=[world["job"].pk]),
        "API docs (Swagger UI)": reverse("swagger-ui"),
        "API docs (ReDoc)": reverse("redoc"),
        "admin": reverse("admin:index"),
    }


def test_every_page_sends_a_strict_content_security_policy_and_has_no_inline_script(world, superuser):
    client = signed_in(superuser)
    for name, url in {**pages(world), "sign-in": reverse("login")}.items():
        response = (Client() if name == "sign-in" else client).get(url)
        assert response.status_code == 200, name
        policy = csp_of(response)
        assert policy.get("default-src") == ["'self'"], name
        assert policy.get("script-src") == ["'self'"], name  # no 'unsafe-inline', no 'unsafe-eval'
        assert policy.get("frame-ancestors") == ["'none'"], name
        assert policy.get("object-src") == ["'none'"], name
        assert set(policy.get("img-src", [])) >= {"'self'", "data:"}, name
        assert response["X-Frame-Options"] == "DENY" and response["X-Content-Type-Options"] == "nosniff"
        # Under that policy an inline script or on* handler would simply not run: the page would break.
        assert active_markup(response.content.decode()) == [], name


def test_error_pages_carry_the_policy_and_no_inline_script(world, api_client_user):
    refused = signed_in(api_client_user).get(reverse("incidents:dashboard"))  # an API client on a page
    missing = Client().get("/no-such-page/")
    for response, status in ((refused, 403), (missing, 404)):
        assert response.status_code == status
        assert csp_of(response).get("script-src") == ["'self'"]
        assert active_markup(response.content.decode()) == []


def test_api_responses_carry_the_policy_too(api_client_user):
    from incidents.models import ApiToken

    _, key = ApiToken.issue(api_client_user, "csp test")
    response = Client().get("/api/v1/incidents/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    assert csp_of(response)["default-src"] == ["'self'"]


def test_the_map_tile_host_is_allowed_for_images_and_nothing_else(tmp_path):
    probe = "import json; from django.conf import settings as s; print(json.dumps(s.CONTENT_SECURITY_POLICY))"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "CELERY_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="conflict_tracker.settings",
        DJANGO_SECRET_KEY="x",
        MAP_TILE_URL="https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png",
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    directives = json.loads(result.stdout)["DIRECTIVES"]
    assert directives["img-src"] == ["'self'", "data:", "https://*.tile.openstreetmap.org"]
    assert "tile" not in json.dumps({k: v for k, v in directives.items() if k != "img-src"})


# --- CSRF ---------------------------------------------------------------------------------------


def _url(route, world) -> str:
    args = {"pk": world["draft"].pk} if "pk" in route.converters else {}
    if route.name.startswith("datasets:import-detail"):
        args = {"pk": world["job"].pk}
    return reverse(route.name, kwargs=args)


def test_every_browser_url_refuses_a_post_without_a_csrf_token(world, superuser):
    """Walks every browser URL (not just the forms we know of), so a new form is covered the day it lands."""
    client = signed_in(superuser, enforce_csrf_checks=True)
    checked = []
    for route in routes():
        if (
            not route.name
            or route.name.startswith(("api-", "schema", "swagger", "redoc"))
            or "format" in (route.converters)
        ):
            continue
        url = _url(route, world)
        response = client.post(url, {"anything": "1"})
        if route.name == "healthz":  # a GET probe for the load balancer, exempt by design
            assert response.status_code in (403, 405), response.status_code
            continue
        assert response.status_code == 403 and b"CSRF" in response.content, (route.name, response.status_code)
        checked.append(route.name)
    assert {"login", "logout", "incidents:report-upload", "incidents:incident-publish"} <= set(checked)


def test_the_sign_in_form_refuses_a_post_without_a_csrf_token(superuser):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "root", "password": "a-long-test-password"})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "method, url, body",
    [
        ("post", "/api/v1/incidents/", {}),
        ("post", "/api/v1/incidents/{draft}/publish/", {}),
        ("post", "/api/v1/incidents/{draft}/reject/", {"reason": "no"}),
        ("post", "/api/v1/incidents/{published}/retract/", {}),
        ("post", "/api/v1/incidents/{draft}/merge/", {}),
        ("patch", "/api/v1/incidents/{draft}/", {"notes": "x"}),
        ("post", "/api/v1/reports/", {}),
    ],
)
def test_the_api_with_a_browser_session_needs_a_csrf_token_to_change_anything(
    method, url, body, world, editor
):
    client = signed_in(editor, enforce_csrf_checks=True)
    url = url.format(draft=world["draft"].pk, published=world["published"].pk)
    response = getattr(client, method)(url, body, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in json.dumps(response.json())
    world["draft"].refresh_from_db()
    assert world["draft"].status == "draft" and world["draft"].notes == ""


@pytest.mark.parametrize(
    "password, why",
    [
        ("short1!", "too short"),
        ("password1234", "too common"),
        ("2718281828459045", "entirely numeric"),
        ("analyst-on-duty", "too similar to the username"),
    ],
)
def test_weak_passwords_are_refused(password, why):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    user = get_user_model()(username="analyst-on-duty", email="analyst@example.org")
    with pytest.raises(ValidationError):
        validate_password(password, user)
    validate_password("violet-harbour-lantern-42", user)  # a passphrase passes
