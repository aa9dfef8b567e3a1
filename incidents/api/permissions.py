"""DRF permission classes: each asks `incidents.permissions`, the one place that knows the roles."""

from rest_framework import permissions as drf

from incidents import permissions


class IncidentAccess(drf.BasePermission):
    """Read for API clients and staff; create and edit for analysts; review actions for editors."""

    def has_permission(self, request, view):
        action = getattr(view, "action", None)
        user = request.user
        if action in ("publish", "reject", "retract", "merge"):
            return permissions.can_review(user)
        if action == "history":
            return permissions.can_see_drafts(user)
        if action == "create":
            return permissions.can_create(user)
        if action in ("update", "partial_update"):
            return permissions.can_edit(user)
        if request.method in drf.SAFE_METHODS:
            return permissions.can_read_published(user)
        return False


class ReportAccess(drf.BasePermission):
    """Reports are internal material: analysts and editors only."""

    def has_permission(self, request, view):
        if request.method in drf.SAFE_METHODS:
            return permissions.can_read_reports(request.user)
        return permissions.can_upload(request.user) and permissions.can_read_reports(request.user)


class ReferenceDataAccess(drf.BasePermission):
    """Actors, places and outlets: read by anyone allowed to read published incidents."""

    def has_permission(self, request, view):
        return request.method in drf.SAFE_METHODS and permissions.can_read_published(request.user)
