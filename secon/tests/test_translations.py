"""Every interface string that a page renders in Polish has a Polish translation in the compiled catalogue."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils.translation import trans_real

from secon.accounts.models import User
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
    "status",
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
