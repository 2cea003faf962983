import datetime as dt

import pytest
from django.urls import reverse

from secon.core.models import AuditEvent
from secon.projects.models import WorkItem, WorkItemStatus
from secon.tests.factories import make_work_item

pytestmark = pytest.mark.django_db


def test_dashboard_shows_the_current_semester_and_late_items(client, world, time_machine_today):
    time_machine_today(dt.date(2024, 6, 10))
    make_work_item(world.partner, title="Badanie potrzeb", semester=3, due_date=dt.date(2024, 6, 20))
    make_work_item(world.partner, title="Spis interesariuszy", semester=3, due_date=dt.date(2024, 5, 1))
    make_work_item(world.other_partner, title="Otra tarea", semester=3, due_date=dt.date(2024, 6, 20))
    client.force_login(world.staff)
    response = client.get(reverse("manage:dashboard"))
    assert response.status_code == 200
    body = response.content.decode()
    assert response.context["current"].number == 3
    assert response.context["days_left"] == 82
    assert [i.title for i in response.context["late_items"]] == ["Spis interesariuszy"]
    assert "Badanie potrzeb" in body
    assert "Otra tarea" not in body
    assert any(d.label == "Badanie potrzeb" for d in response.context["deadlines"])


def test_lead_partner_can_open_any_partners_dashboard(client, world):
    make_work_item(world.other_partner, title="Otra tarea", semester=3)
    client.force_login(world.lead)
    response = client.get(reverse("manage:dashboard"), {"partner": world.other_partner.pk})
    assert response.context["partner"] == world.other_partner


def test_partner_staff_cannot_pick_another_partners_dashboard(client, world):
    client.force_login(world.staff)
    response = client.get(reverse("manage:dashboard"), {"partner": world.other_partner.pk})
    assert response.context["partner"] == world.partner


def test_workplan_list_is_scoped_filtered_and_sorted(client, world):
    make_work_item(world.partner, title="B later", due_date=dt.date(2024, 8, 1))
    make_work_item(world.partner, title="A earlier", due_date=dt.date(2024, 4, 1), status=WorkItemStatus.DONE)
    make_work_item(world.other_partner, title="Hidden")
    client.force_login(world.staff)
    response = client.get(reverse("manage:workplan"))
    titles = [i.title for i in response.context["page"].object_list]
    assert titles == ["A earlier", "B later"]
    response = client.get(reverse("manage:workplan"), {"status": "done", "sort": "-due"})
    assert [i.title for i in response.context["page"].object_list] == ["A earlier"]
    response = client.get(reverse("manage:workplan"), {"status": "late"})
    assert [i.title for i in response.context["page"].object_list] == ["B later"]


