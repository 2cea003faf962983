"""Each partner's staff see and type organisations in their country's terms; the Lead Partner sees each
record in its own country's terms; a number of another country is refused saying whose it is."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from secon.countries.models import IdentifierScheme
from secon.registry.models import Organisation, OrganisationType
from secon.tests.factories import make_organisation

pytestmark = pytest.mark.django_db

CREATE = "manage:organisation_create"
NIF = "B12345674"  # a valid Spanish NIF (made up)
NIP = "5252248481"  # a valid Polish NIP (made up)


@pytest.fixture(autouse=True)
def _english_interface(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def _type(code: str) -> int:
    return OrganisationType.objects.get(code=code).pk


def spanish_form(client, world, **data):
    client.force_login(world.other_staff)
    values = {"name": "Cooperativa Ejemplo", "type": _type("es-cooperativa"), "helix": "civil_society"}
    return client.post(reverse(CREATE), {**values, **data})


def polish_form(client, world, **data):
    client.force_login(world.staff)
    values = {"name": "Spółdzielnia", "type": _type("social-cooperative"), "helix": "civil_society"}
    return client.post(reverse(CREATE), {**values, **data})


def test_spanish_staff_are_asked_for_a_nif_and_offered_spanish_legal_forms_none_chosen(client, world):
    client.force_login(world.other_staff)
    form = client.get(reverse(CREATE)).context["form"]
    assert [name for name in form.fields if name in {"nif", "nip", "krs", "regon"}] == ["nif"]
    assert form.fields["nif"].label == "NIF – tax identification number"
    codes = {t.code for t in form.fields["type"].queryset}
    assert {"es-cooperativa", "es-empresa-insercion", "es-centro-especial-empleo", "business"} <= codes
    assert not codes & {"social-cooperative", "wtz", "kgw", "de-eg"}
    # No legal form is preselected: the first option is the empty one, and the form needs a choice.
    page = client.get(reverse(CREATE)).content.decode()
    select = page[page.index('name="type"') :]
    assert '<option value="" selected>' in select[: select.index("</select>")]
    response = client.post(reverse(CREATE), {"name": "Sin forma", "helix": "civil_society"})
    assert "type" in response.context["form"].errors


def test_polish_staff_are_offered_no_preselected_legal_form_either(client, world):
    client.force_login(world.staff)
    response = client.get(reverse(CREATE))
    form = response.context["form"]
    assert {"krs", "nip", "regon"} <= set(form.fields) and "nif" not in form.fields
    page = response.content.decode()
    select = page[page.index('name="type"') :]
    assert '<option value="" selected>' in select[: select.index("</select>")]
    assert "selected>Spółdzielnia socjalna" not in page


def test_a_spanish_organisation_is_saved_with_its_nif_stored_compact(client, world):
    response = spanish_form(client, world, nif="b-1234567-4", postal_code="06800")
    assert response.status_code == 302
    organisation = Organisation.objects.get(partner=world.other_partner)
    assert organisation.identifier_values() == {"nif": NIF}


def test_a_polish_nip_in_the_spanish_form_is_refused_saying_whose_it_is_and_nothing_is_saved(client, world):
    response = spanish_form(client, world, nif=NIP)
    assert response.status_code == 200
    message = response.context["form"].errors["nif"][0]
    assert "NIF (Spain) has 9 characters" in message
    assert "It is a valid NIP (Poland), but this organisation belongs to a partner in Spain." in message
    assert not Organisation.objects.exists()


def test_a_spanish_nif_in_the_polish_form_is_refused_saying_whose_it_is_and_nothing_is_saved(client, world):
    response = polish_form(client, world, nip=NIF)
    assert response.status_code == 200
    message = response.context["form"].errors["nip"][0]
    assert "It is a valid NIF (Spain), but this organisation belongs to a partner in Poland." in message
    assert not Organisation.objects.exists()


def test_a_wrong_check_digit_and_a_wrong_length_are_named_as_such(client, world):
    errors = spanish_form(client, world, nif="B12345675").context["form"].errors
    assert errors["nif"] == ["The check digit of NIF B12345675 is wrong."]
    errors = spanish_form(client, world, nif="B1234567").context["form"].errors
    assert errors["nif"] == ["NIF (Spain) has 9 characters; “B1234567” has another length."]
    assert not Organisation.objects.exists()


def test_a_nif_already_in_the_partners_registry_is_refused_under_its_field(client, world):
    make_organisation(world.other_partner, name="Primera", nif=NIF)
    response = spanish_form(client, world, nif=NIF)
    assert response.status_code == 200
    assert "Primera" in response.context["form"].errors["nif"][0]
    assert Organisation.objects.count() == 1


def test_a_field_of_another_countrys_scheme_posted_anyway_is_not_saved(client, world):
    # The Spanish form has no NIP field: a forged one is ignored by the form, never stored.
    response = spanish_form(client, world, nif=NIF, nip=NIP)
    assert response.status_code == 302
    assert Organisation.objects.get().identifier_values() == {"nif": NIF}


def test_a_legal_form_of_another_country_is_refused(client, world):
    response = spanish_form(client, world, type=_type("social-cooperative"))
    assert response.status_code == 200
    assert "type" in response.context["form"].errors
    assert not Organisation.objects.exists()


def test_a_postal_code_is_checked_in_the_organisations_country(client, world):
    errors = spanish_form(client, world, postal_code="06-800").context["form"].errors
    assert errors["postal_code"] == ["A postal code in Spain looks like 06800 (got “06-800”)."]
    assert polish_form(client, world, postal_code="09-210").status_code == 302


def test_the_lead_partner_sees_each_record_in_its_own_countrys_terms(client, world):
    spanish = make_organisation(world.other_partner, name="Cooperativa", nif=NIF, type_code="es-cooperativa")
    polish = make_organisation(world.partner, name="Spółdzielnia", nip=NIP)
    client.force_login(world.lead)
    page = client.get(reverse("manage:organisation_detail", args=[spanish.pk])).content.decode()
    assert "NIF – tax identification number" in page and "B12345674" in page
    assert "Cooperative" in page and "REGON" not in page
    page = client.get(reverse("manage:organisation_detail", args=[polish.pk])).content.decode()
    assert "NIP – tax identification number" in page and "525-224-84-81" in page and "NIF" not in page


def test_on_polish_pages_another_countrys_label_comes_with_the_english_one(client, world):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    client.force_login(world.other_staff)
    form = client.get(reverse(CREATE)).context["form"]
    assert form.fields["nif"].label == "NIF – tax identification number"
    with translation.override("pl"):
        assert IdentifierScheme.objects.get(code="afm").display_label == "ΑΦΜ (AFM – tax registration number)"
        assert str(OrganisationType.objects.get(code="es-cooperativa")) == "Cooperativa (Cooperative)"
        assert str(OrganisationType.objects.get(code="foundation")) == "Fundacja"
    client.force_login(world.staff)
    assert client.get(reverse(CREATE)).context["form"].fields["nip"].label == "NIP"


def test_a_status_of_another_country_is_not_offered_nor_accepted(client, world):
    organisation = make_organisation(world.other_partner, name="Inserción", type_code="es-empresa-insercion")
    client.force_login(world.other_staff)
    url = reverse("manage:organisation_status_add", args=[organisation.pk])
    codes = {s.code for s in client.get(url).context["form"].fields["kind"].queryset}
    assert "es-registro-insercion" in codes and "social_enterprise" not in codes
    response = client.post(url, {"kind": "social_enterprise", "granted_on": "2024-01-10"})
    assert response.status_code == 200 and "kind" in response.context["form"].errors
    assert not organisation.statuses.exists()
    response = client.post(url, {"kind": "es-registro-insercion", "granted_on": "2024-01-10"})
    assert response.status_code == 302
    assert (
        organisation.statuses.get().kind.display_name
        == "Entered in the register of work-integration enterprises"
    )
    # The history names the status, not its code.
    world.other_staff.role = "coordinator"
    world.other_staff.save()
    history = reverse("manage:record_history", args=["registry.organisation", organisation.pk])
    page = client.get(history).content.decode()
    assert "Entered in the register of work-integration enterprises" in page and "es-registro" not in page


def test_the_type_filter_offers_the_staffs_countrys_legal_forms(client, world):
    client.force_login(world.other_staff)
    form = client.get(reverse("manage:organisation_list")).context["form"]
    codes = {t.code for t in form.fields["type"].queryset}
    assert "es-cooperativa" in codes and "social-cooperative" not in codes


def test_the_lead_partners_export_has_a_column_per_scheme_of_each_country_in_the_list(client, world):
    make_organisation(world.other_partner, name="Cooperativa", nif=NIF)
    make_organisation(world.partner, name="Spółdzielnia", nip=NIP)
    client.force_login(world.lead)
    response = client.get(reverse("manage:export_list", args=["organisations", "csv"]))
    lines = response.content.decode("utf-8-sig").splitlines()
    header = lines[0].split(";") if ";" in lines[0] else lines[0].split(",")
    assert "NIF – tax identification number" in header and "NIP – tax identification number" in header
    text = "\n".join(lines)
    assert NIF in text and "525-224-84-81" in text


def test_the_list_filters_by_a_status_of_the_staffs_country_in_force(client, world):
    from secon.registry.records import editing

    holder = make_organisation(world.other_partner, name="Con registro", type_code="es-empresa-insercion")
    make_organisation(world.other_partner, name="Sin registro", type_code="es-empresa-insercion")
    editing.add_status(holder, actor=None, kind="es-registro-insercion", granted_on=dt.date(2024, 1, 10))
    client.force_login(world.other_staff)
    response = client.get(reverse("manage:organisation_list"), {"status": "es-registro-insercion"})
    assert [o.name for o in response.context["page"].object_list] == ["Con registro"]
    codes = {s.code for s in response.context["form"].fields["status"].queryset}
    assert "es-registro-insercion" in codes and "social_enterprise" not in codes


def test_the_administrator_opens_the_form_for_a_partner_and_gets_its_countrys_fields(client, world):
    client.force_login(world.admin)
    plain = client.get(reverse(CREATE)).context["form"]
    assert "nif" not in plain.fields and "nip" not in plain.fields
    form = client.get(reverse(CREATE), {"partner": world.other_partner.pk}).context["form"]
    assert "nif" in form.fields
    assert client.get(reverse(CREATE), {"partner": "x"}).status_code == 200
