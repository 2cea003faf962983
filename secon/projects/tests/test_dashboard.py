"""The dashboard: the coming deadlines, and whose work plan a Lead Partner or an admin sees."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from secon.projects.models import WorkItemKind, WorkItemStatus
from secon.tests.factories import make_work_item

pytestmark = pytest.mark.django_db

# Semester 7 ends on 31 August 2026; its report is due three months later.
SEMESTER_7_REPORT_DUE = dt.date(2026, 11, 30)


def labels(response) -> list[str]:
    return [d.label for d in response.context["deadlines"]]


def test_a_report_in_the_work_plan_is_listed_once_among_the_deadlines(client, world, time_machine_today):
    time_machine_today(dt.date(2026, 11, 1))
    make_work_item(
        world.partner,
        title="Raport z postępów za semestr 7",
        kind=WorkItemKind.DELIVERABLE,
        semester=7,
        due_date=SEMESTER_7_REPORT_DUE,
        status=WorkItemStatus.IN_PROGRESS,
    )
    client.force_login(world.staff)
    response = client.get(reverse("manage:dashboard"))
    on_that_day = [d.label for d in response.context["deadlines"] if d.date == SEMESTER_7_REPORT_DUE]
    assert on_that_day == ["Raport z postępów za semestr 7"]


def test_the_calendar_reminds_of_a_report_the_work_plan_does_not_hold(client, world, time_machine_today):
    time_machine_today(dt.date(2026, 11, 1))
    make_work_item(world.partner, title="Spotkanie", semester=7, due_date=SEMESTER_7_REPORT_DUE)
    client.force_login(world.staff)
    response = client.get(reverse("manage:dashboard"))
    on_that_day = [d for d in response.context["deadlines"] if d.date == SEMESTER_7_REPORT_DUE]
    assert [d.item is None for d in on_that_day] == [True, False]  # the calendar's reminder, then the item
    assert on_that_day[1].label == "Spotkanie"


def test_a_finished_report_is_no_longer_a_deadline(client, world, time_machine_today):
    time_machine_today(dt.date(2026, 11, 1))
    make_work_item(
        world.partner,
        kind=WorkItemKind.DELIVERABLE,
        semester=7,
        due_date=dt.date(2026, 11, 20),
        status=WorkItemStatus.DONE,
    )
    client.force_login(world.staff)
    response = client.get(reverse("manage:dashboard"))
    assert not any(d.date == SEMESTER_7_REPORT_DUE for d in response.context["deadlines"])


def test_an_admin_opens_the_dashboard_on_all_partners_and_may_pick_one(client, world, time_machine_today):
    time_machine_today(dt.date(2024, 6, 10))
    make_work_item(world.partner, title="Badanie potrzeb", semester=3, due_date=dt.date(2024, 6, 20))
    make_work_item(world.other_partner, title="Otra tarea", semester=3, due_date=dt.date(2024, 6, 21))
    client.force_login(world.admin)
    response = client.get(reverse("manage:dashboard"))
    assert response.context["partner"] is None
    body = response.content.decode()
    assert "Badanie potrzeb" in body and "Otra tarea" in body
    assert '<option value="all" selected>' in body
    response = client.get(reverse("manage:dashboard"), {"partner": world.other_partner.pk})
    assert response.context["partner"] == world.other_partner
    assert "Badanie potrzeb" not in response.content.decode()


def test_the_lead_partner_opens_on_its_own_partner_and_may_choose_all(client, world):
    client.force_login(world.lead)
    assert client.get(reverse("manage:dashboard")).context["partner"] == world.lead_partner
    assert client.get(reverse("manage:dashboard"), {"partner": "all"}).context["partner"] is None


def test_partner_staff_cannot_see_all_partners(client, world):
    make_work_item(world.other_partner, title="Otra tarea", semester=3)
    client.force_login(world.staff)
    response = client.get(reverse("manage:dashboard"), {"partner": "all"})
    assert response.context["partner"] == world.partner
    assert "Otra tarea" not in response.content.decode()


@pytest.mark.parametrize("value", ["abc", "-1", "1e3", "99999999999999999999"])
def test_a_malformed_partner_choice_is_a_missing_page(client, world, value):
    client.force_login(world.admin)
    assert client.get(reverse("manage:dashboard"), {"partner": value}).status_code == 404
