"""Scores against SECON's seven criteria, and the saved versions of a practice for its history."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from secon.core.models import TimeStampedModel

# Scores run from 0 (not met) to 5 (fully met): SECON's assessment grid uses no finer scale.
MAX_SCORE = 5


class Criterion(models.TextChoices):
    """SECON's selection criteria, in the project's order."""

    RELEVANCE = "relevance", _("Relevance")
    IN_PLACE = "in_place", _("In place for at least two years")
    QUALITY = "quality", _("Quality assurance")
    EFFECTIVENESS = "effectiveness", _("Effectiveness")
    SUSTAINABILITY = "sustainability", _("Sustainability")
    TRANSFERABILITY = "transferability", _("Transferability")
    ETHICS = "ethics", _("Ethics")


class Assessor(models.TextChoices):
    """Who scored: the partner that proposes the practice, or the Lead Partner that reviews it."""

    PARTNER = "partner", _("Partner")
    LEAD_PARTNER = "lead_partner", _("Lead Partner")


class PracticeScore(TimeStampedModel):
    """One criterion scored by one side, with the reason."""

    practice = models.ForeignKey("practices.GoodPractice", on_delete=models.CASCADE, related_name="scores")
    assessor = models.CharField(_("assessed by"), max_length=20, choices=Assessor.choices)
    criterion = models.CharField(_("criterion"), max_length=20, choices=Criterion.choices)
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(0), MaxValueValidator(MAX_SCORE)]
    )
    comment = models.TextField(_("comment"), blank=True, max_length=1000)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["practice", "assessor", "criterion"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "assessor", "criterion"], name="practice_one_score_per_criterion"
            ),
            models.CheckConstraint(
                condition=models.Q(score__lte=MAX_SCORE),
                name="practice_score_in_range",
                violation_error_message=_("A score is between 0 and 5."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_criterion_display()}: {self.score}"


class PracticeSnapshot(models.Model):
    """Every field of a practice as it was after one save: the history compares any two of these."""

    practice = models.ForeignKey("practices.GoodPractice", on_delete=models.CASCADE, related_name="snapshots")
    number = models.PositiveIntegerField(_("version"))
    at = models.DateTimeField(_("when"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    state = models.CharField(_("state"), max_length=30)
    # {"fields": {name: readable value}, "versions": {language: {field: text}}}: values as people read
    # them when saved, so an old version still reads right after a related record was renamed.
    data = models.JSONField(default=dict)

    class Meta:
        ordering = ["practice", "-number"]
        verbose_name = _("saved version of a practice")
        verbose_name_plural = _("saved versions of practices")
        constraints = [
            models.UniqueConstraint(fields=["practice", "number"], name="practice_snapshot_number_unique")
        ]

    def __str__(self) -> str:
        return f"#{self.practice_id} v{self.number}"
