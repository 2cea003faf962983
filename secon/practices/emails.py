"""E-mails of the review path: who hears of each step, in their own language, after the step commits."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from contextvars import ContextVar
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from secon.accounts.models import Role, User
from secon.core.siteurl import absolute_url

if TYPE_CHECKING:
    from secon.practices.models import GoodPractice
    from secon.practices.workflow import Transition

logger = logging.getLogger(__name__)

# Set while the demo is loaded: its steps are history being written, not news for the demo users.
_muted: ContextVar[bool] = ContextVar("practice_emails_muted", default=False)


@contextlib.contextmanager
def muted() -> Iterator[None]:
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def recipients(practice: GoodPractice, transition: Transition, *, actor: User) -> list[User]:
    """A submission to the Lead Partner goes to its coordinators; every other step to the practice's
    partner (its coordinators and whoever created the practice). Never to the person who acted."""
    if transition.name == "submit":
        wanted = Q(role=Role.LEAD_COORDINATOR)
    else:
        wanted = Q(partner_id=practice.partner_id, role__in=[Role.COORDINATOR, Role.LEAD_COORDINATOR])
        if practice.created_by_id:
            wanted |= Q(pk=practice.created_by_id)
    users = User.objects.filter(wanted, is_active=True).exclude(pk=actor.pk).order_by("pk")
    return list(users)


def _language(user: User) -> str:
    codes = [code for code, _name in settings.LANGUAGES]
    return user.language if user.language in codes else settings.LANGUAGE_CODE


def _deliver(message: EmailMessage) -> None:
    try:
        message.send()
    except Exception:
        # The step has committed; a mail server failure must not turn it into an error page.
        logger.exception("practice e-mail not sent", extra={"subject": message.subject})


def notify_transition(practice: GoodPractice, transition: Transition, *, actor: User, comment: str) -> None:
    """Render each message now (inside the step's transaction), send after it commits."""
    if _muted.get():
        return
    for user in recipients(practice, transition, actor=actor):
        language = _language(user)
        with translation.override(language):
            values = {
                "practice": practice,
                "title": str(practice),
                "state": practice.get_state_display(),
                "actor": str(actor),
                "comment": comment,
                "url": absolute_url(reverse("manage:practice_detail", kwargs={"pk": practice.pk})),
            }
            subject = " ".join(render_to_string("practices/email/transition_subject.txt", values).split())
            body = render_to_string("practices/email/transition.txt", values)
        message = EmailMessage(subject, body, to=[user.email])
        transaction.on_commit(lambda message=message: _deliver(message))  # type: ignore[misc]
