"""Lean factory_boy factories: the smallest valid rows, overridden per test."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from incidents import models, permissions
from incidents.taxonomy import ActorType, SubEventType


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "a-long-test-password")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if extracted:
            if not Group.objects.filter(name=extracted).exists():
                # A transactional test's flush removed the groups the migration made.
                from django.apps import apps
                from django.contrib.auth.management import create_permissions

                create_permissions(apps.get_app_config("incidents"), verbosity=0)
                permissions.sync_roles()
            self.groups.add(Group.objects.get(name=extracted))
        if create:
            self.save()


def user_with_role(role: str | None, **kwargs):
    if role == "superuser":
        return UserFactory(is_superuser=True, is_staff=True, **kwargs)
    return UserFactory(role=role, **kwargs)


def analyst(**kwargs):
    return UserFactory(role=permissions.ANALYSTS, **kwargs)


def editor(**kwargs):
    return UserFactory(role=permissions.EDITORS, **kwargs)


def api_client_user(**kwargs):
    return UserFactory(role=permissions.API_CLIENTS, **kwargs)


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Actor
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Armed Group {n}")
    actor_type = ActorType.REBEL_GROUP
    country_iso = "IQ"


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Location

    name = "Baghdad"
    kind = models.Location.Kind.PLACE
    country_iso = "IQ"
    admin1 = "Baghdad"
    latitude = 33.34
    longitude = 44.40
    population = 7_000_000


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Source
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Outlet {n}")


class IncidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Incident

    event_date = dt.date(2021, 1, 21)
    sub_event_type = SubEventType.SUICIDE_BOMB
    event_type = "Explosions/Remote violence"
    disorder_type = "Political violence"
    country_iso = "IQ"
    admin1 = "Baghdad"
    location_name = "Baghdad"
    latitude = 33.34
    longitude = 44.40
    fatalities = 32
    injured = 110
