"""The back-office menu counts the "join us" requests waiting for review, within each partner's own."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World
from secon.registry.models import JoinRequestStatus
from secon.registry.tests.join_builders import make_join_request

pytestmark = pytest.mark.django_db


def badge(client: Client) -> str | None:
    body = client.get(reverse("manage:dashboard")).content.decode()
    start = body.find('class="menu-badge">')
    if start < 0:
        return None
    return body[start + len('class="menu-badge">') :].split("<", 1)[0]


def test_staff_see_how_many_of_their_partners_requests_wait(client: Client, world: World) -> None:
    make_join_request(world.partner)
    make_join_request(world.partner)
    make_join_request(world.partner, status=JoinRequestStatus.UNCONFIRMED)  # not confirmed: not waiting yet
    make_join_request(world.other_partner)
    client.force_login(world.staff)
    assert badge(client) == "2"
    client.force_login(world.other_staff)
    assert badge(client) == "1"


def test_the_lead_partner_counts_every_partners_requests(client: Client, world: World) -> None:
    make_join_request(world.partner)
    make_join_request(world.other_partner)
    client.force_login(world.lead)
    assert badge(client) == "2"


def test_no_badge_when_nothing_waits(client: Client, world: World) -> None:
    make_join_request(world.partner, status=JoinRequestStatus.UNCONFIRMED)
    client.force_login(world.staff)
    assert badge(client) is None


@pytest.mark.parametrize(
    ("language", "words"), [("pl", "czekają na rozpatrzenie"), ("en", "waiting for review")]
)
def test_the_count_is_read_out_with_its_meaning(
    client: Client, world: World, language: str, words: str
) -> None:
    make_join_request(world.partner)
    make_join_request(world.partner)
    client.force_login(world.staff)
    client.cookies["django_language"] = language
    body = client.get(reverse("manage:dashboard")).content.decode()
    assert f'<span class="visually-hidden"> {words}</span>' in body


def test_the_count_costs_one_query(client: Client, world: World, django_assert_num_queries: Any) -> None:
    from django.template import Context, Template
    from django.test import RequestFactory

    make_join_request(world.partner)
    request = RequestFactory().get("/manage/")
    request.user = world.staff
    twice = '{% menu_badge "join_requests" as a %}{% menu_badge "join_requests" as b %}'
    template = Template("{% load menu %}" + twice + "{{ a }}{{ b }}")
    with django_assert_num_queries(1):
        assert template.render(Context({"request": request})) == "11"
