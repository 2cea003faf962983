"""A practice's words in one language: the programme's template fields, each with its help and limit.

The limits follow the Interreg Europe good-practice form (title 100 characters as PRODUCT.md says; the
other limits as the programme's form gives them, see docs/decisions/0009-good-practices.md): a text the
programme's portal would cut is refused here, with the number of characters over.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from secon.core.models import TimeStampedModel
from secon.core.versions import LanguageVersion

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise as StrPromise


@dataclass(frozen=True)
class TemplateField:
    """One text field of the programme's form, in the form's order."""

    name: str
    label: StrPromise
    help_text: StrPromise
    limit: int
    required: bool = True


# The programme's form order; exports and the edit form follow it.
TEMPLATE_FIELDS: tuple[TemplateField, ...] = (
    TemplateField(
        "title",
        _("title of the practice"),
        _("A short, self-explanatory name of the practice."),
        100,
    ),
    TemplateField(
        "summary",
        _("summary"),
        _("What the practice is, in a few sentences: shown as the sub-title and in search results."),
        300,
    ),
    TemplateField(
        "description",
        _("detailed description"),
        _(
            "What the practice is about, how it works, who the main stakeholders and beneficiaries are,"
            " and why it is a good practice."
        ),
        3000,
    ),
    TemplateField(
        "resources",
        _("resources needed"),
        _("Financial and human resources needed to carry out the practice, with amounts where known."),
        500,
    ),
    TemplateField(
        "evidence",
        _("evidence of success"),
        _("Results achieved, with figures: why the practice can be called successful."),
        500,
    ),
    TemplateField(
        "difficulties",
        _("difficulties and challenges"),
        _("Difficulties met while carrying out the practice and the lessons learned from them."),
        500,
    ),
    TemplateField(
        "transfer_potential",
        _("potential for learning or transfer"),
        _("Why the practice could interest other regions and what they would need to take it up."),
        1000,
    ),
    TemplateField(
        "further_information",
        _("further information"),
        _("Links to websites, videos or documents about the practice (one per line)."),
        500,
        required=False,
    ),
)
FIELDS_BY_NAME = {field.name: field for field in TEMPLATE_FIELDS}
TEXT_FIELD_NAMES = tuple(field.name for field in TEMPLATE_FIELDS)


def over_limit_message(limit: int, length: int) -> str:
    over = length - limit
    return ngettext(
        "At most %(limit)d characters: this text has %(length)d, %(over)d character too many.",
        "At most %(limit)d characters: this text has %(length)d, %(over)d characters too many.",
        over,
    ) % {"limit": limit, "length": length, "over": over}


class LimitValidator(MaxLengthValidator):
    """The template's limit, with a message saying by how much the text is over."""

    def __call__(self, value: Any) -> None:
        length = len(value or "")
        if length > self.limit_value:
            raise ValidationError(over_limit_message(int(self.limit_value), length), code="max_length")


def _text(field: TemplateField) -> models.TextField[Any, Any]:
    return models.TextField(
        field.label,
        blank=True,
        help_text=field.help_text,
        validators=[LimitValidator(field.limit)],
    )


class PracticeVersion(TimeStampedModel, LanguageVersion):
    """One language version of a practice: the partner's language or English (the programme's)."""

    practice = models.ForeignKey("practices.GoodPractice", on_delete=models.CASCADE, related_name="versions")
    language = models.CharField(_("language"), max_length=8)
    title = models.CharField(
        FIELDS_BY_NAME["title"].label,
        max_length=200,  # room for the counter's message; the template's limit is the validator's
        help_text=FIELDS_BY_NAME["title"].help_text,
        validators=[LimitValidator(FIELDS_BY_NAME["title"].limit)],
    )
    summary = _text(FIELDS_BY_NAME["summary"])
    description = _text(FIELDS_BY_NAME["description"])
    resources = _text(FIELDS_BY_NAME["resources"])
    evidence = _text(FIELDS_BY_NAME["evidence"])
    difficulties = _text(FIELDS_BY_NAME["difficulties"])
    transfer_potential = _text(FIELDS_BY_NAME["transfer_potential"])
    further_information = _text(FIELDS_BY_NAME["further_information"])

    class Meta:
        ordering = ["practice", "language"]
        verbose_name = _("language version of a practice")
        verbose_name_plural = _("language versions of practices")
        constraints = [
            models.UniqueConstraint(fields=["practice", "language"], name="practice_one_version_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"

    def missing_fields(self) -> list[TemplateField]:
        """Required fields of the template still empty in this version."""
        return [f for f in TEMPLATE_FIELDS if f.required and not str(getattr(self, f.name)).strip()]

    def texts(self) -> dict[str, str]:
        return {name: str(getattr(self, name)) for name in TEXT_FIELD_NAMES}
