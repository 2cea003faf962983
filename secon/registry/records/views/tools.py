"""Registry tools on many records: export of a filtered list (CSV, XLSX), possible duplicates and merging."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from secon.core.access import (
    AuthenticatedRequest,
    back_office_view,
    coordinator_view,
    scope_to_user,
)
from secon.registry.access import get_organisation_for_user, get_person_for_user
from secon.registry.models import Organisation, Person
from secon.registry.records import duplicates, exports, merge

# --- export --------------------------------------------------------------------------------------------


@back_office_view
def export_list(request: AuthenticatedRequest, kind: str, file_format: str) -> HttpResponse:
    if kind not in exports.KINDS or file_format not in exports.FORMATS:
        raise Http404
    data, name = exports.export_list(kind, file_format, query=request.GET, actor=request.user)
    response = HttpResponse(data, content_type=exports.FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- merge ---------------------------------------------------------------------------------------------

MERGE_KINDS = {
    "organisations": (Organisation, get_organisation_for_user),
    "people": (Person, get_person_for_user),
}


@coordinator_view
def merge_candidates(request: AuthenticatedRequest, kind: str) -> HttpResponse:
    if kind not in MERGE_KINDS:
        raise Http404
    if kind == "organisations":
        groups = duplicates.organisation_groups(scope_to_user(Organisation.objects.all(), request.user))
    else:
        groups = duplicates.person_groups(scope_to_user(Person.objects.active(), request.user))
    return render(
        request,
        "registry/merge_candidates.html",
        {"nav": kind, "title": _("Possible duplicates"), "kind": kind, "groups": groups},
    )


@coordinator_view
def merge_compare(request: AuthenticatedRequest, kind: str, pk: int, other_pk: int) -> HttpResponse:
    if kind not in MERGE_KINDS:
        raise Http404
    _model, getter = MERGE_KINDS[kind]
    survivor: Any = getter(request.user, pk, write=True)
    other: Any = getter(request.user, other_pk, write=True)
    if survivor.pk == other.pk:
        raise Http404
    fields = merge.ORGANISATION_MERGE_FIELDS if kind == "organisations" else merge.PERSON_MERGE_FIELDS
    rows = merge.compare_rows(survivor, other, fields)
    if kind == "organisations":
        rows += merge.identifier_compare_rows(survivor, other)
    if request.method == "POST":
        choices = {row["name"]: request.POST.get(row["name"], "survivor") for row in rows}
        try:
            if kind == "organisations":
                merged = merge.merge_organisations(survivor, actor=request.user, other=other, choices=choices)
                target = reverse("manage:organisation_detail", args=[merged.pk])
            else:
                person = merge.merge_people(survivor, actor=request.user, other=other, choices=choices)
                target = reverse("manage:person_detail", args=[person.pk])
        except PermissionDenied:
            raise
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The records are merged."))
            return redirect(target)
    return render(
        request,
        "registry/merge_compare.html",
        {
            "nav": kind,
            "title": _("Merge two records"),
            "kind": kind,
            "survivor": survivor,
            "other": other,
            "rows": rows,
        },
    )
