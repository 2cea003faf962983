"""Counts the code entered to enrol TOTP as this session's second factor.

The back-office gate lets a session in only when allauth's log of the session's sign-in methods
contains "mfa". Activating TOTP checks a code from the new authenticator but does not write that
entry, so the person who just enrolled would be asked for a second code at once. The session that
enrolled has shown the code, so it is recorded here. Only the enrolling session gets it: a session
opened elsewhere before the enrolment still has to enter a code.
"""

from __future__ import annotations

from typing import Any

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.dispatch import receiver
from django.http import HttpRequest


@receiver(authenticator_added, dispatch_uid="secon.accounts.record_enrolment_code")
def record_enrolment_code(
    sender: Any, request: HttpRequest | None, user: Any, authenticator: Authenticator, **kwargs: Any
) -> None:
    if request is None or authenticator.type != Authenticator.Type.TOTP or request.user.pk != user.pk:
        return
    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type, enrolled=True)
