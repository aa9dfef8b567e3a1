import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def sign_in(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_a_right_password_signs_in(client, analyst):
    response = sign_in(client, "analyst", "a-long-test-password")
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(analyst.pk)


def test_repeated_failures_lock_the_account_even_for_the_right_password(client, analyst, settings):
    settings.SIGNIN_MAX_FAILURES = 3
    for _ in range(3):
        assert sign_in(client, "analyst", "wrong").status_code == 200
    locked = sign_in(client, "analyst", "a-long-test-password")
    assert locked.status_code == 429
    assert b"Too many failed sign-in attempts" in locked.content
    assert "_auth_user_id" not in client.session


def test_failures_from_one_address_lock_out_other_accounts_from_it(client, analyst, editor, settings):
    settings.SIGNIN_MAX_FAILURES = 2
    sign_in(client, "someone", "x")
    sign_in(client, "someone-else", "x")
    assert sign_in(client, "editor", "a-long-test-password").status_code == 429


def test_the_lockout_ends_when_the_window_expires(client, analyst, settings):
    settings.SIGNIN_MAX_FAILURES = 1
    sign_in(client, "analyst", "wrong")
    cache.clear()  # what the cache does when SIGNIN_LOCKOUT_SECONDS have passed
    assert sign_in(client, "analyst", "a-long-test-password").status_code == 302


def test_sign_in_form_has_csrf_protection(analyst):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/accounts/login/", {"username": "analyst", "password": "a-long-test-password"})
    assert response.status_code == 403
