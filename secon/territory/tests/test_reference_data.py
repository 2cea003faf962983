"""The data shipped with the platform: NUTS regions and Mazowieckie's 42 powiats in their subregions."""

from __future__ import annotations

from typing import Any

import pytest

from secon.territory import data
from secon.territory.models import NutsRegion, TerritorialUnit, UnitLevel
from secon.territory.services import load_reference_data, nuts_region_for_partner, units_in_subregion
from secon.tests.factories import make_partner

pytestmark = pytest.mark.django_db

CITY_POWIATS = {"1461": "Ostrołęka", "1462": "Płock", "1463": "Radom", "1464": "Siedlce", "1465": "Warszawa"}
SUBREGION_SIZES = {
    "PL911": 1,
    "PL912": 4,
    "PL913": 5,
    "PL921": 8,
    "PL922": 5,
    "PL923": 4,
    "PL924": 6,
    "PL925": 6,
    "PL926": 3,
}


def test_the_migration_ships_mazowieckie_and_its_powiats() -> None:
    assert TerritorialUnit.objects.voivodeships().get(code="14").name == "MAZOWIECKIE"
    assert TerritorialUnit.objects.powiats().in_voivodeship("14").count() == 42


def test_mazowieckie_has_37_land_powiats_and_5_cities_with_powiat_rights(reference_data: None) -> None:
    powiats = TerritorialUnit.objects.powiats().in_voivodeship("14")
    assert powiats.count() == 42
    assert powiats.land_powiats().count() == 37
    cities = {unit.code: unit.name for unit in powiats.city_powiats()}
    assert cities == CITY_POWIATS
    assert all(unit.kind_name == "powiat" for unit in powiats.land_powiats())
    assert "1431" not in set(powiats.values_list("code", flat=True))  # powiat warszawski, abolished in 2002
    assert set(powiats.values_list("parent__code", flat=True)) == {"14"}


def test_every_powiat_is_in_exactly_one_of_the_nine_subregions(reference_data: None) -> None:
    powiats = TerritorialUnit.objects.powiats().in_voivodeship("14").select_related("nuts3")
    assert all(unit.nuts3 is not None for unit in powiats)
    sizes: dict[str, int] = {}
    for unit in powiats:
        assert unit.nuts3 is not None
        sizes[unit.nuts3.code] = sizes.get(unit.nuts3.code, 0) + 1
    assert sizes == SUBREGION_SIZES
    assert sum(sizes.values()) == 42


def test_warszawski_stoleczny_is_warsaw_and_its_two_subregions_the_rest_is_regional(
    reference_data: None,
) -> None:
    pl91 = set(NutsRegion.objects.nuts3().filter(parent__code="PL91").values_list("code", flat=True))
    pl92 = set(NutsRegion.objects.nuts3().filter(parent__code="PL92").values_list("code", flat=True))
    assert pl91 == {"PL911", "PL912", "PL913"}
    assert pl92 == {"PL921", "PL922", "PL923", "PL924", "PL925", "PL926"}
    capital_region = TerritorialUnit.objects.powiats().filter(nuts3__parent__code="PL91")
    assert set(capital_region.values_list("name", flat=True)) == {
        "Warszawa",
        "grodziski",
        "legionowski",
        "miński",
        "nowodworski",
        "otwocki",
        "piaseczyński",
        "pruszkowski",
        "warszawski zachodni",
        "wołomiński",
    }
    assert TerritorialUnit.objects.powiats().filter(nuts3__parent__code="PL92").count() == 32


def test_the_nuts_tree_nests_by_code_up_to_the_country(reference_data: None) -> None:
    for region in NutsRegion.objects.select_related("parent"):
        assert region.level == len(region.code) - 2
        if region.level == 0:
            assert region.parent is None
        else:
            assert region.parent is not None
            assert region.parent.code == region.code[:-1]
    assert NutsRegion.objects.by_code("pl9").name == "Makroregion województwo mazowieckie"  # type: ignore[union-attr]
    assert NutsRegion.objects.within("PL9").count() == 12


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("EL65", "Peloponnisos"),
        ("DE12", "Karlsruhe"),
        ("BE24", "Prov. Vlaams-Brabant"),
        ("RO12", "Centru"),
        ("PT11", "Norte"),
        ("LV00", "Latvija"),
        ("ES43", "Extremadura"),
        ("BG42", "Yuzhen tsentralen"),
        ("EL30", "Attiki"),
    ],
)
def test_the_other_partners_nuts2_regions_ship_with_their_country(
    reference_data: None, code: str, name: str
) -> None:
    region = NutsRegion.objects.nuts2().get(code=code)
    assert region.display_name == name
    country = NutsRegion.objects.countries().get(code=code[:2])
    assert region.parent is not None and region.parent.parent == country


