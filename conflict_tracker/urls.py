from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from conflict_tracker.auth import ThrottledLoginView
from conflict_tracker.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/login/", ThrottledLoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("api/", include("incidents.api.urls")),
    path("datasets/", include("incidents.datasets.urls")),
    path("", include("incidents.urls")),
]
