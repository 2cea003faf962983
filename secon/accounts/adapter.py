"""How django-allauth treats our users: no open sign-up; staff accounts are created by administrators."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.shortcuts import resolve_url


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        # Stakeholders have no back office; sending them to the dashboard would only show "access denied".
        if not getattr(request.user, "in_back_office", False):
            return resolve_url("public:home")
        return super().get_login_redirect_url(request)
