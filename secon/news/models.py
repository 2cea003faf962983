"""News items: one item per story, one row per language version, each with its own status and date.

Language versions know when they are out of date: every substantive edit raises the version's
`revision`, and each version records the revisions of the other languages it was last brought in line
with (`synced_with`). See docs/decisions/0002-translatable-content.md.
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from secon.core.models import TimeStampedModel
from secon.core.uploads import IMAGE_KINDS, UploadFileField, UploadImageField, public_url
from secon.news.files import ATTACHMENT_CHOICES, ATTACHMENT_KINDS, validate_attachment, validate_image

# Languages a version can be written in: the public site's languages plus the partners' own ones
# (a partner drafts in its language; only the public languages are ever shown to visitors).
CONTENT_LANGUAGES = [
    ("pl", _("Polish")),
    ("en", _("English")),
    ("bg", _("Bulgarian")),
    ("de", _("German")),
    ("el", _("Greek")),
    ("es", _("Spanish")),
    ("lv", _("Latvian")),
    ("nl", _("Dutch")),
    ("pt", _("Portuguese")),
    ("ro", _("Romanian")),
]
LANGUAGE_NAMES = dict(CONTENT_LANGUAGES)

# Letters NFKD does not decompose, so Django's slugify would drop them ("spółdzielnia" -> "spodzielnia").
_SLUG_LETTERS = str.maketrans({"ł": "l", "Ł": "L", "ß": "ss", "æ": "ae", "ø": "o", "đ": "d"})


def public_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def make_slug(title: str) -> str:
    return slugify(title.translate(_SLUG_LETTERS))[:120].strip("-") or "news"


def archive_cutoff(now: dt.datetime | None = None) -> dt.datetime:
    """Items first published before this moment belong to the archive."""
    return (now or timezone.now()) - dt.timedelta(days=settings.NEWS_ARCHIVE_AFTER_DAYS)


class NewsItem(TimeStampedModel):
    """One story of one partner; its words live in `NewsTranslation` rows, one per language."""

    partner = models.ForeignKey(
        "projects.Partner", verbose_name=_("partner"), on_delete=models.PROTECT, related_name="news_items"
    )
    slug = models.SlugField(
        _("reference"),
        max_length=120,
        help_text=_("A short, stable reference of the item within its partner."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Stored under a platform-chosen name; private until a version is published (services keep this).
    image = UploadImageField(
        _("main image"),
        upload_to="news/images/%Y/",
        blank=True,
        kinds=IMAGE_KINDS,
        validators=[validate_image],
    )
    image_alt = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    image_alt_en = models.CharField(
        _("alternative text (English)"),
        max_length=250,
        blank=True,
        help_text=_("Shown on the English site; the text above is used when this is empty."),
    )
    # Earliest publication date of the versions now published: decides whether the item is archival.
    # Kept by the services (`refresh_publication`), never edited by hand.
    first_published_at = models.DateTimeField(_("first published"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        constraints = [models.UniqueConstraint(fields=["partner", "slug"], name="news_item_slug_unique")]

    def __str__(self) -> str:
        versions = sorted(self.translations.all(), key=lambda t: t.language != "pl")
        return versions[0].title if versions else self.slug

    def clean(self) -> None:
        if self.image and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": _("Describe the image: alternative text is required when there is an image.")}
            )

    @property
    def is_archival(self) -> bool:
        return self.first_published_at is not None and self.first_published_at < archive_cutoff()

    def alt_text(self, language: str) -> str:
        return (self.image_alt_en or self.image_alt) if language == "en" else self.image_alt

    @property
    def public_image_url(self) -> str:
        """The image's public address; "" when there is none or it is still private (unpublished item)."""
        return public_url(self.image)


class TranslationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    READY = "ready", _("Ready to publish")
    PUBLISHED = "published", _("Published")


class ChangeKind(models.TextChoices):
    """What an edit of a language version means for the other versions."""

    CONTENT = "content", _("New or changed content: the other language versions need updating")
    CATCH_UP = "catch_up", _("Bringing this version in line with the other language versions")
    MINOR = "minor", _("Minor correction (spelling, formatting): nothing for the other versions")


