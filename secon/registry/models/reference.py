"""Configurable reference lists: legal forms (organisation types), statuses, themes, helix categories.

Reference lists are rows, not code: each country's legal forms and statuses are data of its profile
(docs/decisions/0007-country-profiles.md)."""

from __future__ import annotations

from typing import Any, Self

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from secon.core.i18n import localized
from secon.countries.models import in_own_terms


class CountryQuerySet(models.QuerySet[Any]):
    def for_country(self, code: str | None) -> Self:
        """The rows of a country's profile and those that belong to no country (e.g. "Business")."""
        return self.filter(Q(country_id=code) | Q(country__isnull=True))


class OrganisationType(models.Model):
    """A legal form or kind of organisation (e.g. social cooperative, OWES) of one country or of any."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    country = models.ForeignKey(
        "countries.Country",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty for a kind found in every country (a public authority, a business)."),
    )
    name = models.CharField(
        _("name"), max_length=150, help_text=_("In the country's language; in Polish when it has no country.")
    )
    name_en = models.CharField(_("name (English)"), max_length=150)
    is_social_economy = models.BooleanField(
        _("social-economy entity"),
        default=False,
        help_text=_("An entity of the social economy under national law."),
    )
    source = models.CharField(
        _("source"), max_length=300, blank=True, help_text=_("The law or practice that defines it.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("organisation type")
        verbose_name_plural = _("organisation types")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return in_own_terms(self.country_id, self.name, self.name_en)


class StatusType(models.Model):
    """A status an organisation is granted under its country's law (a social-enterprise certificate)."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    country = models.ForeignKey(
        "countries.Country",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("In the country's language."))
    name_en = models.CharField(_("name (English)"), max_length=200)
    source = models.CharField(
        _("source"), max_length=300, blank=True, help_text=_("The law or practice that defines it.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("status type")
        verbose_name_plural = _("status types")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return in_own_terms(self.country_id, self.name, self.name_en)


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
