"""The territory a partner works in, in its own country's terms: its NUTS-3 regions and its local units.

Mazovia places organisations in TERYT powiats and gminas of its voivodeship; every other partner in
the local administrative units (LAU) of its NUTS-2 region, loaded with `import_lau`. Forms, list
filters, exports and counts ask this module instead of assuming Poland.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from secon.core.collation import collated, sort_key
from secon.territory import data
from secon.territory.models import (
    TERYT_COUNTRY,
    NutsRegion,
    NutsRegionQuerySet,
    TerritorialUnit,
    TerritorialUnitQuerySet,
    UnitLevel,
    nuts_country,
)

if TYPE_CHECKING:
    from django.utils.functional import Promise

    from secon.projects.models import Partner


@dataclass(frozen=True)
class PartnerTerritory:
    """Where one partner's organisations lie: a NUTS area and, in it, the units they may point at."""

    country: str  # the NUTS country code (EL for Greece)
    area: str  # the NUTS code covering the partner's region: "PL9" for Mazowieckie, "ES43", …
    voivodeship: str = ""  # the TERC code of the voivodeship when the partner works with TERYT units

    @property
    def uses_teryt(self) -> bool:
        return bool(self.voivodeship)

    @property
    def unit_label(self) -> Promise:
        """What the list filter calls its units."""
        return _("Powiat") if self.uses_teryt else _("Municipality or local unit (LAU)")

    def regions(self) -> NutsRegionQuerySet:
        """The NUTS-3 regions of the partner's area."""
        return NutsRegion.objects.nuts3().within(self.area)

    def units(self) -> TerritorialUnitQuerySet:
        """Every current unit an organisation of the partner may be placed in."""
        if self.uses_teryt:
            return (
                TerritorialUnit.objects.teryt()
                .current()
                .in_voivodeship(self.voivodeship)
                .exclude(level=UnitLevel.VOIVODESHIP)
            )
        return TerritorialUnit.objects.local_units(self.country).in_nuts(self.area).current()

    def filter_units(self) -> TerritorialUnitQuerySet:
        """The units a list is filtered by: powiats in Mazovia, the local units elsewhere, by name.

        Current ones only; records in a retired unit are still found by its region."""
        if self.uses_teryt:
            units = TerritorialUnit.objects.teryt().powiats().in_voivodeship(self.voivodeship)
        else:
            units = TerritorialUnit.objects.local_units(self.country).in_nuts(self.area)
        return units.current().in_name_order()


def territory_for_partner(partner: Partner) -> PartnerTerritory:
    """The partner's territory, from its NUTS-2 region (or, without one, its country)."""
    return territory_for_nuts(partner.nuts2 or nuts_country(partner.country))


def territory_for_nuts(code: str) -> PartnerTerritory:
    """The territory of a NUTS region: TERYT units in a Polish voivodeship, local units elsewhere."""
    code = code.upper()
    if code[:2] == TERYT_COUNTRY:
        # A Polish voivodeship is a NUTS-1 macroregion (PL9 is Mazowieckie, split into PL91 and PL92).
        voivodeship = data.TERYT_VOIVODESHIPS.get(code[:3], "")
        if voivodeship:
            return PartnerTerritory(country=TERYT_COUNTRY, area=code[:3], voivodeship=voivodeship)
    return PartnerTerritory(country=code[:2], area=code)


def teryt_territory() -> PartnerTerritory:
    """Mazowieckie's TERYT units: what a form of a Polish partner offers without knowing the partner."""
    area = next(nuts1 for nuts1, woj in data.TERYT_VOIVODESHIPS.items() if woj == data.VOIVODESHIP_CODE)
    return territory_for_nuts(area)


def regions_for_partner(partner: Partner) -> NutsRegionQuerySet:
    return territory_for_partner(partner).regions()


def units_for_partner(partner: Partner) -> TerritorialUnitQuerySet:
    return territory_for_partner(partner).units()


