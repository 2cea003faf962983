"""Inviting a registry segment to an event, and the personal links invitees answer through.

`invite` writes one `Invitation` row per person of the segment — queued when a legal basis for RSG
communication is in force, otherwise "not invited" with the reason — and hands the sending to the task
worker (`tasks.send_invitations_task`) after the transaction commits. The worker's side is
`secon/events/sending.py`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from secon.core.audit import record_event
from secon.events.models import (
    Delivery,
    Event,
    EventStatus,
    ExclusionReason,
    Invitation,
    InvitationSource,
)
from secon.registry.models import ConsentRecord, Person, Purpose, RsgMembership

if TYPE_CHECKING:
    from secon.accounts.models import User

PURPOSE = Purpose.RSG_COMMUNICATION
RSVP_SALT = "secon.events.rsvp"
MY_PAGE_SALT = "secon.events.my-page"


def max_invitees() -> int:
    """The largest segment one "invite" may take (a people list is re-evaluated on the server)."""
    return int(getattr(settings, "EVENT_MAX_INVITEES", 10_000))


# --- Segments ------------------------------------------------------------------------------------------


def rsg_members(event: Event) -> QuerySet[Person]:
    """The host partner's active RSG members on the day of the event (in the event's time zone)."""
    day = event.local_start.date()
    members = RsgMembership.objects.on(day).filter(partner_id=event.partner_id).values("person_id")
    return Person.objects.filter(partner_id=event.partner_id, pk__in=members)


def with_reasons(people: QuerySet[Person]) -> QuerySet[Person]:
    """The people annotated with what decides whether they may be invited."""
    consents = ConsentRecord.objects.filter(person=OuterRef("pk"), purpose=PURPOSE)
    return people.annotate(
        has_basis=Exists(consents.in_force()),
        # Withdrawn through an opt-out or an objection; a record replaced by a newer one is no opt-out.
        opted_out=Exists(consents.filter(withdrawn_at__isnull=False).exclude(withdrawal_source="replaced")),
    )


def exclusion_reason(person: Any) -> str:
    """Why this (annotated) person may not be e-mailed for RSG work, or "" when they may."""
    if person.anonymised_at is not None:
        return ExclusionReason.ERASED
    if not person.email:
        return ExclusionReason.NO_EMAIL
    if person.has_basis:
        return ""
    return ExclusionReason.OPTED_OUT if person.opted_out else ExclusionReason.NO_BASIS


@dataclass(frozen=True)
class Preview:
    """What an invitation to a segment would do, before it is done."""

    total: int
    to_invite: int
    already: int
    excluded: dict[str, int]
    too_many: bool

    @property
    def excluded_total(self) -> int:
        return sum(self.excluded.values())

    @property
    def excluded_labels(self) -> list[tuple[str, int]]:
        labels = dict(ExclusionReason.choices)
        return [(str(labels[code]), count) for code, count in sorted(self.excluded.items())]


def preview(event: Event, people: QuerySet[Person]) -> Preview:
    total = people.count()
    if total > max_invitees():
        return Preview(total, 0, 0, {}, too_many=True)
    already = set(
        Invitation.objects.filter(event=event)
        .exclude(delivery=Delivery.EXCLUDED)
        .values_list("person_id", flat=True)
    )
    reasons = Counter(
        exclusion_reason(person)
        for person in with_reasons(people).select_related(None).only("pk", "email", "anonymised_at")
        if person.pk not in already
    )
    to_invite = reasons.pop("", 0)
    return Preview(
        total, to_invite, len(already & set(people.values_list("pk", flat=True))), dict(reasons), False
    )


# --- Inviting ------------------------------------------------------------------------------------------


def check_invitable(event: Event) -> None:
    if event.status not in (EventStatus.PLANNED, EventStatus.INVITATIONS_SENT):
        raise ValidationError(_("Invitations can only be sent for a planned event."))
    if event.starts_at <= timezone.now():
        raise ValidationError(_("The event has already started; invitations can no longer be sent."))


def new_row_actor(actor: User | None) -> User | None:
    return actor if actor is not None and actor.is_authenticated else None


@dataclass(frozen=True)
class InviteResult:
    queued: int
    excluded: int
    already: int


@transaction.atomic
def invite(
    event: Event, people: QuerySet[Person], *, actor: User | None, source: str, send: bool = True
) -> InviteResult:
    """Invite everyone of the segment who may be e-mailed; list the others as not invited, with why."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    check_invitable(event)
    if people.count() > max_invitees():
        raise ValidationError(
            _("This list has more than %(max)s people; narrow it down before inviting.")
            % {"max": max_invitees()}
        )
    existing = {row.person_id: row for row in Invitation.objects.filter(event=event)}
    new: list[Invitation] = []
    requeued: list[int] = []
    excluded = already = 0
    for person in with_reasons(people).select_related(None).only("pk", "email", "anonymised_at"):
        reason = exclusion_reason(person)
        row = existing.get(person.pk)
        if row is not None:
            if row.delivery == Delivery.EXCLUDED and not reason:
                requeued.append(row.pk)  # a legal basis recorded since: invited now
            elif row.delivery == Delivery.EXCLUDED:
                excluded += 1
            else:
                already += 1
            continue
        excluded += bool(reason)
        new.append(
            Invitation(
                event=event,
                person_id=person.pk,
                source=source,
                invited_by=new_row_actor(actor),
                delivery=Delivery.EXCLUDED if reason else Delivery.QUEUED,
                excluded_reason=reason,
            )
        )
    Invitation.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
    Invitation.objects.filter(pk__in=requeued).update(
        delivery=Delivery.QUEUED,
        excluded_reason="",
        invited_by=actor if actor and actor.is_authenticated else None,
    )
    queued = sum(1 for row in new if row.delivery == Delivery.QUEUED) + len(requeued)
    if queued and event.status == EventStatus.PLANNED:
        event.status = EventStatus.INVITATIONS_SENT
        event.save(update_fields=["status", "updated_at"])
    record_event(
        "events.invitations.queued",
        actor=actor,
        obj=event,
        changes={"source": source, "queued": queued, "excluded": excluded, "already": already},
    )
    if queued and send:  # `send=False` only for demo data, which must e-mail nobody
        enqueue_sending(event)
    return InviteResult(queued=queued, excluded=excluded, already=already)


