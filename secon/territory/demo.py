"""Demo data of the territory app: OWES service areas of the Mazovia partner, one per NUTS-3 subregion,
and a few of Extremadura's municipalities.

The areas are named by subregion, not after real support centres, whose names and exact areas the
demo does not claim to know. The municipalities are the four largest towns of Extremadura with their
INE codes (the codes Eurostat's LAU list uses for Spain); the other partners' local units come only
from their LAU file (`manage.py import_lau`), as their codes are not known to the demo for certain.
"""

from __future__ import annotations

from typing import IO

from secon.projects.models import Partner
from secon.territory.models import NutsRegion, ServiceArea, TerritorialUnit, UnitLevel
from secon.territory.services import load_reference_data

# (area name, NUTS-3 subregions whose powiats it serves)
AREAS = [
    ("OWES – subregion radomski", ["PL921"]),
    ("OWES – subregion ciechanowski", ["PL922"]),
    ("OWES – subregion płocki", ["PL923"]),
    ("OWES – subregion ostrołęcki", ["PL924"]),
    ("OWES – subregion siedlecki", ["PL925"]),
    ("OWES – subregion żyrardowski", ["PL926"]),
    ("OWES – subregiony warszawskie", ["PL911", "PL912", "PL913"]),
]

# (country, LAU code, national name, NUTS-3)
LOCAL_UNITS = [
    ("ES", "06015", "Badajoz", "ES431"),
    ("ES", "06083", "Mérida", "ES431"),
    ("ES", "10037", "Cáceres", "ES432"),
    ("ES", "10148", "Plasencia", "ES432"),
]


def load_local_units() -> int:
    """Create the demo's municipalities unless a LAU import already has them (its data wins)."""
    regions = {region.code: region for region in NutsRegion.objects.nuts3()}
    for country, code, name, nuts3 in LOCAL_UNITS:
        unit = TerritorialUnit.objects.filter(country=country, code=code).first()
        if unit is None:
            unit = TerritorialUnit(country=country, code=code, level=UnitLevel.LAU, stan_na=None)
        if unit.stan_na is None:  # shipped, not imported: kept as the demo says
            unit.name, unit.nuts3 = name, regions[nuts3]
            unit.save()
    return len(LOCAL_UNITS)


def load(stdout: IO[str]) -> None:
    load_reference_data()
    local_units = load_local_units()
    mazovia = Partner.objects.filter(slug="mazovia").order_by("pk").first()
    if mazovia is None:
        stdout.write("Territory: no partner 'mazovia', no service areas loaded.")
        return
    for name, subregions in AREAS:
        area, _created = ServiceArea.objects.update_or_create(
            partner=mazovia,
            name=name,
            defaults={
                "description": "Powiaty podregionów NUTS-3: "
                + ", ".join(f"{r.code} {r.name}" for r in NutsRegion.objects.filter(code__in=subregions)),
            },
        )
        area.powiats.set(TerritorialUnit.objects.powiats().filter(nuts3__code__in=subregions))
    stdout.write(
        f"Territory: {NutsRegion.objects.count()} NUTS regions, "
        f"{TerritorialUnit.objects.powiats().in_voivodeship('14').count()} powiats of Mazowieckie, "
        f"{len(AREAS)} OWES service areas, {local_units} municipalities of Extremadura."
    )
