"""OWES service areas: the services, the access gate, the Django admin and the demo."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse

from conftest import World
from secon.accounts.models import Role
from secon.core.access import get_object_for_user
from secon.core.models import AuditEvent
from secon.territory import demo
from secon.territory.access import get_service_area_for_user
from secon.territory.models import ServiceArea, TerritorialUnit
from secon.territory.services import create_service_area, delete_service_area, update_service_area
from secon.tests.factories import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]


def powiats(*codes: str) -> list[TerritorialUnit]:
    return list(TerritorialUnit.objects.filter(code__in=codes).order_by("code"))


def radom_area(world: World) -> ServiceArea:
    return create_service_area(
        world.partner,
        actor=world.coordinator,
        name="OWES – subregion radomski",
        powiats=powiats("1425", "1463"),
    )


def test_creating_a_service_area_saves_its_powiats_and_audits_it(world: World) -> None:
    area = radom_area(world)

    assert set(area.powiats.values_list("code", flat=True)) == {"1425", "1463"}
    event = AuditEvent.objects.get(code="territory.service_area.created")
    assert event.actor == world.coordinator
    assert event.partner == world.partner
    assert event.changes["powiats"] == ["1425", "1463"]


def test_a_service_area_is_made_of_powiats_only(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        create_service_area(world.partner, actor=world.coordinator, name="Zły obszar", powiats=powiats("14"))
    assert "powiats" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        create_service_area(world.partner, actor=world.coordinator, name="Pusty obszar", powiats=[])
    assert "powiats" in error.value.message_dict
    assert not ServiceArea.objects.exists()


def test_a_service_area_cannot_end_before_it_starts(world: World) -> None:
    with pytest.raises(ValidationError):
        create_service_area(
            world.partner,
            actor=world.coordinator,
            name="OWES",
            powiats=powiats("1425"),
            valid_from=dt.date(2026, 1, 1),
            valid_to=dt.date(2025, 1, 1),
        )
    assert not ServiceArea.objects.exists()


def test_updating_a_service_area_records_only_what_changed(world: World) -> None:
    area = radom_area(world)

    update_service_area(area, actor=world.staff, powiats=powiats("1425", "1463", "1430"))
    update_service_area(area, actor=world.staff, name=area.name)  # no change, no event

    events = AuditEvent.objects.filter(code="territory.service_area.updated")
    assert events.count() == 1
    assert events.get().changes == {"powiats": [["1425", "1463"], ["1425", "1430", "1463"]]}
    assert area.powiats.count() == 3


def test_deleting_a_service_area_keeps_its_powiats_in_the_audit_log(world: World) -> None:
    area = radom_area(world)
    delete_service_area(area, actor=world.coordinator)
    assert not ServiceArea.objects.exists()
    assert AuditEvent.objects.get(code="territory.service_area.deleted").changes["powiats"] == [
        "1425",
        "1463",
    ]


def test_service_areas_are_found_by_the_unit_they_cover_and_by_date(world: World) -> None:
    area = radom_area(world)
    area.valid_from = dt.date(2024, 1, 1)
    area.save()
    radom = TerritorialUnit.objects.get(code="1463")
    assert list(ServiceArea.objects.covering(radom)) == [area]
    assert not ServiceArea.objects.covering(TerritorialUnit.objects.get(code="1465")).exists()
    assert list(ServiceArea.objects.valid_on(dt.date(2025, 6, 1))) == [area]
    assert not ServiceArea.objects.valid_on(dt.date(2023, 6, 1)).exists()


@pytest.mark.parametrize(
    ("persona", "read", "write"),
    [
        ("staff", "ok", "ok"),
        ("coordinator", "ok", "ok"),
        ("lead", "ok", 403),
        ("admin", "ok", "ok"),
        ("other_staff", 404, 404),
        ("stakeholder", 404, 404),
    ],
)
def test_the_access_gate_applies_the_partner_rule_to_service_areas(
    world: World, persona: str, read: Any, write: Any
) -> None:
    area = radom_area(world)
    user = world.personas()[persona]
    assert user is not None

    for write_flag, expected in ((False, read), (True, write)):
        if expected == "ok":
            assert get_service_area_for_user(user, area.pk, write=write_flag) == area
        elif expected == 404:
            with pytest.raises(Http404):
                get_service_area_for_user(user, area.pk, write=write_flag)
        else:
            with pytest.raises(PermissionDenied):
                get_service_area_for_user(user, area.pk, write=write_flag)


def test_the_record_history_gate_knows_service_areas(world: World) -> None:
    area = radom_area(world)
    assert get_object_for_user("territory.servicearea", world.staff, area.pk) == area
    with pytest.raises(Http404):
        get_service_area_for_user(world.staff, 999999)


def test_the_platform_admin_edits_service_areas_in_the_django_admin(world: World, client: Client) -> None:
    admin_user = make_user(Role.ADMIN, is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    area = radom_area(world)

    assert client.get(reverse("admin:territory_servicearea_changelist")).status_code == 200
    assert (
        client.get(reverse("admin:territory_territorialunit_changelist") + "?q=ostroleka").status_code == 200
    )
    assert client.get(reverse("admin:territory_nutsregion_changelist")).status_code == 200
    response = client.post(
        reverse("admin:territory_servicearea_change", args=[area.pk]),
        {
            "partner": world.partner.pk,
            "name": area.name,
            "description": "",
            "powiats": [unit.pk for unit in powiats("1425", "1430")],
            "valid_from": "",
            "valid_to": "",
        },
    )
    assert response.status_code == 302
    assert set(area.powiats.values_list("code", flat=True)) == {"1425", "1430"}
    event = AuditEvent.objects.filter(code="territory.service_area.updated").get()
    assert event.actor == admin_user
    assert event.changes["powiats"] == ["1425", "1430"]


def test_the_admin_refuses_a_service_area_without_powiats(world: World, client: Client) -> None:
    client.force_login(make_user(Role.ADMIN, is_staff=True, is_superuser=True))
    response = client.post(
        reverse("admin:territory_servicearea_add"),
        {"partner": world.partner.pk, "name": "Pusty", "description": "", "powiats": []},
    )
    assert response.status_code == 200
    assert "powiats" in response.context["adminform"].form.errors
    assert not ServiceArea.objects.exists()


def test_the_demo_gives_mazovia_service_areas_by_subregion_and_is_idempotent(world: World) -> None:
    demo.load(io.StringIO())
    demo.load(io.StringIO())

    areas = {area.name: area for area in ServiceArea.objects.filter(partner=world.partner)}
    assert len(areas) == len(demo.AREAS)
    assert set(areas["OWES – subregion radomski"].powiats.values_list("code", flat=True)) == {
        "1401",
        "1407",
        "1409",
        "1423",
        "1425",
        "1430",
        "1436",
        "1463",
    }
    # Together the areas cover every powiat of Mazowieckie exactly once.
    covered = [code for area in areas.values() for code in area.powiats.values_list("code", flat=True)]
    assert len(covered) == len(set(covered)) == 42
