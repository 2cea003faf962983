"""Registry URLs of the records: organisations, people, consents, the RSG, list exports, duplicates."""

from django.urls import URLPattern, path

from secon.core import converters  # noqa: F401 - registers <id:…>
from secon.registry.records.views import organisations, people, rsg, tools

manage_patterns: list[URLPattern] = [
    path("registry/organisations/", organisations.organisation_list, name="organisation_list"),
    path("registry/organisations/new/", organisations.organisation_create, name="organisation_create"),
    path("registry/organisations/<id:pk>/", organisations.organisation_detail, name="organisation_detail"),
    path("registry/organisations/<id:pk>/edit/", organisations.organisation_edit, name="organisation_edit"),
    path(
        "registry/organisations/<id:pk>/delete/",
        organisations.organisation_delete,
        name="organisation_delete",
    ),
    path(
        "registry/organisations/<id:pk>/statuses/new/",
        organisations.organisation_status_add,
        name="organisation_status_add",
    ),
    path(
        "registry/organisations/<id:pk>/statuses/<id:status_pk>/end/",
        organisations.organisation_status_end,
        name="organisation_status_end",
    ),
    path("registry/people/", people.person_list, name="person_list"),
    path("registry/people/new/", people.person_create, name="person_create"),
    path("registry/people/<id:pk>/", people.person_detail, name="person_detail"),
    path("registry/people/<id:pk>/edit/", people.person_edit, name="person_edit"),
    path(
        "registry/people/<id:pk>/organisations/new/",
        people.person_affiliation_add,
        name="person_affiliation_add",
    ),
    path(
        "registry/people/<id:pk>/organisations/<id:affiliation_pk>/end/",
        people.person_affiliation_end,
        name="person_affiliation_end",
    ),
    path("registry/people/<id:pk>/consents/new/", people.person_consent_record, name="person_consent_record"),
    path(
        "registry/people/<id:pk>/consents/withdraw/",
        people.person_consent_withdraw,
        name="person_consent_withdraw",
    ),
    path("registry/stakeholder-group/", rsg.rsg, name="rsg"),
    path("registry/stakeholder-group/new/", rsg.rsg_member_add, name="rsg_member_add"),
    path("registry/stakeholder-group/<id:pk>/end/", rsg.rsg_member_end, name="rsg_member_end"),
    path("registry/export/<str:kind>.<str:file_format>", tools.export_list, name="export_list"),
    path("registry/duplicates/<str:kind>/", tools.merge_candidates, name="merge_candidates"),
    path("registry/duplicates/<str:kind>/<id:pk>/<id:other_pk>/", tools.merge_compare, name="merge_compare"),
]
public_patterns: list[URLPattern] = []
