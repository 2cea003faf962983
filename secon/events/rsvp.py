"""Answering an invitation through the personal link: yes, no or maybe, a comment, someone else instead.

The answer may change until the event starts; the same answer sent twice changes nothing and records
nothing. A colleague named instead becomes a person of the partner's registry (or the one already
there with that address) with the legal basis recorded as decision 0005 gives for RSG work, and gets an
invitation of their own — unless they had opted out, which is respected.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.core.audit import record_event
from secon.events.invitations import PURPOSE, enqueue_sending, exclusion_reason, with_reasons
from secon.events.models import Answer, Delivery, Event, EventStatus, Invitation, InvitationSource
from secon.registry.join.services import clause_version
from secon.registry.models import ConsentSource, LegalBasis, Person
from secon.registry.records import services as registry

THROUGH = "rsvp_link"


def is_open(event: Event) -> bool:
    """Answers are taken until the event starts, and never for a cancelled one."""
    return event.starts_at > timezone.now() and event.status in (
        EventStatus.PLANNED,
        EventStatus.INVITATIONS_SENT,
    )


@dataclass(frozen=True)
class Substitute:
    given_names: str
    surname: str
    email: str


@dataclass(frozen=True)
class Outcome:
    changed: bool
    substitute: Person | None = None


@transaction.atomic
def answer(
    invitation: Invitation, *, value: str, comment: str = "", substitute: Substitute | None = None
) -> Outcome:
    """Record the invitee's answer; the same answer again is a no-op."""
    invitation = (
        # Only the invitation row is locked (PostgreSQL refuses to lock the nullable side of a join).
        Invitation.objects.select_for_update(of=("self",))
        .select_related("event__partner", "person", "substitute")
        .get(pk=invitation.pk)
    )
    event = invitation.event
    if not is_open(event):
        raise ValidationError(
            _("The meeting has already started or was cancelled; answers can no longer be changed.")
        )
    if value not in Answer.values:
        raise ValidationError(_("Choose yes, no or maybe."))
    comment = comment.strip()[:1000]
    new_substitute = None
    if substitute is not None:
        if value != Answer.NO:
            raise ValidationError(_("Someone else can come instead only if you answer that you cannot come."))
        new_substitute = _substitute_person(invitation, substitute)
    same_substitute = new_substitute is None or new_substitute.pk == invitation.substitute_id
    if invitation.answer == value and invitation.comment == comment and same_substitute:
        return Outcome(changed=False, substitute=invitation.substitute)
    before = {"answer": invitation.answer, "comment": bool(invitation.comment)}
    invitation.answer = value
    invitation.comment = comment
    invitation.answered_at = timezone.now()
    if new_substitute is not None:
        invitation.substitute = new_substitute
    invitation.save(update_fields=["answer", "comment", "answered_at", "substitute", "updated_at"])
    record_event(
        "events.invitation.answered",
        actor=None,
        obj=event,
        changes={
            "invitation": invitation.pk,
            "answer": [before["answer"], value],
            "comment": bool(comment),
            "substitute": new_substitute.pk if new_substitute else None,
        },
    )
    return Outcome(changed=True, substitute=invitation.substitute)


def _substitute_person(invitation: Invitation, data: Substitute) -> Person:
    partner = invitation.event.partner
    email = data.email.strip().lower()
    if email == invitation.person.email.lower():
        raise ValidationError({"substitute_email": _("Give your colleague's e-mail address, not your own.")})
    person = (
        Person.objects.for_partner(partner.pk).filter(email__iexact=email, anonymised_at__isnull=True).first()
    )
    if person is None:
        person = registry.create_person(
            partner,
            actor=None,
            given_names=data.given_names.strip(),
            surname=data.surname.strip(),
            email=email,
            language=invitation.person.language,
        )
    annotated = with_reasons(Person.objects.filter(pk=person.pk)).get()
    reason = exclusion_reason(annotated)
    if reason == "no_basis":
        # Named by a member for the group's work: the basis decision 0005 gives RSG work, with the clause
        # version shown beside the form; the invitation they receive carries the link to object.
        registry.record_consent(
            person,
            actor=None,
            purpose=PURPOSE,
            legal_basis=LegalBasis.PUBLIC_TASK,
            source=ConsentSource.FORM,
            text_version=clause_version(),
        )
        reason = ""
    _row, created = Invitation.objects.get_or_create(
        event=invitation.event,
        person=person,
        defaults={
            "source": InvitationSource.SUBSTITUTE,
            "invited_by": invitation.invited_by,
            "delivery": Delivery.EXCLUDED if reason else Delivery.QUEUED,
            "excluded_reason": reason,
            "answer": "" if reason else Answer.YES,
            "answered_at": None if reason else timezone.now(),
        },
    )
    if created and not reason:
        enqueue_sending(invitation.event)
    return person
