"""The agenda of an event: ordered items, who presents each one (as they were then), and their slides."""

from __future__ import annotations

from pathlib import PurePath

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from secon.core.i18n import localized
from secon.core.models import TimeStampedModel
from secon.core.uploads import PRESENTATION_KINDS, FileKind, UploadFileField, public_url

from .events import Event, TitleForm

SLIDE_CHOICES = [(kind.value, kind.label) for kind in FileKind if kind in PRESENTATION_KINDS]


class AgendaItemKind(models.TextChoices):
    OPENING = "opening", _("Opening")
    # The open action items of earlier meetings, put on the next RSG meeting's agenda until done.
    MATTERS_ARISING = "matters_arising", _("Matters arising")
    PROJECT_UPDATE = "project_update", _("Project update")
    GOOD_PRACTICE = "good_practice", _("Good-practice presentation")
    POLICY = "policy", _("Policy presentation")
    GUEST_TALK = "guest_talk", _("Guest talk")
    DISCUSSION = "discussion", _("Discussion")
    OTHER = "other", _("Other")


class AgendaItem(TimeStampedModel):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    starts_at = models.TimeField(_("time"), null=True, blank=True, help_text=_("In the event's time zone."))
    kind = models.CharField(
        _("kind"), max_length=20, choices=AgendaItemKind.choices, default=AgendaItemKind.OTHER
    )
    title = models.CharField(_("title"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.display_title

    @property
    def partner(self) -> object:
        return self.event.partner

    @property
    def display_title(self) -> str:
        return localized(self, "title")

    @property
    def display_description(self) -> str:
        return localized(self, "description")


class AgendaPresenter(models.Model):
    """Someone presenting an agenda item, with the organisation and place they represented at the time.

    The organisation's name and the place are copied onto the row when the presenter is added: a later
    change in the registry (a new employer, a renamed organisation) does not rewrite what happened.
    An erasure of the person removes the link and their function; the organisation stays, so the
    record reads "a representative of …".
    """

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="presenters")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    person = models.ForeignKey(
        "registry.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_presentations",
    )
    organisation = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation_name = models.CharField(_("organisation represented"), max_length=300, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True, help_text=_("Town or gmina."))
    function = models.CharField(_("function"), max_length=300, blank=True)
    title_form = models.CharField(
        _("grammatical gender of the title"), max_length=10, choices=TitleForm.choices, blank=True
    )
    public_function = models.BooleanField(
        _("acts in a public function"),
        default=False,
        help_text=_("An official presenting in office is named on the public site without a consent."),
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("presenter")
        verbose_name_plural = _("presenters")

    def __str__(self) -> str:
        return self.person.full_name if self.person else self.organisation_name


class AgendaAttachment(TimeStampedModel):
    """Slides or a handout for an agenda item: private until the event's record is published."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=200)
    file = UploadFileField(_("file"), upload_to="events/slides/%Y/", kinds=PRESENTATION_KINDS)
    original_name = models.CharField(_("file name"), max_length=255, blank=True, editable=False)
    kind = models.CharField(_("type"), max_length=10, choices=SLIDE_CHOICES, editable=False)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title

    @property
    def public_url(self) -> str:
        return public_url(self.file)

    @property
    def download_name(self) -> str:
        stem = PurePath(self.original_name).stem.strip() or slugify(self.title) or "slides"
        return stem + PurePath(str(self.file.name)).suffix
