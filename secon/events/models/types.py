"""Kinds of gathering (configuration rows) and the per-partner counters that number RSG meetings."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from secon.core.i18n import localized


class EventTypeQuerySet(models.QuerySet["EventType"]):
    def in_order(self) -> EventTypeQuerySet:
        return self.order_by("order", "code")


class EventType(models.Model):
    """A kind of gathering a project holds; rows are configuration (shipped by a data migration)."""

    RSG_MEETING = "rsg_meeting"

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)
    is_numbered = models.BooleanField(
        _("numbered per partner"),
        default=False,
        help_text=_("Each partner's events of this kind get the next number (“3rd meeting”)."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = EventTypeQuerySet.as_manager()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("event type")
        verbose_name_plural = _("event types")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return localized(self, "name")


class EventNumbering(models.Model):
    """The last number given to a partner's events of one numbered type.

    A counter of its own, never recomputed from the events, so a number is never given twice, even
    after an event is cancelled or removed.
    """

    partner = models.ForeignKey("projects.Partner", on_delete=models.CASCADE, related_name="+")
    type = models.ForeignKey(EventType, on_delete=models.CASCADE, related_name="+")
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["partner", "type"], name="event_numbering_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.partner_id}/{self.type_id}: {self.last}"
