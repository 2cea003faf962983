"""Countries of the partners and the identifier schemes of their organisations (configuration rows)."""

from __future__ import annotations

from functools import cache

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from secon.core.i18n import current_language, is_english, localized

from .checks import CHECK_CHOICES, get_check


class Country(models.Model):
    """A partner's country: the key is its ISO 3166-1 code, the one `Partner.country` holds."""

    code = models.CharField(
        _("code"),
        max_length=2,
        primary_key=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Use a two-letter country code."))],
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("In Polish, the interface's language."))
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_national = models.CharField(_("name in the country's language"), max_length=100)
    language = models.CharField(
        _("language"), max_length=8, help_text=_("E.g. “es”: the country's language.")
    )
    # Eurostat writes Greece "EL" where ISO writes "GR": NUTS codes of a country start with this.
    nuts_code = models.CharField(_("NUTS country code"), max_length=2)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("country profile")
        verbose_name_plural = _("country profiles")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return localized(self, "name")


@cache
def country_languages() -> dict[str, str]:
    """Country code → its language, read once per process (a handful of rows, changed almost never)."""
    return dict(Country.objects.values_list("code", "language"))


def in_own_terms(country_code: str | None, national: str, english: str) -> str:
    """A name of a country's own thing in the interface language.

    English pages show the English name. Polish pages show the national name where the country speaks
    Polish (or the thing belongs to no country), otherwise the national name with the English one.
    """
    if is_english():
        return english or national
    if not country_code or country_languages().get(country_code) == current_language():
        return national or english
    if not english or english == national:
        return national
    if english.startswith(national):  # "NIF – tax identification number" already names the NIF
        return english
    return f"{national} ({english})"


def _forget_languages(**kwargs: object) -> None:
    country_languages.cache_clear()


post_save.connect(_forget_languages, sender=Country, dispatch_uid="countries.forget_languages")
post_delete.connect(_forget_languages, sender=Country, dispatch_uid="countries.forget_languages_deleted")


class IdentifierSchemeQuerySet(models.QuerySet["IdentifierScheme"]):
    def of_country(self, code: str) -> IdentifierSchemeQuerySet:
        return self.filter(country_id=code)


# Scheme codes name form fields and import columns beside the organisation's own fields.
RESERVED_CODES = frozenset(
    {
        "name", "name_en", "short_name", "type", "helix", "street", "postal_code", "city", "territory",
        "nuts_region", "website", "email", "phone", "themes", "notes", "partner", "organisation", "id",
    }
)  # fmt: skip


def _not_reserved(value: str) -> None:
    if value in RESERVED_CODES:
        raise ValidationError(_("“%(code)s” is the name of an organisation's field."), params={"code": value})


class IdentifierScheme(models.Model):
    """A kind of number a country gives its organisations (a NIF, a KRS), and how it is checked."""

    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.CASCADE, related_name="identifier_schemes"
    )
    code = models.CharField(
        _("code"),
        max_length=30,
        unique=True,
        validators=[
            RegexValidator(r"^[a-z][a-z0-9_]*$", _("Small letters, digits and “_”, starting with a letter.")),
            _not_reserved,
        ],
        help_text=_("Names the form field and the import column, e.g. “nif”."),
    )
    label = models.CharField(
        _("label in the country's language"), max_length=60, help_text=_("E.g. “NIF”, “ΑΦΜ”.")
    )
    label_en = models.CharField(_("label in English"), max_length=150)
    check_key = models.CharField(_("check"), max_length=40, choices=CHECK_CHOICES)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = IdentifierSchemeQuerySet.as_manager()

    class Meta:
        ordering = ["country", "order", "code"]
        verbose_name = _("identifier scheme")
        verbose_name_plural = _("identifier schemes")

    def __str__(self) -> str:
        return self.display_label

    @property
    def display_label(self) -> str:
        return in_own_terms(self.country_id, self.label, self.label_en)

    @property
    def short_label(self) -> str:
        """The national label alone, for messages that already say which country it is."""
        return self.label if not is_english() or self.label.isascii() else self.label_en

    def compact(self, value: str) -> str:
        return get_check(self.check_key).compact(value)

    def format(self, value: str) -> str:
        try:
            return get_check(self.check_key).format(value)
        except Exception:  # a stored value written before its scheme's check changed
            return value
