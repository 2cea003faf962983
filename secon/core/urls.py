"""Back-office URLs of the core app."""

from django.urls import path

from secon.core import (
    converters,  # noqa: F401 - registers <id:…>
    views,
)

manage_patterns = [
    path("history/<str:model_label>/<id:pk>/", views.record_history, name="record_history"),
    path(
        "history/<str:model_label>/<id:pk>/export/",
        views.record_history_export,
        name="record_history_export",
    ),
]
