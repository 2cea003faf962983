"""A cached public page follows the registry: a withdrawn consent or a corrected name shows at once."""

from __future__ import annotations

from typing import Any

import pytest

from secon.events.tests.builders import make_agenda_item, make_event, make_presenter
from secon.events.tests.test_public import _get, _path
from secon.registry.records import services as registry_services
from secon.tests.factories import make_organisation, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached_event_page(world: Any, settings: Any) -> tuple[str, Any]:
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    event = make_event(world.partner, is_public=True, title="Posiedzenie RGI")
    item = make_agenda_item(event, title="Dobre praktyki", title_en="Good practices")
    presenter = make_person(world.partner, full_name="Aleksandra Pęcherzewska")
    registry_services.record_consent(
        presenter, actor=None, purpose="publication", legal_basis="consent", source="paper"
    )
    cooperative = make_organisation(world.partner, name="Centrum Usług Środowiskowych", city="Drobin")
    make_presenter(item, person=presenter, organisation=cooperative, function="Prezes")
    path = _path("event_detail", pk=event.pk)
    assert "Aleksandra Pęcherzewska" in _get(path).content.decode()  # now in the cache
    return path, presenter


def test_a_withdrawn_consent_to_publication_takes_the_name_off_the_cached_page(
    world: Any, cached_event_page: tuple[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    path, presenter = cached_event_page
    with django_capture_on_commit_callbacks(execute=True):
        registry_services.withdraw_consent(
            presenter, actor=world.staff, purpose="publication", through="email"
        )
    page = _get(path).content.decode()
    assert "Aleksandra Pęcherzewska" not in page
    assert "Centrum Usług Środowiskowych" in page


def test_a_corrected_surname_shows_on_the_cached_page(
    world: Any, cached_event_page: tuple[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    path, presenter = cached_event_page
    with django_capture_on_commit_callbacks(execute=True):
        registry_services.update_person(presenter, actor=world.staff, surname="Pęcherzewska-Nowak")
    assert "Aleksandra Pęcherzewska-Nowak" in _get(path).content.decode()
