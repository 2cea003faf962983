"""A good practice: what does not depend on language, its place in the review workflow, and its files."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from secon.core.models import TimeStampedModel
from secon.core.uploads import IMAGE_KINDS, UploadFileField, UploadImageField, public_url
from secon.news.files import ATTACHMENT_CHOICES, ATTACHMENT_KINDS, validate_attachment, validate_image

if TYPE_CHECKING:
    from secon.practices.models.texts import PracticeVersion
    from secon.registry.models import Person

# The years a practice must have been in place for SECON's criterion "in place for at least two years".
YEARS_IN_PLACE = 2


class State(models.TextChoices):
    """Where a practice is on its way from the partner to the programme's Policy Learning Platform."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted to the Lead Partner")
    RETURNED = "returned", _("Returned with comments")
    REJECTED = "rejected", _("Rejected by the Lead Partner")
    ACCEPTED = "accepted", _("Accepted by the Lead Partner")
    SUBMITTED_TO_PROGRAMME = "submitted_to_programme", _("Submitted to the programme")
    APPROVED = "approved", _("Approved by the project's web administrator")
    VALIDATED = "validated", _("Validated by the programme's secretariat")
    SELECTED = "selected", _("Selected for the Policy Learning Platform")
    NOT_SELECTED = "not_selected", _("Not selected for the Policy Learning Platform")


# The partner edits a practice only in these states; later changes go through the Lead Partner again.
EDITABLE_STATES = frozenset({State.DRAFT, State.RETURNED})
# From the Lead Partner's acceptance on, a practice may be shown in the public catalogue.
PUBLIC_STATES = frozenset(
    {
        State.ACCEPTED,
        State.SUBMITTED_TO_PROGRAMME,
        State.APPROVED,
        State.VALIDATED,
        State.SELECTED,
        State.NOT_SELECTED,
    }
)
# Counted for the programme's indicator "good practices identified".
IDENTIFIED_STATES = frozenset({State.VALIDATED, State.SELECTED, State.NOT_SELECTED})


class GoodPracticeQuerySet(models.QuerySet["GoodPractice"]):
    def public(self) -> GoodPracticeQuerySet:
        return self.filter(state__in=PUBLIC_STATES)

    def identified(self) -> GoodPracticeQuerySet:
        """Validated by the programme's secretariat: counts as "good practice identified"."""
        return self.filter(state__in=IDENTIFIED_STATES)

    def awaiting_lead_partner(self) -> GoodPracticeQuerySet:
        return self.filter(state=State.SUBMITTED)


