"""Per-client throttling: each API token has its own budget; a browser session is limited per user."""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from incidents.models import ApiToken


class ClientRateThrottle(SimpleRateThrottle):
    scope = "api"

    def get_rate(self):
        # Read at request time, not import time, so a settings change (or a test's override) applies.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"ip-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
