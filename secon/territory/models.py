"""Territory: NUTS regions, the TERYT (TERC) list of voivodeships, powiats and gminas, OWES service areas.

Organisations in Mazovia point at a territorial unit; organisations of the other partners point at a
NUTS region. Units are never deleted: a unit missing from a newer TERC file is marked no longer current.
"""

from __future__ import annotations

from typing import Any

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from secon.core.collation import collated
from secon.core.models import TimeStampedModel
from secon.territory.names import normalise_name

# --- NUTS ------------------------------------------------------------------------------------------


class NutsRegionQuerySet(models.QuerySet["NutsRegion"]):
    def at_level(self, level: int) -> NutsRegionQuerySet:
        return self.filter(level=level)

    def countries(self) -> NutsRegionQuerySet:
        return self.filter(level=0)

    def nuts2(self) -> NutsRegionQuerySet:
        return self.filter(level=2)

    def nuts3(self) -> NutsRegionQuerySet:
        return self.filter(level=3)

    def in_country(self, country_code: str) -> NutsRegionQuerySet:
        return self.filter(code__startswith=country_code.upper()[:2])

    def within(self, code: str) -> NutsRegionQuerySet:
        """The region itself and every region below it: NUTS codes nest by prefix."""
        return self.filter(code__startswith=code.upper())

    def by_code(self, code: str) -> NutsRegion | None:
        return self.filter(code=code.strip().upper()).first()


