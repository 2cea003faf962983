"""“Join us” pages: the public form and its confirmation link; the staff review queue."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from secon.core.access import AuthenticatedRequest, back_office_view, can_edit_partner, scope_to_user
from secon.core.clientip import client_ip
from secon.core.i18n import current_language
from secon.projects.current import current_project
from secon.projects.models import Partner
from secon.registry.access import get_join_request_for_user
from secon.registry.join import services as join
from secon.registry.join.forms import ALL, HONEYPOT, QUEUE_STATUSES, JoinForm, QueueFilterForm, ReviewForm
from secon.registry.models import JoinRequest, JoinRequestStatus, Person

logger = logging.getLogger(__name__)
PAGE_SIZE = 25


def _partners() -> list[Partner]:
    project = current_project()
    partners = Partner.objects.in_order()
    return list(partners.filter(project=project) if project else partners)


def _clause_context() -> dict[str, Any]:
    return {
        "clause_template": f"registry/join_clause_{'en' if current_language() == 'en' else 'pl'}.html",
        "clause_version": join.clause_version(),
        "controller": settings.PRIVACY_CONTROLLER,
        "dpo_email": settings.PRIVACY_DPO_EMAIL,
        "confirm_days": join.confirm_days(),
        # The clause must state what the retention purge really does (purge_personal_data).
        "unconfirmed_retention_days": settings.JOIN_UNCONFIRMED_RETENTION_DAYS,
    }


def _limited(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "registry/join_limited.html",
        {"title": _("Too many requests"), "minutes": join.limit_minutes()},
        status=429,
    )


@never_cache
def join_form(request: HttpRequest) -> HttpResponse:
    partners = _partners()
    if request.method == "POST":
        # The visitor's address as the TLS proxy saw it (TRUSTED_PROXIES), not the proxy's own.
        ip = client_ip(request)
        if join.over_limit(ip):
            logger.info("join form: rate limit", extra={"ip": ip})
            return _limited(request)
        if request.POST.get(HONEYPOT):
            # A bot: it is told all went well, and nothing is kept.
            join.take_submission(ip)
            return redirect("public:join_sent")
        form = JoinForm(request.POST, partners=partners)
        if form.is_valid():
            # Counted and checked in one atomic step: parallel posts cannot all slip under the limit.
            if not join.take_submission(ip):
                logger.info("join form: rate limit", extra={"ip": ip})
                return _limited(request)
            data = form.cleaned_data
            join.submit_join_request(
                data["partner"],
                given_names=data["given_names"],
                surname=data["surname"],
                email=data["email"],
                organisation_name=data["organisation"],
                interests=data["interests"],
                message=data["message"],
                language=current_language(),
            )
            return redirect("public:join_sent")
    else:
        form = JoinForm(partners=partners)
    return render(
        request,
        "registry/join_form.html",
        {"title": _("Join us"), "nav": "join", "form": form, **_clause_context()},
    )


def join_sent(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "registry/join_sent.html",
        {"title": _("Check your e-mail"), "nav": "join", "confirm_days": join.confirm_days()},
    )


def link_invalid(request: HttpRequest, *, expired: bool, kind: str) -> HttpResponse:
    return render(
        request,
        "registry/join_link_invalid.html",
        {"title": _("This link does not work"), "expired": expired, "kind": kind},
        status=400,
    )


@never_cache
def join_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the confirmation e-mail: a page with one button, so a mail scanner confirms nothing."""
    try:
        join_request = join.read_confirm_token(token)
    except signing.SignatureExpired:
        return link_invalid(request, expired=True, kind="confirm")
    except signing.BadSignature:
        return link_invalid(request, expired=False, kind="confirm")
    if join_request is None:
        # Withdrawn or purged since: nothing to confirm any more.
        return link_invalid(request, expired=True, kind="confirm")
    if join_request.status != JoinRequestStatus.UNCONFIRMED:
        return render(
            request,
            "registry/join_confirmed.html",
            {"title": _("Your request is confirmed"), "join_request": join_request, "again": True},
        )
    if request.method == "POST":
        join.confirm_join_request(join_request)
        return render(
            request,
            "registry/join_confirmed.html",
            {"title": _("Your request is confirmed"), "join_request": join_request, "again": False},
        )
    return render(
        request,
        "registry/join_confirm.html",
        {"title": _("Confirm your request"), "join_request": join_request},
    )


