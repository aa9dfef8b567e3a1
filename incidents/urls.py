from django.urls import path

from incidents import views

app_name = "incidents"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("incidents/", views.incident_list, name="incident-list"),
    path("incidents/new/", views.incident_create, name="incident-create"),
    path("incidents/<int:pk>/", views.incident_detail, name="incident-detail"),
    path("incidents/<int:pk>/edit/", views.incident_edit, name="incident-edit"),
    path("incidents/<int:pk>/publish/", views.incident_publish, name="incident-publish"),
    path("incidents/<int:pk>/reject/", views.incident_reject, name="incident-reject"),
    path("incidents/<int:pk>/merge/", views.incident_merge, name="incident-merge"),
    path("reports/", views.report_upload, name="report-upload"),
    path("reports/<int:pk>/", views.report_detail, name="report-detail"),
    path("reports/<int:pk>/status/", views.report_status, name="report-status"),
    path("reports/<int:pk>/file/", views.report_file, name="report-file"),
    path("review/", views.review_queue, name="review-queue"),
    path("review/<int:pk>/", views.review, name="review"),
    path("actors/", views.actor_list, name="actor-list"),
    path("actors/<int:pk>/", views.actor_detail, name="actor-detail"),
    path("places/", views.place_list, name="place-list"),
    path("places/<int:pk>/", views.place_detail, name="place-detail"),
    path("autocomplete/actors/", views.actor_autocomplete, name="actor-autocomplete"),
    path("autocomplete/places/", views.place_autocomplete, name="place-autocomplete"),
]
