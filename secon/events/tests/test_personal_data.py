"""Chairing and presenting in a person's GDPR export and erasure: the events stay, the person goes."""

from __future__ import annotations

import pytest
from django.test import Client

from secon.events.models import AgendaPresenter, Event
from secon.events.tests.builders import make_agenda_item, make_event, make_presenter
from secon.registry.privacy.erasure import anonymise_person
from secon.registry.privacy.export import collect_person_data
from secon.tests.factories import make_organisation, make_person

pytestmark = pytest.mark.django_db


def test_the_export_lists_the_meetings_a_person_chaired_and_presented_at(world):
    person = make_person(world.partner, full_name="Aleksandra Szwed")
    event = make_event(world.partner, chair=person, chair_function="Zastępca Dyrektora")
    item = make_agenda_item(event, title="Otwarcie")
    make_presenter(item, person=person, organisation=make_organisation(world.partner, name="Urząd"))
    rows = collect_person_data(person)["other"]["events"]
    assert [(row["role"], row["event_id"]) for row in rows] == [("chair", event.pk), ("presenter", event.pk)]
    assert rows[0]["function"] == "Zastępca Dyrektora" and rows[1]["organisation"] == "Urząd"


def test_erasure_keeps_the_event_and_its_agenda_and_drops_the_person_and_their_function(
    world, django_capture_on_commit_callbacks
):
    person = make_person(world.partner, full_name="Aleksandra Szwed")
    event = make_event(
        world.partner,
        is_public=True,
        chair=person,
        chair_function="Zastępca Dyrektora",
        chair_department="DRRF",
    )
    item = make_agenda_item(event)
    centre = make_organisation(world.partner, name="Centrum Integracji Społecznej", city="Zbijów Mały")
    make_presenter(item, person=person, organisation=centre, function="Kierownik", public_function=True)
    assert "Szwed" in Client().get(f"/en/event/{event.pk}/").content.decode()  # now in the page cache
    with django_capture_on_commit_callbacks(execute=True):
        anonymise_person(person, actor=world.coordinator, reason="request")
    event = Event.objects.get(pk=event.pk)
    presenter = AgendaPresenter.objects.get(item=item)
    assert (event.chair, event.chair_function, event.chair_department) == (None, "", "")
    assert (presenter.person, presenter.function, presenter.public_function) == (None, "", False)
    assert presenter.organisation_name == "Centrum Integracji Społecznej"
    page = Client().get(f"/en/event/{event.pk}/").content.decode()
    assert "Szwed" not in page and "Kierownik" not in page
    assert "a representative of Centrum Integracji Społecznej (Zbijów Mały)" in page
