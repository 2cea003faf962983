"""The project calendar: programme, project, partners, phases, policy instruments and the work plan.

Semesters are not stored: they follow from the project's dates and its semester length
(see `calendar.py`), so another project with another calendar only changes configuration.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from secon.core.country_names import country_name
from secon.core.i18n import is_english, localized
from secon.core.models import TimeStampedModel
from secon.core.uploads import IMAGE_KINDS, UploadImageField

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def logo_field(help_text: StrOrPromise) -> UploadImageField:
    """A logo an administrator uploads (none ships with the code): PNG or JPEG, public at once, small."""
    return UploadImageField(
        _("logo"),
        upload_to="logos/",
        blank=True,
        kinds=IMAGE_KINDS,
        max_bytes_setting="MAX_LOGO_UPLOAD_BYTES",
        private=False,
        help_text=help_text,
    )


class Programme(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = logo_field(_("The programme's logo as its visibility rules give it. PNG or JPEG, not SVG."))

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.name


class Project(TimeStampedModel):
    programme = models.ForeignKey(Programme, verbose_name=_("programme"), on_delete=models.PROTECT)
    code = models.CharField(_("reference"), max_length=40, unique=True)
    acronym = models.CharField(_("acronym"), max_length=40)
    title_pl = models.CharField(_("title (Polish)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    summary_pl = models.TextField(_("summary (Polish)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    semester_months = models.PositiveSmallIntegerField(
        _("semester length (months)"), default=6, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    report_due_months = models.PositiveSmallIntegerField(
        _("report due (months after a semester)"), default=3, validators=[MaxValueValidator(12)]
    )
    lead_partner = models.ForeignKey(
        "Partner",
        verbose_name=_("Lead Partner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField(_("website"), blank=True)
    logo = logo_field(
        _("Shown at the top of every public page, in documents and e-mails. PNG or JPEG, not SVG.")
    )

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")),
                name="project_ends_after_start",
                violation_error_message=_("The project must end after it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.acronym

    @property
    def title(self) -> str:
        return self.title_en if is_english() else self.title_pl

    @property
    def summary(self) -> str:
        return self.summary_en if is_english() else self.summary_pl


class PhaseKind(models.TextChoices):
    CORE = "core", _("Core phase")
    FOLLOW_UP = "follow_up", _("Follow-up phase")
    CLOSURE = "closure", _("Closure")


class Phase(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("phase"), max_length=20, choices=PhaseKind.choices)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))

    class Meta:
        ordering = ["start"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.UniqueConstraint(fields=["project", "kind"], name="one_phase_of_each_kind"),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="phase_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.start:%d.%m.%Y}–{self.end:%d.%m.%Y})"

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


class PartnerRole(models.TextChoices):
    LEAD = "LP", _("Lead Partner")
    PARTNER = "PP", _("Project partner")


class PartnerQuerySet(models.QuerySet["Partner"]):
    def in_order(self) -> PartnerQuerySet:
        return self.order_by("order", "name")


class Partner(TimeStampedModel):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partners")
    slug = models.SlugField(_("short name in addresses"), max_length=60)
    name = models.CharField(_("name"), max_length=200, help_text=_("In the partner's own language."))
    name_en = models.CharField(_("name (English)"), max_length=200)
    # What people call the partner ("Mazowsze" / "Mazovia"), in each interface language; the legal
    # name above is for the partner's own page and documents.
    short_name_pl = models.CharField(
        _("short name (Polish)"),
        max_length=80,
        blank=True,
        help_text=_("E.g. “Mazowsze”. If empty, Polish pages show the English one."),
    )
    short_name_en = models.CharField(
        _("short name (English)"),
        max_length=80,
        blank=True,
        help_text=_("E.g. “Mazovia”. If empty, English pages show the Polish one."),
    )
    country = models.CharField(
        _("country"),
        max_length=2,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Use a two-letter country code."))],
    )
    nuts2 = models.CharField(
        _("NUTS-2 region"),
        max_length=4,
        blank=True,
        validators=[RegexValidator(r"^[A-Z]{2}[0-9A-Z]{2}$", _("A NUTS-2 code looks like PL91."))],
    )
    region_name = models.CharField(_("region"), max_length=120, blank=True)
    role = models.CharField(_("role"), max_length=2, choices=PartnerRole.choices, default=PartnerRole.PARTNER)
    language = models.CharField(_("own language"), max_length=8, default="en")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    website = models.URLField(_("website"), blank=True)
    description_pl = models.TextField(_("description (Polish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    logo = logo_field(_("Shown on the partner's public page. PNG or JPEG, not SVG."))

    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [models.UniqueConstraint(fields=["project", "slug"], name="partner_slug_unique")]

    def __str__(self) -> str:
        return self.short_name

    @property
    def short_name(self) -> str:
        """The name people use, in the interface language: that language's short name, else the other
        language's, else the legal name; never empty, so a partner saved without one still shows."""
        english = is_english()
        first, second = (
            (self.short_name_en, self.short_name_pl) if english else (self.short_name_pl, self.short_name_en)
        )
        return first or second or localized(self, "name") or self.slug

    @property
    def short_name_with_country(self) -> str:
        """A region as a visitor picks it among several countries': “Mazowsze (Polska)”."""
        return f"{self.short_name} ({country_name(self.country)})"

    @property
    def display_name(self) -> str:
        """The full legal name (own language, or English on English pages): for the partner's page and
        documents; everywhere else the partner goes by `short_name`."""
        return localized(self, "name")

    @property
    def description(self) -> str:
        if is_english():
            return self.description_en or self.description_pl
        return self.description_pl or self.description_en

    @property
    def partner(self) -> Partner:
        # Lets the shared access gate treat a partner like any partner-owned record.
        return self


