"""Property-based requests from the app's own OpenAPI schema, as an editor: no request may cause a 5xx.

Each operation gets a bounded number of generated requests (max_examples), so this runs in CI in
well under two minutes. The schema is loaded from the running app, never from a file, so it cannot
drift from what is served.
"""

import os

import pytest
import schemathesis
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig

from incidents import workflow
from incidents.models import ApiToken
from tests import factories
from tests.api.conftest import make_incident


@pytest.fixture
def _keep_test_connection():
    # The WSGI handler closes "old" database connections at each request's start and end; Django's
    # own test client turns that off, since the test's transaction lives on that connection.
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def editor_key(editor, _keep_test_connection):
    # Something to find, publish, merge and read, so generated ids sometimes hit real rows.
    outlet = factories.SourceFactory(name="Reuters")
    factories.ActorFactory(name="Islamic State")
    factories.LocationFactory()
    for _ in range(3):
        make_incident(status="published", editor=editor, outlet=outlet)
        make_incident(editor=editor)
    workflow.receive_report(SimpleUploadedFile("r.txt", b"A report."), user=editor)
    return ApiToken.issue(editor, "schemathesis")[1]


# Generated requests only (the "fuzzing" phase, max_examples each). The "coverage" phase, which
# walks every boundary value of every parameter, took ~5 minutes here; it passed too, and can be run by
# hand with CT_SCHEMATHESIS_COVERAGE=1.
CONFIG = SchemathesisConfig.from_dict(
    {"phases": {"coverage": {"enabled": os.environ.get("CT_SCHEMATHESIS_COVERAGE") == "1"}}}
)
# Loaded at collection: pytest-django has set Django up by then, and serving the schema needs no database.
schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application(), config=CONFIG)


@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@pytest.mark.django_db
def test_no_generated_request_causes_a_server_error(case, editor_key):
    response = case.call(headers={"Authorization": f"Token {editor_key}"})
    case.validate_response(response, checks=[not_a_server_error])
