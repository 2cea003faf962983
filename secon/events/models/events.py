"""An event: one gathering of a partner (RSG meeting, seminar, study visit…), its place, chair and status."""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from secon.core.i18n import is_english, localized
from secon.core.models import TimeStampedModel

from .types import EventType


class EventStatus(models.TextChoices):
    # A context of their own: in Polish the words agree with "wydarzenie" (neuter), unlike other statuses.
    PLANNED = "planned", pgettext_lazy("event status", "Planned")
    INVITATIONS_SENT = "invitations_sent", pgettext_lazy("event status", "Invitations sent")
    HELD = "held", pgettext_lazy("event status", "Held")
    MINUTES_APPROVED = "minutes_approved", pgettext_lazy("event status", "Minutes approved")
    PUBLISHED = "published", pgettext_lazy("event status", "Published")
    CANCELLED = "cancelled", pgettext_lazy("event status", "Cancelled")


# Where each status may go next. "Held" may follow "planned" directly: invitations sent outside the
# platform (or a meeting recorded afterwards) must not force a step that did not happen.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    EventStatus.PLANNED: (EventStatus.INVITATIONS_SENT, EventStatus.HELD, EventStatus.CANCELLED),
    EventStatus.INVITATIONS_SENT: (EventStatus.HELD, EventStatus.CANCELLED),
    EventStatus.HELD: (EventStatus.MINUTES_APPROVED,),
    EventStatus.MINUTES_APPROVED: (EventStatus.PUBLISHED,),
    EventStatus.PUBLISHED: (),
    EventStatus.CANCELLED: (),
}


class TitleForm(models.TextChoices):
    """The grammatical gender a Polish function title takes ("Zastępczyni"/"Zastępca", "pani"/"pan")."""

    FEMININE = "feminine", _("Feminine")
    MASCULINE = "masculine", _("Masculine")


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a known time zone; use a name such as Europe/Warsaw."),
            params={"value": value},
            code="bad_time_zone",
        )


def english_ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


class EventQuerySet(models.QuerySet["Event"]):
    def for_partner(self, partner_id: int) -> EventQuerySet:
        return self.filter(partner_id=partner_id)

    def public(self) -> EventQuerySet:
        """Announced on the public site (a cancelled one stays, marked cancelled, so nobody comes)."""
        return self.filter(is_public=True)

    def upcoming(self, now: dt.datetime | None = None) -> EventQuerySet:
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def past(self, now: dt.datetime | None = None) -> EventQuerySet:
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")

    def not_cancelled(self) -> EventQuerySet:
        return self.exclude(status=EventStatus.CANCELLED)


