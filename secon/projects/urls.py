"""Back-office URLs of the project calendar."""

from django.urls import path

from secon.core import converters  # noqa: F401 - registers <id:…>
from secon.projects import views

manage_patterns = [
    path("", views.dashboard, name="dashboard"),
    path("work-plan/", views.workplan, name="workplan"),
    path("work-plan/new/", views.work_item_create, name="work_item_create"),
    path("work-plan/<id:pk>/", views.work_item_edit, name="work_item_edit"),
    path("work-plan/<id:pk>/delete/", views.work_item_delete, name="work_item_delete"),
]
