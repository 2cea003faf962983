import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from secon.core.models import AuditEvent
from secon.registry.models import Organisation, OrganisationType, Purpose
from secon.registry.records import services
from secon.tests.factories import make_organisation, make_partner, make_person

pytestmark = pytest.mark.django_db


def test_identifiers_are_normalised_and_checked(world):
    organisation = make_organisation(world.partner, nip="525-224-84-81", regon="146143870", krs="123456")
    assert organisation.identifier_values() == {
        "nip": "5252248481",
        "regon": "146143870",
        "krs": "0000123456",
    }


def test_every_bad_identifier_is_named(world, english):
    with pytest.raises(ValidationError) as error:
        make_organisation(world.partner, nip="5252248480", regon="12345", krs="12345678901")
    messages = error.value.message_dict
    assert set(messages) == {"nip", "regon", "krs"}
    assert "check digit" in messages["nip"][0]
    assert not Organisation.objects.exists()


def test_an_identifier_names_one_organisation_per_partner(world, english):
    make_organisation(world.partner, nip="5252248481")
    with pytest.raises(ValidationError) as error:
        make_organisation(world.partner, nip="5252248481")
    assert "already belongs" in error.value.message_dict["nip"][0]
    # Another partner's registry is separate, even in the same country.
    make_organisation(make_partner(world.project, slug="warmia", country="PL"), nip="5252248481")


def test_a_number_of_another_countrys_scheme_is_refused(world, english):
    with pytest.raises(ValidationError) as error:
        services.create_organisation(
            world.partner,
            actor=None,
            name="Cooperativa",
            type=OrganisationType.objects.get(code="social-cooperative"),
            helix="civil_society",
            identifiers={"nif": "B12345674"},
        )
    assert "not an identifier of organisations in Poland" in error.value.message_dict["nif"][0]
    assert not Organisation.objects.exists()


def test_a_legal_form_of_another_country_is_refused(world, english):
    with pytest.raises(ValidationError) as error:
        make_organisation(world.partner, type_code="es-cooperativa")
    assert "another country" in error.value.message_dict["type"][0]
    assert not Organisation.objects.exists()


def test_changing_numbers_is_audited_and_empty_removes_one(world):
    organisation = make_organisation(world.partner, nip="5252248481", regon="146143870")
    services.update_organisation(organisation, actor=None, identifiers={"nip": "", "krs": "12345"})
    assert organisation.identifier_values() == {"regon": "146143870", "krs": "0000012345"}
    event = AuditEvent.objects.filter(code="registry.organisation.updated").get()
    assert event.changes["identifiers"] == [
        ["NIP 5252248481", "REGON 146143870"],
        ["KRS 0000012345", "REGON 146143870"],
    ]


def test_search_ignores_diacritics_and_inflection(world):
    make_organisation(
        world.partner, name="Spółdzielnia Socjalna „Centrum Usług Środowiskowych”", city="Drobin"
    )
    make_organisation(world.partner, name="Centrum Integracji Społecznej w Zbijowie Małym")
    assert Organisation.objects.search("spoldzielni").count() == 1
    assert Organisation.objects.search("centrum").count() == 2
    assert Organisation.objects.search("integracja spoleczna").count() == 1
    assert Organisation.objects.search("drobin").count() == 1


def test_updating_an_organisation_records_what_changed(world):
    organisation = make_organisation(world.partner, name="Stara nazwa")
    services.update_organisation(organisation, actor=world.staff, name="Nowa nazwa")
    event = AuditEvent.objects.filter(code="registry.organisation.updated").get()
    assert event.changes == {"name": ["Stara nazwa", "Nowa nazwa"]}


def test_a_duplicate_email_is_refused_within_a_partner(world, english):
    make_person(world.partner, email="Anna@Example.org")
    with pytest.raises(ValidationError) as error:
        make_person(world.partner, email="anna@example.org")
    assert "already in the registry" in error.value.message_dict["email"][0]


def test_nobody_is_contacted_without_a_legal_basis_in_force(world):
    person = make_person(world.partner)
    assert not services.may_contact(person, Purpose.NEWSLETTER)
    services.record_consent(
        person, actor=None, purpose=Purpose.NEWSLETTER, legal_basis="consent", source="form"
    )
    assert services.may_contact(person, Purpose.NEWSLETTER)
    assert (
        services.withdraw_consent(person, actor=None, purpose=Purpose.NEWSLETTER, through="opt-out link") == 1
    )
    assert not services.may_contact(person, Purpose.NEWSLETTER)
    assert (
        services.withdraw_consent(person, actor=None, purpose=Purpose.NEWSLETTER, through="opt-out link") == 0
    )


def test_group_composition_on_a_date(world):
    cooperative = make_organisation(world.partner)
    office = make_organisation(
        world.partner, type=OrganisationType.objects.get(code="public-authority"), helix="public"
    )
    anna, jan = make_person(world.partner), make_person(world.partner)
    services.add_membership(anna, actor=None, organisation=cooperative, since=dt.date(2023, 4, 21))
    membership = services.add_membership(jan, actor=None, organisation=office, since=dt.date(2023, 4, 21))
    services.end_membership(membership, actor=None, until=dt.date(2024, 1, 31))
    early = services.composition_on(world.partner, dt.date(2023, 6, 16))
    late = services.composition_on(world.partner, dt.date(2024, 2, 23))
    assert early["members"] == 2 and early["by_helix"] == {"civil_society": 1, "public": 1}
    assert late["members"] == 1 and late["by_type"] == {"social-cooperative": 1}


def test_overlapping_membership_is_refused(world):
    organisation, person = make_organisation(world.partner), make_person(world.partner)
    services.add_membership(person, actor=None, organisation=organisation, since=dt.date(2023, 4, 21))
    with pytest.raises(ValidationError):
        services.add_membership(person, actor=None, organisation=organisation, since=dt.date(2024, 1, 1))
