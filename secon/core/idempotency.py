"""Creation forms that create once: a repeated submission (double click, resend) shows the first result.

Each creation form carries a one-time token (`{% load once %}{% once_token %}` beside
`{% csrf_token %}`, a fresh one for every form shown). The view, wrapped in `create_once`, claims the
token in the same transaction as the creation and stores where the creation led (the redirect after
success). A second POST with the same token finds the claim and is sent to that first result with a
message; a twin arriving while the first is still being written waits on the token's unique
constraint, then does the same. A submission that fails validation releases its token, so the
corrected form can still be sent.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.core.models import SubmissionToken

FIELD = "once_token"
# A double click or a resend comes within minutes; a day covers a form left open in a tab overnight.
KEEP_FOR = dt.timedelta(days=1)
_WELL_FORMED = re.compile(r"[A-Za-z0-9_-]{32,64}")

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponse])


def new_token() -> str:
    return secrets.token_urlsafe(32)


def posted_token(request: HttpRequest) -> str | None:
    """The token the form was sent with, or None (absent or not one we could have issued)."""
    value = request.POST.get(FIELD, "")
    return value if _WELL_FORMED.fullmatch(value) else None


def _user_id(request: HttpRequest) -> int:
    user_id = request.user.pk
    assert user_id is not None, "create_once runs behind back_office_view"
    return int(user_id)


def _first_result(request: HttpRequest, token: str) -> HttpResponse | None:
    claim = SubmissionToken.objects.filter(token=token, user_id=_user_id(request)).first()
    if claim is None:
        return None
    messages.info(
        request, _("This form had already been sent; here is what it did. Nothing was added twice.")
    )
    # No result yet means a twin is still being written or failed: the form again, unchanged.
    return redirect(claim.result_url or request.get_full_path())


def _claim(request: HttpRequest, token: str) -> SubmissionToken | None:
    """Take the token for this request, or None when another request already holds it."""
    try:
        with transaction.atomic():  # a savepoint: a lost race leaves the outer transaction usable
            return SubmissionToken.objects.create(token=token, user_id=_user_id(request))
    except IntegrityError:
        return None


def create_once(view: ViewFunc) -> ViewFunc:
    """Run a creation view at most once per form token; put inside `back_office_view`."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        token = posted_token(request) if request.method == "POST" else None
        if token is None:
            # A page view, or a POST from a form without a token: nothing to recognise it by later.
            return view(request, *args, **kwargs)
        if (earlier := _first_result(request, token)) is not None:
            return earlier
        with transaction.atomic():
            claim = _claim(request, token)
            if claim is not None:
                response = view(request, *args, **kwargs)
                if response.status_code in (301, 302, 303) and response.has_header("Location"):
                    claim.result_url = response["Location"][:500]
                    claim.save(update_fields=["result_url"])
                else:
                    claim.delete()  # not created (form errors): the corrected form may use the token
                SubmissionToken.objects.filter(created_at__lt=timezone.now() - KEEP_FOR).delete()
        if claim is None:
            # The twin that held the token has committed by now (we waited on its unique key).
            return _first_result(request, token) or redirect(request.get_full_path())
        return response

    setattr(guarded, "creates_once", True)  # noqa: B010 - a test checks every creation view has it
    return guarded  # type: ignore[return-value]
