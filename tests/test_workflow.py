import pytest
from django.core.files.base import ContentFile

from incidents import workflow
from incidents.models import Incident, IncidentActor, IncidentSource, Report
from tests.factories import ActorFactory, IncidentFactory

pytestmark = pytest.mark.django_db


def make_report(content: bytes, **fields) -> Report:
    digest = Report.hash_of([content])
    report = Report(original_name="report.txt", size=len(content), sha256=digest, **fields)
    report.file.save("ignored-name.txt", ContentFile(content), save=False)
    report.save()
    return report


def test_publishing_a_draft_gives_it_a_public_id_and_records_who(editor):
    draft = IncidentFactory()
    published = workflow.publish(draft, editor=editor)
    assert published.status == Incident.Status.PUBLISHED
    assert published.public_id == f"IRQ{draft.pk}"
    assert published.published_by == editor and published.version == 2
    last = published.history.first()
    assert (last.history_user, last.history_change_reason) == (editor, "published")


def test_a_published_incident_cannot_be_published_again(editor):
    published = workflow.publish(IncidentFactory(), editor=editor)
    with pytest.raises(workflow.TransitionError):
        workflow.publish(published, editor=editor)


def test_retracting_then_republishing_keeps_the_public_id(editor):
    published = workflow.publish(IncidentFactory(), editor=editor)
    retracted = workflow.retract(published, editor=editor, reason="duplicate of a later report")
    assert retracted.status == Incident.Status.RETRACTED
    again = workflow.publish(retracted, editor=editor)
    assert again.public_id == published.public_id


def test_rejecting_keeps_the_reason_and_reopening_returns_it_to_the_queue(editor):
    rejected = workflow.reject(IncidentFactory(), editor=editor, reason="not an incident: a threat")
    assert (rejected.status, rejected.rejection_reason) == ("rejected", "not an incident: a threat")
    assert workflow.reopen(rejected, editor=editor).status == Incident.Status.DRAFT


def test_an_edit_based_on_an_old_version_is_refused_and_changes_nothing(analyst):
    incident = IncidentFactory(fatalities=3)
    workflow.update_incident(incident, {"fatalities": 4}, editor=analyst, expected_version=1)
    with pytest.raises(workflow.StaleVersion):
        workflow.update_incident(incident, {"fatalities": 9}, editor=analyst, expected_version=1)
    incident.refresh_from_db()
    assert (incident.fatalities, incident.version) == (4, 2)


def test_an_edit_derives_event_and_disorder_type_from_the_sub_event_type(analyst):
    incident = IncidentFactory()
    updated = workflow.update_incident(
        incident, {"sub_event_type": "Peaceful protest"}, editor=analyst, expected_version=1
    )
    assert (updated.event_type, updated.disorder_type) == ("Protests", "Demonstrations")
    diff = updated.history.first().diff_against(updated.history.last())
    assert "sub_event_type" in diff.changed_fields


def test_merging_moves_sources_and_fills_missing_fields(editor):
    kept = IncidentFactory(injured=None)
    duplicate = IncidentFactory(injured=12)
    actor = ActorFactory(name="Islamic State (Iraq)")
    workflow.set_actors(duplicate, [("actor1", actor, "IS")])
    IncidentSource.objects.create(incident=duplicate, url="https://example.org/a")

    result = workflow.merge(duplicate, into=kept, editor=editor)

    duplicate.refresh_from_db()
    assert duplicate.status == Incident.Status.MERGED and duplicate.merged_into == result
    assert result.injured == 12
    assert [s.url for s in result.source_links.all()] == ["https://example.org/a"]
    assert result.actor1 == actor


def test_an_incident_cannot_be_merged_into_itself(editor):
    incident = IncidentFactory()
    with pytest.raises(workflow.TransitionError):
        workflow.merge(incident, into=incident, editor=editor)


def test_create_incident_validates_before_saving(analyst):
    with pytest.raises(Exception) as error:
        workflow.create_incident(
            {"event_date": "2021-01-01", "sub_event_type": "Armed clash", "country_iso": "ZZ"}, user=analyst
        )
    assert "country_iso" in str(error.value)
    assert Incident.objects.count() == 0


def test_changing_actors_keeps_a_history_of_additions_and_removals(analyst):
    incident = IncidentFactory()
    first, second = ActorFactory(name="Taliban"), ActorFactory(name="Military Forces of Afghanistan")
    workflow.set_actors(incident, [("actor1", first, "insurgents")])
    workflow.set_actors(incident, [("actor1", first, "insurgents")])  # unchanged: writes nothing
    workflow.set_actors(incident, [("actor1", second, "troops")])
    history = IncidentActor.history.filter(incident_id=incident.pk).order_by("history_id")
    assert [(h.history_type, h.actor_id) for h in history] == [
        ("+", first.pk),
        ("-", first.pk),
        ("+", second.pk),
    ]
    assert [link.actor for link in incident.actor_links.all()] == [second]