# --- Back office: the review queue ------------------------------------------------------------------------


def _queue(request: AuthenticatedRequest, form: QueueFilterForm) -> tuple[QuerySet[JoinRequest], str]:
    visible = scope_to_user(JoinRequest.objects.exclude(status=JoinRequestStatus.UNCONFIRMED), request.user)
    status = JoinRequestStatus.CONFIRMED.value
    if form.is_valid():
        status = form.cleaned_data.get("status") or status
        if form.cleaned_data.get("partner"):
            visible = visible.filter(partner=form.cleaned_data["partner"])
    return visible, status


@back_office_view
def join_request_list(request: AuthenticatedRequest) -> HttpResponse:
    form = QueueFilterForm(request.GET or None, sees_all=request.user.sees_all_partners)
    visible, status = _queue(request, form)
    counts = dict(visible.order_by().values("status").annotate(n=Count("pk")).values_list("status", "n"))
    tabs = [
        {"status": code, "label": label, "count": counts.get(code, 0), "current": code == status}
        for code, label in QUEUE_STATUSES
    ]
    rows = visible if status == ALL else visible.filter(status=status)
    rows = (
        rows.select_related("partner", "reviewed_by")
        .prefetch_related("interests")
        .order_by("-confirmed_at", "-pk")
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    partner = form.cleaned_data.get("partner") if form.is_valid() else None
    return render(
        request,
        "registry/join_request_list.html",
        {
            "nav": "join_requests",
            "title": _("“Join us” requests"),
            "form": form,
            "page": page,
            "tabs": tabs,
            "status": status,
            "total": sum(counts.values()),
            "partner_filter": partner.pk if partner else "",
        },
    )


def _reviewable(request: AuthenticatedRequest, pk: int, *, write: bool = False) -> JoinRequest:
    join_request = get_join_request_for_user(request.user, pk, write=write)
    if join_request.status == JoinRequestStatus.UNCONFIRMED:
        raise Http404  # not confirmed by its sender: not for staff to see yet
    return join_request


@back_office_view
def join_request_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    join_request = _reviewable(request, pk)
    return render(
        request,
        "registry/join_request_detail.html",
        {
            "nav": "join_requests",
            "title": _("Request from %(name)s") % {"name": join_request.full_name},
            "join_request": join_request,
            "interests": list(join_request.interests.all()),
            "can_review": join_request.status == JoinRequestStatus.CONFIRMED
            and can_edit_partner(request.user, join_request.partner),
            "existing_person": Person.objects.for_partner(join_request.partner_id)
            .filter(email__iexact=join_request.email)
            .first()
            if join_request.status == JoinRequestStatus.CONFIRMED
            else None,
        },
    )


def _review(request: AuthenticatedRequest, pk: int, *, accept: bool) -> HttpResponse:
    join_request = _reviewable(request, pk, write=True)
    if join_request.status != JoinRequestStatus.CONFIRMED:
        messages.info(request, _("This request has already been decided."))
        return redirect("manage:join_request_detail", join_request.pk)
    form = ReviewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        note = form.cleaned_data["note"]
        try:
            if accept:
                person = join.accept_join_request(join_request, actor=request.user, note=note)
            else:
                join.decline_join_request(join_request, actor=request.user, note=note)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if accept:
                messages.success(
                    request,
                    _("The request was accepted: %(name)s is in the registry.") % {"name": person.full_name},
                )
            else:
                messages.success(request, _("The request was declined."))
            return redirect("manage:join_request_detail", join_request.pk)
    existing = (
        Person.objects.for_partner(join_request.partner_id).filter(email__iexact=join_request.email).first()
    )
    return render(
        request,
        "registry/join_request_review.html",
        {
            "nav": "join_requests",
            "title": _("Accept the request") if accept else _("Decline the request"),
            "join_request": join_request,
            "accept": accept,
            "form": form,
            "existing_person": existing,
            "organisation": join.find_organisation(join_request.partner_id, join_request.organisation_name)
            if accept
            else None,
        },
    )


@back_office_view
def join_request_accept(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _review(request, pk, accept=True)


@back_office_view
def join_request_decline(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _review(request, pk, accept=False)
