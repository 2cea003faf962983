"""The audit log: services write who/what/which/changes, secrets never reach it, coordinators read it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from conftest import World
from secon.accounts.models import Role
from secon.core.audit import MASK, diff_fields, mask_secrets, record_event
from secon.core.models import AuditEvent
from secon.projects import services
from secon.projects.models import WorkItem
from secon.tests.factories import make_user, make_work_item

pytestmark = pytest.mark.django_db


def history_url(obj: WorkItem) -> str:
    return reverse("manage:record_history", kwargs={"model_label": "projects.workitem", "pk": obj.pk})


def test_creating_a_work_item_records_actor_code_object_and_values(world: World) -> None:
    item = services.create_work_item(
        world.partner,
        actor=world.staff,
        semester=3,
        title="Mapa interesariuszy",
        due_date=dt.date(2024, 8, 31),
    )
    event = AuditEvent.objects.for_object(item).get()
    assert event.code == "projects.work_item.created"
    assert event.actor == world.staff
    assert event.partner == world.partner
    assert event.object_repr == str(item)
    assert event.changes["title"] == "Mapa interesariuszy"
    assert event.changes["due_date"] == "2024-08-31"
    assert event.at is not None


def test_updating_a_work_item_records_only_what_changed_as_old_and_new(world: World) -> None:
    item = make_work_item(world.partner, title="Stary tytuł")
    services.update_work_item(item, actor=world.coordinator, title="Nowy tytuł", semester=item.semester)
    event = AuditEvent.objects.for_object(item).get()
    assert event.code == "projects.work_item.updated"
    assert event.actor == world.coordinator
    assert event.changes == {"title": ["Stary tytuł", "Nowy tytuł"]}


def test_saving_without_changes_records_nothing(world: World) -> None:
    item = make_work_item(world.partner, title="Bez zmian")
    services.update_work_item(item, actor=world.staff, title="Bez zmian")
    assert not AuditEvent.objects.for_object(item).exists()


def test_deleting_a_work_item_keeps_its_last_values_in_the_log(world: World) -> None:
    item = make_work_item(world.partner, title="Do usunięcia")
    pk = item.pk
    services.delete_work_item(item, actor=world.staff)
    event = AuditEvent.objects.get(code="projects.work_item.deleted")
    assert event.object_id == str(pk)
    assert event.changes["title"] == "Do usunięcia"
    assert event.actor == world.staff


def test_a_failed_service_call_leaves_no_audit_event(world: World) -> None:
    item = make_work_item(world.partner)
    with pytest.raises(ValidationError):
        services.update_work_item(item, actor=world.staff, owner=world.other_staff)
    assert not AuditEvent.objects.exists()


def test_secrets_are_masked_whatever_the_field_is_called() -> None:
    masked = mask_secrets(
        {"password": "hunter2", "totp_secret": "JBSW", "api_key": "k", "reset_token": "t", "title": "ok"}
    )
    assert masked == {
        "password": MASK,
        "totp_secret": MASK,
        "api_key": MASK,
        "reset_token": MASK,
        "title": "ok",
    }


def test_record_event_masks_secrets_before_storing(world: World) -> None:
    event = record_event(
        "projects.partner.updated", actor=world.admin, obj=world.partner, changes={"password": "x"}
    )
    event.refresh_from_db()
    assert event.changes == {"password": MASK}
    assert "x" not in str(event.changes.values())


def test_diff_lists_old_and_new_values_of_changed_fields_only() -> None:
    assert diff_fields({"a": 1, "b": 2}, {"a": 1, "b": 3}) == {"b": [2, 3]}


def test_an_anonymous_actor_is_recorded_as_the_system(world: World) -> None:
    from django.contrib.auth.models import AnonymousUser

    event = record_event(
        "projects.work_item.created", actor=AnonymousUser(), obj=make_work_item(world.partner)
    )
    assert event.actor is None


# ---- the record-history page ----------------------------------------------------------------------


def test_coordinator_reads_the_history_of_a_record_of_their_partner(client: Client, world: World) -> None:
    item = services.create_work_item(
        world.partner, actor=world.staff, semester=3, title="Spotkanie RSG", due_date=dt.date(2024, 8, 31)
    )
    services.update_work_item(item, actor=world.staff, title="Spotkanie RSG nr 1")
    client.force_login(world.coordinator)
    response = client.get(history_url(item))
    assert response.status_code == 200
    body = response.content.decode()
    assert "projects.work_item.created" in body
    assert "projects.work_item.updated" in body
    assert "Spotkanie RSG nr 1" in body
    assert str(world.staff) in body
    assert [e.code for e in response.context["page"].object_list] == [
        "projects.work_item.updated",
        "projects.work_item.created",
    ]


def test_lead_partner_reads_the_history_of_any_partners_record(client: Client, world: World) -> None:
    item = make_work_item(world.other_partner)
    record_event(
        "projects.work_item.updated", actor=world.other_staff, obj=item, changes={"title": ["a", "b"]}
    )
    client.force_login(world.lead)
    assert client.get(history_url(item)).status_code == 200


def test_coordinator_of_another_partner_gets_404(client: Client, world: World) -> None:
    other_coordinator = make_user(Role.COORDINATOR, partner=world.other_partner)
    item = make_work_item(world.partner)
    client.force_login(other_coordinator)
    assert client.get(history_url(item)).status_code == 404


def test_partner_staff_may_not_read_history(client: Client, world: World) -> None:
    item = make_work_item(world.partner)
    client.force_login(world.staff)
    assert client.get(history_url(item)).status_code == 403


def test_history_of_an_unknown_kind_of_record_is_404(client: Client, world: World) -> None:
    client.force_login(world.admin)
    url = reverse("manage:record_history", kwargs={"model_label": "auth.permission", "pk": "1"})
    assert client.get(url).status_code == 404


def test_history_of_a_missing_record_is_404(client: Client, world: World) -> None:
    client.force_login(world.admin)
    url = reverse("manage:record_history", kwargs={"model_label": "projects.workitem", "pk": "999999"})
    assert client.get(url).status_code == 404


def test_history_page_makes_a_constant_number_of_queries(
    client: Client, world: World, django_assert_max_num_queries: object
) -> None:
    item = make_work_item(world.partner)
    for n in range(30):
        record_event("projects.work_item.updated", actor=world.staff, obj=item, changes={"n": [n, n + 1]})
    client.force_login(world.coordinator)
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        assert client.get(history_url(item)).status_code == 200


def test_bulk_events_are_written_one_per_record_with_the_same_rules(
    world: World, django_assert_max_num_queries: object
) -> None:
    from secon.core.audit import UnknownAuditAction, record_events

    items = [make_work_item(world.partner, title=f"Zadanie {n}") for n in range(30)]
    with django_assert_max_num_queries(2):  # type: ignore[operator]
        written = record_events(
            "projects.work_item.updated",
            actor=world.staff,
            objects=items,
            changes=lambda item: {"title": item.title, "api_key": "k"},
        )
    assert written == 30
    event = AuditEvent.objects.for_object(items[7]).get()
    assert event.changes == {"title": "Zadanie 7", "api_key": MASK}
    assert event.actor == world.staff and event.partner == world.partner
    with pytest.raises(UnknownAuditAction):
        record_events("projects.work_item.touched", actor=None, objects=items, changes=lambda item: {})
    assert AuditEvent.objects.count() == 30
