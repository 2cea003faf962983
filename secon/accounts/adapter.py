"""How django-allauth treats our users: no open sign-up; staff accounts are created by administrators."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.urls import reverse

from secon.core import ratelimit
from secon.core.clientip import client_ip
from secon.core.siteurl import absolute_url, site_domain


@dataclass(frozen=True)
class ConfiguredSite:
    """What allauth's e-mails call `current_site`, taken from SITE_URL instead of the request's Host."""

    name: str
    domain: str


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]  # allauth ships no types
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        # Stakeholders have no back office; sending them to the dashboard would only show "access denied".
        # They land on their own page: their meetings, answers, data and consents (events/rsvp_views.py).
        if not getattr(request.user, "in_back_office", False):
            return resolve_url("public:my_events_signed_in")
        return str(super().get_login_redirect_url(request))

    # --- Links and names in e-mails ------------------------------------------------------------------------
    # allauth builds them from the request: the Host header the form was posted with, which a proxy, a
    # port or an attacker decides. Every e-mail of the site speaks of SITE_URL instead (core/siteurl.py).

    def get_reset_password_from_key_url(self, key: str) -> str:
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return absolute_url(path.replace("UID-KEY", quote(key)))

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        site = ConfiguredSite(name=site_domain(), domain=site_domain())
        super().send_mail(template_prefix, email, {**context, "current_site": site})

    def format_email_subject(self, subject: str) -> str:
        return f"[{site_domain()}] {subject}"

    def get_reauthentication_methods(self, user: Any) -> list[dict[str, Any]]:
        # With a second factor enrolled, "confirm it is you" before changing how one signs in (removing
        # the authenticator, new recovery codes) asks for the code: the password alone must never be
        # enough to take the second factor away.
        methods: list[dict[str, Any]] = super().get_reauthentication_methods(user)
        with_code = [method for method in methods if method["id"] != "reauthenticate"]
        return with_code or methods

    # --- Rate limits (secon.core.ratelimit) --------------------------------------------------------------
    # allauth counts failed logins in the cache, where a flood of cached public pages could evict them and
    # parallel guesses race; ours are counted atomically in the database. The key is the address typed,
    # never the Host header (allauth's own key includes the host, one more budget per host name).

    def get_client_ip(self, request: HttpRequest) -> str:
        return client_ip(request)  # through TRUSTED_PROXIES, for every allauth limit

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        login = str(credentials.get("email") or credentials.get("username") or "")
        attempt = ratelimit.hit("login_failed", ip=client_ip(request), key=login)
        # allauth gives the attempt back (`.rollback()`) when the password was right.
        self._login_failed_rl_usage = attempt
        if not attempt:
            raise self.validation_error("too_many_login_attempts")

    def _delete_login_attempts_cached_email(self, request: HttpRequest, **credentials: Any) -> None:
        # After a successful password reset the account's failures are forgiven (not the address's).
        login = str(credentials.get("email") or credentials.get("username") or "")
        ratelimit.clear("login_failed", key=login)
