"""Organisation pages of the registry back office: list, filters, search, create, edit, delete, statuses."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse

from secon.core.models import AuditEvent
from secon.registry.models import Organisation, OrganisationStatus, Theme
from secon.registry.records import services
from secon.territory.models import TerritorialUnit
from secon.tests.factories import make_organisation, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_interface(client):
    # The assertions read English messages; Polish is the default interface language.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


LIST = "manage:organisation_list"
# Valid checksums, numbers made up for the tests.
NIP = "5260250274"
REGON = "123456785"


def names(response) -> list[str]:
    return [o.name for o in response.context["page"].object_list]


def gmina(powiat_code: str, gmi: str, name: str) -> TerritorialUnit:
    powiat = TerritorialUnit.objects.get(code=powiat_code)
    return TerritorialUnit.objects.create(
        code=f"{powiat_code}{gmi}3",
        woj="14",
        pow=powiat_code[2:],
        gmi=gmi,
        rodz="3",
        level="gmina",
        name=name,
        parent=powiat,
    )


def test_staff_see_only_their_partners_organisations(client, world):
    make_organisation(world.partner, name="Spółdzielnia Socjalna Mazowsze")
    make_organisation(world.other_partner, name="Cooperativa de Mérida")
    client.force_login(world.staff)
    response = client.get(reverse(LIST))
    assert response.status_code == 200
    assert names(response) == ["Spółdzielnia Socjalna Mazowsze"]
    assert "Cooperativa de Mérida" not in response.content.decode()


def test_lead_partner_sees_every_registry_and_filters_by_partner(client, world):
    make_organisation(world.partner, name="Mazowiecka")
    make_organisation(world.other_partner, name="Extremeña")
    client.force_login(world.lead)
    assert sorted(names(client.get(reverse(LIST)))) == ["Extremeña", "Mazowiecka"]
    response = client.get(reverse(LIST), {"partner": world.other_partner.pk})
    assert names(response) == ["Extremeña"]


def test_search_ignores_diacritics_and_polish_inflection(client, world):
    make_organisation(world.partner, name="Spółdzielnia socjalna „Razem”")
    make_organisation(world.partner, name="Fundacja Pomocy")
    client.force_login(world.staff)
    assert names(client.get(reverse(LIST), {"q": "spoldzielni"})) == ["Spółdzielnia socjalna „Razem”"]
    assert names(client.get(reverse(LIST), {"q": "SPÓŁDZIELNIĄ socjalną"})) == [
        "Spółdzielnia socjalna „Razem”"
    ]
    assert names(client.get(reverse(LIST), {"q": "fundacji"})) == ["Fundacja Pomocy"]


def test_powiat_filter_finds_organisations_placed_in_its_gminas(client, world):
    drobin = gmina("1419", "02", "Drobin")
    make_organisation(world.partner, name="W gminie", territory=drobin)
    make_organisation(world.partner, name="W powiecie", territory=TerritorialUnit.objects.get(code="1419"))
    make_organisation(world.partner, name="W Radomiu", territory=TerritorialUnit.objects.get(code="1463"))
    make_organisation(world.partner, name="Nigdzie")
    client.force_login(world.staff)
    assert names(client.get(reverse(LIST), {"powiat": "1419"})) == ["W gminie", "W powiecie"]
    # Powiat płocki and its gminas are in the Płocki subregion (PL923); Radom is in Radomski (PL921).
    assert names(client.get(reverse(LIST), {"subregion": "PL923"})) == ["W gminie", "W powiecie"]
    assert names(client.get(reverse(LIST), {"subregion": "PL921"})) == ["W Radomiu"]


def test_list_filters_by_type_helix_theme_membership_and_contact(client, world):
    theme = Theme.objects.get(code="social-services")
    cis = make_organisation(world.partner, name="CIS", type_code="cis", themes=[theme])
    office = make_organisation(world.partner, name="Urząd", type_code="public-authority", helix="public")
    make_organisation(world.partner, name="Fundacja", type_code="foundation")
    person = make_person(world.partner)
    services.add_membership(person, actor=None, organisation=cis, since=dt.date(2023, 4, 21))
    services.add_membership(
        person, actor=None, organisation=office, since=dt.date(2023, 4, 21), until=dt.date(2023, 12, 31)
    )
    services.set_affiliation(person, actor=None, organisation=office)
    services.record_consent(person, actor=None, purpose="surveys", legal_basis="public_task", source="staff")
    client.force_login(world.staff)
    assert names(client.get(reverse(LIST), {"type": "cis"})) == ["CIS"]
    assert names(client.get(reverse(LIST), {"helix": "public"})) == ["Urząd"]
    assert names(client.get(reverse(LIST), {"theme": "social-services"})) == ["CIS"]
    assert names(client.get(reverse(LIST), {"member": "active"})) == ["CIS"]
    assert names(client.get(reverse(LIST), {"member": "former"})) == ["Urząd"]
    assert names(client.get(reverse(LIST), {"member": "never"})) == ["Fundacja"]
    assert names(client.get(reverse(LIST), {"contact": "surveys"})) == ["Urząd"]
    assert names(client.get(reverse(LIST), {"contact": "newsletter"})) == []


def test_list_sorts_and_paginates_keeping_the_filters(client, world):
    for n in range(30):
        make_organisation(world.partner, name=f"Stowarzyszenie {n:02d}", type_code="association")
    client.force_login(world.staff)
    response = client.get(reverse(LIST), {"type": "association", "sort": "-name"})
    assert names(response)[0] == "Stowarzyszenie 29"
    assert response.context["page"].paginator.num_pages == 2
    assert "type=association" in response.content.decode().split('rel="next"')[0].rsplit("href=", 1)[1]


def test_bad_filter_values_are_ignored_with_a_message_not_an_error(client, world):
    make_organisation(world.partner, name="Jedna")
    client.force_login(world.staff)
    response = client.get(reverse(LIST), {"type": "no-such-type", "sort": "nonsense"})
    assert response.status_code == 200
    assert response.context["form"].errors["type"]


def test_list_answers_htmx_with_the_results_only_and_shows_an_empty_state(client, world):
    client.force_login(world.staff)
    response = client.get(reverse(LIST), {"q": "nic"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "<html" not in body
    assert "No organisations match these filters." in body
    assert 'class="empty-state"' in body


def test_organisation_list_makes_as_many_queries_for_30_rows_as_for_3(client, world, count_queries):
    drobin = gmina("1419", "02", "Drobin")

    def add(count: int) -> None:
        for _n in range(count):
            make_organisation(world.partner, territory=drobin)

    client.force_login(world.lead)
    add(3)
    client.get(reverse(LIST))  # warm the session and content types
    query = {"sort": "territory", "powiat": "1419", "member": "never"}
    few = count_queries(lambda: client.get(reverse(LIST), query))
    add(27)
    many = count_queries(lambda: client.get(reverse(LIST), query))
    # Session, user, count and page, the chosen powiat, the options of the filter form's selects, and the
    # menu's count of waiting "join us" requests.
    assert few == many <= 13


def test_coordinator_creates_an_organisation_with_themes_and_territory(client, world):
    client.force_login(world.coordinator)
    theme = Theme.objects.get(code="financing")
    response = client.post(
        reverse("manage:organisation_create"),
        {
            "name": "Spółdzielnia Socjalna Nowa",
            "type": _type_pk("social-cooperative"),
            "helix": "civil_society",
            "nip": "526-025-02-74",
            "regon": REGON,
            "krs": "12345",
            "postal_code": "09-210",
            "territory": TerritorialUnit.objects.get(code="1419").pk,
            "themes": [theme.pk],
        },
    )
    organisation = Organisation.objects.get(name="Spółdzielnia Socjalna Nowa")
    assert response.status_code == 302
    assert response["Location"] == reverse("manage:organisation_detail", args=[organisation.pk])
    assert organisation.partner == world.partner
    assert organisation.identifier_values() == {"nip": NIP, "regon": REGON, "krs": "0000012345"}
    assert list(organisation.themes.all()) == [theme]
    assert AuditEvent.objects.for_object(organisation).filter(code="registry.organisation.created").exists()


def _type_pk(code: str) -> int:
    from secon.registry.models import OrganisationType

    return OrganisationType.objects.get(code=code).pk


def test_bad_identifiers_are_named_each_under_its_field_and_nothing_is_saved(client, world):
    client.force_login(world.staff)
    response = client.post(
        reverse("manage:organisation_create"),
        {
            "name": "Zła",
            "type": _type_pk("foundation"),
            "helix": "civil_society",
            "nip": "5260250275",
            "regon": "12345678",
            "krs": "12345678901",
            "postal_code": "9210",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["nip"] == ["The check digit of NIP 5260250275 is wrong."]
    assert "REGON" in errors["regon"][0]
    assert "KRS" in errors["krs"][0]
    assert "postal_code" in errors
    assert not Organisation.objects.filter(name="Zła").exists()


def test_an_identifier_already_in_the_registry_is_refused_under_its_field(client, world):
    make_organisation(world.partner, name="Pierwsza", nip=NIP)
    client.force_login(world.staff)
    response = client.post(
        reverse("manage:organisation_create"),
        {"name": "Druga", "type": _type_pk("foundation"), "helix": "civil_society", "nip": NIP},
    )
    assert response.status_code == 200
    assert "Pierwsza" in response.context["form"].errors["nip"][0]
    assert not Organisation.objects.filter(name="Druga").exists()


def test_the_administrator_chooses_whose_registry_a_new_organisation_joins(client, world):
    client.force_login(world.admin)
    response = client.post(
        reverse("manage:organisation_create"),
        {
            "partner": world.other_partner.pk,
            "name": "Asociación",
            "type": _type_pk("es-asociacion"),
            "helix": "civil_society",
        },
    )
    assert response.status_code == 302
    assert Organisation.objects.get(name="Asociación").partner == world.other_partner


def test_edit_saves_through_the_service_and_lead_partner_may_only_look(client, world):
    organisation = make_organisation(world.partner, name="Stara nazwa")
    url = reverse("manage:organisation_edit", args=[organisation.pk])
    data = {"name": "Nowa nazwa", "type": organisation.type_id, "helix": "business"}
    client.force_login(world.lead)
    assert client.post(url, data).status_code == 403
    client.force_login(world.other_staff)
    assert client.post(url, data).status_code == 404
    client.force_login(world.staff)
    assert client.post(url, data).status_code == 302
    organisation.refresh_from_db()
    assert (organisation.name, organisation.helix) == ("Nowa nazwa", "business")
    assert "nowa" in organisation.search_text


def test_organisation_page_shows_identity_territory_people_members_and_activity(client, world):
    drobin = gmina("1419", "02", "Drobin")
    organisation = make_organisation(world.partner, name="Centrum Usług", territory=drobin)
    person = make_person(world.partner, full_name="Ewa Przykładowa")
    services.set_affiliation(person, actor=None, organisation=organisation, position="Prezeska")
    services.add_membership(person, actor=None, organisation=organisation, since=dt.date(2024, 2, 23))
    client.force_login(world.staff)
    response = client.get(reverse("manage:organisation_detail", args=[organisation.pk]))
    body = response.content.decode()
    assert response.context["subregion"].code == "PL923"
    assert "Drobin" in body and "Ewa Przykładowa" in body and "Prezeska" in body
    assert [row["event"].code for row in response.context["events"]] == ["registry.organisation.created"]
    assert response.context["memberships"][0]["active"]


def test_an_organisation_in_the_stakeholder_group_cannot_be_deleted(client, world):
    organisation = make_organisation(world.partner, name="Członek")
    services.add_membership(
        make_person(world.partner), actor=None, organisation=organisation, since=dt.date(2024, 1, 1)
    )
    client.force_login(world.staff)
    page = client.get(reverse("manage:organisation_delete", args=[organisation.pk]))
    assert page.context["memberships"] == 1
    response = client.post(reverse("manage:organisation_delete", args=[organisation.pk]), follow=True)
    assert Organisation.objects.filter(pk=organisation.pk).exists()
    assert "cannot be deleted" in response.content.decode()
    assert not AuditEvent.objects.filter(code="registry.organisation.deleted").exists()


def test_deleting_an_organisation_removes_it_and_is_audited(client, world):
    organisation = make_organisation(world.partner, name="Do usunięcia")
    client.force_login(world.coordinator)
    response = client.post(reverse("manage:organisation_delete", args=[organisation.pk]))
    assert response["Location"] == reverse(LIST)
    assert not Organisation.objects.filter(pk=organisation.pk).exists()
    assert AuditEvent.objects.filter(
        code="registry.organisation.deleted", object_repr="Do usunięcia"
    ).exists()


def test_a_status_is_added_with_its_purpose_and_ended(client, world):
    organisation = make_organisation(world.partner)
    client.force_login(world.staff)
    url = reverse("manage:organisation_status_add", args=[organisation.pk])
    response = client.post(
        url,
        {
            "kind": "social_enterprise",
            "granted_on": "2024-01-15",
            "purpose": "Reintegracja społeczna i zawodowa osób zagrożonych wykluczeniem",
        },
    )
    assert response.status_code == 302
    status = OrganisationStatus.objects.get(organisation=organisation)
    assert status.purpose.startswith("Reintegracja")
    end = reverse("manage:organisation_status_end", args=[organisation.pk, status.pk])
    assert client.post(end, {"until": "2023-12-31"}).context["form"].errors["until"]
    assert client.post(end, {"until": "2025-01-14"}).status_code == 302
    status.refresh_from_db()
    assert status.valid_until == dt.date(2025, 1, 14)
    codes = set(AuditEvent.objects.for_object(organisation).values_list("code", flat=True))
    assert {"registry.organisation.status_added", "registry.organisation.status_ended"} <= codes


def test_a_status_ending_before_it_was_granted_is_refused_under_the_field(client, world):
    organisation = make_organisation(world.partner)
    client.force_login(world.staff)
    response = client.post(
        reverse("manage:organisation_status_add", args=[organisation.pk]),
        {"kind": "public_benefit", "granted_on": "2024-01-15", "valid_until": "2023-01-01"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["valid_until"]
    assert not OrganisationStatus.objects.exists()


def test_a_status_of_another_organisation_cannot_be_reached_through_this_one(client, world):
    first, second = make_organisation(world.partner), make_organisation(world.partner)
    from secon.registry.records import editing

    status = editing.add_status(second, actor=None, kind="public_benefit", granted_on=dt.date(2024, 1, 1))
    client.force_login(world.staff)
    response = client.get(reverse("manage:organisation_status_end", args=[first.pk, status.pk]))
    assert response.status_code == 404
