"""The account pages and e-mails address people formally in Polish, as the rest of the site does.

allauth's and Django's own Polish uses the informal "ty" ("Twoje hasło", "Czy na pewno chcesz…");
our catalogue translates those messages again (secon/accounts/library_strings.py) and wins.
"""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from django.test import Client
from django.urls import reverse

from conftest import World
from secon.accounts.tests.totp import totp_code
from secon.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

# Second-person singular: pronouns, and verb endings of "you (informal) do / did" (-esz, -asz, -isz, -ysz,
# -eś, -aś), with the few ordinary words that merely end the same way. Instructions in the imperative
# ("Wpisz kod", "Zaloguj się") are how Polish interfaces address everyone, and are not flagged.
INFORMAL = re.compile(
    r"\b(Tw(ój|oja|oje|ojego|ojej|oim|oją|oich|oimi)|Ty|Ci|Cię|Ciebie|Tobie|Tobą|Bądź|Proszę wpisz"
    r"|\w+(esz|asz|isz|ysz|eś|aś))\b",
    re.IGNORECASE,
)
ORDINARY = {"nasz", "nasza", "gdzieś", "jakaś", "kiedyś", "coś", "ktoś", "także", "cisz"}


def informal_words(text: str) -> set[str]:
    words = {m.group(0) for m in INFORMAL.finditer(text)}
    return {w for w in words if w.lower() not in ORDINARY and not w.lower().endswith("pisz")}


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    # Attribute values people hear or see (labels for screen readers, placeholders, titles) count too.
    attributes = " ".join(re.findall(r'(?:aria-label|placeholder|title|alt|value)="([^"]*)"', html))
    return unescape(re.sub(r"<[^>]+>", " ", html) + " " + attributes)


class Reader:
    """A Polish-speaking user's client that remembers every word it was shown."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.client.cookies["django_language"] = "pl"
        self.seen: dict[str, str] = {}

    def get(self, url: str, **kwargs: Any) -> Any:
        return self._read(url, self.client.get(url, follow=True, **kwargs))

    def post(self, url: str, data: dict[str, Any]) -> Any:
        return self._read(url, self.client.post(url, data, follow=True))

    def _read(self, url: str, response: Any) -> Any:
        if response.get("Content-Type", "").startswith("text/html"):
            key = f"{len(self.seen) + 1}. {response.request['REQUEST_METHOD']} {url}"
            self.seen[key] = visible_text(response.content.decode())
        return response

    def informal(self) -> dict[str, set[str]]:
        found = {page: informal_words(text) for page, text in self.seen.items()}
        for message in mail.outbox:
            found[f"e-mail {message.subject}"] = informal_words(f"{message.subject}\n{message.body}")
        return {page: words for page, words in found.items() if words}


def test_signing_in_out_and_resetting_the_password_speak_formally(client: Client, world: World) -> None:
    reader = Reader(client)
    reader.get(reverse("account_login"))
    reader.post(reverse("account_login"), {"login": world.staff.email, "password": "wrong-password"})
    reader.post(reverse("account_login"), {"login": world.staff.email, "password": ""})
    reader.post(reverse("account_login"), {"login": world.staff.email, "password": PASSWORD})
    reader.get(reverse("account_change_password"))
    reader.post(
        reverse("account_change_password"),
        {"oldpassword": "wrong", "password1": "short", "password2": "other"},
    )
    reader.get(reverse("account_logout"))
    reader.post(reverse("account_logout"), {})
    reader.get(reverse("account_reset_password"))
    reader.post(reverse("account_reset_password"), {"email": "not-an-address"})
    reader.post(reverse("account_reset_password"), {"email": "nobody@example.org"})  # no such account
    reader.post(reverse("account_reset_password"), {"email": world.staff.email})
    link = next(word for word in mail.outbox[-1].body.split() if "/password/reset/key/" in word)
    page = reader.get(link)
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link
    reader.post(form_url, {"password1": "a", "password2": "b"})
    new_password = "a-much-longer-new-secret-9"
    reader.post(form_url, {"password1": new_password, "password2": new_password})
    reader.get(reverse("account_reset_password_from_key", kwargs={"uidb36": "x", "key": "bad-key"}))
    assert len(reader.seen) >= 12 and len(mail.outbox) == 2
    found = reader.informal()
    assert not found, "\n".join(f"{page}: {sorted(words)}" for page, words in found.items())


def test_the_second_factor_pages_speak_formally(client: Client, world: World, settings: Any) -> None:
    settings.STAFF_REQUIRE_2FA = True
    reader = Reader(client)
    reader.post(reverse("account_login"), {"login": world.staff.email, "password": PASSWORD})
    reader.get(reverse("mfa_index"))
    reader.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    reader.get(reverse("mfa_activate_totp"))
    reader.post(reverse("mfa_activate_totp"), {"code": "000000"})
    secret = generate_totp_secret()
    TOTP.activate(world.staff, secret)
    reader.get(reverse("mfa_index"))
    reader.get(reverse("mfa_view_recovery_codes"))
    reader.get(reverse("mfa_generate_recovery_codes"))
    reader.get(reverse("mfa_deactivate_totp"))
    reader.post(reverse("account_logout"), {})
    reader.post(reverse("account_login"), {"login": world.staff.email, "password": PASSWORD})
    reader.post(reverse("mfa_authenticate"), {"code": "000000"})
    reader.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert len(reader.seen) >= 10
    found = reader.informal()
    assert not found, "\n".join(f"{page}: {sorted(words)}" for page, words in found.items())
