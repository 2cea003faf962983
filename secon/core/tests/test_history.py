"""The record history as a person reads it: labels, field names and values in the page's language."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World
from secon.accounts.models import Role
from secon.core.audit import MASK, record_event
from secon.core.models import AuditEvent
from secon.projects import services
from secon.projects.models import WorkItem
from secon.tests.factories import make_person, make_user, make_work_item

pytestmark = pytest.mark.django_db


def history(obj: Any, label: str = "projects.workitem", **query: str) -> str:
    url = reverse("manage:record_history", kwargs={"model_label": label, "pk": obj.pk})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def export(obj: Any, label: str = "projects.workitem", **query: str) -> str:
    url = reverse("manage:record_history_export", kwargs={"model_label": label, "pk": obj.pk})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def page_text(client: Client, url: str, language: str) -> str:
    """The page's text as a sighted reader sees it (no tags, no text for screen readers only)."""
    client.cookies["django_language"] = language
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    body = re.sub(r'<span class="visually-hidden">[^<]*</span>', "", response.content.decode())
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def created_item(world: World) -> WorkItem:
    owner = make_user(Role.STAFF, partner=world.partner, full_name="Ewa Kowalska")
    return services.create_work_item(
        world.partner,
        actor=world.staff,
        semester=3,
        title="Mapa interesariuszy",
        due_date=dt.date(2024, 8, 31),
        owner=owner,
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "pl",
            [
                "Dodano pozycję planu pracy",  # the action's label, not projects.work_item.created
                "Termin",  # the field's verbose name, not due_date
                "31 sierpnia 2024",  # a date as Polish writes it
                "Zaplanowana",  # a choice by its label, not "planned"
                "Ewa Kowalska",  # a related object by its name
                "Ewa Kowalska → Jan Nowak",  # old → new
            ],
        ),
        (
            "en",
            [
                "Work plan item added",
                "Due date",
                "31 August 2024",
                "Planned",
                "Ewa Kowalska → Jan Nowak",
            ],
        ),
    ],
)
def test_the_history_shows_labels_field_names_and_readable_values(
    client: Client, world: World, language: str, expected: list[str]
) -> None:
    item = created_item(world)
    new_owner = make_user(Role.STAFF, partner=world.partner, full_name="Jan Nowak")
    services.update_work_item(item, actor=world.staff, owner=new_owner)
    client.force_login(world.coordinator)
    text = page_text(client, history(item), language)
    for phrase in expected:
        assert phrase in text, phrase
    for raw in ("projects.work_item.created", "due_date", "2024-08-31", "None", "['"):
        assert raw not in text, raw


def test_an_empty_value_is_a_dash_and_a_list_is_joined(client: Client, world: World) -> None:
    item = make_work_item(world.partner, description="")
    record_event(
        "projects.work_item.updated",
        actor=world.staff,
        obj=item,
        changes={"description": ["", "Opis"], "versions": ["pl: Tytuł", "en: Title"]},
    )
    client.force_login(world.coordinator)
    text = page_text(client, history(item), "pl")
    assert "Opis — → Opis" in text  # the field "opis" was empty, then "Opis"
    assert "pl: Tytuł, en: Title" in text


def test_an_id_of_a_related_record_is_shown_by_its_name(client: Client, world: World) -> None:
    item = make_work_item(world.partner)
    first = make_user(Role.STAFF, partner=world.partner, full_name="Anna Pierwsza")
    second = make_user(Role.STAFF, partner=world.partner, full_name="Beata Druga")
    record_event(
        "projects.work_item.updated", actor=world.staff, obj=item, changes={"owner": [first.pk, second.pk]}
    )
    client.force_login(world.coordinator)
    text = page_text(client, history(item), "pl")
    assert "Anna Pierwsza → Beata Druga" in text


