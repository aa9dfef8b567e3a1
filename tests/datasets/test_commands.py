import pytest
from django.core.management import CommandError, call_command

from incidents.models import Incident

pytestmark = pytest.mark.django_db


def test_the_import_command_reports_counts_and_rejected_lines(fixture_file, capsys, editor):
    call_command(
        "import_incidents", str(fixture_file("acled_broken.csv")), "--format", "acled", "--user", "editor"
    )
    out, err = capsys.readouterr()
    assert "2 created, 0 updated, 0 unchanged, 8 rejected" in out
    assert "line 7: IRQ91005: latitude 95.0 is outside -90..90" in err
    assert Incident.objects.filter(created_by=editor).count() == 2


def test_the_import_command_dry_run_writes_nothing(fixture_file, capsys):
    call_command("import_incidents", str(fixture_file("ucdp_valid.csv")), "--format", "ucdp", "--dry-run")
    assert "Dry run, nothing written: 4 created" in capsys.readouterr().out
    assert not Incident.objects.exists()


def test_the_import_command_creates_drafts_when_asked(fixture_file):
    call_command(
        "import_incidents", str(fixture_file("ucdp_valid.csv")), "--format", "ucdp", "--status", "draft"
    )
    assert set(Incident.objects.values_list("status", flat=True)) == {Incident.Status.DRAFT}


def test_the_import_command_refuses_a_file_of_another_format(fixture_file):
    with pytest.raises(CommandError, match="Not an ACLED file"):
        call_command("import_incidents", str(fixture_file("acled_missing_headers.csv")), "--format", "acled")
    assert not Incident.objects.exists()
