"""Demo invitations (called from `secon/events/demo.py`): Mazovia's next RSG meeting, three weeks ahead,
with its members invited and some answers — among them Anna Wiśniewska, whose stakeholder login
(interesariusz@mazowsze.example) lands on her own page. Nobody is e-mailed: the rows are marked sent.

Idempotent: the meeting is found by its partner, type and title; invitations are made once.
"""

from __future__ import annotations

import datetime as dt
from typing import IO
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from secon.events import invitations, rsvp, services
from secon.events.models import (
    AgendaItemKind,
    Answer,
    Delivery,
    Event,
    EventType,
    Invitation,
    InvitationSource,
)
from secon.projects.models import Partner
from secon.registry.models import ConsentRecord, Organisation, Person, Purpose, RsgMembership
from secon.registry.records import services as registry

WARSAW = ZoneInfo("Europe/Warsaw")
TITLE = "Posiedzenie Regionalnej Grupy Interesariuszy – plan działań"
TITLE_EN = "Regional Stakeholder Group meeting – the action plan"
STAKEHOLDER_EMAIL = "interesariusz@mazowsze.example"
AGENDA = [
    (dt.time(10, 0), AgendaItemKind.OPENING, "Otwarcie posiedzenia", "Opening of the meeting"),
    (
        dt.time(10, 15),
        AgendaItemKind.PROJECT_UPDATE,
        "Postępy projektu SECON",
        "Progress of the SECON project",
    ),
    (dt.time(11, 0), AgendaItemKind.DISCUSSION, "Dyskusja o planie działań", "Discussion of the action plan"),
]
# (position among the invited, answer, comment)
ANSWERS = [
    (0, Answer.YES, ""),
    (1, Answer.YES, "Przygotuję krótką informację o naborze w Centrum Integracji Społecznej."),
    (2, Answer.MAYBE, ""),
    (3, Answer.NO, "Urlop – proszę o przesłanie materiałów."),
]


def _stakeholder(partner: Partner) -> Person:
    """The demo stakeholder as a member of Mazovia's group, so her login shows her meetings."""
    person = Person.objects.filter(partner=partner, email=STAKEHOLDER_EMAIL).first()
    if person is None:
        person = registry.create_person(
            partner, actor=None, given_names="Anna", surname="Wiśniewska", email=STAKEHOLDER_EMAIL
        )
    organisation = Organisation.objects.filter(partner=partner).order_by("pk").first()
    if organisation is not None and not RsgMembership.objects.filter(person=person).exists():
        registry.add_membership(person, actor=None, organisation=organisation, since=dt.date(2024, 3, 1))
    if not ConsentRecord.objects.filter(person=person, purpose=Purpose.RSG_COMMUNICATION).exists():
        registry.record_consent(
            person,
            actor=None,
            purpose=Purpose.RSG_COMMUNICATION,
            legal_basis="public_task",
            source="staff",
        )
    return person


def _meeting(partner: Partner, rsg: EventType) -> Event:
    event = Event.objects.filter(partner=partner, type=rsg, title=TITLE).first()
    if event is not None:
        return event
    day = timezone.localdate() + dt.timedelta(days=21)
    event = services.create_event(
        partner,
        actor=None,
        type=rsg,
        title=TITLE,
        title_en=TITLE_EN,
        starts_at=dt.datetime.combine(day, dt.time(10), tzinfo=WARSAW),
        ends_at=dt.datetime.combine(day, dt.time(13), tzinfo=WARSAW),
        venue_name="Urząd Marszałkowski Województwa Mazowieckiego w Warszawie",
        online_url="https://meet.example/rgi-mazowsze",
        is_public=True,
    )
    for time, kind, title, title_en in AGENDA:
        services.add_agenda_item(event, actor=None, starts_at=time, kind=kind, title=title, title_en=title_en)
    return event


def load(partner: Partner, rsg: EventType, stdout: IO[str]) -> None:
    stakeholder = _stakeholder(partner)
    event = _meeting(partner, rsg)
    if not Invitation.objects.filter(event=event).exists() and rsvp.is_open(event):
        with transaction.atomic():
            invitations.invite(
                event, invitations.rsg_members(event), actor=None, source=InvitationSource.RSG, send=False
            )
            Invitation.objects.filter(event=event, delivery=Delivery.QUEUED).update(
                delivery=Delivery.SENT, sent_at=timezone.now(), sequence_sent=event.sequence
            )
        invited = list(
            Invitation.objects.filter(event=event, delivery=Delivery.SENT).exclude(person=stakeholder)
        )
        for position, answer, comment in ANSWERS:
            if position < len(invited):
                rsvp.answer(invited[position], value=answer, comment=comment)
        mine = Invitation.objects.filter(event=event, person=stakeholder, delivery=Delivery.SENT).first()
        if mine is not None:
            rsvp.answer(mine, value=Answer.YES)
    progress = invitations.progress(event)
    stdout.write(
        f"Events: the upcoming meeting with {progress.invited} invitations "
        f"({progress.excluded} not invited), {sum(progress.answers.values())} answers."
    )
