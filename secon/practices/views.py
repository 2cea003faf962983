"""Back-office pages of good practices: the list, the form, the practice with its trail, the steps."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from secon.core.access import AuthenticatedRequest, back_office_view, can_edit_partner, scope_to_user
from secon.core.country_names import country_name
from secon.core.history import HistoryReader
from secon.core.idempotency import create_once
from secon.core.listing import paginate
from secon.core.models import AuditEvent
from secon.practices import services
from secon.practices.access import get_practice_for_user
from secon.practices.forms import LANGUAGE_NAMES, PracticeFilterForm, PracticeForm, StepForm, VersionForm
from secon.practices.models import Assessor, Criterion, GoodPractice, PracticeScore
from secon.practices.workflow import TRANSITIONS, available_transitions
from secon.projects.models import Partner

# The page shows the newest part of the trail; the full one is the record-history page.
TRAIL_LENGTH = 50


def _fail(form: Any, error: ValidationError) -> None:
    """A service's refusal shown on the form: per field where it names one, else above the fields."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = form if field in form.fields else None
            if target is not None:
                form.add_error(field, errors)
            else:
                form.add_error(None, errors)
    else:
        form.add_error(None, error)


@back_office_view
def practice_list(request: AuthenticatedRequest) -> HttpResponse:
    form = PracticeFilterForm(request.GET or None, user=request.user)
    practices = scope_to_user(
        GoodPractice.objects.select_related("partner").prefetch_related("versions"), request.user
    )
    page = paginate(request, form.results(practices), form)
    template = "practices/_results.html" if request.htmx else "practices/list.html"
    return render(
        request, template, {"nav": "practices", "title": _("Good practices"), "form": form, "page": page}
    )


def _language_for(partner: Partner) -> str:
    return partner.language or services.PROGRAMME_LANGUAGE


def _version_forms(
    request: AuthenticatedRequest, languages: list[str], practice: GoodPractice | None
) -> list[VersionForm]:
    forms_ = []
    for index, language in enumerate(languages):
        version = practice.version_in(language) if practice is not None else None
        forms_.append(
            VersionForm(
                request.POST if request.method == "POST" else None,
                language=language,
                title_required=index == 0,
                edited=version is not None,
                initial=version.texts() if version is not None else None,
            )
        )
    return forms_


def _languages(language: str) -> list[str]:
    return [language] if language == services.PROGRAMME_LANGUAGE else [language, services.PROGRAMME_LANGUAGE]


@back_office_view
@create_once
def practice_create(request: AuthenticatedRequest) -> HttpResponse:
    partner = request.user.partner
    if partner is None:
        messages.info(
            request, _("Good practices are written by the staff of the partner that proposes them.")
        )
        return redirect("manage:practice_list")
    language = _language_for(partner)
    form = PracticeForm(request.POST if request.method == "POST" else None, partner=partner)
    versions = _version_forms(request, _languages(language), None)
    if request.method == "POST" and form.is_valid() and all(v.is_valid() for v in versions):
        try:
            practice = services.create_practice(
                partner,
                actor=request.user,
                language=language,
                values=form.values(),
                versions={v.language: v.version_texts() for v in versions},
            )
        except ValidationError as error:
            _fail(
                versions[0] if hasattr(error, "error_dict") and "title" in error.error_dict else form, error
            )
        else:
            messages.success(request, _("The practice has been saved as a draft."))
            return redirect("manage:practice_detail", pk=practice.pk)
    return render(
        request,
        "practices/form.html",
        {"nav": "practices", "title": _("New good practice"), "form": form, "versions": versions},
    )


@back_office_view
def practice_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    practice = get_practice_for_user(request.user, pk, write=True)
    if not practice.is_editable:
        messages.error(
            request,
            _(
                "This practice is “%(state)s”: it can be edited only as a draft or when returned"
                " with comments."
            )
            % {"state": practice.get_state_display()},
        )
        return redirect("manage:practice_detail", pk=practice.pk)
    posted = request.POST if request.method == "POST" else None
    form = PracticeForm(posted, partner=practice.partner, initial=PracticeForm.initial_for(practice))
    versions = _version_forms(request, services.practice_languages(practice), practice)
    if request.method == "POST" and form.is_valid() and all(v.is_valid() for v in versions):
        try:
            services.update_practice(
                practice,
                actor=request.user,
                values=form.values(),
                versions={v.language: v.version_texts() for v in versions},
            )
        except ValidationError as error:
            _fail(form, error)
        else:
            messages.success(request, _("The practice has been saved."))
            return redirect("manage:practice_detail", pk=practice.pk)
    return render(
        request,
        "practices/form.html",
        {
            "nav": "practices",
            "title": _("Edit: %(practice)s") % {"practice": practice},
            "form": form,
            "versions": versions,
            "practice": practice,
        },
    )


