"""Every e-mail the registry sends, built in one place: text + HTML, the recipient's language, opt-out.

Messages are rendered at once (inside the caller's transaction, from the data it sees) and handed to the
mail server only after that transaction commits, so a rolled-back write never sends anything.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from secon.registry.privacy import optout
from secon.registry.records import services

if TYPE_CHECKING:
    from secon.registry.models import JoinRequest, Person

logger = logging.getLogger(__name__)


def _language(code: str) -> str:
    codes = [code for code, _name in settings.LANGUAGES]
    return code if code in codes else settings.LANGUAGE_CODE


def build_email(
    template: str, *, to: str, language: str, optout_url: str, context: dict[str, Any] | None = None
) -> EmailMultiAlternatives:
    """One message from registry/email/<template>_subject.txt, <template>.txt and <template>.html.

    The templates extend registry/email/base.txt and base.html, whose footer carries the opt-out link.
    """
    from secon.projects.current import current_project

    language = _language(language)
    with translation.override(language):
        values = {
            **(context or {}),
            "optout_url": optout_url,
            "site_url": settings.SITE_URL,
            "project": current_project(),
            "language": language,
        }
        subject = " ".join(render_to_string(f"registry/email/{template}_subject.txt", values).split())
        text = render_to_string(f"registry/email/{template}.txt", values)
        html = render_to_string(f"registry/email/{template}.html", values)
    message = EmailMultiAlternatives(
        subject,
        text,
        to=[to],
        # Mail programs show their own "unsubscribe" button for this header (RFC 2369).
        headers={"List-Unsubscribe": f"<{optout_url}>"},
    )
    message.attach_alternative(html, "text/html")
    return message


def _deliver(message: EmailMultiAlternatives) -> None:
    try:
        message.send()
    except Exception:
        # The write it belongs to has committed; a mail server failure must not turn it into an error page.
        logger.exception("registry e-mail not sent", extra={"subject": message.subject})


def send_after_commit(message: EmailMultiAlternatives) -> None:
    transaction.on_commit(lambda: _deliver(message))


def send_to_person(
    person: Person, purpose: str, *, template: str, context: dict[str, Any] | None = None
) -> bool:
    """E-mail a person of the registry for a purpose, only when a legal basis for it is in force."""
    if not services.may_contact(person, purpose):
        return False
    url = optout.optout_url(optout.make_person_token(person, purpose), language=person.language)
    message = build_email(
        template,
        to=person.email,
        language=person.language,
        optout_url=url,
        context={
            "person": person,
            "purpose": optout.purpose_label(purpose, person.language),
            **(context or {}),
        },
    )
    send_after_commit(message)
    return True


def _to_requester(join_request: JoinRequest, template: str, context: dict[str, Any]) -> None:
    # A visitor who asked to join is not in the registry yet; their request is the basis for writing,
    # and the opt-out link withdraws the request and erases it.
    url = optout.optout_url(optout.make_join_token(join_request), language=join_request.language)
    message = build_email(
        template,
        to=join_request.email,
        language=join_request.language,
        optout_url=url,
        context={"join_request": join_request, **context},
    )
    send_after_commit(message)


def send_join_confirmation(join_request: JoinRequest, *, token: str) -> None:
    from django.urls import reverse

    from secon.registry.join.services import confirm_days

    with translation.override(_language(join_request.language)):
        confirm_url = settings.SITE_URL + reverse("public:join_confirm", args=[token])
    _to_requester(join_request, "join_confirm", {"confirm_url": confirm_url, "days": confirm_days()})


def send_join_welcome(person: Person, *, join_request: JoinRequest) -> bool:
    return send_to_person(
        person,
        join_request_purpose(),
        template="join_welcome",
        context={"join_request": join_request, "partner": join_request.partner},
    )


def send_join_declined(join_request: JoinRequest) -> None:
    _to_requester(join_request, "join_declined", {"partner": join_request.partner})


def join_request_purpose() -> str:
    from secon.registry.join.services import JOIN_PURPOSE

    return str(JOIN_PURPOSE)
