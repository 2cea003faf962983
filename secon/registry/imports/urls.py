"""Registry URLs of the import: upload, columns, check, confirm, progress."""

from django.urls import URLPattern, path

from secon.core import converters  # noqa: F401 - registers <id:…>
from secon.registry.imports import views

manage_patterns: list[URLPattern] = [
    path("registry/import/", views.import_start, name="import_start"),
    path("registry/import/<id:pk>/columns/", views.import_mapping, name="import_mapping"),
    path("registry/import/<id:pk>/check/", views.import_report, name="import_report"),
    path("registry/import/<id:pk>/bad-rows.csv", views.import_bad_rows, name="import_bad_rows"),
    path("registry/import/<id:pk>/confirm/", views.import_confirm, name="import_confirm"),
    path("registry/import/<id:pk>/progress/", views.import_progress, name="import_progress"),
    path("registry/import/<id:pk>/requeue/", views.import_requeue, name="import_requeue"),
    path("registry/import/<id:pk>/cancel/", views.import_cancel, name="import_cancel"),
]
public_patterns: list[URLPattern] = []