def test_secrets_and_erased_values_are_marked_and_the_event_anonymised(client: Client, world: World) -> None:
    item = make_work_item(world.partner)
    record_event("projects.work_item.updated", actor=world.staff, obj=item, changes={"password": "x"})
    record_event(
        "projects.work_item.updated", actor=world.staff, obj=item, changes={"title": ["[erased]", "Nowy"]}
    )
    client.force_login(world.coordinator)
    text = page_text(client, history(item), "pl")
    assert MASK not in text
    assert "ukryte (poufne)" in text
    assert "[usunięte] → Nowy" in text
    assert text.count("Zanonimizowano") == 1


def test_an_erased_persons_events_are_marked_anonymised(client: Client, world: World) -> None:
    from secon.registry.privacy import erasure

    person = make_person(world.partner, full_name="Zofia Usuwana", email="zofia@example.org")
    erasure.anonymise_person(person, actor=world.coordinator, reason="request")
    client.force_login(world.coordinator)
    response = client.get(history(person, "registry.person"))
    entries = response.context["entries"]
    created = next(e for e in entries if e.event.code == "registry.person.created")
    assert created.anonymised and created.event.scrubbed
    body = response.content.decode()
    assert "Zofia Usuwana" not in body and "zofia@example.org" not in body
    text = page_text(client, history(person, "registry.person"), "pl")
    assert "Przyczyna Osoba zażądała usunięcia danych (art. 17 RODO)" in text  # the reason by its label
    assert "Usunięte pola imię (imiona), nazwisko, adres e-mail" in text  # the fields by their names


def test_an_event_the_erasure_rewrote_is_marked_anonymised_whatever_its_values(
    client: Client, world: World
) -> None:
    item = make_work_item(world.partner)
    event = record_event(
        "projects.work_item.updated", actor=world.staff, obj=item, changes={"semester": [1, 2]}
    )
    AuditEvent.objects.filter(pk=event.pk).update(scrubbed=True)
    client.force_login(world.coordinator)
    assert "Zanonimizowano" in page_text(client, history(item), "pl")


def test_a_persons_roles_and_an_organisations_status_are_shown_by_their_labels(
    client: Client, world: World
) -> None:
    from secon.registry.records import services as registry

    person = registry.create_person(
        world.partner, actor=world.staff, given_names="Anna", surname="Rola", roles=["rsg_member", "speaker"]
    )
    registry.update_person(person, actor=world.staff, roles=["speaker"])
    client.force_login(world.coordinator)
    text = page_text(client, history(person, "registry.person"), "en")
    assert "Roles RSG member, Speaker" in text  # a list of two values, not "RSG member → Speaker"
    assert "RSG member, Speaker → Speaker" in text
    assert "rsg_member" not in text


def test_a_field_declared_without_a_verbose_name_takes_the_registered_label(
    client: Client, world: World
) -> None:
    from secon.registry.records import services as registry
    from secon.tests.factories import make_organisation

    person = make_person(world.partner)
    registry.set_affiliation(
        person, actor=world.staff, organisation=make_organisation(world.partner, name="Fundacja")
    )
    client.force_login(world.coordinator)
    assert "Organizacja Fundacja" in page_text(client, history(person, "registry.person"), "pl")


def test_filters_by_action_and_by_person_newest_first(client: Client, world: World) -> None:
    item = make_work_item(world.partner)
    for n in range(3):
        record_event(
            "projects.work_item.updated", actor=world.staff, obj=item, changes={"semester": [n, n + 1]}
        )
    record_event(
        "projects.work_item.updated", actor=world.coordinator, obj=item, changes={"semester": [9, 8]}
    )
    record_event("projects.work_item.created", actor=None, obj=item, changes={"title": "x"})
    client.force_login(world.coordinator)

    by_action = client.get(history(item, action="projects.work_item.created")).context["entries"]
    assert [e.event.code for e in by_action] == ["projects.work_item.created"]

    by_person = client.get(history(item, actor=str(world.staff.pk))).context["entries"]
    assert [e.event.changes["semester"] for e in by_person] == [[2, 3], [1, 2], [0, 1]]

    by_system = client.get(history(item, actor="system")).context["entries"]
    assert [e.event.actor for e in by_system] == [None]

    everything = client.get(history(item)).context["entries"]
    times = [(e.event.at, e.event.pk) for e in everything]
    assert times == sorted(times, reverse=True) and len(times) == 5


