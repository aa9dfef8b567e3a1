import pytest
from django.contrib.auth.models import Group

from incidents import actor_dictionary, gazetteer, permissions
from incidents.models import Actor, Location

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def places():
    # The real package data, read once: ~170,000 places.
    return list(gazetteer.iter_places())


@pytest.mark.parametrize(
    "name, country, admin1",
    [
        ("Baghdad", "IQ", "Baghdad"),
        ("Erbil", "IQ", None),
        ("Mosul", "IQ", "Nineveh"),
        ("El Fasher", "SD", "North Darfur"),
        ("Goma", "CD", "North Kivu"),
        ("Kharkiv", "UA", "Kharkiv"),
        ("Sanaa", "YE", None),
    ],
)
def test_the_gazetteer_has_the_places_reports_name(places, name, country, admin1):
    found = [p for p in places if p.kind == "place" and p.name == name and p.country_iso == country]
    assert found, f"{name} is missing"
    if admin1:
        assert found[0].admin1 == admin1


def test_the_gazetteer_knows_alternate_names(places):
    kharkiv = next(p for p in places if p.name == "Kharkiv" and p.kind == "place")
    assert "Kharkov" in kharkiv.alternate_names


def test_the_gazetteer_has_countries_and_admin_units(places):
    kinds = {p.kind for p in places}
    assert kinds == {"country", "admin1", "place"}
    iraq = next(p for p in places if p.kind == "country" and p.country_iso == "IQ")
    assert iraq.name == "Iraq" and 29 < iraq.latitude < 38


def test_loading_places_twice_duplicates_nothing(places):
    sample = [p for p in places if p.country_iso == "IQ"]
    gazetteer.load(sample)
    gazetteer.load(sample)
    assert Location.objects.count() == len(sample)
    assert Location.objects.get(kind="place", name="Basrah").admin1 == "Basra"


@pytest.mark.parametrize(
    "name, alias, english",
    [
        ("Nord-Kivu", ["Kivu ya Node", "North Kivu"], "North Kivu"),
        ("Baghdād", ["Baghdad Governorate", "بغداد"], "Baghdad"),
        ("Donetska oblast", ["Donetsk", "Donetsk Oblast"], "Donetsk"),
        ("Mopti", [], "Mopti"),
    ],
)
def test_admin_units_get_their_english_name(name, alias, english):
    assert gazetteer.english_admin1_name(name, alias) == english


def test_the_actor_dictionary_loads_once_with_aliases():
    entries = actor_dictionary.entries()
    assert actor_dictionary.load(entries)[0] > 1000
    assert actor_dictionary.load(entries) == (0, 0)
    assert Actor.objects.named("Iraqi army").get().name == "Military Forces of Iraq"
    assert Actor.objects.named("Houthis").get().name == "Ansar Allah"
    assert Actor.objects.get(name="Civilians (Democratic Republic of Congo)").actor_type == 7
    kh = Actor.objects.get(name="Kataib Hezbollah")
    assert kh.parent.name == "Popular Mobilization Forces"


def test_roles_exist_with_their_permissions():
    editors = Group.objects.get(name=permissions.EDITORS)
    analysts = Group.objects.get(name=permissions.ANALYSTS)
    clients = Group.objects.get(name=permissions.API_CLIENTS)
    codenames = lambda g: set(g.permissions.values_list("codename", flat=True))  # noqa: E731
    assert "review_incident" in codenames(editors)
    assert "review_incident" not in codenames(analysts) and "add_report" in codenames(analysts)
    assert codenames(clients) == {"view_incident", "view_actor", "view_location", "view_source"}


def test_permission_checks_follow_the_roles(analyst, editor, api_client_user):
    assert permissions.can_review(editor) and not permissions.can_review(analyst)
    assert permissions.can_see_drafts(analyst) and not permissions.can_see_drafts(api_client_user)
    assert permissions.can_read_published(api_client_user)
