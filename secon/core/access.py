"""The access gate shared by every app.

Every back-office view is wrapped in `back_office_view`; every object a view touches comes through
its app's `get_<thing>_for_user(user, pk, *, write=False)`, built on `check_partner_access` here:
404 for someone who may not know the object exists, 403 for someone who may see but not change it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from secon.accounts.models import User
    from secon.projects.models import Partner


class AuthenticatedRequest(HttpRequest):
    """The request a back-office view receives: the gate has made sure `user` is a signed-in User."""

    user: User
    htmx: HtmxDetails


ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponse])


def needs_second_factor(user: Any) -> bool:
    """True when STAFF_REQUIRE_2FA is on and this user can reach the back office or the Django admin."""
    if not settings.STAFF_REQUIRE_2FA or not user.is_authenticated:
        return False
    return bool(getattr(user, "in_back_office", False) or (user.is_active and user.is_staff))


def session_passed_second_factor(request: HttpRequest) -> bool:
    """True when THIS session entered a second-factor code, not merely when the user enrolled one.

    allauth keeps a log of the methods used to sign in within the session ("password", then "mfa" after
    the code, also after a code entered to re-authenticate); a session opened any other way has no
    "mfa" entry. Entering the code when enrolling counts too (see accounts.signals).
    """
    from allauth.account.authentication import get_authentication_records

    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def second_factor_step(request: HttpRequest) -> str | None:
    """Where this session must go before the back office or the admin: None when it may go on.

    Without TOTP: enrol it. With TOTP but a session that never entered its code (signed in before
    enrolling elsewhere, or opened by any path that skipped allauth's code step): enter the code now.
    """
    user = request.user
    if not needs_second_factor(user):
        return None
    from allauth.mfa.models import Authenticator

    if not Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists():
        return reverse("mfa_activate_totp")
    if session_passed_second_factor(request):
        return None
    return f"{reverse('mfa_reauthenticate')}?{urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})}"


def back_office_view(view: ViewFunc) -> ViewFunc:
    """Anonymous users go to the login page; signed-in users without a back-office role get 403; with
    STAFF_REQUIRE_2FA, a session that has not passed the second factor goes to that step first."""

    @wraps(view)
    def gated(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not getattr(user, "in_back_office", False):
            raise PermissionDenied
        step = second_factor_step(request)
        if step is not None:
            return redirect(step)
        return view(request, *args, **kwargs)

    setattr(gated, "back_office", True)  # noqa: B010 - the URL walk test looks for this mark
    return gated  # type: ignore[return-value]


def coordinator_view(view: ViewFunc) -> ViewFunc:
    """A back-office view for coordinators, the Lead Partner and admins only (not partner staff)."""

    @back_office_view
    @wraps(view)
    def gated(request: AuthenticatedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_coordinator:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return gated  # type: ignore[return-value]


def can_see_partner(user: User, partner: Partner | None) -> bool:
    if not user.is_authenticated or not user.in_back_office:
        return False
    return user.sees_all_partners or (partner is not None and user.partner_id == partner.pk)


def can_edit_partner(user: User, partner: Partner | None) -> bool:
    # The Lead Partner coordinator reviews everything but edits only its own partner's records.
    if not user.is_authenticated or not user.in_back_office:
        return False
    if user.role == "admin":
        return True
    return partner is not None and user.partner_id == partner.pk


class PartnerOwned(Protocol):
    """A record that belongs to one partner (or to none: then only the Lead Partner and admins see it)."""

    @property
    def partner(self) -> Partner | None: ...


Owned = TypeVar("Owned", bound=PartnerOwned)
Record = TypeVar("Record", bound=models.Model)
Record_co = TypeVar("Record_co", bound=models.Model, covariant=True)
Rows = TypeVar("Rows", bound=models.QuerySet[Any])


class AccessGetter(Protocol[Record_co]):
    """An app's gate: `get_<thing>_for_user(user, pk, *, write=False)` returns the record or raises."""

    def __call__(self, user: User, pk: int | str, *, write: bool = False) -> Record_co: ...


def check_partner_access(user: User, obj: Owned, *, write: bool = False) -> Owned:
    """Apply the partner rule to an object that has a `partner` attribute; returns it, typed as given."""
    partner = obj.partner
    if not can_see_partner(user, partner):
        raise Http404
    if write and not can_edit_partner(user, partner):
        raise PermissionDenied
    return obj


def scope_to_user(queryset: Rows, user: User, *, field: str = "partner") -> Rows:
    """Limit a queryset of partner-owned rows to what this back-office user may see."""
    if user.sees_all_partners:
        return queryset
    return queryset.filter(**{field: user.partner_id})


# Model label -> access function; lets generic views (record history) reach any app's gate.
_ACCESS_FUNCTIONS: dict[str, AccessGetter[Any]] = {}


def register_access(model: type[Record], getter: AccessGetter[Record]) -> None:
    _ACCESS_FUNCTIONS[model._meta.label_lower] = getter


def get_object_for_user(model_label: str, user: User, pk: Any, *, write: bool = False) -> models.Model:
    getter = _ACCESS_FUNCTIONS.get(model_label)
    if getter is None:
        raise Http404
    record: models.Model = getter(user, pk, write=write)
    return record