class GoodPractice(TimeStampedModel):
    """One practice of one partner, in the Interreg Europe template; its words are in `versions`."""

    partner = models.ForeignKey(
        "projects.Partner", verbose_name=_("partner"), on_delete=models.PROTECT, related_name="practices"
    )
    state = models.CharField(_("state"), max_length=30, choices=State.choices, default=State.DRAFT)
    state_changed_at = models.DateTimeField(_("in this state since"), default=timezone.now)
    # The partner's own language (the other version is English); Polish for Mazovia.
    language = models.CharField(_("partner's language"), max_length=8)
    start_date = models.DateField(_("started"), null=True, blank=True)
    end_date = models.DateField(
        _("ended"), null=True, blank=True, help_text=_("Empty while the practice is still going on.")
    )
    main_institution = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("main institution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="practices",
        help_text=_("The organisation in charge of the practice, from the registry."),
    )
    entity_type = models.ForeignKey(
        "registry.OrganisationType",
        verbose_name=_("type of entity"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    country = models.ForeignKey(
        "countries.Country",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    nuts_region = models.ForeignKey(
        "territory.NutsRegion",
        verbose_name=_("NUTS region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    territory = models.ForeignKey(
        "territory.TerritorialUnit",
        verbose_name=_("powiat, gmina or local unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    themes = models.ManyToManyField("registry.Theme", verbose_name=_("themes"), blank=True, related_name="+")
    contact_person = models.ForeignKey(
        "registry.Person",
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practices",
    )
    # The person's consent to publication (registry, purpose "publication") is needed as well.
    show_contact = models.BooleanField(
        _("show the contact person publicly"),
        default=False,
        help_text=_(
            "Only with the person's consent to publication recorded in the registry; otherwise the"
            " public page names the institution only."
        ),
    )
    presented_at = models.ManyToManyField(
        "events.Event", verbose_name=_("presented at"), blank=True, related_name="practices"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The last comment of a reviewer (returned with comments, rejected): shown to the partner.
    review_comment = models.TextField(_("reviewer's comment"), blank=True)

    objects = GoodPracticeQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        indexes = [
            models.Index(fields=["partner", "state", "-updated_at"], name="practice_partner_state_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="practice_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            )
        ]

    def __str__(self) -> str:
        version = self.version_in(self.language) or self.version_in("en")
        return version.title if version is not None else f"#{self.pk}"

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})

    def version_in(self, language: str) -> PracticeVersion | None:
        return next((v for v in self.versions.all() if v.language == language), None)

    def in_place_years(self, today: dt.date | None = None) -> float | None:
        """Years the practice has run (until its end, or until today)."""
        if self.start_date is None:
            return None
        until = min(self.end_date or (today or timezone.localdate()), today or timezone.localdate())
        return max((until - self.start_date).days, 0) / 365.25

    @property
    def in_place_two_years(self) -> bool:
        years = self.in_place_years()
        return years is not None and years >= YEARS_IN_PLACE

    @property
    def is_public(self) -> bool:
        return self.state in PUBLIC_STATES

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    @property
    def public_contact(self) -> Person | None:
        """The contact person as the public may see them: only when shown and consented to."""
        from secon.registry.models import Purpose

        person = self.contact_person
        if person is None or not self.show_contact or getattr(person, "anonymised_at", None):
            return None
        if not person.consents.in_force().filter(purpose=Purpose.PUBLICATION).exists():
            return None
        return person


class PracticeImage(TimeStampedModel):
    """A picture of the practice; its description for people who cannot see it is required."""

    practice = models.ForeignKey(GoodPractice, on_delete=models.CASCADE, related_name="images")
    # Stored under a platform-chosen name; private until the practice is public.
    image = UploadImageField(
        _("image"), upload_to="practices/images/%Y/", kinds=IMAGE_KINDS, validators=[validate_image]
    )
    alt = models.CharField(
        _("alternative text"),
        max_length=250,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    alt_en = models.CharField(_("alternative text (English)"), max_length=250, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("image of a practice")
        verbose_name_plural = _("images of practices")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(alt=""),
                name="practice_image_has_alt",
                violation_error_message=_("Describe the image: alternative text is required."),
            )
        ]

    def __str__(self) -> str:
        return self.alt

    @property
    def partner(self) -> Any:
        return self.practice.partner

    def alt_text(self, language: str) -> str:
        return (self.alt_en or self.alt) if language == "en" else self.alt

    @property
    def public_url(self) -> str:
        return public_url(self.image)


class PracticeAttachment(TimeStampedModel):
    """A document about the practice (a report, a leaflet)."""

    practice = models.ForeignKey(GoodPractice, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=200)
    file = UploadFileField(
        _("file"), upload_to="practices/files/%Y/", kinds=ATTACHMENT_KINDS, validators=[validate_attachment]
    )
    original_name = models.CharField(_("file name"), max_length=255, blank=True, editable=False)
    kind = models.CharField(_("type"), max_length=10, choices=ATTACHMENT_CHOICES, editable=False)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("attachment of a practice")
        verbose_name_plural = _("attachments of practices")

    def __str__(self) -> str:
        return self.title

    @property
    def partner(self) -> Any:
        return self.practice.partner

    @property
    def public_url(self) -> str:
        return public_url(self.file)
