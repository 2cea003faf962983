"""Every interface string that a page renders in Polish has a Polish translation in the compiled catalogue.

Every URL of the site is opened and its form sent empty and with wrong values (so its error messages
show), as each persona that sees a different page; bin/check-messages also fails on a string in the
source with no Polish translation, whether or not a page shows it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.test import Client
from django.utils.translation import trans_real

from conftest import World
from secon.accounts.models import User
from secon.core.tests.test_access_walk import BACK_OFFICE_PERSONAS, URL_CASES
from secon.core.tests.test_url_fuzz import Route, _published_news, _url, _working_values, every_route
from secon.tests.pages import back_office_paths, public_paths

# Strings that are the same in both languages (names, abbreviations).
SAME_IN_BOTH = {
    ":",  # Django's label suffix
    ":?.!",
    "SECON",
    "CSV (Excel)",
    "Import",
    "Powiat",
    "XLSX",
    "system",
    "Partner",
    "Region",
    "Status",
    "Status:",
    "status",
    "%s MB",  # Django's file sizes
    "RSS",
    "Atom",
    "PL",
    "EN",
    "NUTS-2",
    "E-mail",
    "Interreg Europe",
    "KRS",
    "NIP",
    "REGON",
    "Online",  # an online meeting is "online" in Polish too
    "online",
}


@pytest.fixture
def untranslated(monkeypatch: pytest.MonkeyPatch) -> Iterator[set[str]]:
    """Collect every message looked up in the Polish catalogue that came back untranslated."""
    missing: set[str] = set()
    original_gettext = trans_real.DjangoTranslation.gettext
    original_ngettext = trans_real.DjangoTranslation.ngettext

    def gettext(self: trans_real.DjangoTranslation, message: str) -> str:
        result = original_gettext(self, message)
        if self.language() == "pl" and result == message and message.strip() and message not in SAME_IN_BOTH:
            missing.add(message)
        return result

    def ngettext(self: trans_real.DjangoTranslation, singular: str, plural: str, number: int) -> str:
        result = original_ngettext(self, singular, plural, number)
        if self.language() == "pl" and result in (singular, plural):
            missing.add(singular)
        return result

    monkeypatch.setattr(trans_real.DjangoTranslation, "gettext", gettext)
    monkeypatch.setattr(trans_real.DjangoTranslation, "ngettext", ngettext)
    yield missing


def test_public_pages_have_no_untranslated_polish_strings(client, demo, untranslated):
    for path in public_paths("pl"):
        response = client.get(path)
        assert response.status_code == 200, path
    assert not untranslated, f"Untranslated in Polish: {sorted(untranslated)}"


def test_back_office_pages_have_no_untranslated_polish_strings(client, demo, untranslated):
    client.force_login(User.objects.get(email="koordynator@mazowsze.example"))
    client.cookies["django_language"] = "pl"
    for path in back_office_paths():
        response = client.get(path, headers={"accept-language": "pl"})
        assert response.status_code == 200, path
    response = client.get("/pl/this-page-does-not-exist/")
    assert response.status_code == 404
    assert not untranslated, f"Untranslated in Polish: {sorted(untranslated)}"


def test_login_page_has_no_untranslated_polish_strings(client, demo, untranslated):
    response = client.get("/accounts/login/", headers={"accept-language": "pl"})
    assert response.status_code == 200
    assert not untranslated, f"Untranslated in Polish: {sorted(untranslated)}"


# ---- every page of the site, walked as the access walk does, in Polish, including forms with errors ----

# The walk reuses the URL enumeration and the object builders of the access walk and the URL fuzz, so a
# new page is checked here the day it is added. Django's admin is left out: it shows the strings of
# libraries with no Polish catalogue (django-tasks' "Task Results"), which ours cannot translate.
WALKED = [route for route in every_route() if not route.name.startswith(("admin:", "/media/"))]
FORM_FIELD = re.compile(r"<(?:input|select|textarea)\b[^>]*?\bname=\"([^\"]+)\"")
NOT_A_VALUE = "zzz-to-nie-jest-wartość"


def _polish_client(world: World, persona: str) -> Client:
    client = Client(raise_request_exception=False, headers={"accept-language": "pl"})
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    user = world.personas()[persona]
    if user is not None:
        client.force_login(user)
    return client


def _walk_personas(route: Route) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Who opens the page, and who sends its form (empty, then with a wrong value in every field)."""
    if route.name.startswith("manage:"):
        case = URL_CASES[route.name.removeprefix("manage:")]
        return BACK_OFFICE_PERSONAS, ("coordinator", "admin") if case.post is not None else ()
    return ("anonymous", "staff"), ("anonymous", "staff")


@pytest.mark.parametrize("route", WALKED, ids=[route.name for route in WALKED])
def test_every_page_and_form_speaks_polish(world: World, untranslated: set[str], route: Route) -> None:
    news_pk = _published_news(world)
    readers, senders = _walk_personas(route)
    failed = []
    for persona in readers:
        url = _url(route, _working_values(route, world, news_pk))
        response = _polish_client(world, persona).get(url)
        if response.status_code >= 500:
            failed.append(f"GET {url} as {persona}: {response.status_code}")
    for persona in senders:
        client = _polish_client(world, persona)
        url = _url(route, _working_values(route, world, news_pk))
        page = client.get(url)
        fields = set(FORM_FIELD.findall(page.content.decode(errors="replace"))) - {"csrfmiddlewaretoken"}
        for data in ({}, dict.fromkeys(fields, NOT_A_VALUE)):
            response = client.post(url, data)
            if response.status_code >= 500:
                failed.append(f"POST {url} as {persona} with {sorted(data)}: {response.status_code}")
    assert not failed, failed
    assert not untranslated, f"Untranslated in Polish on {route.template}: {sorted(untranslated)}"


def test_the_walk_covers_the_back_office_public_site_and_accounts() -> None:
    names = {route.name for route in WALKED}
    assert {f"manage:{name}" for name in URL_CASES} <= names
    assert {"public:home", "public:join", "public:news_detail", "account_login", "mfa_index"} <= names
