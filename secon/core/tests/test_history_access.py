"""The history of a record follows the record's own access rule: hidden page, hidden history.

`manage:record_history` reaches each model through the getter its app registers with
`core.access.register_access`. For every registered model, a record is made and each coordinator
persona opens the record's own page and its history: where the page does not exist for them (404),
the history must not either. A model registered without an entry here fails the first test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import models
from django.test import Client
from django.urls import get_resolver, reverse

from conftest import World
from secon.accounts.models import Role
from secon.core.access import _ACCESS_FUNCTIONS
from secon.tests.factories import make_organisation, make_person, make_user, make_work_item

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Record:
    """How to make a record of world.partner, and the address of its own back-office page (None: no page)."""

    make: Callable[[World], models.Model]
    page: Callable[[models.Model], str] | None


def _news(world: World) -> models.Model:
    from secon.news.tests.builders import make_news

    return make_news(world.partner)


def _event(world: World) -> models.Model:
    from secon.events.tests.builders import make_event

    return make_event(world.partner)


def _practice(world: World) -> models.Model:
    from secon.practices.tests.builders import make_practice

    return make_practice(world.partner, actor=world.staff)


def _membership(world: World) -> models.Model:
    import datetime as dt

    from secon.registry.records.services import add_membership

    return add_membership(
        make_person(world.partner),
        actor=None,
        organisation=make_organisation(world.partner),
        since=dt.date(2023, 4, 21),
    )


def _join_request(status: str) -> Callable[[World], models.Model]:
    def make(world: World) -> models.Model:
        from secon.registry.tests.join_builders import make_join_request

        return make_join_request(world.partner, status=status)

    return make


def _import_batch(world: World) -> models.Model:
    from secon.core.tests.test_access_walk import import_batch_of_partner
    from secon.registry.models import ImportBatch

    return ImportBatch.objects.get(**import_batch_of_partner(world))


def _service_area(world: World) -> models.Model:
    from secon.territory.models import ServiceArea

    return ServiceArea.objects.create(partner=world.partner, name="OWES Mazowsze")


def _page(name: str, **extra: Any) -> Callable[[models.Model], str]:
    return lambda obj: reverse(f"manage:{name}", kwargs={"pk": obj.pk, **extra})


RECORDS: dict[str, Record] = {
    "projects.workitem": Record(lambda w: make_work_item(w.partner), _page("work_item_edit")),
    # A partner's page is its dashboard, which those who see every partner pick with ?partner=.
    "projects.partner": Record(
        lambda w: w.partner, lambda obj: f"{reverse('manage:dashboard')}?partner={obj.pk}"
    ),
    "events.event": Record(_event, _page("event_detail")),
    "news.newsitem": Record(_news, _page("news_edit")),
    "practices.goodpractice": Record(_practice, _page("practice_detail")),
    "registry.organisation": Record(lambda w: make_organisation(w.partner), _page("organisation_detail")),
    "registry.person": Record(lambda w: make_person(w.partner), _page("person_detail")),
    "registry.rsgmembership": Record(_membership, _page("rsg_member_end")),
    "registry.joinrequest": Record(_join_request("confirmed"), _page("join_request_detail")),
    "registry.importbatch": Record(_import_batch, _page("import_report")),
    # Service areas have no back-office page yet; their history follows the partner rule alone.
    "territory.servicearea": Record(_service_area, None),
}
# Records in a state with a stricter rule than the partner's, checked besides the plain ones.
SPECIAL_RECORDS: dict[str, tuple[str, Record]] = {
    "unconfirmed join request": (
        "registry.joinrequest",
        Record(_join_request("unconfirmed"), _page("join_request_detail")),
    ),
}


def _registered() -> set[str]:
    get_resolver().url_patterns  # noqa: B018 - importing the views registers every app's getters
    return set(_ACCESS_FUNCTIONS)


def test_every_model_with_a_history_has_a_row_here() -> None:
    registered = _registered()
    missing, stale = sorted(registered - set(RECORDS)), sorted(set(RECORDS) - registered)
    assert not missing and not stale, f"RECORDS: add {missing}, remove {stale}"


def test_every_model_with_a_history_has_an_integer_id_the_route_accepts() -> None:
    from django.apps import apps

    for label in _registered():
        pk = apps.get_model(label)._meta.pk
        assert isinstance(pk, models.IntegerField), f"{label}: the history route only takes <id:…>"


def _personas(world: World) -> dict[str, Any]:
    return {
        "coordinator": world.coordinator,
        "other coordinator": make_user(Role.COORDINATOR, partner=world.other_partner),
        "lead": world.lead,
        "admin": world.admin,
    }


def _cases() -> list[Any]:
    cases = [pytest.param(label, record, id=label) for label, record in RECORDS.items()]
    cases += [pytest.param(label, record, id=name) for name, (label, record) in SPECIAL_RECORDS.items()]
    return cases


@pytest.mark.parametrize(("label", "record"), _cases())
def test_the_history_is_hidden_exactly_where_the_record_is(
    client: Client, world: World, label: str, record: Record
) -> None:
    from secon.core.access import can_see_partner

    obj = record.make(world)
    history = reverse("manage:record_history", kwargs={"model_label": label, "pk": obj.pk})
    for persona, user in _personas(world).items():
        if label == "projects.partner" and persona == "other coordinator":
            continue  # a coordinator's dashboard is always their own partner's: no page to compare
        client.force_login(user)
        if record.page is None:
            page_hidden = not can_see_partner(user, obj.partner)  # type: ignore[attr-defined]
        else:
            page_hidden = client.get(record.page(obj)).status_code == 404
        history_status = client.get(history).status_code
        assert (history_status == 404) == page_hidden, (
            f"{label} as {persona}: page {'hidden' if page_hidden else 'shown'}, history {history_status}"
        )
        if not page_hidden:
            assert history_status == 200, f"{label} as {persona}: history {history_status}"


def test_the_history_of_an_unconfirmed_join_request_does_not_show_the_sender(
    client: Client, world: World
) -> None:
    from secon.registry.tests.join_builders import make_join_request

    request = make_join_request(
        world.partner, status="unconfirmed", full_name="Ukryta Osoba", email="ukryta@example.org"
    )
    client.force_login(world.coordinator)
    response = client.get(
        reverse("manage:record_history", kwargs={"model_label": "registry.joinrequest", "pk": request.pk})
    )
    assert response.status_code == 404
    assert b"ukryta@example.org" not in response.content
