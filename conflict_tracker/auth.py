"""Sign-in with throttling: repeated failures for one account or from one address are refused for a while.

Counts live in the cache (Redis in production, so every gunicorn worker sees the same counts).
"""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.utils.translation import gettext as _


def _keys(request, username: str) -> list[str]:
    address = request.META.get("REMOTE_ADDR", "")
    return [f"signin-failures:user:{username.casefold()}", f"signin-failures:ip:{address}"]


def is_locked_out(request, username: str) -> bool:
    return any((cache.get(key) or 0) >= settings.SIGNIN_MAX_FAILURES for key in _keys(request, username))


def record_failure(request, username: str) -> None:
    for key in _keys(request, username):
        # add() starts the window on the first failure; incr() keeps its expiry.
        if not cache.add(key, 1, settings.SIGNIN_LOCKOUT_SECONDS):
            try:
                cache.incr(key)
            except ValueError:  # expired between add() and incr()
                cache.add(key, 1, settings.SIGNIN_LOCKOUT_SECONDS)


def clear_failures(request, username: str) -> None:
    cache.delete(_keys(request, username)[0])


class ThrottledLoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        if is_locked_out(request, username):
            form = self.get_form()
            form.add_error(
                None,
                _("Too many failed sign-in attempts. Try again in %(minutes)d minutes.")
                % {"minutes": settings.SIGNIN_LOCKOUT_SECONDS // 60},
            )
            response = self.render_to_response(self.get_context_data(form=form))
            response.status_code = 429
            return response
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        record_failure(self.request, self.request.POST.get("username", ""))
        return super().form_invalid(form)

    def form_valid(self, form):
        clear_failures(self.request, form.get_user().get_username())
        return super().form_valid(form)
