"""The accessibility statement and the privacy notice, in Polish and English."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db

A11Y_IDS = [
    'id="a11y-wstep"',
    'id="a11y-podmiot"',
    'id="a11y-url"',
    'id="a11y-data-publikacja"',
    'id="a11y-data-aktualizacja"',
    'id="a11y-status"',
    'id="a11y-data-sporzadzenie"',
    'id="a11y-kontakt"',
    'id="a11y-osoba"',
    'id="a11y-email"',
    'id="a11y-telefon"',
    'id="a11y-procedura"',
    'id="a11y-architektura"',
    'id="a11y-aplikacje"',
]


@pytest.fixture
def a11y_settings(settings: Any) -> Any:
    settings.ACCESSIBILITY_PUBLISHED_ON = "2024-02-23"
    settings.ACCESSIBILITY_UPDATED_ON = "2026-11-01"
    settings.ACCESSIBILITY_CONTACT_NAME = "Anna Dostępna"
    settings.ACCESSIBILITY_CONTACT_EMAIL = "a11y@example.org"
    settings.ACCESSIBILITY_CONTACT_PHONE = "+48 22 000 00 00"
    settings.PRIVACY_CONTROLLER = "Województwo Testowe, ul. Próbna 1, 00-001 Warszawa"
    settings.ACCESSIBILITY_BODY = "Województwo Testowe"
    return settings


@pytest.mark.parametrize("path", ["/pl/accessibility/", "/en/accessibility/"])
def test_accessibility_statement_has_every_element_of_the_official_structure(
    client: Any, world: Any, a11y_settings: Any, path: str
) -> None:
    response = client.get(path)

    assert response.status_code == 200
    html = response.content.decode()
    for element_id in A11Y_IDS:
        assert element_id in html, element_id
    assert '<time id="a11y-data-publikacja" datetime="2024-02-23">2024-02-23</time>' in html
    assert '<time id="a11y-data-aktualizacja" datetime="2026-11-01">2026-11-01</time>' in html
    assert '<span id="a11y-osoba">Anna Dostępna</span>' in html
    assert 'href="mailto:a11y@example.org"' in html
    assert "+48 22 000 00 00" in html
    assert "Województwo Testowe" in html
    assert response.context["nav"] == "accessibility"


def test_accessibility_statement_in_polish_follows_the_act(client: Any, world: Any) -> None:
    html = client.get("/pl/accessibility/").content.decode()
    assert "<h1>Deklaracja dostępności</h1>" in html
    assert "ustawy z dnia 4 kwietnia 2019 r. o dostępności cyfrowej" in html
    assert "częściowo zgodna" in html
    assert "7 dni" in html and "2 miesiące" in html
    assert "Rzecznika Praw Obywatelskich" in html
    assert "samooceny" in html
    assert "języka migowego" in html
    assert "Załączniki" in html


def test_accessibility_statement_in_english_is_a_translation(client: Any, world: Any) -> None:
    html = client.get("/en/accessibility/").content.decode()
    assert "<h1>Accessibility statement</h1>" in html
    assert "partially compliant" in html
    assert "7 days" in html and "2 months" in html
    assert "Commissioner for Human Rights" in html
    assert "self-assessment" in html
    assert "Deklaracja" not in html.split("<main", 1)[1]


@pytest.mark.parametrize("path", ["/pl/privacy/", "/en/privacy/"])
def test_privacy_notice_names_the_configured_controller_and_officer(
    client: Any, world: Any, settings: Any, path: str
) -> None:
    settings.PRIVACY_CONTROLLER = "Gmina Przykładowa, ul. Długa 5, 00-100 Przykład"
    settings.PRIVACY_DPO_EMAIL = "iod@example.org"

    response = client.get(path)

    html = response.content.decode()
    assert response.status_code == 200
    assert '<span id="privacy-controller">Gmina Przykładowa, ul. Długa 5, 00-100 Przykład</span>' in html
    assert 'href="mailto:iod@example.org"' in html
    assert "Stawki 2" in html
    assert "sessionid" in html and "csrftoken" in html
    assert response.context["nav"] == "privacy"


def test_privacy_notice_in_polish_covers_article_13(client: Any, world: Any) -> None:
    html = client.get("/pl/privacy/").content.decode()
    for phrase in [
        "art. 13",
        "art. 6 ust. 1 lit. e RODO",
        "Regionalna Grupa Interesariuszy",
        "Spotkania i wydarzenia",
        "Odbiorcy danych",
        "Okres przechowywania",
        "Prezesa Urzędu Ochrony Danych Osobowych",
        "wycofać",
    ]:
        assert phrase in html, phrase


def test_privacy_notice_in_english_covers_article_13(client: Any, world: Any) -> None:
    html = client.get("/en/privacy/").content.decode()
    for phrase in [
        "Article 13",
        "Article 6(1)(e) GDPR",
        "Regional Stakeholder Group",
        "Meetings and events",
        "Recipients",
        "Retention",
        "President of the Personal Data Protection Office",
        "withdraw",
    ]:
        assert phrase in html, phrase


def test_footer_links_the_statement_the_notice_and_back_to_top(client: Any, world: Any) -> None:
    html = client.get("/pl/").content.decode()
    assert 'href="/pl/accessibility/"' in html
    assert 'href="/pl/privacy/"' in html
    assert 'href="#top"' in html and 'id="top"' in html
