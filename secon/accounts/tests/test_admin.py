"""The Django admin: the platform administrator manages e-mail based users; nobody else gets in."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from conftest import World
from secon.accounts.models import Role, User
from secon.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_platform_admin_opens_the_user_list_add_and_change_pages(client: Client, world: World) -> None:
    client.force_login(world.admin)
    assert client.get(reverse("admin:index")).status_code == 200
    response = client.get(reverse("admin:accounts_user_changelist"), {"q": "staff@"})
    assert response.status_code == 200
    assert "staff@example.org" in response.content.decode()
    assert client.get(reverse("admin:accounts_user_add")).status_code == 200
    assert client.get(reverse("admin:accounts_user_change", args=[world.staff.pk])).status_code == 200


def test_platform_admin_creates_a_partner_coordinator_without_any_username(
    client: Client, world: World
) -> None:
    client.force_login(world.admin)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "nowa@example.org",
            "full_name": "Nowa Koordynatorka",
            "role": Role.COORDINATOR,
            "partner": world.partner.pk,
            "language": "pl",
            "usable_password": "true",
            "password1": "a-long-enough-password-7",
            "password2": "a-long-enough-password-7",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(email="nowa@example.org")
    assert user.role == Role.COORDINATOR
    assert user.partner == world.partner
    assert user.check_password("a-long-enough-password-7")
    assert not user.is_staff


def test_a_partner_role_without_a_partner_is_refused_with_a_message(client: Client, world: World) -> None:
    client.force_login(world.admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "bez@example.org",
            "full_name": "Bez Partnera",
            "role": Role.STAFF,
            "language": "pl",
            "usable_password": "false",
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["__all__"]
    assert [str(error) for error in errors] == [
        "Partner coordinators, staff and stakeholders belong to a partner."
    ]
    assert not User.objects.filter(email="bez@example.org").exists()


def test_saving_a_platform_admin_grants_admin_site_access(client: Client, world: World) -> None:
    client.force_login(world.admin)
    staff = world.staff
    data = {
        "email": staff.email,
        "full_name": staff.full_name,
        "role": Role.ADMIN,
        "partner": "",
        "language": "pl",
        "is_active": "on",
        "date_joined_0": "2024-01-01",
        "date_joined_1": "10:00:00",
    }
    response = client.post(reverse("admin:accounts_user_change", args=[staff.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    staff.refresh_from_db()
    assert staff.is_staff and staff.is_superuser


@pytest.mark.parametrize("persona", ["stakeholder", "staff", "coordinator", "lead"])
def test_only_platform_admins_and_is_staff_users_reach_the_admin(
    client: Client, world: World, persona: str
) -> None:
    client.force_login(world.personas()[persona])  # type: ignore[arg-type]
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_an_anonymous_visitor_is_sent_to_the_admin_login(client: Client) -> None:
    response = client.get(reverse("admin:accounts_user_changelist"))
    assert response.status_code == 302


# The admin site has no login of its own: everyone signs in through allauth (rate limits, second factor).


def test_a_password_posted_to_the_admin_login_never_signs_anyone_in(client: Client, world: World) -> None:
    response = client.post(reverse("admin:login"), {"username": world.admin.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert client.get(reverse("admin:index")).status_code == 302


def test_the_admin_login_sends_visitors_to_the_shared_login_and_back(client: Client, world: World) -> None:
    response = client.get(reverse("admin:index"), follow=True)
    login_url, _status = response.redirect_chain[-1]
    assert login_url == f"{reverse('account_login')}?next=/admin/"
    response = client.post(login_url, {"login": world.admin.email, "password": PASSWORD})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_signed_in_user_without_admin_access_is_refused_not_sent_round_in_circles(
    client: Client, world: World
) -> None:
    client.force_login(world.staff)
    assert client.get(reverse("admin:login"), {"next": "/admin/"}).status_code == 403


@pytest.mark.parametrize("login_url", ["/admin/login/", "/accounts/login/"])
def test_wrong_passwords_at_any_login_url_are_throttled(client: Client, world: World, login_url: str) -> None:
    fields = {"username": world.admin.email, "login": world.admin.email}
    for _ in range(6):
        client.post(login_url, {**fields, "password": "wrong"})
    # After the guesses, not even the right password opens a session at that address.
    client.post(login_url, {**fields, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
