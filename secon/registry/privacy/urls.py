"""Registry URLs of the GDPR pages on a person: data export and erasure by anonymisation."""

from django.urls import URLPattern, path

from secon.core import converters  # noqa: F401 - registers <id:…>
from secon.registry.privacy import views as gdpr_views

manage_patterns: list[URLPattern] = [
    path("registry/people/<id:pk>/export/", gdpr_views.person_export, name="person_export"),
    path("registry/people/<id:pk>/anonymise/", gdpr_views.person_anonymise, name="person_anonymise"),
    path("registry/people/<id:pk>/anonymised/", gdpr_views.person_anonymised, name="person_anonymised"),
]
public_patterns: list[URLPattern] = []
