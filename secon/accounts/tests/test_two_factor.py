"""TOTP two-factor for back-office users, end to end through allauth with the test client."""

from __future__ import annotations

import time
from typing import Any
from unittest.mock import patch

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from conftest import World
from secon.accounts.models import User
from secon.accounts.tests.totp import totp_code
from secon.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def require_2fa(settings: Any) -> None:
    settings.STAFF_REQUIRE_2FA = True


def sign_in(client: Client, user: User) -> Any:
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


def confirm_password(client: Client) -> None:
    """allauth asks for the password again before a factor is added, even right after signing in."""
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    response = client.post(response["Location"], {"password": PASSWORD})
    assert response.status_code == 302


def enrol(client: Client) -> str:
    """Confirm the password, open the activation page, read its secret, answer with the current code."""
    confirm_password(client)
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    secret = response.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    return str(secret)


# Activation announces the new authenticator after its transaction commits, and only then is the enrolment
# code recorded for the session: these tests commit for real, as a request does.
@pytest.mark.django_db(transaction=True)
def test_staff_without_totp_is_sent_to_activation_then_reaches_the_dashboard(
    client: Client, world: World, require_2fa: None
) -> None:
    response = sign_in(client, world.staff)
    assert response.status_code == 302
    response = client.get(reverse("manage:dashboard"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")

    enrol(client)

    assert Authenticator.objects.filter(user=world.staff, type=Authenticator.Type.TOTP).exists()
    assert client.get(reverse("manage:dashboard")).status_code == 200


def test_enrolled_staff_is_asked_for_the_code_at_login(
    client: Client, world: World, require_2fa: None
) -> None:
    sign_in(client, world.coordinator)
    secret = enrol(client)
    client.post(reverse("account_logout"))
    # The code used for activation may not be replayed inside its 30 s window; forget that it was used.
    cache.clear()

    response = sign_in(client, world.coordinator)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("manage:dashboard")).status_code == 302  # not signed in until the code

    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200
    assert response.context["form"].errors

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert response["Location"] == reverse("manage:dashboard")
    assert client.get(reverse("manage:dashboard")).status_code == 200


def test_wrong_activation_code_changes_nothing(client: Client, world: World, require_2fa: None) -> None:
    sign_in(client, world.staff)
    confirm_password(client)
    response = client.post(reverse("mfa_activate_totp"), {"code": "123456x"})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert not Authenticator.objects.filter(user=world.staff).exists()


def test_stakeholders_are_never_asked_for_a_second_factor(
    client: Client, world: World, require_2fa: None
) -> None:
    response = sign_in(client, world.stakeholder)
    assert response.status_code == 302
    assert response["Location"] == reverse("public:my_events_signed_in")
    # Their back-office answer stays "forbidden", never "enrol first".
    assert client.get(reverse("manage:dashboard")).status_code == 403


def test_without_the_setting_staff_reach_the_dashboard_without_totp(client: Client, world: World) -> None:
    sign_in(client, world.staff)
    assert client.get(reverse("manage:dashboard")).status_code == 200


def test_activation_page_renders_in_our_layout_with_a_labelled_code_field(
    client: Client, world: World, require_2fa: None
) -> None:
    sign_in(client, world.staff)
    confirm_password(client)
    response = client.get(reverse("mfa_activate_totp"))
    body = response.content.decode()
    assert 'class="skip-link"' in body
    assert '<label for="id_code"' in body
    assert "<h1" in body


def give_totp(user: User) -> str:
    """TOTP enrolled elsewhere (another browser, another session): only the database knows."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return str(secret)


@pytest.mark.parametrize(("persona", "url"), [("coordinator", "/manage/"), ("admin", "/admin/")])
def test_a_session_signed_in_with_the_password_only_must_enter_the_code_before_the_back_office(
    client: Client, world: World, require_2fa: None, persona: str, url: str
) -> None:
    user = getattr(world, persona)
    sign_in(client, user)  # no TOTP yet, so the password was all allauth asked for
    secret = give_totp(user)

    response = client.get(url, follow=True)
    step, _status = response.redirect_chain[-1]
    assert step.startswith(f"{reverse('mfa_reauthenticate')}?next=")
    assert '<label for="id_code"' in response.content.decode()

    response = client.post(step, {"code": "000000"})
    assert response.status_code == 200
    assert client.get(url).status_code == 302

    response = client.post(step, {"code": totp_code(secret)}, follow=True)
    assert response.redirect_chain[-1][0] == url
    assert response.status_code == 200


def test_a_session_opened_without_allauth_never_reaches_the_back_office(
    client: Client, world: World, require_2fa: None
) -> None:
    give_totp(world.admin)
    client.force_login(world.admin)  # what the admin's own login form used to do
    assert client.get("/manage/")["Location"].startswith(reverse("mfa_reauthenticate"))
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/accounts/user/").status_code == 302


@pytest.mark.django_db(transaction=True)
def test_the_code_entered_to_enrol_counts_for_the_session_that_enrolled(
    client: Client, world: World, require_2fa: None
) -> None:
    sign_in(client, world.staff)
    enrol(client)
    assert client.get(reverse("manage:dashboard")).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_new_staff_with_an_unverified_address_can_enrol_on_first_sign_in(
    client: Client, world: World, require_2fa: None
) -> None:
    # allauth keeps an unverified address row for accounts created by an administrator.
    EmailAddress.objects.create(user=world.staff, email=world.staff.email, primary=True, verified=False)
    sign_in(client, world.staff)
    assert client.get(reverse("manage:dashboard"))["Location"] == reverse("mfa_activate_totp")
    enrol(client)
    assert Authenticator.objects.filter(user=world.staff, type=Authenticator.Type.TOTP).exists()
    assert client.get(reverse("manage:dashboard")).status_code == 200


def test_the_password_alone_never_removes_an_enrolled_authenticator(
    client: Client, world: World, require_2fa: None
) -> None:
    sign_in(client, world.coordinator)  # a session from before the authenticator existed
    secret = give_totp(world.coordinator)
    totp = Authenticator.objects.get(user=world.coordinator, type=Authenticator.Type.TOTP)
    with patch("time.time", return_value=time.time() + 3600):  # long after the password was typed
        response = client.get(reverse("mfa_deactivate_totp"))
        assert response["Location"].startswith(reverse("mfa_reauthenticate"))
        response = client.get(reverse("account_reauthenticate"))
        assert response["Location"].startswith(reverse("mfa_reauthenticate"))  # no password form offered
        client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
        client.post(reverse("mfa_deactivate_totp"))
        assert Authenticator.objects.filter(pk=totp.pk).exists()
        response = client.post(reverse("mfa_reauthenticate"), {"code": totp_code(secret)})
        assert response.status_code == 302