def _scores(practice: GoodPractice) -> dict[str, Any]:
    """The two sides' scores per criterion, side by side, with their totals."""
    rows = {(s.assessor, s.criterion): s for s in PracticeScore.objects.filter(practice=practice)}
    table = [
        {
            "label": label,
            "partner": rows.get((Assessor.PARTNER, value)),
            "lead": rows.get((Assessor.LEAD_PARTNER, value)),
        }
        for value, label in Criterion.choices
    ]

    def total(assessor: str) -> int | None:
        scored = [s.score for (side, _c), s in rows.items() if side == assessor]
        return sum(scored) if scored else None

    return {
        "rows": table,
        "partner_total": total(Assessor.PARTNER),
        "lead_total": total(Assessor.LEAD_PARTNER),
    }


def _detail_context(request: AuthenticatedRequest, practice: GoodPractice) -> dict[str, Any]:
    versions = list(practice.versions.all())
    events = list(AuditEvent.objects.for_object(practice).select_related("actor")[: TRAIL_LENGTH + 1])
    return {
        "nav": "practices",
        "title": str(practice),
        "practice": practice,
        "versions": [
            {
                "version": v,
                "name": LANGUAGE_NAMES.get(v.language, v.language.upper()),
                "outdated_by": [LANGUAGE_NAMES.get(code, code) for code in v.outdated_by(versions)],
            }
            for v in versions
        ],
        "missing": services.missing_for_submission(practice) if practice.is_editable else [],
        "steps": [
            {"transition": t, "form": StepForm(initial={"state": practice.state}, prefix=t.name)}
            for t in available_transitions(request.user, practice)
        ],
        "can_edit": practice.is_editable and can_edit_partner(request.user, practice.partner),
        "scores": _scores(practice),
        "may_score_partner": services.may_score(request.user, practice, Assessor.PARTNER),
        "may_score_lead": services.may_score(request.user, practice, Assessor.LEAD_PARTNER),
        "trail": HistoryReader(GoodPractice).entries(events[:TRAIL_LENGTH]),
        "trail_more": len(events) > TRAIL_LENGTH,
        "images": list(practice.images.all()),
        "attachments": list(practice.attachments.all()),
        "themes": list(practice.themes.all()),
        "presented_at": list(practice.presented_at.all()),
        "snapshot_count": practice.snapshots.count(),
        "country": country_name(practice.country_id) if practice.country_id else "",
    }


@back_office_view
def practice_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    practice = get_practice_for_user(request.user, pk)
    return render(request, "practices/detail.html", _detail_context(request, practice))


@back_office_view
def practice_step(request: AuthenticatedRequest, pk: int, step: str) -> HttpResponse:
    """One step of the review path, confirmed on its own page (GET) and taken by POST."""
    practice = get_practice_for_user(request.user, pk)
    transition = TRANSITIONS.get(step)
    if transition is None:
        raise Http404
    form = StepForm(
        request.POST if request.method == "POST" else None, initial={"state": practice.state}, prefix=step
    )
    status = 200
    refusal = ""
    if not transition.allowed(request.user, practice):
        # Said on the page, not only with a bare 403: who may take this step instead.
        refusal = _("Only %(who)s may do this: “%(step)s”.") % {
            "who": transition.who,
            "step": transition.label,
        }
        status = 403
    elif request.method == "POST" and form.is_valid():
        try:
            services.STEP_SERVICES[step](
                practice,
                actor=request.user,
                comment=form.cleaned_data["comment"],
                expected_state=form.cleaned_data["state"],
            )
        except PermissionDenied as denied:
            refusal = str(denied) or _("You may not take this step.")
            status = 403
        except ValidationError as error:
            _fail(form, error)
            status = 409 if not hasattr(error, "error_dict") else 200
        else:
            messages.success(
                request, _("Done: the practice is now “%(state)s”.") % {"state": _state_label(practice.pk)}
            )
            return redirect("manage:practice_detail", pk=practice.pk)
    return render(
        request,
        "practices/step.html",
        {
            "nav": "practices",
            "title": transition.label,
            "practice": practice,
            "transition": transition,
            "form": form,
            "refusal": refusal,
        },
        status=status,
    )


def _state_label(pk: int) -> str:
    return GoodPractice.objects.get(pk=pk).get_state_display()


@back_office_view
def version_mark_current(request: AuthenticatedRequest, pk: int, language: str) -> HttpResponse:
    practice = get_practice_for_user(request.user, pk, write=True)
    if request.method != "POST":
        return redirect("manage:practice_detail", pk=practice.pk)
    try:
        services.mark_version_current(practice, actor=request.user, language=language)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The language version is marked as up to date."))
    return redirect("manage:practice_detail", pk=practice.pk)
