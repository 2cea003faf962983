"""Signing in with an e-mail address, signing out, throttling of failed logins, and the auth pages."""

from __future__ import annotations

from typing import Any

import pytest
from allauth.account.adapter import get_adapter
from django.test import Client
from django.urls import reverse

from conftest import World
from secon.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _locked_out(response: Any) -> bool:
    errors = response.context["form"].errors.as_data().get("__all__", [])
    return any(error.code == "too_many_login_attempts" for error in errors)


def test_staff_sign_in_with_email_and_land_on_the_dashboard(client: Client, world: World) -> None:
    response = client.post(reverse("account_login"), {"login": "Staff@Example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("manage:dashboard")
    assert client.get(reverse("manage:dashboard")).status_code == 200


def test_sign_in_returns_to_the_page_that_asked_for_it(client: Client, world: World) -> None:
    response = client.get(reverse("manage:workplan"))
    login_url = response["Location"]
    response = client.post(login_url, {"login": world.staff.email, "password": PASSWORD})
    assert response["Location"] == reverse("manage:workplan")


def test_wrong_password_shows_a_message_and_signs_nobody_in(client: Client, world: World) -> None:
    response = client.post(reverse("account_login"), {"login": world.staff.email, "password": "wrong"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session
    assert 'role="alert"' in response.content.decode()


def test_repeated_wrong_passwords_lock_the_account_for_a_while(client: Client, world: World) -> None:
    # settings.ACCOUNT_RATE_LIMITS["login_failed"] allows 5 failures per account in 5 minutes.
    for _ in range(5):
        response = client.post(reverse("account_login"), {"login": world.staff.email, "password": "wrong"})
        assert not _locked_out(response)

    response = client.post(reverse("account_login"), {"login": world.staff.email, "password": PASSWORD})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert _locked_out(response)
    # The message is the translated "Too many failed login attempts. Try again later."
    assert str(get_adapter().error_messages["too_many_login_attempts"]) in response.content.decode()


def test_the_lock_is_per_account_so_others_can_still_sign_in(client: Client, world: World) -> None:
    for _ in range(6):
        client.post(reverse("account_login"), {"login": world.staff.email, "password": "wrong"})
    other = Client()
    response = other.post(reverse("account_login"), {"login": world.coordinator.email, "password": PASSWORD})
    assert response.status_code == 302, response.context["form"].errors


def test_inactive_users_cannot_sign_in(client: Client, world: World) -> None:
    world.staff.is_active = False
    world.staff.save()
    response = client.post(reverse("account_login"), {"login": world.staff.email, "password": PASSWORD})
    assert client.get(reverse("manage:dashboard")).status_code == 302
    assert response.status_code in {200, 302}


def test_sign_out_needs_a_post_and_ends_the_session(client: Client, world: World) -> None:
    client.force_login(world.staff)
    response = client.get(reverse("account_logout"))
    assert response.status_code == 200  # a confirmation page, not a sign-out by link
    assert "_auth_user_id" in client.session
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_nobody_can_sign_up_on_their_own(client: Client) -> None:
    response = client.get(reverse("account_signup"))
    assert response.status_code == 200
    assert "<form" not in response.content.decode() or "password2" not in response.content.decode()


def test_password_reset_sends_a_mail_and_the_link_sets_a_new_password(
    client: Client, world: World, mailoutbox: list[Any]
) -> None:
    response = client.post(reverse("account_reset_password"), {"email": world.staff.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    link = next(word for word in mailoutbox[0].body.split() if "/password/reset/key/" in word)
    response = client.get(link, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link
    new_password = "a-much-longer-new-secret-9"
    response = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    world.staff.refresh_from_db()
    assert world.staff.check_password(new_password)


@pytest.mark.parametrize(
    "url_name",
    ["account_login", "account_reset_password", "account_reset_password_done", "account_signup"],
)
@pytest.mark.parametrize("language", ["pl", "en"])
def test_entrance_pages_render_in_our_layout_and_language(
    client: Client, url_name: str, language: str
) -> None:
    client.cookies["django_language"] = language
    response = client.get(reverse(url_name))
    body = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in body
    assert 'class="skip-link"' in body
    assert body.count("<h1") == 1
    assert "<main" in body
