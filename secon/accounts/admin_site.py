"""The Django admin site without a login of its own: it uses the platform's login and its second factor.

Django's admin ships a password form that calls `authenticate()` directly, past allauth's rate limits
and its code step. Here that form is gone: /admin/login/ sends visitors to the same login as everyone
(allauth, with `next`), and the site lets in only sessions that the back-office gate would let in.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from secon.core.access import second_factor_step


class AdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and second_factor_step(request) is None

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        """Never authenticates: sends the visitor to the next step of the shared login instead."""
        next_url = request.GET.get(REDIRECT_FIELD_NAME) or request.POST.get(REDIRECT_FIELD_NAME) or ""
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = reverse("admin:index", current_app=self.name)
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(next_url, login_url=reverse("account_login"))
        if self.has_permission(request):
            return HttpResponseRedirect(next_url)
        if user.is_active and user.is_staff:
            step = second_factor_step(request)
            if step is not None:
                return HttpResponseRedirect(step)
        # Signed in, but not an administrator: sending them to a login page would only loop.
        raise PermissionDenied
