"""Minutes through their pages: written per language, approved by the coordinator and then frozen,
corrected as a new version with a reason, and action items carried to the next meeting's agenda."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from conftest import World
from secon.core.models import AuditEvent
from secon.events import minutes as service
from secon.events.models import (
    ActionItem,
    ActionItemStatus,
    AgendaItemKind,
    Event,
    EventStatus,
    Minutes,
    MinutesStatus,
)
from secon.events.tests.builders import at, make_agenda_item, make_event
from secon.events.tests.minutes_builders import make_action_item, make_held_event, make_minutes
from secon.tests.factories import make_person

pytestmark = pytest.mark.django_db

TOKEN = "m" * 43


def _client(user: Any, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _messages(response: Any) -> list[str]:
    return [str(message) for message in response.context["messages"]] if response.context else []


def _minutes_form(minutes: Minutes, language: str, summary: str, decisions: str = "") -> dict[str, str]:
    text = minutes.texts.get(language=language)
    data = {"summary": summary, "edit": "content"}
    for entry in text.items.all():
        data[f"summary_{entry.pk}"] = f"{summary} – {entry.item_title}"
        data[f"decisions_{entry.pk}"] = decisions
    return data


def test_coordinator_writes_and_approves_minutes_and_the_event_moves_to_minutes_approved(
    world: World,
) -> None:
    event = make_held_event(world.partner)
    make_agenda_item(event, title="Dobre praktyki", title_en="Good practices")
    staff, coordinator = _client(world.staff), _client(world.coordinator)

    response = staff.post(reverse("manage:event_minutes_start", args=[event.pk]), {"once_token": TOKEN})
    minutes = Minutes.objects.get(event=event)
    assert response.status_code == 302
    assert [t.language for t in minutes.texts.all()] == ["en", "pl"]
    for language, summary in (("pl", "Omówiono dobre praktyki."), ("en", "Good practices were discussed.")):
        url = reverse("manage:event_minutes_edit", args=[event.pk, minutes.version, language])
        response = staff.post(url, _minutes_form(minutes, language, summary, decisions="Przyjęto."))
        assert response.status_code == 302, response.content
    response = coordinator.post(reverse("manage:event_minutes_approve", args=[event.pk, minutes.version]))

    minutes.refresh_from_db()
    event.refresh_from_db()
    assert response.status_code == 302
    assert minutes.status == MinutesStatus.APPROVED and minutes.approved_by == world.coordinator
    assert event.status == EventStatus.MINUTES_APPROVED
    assert AuditEvent.objects.filter(code="events.minutes.approved", actor=world.coordinator).exists()
    page = staff.get(reverse("manage:event_minutes", args=[event.pk]))
    assert "Good practices were discussed." in page.content.decode()
    assert "Omówiono dobre praktyki." in page.content.decode()


def test_staff_cannot_approve_minutes(world: World) -> None:
    minutes = make_minutes(make_held_event(world.partner))

    response = _client(world.staff).post(
        reverse("manage:event_minutes_approve", args=[minutes.event_id, minutes.version])
    )

    minutes.refresh_from_db()
    assert response.status_code == 403
    assert minutes.status == MinutesStatus.DRAFT
    assert Event.objects.get(pk=minutes.event_id).status == EventStatus.HELD


def test_empty_minutes_cannot_be_approved(world: World) -> None:
    event = make_held_event(world.partner)
    minutes = service.start_minutes(event, actor=None)

    response = _client(world.coordinator).post(
        reverse("manage:event_minutes_approve", args=[event.pk, minutes.version]), follow=True
    )

    assert "The minutes are empty" in " ".join(_messages(response))
    assert Minutes.objects.get(pk=minutes.pk).status == MinutesStatus.DRAFT


def test_minutes_of_an_event_not_yet_held_cannot_be_started(world: World) -> None:
    event = make_event(world.partner)

    response = _client(world.staff).post(
        reverse("manage:event_minutes_start", args=[event.pk]), {"once_token": TOKEN}, follow=True
    )

    assert "once the event has been held" in " ".join(_messages(response))
    assert not Minutes.objects.filter(event=event).exists()


def test_editing_approved_minutes_is_refused_and_changes_nothing(world: World) -> None:
    minutes = make_minutes(make_held_event(world.partner), approved=True, summary="Tekst zatwierdzony.")
    url = reverse("manage:event_minutes_edit", args=[minutes.event_id, minutes.version, "pl"])

    response = _client(world.coordinator).post(url, _minutes_form(minutes, "pl", "Podmieniony."), follow=True)

    assert "Approved minutes cannot be changed" in " ".join(_messages(response))
    assert minutes.texts.get(language="pl").summary == "Tekst zatwierdzony."
    with pytest.raises(Exception, match="cannot be changed"):
        service.save_minutes_text(minutes, actor=None, language="pl", summary="x", items={})


def test_a_correction_without_a_reason_is_refused(world: World) -> None:
    minutes = make_minutes(make_held_event(world.partner), approved=True)

    response = _client(world.staff).post(
        reverse("manage:event_minutes_correct", args=[minutes.event_id]),
        {"reason": "  ", "once_token": TOKEN},
    )

    assert response.status_code == 200
    assert "Say why the approved minutes are corrected." in response.content.decode()
    assert Minutes.objects.filter(event_id=minutes.event_id).count() == 1


def test_a_correction_is_a_new_version_and_the_earlier_one_stays_readable(world: World) -> None:
    first = make_minutes(make_held_event(world.partner), approved=True, summary="Pierwsza wersja.")
    event_id = first.event_id
    staff = _client(world.staff)

    response = staff.post(
        reverse("manage:event_minutes_correct", args=[event_id]),
        {"reason": "Błędna data w punkcie 2", "once_token": TOKEN},
    )
    second = Minutes.objects.get(event_id=event_id, version=2)
    assert response.status_code == 302
    assert second.status == MinutesStatus.DRAFT and second.correction_reason == "Błędna data w punkcie 2"
    assert second.texts.get(language="pl").summary == "Pierwsza wersja."  # copied, to be corrected
    url = reverse("manage:event_minutes_edit", args=[event_id, 2, "pl"])
    staff.post(url, _minutes_form(second, "pl", "Wersja poprawiona."))
    _client(world.coordinator).post(reverse("manage:event_minutes_approve", args=[event_id, 2]))

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (MinutesStatus.SUPERSEDED, MinutesStatus.APPROVED)
    earlier = staff.get(reverse("manage:event_minutes_version", args=[event_id, 1])).content.decode()
    current = staff.get(reverse("manage:event_minutes", args=[event_id])).content.decode()
    assert "Pierwsza wersja." in earlier and "Superseded by a correction" in earlier
    assert "Wersja poprawiona." in current and "Błędna data w punkcie 2" in current


def test_an_action_item_is_added_with_an_owner_from_the_registry(world: World) -> None:
    event = make_held_event(world.partner)
    owner = make_person(world.partner, full_name="Anna Nowak")

    response = _client(world.staff).post(
        reverse("manage:event_action_item_add", args=[event.pk]),
        {
            "text": "Przygotować ankietę",
            "owner_person": owner.pk,
            "due_on": "2024-04-30",
            "once_token": TOKEN,
        },
    )

    action = ActionItem.objects.get(event=event)
    assert response.status_code == 302
    assert (action.owner_person, str(action.due_on), action.status) == (owner, "2024-04-30", "open")


def test_an_action_item_with_two_owners_or_an_owner_of_another_partner_is_refused(world: World) -> None:
    event = make_held_event(world.partner)
    mine, theirs = make_person(world.partner), make_person(world.other_partner)
    url = reverse("manage:event_action_item_add", args=[event.pk])
    staff = _client(world.staff)

    both = staff.post(url, {"text": "A", "owner_person": mine.pk, "owner_user": world.staff.pk})
    foreign = staff.post(url, {"text": "B", "owner_person": theirs.pk})

    assert "Choose one owner" in both.content.decode()
    assert foreign.status_code == 200 and "owner_person" in foreign.context["form"].errors
    assert not ActionItem.objects.filter(event=event).exists()


def test_open_action_items_carry_over_to_the_next_rsg_meetings_agenda_until_done(world: World) -> None:
    earlier = make_held_event(world.partner, starts_at=at("2024-02-23", 10), ends_at=at("2024-02-23", 13))
    open_item = make_action_item(earlier, text="Przygotować ankietę", text_en="Prepare the survey")
    done_item = make_action_item(earlier, text="Wysłać zaproszenia", text_en="Send the invitations")
    service.set_action_item_status(done_item, actor=None, status=ActionItemStatus.DONE)

    following = make_event(world.partner, starts_at=at("2024-08-30", 10), ends_at=at("2024-08-30", 13))

    arising = following.agenda_items.get(kind=AgendaItemKind.MATTERS_ARISING)
    assert "Przygotować ankietę" in arising.description and "Prepare the survey" in arising.description_en
    assert "Wysłać zaproszenia" not in arising.description
    # Closed meanwhile: opening the agenda brings it up to date.
    _client(world.staff).post(
        reverse("manage:event_action_item_status", args=[earlier.pk, open_item.pk, "done"])
    )
    page = _client(world.staff).get(reverse("manage:event_detail", args=[following.pk]))
    arising.refresh_from_db()
    assert page.status_code == 200
    assert "Przygotować ankietę" not in arising.description


def test_matters_arising_come_right_after_the_opening(world: World) -> None:
    earlier = make_held_event(world.partner, starts_at=at("2024-02-23", 10), ends_at=at("2024-02-23", 13))
    following = make_event(world.partner, starts_at=at("2024-08-30", 10), ends_at=at("2024-08-30", 13))
    make_agenda_item(following, kind=AgendaItemKind.OPENING, title="Otwarcie")
    make_agenda_item(following, kind=AgendaItemKind.DISCUSSION, title="Dyskusja")
    make_action_item(earlier)

    _client(world.staff).get(reverse("manage:event_detail", args=[following.pk]))

    kinds = list(following.agenda_items.order_by("order").values_list("kind", flat=True))
    assert kinds == [AgendaItemKind.OPENING, AgendaItemKind.MATTERS_ARISING, AgendaItemKind.DISCUSSION]


def test_minutes_as_pdf_and_docx_in_both_languages(world: World) -> None:
    import docx

    event = make_held_event(world.partner)
    minutes = make_minutes(event, approved=True, summary="Omówiono postępy projektu.")
    make_action_item(event, text="Przygotować ankietę", text_en="Prepare the survey")
    client = _client(world.staff)

    pdf = client.get(reverse("manage:event_minutes_pdf", args=[event.pk, minutes.version, "pl"]))
    polish = client.get(reverse("manage:event_minutes_docx", args=[event.pk, minutes.version, "pl"]))
    english = client.get(reverse("manage:event_minutes_docx", args=[event.pk, minutes.version, "en"]))

    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    for response, statement, action in (
        (polish, "Współfinansowane przez Unię Europejską", "Przygotować ankietę"),
        (english, "Co-funded by the European Union", "Prepare the survey"),
    ):
        document = docx.Document(io.BytesIO(response.content))
        header = document.sections[0].header
        body = "\n".join(p.text for p in document.paragraphs)
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        assert statement in header.paragraphs[0].text
        assert header.part.related_parts  # the emblem picture
        assert "Omówiono postępy projektu." in body
        assert action in cells


def test_minutes_documents_refuse_an_unknown_language(world: World) -> None:
    minutes = make_minutes(make_held_event(world.partner))

    response = _client(world.staff).get(
        reverse("manage:event_minutes_pdf", args=[minutes.event_id, minutes.version, "xx"])
    )

    assert response.status_code == 404


def test_the_minutes_page_costs_the_same_queries_for_one_action_item_and_thirty(
    world: World, django_assert_max_num_queries: Any
) -> None:
    event = make_held_event(world.partner)
    make_minutes(event, approved=True)
    owner = make_person(world.partner)
    make_action_item(event, owner_person=owner)
    client = _client(world.staff)
    url = reverse("manage:event_minutes", args=[event.pk])
    client.get(url)  # warm the per-process caches
    with django_assert_max_num_queries(40) as one:
        client.get(url)
    for n in range(29):
        make_action_item(
            event,
            text=f"Zadanie {n}",
            text_en=f"Task {n}",
            owner_person=owner if n % 2 else None,
            owner_user=world.staff if not n % 2 else None,
        )

    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url)

    assert response.content.decode().count("<td>Task ") == 29


def test_the_public_event_page_shows_the_summary_once_the_minutes_are_approved(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    event = make_held_event(world.partner, is_public=True)
    minutes = make_minutes(event, summary="Omówiono dobre praktyki.")
    visitor = Client()
    path = f"/pl/event/{event.pk}/"
    assert "Omówiono dobre praktyki." not in visitor.get(path).content.decode()  # a draft stays inside

    with django_capture_on_commit_callbacks(execute=True):
        service.approve_minutes(minutes, actor=world.coordinator)

    assert "Omówiono dobre praktyki." in visitor.get(path).content.decode()  # the cached page was dropped


def test_an_approved_correction_replaces_the_summary_on_the_public_page(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    event = make_held_event(world.partner, is_public=True)
    with django_capture_on_commit_callbacks(execute=True):
        make_minutes(event, approved=True, summary="Pierwsza wersja.")
    visitor = Client()
    path = f"/pl/event/{event.pk}/"
    assert "Pierwsza wersja." in visitor.get(path).content.decode()  # now in the page cache
    draft = service.start_correction(event, actor=world.coordinator, reason="Literówka")
    service.save_minutes_text(draft, actor=None, language="pl", summary="Wersja poprawiona.", items={})

    with django_capture_on_commit_callbacks(execute=True):
        service.approve_minutes(draft, actor=world.coordinator)

    page = visitor.get(path).content.decode()
    assert "Wersja poprawiona." in page and "Pierwsza wersja." not in page
