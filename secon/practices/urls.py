"""Good-practice URLs of the back office (namespace "manage")."""

from django.urls import path

from secon.core import converters  # noqa: F401 - registers <id:…>
from secon.practices import review_views, views

manage_patterns = [
    path("practices/", views.practice_list, name="practice_list"),
    path("practices/new/", views.practice_create, name="practice_create"),
    path("practices/<id:pk>/", views.practice_detail, name="practice_detail"),
    path("practices/<id:pk>/edit/", views.practice_edit, name="practice_edit"),
    path("practices/<id:pk>/versions/", review_views.practice_versions, name="practice_versions"),
    path(
        "practices/<id:pk>/versions/<str:language>/current/",
        views.version_mark_current,
        name="practice_version_current",
    ),
    path("practices/<id:pk>/step/<str:step>/", views.practice_step, name="practice_step"),
    path("practices/<id:pk>/scores/<str:assessor>/", review_views.practice_scores, name="practice_scores"),
    path("practices/<id:pk>/images/new/", review_views.image_add, name="practice_image_add"),
    path("practices/<id:pk>/images/<id:image_pk>/", review_views.image_file, name="practice_image_file"),
    path(
        "practices/<id:pk>/images/<id:image_pk>/remove/",
        review_views.image_remove,
        name="practice_image_remove",
    ),
    path("practices/<id:pk>/attachments/new/", review_views.attachment_add, name="practice_attachment_add"),
    path(
        "practices/<id:pk>/attachments/<id:attachment_pk>/",
        review_views.attachment_file,
        name="practice_attachment_file",
    ),
    path(
        "practices/<id:pk>/attachments/<id:attachment_pk>/remove/",
        review_views.attachment_remove,
        name="practice_attachment_remove",
    ),
]
