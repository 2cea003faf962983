"""Consents and legal bases: which personal data may be used for what, since when, on which text."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .people import Person


class Purpose(models.TextChoices):
    """What personal data is used for; each use needs its own legal basis."""

    RSG_COMMUNICATION = "rsg_communication", _("Regional Stakeholder Group work (invitations, minutes)")
    NEWSLETTER = "newsletter", _("News and invitations to events")
    SURVEYS = "surveys", _("Invitations to surveys and studies")
    PUBLICATION = "publication", _("Publishing name and role in public reports and news")


class LegalBasis(models.TextChoices):
    CONSENT = "consent", _("Consent (art. 6(1)(a) GDPR)")
    PUBLIC_TASK = "public_task", _("Public task (art. 6(1)(e) GDPR)")
    LEGITIMATE_INTEREST = "legitimate_interest", _("Legitimate interest (art. 6(1)(f) GDPR)")
    CONTRACT = "contract", _("Contract (art. 6(1)(b) GDPR)")


class ConsentSource(models.TextChoices):
    FORM = "form", _("Online form")
    JOIN_US = "join_us", _("“Join us” request")
    IMPORT = "import", _("Import")
    PAPER = "paper", _("Paper form")
    EMAIL = "email", _("E-mail")
    STAFF = "staff", _("Entered by staff")


class ConsentQuerySet(models.QuerySet["ConsentRecord"]):
    def in_force(self, at: dt.datetime | None = None) -> ConsentQuerySet:
        return self.filter(given_at__lte=at or timezone.now(), withdrawn_at__isnull=True)


class ConsentRecord(models.Model):
    """A legal basis for one purpose: when, how and on which text it was given, and its withdrawal."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices)
    legal_basis = models.CharField(_("legal basis"), max_length=30, choices=LegalBasis.choices)
    given_at = models.DateTimeField(_("given"), default=timezone.now)
    source = models.CharField(_("source"), max_length=20, choices=ConsentSource.choices)
    text_version = models.CharField(
        _("version of the text shown"), max_length=40, blank=True, help_text=_("E.g. clause-2026-11.")
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawal_source = models.CharField(_("withdrawn through"), max_length=40, blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("consent or legal basis")
        verbose_name_plural = _("consents and legal bases")
        indexes = [models.Index(fields=["person", "purpose"], name="consent_person_purpose_idx")]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()}: {self.get_legal_basis_display()}"

    @property
    def in_force(self) -> bool:
        return self.withdrawn_at is None and self.given_at <= timezone.now()
