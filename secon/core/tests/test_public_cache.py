"""The public-page cache serves anonymous visitors the same page, but never a page with a CSRF token."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template import Context, Template
from django.test import RequestFactory

from secon.core.cache import invalidate_public_pages, public_page

pytestmark = pytest.mark.django_db


def _anonymous_get(path: str = "/pl/x/") -> HttpRequest:
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    return request


def test_a_plain_page_is_rendered_once_and_then_served_from_the_cache(settings: Any) -> None:
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    calls = []

    @public_page
    def view(request: HttpRequest) -> HttpResponse:
        calls.append(1)
        return HttpResponse(f"render {len(calls)}")

    assert view(_anonymous_get()).content == b"render 1"
    assert view(_anonymous_get()).content == b"render 1"
    assert len(calls) == 1


def test_a_page_with_a_csrf_token_is_never_cached(settings: Any) -> None:
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60

    @public_page
    def form_view(request: HttpRequest) -> HttpResponse:
        token = get_token(request)
        return HttpResponse(Template("{{ token }}").render(Context({"token": token})))

    first = form_view(_anonymous_get("/pl/form/")).content
    second = form_view(_anonymous_get("/pl/form/")).content
    assert first != second


def test_publishing_drops_every_cached_page(settings: Any, django_capture_on_commit_callbacks: Any) -> None:
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    calls = []

    @public_page
    def view(request: HttpRequest) -> HttpResponse:
        calls.append(1)
        return HttpResponse("page")

    view(_anonymous_get())
    with django_capture_on_commit_callbacks(execute=True):
        invalidate_public_pages()
    view(_anonymous_get())
    assert len(calls) == 2
