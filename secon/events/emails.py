"""The e-mails of an invitation: the invitation, its update, its cancellation and the reminder.

Each is personal, in the invitee's language, carries the agenda, the personal answer link, the house's
footer (EU funding statement, opt-out link; registry/email/base.*) and a calendar entry (.ics) whose
UID is the event's and whose SEQUENCE is the event's current one, so calendars replace the old entry.
Replies go to the organiser who sent the invitations.
"""

from __future__ import annotations

import dataclasses
from email.utils import parseaddr
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from secon.core.siteurl import absolute_url
from secon.events.invitations import PURPOSE, my_page_token, rsvp_token
from secon.lib.ics import calendar
from secon.projects.current import current_project
from secon.registry.privacy import optout

if TYPE_CHECKING:
    from secon.events.models import AgendaItem, Event, Invitation

INVITATION = "invitation"
UPDATE = "update"
CANCELLATION = "cancellation"
REMINDER = "reminder"
KINDS = (INVITATION, UPDATE, CANCELLATION, REMINDER)


def _language(code: str) -> str:
    codes = [code for code, _name in settings.LANGUAGES]
    return code if code in codes else settings.LANGUAGE_CODE


def rsvp_url(invitation: Invitation, language: str) -> str:
    with translation.override(language):
        return absolute_url(reverse("public:event_rsvp", args=[rsvp_token(invitation)]))


def my_page_url(invitation: Invitation, language: str) -> str:
    with translation.override(language):
        return absolute_url(reverse("public:my_events", args=[my_page_token(invitation.person)]))


def ics_text(event: Event, invitation: Invitation, *, organiser: str) -> str:
    from secon.events.public_views import calendar_event

    entry = calendar_event(event)
    cancelled = event.is_cancelled
    entry = dataclasses.replace(entry, organizer=organiser, attendee=invitation.person.email)
    return calendar([entry], product="-//SECON//Events//EN", method="CANCEL" if cancelled else "REQUEST")


class AgendaPdfs:
    """The agenda as PDF, rendered once per language for a whole sending run (not once per person)."""

    def __init__(self, event: Event) -> None:
        self.event = event
        self._pdfs: dict[str, bytes] = {}

    def get(self, language: str) -> bytes:
        if language not in self._pdfs:
            from secon.events.documents import agenda_pdf

            self._pdfs[language] = agenda_pdf(self.event, language)
        return self._pdfs[language]


def build_message(
    invitation: Invitation,
    kind: str,
    *,
    agenda: list[AgendaItem] | None = None,
    pdfs: AgendaPdfs | None = None,
) -> EmailMultiAlternatives:
    """One personal message of this kind for this invitation, ready to send."""
    event = invitation.event
    person = invitation.person
    language = _language(person.language)
    organiser = invitation.invited_by.email if invitation.invited_by and invitation.invited_by.email else ""
    from_address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    with translation.override(language):
        context = {
            "person": person,
            "event": event,
            "invitation": invitation,
            "agenda": agenda if agenda is not None else list(event.agenda_items.all()),
            "rsvp_url": rsvp_url(invitation, language),
            "my_page_url": my_page_url(invitation, language),
            "kind": kind,
        }
        url = optout.optout_url(optout.make_person_token(person, PURPOSE), language=language)
        context.update(
            optout_url=url, site_url=settings.SITE_URL, project=current_project(), language=language
        )
        # The templates extend registry/email/base.*, the house's footer (EU funding statement, opt-out).
        # One template for the four kinds: they share the details, the agenda and the links.
        subject = " ".join(render_to_string("events/invitations/email_subject.txt", context).split())
        text = render_to_string("events/invitations/email.txt", context)
        html = render_to_string("events/invitations/email.html", context)
    message = EmailMultiAlternatives(
        subject, text, to=[person.email], headers={"List-Unsubscribe": f"<{url}>"}
    )
    message.attach_alternative(html, "text/html")
    if organiser:
        message.reply_to = [organiser]
    if context["agenda"] and kind != CANCELLATION:
        pdf = (pdfs or AgendaPdfs(event)).get(language)
        message.attach(f"agenda-{language}.pdf", pdf, "application/pdf")
    method = "CANCEL" if event.is_cancelled else "REQUEST"
    message.attach(
        "invite.ics",
        ics_text(event, invitation, organiser=organiser or from_address),
        f"text/calendar; charset=utf-8; method={method}",
    )
    return message
