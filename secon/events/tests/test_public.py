"""Public event pages, the agenda PDF and the partner's calendar feed, as visitors get them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from secon.events import services
from secon.events.documents import agenda_document
from secon.events.models import EventStatus
from secon.events.tests.builders import at, make_agenda_item, make_event, make_presenter
from secon.events.tests.minutes_builders import make_minutes
from secon.registry.records import services as registry_services
from secon.tests.factories import make_organisation, make_person

pytestmark = pytest.mark.django_db


def _get(path: str, language: str = "pl") -> Any:
    return Client().get(f"/{language}{path}")


def _path(name: str, **kwargs: Any) -> str:
    with translation.override("pl"):
        return reverse(f"public:{name}", kwargs=kwargs)[3:]  # without the /pl prefix


def meeting_with_agenda(world: Any) -> Any:
    """Mazovia's third meeting: a chair, a consenting presenter, one in a public function, one neither."""
    chair = make_person(world.partner, full_name="Aleksandra Szwed")
    event = make_event(
        world.partner,
        is_public=True,
        title="Trzecie posiedzenie RGI",
        title_en="Third RSG meeting",
        chair=chair,
        chair_function="Zastępca Dyrektora Departamentu Rozwoju Regionalnego i Funduszy Europejskich",
    )
    item = make_agenda_item(event, title="Dobre praktyki", title_en="Good practices")
    consenting = make_person(world.partner, full_name="Aleksandra Pęcherzewska")
    registry_services.record_consent(
        consenting, actor=None, purpose="publication", legal_basis="consent", source="paper"
    )
    cooperative = make_organisation(world.partner, name="Centrum Usług Środowiskowych", city="Drobin")
    make_presenter(item, person=consenting, organisation=cooperative, function="Prezes")
    official = make_person(world.partner, full_name="Krzysztof Pilecki")
    make_presenter(item, person=official, public_function=True)
    silent = make_person(world.partner, full_name="Jan Niepubliczny")
    centre = make_organisation(world.partner, name="Centrum Integracji Społecznej", city="Zbijów Mały")
    make_presenter(item, person=silent, organisation=centre)
    return event


def test_the_event_page_names_only_those_who_consented_or_act_in_office(world):
    event = meeting_with_agenda(world)
    page = _get(_path("event_detail", pk=event.pk)).content.decode()
    assert "Trzecie posiedzenie RGI" in page
    assert "Aleksandra Szwed" in page and "Zastępca Dyrektora Departamentu" in page
    assert "Aleksandra Pęcherzewska" in page and "Centrum Usług Środowiskowych (Drobin)" in page
    assert "Krzysztof Pilecki" in page
    assert "Jan Niepubliczny" not in page
    assert 'itemtype="https://schema.org/Event"' in page and 'itemprop="startDate"' in page


def test_the_english_page_shows_the_english_title_and_a_representative(world):
    event = meeting_with_agenda(world)
    page = _get(_path("event_detail", pk=event.pk), "en").content.decode()
    assert '<html lang="en"' in page and "Third RSG meeting" in page
    assert "a representative of Centrum Integracji Społecznej (Zbijów Mały)" in page


def test_an_event_not_announced_publicly_is_not_found_and_not_listed(world):
    hidden = make_event(world.partner, title="Wewnętrzne spotkanie")
    assert _get(_path("event_detail", pk=hidden.pk)).status_code == 404
    assert _get(_path("event_agenda_pdf", pk=hidden.pk)).status_code == 404
    assert "Wewnętrzne spotkanie" not in _get(_path("event_archive")).content.decode()
    assert "Wewnętrzne spotkanie" not in _get(_path("partner_events", partner="mazovia")).content.decode()


def test_upcoming_and_past_events_are_listed_project_wide_and_per_partner(world):
    soon = timezone.now() + dt.timedelta(days=10)
    upcoming = make_event(
        world.other_partner,
        is_public=True,
        title="Reunión",
        starts_at=soon,
        ends_at=soon + dt.timedelta(hours=2),
    )
    past = make_event(world.partner, is_public=True, title="Pierwsze posiedzenie")
    listing = _get(_path("event_list")).content.decode()
    assert upcoming.title in listing and past.title not in listing
    assert past.title in _get(_path("event_archive")).content.decode()
    mazovia = _get(_path("partner_events", partner="mazovia")).content.decode()
    assert past.title in mazovia and upcoming.title not in mazovia
    assert _get(_path("partner_events", partner="nowhere")).status_code == 404


