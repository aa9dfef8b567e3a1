"""API tokens: `Authorization: Token <key>` (or `Bearer <key>`), checked against the stored hash."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from incidents.models import ApiToken

KEYWORDS = ("token", "bearer")
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
# last_used_at is for people auditing tokens, not for billing: writing it once a minute per token at
# most keeps a busy client from turning every read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class ApiTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower().decode("latin-1") not in KEYWORDS:
            return None  # not ours: let the session (or nothing) authenticate the request
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed("Give the key as 'Authorization: Token <key>'.")
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed("Invalid token.") from exc
        token = (
            ApiToken.objects.active().select_related("user").filter(key_hash=ApiToken.hash_key(key)).first()
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed("Invalid, expired or revoked token.")
        _load_permissions(token.user)
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request):
        # Makes DRF answer 401 (with WWW-Authenticate) rather than 403 to a request without credentials.
        return 'Token realm="api"'


def _load_permissions(user) -> None:
    """Fill the user's permission cache in one query, where Django's ModelBackend takes two.

    `has_perm` then reads `user._perm_cache` ("app_label.codename" strings, the user's own and their
    groups'), exactly what ModelBackend.get_all_permissions would have cached there.
    """
    if user.is_superuser or list(settings.AUTHENTICATION_BACKENDS) != [MODEL_BACKEND]:
        return  # superusers skip the lookup anyway; another backend keeps its own rules
    perms = (
        Permission.objects.filter(Q(user=user) | Q(group__user=user))
        .values_list("content_type__app_label", "codename")
        .order_by()
        .distinct()
    )
    user._perm_cache = {f"{app_label}.{codename}" for app_label, codename in perms}


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "incidents.api.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "An API key from `manage.py create_api_token`, sent as `Token <key>`.",
        }
