"""Back-office URLs of the core app."""

from django.urls import path

from secon.core import views

manage_patterns = [
    path("history/<str:model_label>/<str:pk>/", views.record_history, name="record_history"),
]
