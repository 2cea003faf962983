"""Country profiles: the shipped countries and schemes, the allow-listed checks, the admin's audit trail."""

from __future__ import annotations

import random

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from conftest import World
from secon.core.models import AuditEvent
from secon.countries.checks import CHECKS, get_check
from secon.countries.examples import example_number
from secon.countries.identifiers import clean_identifier
from secon.countries.models import Country, IdentifierScheme
from secon.registry.models import OrganisationType, StatusType

pytestmark = pytest.mark.django_db

PARTNER_COUNTRIES = {"GR", "DE", "BE", "RO", "PL", "PT", "LV", "ES", "BG"}


def scheme(code: str) -> IdentifierScheme:
    return IdentifierScheme.objects.select_related("country").get(code=code)


def test_every_partner_country_has_a_profile_with_identifiers_legal_forms_and_statuses() -> None:
    assert set(Country.objects.values_list("code", flat=True)) == PARTNER_COUNTRIES
    assert Country.objects.get(code="GR").nuts_code == "EL"
    for code in PARTNER_COUNTRIES:
        assert IdentifierScheme.objects.of_country(code).exists(), code
        forms = OrganisationType.objects.filter(country_id=code, is_social_economy=True)
        assert forms.count() >= 3, code
        assert all(form.source for form in forms), code
        assert StatusType.objects.filter(country_id=code).exists() or code == "PL" or code == "LV", code
    # Generic kinds belong to no country and are offered everywhere.
    assert OrganisationType.objects.for_country("ES").filter(code="business").exists()
    assert OrganisationType.objects.get(code="social-cooperative").country_id == "PL"


def test_every_schemes_check_is_on_the_allow_list_and_accepts_a_made_up_number() -> None:
    rng = random.Random(3)
    for row in IdentifierScheme.objects.select_related("country"):
        assert row.check_key in CHECKS
        number = example_number(row.check_key, rng)
        assert clean_identifier(row, number) == number


@pytest.mark.parametrize(
    ("code", "value", "message"),
    [
        ("nif", "B12345675", "The check digit of NIF B12345675 is wrong."),
        (
            "afm",
            "1234567890",
            "AFM – tax registration number (Greece) has 9 digits; “1234567890” has another length.",
        ),
        ("ondernemingsnummer", "0403019262", "The check digit of Ondernemingsnummer 0403019262 is wrong."),
        ("cui", "18547291", "The check digit of CUI 18547291 is wrong."),
        ("nipc", "501964842", "The check digit of NIPC 501964842 is wrong."),
        (
            "regnr",
            "4000352160",
            "Registration number (Latvia) has 11 digits; “4000352160” has another length.",
        ),
        ("eik", "1750747521", "has 9 digits"),
        ("ust_idnr", "DE13669597", "USt-IdNr. (Germany) has 9 digits"),
    ],
)
def test_a_bad_number_gets_a_message_naming_what_is_wrong(code: str, value: str, message: str) -> None:
    with translation.override("en"), pytest.raises(ValidationError) as error:
        clean_identifier(scheme(code), value)
    assert message in error.value.messages[0]


def test_numbers_are_stored_compact_and_shown_formatted() -> None:
    be = scheme("ondernemingsnummer")
    assert clean_identifier(be, "BE 0403.019.261") == "0403019261"
    assert scheme("nip").format("5252248481") == "525-224-84-81"
    assert clean_identifier(scheme("krs"), "12345") == "0000012345"


def test_a_key_not_on_the_allow_list_checks_nothing_and_imports_nothing() -> None:
    # A row edited to name a module is never imported: the key only selects among the checks in code.
    assert get_check("os.system") is CHECKS["free"]
    with pytest.raises(ValidationError):
        IdentifierScheme(
            country_id="PL", code="x", label="X", label_en="X", check_key="stdnum.pl.pesel"
        ).full_clean()


def test_a_scheme_code_may_not_be_the_name_of_an_organisation_field() -> None:
    with pytest.raises(ValidationError) as error:
        IdentifierScheme(country_id="PL", code="name", label="X", label_en="X", check_key="free").full_clean()
    assert "code" in error.value.message_dict


def test_the_admin_edits_a_scheme_and_the_edit_is_audited(client: Client, world: World) -> None:
    client.force_login(world.admin)
    nif = scheme("nif")
    url = reverse("admin:countries_identifierscheme_change", args=[nif.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "country": "ES",
            "code": "nif",
            "label": "NIF",
            "label_en": "Tax number (NIF)",
            "check_key": "es.nif",
            "order": nif.order,
        },
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(code="countries.identifier_scheme.updated")
    assert event.changes["label_en"] == "Tax number (NIF)" and event.changes["via"] == "admin"


def test_the_admin_adds_a_legal_form_of_a_country_and_the_addition_is_audited(
    client: Client, world: World
) -> None:
    client.force_login(world.admin)
    assert client.get(reverse("admin:registry_organisationtype_changelist")).status_code == 200
    response = client.post(
        reverse("admin:registry_organisationtype_add"),
        {
            "code": "es-nueva",
            "country": "ES",
            "name": "Nueva forma",
            "name_en": "New form",
            "is_social_economy": "on",
            "source": "common practice",
            "order": 500,
        },
    )
    assert response.status_code == 302
    assert OrganisationType.objects.for_country("ES").filter(code="es-nueva").exists()
    assert AuditEvent.objects.filter(code="registry.organisation_type.created").exists()
