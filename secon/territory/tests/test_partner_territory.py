"""Each partner works with its own units: Extremadura with its NUTS-3 regions and LAU, Mazovia with TERYT.

Tried as the Extremadura (Spanish) staff member, the registry's filter, organisation form and export
offer Badajoz and Cáceres and their municipalities, never Mazovian powiats; Mazovia keeps its powiats.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.test import Client
from django.urls import reverse

from conftest import World
from secon.registry import imports
from secon.registry.models import Organisation
from secon.registry.records import services
from secon.registry.records.exports import organisation_table
from secon.registry.records.forms import OrganisationForm
from secon.registry.records.services import add_membership
from secon.territory import demo
from secon.territory.models import NutsRegion, TerritorialUnit, UnitLevel
from secon.territory.partners import (
    regions_for_partner,
    territory_for_partner,
    units_for_partner,
)
from secon.tests.factories import make_organisation, make_partner, make_person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

LIST = "manage:organisation_list"
CREATE = "manage:organisation_create"


@pytest.fixture(autouse=True)
def _english_interface(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def local_unit(code: str, name: str, nuts3: str, *, country: str = "ES", **fields: Any) -> TerritorialUnit:
    return TerritorialUnit.objects.create(
        country=country,
        code=code,
        level=UnitLevel.LAU,
        name=name,
        nuts3=NutsRegion.objects.get(code=nuts3),
        stan_na=dt.date(2023, 1, 1),
        **fields,
    )


@pytest.fixture
def spain(db: Any) -> dict[str, TerritorialUnit]:
    """Two municipalities of each province of Extremadura, a retired one, and a unit of another country."""
    return {
        "badajoz": local_unit("06015", "Badajoz", "ES431"),
        "merida": local_unit("06083", "Mérida", "ES431"),
        "caceres": local_unit("10037", "Cáceres", "ES432"),
        "plasencia": local_unit("10148", "Plasencia", "ES432"),
        "norte": local_unit("999999", "Lugar do Norte", "PT111", country="PT"),
        "retired": local_unit("06999", "Antigua", "ES431", is_current=False, retired_on=dt.date(2023, 1, 1)),
    }


def option_labels(field: Any) -> list[str]:
    return [str(label) for _value, label in field.choices if _value != ""]


def territory_field(form: Any) -> Any:
    return form.fields["territory"]


def grouped_labels(choices: list[tuple[Any, Any]]) -> dict[str, list[str]]:
    return {str(group): [str(label) for _pk, label in options] for group, options in choices[1:]}


# --- The territory of a partner -----------------------------------------------------------------------


def test_extremadura_works_with_its_nuts3_regions_and_local_units(world: World, spain: Any) -> None:
    extremadura = world.other_partner

    assert [region.code for region in regions_for_partner(extremadura)] == ["ES431", "ES432"]
    assert sorted(unit.name for unit in units_for_partner(extremadura)) == [
        "Badajoz", "Cáceres", "Mérida", "Plasencia",
    ]  # fmt: skip
    assert not territory_for_partner(extremadura).uses_teryt


def test_mazovia_works_with_the_powiats_and_gminas_of_its_voivodeship(world: World, spain: Any) -> None:
    territory = territory_for_partner(world.partner)

    assert territory.uses_teryt and territory.area == "PL9"
    assert [region.code for region in territory.regions()][:2] == ["PL911", "PL912"]
    assert territory.regions().count() == 9
    assert territory.units().filter(level=UnitLevel.POWIAT).count() == 42
    assert not territory.units().filter(level=UnitLevel.LAU).exists()


def test_a_greek_partner_named_by_its_iso_code_works_with_its_nuts_regions(world: World) -> None:
    peloponnese = make_partner(world.project, slug="peloponnese", country="GR", nuts2="EL65")

    territory = territory_for_partner(peloponnese)

    assert territory.country == "EL"
    assert [region.display_name for region in territory.regions()] == [
        "Argolida, Arkadia", "Korinthia", "Lakonia, Messinia",
    ]  # fmt: skip


# --- The registry in the partner's terms --------------------------------------------------------------


def test_extremadura_staff_filter_by_its_provinces_and_municipalities_never_mazovian_powiats(
    client: Client, world: World, spain: Any
) -> None:
    client.force_login(world.other_staff)

    form = client.get(reverse(LIST)).context["form"]

    assert option_labels(form.fields["subregion"]) == ["ES431 Badajoz", "ES432 Cáceres"]
    assert option_labels(form.fields["powiat"]) == ["Badajoz", "Cáceres", "Mérida", "Plasencia"]
    assert form.fields["powiat"].label == "Municipality or local unit (LAU)"
    page = client.get(reverse(LIST)).content.decode()
    assert "białobrzeski" not in page and "Warszawski" not in page


def test_extremadura_staff_list_their_organisations_by_municipality_and_by_province(
    client: Client, world: World, spain: Any
) -> None:
    extremadura = world.other_partner
    make_organisation(extremadura, name="Cooperativa de Mérida", territory=spain["merida"])
    make_organisation(extremadura, name="Cooperativa de Cáceres", territory=spain["caceres"])
    make_organisation(extremadura, name="Sin municipio")
    client.force_login(world.other_staff)

    def names(query: dict[str, str]) -> list[str]:
        return [o.name for o in client.get(reverse(LIST), query).context["page"].object_list]

    assert names({"powiat": "06083"}) == ["Cooperativa de Mérida"]
    assert names({"subregion": "ES432"}) == ["Cooperativa de Cáceres"]
    assert names({"subregion": "ES431"}) == ["Cooperativa de Mérida"]


def test_a_mazovian_powiat_is_not_a_filter_choice_for_extremadura(
    client: Client, world: World, spain: Any
) -> None:
    client.force_login(world.other_staff)

    form = client.get(reverse(LIST), {"powiat": "1419", "subregion": "PL923"}).context["form"]

    assert not form.is_valid()
    assert set(form.errors) == {"powiat", "subregion"}


def test_mazovia_staff_filter_by_powiats_and_subregions_as_before(
    client: Client, world: World, spain: Any
) -> None:
    client.force_login(world.staff)

    form = client.get(reverse(LIST)).context["form"]

    assert form.fields["powiat"].label == "Powiat"
    assert len(option_labels(form.fields["powiat"])) == 42
    assert "Badajoz" not in option_labels(form.fields["powiat"])
    assert [label[:5] for label in option_labels(form.fields["subregion"])] == [
        "PL911", "PL912", "PL913", "PL921", "PL922", "PL923", "PL924", "PL925", "PL926",
    ]  # fmt: skip


def test_the_lead_partner_filters_by_the_units_of_the_partner_it_chose(
    client: Client, world: World, spain: Any
) -> None:
    client.force_login(world.lead)

    every = client.get(reverse(LIST)).context["form"]
    chosen = client.get(reverse(LIST), {"partner": world.other_partner.pk}).context["form"]

    # Without a partner: every partner's regions, and no units (codes repeat across countries).
    assert {"ES431 Badajoz", "PL923 Płocki"} <= set(option_labels(every.fields["subregion"]))
    assert option_labels(every.fields["powiat"]) == []
    assert option_labels(chosen.fields["powiat"]) == ["Badajoz", "Cáceres", "Mérida", "Plasencia"]


def test_the_organisation_form_of_extremadura_offers_its_municipalities_by_province(
    client: Client, world: World, spain: Any
) -> None:
    client.force_login(world.other_staff)

    form = client.get(reverse(CREATE)).context["form"]

    groups = grouped_labels(territory_field(form).choices)
    assert groups == {"Badajoz (ES431)": ["Badajoz", "Mérida"], "Cáceres (ES432)": ["Cáceres", "Plasencia"]}
    assert form.fields["territory"].label == "Municipality or local unit (LAU)"


def test_a_mazovian_powiat_posted_for_an_extremadura_organisation_is_refused(
    world: World, spain: Any
) -> None:
    powiat = TerritorialUnit.objects.get(country="PL", code="1419")

    form = OrganisationForm(data={"territory": powiat.pk}, user=world.other_staff)

    assert not form.is_valid()
    assert "territory" in form.errors


def test_the_lead_partner_edits_a_spanish_record_in_spanish_terms(world: World, spain: Any) -> None:
    organisation = make_organisation(world.other_partner, name="Cooperativa", territory=spain["badajoz"])

    form = OrganisationForm(instance=organisation, user=world.lead)

    assert list(grouped_labels(territory_field(form).choices)) == ["Badajoz (ES431)", "Cáceres (ES432)"]


def test_the_mazovian_organisation_form_keeps_powiats_and_their_gminas(world: World, spain: Any) -> None:
    form = OrganisationForm(user=world.staff)

    groups = grouped_labels(territory_field(form).choices)
    assert "powiat płocki" in groups and "Badajoz (ES431)" not in groups
    assert groups["powiat płocki"][0] == "powiat płocki – the whole powiat"


def test_the_export_shows_each_record_in_its_own_countrys_terms(world: World, spain: Any) -> None:
    make_organisation(world.other_partner, name="Cooperativa de Mérida", territory=spain["merida"])
    make_organisation(
        world.partner, name="Spółdzielnia", territory=TerritorialUnit.objects.get(country="PL", code="1419")
    )

    header, rows = organisation_table(QueryDict(""), world.lead)

    table = [dict(zip(header, row, strict=True)) for row in rows]
    by_name = {row["Name"]: row for row in table}
    merida, plock = by_name["Cooperativa de Mérida"], by_name["Spółdzielnia"]
    assert (merida["Territorial unit"], merida["Kind of unit"], merida["Unit code"]) == (
        "Mérida", "local administrative unit (LAU)", "06083",
    )  # fmt: skip
    assert merida["NUTS-3 region"] == "ES431"
    assert (plock["Territorial unit"], plock["Unit code"], plock["NUTS-3 region"]) == (
        "powiat płocki", "1419", "PL923",
    )  # fmt: skip


def test_the_groups_composition_counts_members_by_the_partners_own_regions(
    client: Client, world: World, spain: Any
) -> None:
    extremadura = world.other_partner
    since = dt.date(2024, 1, 1)
    for name, unit in [("Uno", spain["merida"]), ("Dos", spain["badajoz"]), ("Tres", spain["caceres"])]:
        organisation = make_organisation(extremadura, name=f"Cooperativa {name}", territory=unit)
        person = make_person(extremadura, full_name=f"{name} Pérez")
        add_membership(person, actor=None, organisation=organisation, since=since)
    elsewhere = make_organisation(extremadura, name="Sin lugar")
    add_membership(
        make_person(extremadura, full_name="Cuatro Ruiz"), actor=None, organisation=elsewhere, since=since
    )
    client.force_login(world.other_staff)

    rows = client.get(reverse("manage:rsg")).context["region_rows"]

    assert [(row["label"], row["count"]) for row in rows] == [
        ("ES431 Badajoz", 2), ("ES432 Cáceres", 1), ("Outside the region or not placed", 1),
    ]  # fmt: skip


def test_an_import_for_extremadura_places_organisations_in_its_own_municipalities_only(
    world: World, spain: Any
) -> None:
    text = "Name;Territory\r\nCooperativa Uno;Mérida\r\nCooperativa Dos;10037\r\nCooperativa Tres;płocki\r\n"
    upload = SimpleUploadedFile("lista.csv", text.encode())
    actor, partner = world.other_staff, world.other_partner
    batch = imports.upload_import(partner, actor=actor, kind="organisations", upload=upload, enqueue=False)
    batch = imports.read_import(batch.pk, attempt=batch.attempt, actor=actor)
    batch = imports.check_import(batch, actor=actor, mapping=batch.mapping, enqueue=False)
    batch = imports.run_check(batch.pk, attempt=batch.attempt, actor=actor)

    bad = [(row["line"], row["column"]) for row in batch.report["bad"]]
    assert bad == [(4, "Territory")]  # a Mazovian powiat is not one of Extremadura's units
    assert batch.report["create"] == 2


def test_the_demo_gives_extremadura_a_few_municipalities_and_keeps_imported_data(world: World) -> None:
    demo.load_local_units()
    TerritorialUnit.objects.filter(country="ES", code="06015").update(
        name="Badajoz (importado)", stan_na=dt.date(2024, 1, 1)
    )

    demo.load_local_units()

    assert sorted(unit.name for unit in units_for_partner(world.other_partner)) == [
        "Badajoz (importado)", "Cáceres", "Mérida", "Plasencia",
    ]  # fmt: skip


def test_an_organisations_page_shows_its_municipality_and_province(
    client: Client, world: World, spain: Any
) -> None:
    organisation = make_organisation(world.other_partner, name="Cooperativa", territory=spain["merida"])
    client.force_login(world.other_staff)

    response = client.get(reverse("manage:organisation_detail", args=[organisation.pk]))

    assert response.context["territory"] == spain["merida"]
    assert response.context["subregion"].code == "ES431"
    assert "Mérida" in response.content.decode() and "ES431 Badajoz" in response.content.decode()


def test_the_registry_service_refuses_a_unit_of_another_partners_territory(world: World, spain: Any) -> None:
    powiat = TerritorialUnit.objects.get(country="PL", code="1419")
    kept = make_organisation(world.other_partner, name="Cooperativa", territory=spain["badajoz"])

    with pytest.raises(ValidationError) as refused:
        make_organisation(world.other_partner, name="En Mazovia", territory=powiat)
    with pytest.raises(ValidationError):
        services.update_organisation(kept, actor=None, territory=powiat)

    assert "territory" in refused.value.message_dict
    assert not Organisation.objects.filter(name="En Mazovia").exists()
    kept.refresh_from_db()
    assert kept.territory == spain["badajoz"]


def test_a_record_in_a_retired_unit_can_still_be_edited(world: World, spain: Any) -> None:
    organisation = make_organisation(world.other_partner, name="Cooperativa", territory=spain["merida"])
    TerritorialUnit.objects.filter(pk=spain["merida"].pk).update(is_current=False)

    services.update_organisation(
        organisation, actor=None, name="Cooperativa Nueva", territory=spain["merida"]
    )

    organisation.refresh_from_db()
    assert organisation.name == "Cooperativa Nueva"


def test_extremaduras_demo_organisations_lie_in_its_demo_municipalities(world: World) -> None:
    import random

    from secon.registry.demo_countries import load_partner

    demo.load_local_units()

    load_partner(world.other_partner, random.Random(1))

    placed = {o.city: o.territory for o in Organisation.objects.filter(partner=world.other_partner)}
    assert {city: unit.code if unit else None for city, unit in placed.items()} == {
        "Plasencia": "10148", "Mérida": "06083", "Cáceres": "10037",
    }  # fmt: skip


def test_an_unknown_unit_in_an_import_is_named_in_the_partners_terms(world: World, spain: Any) -> None:
    text = "Name;Municipality\r\nCooperativa Uno;Madrid\r\n"
    upload = SimpleUploadedFile("lista.csv", text.encode())
    actor, partner = world.other_staff, world.other_partner
    batch = imports.upload_import(partner, actor=actor, kind="organisations", upload=upload, enqueue=False)
    batch = imports.read_import(batch.pk, attempt=batch.attempt, actor=actor)
    batch = imports.check_import(batch, actor=actor, mapping=batch.mapping, enqueue=False)
    batch = imports.run_check(batch.pk, attempt=batch.attempt, actor=actor)

    assert [row["reason"] for row in batch.report["bad"]] == [
        "No unit “Madrid” is known in the partner's region."
    ]
