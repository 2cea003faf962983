"""The registry demo: the stakeholders the seed article names, generated people with consents; idempotent."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from secon.core.models import AuditEvent
from secon.countries.identifiers import clean_identifier
from secon.projects.models import Partner
from secon.registry.models import ConsentRecord, Organisation, Person, RsgMembership
from secon.registry.records.services import composition_on, may_contact

pytestmark = pytest.mark.django_db


def test_demo_holds_the_organisations_and_people_the_seed_names(demo):
    mazovia = Organisation.objects.filter(partner__slug="mazovia")
    drobin = mazovia.get(short_name="CUS Drobin")
    assert drobin.type.code == "social-cooperative" and drobin.city == "Drobin"
    assert drobin.territory is not None and drobin.territory.code.startswith("1419")  # powiat płocki
    cis = mazovia.get(short_name="CIS Zbijów Mały")
    assert cis.type.code == "cis" and cis.territory is not None
    assert cis.territory.code.startswith("1430")  # powiat szydłowiecki, gmina Mirów
    assert mazovia.get(short_name="MCPS").type.code == "rops"
    assert mazovia.filter(
        name__startswith="Departament Rozwoju Regionalnego i Funduszy Europejskich"
    ).exists()
    assert mazovia.filter(type__code="owes").count() >= 3
    assert mazovia.filter(type__code="public-authority", name__startswith="Gmina").count() >= 2
    # The demo invents no identifiers for real organisations.
    for organisation in (drobin, cis, mazovia.get(short_name="MCPS")):
        assert organisation.identifier_values() == {}
    people = {p.full_name: p for p in Person.objects.filter(partner__slug="mazovia")}
    assert {"Aleksandra Szwed", "Aleksandra Pęcherzewska", "Anita Dygas", "Krzysztof Pilecki"} <= set(people)
    assert people["Anita Dygas"].affiliations.get().organisation == cis


def test_generated_organisations_have_valid_made_up_identifiers_and_statuses(demo):
    generated = Organisation.objects.filter(partner__slug="mazovia", identifiers__scheme__code="nip")
    assert generated.count() >= 5
    for organisation in generated:
        for identifier in organisation.identifiers.select_related("scheme__country"):
            assert clean_identifier(identifier.scheme, identifier.value) == identifier.value
    cooperative = Organisation.objects.get(name="Spółdzielnia Socjalna „Przykładowa Kuchnia”")
    status = cooperative.statuses.get()
    assert status.kind_id == "social_enterprise" and status.purpose


def test_every_other_partner_gets_organisations_of_its_own_country(demo):
    for partner in Partner.objects.exclude(country="PL"):
        organisations = list(Organisation.objects.filter(partner=partner).select_related("type"))
        assert len(organisations) >= 3, partner.slug
        for organisation in organisations:
            # A national legal form, and every number of the country's schemes, valid.
            assert organisation.type.country_id == partner.country
            numbers = list(organisation.identifiers.select_related("scheme__country"))
            assert {n.scheme.country_id for n in numbers} == {partner.country}
            for number in numbers:
                assert clean_identifier(number.scheme, number.value) == number.value
    spanish = Organisation.objects.filter(partner__country="ES", type__code="es-empresa-insercion").get()
    assert spanish.statuses.get().kind_id == "es-registro-insercion"


def test_demo_people_have_consents_and_the_group_has_a_mixed_composition(demo):
    people = Person.objects.filter(partner__slug="mazovia")
    assert people.count() >= 15
    assert (
        ConsentRecord.objects.filter(person__in=people, legal_basis="consent")
        .exclude(text_version="")
        .exists()
    )
    assert ConsentRecord.objects.filter(person__in=people, withdrawn_at__isnull=False).exists()
    chair = people.get(full_name="Aleksandra Szwed")
    assert may_contact(chair, "rsg_communication")
    mazovia = chair.partner
    first = RsgMembership.objects.filter(partner=mazovia).order_by("since").first()
    assert first is not None
    composition = composition_on(mazovia, first.since)
    assert composition["members"] >= 8
    assert {"public", "civil_society", "academia"} <= set(composition["by_helix"])
    assert RsgMembership.objects.filter(partner=mazovia, until__isnull=False).exists()


def test_loading_the_demo_twice_changes_nothing(demo):
    before = (
        Organisation.objects.count(),
        Person.objects.count(),
        ConsentRecord.objects.count(),
        RsgMembership.objects.count(),
        AuditEvent.objects.filter(code__startswith="registry.").count(),
    )
    call_command("seed_demo", stdout=io.StringIO())
    after = (
        Organisation.objects.count(),
        Person.objects.count(),
        ConsentRecord.objects.count(),
        RsgMembership.objects.count(),
        AuditEvent.objects.filter(code__startswith="registry.").count(),
    )
    assert after == before
