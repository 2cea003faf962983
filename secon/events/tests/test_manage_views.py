"""The events back office through its pages: creating, editing, the agenda with presenters and slides, the
status flow, and what each partner's staff may see."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from secon.core.models import AuditEvent
from secon.core.uploads import is_private
from secon.events import services
from secon.events.models import AgendaAttachment, AgendaItem, Event, EventStatus
from secon.events.tests.builders import at, make_agenda_item, make_event, pdf_upload
from secon.events.tests.minutes_builders import make_minutes
from secon.registry.records import services as registry_services
from secon.tests.factories import make_organisation, make_person

pytestmark = pytest.mark.django_db

TOKEN = "t" * 43


def _client(user: Any, language: str = "en") -> Client:
    """A signed-in client reading the interface in `language` (English: the messages as written here)."""
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def event_form(**overrides: Any) -> dict[str, Any]:
    data = {
        "type": "",
        "title": "Trzecie posiedzenie RGI",
        "title_en": "Third RSG meeting",
        "starts_at": "2024-02-23T10:00",
        "ends_at": "2024-02-23T13:00",
        "time_zone": "Europe/Warsaw",
        "venue_name": "Urząd Marszałkowski",
        "venue_address": "ul. Jagiellońska 26, Warszawa",
        "online_url": "",
        "description": "",
        "description_en": "",
        "chair_function": "",
        "chair_department": "",
        "chair_title_form": "",
    }
    data.update(overrides)
    return data


def rsg_type_pk() -> int:
    from secon.events.models import EventType

    return EventType.objects.get(code="rsg_meeting").pk


def test_staff_create_an_rsg_meeting_read_in_the_events_time_zone(world):
    response = _client(world.staff).post(
        reverse("manage:event_create"), event_form(type=rsg_type_pk(), once_token=TOKEN)
    )
    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "manage:event_detail", args=[event.pk]
    )
    assert (event.partner, event.ordinal, event.semester) == (world.partner, 1, 2)
    assert event.starts_at == dt.datetime(2024, 2, 23, 9, 0, tzinfo=dt.UTC)  # 10:00 in Warsaw in winter
    assert AuditEvent.objects.filter(code="events.event.created", actor=world.staff).exists()


def test_an_event_in_another_time_zone_is_read_in_that_zone(world):
    _client(world.staff).post(
        reverse("manage:event_create"),
        event_form(type=rsg_type_pk(), time_zone="Europe/Lisbon", once_token=TOKEN),
    )
    assert Event.objects.get().starts_at == dt.datetime(2024, 2, 23, 10, 0, tzinfo=dt.UTC)


def test_sending_the_creation_form_twice_creates_one_event(world):
    client = _client(world.staff)
    data = event_form(type=rsg_type_pk(), once_token=TOKEN)
    first = client.post(reverse("manage:event_create"), data)
    second = client.post(reverse("manage:event_create"), data)
    assert Event.objects.count() == 1
    assert second["Location"] == first["Location"]


def test_an_end_before_the_start_gets_a_message_and_nothing_is_created(world):
    response = _client(world.staff).post(
        reverse("manage:event_create"), event_form(type=rsg_type_pk(), ends_at="2024-02-23T09:00")
    )
    assert response.status_code == 200
    assert "The event must end after it starts." in response.content.decode()
    assert not Event.objects.exists()


def test_an_event_with_neither_venue_nor_link_gets_a_message(world):
    response = _client(world.staff).post(
        reverse("manage:event_create"), event_form(type=rsg_type_pk(), venue_name="", venue_address="")
    )
    assert "Give a venue, an address or an online meeting link (or both)." in response.content.decode()
    assert not Event.objects.exists()


def test_editing_moves_the_event_and_an_end_before_start_changes_nothing(world):
    event = make_event(world.partner)
    client = _client(world.staff)
    url = reverse("manage:event_edit", args=[event.pk])
    bad = client.post(url, event_form(ends_at="2024-02-23T08:00"))
    assert "The event must end after it starts." in bad.content.decode()
    event.refresh_from_db()
    assert event.sequence == 0
    client.post(url, event_form(starts_at="2024-02-26T10:00", ends_at="2024-02-26T12:00"))
    event.refresh_from_db()
    assert (event.local_start.day, event.sequence) == (26, 1)


def test_the_list_shows_only_the_partners_own_events_and_filters_them(world):
    mine = make_event(world.partner, title_en="Mazovia's meeting")
    later = make_event(world.partner, starts_at=at("2025-01-30"), ends_at=at("2025-01-30", 12))
    make_event(world.other_partner, title="Reunión del grupo", title_en="Extremadura's meeting")
    client = _client(world.staff)
    page = client.get(reverse("manage:event_list")).content.decode()
    assert "Mazovia&#x27;s meeting" in page and "Extremadura&#x27;s meeting" not in page
    by_year = client.get(reverse("manage:event_list"), {"year": 2025}).context["page"].object_list
    assert list(by_year) == [later]
    by_semester = client.get(reverse("manage:event_list"), {"semester": 2}).context["page"].object_list
    assert list(by_semester) == [mine]
    lead_sees = _client(world.lead).get(reverse("manage:event_list")).content.decode()
    assert "Extremadura&#x27;s meeting" in lead_sees


def test_a_bad_filter_value_is_a_field_message_not_an_error(world):
    response = _client(world.staff).get(reverse("manage:event_list"), {"year": "x", "semester": "-1"})
    assert response.status_code == 200


def test_staff_of_another_partner_get_404_for_an_event_and_its_slides(world):
    event = make_event(world.partner)
    item = make_agenda_item(event)
    slides = services.add_attachment(item, actor=None, file=pdf_upload(), title="Slajdy")
    client = _client(world.other_staff)
    assert client.get(reverse("manage:event_detail", args=[event.pk])).status_code == 404
    assert client.get(reverse("manage:event_attachment_file", args=[event.pk, slides.pk])).status_code == 404
    assert (
        client.post(reverse("manage:event_agenda_item_remove", args=[event.pk, item.pk])).status_code == 404
    )
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_a_presenter_keeps_the_organisation_and_place_they_represented_then(world):
    event = make_event(world.partner)
    item = make_agenda_item(event)
    person = make_person(world.partner, full_name="Aleksandra Pęcherzewska")
    cooperative = make_organisation(
        world.partner, name='Spółdzielnia Socjalna "Centrum Usług Środowiskowych"', city="Drobin"
    )
    registry_services.set_affiliation(person, actor=None, organisation=cooperative, position="Prezes")
    response = _client(world.staff).post(
        reverse("manage:event_presenter_add", args=[event.pk, item.pk]),
        {"person": person.pk, "function": "", "title_form": "feminine", "place": "", "once_token": TOKEN},
    )
    assert response.status_code == 302
    presenter = item.presenters.get()
    assert (presenter.organisation_name, presenter.place, presenter.function) == (
        cooperative.name,
        "Drobin",
        "Prezes",
    )
    registry_services.update_organisation(cooperative, actor=None, name="Nowa nazwa", city="Płock")
    presenter.refresh_from_db()
    assert (presenter.organisation_name, presenter.place) == (cooperative.name, "Drobin")


def test_a_presenter_from_another_partners_registry_is_refused(world):
    event = make_event(world.partner)
    item = make_agenda_item(event)
    stranger = make_person(world.other_partner)
    response = _client(world.staff).post(
        reverse("manage:event_presenter_add", args=[event.pk, item.pk]), {"person": stranger.pk}
    )
    assert response.status_code == 200 and not item.presenters.exists()


def test_the_agenda_is_reordered_and_an_item_removed(world):
    event = make_event(world.partner)
    first, second = make_agenda_item(event, title="A"), make_agenda_item(event, title="B")
    client = _client(world.staff)
    client.post(reverse("manage:event_agenda_item_move", args=[event.pk, second.pk, "up"]))
    assert list(event.agenda_items.values_list("title", flat=True)) == ["B", "A"]
    client.post(reverse("manage:event_agenda_item_remove", args=[event.pk, first.pk]))
    assert list(event.agenda_items.values_list("title", flat=True)) == ["B"]
    assert AuditEvent.objects.filter(code="events.agenda_item.reordered").exists()
    assert (
        client.post(reverse("manage:event_agenda_item_move", args=[event.pk, second.pk, "left"])).status_code
        == 404
    )


def _upload(world: Any, event: Event, item: AgendaItem, file: SimpleUploadedFile) -> Any:
    return _client(world.staff).post(
        reverse("manage:event_attachment_add", args=[event.pk, item.pk]),
        {"title": "Slajdy", "file": file, "once_token": TOKEN},
    )


def test_slides_that_are_not_what_they_claim_are_refused(world):
    event = make_event(world.partner)
    item = make_agenda_item(event)
    fake = SimpleUploadedFile("slides.pdf", b"<html><script>alert(1)</script></html>", "application/pdf")
    response = _upload(world, event, item, fake)
    assert response.status_code == 200
    assert (
        "This type of file is not accepted. Accepted types: PDF, DOCX, PPTX, ODP."
        in response.content.decode()
    )
    assert not AgendaAttachment.objects.exists()


def test_slides_over_the_size_limit_are_refused(world, settings):
    settings.MAX_ATTACHMENT_UPLOAD_BYTES = 100
    event = make_event(world.partner)
    item = make_agenda_item(event)
    big = SimpleUploadedFile("slides.pdf", b"%PDF-1.4\n" + b"0" * 200, "application/pdf")
    response = _upload(world, event, item, big)
    assert "The file is too large" in response.content.decode()
    assert not AgendaAttachment.objects.exists()


def test_slides_are_private_until_the_record_is_published(world, django_capture_on_commit_callbacks):
    event = make_event(world.partner, is_public=True)
    item = make_agenda_item(event)
    assert _upload(world, event, item, pdf_upload()).status_code == 302
    slides = AgendaAttachment.objects.get()
    assert is_private(str(slides.file.name)) and slides.kind == "pdf"
    download = _client(world.staff).get(reverse("manage:event_attachment_file", args=[event.pk, slides.pk]))
    assert download.status_code == 200 and download["X-Content-Type-Options"] == "nosniff"
    with django_capture_on_commit_callbacks(execute=True):
        event = services.change_status(event, actor=world.coordinator, status=EventStatus.HELD)
        make_minutes(event, approved=True)  # the event becomes "minutes approved"
        event = services.change_status(event, actor=world.coordinator, status=EventStatus.PUBLISHED)
    slides.refresh_from_db()
    assert not is_private(str(slides.file.name))


def test_cancelling_through_the_page_asks_for_a_reason(world):
    event = make_event(world.partner)
    client = _client(world.staff)
    url = reverse("manage:event_status", args=[event.pk, "cancelled"])
    assert client.get(url).status_code == 200
    refused = client.post(url, {"reason": ""})
    assert "Say why the event is cancelled" in refused.content.decode()
    event.refresh_from_db()
    assert event.status == EventStatus.PLANNED
    assert client.post(url, {"reason": "Brak sali"}).status_code == 302
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED


def test_a_step_the_flow_does_not_allow_is_not_found(world):
    event = make_event(world.partner)
    url = reverse("manage:event_status", args=[event.pk, "published"])
    assert _client(world.coordinator).get(url).status_code == 404


def test_staff_cannot_approve_minutes_and_the_status_follows_the_minutes_not_a_click(world):
    event = make_event(world.partner)
    services.change_status(event, actor=world.staff, status=EventStatus.HELD)
    url = reverse("manage:event_status", args=[event.pk, "minutes_approved"])
    refused = _client(world.staff).post(url, {})
    assert "Only a coordinator can approve the minutes" in refused.content.decode()
    without_minutes = _client(world.coordinator).post(url, {})
    assert "when its minutes are approved" in without_minutes.content.decode()
    event.refresh_from_db()
    assert event.status == EventStatus.HELD


def test_the_list_costs_the_same_queries_for_one_event_and_thirty(world, django_assert_max_num_queries):
    client = _client(world.staff)
    make_event(world.partner)
    client.get(reverse("manage:event_list"))  # warm the per-process caches
    with django_assert_max_num_queries(12) as one:
        client.get(reverse("manage:event_list"))
    for day in range(1, 30):
        make_event(world.partner, starts_at=at(f"2024-03-{day:02d}"), ends_at=at(f"2024-03-{day:02d}", 12))
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(reverse("manage:event_list"))


def test_an_htmx_request_gets_only_the_results(world):
    make_event(world.partner)
    response = _client(world.staff).get(reverse("manage:event_list"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "<html" not in response.content.decode() and "data-table" in response.content.decode()


def test_the_venue_is_placed_in_one_of_the_hosts_units_and_a_unit_elsewhere_is_refused(world):
    from secon.territory.models import TerritorialUnit, UnitLevel

    szydlowiecki = TerritorialUnit.objects.get(level=UnitLevel.POWIAT, code="1430")  # gmina Mirów's powiat
    client = _client(world.staff)
    client.post(
        reverse("manage:event_create"),
        event_form(
            type=rsg_type_pk(), venue_unit=szydlowiecki.pk, venue_address="Zbijów Mały", once_token=TOKEN
        ),
    )
    event = Event.objects.get()
    assert event.venue_unit == szydlowiecki and "szydłowiecki" in event.location_text
    badajoz = TerritorialUnit.objects.create(country="ES", code="06015", level=UnitLevel.LAU, name="Badajoz")
    refused = client.post(reverse("manage:event_edit", args=[event.pk]), event_form(venue_unit=badajoz.pk))
    assert refused.status_code == 200 and refused.context["form"].errors["venue_unit"]
    event.refresh_from_db()
    assert event.venue_unit == szydlowiecki


def test_the_list_has_numbered_pages_that_keep_the_filters(world):
    from secon.events import views

    for day in range(1, 30):
        make_event(world.partner, starts_at=at(f"2024-03-{day:02d}"), ends_at=at(f"2024-03-{day:02d}", 12))
    assert views.PAGE_SIZE == 25
    page = _client(world.staff).get(reverse("manage:event_list"), {"year": 2024}).content.decode()
    assert "?year=2024&amp;page=2" in page and "Rows 1–25 of 29" in page
