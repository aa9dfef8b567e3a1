"""The Celery app. Its settings are the CELERY_* names in conflict_tracker/settings.py."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflict_tracker.settings")

app = Celery("conflict_tracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.autodiscover_tasks(["incidents.datasets"])