def enqueue_sending(event: Event) -> None:
    """Hand the queued invitations (and any update or cancellation due) to the worker, after commit."""
    from secon.events.tasks import send_invitations_task

    event_id = event.pk
    transaction.on_commit(lambda: send_invitations_task.enqueue(event_id))


def notify_change(event: Event) -> None:
    """The event moved or was cancelled: everyone already sent an invitation gets the new calendar entry."""
    if Invitation.objects.filter(event=event, delivery=Delivery.SENT).exists():
        enqueue_sending(event)


# --- Progress and answers ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    counts: dict[str, int]
    answers: dict[str, int]
    taking_answers: bool = False  # the event has not started: answers may still come in

    @property
    def invited(self) -> int:
        return sum(n for state, n in self.counts.items() if state != Delivery.EXCLUDED)

    @property
    def sent(self) -> int:
        return self.counts.get(Delivery.SENT, 0)

    @property
    def waiting(self) -> int:
        return self.counts.get(Delivery.QUEUED, 0) + self.counts.get(Delivery.SENDING, 0)

    @property
    def uncertain(self) -> int:
        return self.counts.get(Delivery.UNCERTAIN, 0) + self.counts.get(Delivery.FAILED, 0)

    @property
    def excluded(self) -> int:
        return self.counts.get(Delivery.EXCLUDED, 0)

    @property
    def working(self) -> bool:
        # A cancelled or started event sends nothing more: its queued rows are not "being sent".
        return self.waiting > 0 and self.taking_answers

    @property
    def percent(self) -> int:
        return round(100 * self.sent / self.invited) if self.invited else 0

    @property
    def unanswered(self) -> int:
        return self.invited - sum(self.answers.values())


def progress(event: Event) -> Progress:
    rows = Invitation.objects.filter(event=event).order_by()
    counts = {row["delivery"]: row["n"] for row in rows.values("delivery").annotate(n=Count("pk"))}
    answers = {
        row["answer"]: row["n"] for row in rows.exclude(answer="").values("answer").annotate(n=Count("pk"))
    }
    taking_answers = event.starts_at > timezone.now() and not event.is_cancelled
    return Progress(counts, answers, taking_answers)


# --- Personal links ------------------------------------------------------------------------------------


def rsvp_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk, "n": invitation.nonce}, salt=RSVP_SALT, compress=True)


class BadLink(Exception):
    """A personal link that was altered, revoked or never issued."""


def invitation_from_token(token: str) -> Invitation:
    try:
        data = signing.loads(token, salt=RSVP_SALT)
    except signing.BadSignature as error:
        raise BadLink from error
    if not isinstance(data, dict):
        raise BadLink
    invitation = (
        Invitation.objects.select_related("event__partner", "event__type", "person", "substitute")
        .filter(pk=int(data.get("i") or 0))
        .first()
    )
    if invitation is None or not constant_time_compare(invitation.nonce, str(data.get("n", ""))):
        raise BadLink
    if invitation.delivery == Delivery.EXCLUDED or invitation.person.anonymised_at is not None:
        raise BadLink
    return invitation


def my_page_days() -> int:
    return int(getattr(settings, "OPTOUT_LINK_DAYS", 365))


def my_page_token(person: Person) -> str:
    # The person's e-mail is part of what is signed: a link stops working once the address changes
    # (or the data is erased), so an old forwarded e-mail does not keep opening someone else's page.
    return signing.dumps({"p": person.pk, "e": _email_tag(person)}, salt=MY_PAGE_SALT, compress=True)


def _email_tag(person: Person) -> str:
    from django.utils.crypto import salted_hmac

    return salted_hmac(MY_PAGE_SALT, person.email.lower()).hexdigest()[:16]


def person_from_token(token: str) -> Person:
    try:
        data = signing.loads(token, salt=MY_PAGE_SALT, max_age=dt.timedelta(days=my_page_days()))
    except signing.BadSignature as error:
        raise BadLink from error
    if not isinstance(data, dict):
        raise BadLink
    people = Person.objects.select_related("partner").filter(anonymised_at__isnull=True)
    person: Person | None = people.filter(pk=int(data.get("p") or 0)).first()
    if (
        person is None
        or not person.email
        or not constant_time_compare(_email_tag(person), str(data.get("e")))
    ):
        raise BadLink
    return person


def invitations_of(person: Person) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(Q(person=person))
        .exclude(delivery=Delivery.EXCLUDED)
        .select_related("event__type", "event__partner")
        .order_by("-event__starts_at")
    )


__all__ = [
    "BadLink",
    "InvitationSource",
    "InviteResult",
    "Preview",
    "Progress",
    "invitation_from_token",
    "invite",
    "person_from_token",
    "preview",
    "progress",
]
