"""Who may do what: the roles, and the one place every view, API endpoint and task asks.

Roles are Django groups made by a data migration (0002_roles) from ROLE_PERMISSIONS below:
- Analysts log incidents, edit drafts and upload reports;
- Editors also review: publish, reject, merge and retract;
- API clients read published incidents only.
Superusers can do everything. Staff status only opens the admin.
"""

ANALYSTS, EDITORS, API_CLIENTS = "Analysts", "Editors", "API clients"

_ANALYST = [
    "incidents.view_incident",
    "incidents.add_incident",
    "incidents.change_incident",
    "incidents.view_report",
    "incidents.add_report",
    "incidents.view_actor",
    "incidents.add_actor",
    "incidents.view_location",
    "incidents.add_location",
    "incidents.view_source",
    "incidents.add_source",
]
ROLE_PERMISSIONS: dict[str, list[str]] = {
    ANALYSTS: _ANALYST,
    EDITORS: _ANALYST
    + [
        "incidents.review_incident",
        "incidents.change_report",
        "incidents.change_actor",
        "incidents.change_location",
        "incidents.change_source",
        "incidents.import_incidents",
    ],
    API_CLIENTS: [
        "incidents.view_incident",
        "incidents.view_actor",
        "incidents.view_location",
        "incidents.view_source",
    ],
}


def sync_roles(group_model=None, permission_model=None) -> None:
    """Create or update the role groups with exactly the permissions of ROLE_PERMISSIONS.

    Called by the 0002_roles migration (with its historical models), by `setup_demo`, and by tests
    after a flush. The permissions themselves must exist (they do once migrate has run).
    """
    if group_model is None:
        from django.contrib.auth.models import Group as group_model  # noqa: N813
        from django.contrib.auth.models import Permission as permission_model  # noqa: N813
    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=role)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            wanted.append(permission_model.objects.get(content_type__app_label=app_label, codename=codename))
        group.permissions.set(wanted)


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_see_drafts(user) -> bool:
    """Analysts and editors see drafts, rejected and retracted incidents; API clients never do."""
    return _active(user) and user.has_perm("incidents.change_incident")


def can_edit(user) -> bool:
    return _active(user) and user.has_perm("incidents.change_incident")


def can_create(user) -> bool:
    return _active(user) and user.has_perm("incidents.add_incident")


def can_upload(user) -> bool:
    return _active(user) and user.has_perm("incidents.add_report")


def can_read_reports(user) -> bool:
    """Uploaded reports (and their files) are internal material: analysts and editors only."""
    return _active(user) and user.has_perm("incidents.view_report") and can_see_drafts(user)


def can_review(user) -> bool:
    """Publish, reject, merge and retract."""
    return _active(user) and user.has_perm("incidents.review_incident")


def can_import(user) -> bool:
    return _active(user) and user.has_perm("incidents.import_incidents")


def can_read_published(user) -> bool:
    return _active(user) and user.has_perm("incidents.view_incident")
