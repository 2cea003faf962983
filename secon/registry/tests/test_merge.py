"""Merging duplicates: references move to the kept record, counts stay right, only coordinators merge."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World
from secon.core.models import AuditEvent
from secon.registry.models import (
    Affiliation,
    ConsentRecord,
    Organisation,
    OrganisationStatus,
    Person,
    PersonRoleAssignment,
    RsgMembership,
    Theme,
)
from secon.registry.records import services
from secon.tests.factories import make_organisation, make_person

pytestmark = pytest.mark.django_db


def test_merging_organisations_moves_every_reference_and_keeps_counts(client: Client, world: World) -> None:
    kept = make_organisation(world.partner, name="Spółdzielnia Razem", city="Drobin")
    gone = make_organisation(world.partner, name="SPÓŁDZIELNIA RAZEM", city="Drobin", nip="5252248481")
    theme = Theme.objects.first()
    assert theme is not None
    gone.themes.add(theme)
    anna, jan = make_person(world.partner), make_person(world.partner)
    services.set_affiliation(anna, actor=None, organisation=kept, position="prezes")
    services.set_affiliation(anna, actor=None, organisation=gone, position="członek")  # the same link twice
    services.set_affiliation(jan, actor=None, organisation=gone)
    services.add_membership(jan, actor=None, organisation=gone, since=dt.date(2024, 2, 23))
    OrganisationStatus.objects.create(
        organisation=gone, kind_id="social_enterprise", granted_on=dt.date(2023, 1, 1)
    )
    people_before = Person.objects.count()

    client.force_login(world.coordinator)
    url = reverse("manage:merge_compare", args=["organisations", kept.pk, gone.pk])
    page = client.get(url)
    assert page.status_code == 200 and "525-224-84-81" in page.content.decode()  # shown formatted
    response = client.post(url, {"nip": "other", "name": "survivor"})
    assert response.status_code == 302

    assert not Organisation.objects.filter(pk=gone.pk).exists()
    kept.refresh_from_db()
    assert (kept.name, kept.identifier_values()) == ("Spółdzielnia Razem", {"nip": "5252248481"})
    assert set(Affiliation.objects.filter(organisation=kept).values_list("person", flat=True)) == {
        anna.pk,
        jan.pk,
    }
    assert Affiliation.objects.get(person=anna).position == "prezes"
    assert RsgMembership.objects.get().organisation == kept
    assert OrganisationStatus.objects.get().organisation == kept
    assert list(kept.themes.all()) == [theme]
    assert Person.objects.count() == people_before
    event = AuditEvent.objects.get(code="registry.organisation.merged")
    assert event.changes["survivor_id"] == kept.pk and event.changes["merged_id"] == gone.pk


def test_merging_people_moves_consents_roles_and_memberships(world: World) -> None:
    from secon.registry.records.merge import merge_people

    organisation = make_organisation(world.partner)
    kept = make_person(world.partner, full_name="Anna Nowak", email="")
    gone = make_person(world.partner, full_name="Anna Nowak", email="anna@example.org", phone="600")
    services.record_consent(gone, actor=None, purpose="newsletter", legal_basis="consent", source="form")
    PersonRoleAssignment.objects.create(person=kept, role="speaker")
    PersonRoleAssignment.objects.create(person=gone, role="speaker")
    services.add_membership(gone, actor=None, organisation=organisation, since=dt.date(2024, 1, 1))
    merged = merge_people(
        kept, actor=world.coordinator, other=gone, choices={"email": "other", "phone": "other"}
    )
    assert (merged.email, merged.phone) == ("anna@example.org", "600")
    assert ConsentRecord.objects.get().person == merged
    assert list(PersonRoleAssignment.objects.values_list("person", "role")) == [(merged.pk, "speaker")]
    assert RsgMembership.objects.get().person == merged
    assert services.may_contact(merged, "newsletter")


def test_staff_and_other_partners_cannot_merge(client: Client, world: World) -> None:
    first = make_organisation(world.partner, name="A")
    second = make_organisation(world.partner, name="A")
    url = reverse("manage:merge_compare", args=["organisations", first.pk, second.pk])
    for user, status in ((world.staff, 403), (world.lead, 403)):
        client.force_login(user)
        assert client.post(url).status_code == status
    other = make_organisation(world.other_partner, name="A")
    client.force_login(world.coordinator)
    assert (
        client.get(reverse("manage:merge_compare", args=["organisations", first.pk, other.pk])).status_code
        == 404
    )
    assert Organisation.objects.count() == 3


def test_the_duplicates_page_lists_same_name_organisations_of_the_coordinators_partner(
    client: Client, world: World
) -> None:
    make_organisation(world.partner, name="Fundacja „Razem”", city="Radom")
    make_organisation(world.partner, name="fundacja razem", city="Radom")
    make_organisation(world.other_partner, name="Fundacja Razem", city="Radom")
    client.force_login(world.coordinator)
    response = client.get(reverse("manage:merge_candidates", args=["organisations"]))
    assert response.status_code == 200
    assert (
        response.content.decode().count("Compare and merge") + response.content.decode().count("Porównaj")
        >= 1
    )
    assert len(response.context["groups"]) == 1
