"""The worker's side of invitations: sending in batches, exactly once per person, updates and reminders.

Queued rows are read in batches; each row is claimed by one conditional UPDATE (queued → sending, so
two workers never take the same row) just before its message is handed to the mail server, and marked
sent right after. A worker killed between messages leaves only queued rows, which the next run sends;
one killed while sending leaves at most that one row "sending": after the lease it is marked uncertain
and shown to the organiser, never sent again on its own, because an invitation received twice is worse
than one the organiser is told to check.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from secon.events import emails
from secon.events.models import AgendaItem, Answer, Delivery, Event, EventStatus, Invitation

logger = logging.getLogger(__name__)


def batch_size() -> int:
    return int(getattr(settings, "EVENT_INVITATION_BATCH", 50))


def lease() -> dt.timedelta:
    """How long a claimed row may stay "sending" before it is taken for an interrupted send."""
    return dt.timedelta(minutes=int(getattr(settings, "EVENT_INVITATION_LEASE_MINUTES", 10)))


def _rows(ids: Iterable[int]) -> list[Invitation]:
    return list(
        Invitation.objects.filter(pk__in=list(ids))
        .select_related("event__partner", "event__type", "person", "invited_by")
        .order_by("pk")
    )


def _next_batch(event: Event, size: int) -> list[int]:
    return list(
        Invitation.objects.filter(event=event, delivery=Delivery.QUEUED)
        .order_by("pk")
        .values_list("pk", flat=True)[:size]
    )


def _claim(pk: int) -> bool:
    """Take one row for sending; False when another worker took it first (one conditional UPDATE)."""
    claimed = Invitation.objects.filter(pk=pk, delivery=Delivery.QUEUED).update(
        delivery=Delivery.SENDING, claimed_at=timezone.now()
    )
    return claimed == 1


def _send(
    invitation: Invitation, kind: str, agenda: list[AgendaItem], pdfs: emails.AgendaPdfs | None = None
) -> bool:
    try:
        emails.build_message(invitation, kind, agenda=agenda, pdfs=pdfs).send()
    except Exception:
        logger.exception("invitation not sent", extra={"invitation": invitation.pk, "kind": kind})
        return False
    return True


def release_interrupted(event: Event, *, now: dt.datetime | None = None) -> int:
    """Rows a killed worker left "sending" beyond the lease: uncertain, for the organiser to check."""
    stale = (now or timezone.now()) - lease()
    return Invitation.objects.filter(event=event, delivery=Delivery.SENDING, claimed_at__lt=stale).update(
        delivery=Delivery.UNCERTAIN
    )


def send_queued(event_id: int, *, max_batches: int | None = None) -> int:
    """Send the event's queued invitations batch by batch; returns how many were sent."""
    event = Event.objects.select_related("partner", "type").get(pk=event_id)
    release_interrupted(event)
    if event.is_cancelled or event.starts_at <= timezone.now():
        return 0
    agenda = list(event.agenda_items.all())
    pdfs = emails.AgendaPdfs(event)
    sent = batches = 0
    while max_batches is None or batches < max_batches:
        ids = _next_batch(event, batch_size())
        if not ids:
            break
        batches += 1
        for invitation in _rows(ids):
            # Claimed one by one, just before its message goes: a worker killed now leaves at most the
            # one row it was sending in doubt, never a whole batch.
            if not _claim(invitation.pk):
                continue
            invitation.event = event
            ok = _send(invitation, emails.INVITATION, agenda, pdfs)
            Invitation.objects.filter(pk=invitation.pk, delivery=Delivery.SENDING).update(
                delivery=Delivery.SENT if ok else Delivery.FAILED,
                sent_at=timezone.now() if ok else None,
                sequence_sent=event.sequence if ok else None,
            )
            sent += ok
    return sent


def send_changes(event_id: int) -> int:
    """Everyone sent an older version of the event gets the update (or the cancellation) once."""
    event = Event.objects.select_related("partner", "type").get(pk=event_id)
    kind = emails.CANCELLATION if event.is_cancelled else emails.UPDATE
    agenda = list(event.agenda_items.all())
    pdfs = emails.AgendaPdfs(event)
    due = Invitation.objects.filter(event=event, delivery=Delivery.SENT, sequence_sent__lt=event.sequence)
    sent = 0
    for pk in list(due.values_list("pk", flat=True)):
        # Claimed by moving its SEQUENCE first: a second worker (or a restart) finds nothing left to do.
        claimed = Invitation.objects.filter(pk=pk, sequence_sent__lt=event.sequence).update(
            sequence_sent=event.sequence
        )
        if claimed:
            invitation = _rows([pk])[0]
            invitation.event = event
            sent += _send(invitation, kind, agenda, pdfs)
    return sent


def send_all(event_id: int, *, max_batches: int | None = None) -> int:
    return send_queued(event_id, max_batches=max_batches) + send_changes(event_id)


def send_reminders(*, now: dt.datetime | None = None) -> int:
    """Remind those who answered yes or maybe, once, when the event is its reminder days away."""
    now = now or timezone.now()
    events = Event.objects.filter(
        starts_at__gt=now,
        reminder_days__gt=0,
        status__in=[EventStatus.PLANNED, EventStatus.INVITATIONS_SENT],
    ).select_related("partner", "type")
    sent = 0
    # "Starts within its own reminder days" is checked here: SQLite cannot multiply a duration in SQL,
    # and a partner has a handful of events still to come.
    for event in (e for e in events if e.starts_at <= now + dt.timedelta(days=e.reminder_days)):
        agenda = list(event.agenda_items.all())
        pdfs = emails.AgendaPdfs(event)
        due = Invitation.objects.filter(
            Q(answer=Answer.YES) | Q(answer=Answer.MAYBE),
            event=event,
            delivery=Delivery.SENT,
            reminded_at__isnull=True,
        )
        for pk in list(due.values_list("pk", flat=True)):
            if Invitation.objects.filter(pk=pk, reminded_at__isnull=True).update(reminded_at=now):
                invitation = _rows([pk])[0]
                invitation.event = event
                sent += _send(invitation, emails.REMINDER, agenda, pdfs)
    return sent


def resume_stalled(*, now: dt.datetime | None = None) -> int:
    """Hand back to the worker every upcoming event whose sending stopped (a worker killed mid-way).

    A killed worker's task is never picked up again, so the periodic command calls this. Enqueueing an
    event whose sending is in fact still running is harmless: rows are claimed one batch at a time.
    """
    from secon.events.tasks import send_invitations_task

    now = now or timezone.now()
    stale = now - lease()
    waiting = Invitation.objects.filter(event__starts_at__gt=now).filter(
        Q(delivery=Delivery.QUEUED) | Q(delivery=Delivery.SENDING, claimed_at__lt=stale)
    )
    event_ids = sorted(set(waiting.values_list("event_id", flat=True)))
    for event_id in event_ids:
        send_invitations_task.enqueue(event_id)
    return len(event_ids)
