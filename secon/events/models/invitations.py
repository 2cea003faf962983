"""Invitations to an event: one row per person asked (or deliberately not asked), with their answer.

A row is written for everyone in the segment the organiser chose, including those who may not be
e-mailed: they are listed as not invited, with the reason, never silently left out. Delivery is
claimed row by row by the task worker (queued → sending → sent), so a worker killed and restarted
never e-mails anyone twice; a row left "sending" by a killed worker is shown as uncertain, not resent.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from secon.core.models import TimeStampedModel

from .events import Event


def new_nonce() -> str:
    return secrets.token_hex(16)


class InvitationSource(models.TextChoices):
    RSG = "rsg", _("RSG members on the event date")
    LIST = "list", _("A filtered people list")
    SUBSTITUTE = "substitute", _("Named by an invitee instead of themselves")


class Delivery(models.TextChoices):
    EXCLUDED = "excluded", _("Not invited")
    QUEUED = "queued", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    UNCERTAIN = "uncertain", _("Uncertain (the sender stopped while sending)")
    FAILED = "failed", _("Failed")


class ExclusionReason(models.TextChoices):
    NO_EMAIL = "no_email", _("No e-mail address")
    ERASED = "erased", _("Personal data erased")
    OPTED_OUT = "opted_out", _("Opted out of RSG e-mails")
    NO_BASIS = "no_basis", _("No legal basis for RSG communication")


class Answer(models.TextChoices):
    YES = "yes", _("Yes, I will come")
    NO = "no", _("No, I cannot come")
    MAYBE = "maybe", _("Maybe")


class Invitation(TimeStampedModel):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(
        "registry.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="invitations"
    )
    source = models.CharField(_("invited as"), max_length=12, choices=InvitationSource.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    delivery = models.CharField(_("delivery"), max_length=12, choices=Delivery.choices)
    excluded_reason = models.CharField(
        _("why not invited"), max_length=12, choices=ExclusionReason.choices, blank=True
    )
    # The signed personal link carries the row's id and this nonce; a new nonce revokes old links.
    nonce = models.CharField(max_length=32, default=new_nonce, editable=False)
    claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # The iCalendar SEQUENCE of the last message sent (invitation, update or cancellation).
    sequence_sent = models.PositiveIntegerField(null=True, blank=True, editable=False)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)

    answer = models.CharField(_("answer"), max_length=8, choices=Answer.choices, blank=True)
    comment = models.CharField(_("comment"), max_length=1000, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    substitute = models.ForeignKey(
        "registry.Person",
        verbose_name=_("coming instead"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="substituted_invitations",
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="invitation_once_per_person"),
            models.CheckConstraint(
                condition=Q(delivery="excluded", excluded_reason__gt="")
                | (~Q(delivery="excluded") & Q(excluded_reason="")),
                name="invitation_excluded_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["event", "delivery"], name="invitation_event_delivery_idx")]

    def __str__(self) -> str:
        return f"{self.event_id}:{self.person_id}"

    @property
    def partner(self) -> object:
        return self.event.partner

    @property
    def is_invited(self) -> bool:
        return self.delivery != Delivery.EXCLUDED