def test_publishing_a_change_refreshes_the_cached_page(world, settings, django_capture_on_commit_callbacks):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    event = make_event(world.partner, is_public=True, title="Stary tytuł")
    path = _path("event_detail", pk=event.pk)
    assert "Stary tytuł" in _get(path).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(event, actor=world.staff, title="Nowy tytuł")
    assert "Nowy tytuł" in _get(path).content.decode()


def document_text(document: Any) -> str:
    def texts(box: Any) -> Any:
        if getattr(box, "text", None):
            yield box.text
        for child in getattr(box, "children", []) or []:
            yield from texts(child)

    return " ".join(text for page in document.pages for text in texts(page._page_box))


@pytest.mark.parametrize(
    ("language", "expected", "absent"),
    [
        ("pl", ["Trzecie posiedzenie RGI", "Program", "Dobre praktyki", "Aleksandra Pęcherzewska"], "Jan"),
        ("en", ["Third RSG meeting", "Agenda", "Good practices", "a representative of"], "Niepubliczny"),
    ],
)
def test_the_agenda_pdf_reads_back_in_each_language(world, language, expected, absent):
    event = meeting_with_agenda(world)
    text = document_text(agenda_document(event, language))
    for words in expected:
        assert words in text, words
    assert absent not in text
    pdf = _get(_path("event_agenda_pdf", pk=event.pk), language)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def test_the_partners_calendar_feed_parses_back_with_a_stable_uid_and_a_raised_sequence(
    world, django_capture_on_commit_callbacks
):
    event = make_event(world.partner, is_public=True, title="Posiedzenie; z przecinkiem, i średnikiem")
    make_event(world.partner, title="Niepubliczne")
    path = _path("partner_calendar", partner="mazovia")
    first = _get(path)
    assert first["Content-Type"] == "text/calendar; charset=utf-8"
    lines = unfold(first.content.decode())
    assert all(len(line.encode()) <= 75 for line in first.content.decode().split("\r\n"))
    assert lines.count("BEGIN:VEVENT") == 1
    props = dict(line.split(":", 1) for line in lines if ":" in line)
    assert props["UID"] == f"{event.uid}@secon" and props["SEQUENCE"] == "0"
    assert props["SUMMARY"] == "Posiedzenie\\; z przecinkiem\\, i średnikiem"
    assert props["DTSTART"] == "20240223T090000Z"
    with django_capture_on_commit_callbacks(execute=True):  # the cached feed is dropped on commit
        services.update_event(
            event, actor=world.staff, starts_at=at("2024-02-26", 10), ends_at=at("2024-02-26", 12)
        )
        services.cancel_event(event, actor=world.staff, reason="Brak sali")
    again = dict(line.split(":", 1) for line in unfold(_get(path).content.decode()) if ":" in line)
    assert again["UID"] == props["UID"] and again["SEQUENCE"] == "2" and again["STATUS"] == "CANCELLED"


def test_the_sitemap_lists_public_events(world):
    event = make_event(world.partner, is_public=True)
    make_event(world.partner, title="x")
    sitemap = Client().get("/sitemap.xml").content.decode()
    assert f"/pl/event/{event.pk}/" in sitemap and f"/en/event/{event.pk}/" in sitemap


def test_published_slides_are_offered_on_the_public_page(world, django_capture_on_commit_callbacks):
    from secon.events.tests.builders import make_attachment

    event = make_event(world.partner, is_public=True)
    item = make_agenda_item(event)
    slides = make_attachment(item)
    path = _path("event_detail", pk=event.pk)
    assert "Slajdy" not in _get(path).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        event = services.change_status(event, actor=world.coordinator, status=EventStatus.HELD)
        make_minutes(event, approved=True)  # the event becomes "minutes approved"
        event = services.change_status(event, actor=world.coordinator, status=EventStatus.PUBLISHED)
    slides.refresh_from_db()
    assert slides.public_url and slides.public_url in _get(path).content.decode()


def test_a_partners_page_leads_to_its_events(world):
    page = _get(_path("partner_detail", slug="mazovia")).content.decode()
    assert f'href="/pl{_path("partner_events", partner="mazovia")}"' in page
