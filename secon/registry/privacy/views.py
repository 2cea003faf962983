"""GDPR pages: a person's data export (JSON, PDF) and erasure in the back office; the public opt-out link."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from secon.core.access import AuthenticatedRequest, back_office_view, coordinator_view
from secon.core.personal_data import registered_sections
from secon.registry.access import get_person_for_user
from secon.registry.join.views import link_invalid
from secon.registry.privacy import erasure, export, optout, pdf
from secon.registry.privacy.forms import AnonymiseForm, ExportForm

CONTENT_TYPES = {"json": "application/json; charset=utf-8", "pdf": "application/pdf"}


@never_cache
@back_office_view
def person_export(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The export page (GET) and the file (POST). Staff and coordinators of the person's partner only."""
    # write=True: handing personal data out is the controller's act, not the Lead Partner's review.
    person = get_person_for_user(request.user, pk, write=True)
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        file_format = form.cleaned_data["format"]
        data = export.export_person_data(person, actor=request.user, file_format=file_format)
        content = pdf.render_person_export_pdf(data) if file_format == "pdf" else export.export_as_json(data)
        response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
        response["Content-Disposition"] = f'attachment; filename="person-{person.pk}-data.{file_format}"'
        return response
    return render(
        request,
        "registry/gdpr_export.html",
        {
            "nav": "people",
            "person": person,
            "form": form,
            "sections": [section for section in registered_sections() if not section.top_level],
            "title": _("Export the data of %(name)s") % {"name": person.full_name},
        },
    )


@coordinator_view
def person_anonymise(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Confirmation page: what is erased and what is kept; the name must be typed to erase."""
    person = get_person_for_user(request.user, pk, write=True)
    if person.anonymised_at is not None:
        messages.info(request, _("This person's data has already been erased."))
        return redirect("manage:person_anonymised", pk=person.pk)
    form = AnonymiseForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            erasure.anonymise_person(person, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The person's data was erased."))
            return redirect("manage:person_anonymised", pk=person.pk)
    return render(
        request,
        "registry/gdpr_anonymise.html",
        {
            "nav": "people",
            "person": person,
            "form": form,
            "kept": erasure.anonymisation_preview(person),
            "sections": [section for section in registered_sections() if not section.top_level],
            "title": _("Erase the data of %(name)s") % {"name": person.full_name},
        },
    )


@coordinator_view
def person_anonymised(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """After erasure: what the record still holds, and that the erasure is in its history."""
    person = get_person_for_user(request.user, pk, write=True)
    if person.anonymised_at is None:
        return redirect("manage:person_anonymise", pk=person.pk)
    return render(
        request,
        "registry/gdpr_anonymised.html",
        {
            "nav": "people",
            "person": person,
            "kept": erasure.anonymisation_preview(person),
            "title": _("Data erased: %(name)s") % {"name": person.full_name},
        },
    )


# --- Public: the opt-out link in every e-mail -------------------------------------------------------------


@never_cache
def optout_page(request: HttpRequest, token: str) -> HttpResponse:
    try:
        target = optout.read_token(token)
    except signing.SignatureExpired:
        return link_invalid(request, expired=True, kind="optout")
    except signing.BadSignature:
        return link_invalid(request, expired=False, kind="optout")
    context: dict[str, Any] = {"target": target}
    if target.already:
        return render(
            request,
            "registry/optout_done.html",
            {**context, "title": _("You have already opted out"), "already": True},
        )
    if request.method == "POST":
        changed = optout.opt_out(target)
        title = _("You have opted out") if changed else _("You have already opted out")
        return render(
            request, "registry/optout_done.html", {**context, "title": title, "already": not changed}
        )
    return render(request, "registry/optout_confirm.html", {**context, "title": _("Stop these e-mails?")})
