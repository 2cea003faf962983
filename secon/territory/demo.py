"""Demo data of the territory app: OWES service areas of the Mazovia partner, one per NUTS-3 subregion.

The areas are named by subregion, not after real support centres, whose names and exact areas the
demo does not claim to know.
"""

from __future__ import annotations

from typing import IO

from secon.projects.models import Partner
from secon.territory.models import NutsRegion, ServiceArea, TerritorialUnit
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


def load(stdout: IO[str]) -> None:
    load_reference_data()
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
        f"{len(AREAS)} OWES service areas."
    )
