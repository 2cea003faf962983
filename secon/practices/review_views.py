"""Back-office pages around a practice: scores, the saved versions compared, images and attachments."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from secon.core.access import AuthenticatedRequest, back_office_view
from secon.core.converters import parse_id
from secon.core.idempotency import create_once
from secon.core.media import file_response
from secon.practices import services
from secon.practices.access import get_practice_for_user
from secon.practices.forms import AttachmentForm, ImageForm, ScoreForm
from secon.practices.models import Assessor, PracticeAttachment, PracticeImage, PracticeScore
from secon.practices.snapshots import compare


@back_office_view
def practice_scores(request: AuthenticatedRequest, pk: int, assessor: str) -> HttpResponse:
    """One side's scores against SECON's criteria: the partner's, or the Lead Partner's."""
    practice = get_practice_for_user(request.user, pk)
    if assessor not in Assessor.values:
        raise Http404
    if not services.may_score(request.user, practice, assessor):
        raise PermissionDenied
    existing = {s.criterion: s for s in PracticeScore.objects.filter(practice=practice, assessor=assessor)}
    initial = {}
    for criterion, score in existing.items():
        initial[f"{criterion}_score"] = str(score.score)
        initial[f"{criterion}_comment"] = score.comment
    form = ScoreForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_scores(practice, actor=request.user, assessor=assessor, scores=form.scores())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The scores have been saved."))
            return redirect("manage:practice_detail", pk=practice.pk)
    return render(
        request,
        "practices/scores.html",
        {
            "nav": "practices",
            "title": _("Scores: %(practice)s") % {"practice": practice},
            "practice": practice,
            "assessor": Assessor(assessor),
            "form": form,
        },
    )


@back_office_view
def practice_versions(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Every saved version of the practice; any two compared field by field."""
    practice = get_practice_for_user(request.user, pk)
    snapshots = list(practice.snapshots.select_related("actor"))
    by_number = {s.number: s for s in snapshots}
    newest = snapshots[0].number if snapshots else 0
    old_number = parse_id(request.GET.get("old")) or max(newest - 1, 1)
    new_number = parse_id(request.GET.get("new")) or newest
    old, new = by_number.get(old_number), by_number.get(new_number)
    if snapshots and (old is None or new is None):
        messages.error(request, _("There is no such saved version; the latest two are compared."))
        old, new = by_number.get(max(newest - 1, 1)), by_number.get(newest)
    return render(
        request,
        "practices/versions.html",
        {
            "nav": "practices",
            "title": _("Versions of %(practice)s") % {"practice": practice},
            "practice": practice,
            "snapshots": snapshots,
            "old": old,
            "new": new,
            "diffs": compare(old, new) if old is not None and new is not None else [],
        },
    )


@back_office_view
@create_once
def image_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    practice = get_practice_for_user(request.user, pk, write=True)
    form = ImageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_image(
                practice, actor=request.user, image=data["image"], alt=data["alt"], alt_en=data["alt_en"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The image has been added."))
            return redirect("manage:practice_detail", pk=practice.pk)
    return render(
        request,
        "practices/file_form.html",
        {"nav": "practices", "title": _("Add an image"), "practice": practice, "form": form},
    )


@back_office_view
@create_once
def attachment_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    practice = get_practice_for_user(request.user, pk, write=True)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_attachment(practice, actor=request.user, title=data["title"], file=data["file"])
        except ValidationError as error:
            form.add_error("file" if error.messages else None, error)
        else:
            messages.success(request, _("The attachment has been added."))
            return redirect("manage:practice_detail", pk=practice.pk)
    return render(
        request,
        "practices/file_form.html",
        {"nav": "practices", "title": _("Add an attachment"), "practice": practice, "form": form},
    )


def _image(request: AuthenticatedRequest, pk: int, image_pk: int, *, write: bool = False) -> PracticeImage:
    practice = get_practice_for_user(request.user, pk, write=write)
    image = PracticeImage.objects.filter(practice=practice, pk=image_pk).first()
    if image is None:
        raise Http404
    image.practice = practice
    return image


def _attachment(
    request: AuthenticatedRequest, pk: int, attachment_pk: int, *, write: bool = False
) -> PracticeAttachment:
    practice = get_practice_for_user(request.user, pk, write=write)
    attachment = PracticeAttachment.objects.filter(practice=practice, pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    attachment.practice = practice
    return attachment


@back_office_view
def image_file(request: AuthenticatedRequest, pk: int, image_pk: int) -> HttpResponse:
    """An image for staff who may see the practice, public or not (the only way to a draft's files)."""
    return cast(HttpResponse, file_response(_image(request, pk, image_pk).image))


@back_office_view
def attachment_file(request: AuthenticatedRequest, pk: int, attachment_pk: int) -> HttpResponse:
    attachment = _attachment(request, pk, attachment_pk)
    return cast(HttpResponse, file_response(attachment.file, download_name=attachment.original_name or None))


@back_office_view
def image_remove(request: AuthenticatedRequest, pk: int, image_pk: int) -> HttpResponse:
    image = _image(request, pk, image_pk, write=True)
    if request.method == "POST":
        try:
            services.remove_image(image, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The image has been removed."))
    return redirect("manage:practice_detail", pk=pk)


@back_office_view
def attachment_remove(request: AuthenticatedRequest, pk: int, attachment_pk: int) -> HttpResponse:
    attachment = _attachment(request, pk, attachment_pk, write=True)
    if request.method == "POST":
        try:
            services.remove_attachment(attachment, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The attachment has been removed."))
    return redirect("manage:practice_detail", pk=pk)
