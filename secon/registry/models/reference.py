"""Configurable reference lists: organisation types, themes, helix categories, status kinds.

Reference lists are rows, not code: another country's entity types are data."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from secon.core.i18n import localized


class OrganisationType(models.Model):
    """A legal form or kind of organisation (e.g. social cooperative, OWES), configurable per installation."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)
    is_social_economy = models.BooleanField(
        _("social-economy entity"),
        default=False,
        help_text=_("An entity of the social economy under national law."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("organisation type")
        verbose_name_plural = _("organisation types")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return localized(self, "name")


class Theme(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return localized(self, "name")


class HelixCategory(models.TextChoices):
    """The quadruple helix of regional innovation policy."""

    PUBLIC = "public", _("Public authority")
    BUSINESS = "business", _("Business")
    ACADEMIA = "academia", _("Research and education")
    CIVIL_SOCIETY = "civil_society", _("Civil society")


class StatusKind(models.TextChoices):
    SOCIAL_ENTERPRISE = "social_enterprise", _("Social enterprise status")
    CIS_REGISTRATION = "cis_registration", _("Registered social integration centre (CIS)")
    KIS_REGISTRATION = "kis_registration", _("Registered social integration club (KIS)")
    PUBLIC_BENEFIT = "public_benefit", _("Public-benefit organisation (OPP)")
