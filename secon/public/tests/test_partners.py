"""Partner list and partner pages, and the language switch that keeps the page."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from secon.projects.models import PolicyInstrument
from secon.public.tests.helpers import make_key_task
from secon.tests.factories import make_partner, make_project

pytestmark = pytest.mark.django_db


def test_partner_list_shows_every_partner_with_country_and_lead_role(client: Any, world: Any) -> None:
    response = client.get("/en/partners/")

    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["nav"] == "partners"
    assert 'href="/en/partners/mazovia/"' in html
    assert 'href="/en/partners/extremadura/"' in html
    assert "Spain" in html
    assert "Lead Partner" in html


def test_partner_list_leaves_out_partners_of_another_project(client: Any, world: Any) -> None:
    other_project = make_project(code="OTHER1")
    make_partner(other_project, slug="elsewhere")
    html = client.get("/en/partners/").content.decode()
    assert "/en/partners/elsewhere/" not in html


def test_partner_list_query_count_does_not_grow_with_partners(client: Any, world: Any, settings: Any) -> None:
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    with CaptureQueriesContext(connection) as before:
        client.get("/pl/partners/")
    for n in range(7):
        make_partner(world.project, slug=f"extra-{n}")
    with CaptureQueriesContext(connection) as after:
        client.get("/pl/partners/")
    assert len(after) == len(before) <= 2


def test_partner_page_names_the_partner_in_english_and_its_own_language(client: Any, world: Any) -> None:
    partner = world.other_partner
    partner.name = "Junta de Extremadura"
    partner.name_en = "Regional Government of Extremadura"
    partner.language = "es"
    partner.region_name = "Extremadura"
    partner.website = "https://www.juntaex.es"
    partner.description_en = "Runs the regional programme."
    partner.description_pl = "Prowadzi program regionalny."
    partner.save()

    english = client.get("/en/partners/extremadura/").content.decode()
    polish = client.get("/pl/partners/extremadura/").content.decode()

    assert '<h1 lang="en">Regional Government of Extremadura</h1>' in english
    assert '<dd lang="es">Junta de Extremadura</dd>' in english
    assert "ES43" in english and "Spain" in english
    assert 'href="https://www.juntaex.es"' in english
    assert "Runs the regional programme." in english
    assert "Prowadzi program regionalny." in polish


def test_partner_page_of_the_lead_partner_says_so(client: Any, world: Any) -> None:
    response = client.get("/en/partners/lead/")
    assert response.context["is_lead"] is True
    assert "badge-lead" in response.content.decode()


def test_partner_page_lists_policy_instruments_in_the_visitors_language(client: Any, world: Any) -> None:
    PolicyInstrument.objects.create(
        partner=world.partner,
        name="Fundusze Europejskie dla Mazowsza 2021–2027",
        name_en="European Funds for Mazovia 2021–2027",
        managing_authority="Zarząd Województwa Mazowieckiego",
        url="https://funduszeuedlamazowsza.eu",
    )

    assert "European Funds for Mazovia 2021–2027" in client.get("/en/partners/mazovia/").content.decode()
    polish = client.get("/pl/partners/mazovia/").content.decode()
    assert "Fundusze Europejskie dla Mazowsza 2021–2027" in polish
    assert "Zarząd Województwa Mazowieckiego" in polish


def test_partner_page_shows_only_its_own_public_key_tasks(client: Any, world: Any) -> None:
    make_key_task(world.partner, title="Badanie potrzeb")
    make_key_task(world.other_partner, title="Seminario")
    make_key_task(world.partner, title="Wewnętrzne", public=False)

    html = client.get("/pl/partners/mazovia/").content.decode()

    assert "Badanie potrzeb" in html
    assert "Seminario" not in html and "Wewnętrzne" not in html


def test_unknown_partner_answers_404(client: Any, world: Any) -> None:
    assert client.get("/en/partners/atlantis/").status_code == 404


def test_partner_of_another_project_answers_404(client: Any, world: Any) -> None:
    make_partner(make_project(code="OTHER2"), slug="elsewhere")
    assert client.get("/pl/partners/elsewhere/").status_code == 404


def test_language_switch_on_a_partner_page_keeps_the_page(client: Any, world: Any) -> None:
    response = client.get("/pl/partners/mazovia/")
    links = {link["code"]: link["url"] for link in response.context["language_links"]}
    assert links["en"] == "/en/partners/mazovia/"
    html = response.content.decode()
    assert 'href="/en/partners/mazovia/" hreflang="en"' in html


def test_language_switch_on_the_english_partner_list_points_to_the_polish_one(
    client: Any, world: Any
) -> None:
    html = client.get("/en/partners/").content.decode()
    assert 'href="/pl/partners/" hreflang="pl"' in html


def test_partner_page_has_a_breadcrumb_and_a_title(client: Any, world: Any) -> None:
    response = client.get("/en/partners/mazovia/")
    html = response.content.decode()
    assert 'aria-label="Breadcrumb"' in html
    assert response.context["title"] == "Mazovia"
    assert "<title>Mazovia – SECON</title>" in html
