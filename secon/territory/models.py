"""Territory: NUTS regions, territorial units (Poland's TERYT list and other countries' LAU), service areas.

Organisations point at a territorial unit: in Mazovia a TERYT powiat or gmina, elsewhere a local
administrative unit (LAU) of Eurostat's list, or only at a NUTS region. Units are never deleted: a unit
missing from a newer TERC or LAU file is marked no longer current.
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

# ISO 3166 codes that differ from the NUTS country code NUTS, the LAU list and the platform's units use.
ISO_TO_NUTS = {"GR": "EL"}


def nuts_country(code: str) -> str:
    """The NUTS country code for a country code: "GR" (ISO, as partners are recorded) → "EL"."""
    code = code.strip().upper()[:2]
    return ISO_TO_NUTS.get(code, code)


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
        """The country's regions; Greece may be named GR (ISO) or EL (NUTS)."""
        return self.filter(code__startswith=nuts_country(country_code))

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
    LAU = "lau", _("local administrative unit (LAU)")


# Poland's units come from TERYT; every other country's from Eurostat's LAU list. Countries are named
# by their NUTS code (EL for Greece, as in NUTS and the LAU workbook, not the ISO GR).
TERYT_COUNTRY = "PL"
TERYT_LEVELS = (UnitLevel.VOIVODESHIP, UnitLevel.POWIAT, UnitLevel.GMINA)


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

    def teryt(self) -> TerritorialUnitQuerySet:
        """Poland's TERYT units (voivodeships, powiats, gminas), whose codes TERC composes."""
        return self.filter(country=TERYT_COUNTRY, level__in=TERYT_LEVELS)

    def local_units(self, country: str | None = None) -> TerritorialUnitQuerySet:
        """Local administrative units of Eurostat's LAU list, of one country (NUTS code) or of all."""
        units = self.filter(level=UnitLevel.LAU)
        return units.filter(country=nuts_country(country)) if country else units

    def in_nuts(self, code: str) -> TerritorialUnitQuerySet:
        """Local units whose NUTS-3 region lies within the NUTS region `code` (e.g. "ES43")."""
        return self.filter(level=UnitLevel.LAU, nuts3__code__startswith=code.upper())

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
        """The units of a NUTS-3 region, in one query: its powiats and every unit below them in Poland,
        its local administrative units elsewhere (each LAU names its own NUTS-3)."""
        powiats = TerritorialUnit.objects.filter(level=UnitLevel.POWIAT, nuts3__code=nuts3_code)
        return self.filter(
            Q(pk__in=powiats.values("pk"))
            | Q(parent__in=powiats.values("pk"))
            | Q(parent__parent__in=powiats.values("pk"))
            | Q(level=UnitLevel.LAU, nuts3__code=nuts3_code)
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


def nuts3_of(path: str) -> Coalesce:
    """The NUTS-3 code of the unit at `path` (e.g. "territory"): its own, or its powiat's for a gmina."""
    return Coalesce(
        f"{path}__nuts3__code", f"{path}__parent__nuts3__code", f"{path}__parent__parent__nuts3__code"
    )


class TerritorialUnit(models.Model):
    """One row of the TERC list (a voivodeship, a powiat, a gmina or a part of a gmina) or of the LAU list.

    One model for both, so an organisation's one link to its unit, the list filters and the counts by
    region work the same in every partner's country; the TERYT columns stay empty on LAU rows.
    """

    country = models.CharField(
        _("country"),
        max_length=2,
        default=TERYT_COUNTRY,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("A country is named by its two-letter NUTS code."))],
        help_text=_("The NUTS country code: PL, ES, EL (Greece), …"),
    )
    code = models.CharField(
        _("code"),
        max_length=20,
        help_text=_(
            "TERC: WOJ for a voivodeship, WOJ+POW for a powiat, WOJ+POW+GMI+RODZ for a gmina. "
            "LAU: the code as Eurostat publishes it. Unique within a country."
        ),
    )
    woj = models.CharField("WOJ", max_length=2, blank=True)
    pow = models.CharField("POW", max_length=2, blank=True)
    gmi = models.CharField("GMI", max_length=2, blank=True)
    rodz = models.CharField("RODZ", max_length=1, blank=True, choices=GminaKind.choices)
    level = models.CharField(_("level"), max_length=12, choices=UnitLevel.choices)
    name = models.CharField(
        _("name"), max_length=150, help_text=_("The official name, in the national language.")
    )
    name_latin = models.CharField(
        _("name in Latin script"),
        max_length=150,
        blank=True,
        help_text=_("Only where the national name is not written in Latin script."),
    )
    kind_name = models.CharField(
        _("kind (NAZWA_DOD)"),
        max_length=100,
        blank=True,
        help_text=_("As in the TERC file, e.g. “powiat”, “miasto na prawach powiatu”, “gmina miejska”."),
    )
    search_name = models.CharField(max_length=150, editable=False, db_index=True)
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
        help_text=_("Set for powiats and local units; gminas belong to their powiat's subregion."),
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    area_m2 = models.PositiveBigIntegerField(_("total area (m²)"), null=True, blank=True)
    stan_na = models.DateField(
        _("state as of"),
        null=True,
        blank=True,
        help_text=_(
            "The date of the TERC or LAU file this row comes from; empty for data shipped with the platform."
        ),
    )
    is_current = models.BooleanField(
        _("current"), default=True, help_text=_("Off when a newer TERC or LAU file no longer lists the unit.")
    )
    retired_on = models.DateField(_("no longer listed as of"), null=True, blank=True)

    objects = TerritorialUnitQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("territorial unit")
        verbose_name_plural = _("territorial units")
        constraints = [
            models.UniqueConstraint(fields=["country", "code"], name="territorial_unit_code_per_country"),
            models.CheckConstraint(
                condition=(
                    (Q(level=UnitLevel.VOIVODESHIP, pow="", gmi="", rodz="") & ~Q(woj=""))
                    | (Q(level=UnitLevel.POWIAT, gmi="", rodz="") & ~Q(woj="") & ~Q(pow=""))
                    | (Q(level=UnitLevel.GMINA) & ~Q(woj="") & ~Q(pow="") & ~Q(gmi="") & ~Q(rodz=""))
                    | Q(level=UnitLevel.LAU, woj="", pow="", gmi="", rodz="")
                ),
                name="territorial_unit_codes_match_level",
            ),
            # TERYT is Poland's register; a Polish LAU row would duplicate its gminas under another code.
            models.CheckConstraint(
                condition=(Q(level=UnitLevel.LAU) & ~Q(country=TERYT_COUNTRY))
                | Q(level__in=TERYT_LEVELS, country=TERYT_COUNTRY),
                name="territorial_unit_teryt_is_polish",
            ),
        ]
        indexes = [
            models.Index(fields=["level", "woj"], name="territory_level_woj_idx"),
            models.Index(fields=["woj", "pow"], name="territory_woj_pow_idx"),
        ]

    def __str__(self) -> str:
        if self.level == UnitLevel.POWIAT and self.kind_name == "powiat":
            return f"powiat {self.name}"
        if self.name_latin and self.name_latin != self.name:
            return f"{self.name} ({self.name_latin})"
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
