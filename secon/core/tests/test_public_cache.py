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


# --- What a visitor can put in the key ------------------------------------------------------------------


def _counting_view(params: tuple[str, ...] = ()) -> tuple[Any, list[str]]:
    seen: list[str] = []

    @public_page(params=params)
    def view(request: HttpRequest) -> HttpResponse:
        seen.append(request.GET.urlencode())
        return HttpResponse(f"render {len(seen)}")

    return view, seen


def test_unknown_query_parameters_share_one_entry_and_never_reach_the_page(settings: Any) -> None:
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    view, seen = _counting_view(params=("page",))
    for n in range(450):
        assert view(_anonymous_get(f"/pl/news/?x={n}&utm_source=a{n}")).content == b"render 1"
    assert seen == [""]


def test_declared_parameters_in_any_order_are_one_page(settings: Any) -> None:
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    view, seen = _counting_view(params=("page", "partner"))
    view(_anonymous_get("/pl/news/?page=2&partner=mazovia"))
    view(_anonymous_get("/pl/news/?partner=mazovia&junk=1&page=2"))
    view(_anonymous_get("/pl/news/?page=3&partner=mazovia"))
    assert seen == ["page=2&partner=mazovia", "page=3&partner=mazovia"]


def test_filling_the_page_cache_evicts_nothing_outside_it(settings: Any) -> None:
    from django.core.cache import cache

    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    cache.set("something-else", "kept", 300)
    view, seen = _counting_view(params=("page",))
    for n in range(450):  # more than the cache holds (300 by default)
        view(_anonymous_get(f"/pl/news/?page={n}"))
    assert len(seen) == 450
    assert cache.get("something-else") == "kept"


def test_the_host_header_is_not_part_of_the_key(settings: Any) -> None:
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    settings.ALLOWED_HOSTS = ["secon.example.org", "other.example.org"]
    view, seen = _counting_view()
    view(_anonymous_get("/pl/x/"))
    request = _anonymous_get("/pl/x/")
    request.META["HTTP_HOST"] = "other.example.org"
    view(request)
    assert len(seen) == 1


def test_language_links_of_a_cached_page_carry_no_unknown_parameters(client: Any, world: Any) -> None:
    html = client.get("/pl/news/?page=1&evil=%22%3E%3Cb%3E").content.decode()
    assert "evil" not in html
    assert 'href="/en/news/?page=1"' in html