def test_a_filter_value_not_offered_is_a_message_not_an_error(client: Client, world: World) -> None:
    item = make_work_item(world.partner)
    record_event("projects.work_item.updated", actor=world.staff, obj=item, changes={"semester": [1, 2]})
    client.force_login(world.coordinator)
    response = client.get(history(item, action="registry.person.anonymised", actor="abc"))
    assert response.status_code == 200
    assert response.context["filters"].errors.keys() == {"action", "actor"}
    assert len(response.context["entries"]) == 1


def test_the_history_is_paginated_and_pages_keep_the_filter(client: Client, world: World) -> None:
    item = make_work_item(world.partner)
    for n in range(60):
        record_event(
            "projects.work_item.updated", actor=world.staff, obj=item, changes={"semester": [n, n + 1]}
        )
    client.force_login(world.coordinator)
    first = client.get(history(item, actor=str(world.staff.pk)))
    assert len(first.context["entries"]) == 50
    body = first.content.decode()
    assert f"actor={world.staff.pk}&amp;page=2" in body or f"page=2&amp;actor={world.staff.pk}" in body
    second = client.get(history(item, actor=str(world.staff.pk), page="2"))
    assert len(second.context["entries"]) == 10


def test_the_history_page_makes_a_bounded_number_of_queries_with_many_related_records(
    client: Client, world: World, django_assert_max_num_queries: Any
) -> None:
    item = make_work_item(world.partner)
    owners = [make_user(Role.STAFF, partner=world.partner, full_name=f"Osoba {n}") for n in range(40)]
    actors = [make_user(Role.STAFF, partner=world.partner) for _ in range(5)]
    for n in range(40):
        record_event(
            "projects.work_item.updated",
            actor=actors[n % 5],
            obj=item,
            changes={
                "owner": [owners[n].pk, owners[(n + 1) % 40].pk],
                "due_date": ["2024-01-01", "2024-02-01"],
            },
        )
    client.force_login(world.coordinator)
    with django_assert_max_num_queries(11):  # 10 for the page, 1 for the menu's count of waiting requests
        text = page_text(client, history(item), "pl")
    assert "Osoba 39 → Osoba 0" in text


def test_the_csv_export_opens_in_excel_with_formulas_inert(client: Client, world: World) -> None:
    item = make_work_item(world.partner)
    record_event(
        "projects.work_item.updated",
        actor=world.staff,
        obj=item,
        changes={"title": ["Stary", "=HYPERLINK(1)"]},
    )
    record_event(
        "projects.work_item.updated", actor=world.coordinator, obj=item, changes={"semester": [3, 4]}
    )
    client.force_login(world.coordinator)
    client.cookies["django_language"] = "pl"
    response = client.get(export(item, actor=str(world.staff.pk)))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    data = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Data", "Kto", "Czynność"]
    assert len(rows) == 2  # the header and the staff member's one change: the filter applies
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Pole"] == "Tytuł" and row["Przed"] == "Stary"
    assert row["Po"] == "'=HYPERLINK(1)"


def test_staff_may_not_export_a_history(client: Client, world: World) -> None:
    item = make_work_item(world.partner)
    client.force_login(world.staff)
    assert client.get(export(item)).status_code == 403


def test_the_gdpr_pdf_names_each_action_by_its_label_in_the_persons_language(world: World) -> None:
    from weasyprint.formatting_structure import boxes

    from secon.registry.privacy import export
    from secon.registry.privacy import pdf as pdf_layout

    person = make_person(world.partner, full_name="Jan Kowalski", language="pl")
    document = pdf_layout.person_export_document(export.collect_person_data(person))

    def texts(box: Any) -> Any:
        if isinstance(box, boxes.TextBox):
            yield box.text
        for child in getattr(box, "children", None) or []:
            yield from texts(child)

    text = " ".join(text for page in document.pages for text in texts(page._page_box))
    assert "Dodano osobę do rejestru" in text
