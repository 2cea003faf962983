"""The Regional Stakeholder Group page: members, adding and ending memberships, composition at a date."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse

from secon.registry.models import RsgMembership
from secon.registry.records import services
from secon.tests.factories import make_organisation, make_person

pytestmark = pytest.mark.django_db

RSG = "manage:rsg"


@pytest.fixture(autouse=True)
def _english_interface(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def group(world):
    """Three members: a CIS and a foundation from 2023, a public office only through 2023."""
    cis = make_organisation(world.partner, name="CIS Zbijów", type_code="cis")
    foundation = make_organisation(world.partner, name="Fundacja", type_code="foundation")
    office = make_organisation(world.partner, name="Urząd", type_code="public-authority", helix="public")
    first = make_person(world.partner, full_name="Anna Przykładowa")
    second = make_person(world.partner, full_name="Beata Testowa")
    third = make_person(world.partner, full_name="Cezary Wzorcowy")
    services.add_membership(first, actor=None, organisation=cis, since=dt.date(2023, 4, 21))
    services.add_membership(second, actor=None, organisation=foundation, since=dt.date(2023, 4, 21))
    services.add_membership(
        third, actor=None, organisation=office, since=dt.date(2023, 4, 21), until=dt.date(2023, 12, 31)
    )
    return {"cis": cis, "foundation": foundation, "office": office, "people": [first, second, third]}


def counts(rows) -> dict[str, int]:
    return {str(row["label"]): row["count"] for row in rows}


def test_composition_at_a_date_is_counted_by_helix_category_and_by_type(client, world, group):
    client.force_login(world.staff)
    response = client.get(reverse(RSG), {"on": "2023-06-16"})
    assert response.context["composition"]["members"] == 3
    helix = counts(response.context["rows"]["helix"])
    assert helix == {"Public authority": 1, "Business": 0, "Research and education": 0, "Civil society": 2}
    types = counts(response.context["rows"]["types"])
    assert types == {"Social integration centre (CIS)": 1, "Foundation": 1, "Public authority": 1}
    body = response.content.decode()
    assert "Cezary Wzorcowy" in body and '<th scope="row">Civil society</th>' in body

    later = client.get(reverse(RSG), {"on": "2024-02-23"})
    assert counts(later.context["rows"]["helix"])["Public authority"] == 0
    assert [m.person.full_name for m in later.context["members"]] == ["Anna Przykładowa", "Beata Testowa"]

    before = client.get(reverse(RSG), {"on": "2023-01-01"})
    assert before.context["composition"]["members"] == 0 and not before.context["members"]


def test_without_a_date_the_page_shows_today_and_a_bad_date_is_reported(client, world, group):
    client.force_login(world.staff)
    response = client.get(reverse(RSG))
    assert response.context["is_today"] and response.context["composition"]["members"] == 2
    response = client.get(reverse(RSG), {"on": "2024-13-45"})
    assert response.status_code == 200
    assert response.context["date_form"].errors["on"] and response.context["is_today"]


def test_a_coordinator_adds_a_member_and_an_overlap_is_refused(client, world, group):
    newcomer = make_person(world.partner, full_name="Dorota Fikcyjna")
    client.force_login(world.coordinator)
    data = {"person": newcomer.pk, "organisation": group["cis"].pk, "role": "member", "since": "2024-02-23"}
    assert client.post(reverse("manage:rsg_member_add"), data).status_code == 302
    assert RsgMembership.objects.filter(person=newcomer, organisation=group["cis"]).exists()
    response = client.post(reverse("manage:rsg_member_add"), {**data, "since": "2024-03-01"})
    assert response.status_code == 200
    assert "already represents" in response.content.decode()
    assert RsgMembership.objects.filter(person=newcomer).count() == 1


def test_a_member_of_another_partner_cannot_be_added(client, world, group):
    stranger = make_person(world.other_partner)
    client.force_login(world.staff)
    data = {"person": stranger.pk, "organisation": group["cis"].pk, "role": "member", "since": "2024-02-23"}
    response = client.post(reverse("manage:rsg_member_add"), data)
    assert response.status_code == 200 and response.context["form"].errors["person"]
    assert not RsgMembership.objects.filter(person=stranger).exists()


def test_ending_a_membership_takes_the_last_day_and_refuses_one_before_it_started(client, world, group):
    membership = RsgMembership.objects.get(person=group["people"][0])
    client.force_login(world.staff)
    url = reverse("manage:rsg_member_end", args=[membership.pk])
    assert client.post(url, {"until": "2022-01-01"}).context["form"].errors["until"]
    assert client.post(url, {"until": "2025-01-30"}).status_code == 302
    membership.refresh_from_db()
    assert membership.until == dt.date(2025, 1, 30)


def test_the_lead_partner_looks_at_any_group_but_staff_only_at_their_own(client, world, group):
    client.force_login(world.lead)
    response = client.get(reverse(RSG), {"partner": world.partner.pk})
    assert response.context["partner"] == world.partner
    assert response.context["member_form"] is None  # reviews, does not edit
    client.force_login(world.other_staff)
    response = client.get(reverse(RSG), {"partner": world.partner.pk})
    assert response.context["partner"] == world.other_partner
    assert "Anna Przykładowa" not in response.content.decode()


def test_rsg_page_makes_as_many_queries_for_30_members_as_for_3(client, world, count_queries):
    organisation = make_organisation(world.partner)

    def add(count: int) -> None:
        for _n in range(count):
            services.add_membership(
                make_person(world.partner), actor=None, organisation=organisation, since=dt.date(2023, 4, 21)
            )

    client.force_login(world.staff)
    add(3)
    client.get(reverse(RSG))
    few = count_queries(lambda: client.get(reverse(RSG)))
    add(27)
    assert count_queries(lambda: client.get(reverse(RSG))) == few
