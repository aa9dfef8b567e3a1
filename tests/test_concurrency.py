"""Races between editors, run on PostgreSQL where row locks are real (SQLite serialises writers)."""

import threading

import pytest
from django.db import connection

from incidents import workflow
from incidents.models import Incident
from tests.factories import IncidentFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(*calls):
    """Run the calls at the same moment in threads of their own; return each one's result or error."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except Exception as error:  # noqa: BLE001 - the outcome is what the test looks at
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_two_editors_publishing_one_draft_give_one_publication_and_one_public_id(editor, superuser):
    draft = IncidentFactory()
    outcomes = race(
        lambda: workflow.publish(Incident.objects.get(pk=draft.pk), editor=editor),
        lambda: workflow.publish(Incident.objects.get(pk=draft.pk), editor=superuser),
    )
    published = [o for o in outcomes if isinstance(o, Incident)]
    refused = [o for o in outcomes if isinstance(o, workflow.TransitionError)]
    assert len(published) == 1 and len(refused) == 1
    draft.refresh_from_db()
    assert draft.public_id == published[0].public_id and draft.version == 2
    assert draft.history.filter(history_change_reason="published").count() == 1


def test_two_saves_of_one_version_keep_the_first_and_refuse_the_second(analyst, editor):
    incident = IncidentFactory(fatalities=1)
    outcomes = race(
        lambda: workflow.update_incident(incident, {"fatalities": 10}, editor=analyst, expected_version=1),
        lambda: workflow.update_incident(incident, {"fatalities": 20}, editor=editor, expected_version=1),
    )
    saved = [o for o in outcomes if isinstance(o, Incident)]
    stale = [o for o in outcomes if isinstance(o, workflow.StaleVersion)]
    assert len(saved) == 1 and len(stale) == 1
    incident.refresh_from_db()
    assert incident.fatalities == saved[0].fatalities and incident.version == 2


def test_public_ids_of_drafts_published_at_once_are_all_different(editor):
    drafts = IncidentFactory.create_batch(6)
    outcomes = race(*[lambda d=d: workflow.publish(d, editor=editor) for d in drafts])
    ids = [o.public_id for o in outcomes]
    assert all(isinstance(o, Incident) for o in outcomes) and len(set(ids)) == 6