class Event(TimeStampedModel):
    """One gathering hosted by one partner."""

    partner = models.ForeignKey(
        "projects.Partner", verbose_name=_("host partner"), on_delete=models.PROTECT, related_name="events"
    )
    type = models.ForeignKey(
        EventType, verbose_name=_("type"), on_delete=models.PROTECT, related_name="events"
    )
    # Given by the service from EventNumbering for numbered types ("3rd RSG meeting"); never edited.
    ordinal = models.PositiveIntegerField(_("number"), null=True, blank=True, editable=False)
    # The calendar identity of the event (iCalendar UID), stable across every change.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Raised whenever the time or the place changes or the event is cancelled (iCalendar SEQUENCE).
    sequence = models.PositiveIntegerField(default=0, editable=False)

    # Short texts edited with the record: paired fields, as decision 0002 has for reference data. The
    # meeting's summary and minutes, written and reviewed per language, will be `…Translation` rows.
    title = models.CharField(_("title"), max_length=250, help_text=_("In the partner's own language."))
    title_en = models.CharField(_("title (English)"), max_length=250, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default=settings.TIME_ZONE, validators=[validate_time_zone]
    )

    venue_name = models.CharField(_("venue"), max_length=250, blank=True)
    venue_address = models.CharField(_("address"), max_length=300, blank=True)
    venue_unit = models.ForeignKey(
        "territory.TerritorialUnit",
        verbose_name=_("powiat or gmina"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    venue_region = models.ForeignKey(
        "territory.NutsRegion",
        verbose_name=_("NUTS region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    online_url = models.URLField(_("online meeting link"), max_length=500, blank=True)

    chair = models.ForeignKey(
        "registry.Person",
        verbose_name=_("chair"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chaired_events",
    )
    chair_function = models.CharField(
        _("chair's function"),
        max_length=300,
        blank=True,
        help_text=_("As it is to be written for this meeting, e.g. “Zastępca Dyrektora Departamentu …”."),
    )
    chair_department = models.CharField(_("chair's department"), max_length=300, blank=True)
    chair_title_form = models.CharField(
        _("grammatical gender of the chair's title"), max_length=10, choices=TitleForm.choices, blank=True
    )

    semester = models.PositiveSmallIntegerField(_("semester"), null=True, blank=True, editable=False)
    themes = models.ManyToManyField("registry.Theme", verbose_name=_("themes"), blank=True, related_name="+")
    status = models.CharField(
        _("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.PLANNED
    )
    is_public = models.BooleanField(
        _("announced on the public site"),
        default=False,
        help_text=_("The event, its agenda and its presenters who may be named appear on the public site."),
    )
    cancelled_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)
    reminder_days = models.PositiveSmallIntegerField(
        _("reminder (days before)"),
        default=2,
        help_text=_("Those who answered yes or maybe are reminded this many days before; 0 for none."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_start",
                violation_error_message=_("The event must end after it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(venue_name="") | ~Q(venue_address="") | ~Q(online_url=""),
                name="event_has_place_or_link",
                violation_error_message=_("Give a venue, an address or an online meeting link (or both)."),
            ),
            models.UniqueConstraint(
                fields=["partner", "type", "ordinal"],
                condition=Q(ordinal__isnull=False),
                name="event_ordinal_unique",
                violation_error_message=_("This number is already taken by another event of the partner."),
            ),
        ]
        indexes = [
            models.Index(fields=["partner", "starts_at"], name="event_partner_start_idx"),
            models.Index(fields=["is_public", "starts_at"], name="event_public_start_idx"),
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return localized(self, "title")

    @property
    def display_description(self) -> str:
        return localized(self, "description")

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo(settings.TIME_ZONE)

    @property
    def local_start(self) -> dt.datetime:
        return timezone.localtime(self.starts_at, self.tz)

    @property
    def local_end(self) -> dt.datetime:
        return timezone.localtime(self.ends_at, self.tz)

    @property
    def is_online(self) -> bool:
        return bool(self.online_url)

    @property
    def has_venue(self) -> bool:
        return bool(self.venue_name or self.venue_address)

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def materials_published(self) -> bool:
        """Slides and the record are public once the event's record is published."""
        return self.status == EventStatus.PUBLISHED

    @property
    def numbered_name(self) -> str:
        """ "3. Posiedzenie Regionalnej Grupy Interesariuszy" / "3rd Regional Stakeholder Group meeting"."""
        name = self.type.display_name
        if self.ordinal is None:
            return name
        if is_english():
            return f"{english_ordinal(self.ordinal)} {name}"
        return f"{self.ordinal}. {name[:1].lower()}{name[1:]}"

    @property
    def chair_label(self) -> str:
        """ "Chair" in the form the chair's title takes ("Przewodnicząca" / "Przewodniczący" in Polish)."""
        if self.chair_title_form == TitleForm.FEMININE:
            return str(pgettext_lazy("feminine", "Chair"))
        if self.chair_title_form == TitleForm.MASCULINE:
            return str(pgettext_lazy("masculine", "Chair"))
        return str(_("Chair"))

    @property
    def chair_role_text(self) -> str:
        """The function as written, with the department unless the function already names it."""
        function, department = self.chair_function.strip(), self.chair_department.strip()
        # "Departament Rozwoju …" is named inside "Zastępca Dyrektora Departamentu Rozwoju …".
        words = department.lower().split(maxsplit=1)
        text = function.lower()
        named = bool(department) and (department.lower() in text or (len(words) == 2 and words[1] in text))
        return ", ".join(part for part in (function, "" if named else department) if part)

    @property
    def location_text(self) -> str:
        """Where it takes place, in one line: venue, address, gmina or powiat; the link if online only."""
        parts = [self.venue_name, self.venue_address]
        if self.venue_unit_id and self.venue_unit is not None:
            parts.append(str(self.venue_unit.name))
        place = ", ".join(part for part in parts if part)
        return place or self.online_url

    def next_statuses(self) -> tuple[str, ...]:
        return TRANSITIONS.get(self.status, ())