class PolicyInstrument(TimeStampedModel):
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="policy_instruments")
    name = models.CharField(_("name"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    managing_authority = models.CharField(_("managing authority"), max_length=300, blank=True)
    url = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("policy instrument")
        verbose_name_plural = _("policy instruments")

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return localized(self, "name")


class WorkItemKind(models.TextChoices):
    ACTIVITY = "activity", _("Activity")
    DELIVERABLE = "deliverable", _("Deliverable")


class WorkItemStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class WorkItemQuerySet(models.QuerySet["WorkItem"]):
    def open(self) -> WorkItemQuerySet:
        return self.exclude(status=WorkItemStatus.DONE)

    def late(self, today: dt.date | None = None) -> WorkItemQuerySet:
        return self.open().filter(due_date__lt=today or timezone.localdate())

    def due_between(self, start: dt.date, end: dt.date) -> WorkItemQuerySet:
        return self.filter(due_date__gte=start, due_date__lte=end)

    def public(self) -> WorkItemQuerySet:
        return self.filter(is_public=True)

    def for_partner(self, partner: Partner | None) -> WorkItemQuerySet:
        return self.filter(partner=partner)


class WorkItem(TimeStampedModel):
    """An activity or deliverable of the work plan, owned by one partner in one semester."""

    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="work_items"
    )
    semester = models.PositiveSmallIntegerField(_("semester"), validators=[MinValueValidator(1)])
    kind = models.CharField(
        _("kind"), max_length=20, choices=WorkItemKind.choices, default=WorkItemKind.ACTIVITY
    )
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="work_items",
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=20, choices=WorkItemStatus.choices, default=WorkItemStatus.PLANNED
    )
    is_public = models.BooleanField(
        _("shown on the public site"),
        default=False,
        help_text=_("Key tasks of a semester can be shown on the public home page."),
    )

    objects = WorkItemQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "title"]
        verbose_name = _("work-plan item")
        verbose_name_plural = _("work-plan items")
        indexes = [models.Index(fields=["partner", "due_date"], name="workitem_partner_due_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def display_title(self) -> str:
        return localized(self, "title")

    @property
    def is_late(self) -> bool:
        return self.status != WorkItemStatus.DONE and self.due_date < timezone.localdate()

    @property
    def effective_status(self) -> str:
        """The status a person should see: "late" is derived, never stored."""
        return "late" if self.is_late else self.status

    def get_effective_status_display(self) -> str:
        return str(_("Late")) if self.is_late else self.get_status_display()
