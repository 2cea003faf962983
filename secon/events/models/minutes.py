"""Minutes of an event (versions frozen once approved, texts per language) and the action items agreed.

A version of the minutes is written as a draft, approved by a coordinator and then never changed: a
correction is a new version with its reason, and the version it replaces stays readable (superseded).
The words live in one row per language (decision 0002), each with a summary and decisions per agenda
item; the agenda item's title is copied onto the row, so a later edit of the agenda does not rewrite
what was approved.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from secon.core.i18n import localized
from secon.core.models import TimeStampedModel
from secon.core.versions import LanguageVersion

from .agenda import AgendaItem
from .events import Event


class MinutesStatus(models.TextChoices):
    # "protokół" is masculine in Polish: a context of its own for the agreeing adjectives.
    DRAFT = "draft", pgettext_lazy("minutes status", "Draft")
    APPROVED = "approved", pgettext_lazy("minutes status", "Approved")
    SUPERSEDED = "superseded", pgettext_lazy("minutes status", "Superseded by a correction")


class Minutes(TimeStampedModel):
    """One version of an event's minutes."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="minutes_versions")
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=12, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    correction_reason = models.CharField(
        _("reason for the correction"), max_length=500, blank=True, help_text=_("Required for a correction.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["event", "-version"]
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "version"],
                name="minutes_version_unique",
                violation_error_message=_("This version of the minutes already exists."),
            ),
            # One draft and one approved version at a time: a second click cannot open two corrections.
            models.UniqueConstraint(
                fields=["event"],
                condition=Q(status="draft"),
                name="minutes_one_draft",
                violation_error_message=_("These minutes already have a draft being written."),
            ),
            models.UniqueConstraint(
                fields=["event"],
                condition=Q(status="approved"),
                name="minutes_one_approved",
                violation_error_message=_("These minutes already have an approved version."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} · {self.version}"

    @property
    def partner(self) -> object:
        return self.event.partner

    @property
    def is_frozen(self) -> bool:
        return self.status != MinutesStatus.DRAFT


class MinutesText(LanguageVersion):
    """The minutes in one language: a general summary; per agenda item in `MinutesItemText`."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=8)
    summary = models.TextField(_("summary"), blank=True, help_text=_("The meeting in a few sentences."))

    class Meta:
        ordering = ["minutes", "language"]
        verbose_name = _("minutes language version")
        verbose_name_plural = _("minutes language versions")
        constraints = [
            models.UniqueConstraint(fields=["minutes", "language"], name="minutes_text_language_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.minutes} ({self.language})"


class MinutesItemText(models.Model):
    """What was said and decided under one agenda item, in the language of its `MinutesText`."""

    text = models.ForeignKey(MinutesText, on_delete=models.CASCADE, related_name="items")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="minutes_texts"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    item_title = models.CharField(_("agenda item"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("minutes of an agenda item")
        verbose_name_plural = _("minutes of agenda items")

    def __str__(self) -> str:
        return self.item_title


class ActionItemStatus(models.TextChoices):
    # "zadanie" is neuter in Polish.
    OPEN = "open", pgettext_lazy("action item status", "Open")
    DONE = "done", pgettext_lazy("action item status", "Done")
    DROPPED = "dropped", pgettext_lazy("action item status", "Dropped")


class ActionItemQuerySet(models.QuerySet["ActionItem"]):
    def open(self) -> ActionItemQuerySet:
        return self.filter(status=ActionItemStatus.OPEN)

    def carried_to(self, event: Event) -> ActionItemQuerySet:
        """Open items agreed at the partner's earlier events of the same type: the matters arising."""
        return (
            self.open()
            .filter(
                event__partner_id=event.partner_id,
                event__type_id=event.type_id,
                event__starts_at__lt=event.starts_at,
            )
            .exclude(event__status="cancelled")
            .select_related("event", "owner_person", "owner_user")
            .order_by("event__starts_at", "due_on", "pk")
        )


class ActionItem(TimeStampedModel):
    """Something agreed at an event: who does it, by when; carried to the next meetings until done."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="action_items")
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
    )
    # A short text edited with the record: paired fields (decision 0002, reference data).
    text = models.CharField(_("action"), max_length=500, help_text=_("In the partner's own language."))
    text_en = models.CharField(_("action (English)"), max_length=500, blank=True)
    owner_person = models.ForeignKey(
        "registry.Person",
        verbose_name=_("owner (registry person)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner (staff member)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ActionItemStatus.choices, default=ActionItemStatus.OPEN
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        constraints = [
            models.CheckConstraint(
                condition=Q(owner_person__isnull=True) | Q(owner_user__isnull=True),
                name="action_item_one_owner",
                violation_error_message=_("Choose one owner: a person from the registry or a staff member."),
            ),
        ]
        indexes = [models.Index(fields=["event", "status"], name="action_item_event_status_idx")]

    def __str__(self) -> str:
        return self.display_text

    @property
    def partner(self) -> object:
        return self.event.partner

    @property
    def display_text(self) -> str:
        return localized(self, "text")

    @property
    def owner_name(self) -> str:
        if self.owner_person is not None:
            return self.owner_person.full_name
        if self.owner_user is not None:
            return self.owner_user.get_full_name() or self.owner_user.email
        return ""


class NewsDraftTemplate(TimeStampedModel):
    """How a news item about an event is drafted, per partner and language: editable configuration.

    Title, lead and body are templates in the Django template language over the plain texts that
    `secon.events.news_drafts.draft_variables` documents (ordinals already in the right form, dates
    written out, names only where they may be published). Without a row the shipped default is used.
    """

    partner = models.ForeignKey(
        "projects.Partner", verbose_name=_("partner"), on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(_("language"), max_length=8)
    title = models.CharField(_("title"), max_length=500)
    lead = models.TextField(_("lead"), blank=True)
    body = models.TextField(_("text"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("news draft template")
        verbose_name_plural = _("news draft templates")
        constraints = [
            models.UniqueConstraint(fields=["partner", "language"], name="news_draft_template_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.partner_id}/{self.language}"


class EventNews(models.Model):
    """A news item drafted from an event's record: the event links to its news."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="news_links")
    news_item = models.ForeignKey("news.NewsItem", on_delete=models.CASCADE, related_name="event_links")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "news_item"], name="event_news_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} → {self.news_item_id}"
