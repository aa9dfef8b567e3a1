from django.urls import path

from incidents.datasets import views

app_name = "datasets"
urlpatterns = [
    path("import/", views.import_create, name="import"),
    path("import/<int:pk>/", views.import_detail, name="import-detail"),
    path("export.csv", views.export_csv, name="export"),
]