class NutsRegion(models.Model):
    """A region of the NUTS 2021 classification: level 0 is the country, 1–3 the NUTS levels."""

    code = models.CharField(
        _("NUTS code"),
        max_length=5,
        unique=True,
        validators=[
            RegexValidator(r"^[A-Z]{2}[0-9A-Z]{0,3}$", _("A NUTS code looks like PL, PL9, PL91 or PL911."))
        ],
    )
    level = models.PositiveSmallIntegerField(_("NUTS level"))
    name = models.CharField(
        _("name"), max_length=200, help_text=_("The official name, in the national language.")
    )
    name_latin = models.CharField(
        _("name in Latin script"),
        max_length=200,
        blank=True,
        help_text=_("Only where the national name is not written in Latin script."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    objects = NutsRegionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("NUTS region")
        verbose_name_plural = _("NUTS regions")
        constraints = [
            models.CheckConstraint(condition=Q(level__lte=3), name="nuts_level_0_to_3"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.display_name}"

    @property
    def display_name(self) -> str:
        return self.name_latin or self.name

    @property
    def country_code(self) -> str:
        return self.code[:2]


# --- TERYT (TERC) ----------------------------------------------------------------------------------


class UnitLevel(models.TextChoices):
    VOIVODESHIP = "voivodeship", _("voivodeship")
    POWIAT = "powiat", _("powiat")
    GMINA = "gmina", _("gmina")


class GminaKind(models.TextChoices):
    """The RODZ code of the TERC list."""

    URBAN = "1", _("urban gmina")
    RURAL = "2", _("rural gmina")
    URBAN_RURAL = "3", _("urban-rural gmina")
    TOWN_IN_URBAN_RURAL = "4", _("town in an urban-rural gmina")
    RURAL_AREA_OF_URBAN_RURAL = "5", _("rural area of an urban-rural gmina")
    WARSAW_DISTRICT = "8", _("district of Warsaw")
    CITY_DISTRICT = "9", _("delegation or district of another city")


# Kinds that are gminas in their own right; the others are parts of a gmina.
GMINA_KINDS = (GminaKind.URBAN, GminaKind.RURAL, GminaKind.URBAN_RURAL)
GMINA_PART_KINDS = (
    GminaKind.TOWN_IN_URBAN_RURAL,
    GminaKind.RURAL_AREA_OF_URBAN_RURAL,
    GminaKind.WARSAW_DISTRICT,
    GminaKind.CITY_DISTRICT,
)


def terc_code(woj: str, pow: str = "", gmi: str = "", rodz: str = "") -> str:
    """The official code composition: WOJ, WOJ+POW, or WOJ+POW+GMI+RODZ."""
    if gmi:
        return f"{woj}{pow}{gmi}{rodz}"
    if pow:
        return f"{woj}{pow}"
    return woj


def level_of(pow: str, gmi: str) -> str:
    if gmi:
        return UnitLevel.GMINA
    if pow:
        return UnitLevel.POWIAT
    return UnitLevel.VOIVODESHIP


class TerritorialUnitQuerySet(models.QuerySet["TerritorialUnit"]):
    def current(self) -> TerritorialUnitQuerySet:
        return self.filter(is_current=True)

    def voivodeships(self) -> TerritorialUnitQuerySet:
        return self.filter(level=UnitLevel.VOIVODESHIP)

    def powiats(self) -> TerritorialUnitQuerySet:
        return self.filter(level=UnitLevel.POWIAT)

    def in_name_order(self) -> TerritorialUnitQuerySet:
        """Alphabetical in the interface language (Łosice before Maków, Żyrardów last), then by code."""
        return self.order_by(collated("name"), "code")

    def land_powiats(self) -> TerritorialUnitQuerySet:
        return self.powiats().filter(pow__lt="61")

    def city_powiats(self) -> TerritorialUnitQuerySet:
        return self.powiats().filter(pow__gte="61")

    def gminas(self) -> TerritorialUnitQuerySet:
        """Gminas in their own right (urban, rural, urban-rural), not their towns, areas or districts."""
        return self.filter(level=UnitLevel.GMINA, rodz__in=GMINA_KINDS)

    def gmina_parts(self) -> TerritorialUnitQuerySet:
        return self.filter(level=UnitLevel.GMINA, rodz__in=GMINA_PART_KINDS)

    def in_voivodeship(self, woj: str) -> TerritorialUnitQuerySet:
        return self.filter(woj=woj)

    def in_powiat(self, powiat_code: str) -> TerritorialUnitQuerySet:
        """Every unit below a powiat (its gminas and their parts), by the TERC code prefix."""
        return self.filter(level=UnitLevel.GMINA, code__startswith=powiat_code)

    def in_subregion(self, nuts3_code: str) -> TerritorialUnitQuerySet:
        """The powiats of a NUTS-3 subregion and every unit below them, in one query."""
        powiats = TerritorialUnit.objects.filter(level=UnitLevel.POWIAT, nuts3__code=nuts3_code)
        return self.filter(
            Q(pk__in=powiats.values("pk"))
            | Q(parent__in=powiats.values("pk"))
            | Q(parent__parent__in=powiats.values("pk"))
        )

    def named(self, name: str) -> TerritorialUnitQuerySet:
        """Units whose name equals `name`, ignoring case, diacritics and spacing."""
        return self.filter(search_name=normalise_name(name))

    def name_contains(self, text: str) -> TerritorialUnitQuerySet:
        return self.filter(search_name__contains=normalise_name(text))

    def with_nuts3(self) -> TerritorialUnitQuerySet:
        """Annotate `nuts3_code`: a powiat's own, inherited by its gminas and their parts."""
        return self.annotate(
            nuts3_code=Coalesce("nuts3__code", "parent__nuts3__code", "parent__parent__nuts3__code")
        )


class TerritorialUnit(models.Model):
    """One row of the TERC list: a voivodeship, a powiat, a gmina or a part of a gmina."""

    code = models.CharField(
        _("TERC code"),
        max_length=7,
        unique=True,
        help_text=_("WOJ for a voivodeship, WOJ+POW for a powiat, WOJ+POW+GMI+RODZ for a gmina."),
    )
    woj = models.CharField("WOJ", max_length=2)
    pow = models.CharField("POW", max_length=2, blank=True)
    gmi = models.CharField("GMI", max_length=2, blank=True)
    rodz = models.CharField("RODZ", max_length=1, blank=True, choices=GminaKind.choices)
    level = models.CharField(_("level"), max_length=12, choices=UnitLevel.choices)
    name = models.CharField(_("name"), max_length=100)
    kind_name = models.CharField(
        _("kind (NAZWA_DOD)"),
        max_length=100,
        blank=True,
        help_text=_("As in the TERC file, e.g. “powiat”, “miasto na prawach powiatu”, “gmina miejska”."),
    )
    search_name = models.CharField(max_length=100, editable=False, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    nuts3 = models.ForeignKey(
        NutsRegion,
        verbose_name=_("NUTS-3 subregion"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="powiats",
        limit_choices_to={"level": 3},
        help_text=_("Set for powiats; gminas belong to their powiat's subregion."),
    )
    stan_na = models.DateField(
        _("state as of (STAN_NA)"),
        null=True,
        blank=True,
        help_text=_(
            "The date of the TERC file this row comes from; empty for data shipped with the platform."
        ),
    )
    is_current = models.BooleanField(
        _("current"), default=True, help_text=_("Off when a newer TERC file no longer lists the unit.")
    )
    retired_on = models.DateField(_("no longer listed as of"), null=True, blank=True)

    objects = TerritorialUnitQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("territorial unit")
        verbose_name_plural = _("territorial units")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(level=UnitLevel.VOIVODESHIP, pow="", gmi="", rodz="")
                    | (Q(level=UnitLevel.POWIAT, gmi="", rodz="") & ~Q(pow=""))
                    | (Q(level=UnitLevel.GMINA) & ~Q(pow="") & ~Q(gmi="") & ~Q(rodz=""))
                ),
                name="territorial_unit_codes_match_level",
            ),
        ]
        indexes = [
            models.Index(fields=["level", "woj"], name="territory_level_woj_idx"),
            models.Index(fields=["woj", "pow"], name="territory_woj_pow_idx"),
        ]

    def __str__(self) -> str:
        if self.level == UnitLevel.POWIAT and self.kind_name == "powiat":
            return f"powiat {self.name}"
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A derived lookup column, kept in step whatever writes the row (import, admin).
        self.search_name = normalise_name(self.name)
        super().save(*args, **kwargs)

    @property
    def is_city_powiat(self) -> bool:
        return self.level == UnitLevel.POWIAT and self.pow >= "61"

    @property
    def is_gmina_part(self) -> bool:
        return self.level == UnitLevel.GMINA and self.rodz in GMINA_PART_KINDS

    @property
    def powiat_code(self) -> str:
        return f"{self.woj}{self.pow}" if self.pow else ""


# --- OWES service areas ----------------------------------------------------------------------------


class ServiceAreaQuerySet(models.QuerySet["ServiceArea"]):
    def for_partner(self, partner: Any) -> ServiceAreaQuerySet:
        return self.filter(partner=partner)

    def valid_on(self, day: Any) -> ServiceAreaQuerySet:
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )

    def covering(self, unit: TerritorialUnit) -> ServiceAreaQuerySet:
        """Areas that include the powiat of `unit` (a powiat, a gmina or a part of one)."""
        return self.filter(powiats__code=unit.powiat_code)


class ServiceArea(TimeStampedModel):
    """A named set of powiats, e.g. the area an OWES (social economy support centre) serves."""

    partner = models.ForeignKey(
        "projects.Partner", verbose_name=_("partner"), on_delete=models.CASCADE, related_name="service_areas"
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    powiats = models.ManyToManyField(
        TerritorialUnit,
        verbose_name=_("powiats"),
        related_name="service_areas",
        limit_choices_to={"level": UnitLevel.POWIAT},
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = ServiceAreaQuerySet.as_manager()

    class Meta:
        ordering = ["partner", "name"]
        verbose_name = _("service area")
        verbose_name_plural = _("service areas")
        constraints = [
            models.UniqueConstraint(fields=["partner", "name"], name="service_area_name_unique"),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="service_area_ends_after_start",
                violation_error_message=_("The area must not end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.name
