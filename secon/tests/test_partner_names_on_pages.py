"""Pages, forms and e-mails call a partner by its short name in their language, its page by the full name."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from conftest import World
from secon.registry.tests.join_builders import make_join_request

pytestmark = pytest.mark.django_db

LEGAL_PL = "Samorząd Województwa Mazowieckiego – Departament Rozwoju (test)"
LEGAL_EN = "Mazowieckie Voivodeship – Development Department (test)"


@pytest.fixture
def named(world: World) -> World:
    world.partner.name, world.partner.name_en = LEGAL_PL, LEGAL_EN
    world.partner.short_name_pl, world.partner.short_name_en = "Mazowsze", "Mazovia"
    world.partner.save()
    world.other_partner.name = world.other_partner.name_en = "Junta de Extremadura"
    world.other_partner.short_name_pl, world.other_partner.short_name_en = "Estremadura", "Extremadura"
    world.other_partner.save()
    return world


def url(name: str, language: str, *args: Any) -> str:
    with translation.override(language):
        return reverse(name, args=args)


@pytest.mark.parametrize(
    ("language", "short", "other"), [("pl", "Mazowsze", "Estremadura"), ("en", "Mazovia", "Extremadura")]
)
def test_the_all_partners_dashboard_names_partners_by_their_short_names_in_the_page_language(
    client: Client, named: World, language: str, short: str, other: str
) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(named.lead)
    page = client.get(reverse("manage:dashboard") + "?partner=all").content.decode()
    assert f">{short}</option>" in page and f">{other}</option>" in page
    assert LEGAL_PL not in page and LEGAL_EN not in page


def test_one_partners_dashboard_heading_uses_its_short_name(client: Client, named: World) -> None:
    client.force_login(named.coordinator)
    page = client.get(reverse("manage:dashboard")).content.decode()
    assert "Mazowsze</h1>" in page
    assert LEGAL_PL not in page


def test_the_back_office_header_names_the_users_partner_in_the_interface_language(
    client: Client, named: World, english: None
) -> None:
    client.force_login(named.coordinator)
    page = client.get(reverse("manage:dashboard")).content.decode()
    assert "· Mazovia" in page and "Mazowsze" not in page


@pytest.mark.parametrize(
    ("language", "label", "other"),
    [
        ("pl", "Mazowsze (Polska)", "Estremadura (Hiszpania)"),
        ("en", "Mazovia (Poland)", "Extremadura (Spain)"),
    ],
)
def test_the_join_form_offers_regions_by_short_name_and_country_in_the_page_language(
    client: Client, named: World, language: str, label: str, other: str
) -> None:
    page = client.get(url("public:join", language)).content.decode()
    assert f">{label}</option>" in page and f">{other}</option>" in page
    assert LEGAL_PL not in page


def test_an_email_names_the_partner_in_the_emails_language_not_the_reviewers(
    client: Client, named: World, django_capture_on_commit_callbacks: Any
) -> None:
    join_request = make_join_request(named.partner, language="en", email="someone@example.org")
    mail.outbox.clear()
    client.force_login(named.coordinator)  # reviewing in Polish
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("manage:join_request_accept", args=[join_request.pk]))
    (message,) = mail.outbox
    assert "Mazovia" in message.body and "Mazowsze" not in message.body
    assert LEGAL_EN not in message.body


def test_the_partners_public_page_keeps_its_legal_name_and_its_breadcrumb_the_short_one(
    client: Client, named: World
) -> None:
    page = client.get(url("public:partner_detail", "en", named.partner.slug)).content.decode()
    assert f'<h1 lang="en">{LEGAL_EN}</h1>' in page
    assert '<span aria-current="page">Mazovia</span>' in page


def test_a_partner_without_short_names_is_named_by_its_legal_name_in_menus_and_forms(
    client: Client, named: World
) -> None:
    named.partner.short_name_pl = named.partner.short_name_en = ""
    named.partner.save()
    page = client.get(url("public:join", "pl")).content.decode()
    assert f">{LEGAL_PL} (Polska)</option>" in page