class NewsTranslationQuerySet(models.QuerySet["NewsTranslation"]):
    def published(self, now: dt.datetime | None = None) -> NewsTranslationQuerySet:
        """Versions visitors may read: published, with a publication date that has come."""
        return self.filter(status=TranslationStatus.PUBLISHED, published_at__lte=now or timezone.now())

    def in_language(self, language: str) -> NewsTranslationQuerySet:
        return self.filter(language=language)

    def archived(self, now: dt.datetime | None = None) -> NewsTranslationQuerySet:
        return self.filter(item__first_published_at__lt=archive_cutoff(now))

    def current(self, now: dt.datetime | None = None) -> NewsTranslationQuerySet:
        return self.filter(item__first_published_at__gte=archive_cutoff(now))


class NewsTranslation(TimeStampedModel):
    """One language version of a news item: its own text, status and publication date."""

    item = models.ForeignKey(NewsItem, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=8, choices=CONTENT_LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=120, editable=False)
    lead = models.TextField(_("lead"), max_length=600, blank=True, help_text=_("One or two sentences."))
    body = models.TextField(
        _("text"), help_text=_("Markdown: **bold**, *italic*, lists, [links](https://…).")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=TranslationStatus.choices, default=TranslationStatus.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_("A date in the future schedules the publication."),
    )
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)
    # {language: revision} of the other versions when this one was last brought in line with them;
    # a language missing here counts as its first revision (it was written from this one).
    synced_with = models.JSONField(default=dict, blank=True, editable=False)
    revised_at = models.DateTimeField(_("last revised"), default=timezone.now, editable=False)

    objects = NewsTranslationQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        constraints = [
            models.UniqueConstraint(fields=["item", "language"], name="news_one_version_per_language"),
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="news_published_has_date",
                violation_error_message=_("A published version needs a publication date."),
            ),
        ]
        indexes = [
            models.Index(fields=["language", "status", "-published_at"], name="news_public_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"

    @property
    def partner(self) -> Any:
        return self.item.partner

    @property
    def language_name(self) -> str:
        return str(LANGUAGE_NAMES.get(self.language, self.language))

    @property
    def is_public_language(self) -> bool:
        return self.language in public_languages()

    @property
    def is_visible(self) -> bool:
        """Published and its date has come: a visitor can read it now."""
        return (
            self.status == TranslationStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == TranslationStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    def outdated_by(self, versions: list[NewsTranslation] | None = None) -> list[NewsTranslation]:
        """The other versions edited since this one was last brought in line with them."""
        others = versions if versions is not None else list(self.item.translations.all())
        return [
            other
            for other in others
            if other.language != self.language
            and other.revision > int(self.synced_with.get(other.language, 1))
        ]

    @property
    def is_out_of_date(self) -> bool:
        return bool(self.outdated_by())

    def get_absolute_url(self) -> str:
        language = self.language if self.is_public_language else None
        with translation.override(language or translation.get_language()):
            return reverse("public:news_detail", kwargs={"pk": self.item_id, "slug": self.slug})


class NewsAttachment(TimeStampedModel):
    """A file offered with a news item (agenda, presentation, report)."""

    item = models.ForeignKey(NewsItem, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=200)
    # Stored under a platform-chosen name; private until a version of the item is published.
    file = UploadFileField(
        _("file"), upload_to="news/files/%Y/", kinds=ATTACHMENT_KINDS, validators=[validate_attachment]
    )
    # The name it was uploaded with, only to offer a familiar name on download (never used to store it).
    original_name = models.CharField(_("file name"), max_length=255, blank=True, editable=False)
    kind = models.CharField(_("type"), max_length=10, choices=ATTACHMENT_CHOICES, editable=False)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    language = models.CharField(
        _("language of the document"), max_length=8, choices=CONTENT_LANGUAGES, blank=True
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title

    @property
    def partner(self) -> Any:
        return self.item.partner

    @property
    def public_url(self) -> str:
        return public_url(self.file)

    @property
    def download_name(self) -> str:
        """The uploaded name's stem with the extension of the stored (sniffed) type."""
        stem = PurePath(self.original_name).stem.strip() or make_slug(self.title)
        return stem + PurePath(str(self.file.name)).suffix
