"""Registry URLs of privacy: a person's data export and erasure; the opt-out link of every e-mail."""

from django.urls import URLPattern, path

from secon.core import converters  # noqa: F401 - registers <id:…>
from secon.registry.privacy import views

manage_patterns: list[URLPattern] = [
    path("registry/people/<id:pk>/export/", views.person_export, name="person_export"),
    path("registry/people/<id:pk>/anonymise/", views.person_anonymise, name="person_anonymise"),
    path("registry/people/<id:pk>/anonymised/", views.person_anonymised, name="person_anonymised"),
]
public_patterns: list[URLPattern] = [
    path("opt-out/<str:token>/", views.optout_page, name="optout"),
]
