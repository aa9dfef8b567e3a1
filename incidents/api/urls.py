from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from incidents.api import views

router = DefaultRouter()
router.register("incidents", views.IncidentViewSet, basename="api-incident")
router.register("reports", views.ReportViewSet, basename="api-report")
router.register("actors", views.ActorViewSet, basename="api-actor")
router.register("locations", views.LocationViewSet, basename="api-location")
router.register("sources", views.SourceViewSet, basename="api-source")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("schema/swagger/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="swagger-ui"),
    path("schema/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
]