def test_workplan_list_answers_htmx_with_the_results_only(client, world):
    make_work_item(world.partner, title="Zadanie")
    client.force_login(world.staff)
    response = client.get(reverse("manage:workplan"), headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "Zadanie" in body and "<html" not in body


def test_workplan_list_makes_a_constant_number_of_queries(client, world, count_queries):
    client.force_login(world.lead)

    def add_items(count):
        for n in range(count):
            make_work_item(
                world.partner if n % 2 else world.other_partner, owner=world.staff if n % 2 else None
            )

    add_items(3)
    few = count_queries(lambda: client.get(reverse("manage:workplan")))
    add_items(27)
    many = count_queries(lambda: client.get(reverse("manage:workplan")))
    assert few == many <= 10


def test_creating_a_work_item_saves_it_and_audits(client, world):
    client.force_login(world.staff)
    response = client.post(
        reverse("manage:work_item_create"),
        {
            "semester": 3,
            "kind": "activity",
            "title": "Seminarium",
            "due_date": "2024-06-28",
            "status": "planned",
            "owner": world.staff.pk,
        },
    )
    assert response.status_code == 302
    item = WorkItem.objects.get(title="Seminarium")
    assert item.partner == world.partner
    event = AuditEvent.objects.for_object(item).get()
    assert event.code == "projects.work_item.created" and event.actor == world.staff


def test_bad_work_item_input_gets_field_messages_and_saves_nothing(client, world):
    client.force_login(world.staff)
    response = client.post(
        reverse("manage:work_item_create"),
        {
            "semester": 42,
            "kind": "activity",
            "title": "",
            "due_date": "31.02.2024",
            "status": "planned",
            "owner": world.other_staff.pk,
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) >= {"semester", "title", "due_date", "owner"}
    assert not WorkItem.objects.exists()
    assert AuditEvent.objects.count() == 0


def test_editing_records_only_the_changed_fields(client, world):
    item = make_work_item(world.partner, title="Stary tytuł")
    client.force_login(world.staff)
    response = client.post(
        reverse("manage:work_item_edit", args=[item.pk]),
        {
            "semester": 3,
            "kind": "activity",
            "title": "Nowy tytuł",
            "due_date": "2024-08-31",
            "status": "planned",
        },
    )
    assert response.status_code == 302
    event = AuditEvent.objects.for_object(item).get()
    assert event.changes == {"title": ["Stary tytuł", "Nowy tytuł"]}


def test_lead_partner_may_read_but_not_change_another_partners_item(client, world):
    item = make_work_item(world.partner)
    client.force_login(world.lead)
    assert client.get(reverse("manage:work_item_edit", args=[item.pk])).status_code == 200
    response = client.post(reverse("manage:work_item_edit", args=[item.pk]), {"title": "x"})
    assert response.status_code == 403


def test_deleting_asks_for_confirmation_then_deletes(client, world):
    item = make_work_item(world.partner, title="Do usunięcia")
    client.force_login(world.coordinator)
    response = client.get(reverse("manage:work_item_delete", args=[item.pk]))
    assert response.status_code == 200 and WorkItem.objects.filter(pk=item.pk).exists()
    response = client.post(reverse("manage:work_item_delete", args=[item.pk]))
    assert response.status_code == 302 and not WorkItem.objects.filter(pk=item.pk).exists()
    assert AuditEvent.objects.filter(code="projects.work_item.deleted", object_id=str(item.pk)).exists()


def test_staff_of_another_partner_cannot_see_the_item(client, world):
    item = make_work_item(world.partner)
    client.force_login(world.other_staff)
    assert client.get(reverse("manage:work_item_edit", args=[item.pk])).status_code == 404
    assert client.post(reverse("manage:work_item_delete", args=[item.pk])).status_code == 404
    assert WorkItem.objects.filter(pk=item.pk).exists()


def test_late_is_derived_from_the_due_date_not_stored(world, time_machine_today):
    item = make_work_item(world.partner, due_date=dt.date(2024, 5, 1))
    time_machine_today(dt.date(2024, 4, 30))
    assert item.effective_status == "planned"
    time_machine_today(dt.date(2024, 5, 2))
    assert item.effective_status == "late"
    item.status = WorkItemStatus.DONE
    assert item.effective_status == "done"


def test_dashboard_lists_the_news_published_last_semester(client, world, time_machine_today):
    from secon.news.tests.builders import make_news

    time_machine_today(dt.date(2024, 6, 10))
    make_news(
        world.partner,
        {
            "pl": {
                "title": "Trzecie posiedzenie RGI",
                "status": "published",
                "published_at": dt.datetime(2024, 2, 27, 10, tzinfo=dt.UTC),
            }
        },
    )
    make_news(
        world.partner,
        {
            "pl": {
                "title": "Za wcześnie",
                "status": "published",
                "published_at": dt.datetime(2023, 8, 1, 10, tzinfo=dt.UTC),
            }
        },
    )
    client.force_login(world.staff)
    response = client.get(reverse("manage:dashboard"))
    assert [v.title for v in response.context["previous_news"]] == ["Trzecie posiedzenie RGI"]
    assert "Trzecie posiedzenie RGI" in response.content.decode()


def test_a_new_item_starts_in_the_current_semester_owned_by_its_author(client, world, time_machine_today):
    time_machine_today(dt.date(2024, 6, 10))
    client.force_login(world.staff)
    form = client.get(reverse("manage:work_item_create")).context["form"]
    assert form.initial["semester"] == 3
    assert form.initial["owner"] == world.staff.pk