def regions_for_partners(partners: Iterable[Partner]) -> NutsRegionQuerySet:
    """The NUTS-3 regions of several partners' areas (codes are unique across countries)."""
    areas = {territory_for_partner(partner).area for partner in partners}
    if not areas:
        return NutsRegion.objects.none()
    condition = Q()
    for area in sorted(areas):
        condition |= Q(code__startswith=area)
    return NutsRegion.objects.nuts3().filter(condition)


def units_within(unit: TerritorialUnit) -> TerritorialUnitQuerySet:
    """The unit and every unit below it that an organisation may point at (a powiat's gminas)."""
    if unit.level == UnitLevel.POWIAT:
        return TerritorialUnit.objects.teryt().filter(
            Q(pk=unit.pk) | Q(level=UnitLevel.GMINA, code__startswith=unit.code)
        )
    if unit.level == UnitLevel.GMINA:
        return TerritorialUnit.objects.filter(Q(pk=unit.pk) | Q(parent=unit))
    return TerritorialUnit.objects.filter(pk=unit.pk)


# --- Choices for a form's territory field ------------------------------------------------------------

Choice = tuple[Any, Any]


def unit_choices(territories: Sequence[PartnerTerritory]) -> list[Choice]:
    """Option groups of the units of one or more territories, alphabetical in the interface language.

    Mazovia: each powiat a group holding the powiat itself and its gminas. Elsewhere: each NUTS-3 region
    a group of its local units. One query per territory.
    """
    groups: list[tuple[str, list[tuple[int, str]]]] = []
    for territory in territories:
        groups.extend(_teryt_groups(territory) if territory.uses_teryt else _lau_groups(territory))
    groups.sort(key=lambda group: sort_key(group[0]))
    if len(territories) == 1 and territories[0].uses_teryt:
        empty = _("– not in Mazowieckie or unknown –")
    else:
        empty = _("– outside the partner's region or unknown –")
    return [("", empty), *groups]


def _teryt_groups(territory: PartnerTerritory) -> list[tuple[str, list[tuple[int, str]]]]:
    groups: OrderedDict[str, list[tuple[int, str]]] = OrderedDict()
    labels: dict[str, str] = {}
    for unit in territory.units().order_by("code"):
        key = unit.powiat_code
        if unit.level == UnitLevel.POWIAT:
            labels[key] = str(unit)
            groups.setdefault(key, []).insert(
                0, (unit.pk, str(_("%(name)s – the whole powiat")) % {"name": unit})
            )
        else:
            kind = unit.get_rodz_display()
            groups.setdefault(key, []).append((unit.pk, f"{unit.name} ({kind})"))
    return [(labels.get(key, key), options) for key, options in groups.items()]


def _lau_groups(territory: PartnerTerritory) -> list[tuple[str, list[tuple[int, str]]]]:
    groups: OrderedDict[str, list[tuple[int, str]]] = OrderedDict()
    regions = {region.pk: region for region in territory.regions()}
    for unit in territory.units().order_by(collated("name"), "code"):
        region = regions.get(unit.nuts3_id)  # type: ignore[arg-type]
        label = f"{region.display_name} ({region.code})" if region else "–"
        groups.setdefault(label, []).append((unit.pk, str(unit)))
    return list(groups.items())


def territories_units(territories: Sequence[PartnerTerritory]) -> TerritorialUnitQuerySet:
    """Every unit of the territories, for validating a choice among `unit_choices`."""
    if not territories:
        return TerritorialUnit.objects.none()
    condition = Q(pk__in=territories[0].units().values("pk"))
    for territory in territories[1:]:
        condition |= Q(pk__in=territory.units().values("pk"))
    return TerritorialUnit.objects.filter(condition)


def all_partner_territories(partners: Iterable[Partner]) -> list[PartnerTerritory]:
    """The distinct territories of several partners (two partners may share a region)."""
    seen: dict[str, PartnerTerritory] = {}
    for partner in partners:
        territory = territory_for_partner(partner)
        seen.setdefault(territory.area, territory)
    return list(seen.values())
