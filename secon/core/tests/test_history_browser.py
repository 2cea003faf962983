"""The record history in the real browser: filters, changes and markers pass axe-core, in both languages."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import World
from secon.accounts.models import Role
from secon.core.audit import record_event
from secon.projects import services
from secon.tests.browser import axe_violations, sign_in
from secon.tests.factories import make_user, make_work_item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["pl", "en"])
def test_a_record_history_with_changes_filters_and_pages_passes_axe(
    page: Any, live_server: Any, world: World, language: str
) -> None:
    item = make_work_item(world.partner, title="Mapa interesariuszy")
    owner = make_user(Role.STAFF, partner=world.partner, full_name="Ewa Kowalska")
    services.update_work_item(item, actor=world.staff, owner=owner, description="Opis")
    record_event("projects.work_item.updated", actor=world.staff, obj=item, changes={"password": "x"})
    record_event("projects.work_item.updated", actor=None, obj=item, changes={"title": ["[erased]", "Nowy"]})
    for n in range(55):
        record_event(
            "projects.work_item.updated", actor=world.coordinator, obj=item, changes={"semester": [n, n + 1]}
        )
    sign_in(page.context, live_server, world.coordinator.email, language=language)

    response = page.goto(f"{live_server.url}/manage/history/projects.workitem/{item.pk}/?page=2")
    assert response is not None and response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("table.history tbody tr").count() == 8
    assert page.locator(".badge-anonymised").count() == 1
    assert not axe_violations(page)

    page.select_option("#id_actor", str(world.staff.pk))
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("table.history tbody tr").count() == 2
    assert not axe_violations(page)
