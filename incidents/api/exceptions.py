"""One JSON shape for every API error: {"detail": "...", "code": "...", "errors": {field: [...]}}.

Maps the workflow's exceptions to HTTP: TransitionError and StaleVersion → 409, UploadRejected →
413 (too large) or 400, Django's ValidationError (model.full_clean) → 400 with field errors.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from incidents import workflow


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The incident is not in a state that allows this change."
    default_code = "conflict"


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The upload is too large."
    default_code = "too_large"


def _field_errors(detail) -> dict:
    if isinstance(detail, dict):
        return {field: _messages(value) for field, value in detail.items()}
    return {"non_field_errors": _messages(detail)}


def _messages(value) -> list:
    if isinstance(value, list):
        return [_messages(v) if isinstance(v, dict | list) else str(v) for v in value]
    if isinstance(value, dict):
        return _field_errors(value)
    return [str(value)]


def _translate(exc):
    if isinstance(exc, workflow.StaleVersion):
        return Conflict(str(exc), code="stale_version")
    if isinstance(exc, workflow.TransitionError):
        return Conflict(str(exc), code="invalid_transition")
    if isinstance(exc, workflow.UploadRejected):
        if exc.code == "too_large":
            return PayloadTooLarge(str(exc))
        return exceptions.ValidationError({"file": [str(exc)]}, code=exc.code)
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        return exceptions.ValidationError(detail)
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied()
    return exc


def api_exception_handler(exc, context):
    exc = _translate(exc)
    response = exception_handler(exc, context)
    if response is None:
        return None  # a real bug: let Django answer 500 and log it
    if isinstance(exc, exceptions.ValidationError):
        body = {"detail": "Invalid input.", "code": "invalid", "errors": _field_errors(exc.detail)}
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else response.data
        codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        body = {"detail": str(detail), "code": codes if isinstance(codes, str) else "error"}
    response.data = body
    return response


def error_response(status_code: int, detail: str, code: str) -> Response:
    return Response({"detail": detail, "code": code}, status=status_code)