def test_a_partner_is_placed_in_its_nuts2_region(reference_data: None) -> None:
    partner = make_partner(country="ES", nuts2="ES43")
    assert nuts_region_for_partner(partner) == NutsRegion.objects.get(code="ES43")
    assert nuts_region_for_partner(make_partner(nuts2="")) is None


def test_loading_the_reference_data_twice_changes_nothing(reference_data: None) -> None:
    before = list(TerritorialUnit.objects.values_list("code", "name", "nuts3__code", "parent__code"))
    nuts_before = list(NutsRegion.objects.values_list("code", "name", "parent__code"))
    load_reference_data()
    assert list(TerritorialUnit.objects.values_list("code", "name", "nuts3__code", "parent__code")) == before
    assert list(NutsRegion.objects.values_list("code", "name", "parent__code")) == nuts_before


def test_the_shipped_mapping_has_42_rows_and_no_duplicates() -> None:
    codes = [row.pow for row in data.POWIATS]
    assert len(codes) == len(set(codes)) == 42
    assert set(data.POWIAT_NUTS3.values()) == set(SUBREGION_SIZES)


def test_units_in_a_subregion_come_in_one_query(reference_data: None, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(1):
        names = sorted(unit.name for unit in units_in_subregion("pl926"))
    assert names == ["grójecki", "sochaczewski", "żyrardowski"]
    assert all(unit.level == UnitLevel.POWIAT for unit in units_in_subregion("PL926"))


def test_units_are_found_by_name_ignoring_case_and_diacritics(reference_data: None) -> None:
    assert list(TerritorialUnit.objects.named("OSTROLEKA").values_list("code", flat=True)) == ["1461"]
    assert list(TerritorialUnit.objects.named("ostrołęcki").values_list("code", flat=True)) == ["1415"]
    assert set(TerritorialUnit.objects.name_contains("lomin").values_list("code", flat=True)) == {"1434"}


# Every partner's NUTS-2 region and how many NUTS-3 regions NUTS 2021 divides it into.
PARTNER_NUTS3 = {
    "EL30": 7, "EL65": 3, "DE12": 12, "BE24": 2, "RO12": 6, "PL91": 3, "PL92": 6, "PT11": 8, "LV00": 6,
    "ES43": 2, "BG42": 5,
}  # fmt: skip


def test_the_migration_ships_the_nuts3_regions_of_every_partners_region() -> None:
    for nuts2, count in PARTNER_NUTS3.items():
        regions = NutsRegion.objects.nuts3().filter(parent__code=nuts2)
        assert regions.count() == count, nuts2
    assert list(NutsRegion.objects.nuts3().within("ES43").values_list("code", "name")) == [
        ("ES431", "Badajoz"), ("ES432", "Cáceres"),
    ]  # fmt: skip
    assert NutsRegion.objects.get(code="DE12C").name == "Freudenstadt"
    assert [r.code for r in NutsRegion.objects.nuts3().within("PT11")] == [
        "PT111", "PT112", "PT119", "PT11A", "PT11B", "PT11C", "PT11D", "PT11E",
    ]  # fmt: skip


def test_greek_and_bulgarian_regions_have_their_latin_names_beside_the_national_ones() -> None:
    plovdiv = NutsRegion.objects.get(code="BG421")
    assert (plovdiv.name, plovdiv.name_latin, str(plovdiv)) == ("Пловдив", "Plovdiv", "BG421 Plovdiv")
    nuts3 = NutsRegion.objects.nuts3()
    assert all(region.name_latin for region in nuts3.filter(code__startswith="EL"))
    assert all(region.name_latin for region in nuts3.filter(code__startswith="BG"))
    assert not any(
        region.name_latin for region in nuts3.exclude(code__startswith="EL").exclude(code__startswith="BG")
    )


def test_every_shipped_region_below_the_country_has_its_parent_one_level_up() -> None:
    for region in NutsRegion.objects.exclude(level=0).select_related("parent"):
        assert region.parent is not None and region.parent.code == region.code[:-1], region.code
        assert region.level == len(region.code) - 2


def test_greece_is_found_by_its_iso_code_too() -> None:
    # Partners record Greece as GR (ISO); NUTS and the LAU list write EL.
    assert set(NutsRegion.objects.in_country("GR").nuts3().values_list("code", flat=True)) == {
        "EL301", "EL302", "EL303", "EL304", "EL305", "EL306", "EL307", "EL651", "EL652", "EL653",
    }  # fmt: skip
    assert NutsRegion.objects.in_country("gr").count() == NutsRegion.objects.in_country("EL").count()
