import pytest

pytestmark = pytest.mark.django_db


def test_an_api_client_on_an_app_page_is_pointed_to_the_api_docs(client, api_client_user):
    client.force_login(api_client_user)
    response = client.get("/incidents/")
    assert response.status_code == 403
    assert b"API documentation" in response.content and b"/api/schema/swagger/" in response.content


def test_editors_see_the_import_page_in_the_menu_and_analysts_do_not(client, editor, analyst):
    client.force_login(editor)
    assert b'href="/datasets/import/"' in client.get("/").content
    client.force_login(analyst)
    assert b'href="/datasets/import/"' not in client.get("/").content
