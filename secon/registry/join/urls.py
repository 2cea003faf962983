"""Registry URLs of “join us”: the public form and its confirmation link; the staff review queue."""

from django.urls import URLPattern, path

from secon.core import converters  # noqa: F401 - registers <id:…>
from secon.registry.join import views as join_views

manage_patterns: list[URLPattern] = [
    path("join-requests/", join_views.join_request_list, name="join_request_list"),
    path("join-requests/<id:pk>/", join_views.join_request_detail, name="join_request_detail"),
    path("join-requests/<id:pk>/accept/", join_views.join_request_accept, name="join_request_accept"),
    path("join-requests/<id:pk>/decline/", join_views.join_request_decline, name="join_request_decline"),
]
public_patterns: list[URLPattern] = [
    path("join/", join_views.join_form, name="join"),
    path("join/sent/", join_views.join_sent, name="join_sent"),
    path("join/confirm/<str:token>/", join_views.join_confirm, name="join_confirm"),
]
