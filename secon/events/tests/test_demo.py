"""The demo: Mazovia's five RSG meetings, the third with the agenda the seed article tells, loaded twice."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client

from secon.events.models import AgendaPresenter, Event, EventStatus

pytestmark = pytest.mark.django_db


def test_the_demo_holds_mazovias_five_meetings_and_the_thirds_agenda_and_a_second_load_changes_nothing(demo):
    # The held ones (the demo also has an upcoming meeting, with invitations: invitations_demo.py).
    meetings = list(Event.objects.filter(partner__slug="mazovia").past().order_by("starts_at"))
    assert [(m.ordinal, m.local_start.date().isoformat()) for m in meetings] == [
        (1, "2023-04-21"),
        (2, "2023-06-16"),
        (3, "2024-02-23"),
        (4, "2024-08-30"),
        (5, "2025-01-30"),
    ]
    third = meetings[2]
    assert third.status == EventStatus.PUBLISHED and third.semester == 2
    assert third.chair is not None and third.chair.full_name == "Aleksandra Szwed"
    assert (
        third.chair_function == "Zastępca Dyrektora Departamentu Rozwoju Regionalnego i Funduszy Europejskich"
    )
    assert third.chair_department == "Departament Rozwoju Regionalnego i Funduszy Europejskich"
    assert third.chair_title_form == "feminine"
    presenters = {
        p.person.full_name: (p.organisation_name, p.place, p.function)
        for p in AgendaPresenter.objects.filter(item__event=third).select_related("person")
        if p.person is not None
    }
    assert presenters["Aleksandra Pęcherzewska"] == (
        "Spółdzielnia Socjalna „Centrum Usług Środowiskowych” w Drobinie",
        "Drobin",
        "Prezes",
    )
    assert presenters["Anita Dygas"] == (
        "Centrum Integracji Społecznej w Zbijowie Małym",
        "Zbijów Mały, gmina Mirów",
        "Kierownik Centrum Integracji Społecznej",
    )
    assert presenters["Krzysztof Pilecki"][0] == "Mazowieckie Centrum Polityki Społecznej"

    before = (Event.objects.count(), AgendaPresenter.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (Event.objects.count(), AgendaPresenter.objects.count()) == before

    page = Client().get(f"/pl/event/{third.pk}/").content.decode()
    for words in (
        "Aleksandra Szwed",
        "Aleksandra Pęcherzewska",
        "Anita Dygas",
        "Krzysztof Pilecki",
        "Drobin",
    ):
        assert words in page, words
