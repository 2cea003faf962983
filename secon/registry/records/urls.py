"""Registry URLs of the back-office pages: organisations, people, consents, the Regional Stakeholder Group."""

from django.urls import URLPattern, path

from secon.core import converters  # noqa: F401 - registers <id:…>
from secon.registry.records.views import organisations as views

manage_patterns: list[URLPattern] = [
    path("registry/organisations/", views.organisation_list, name="organisation_list"),
    path("registry/organisations/new/", views.organisation_create, name="organisation_create"),
    path("registry/organisations/<id:pk>/", views.organisation_detail, name="organisation_detail"),
    path("registry/organisations/<id:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path("registry/organisations/<id:pk>/delete/", views.organisation_delete, name="organisation_delete"),
    path(
        "registry/organisations/<id:pk>/statuses/new/",
        views.organisation_status_add,
        name="organisation_status_add",
    ),
    path(
        "registry/organisations/<id:pk>/statuses/<id:status_pk>/end/",
        views.organisation_status_end,
        name="organisation_status_end",
    ),
    path("registry/people/", views.person_list, name="person_list"),
    path("registry/people/new/", views.person_create, name="person_create"),
    path("registry/people/<id:pk>/", views.person_detail, name="person_detail"),
    path("registry/people/<id:pk>/edit/", views.person_edit, name="person_edit"),
    path(
        "registry/people/<id:pk>/organisations/new/",
        views.person_affiliation_add,
        name="person_affiliation_add",
    ),
    path(
        "registry/people/<id:pk>/organisations/<id:affiliation_pk>/end/",
        views.person_affiliation_end,
        name="person_affiliation_end",
    ),
    path("registry/people/<id:pk>/consents/new/", views.person_consent_record, name="person_consent_record"),
    path(
        "registry/people/<id:pk>/consents/withdraw/",
        views.person_consent_withdraw,
        name="person_consent_withdraw",
    ),
    path("registry/stakeholder-group/", views.rsg, name="rsg"),
    path("registry/stakeholder-group/new/", views.rsg_member_add, name="rsg_member_add"),
    path("registry/stakeholder-group/<id:pk>/end/", views.rsg_member_end, name="rsg_member_end"),
]
public_patterns: list[URLPattern] = []
