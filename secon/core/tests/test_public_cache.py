"""The public-page cache serves anonymous visitors the same page, but never a page with a CSRF token."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.contrib import messages
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.template import Context, RequestContext, Template
from django.test import Client, RequestFactory
from django.urls import path

from secon.core.cache import VERSION_KEY, invalidate_public_pages, page_cache, public_page

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


# --- Anonymous hits answered before sessions, auth and the view (PublicPageCacheMiddleware) ------------

RENDERS: list[str] = []


def _plain_view(request: HttpRequest) -> HttpResponse:
    RENDERS.append(request.path)
    template = "{% for m in messages %}[{{ m }}]{% endfor %}{{ user.get_username }} render {{ n }}"
    return HttpResponse(Template(template).render(RequestContext(request, {"n": len(RENDERS)})))


def _form_view(request: HttpRequest) -> HttpResponse:
    RENDERS.append(request.path)
    return HttpResponse(Template("<form>{% csrf_token %}</form>").render(RequestContext(request)))


def _leave_message(request: HttpRequest) -> HttpResponse:
    messages.success(request, "Zapisano")
    return redirect("/pl/plain/")


urlpatterns = i18n_patterns(
    path("plain/", public_page(_plain_view)),
    path("form/", public_page(_form_view)),
    path("leave-message/", _leave_message),
)


@pytest.fixture
def pages(settings: Any) -> Iterator[list[str]]:
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    settings.ROOT_URLCONF = __name__
    RENDERS.clear()
    yield RENDERS
    RENDERS.clear()


def test_an_anonymous_hit_is_answered_before_the_session_middleware_runs(
    pages: list[str], client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    sessions = []
    original = SessionMiddleware.process_request

    def counted(self: SessionMiddleware, request: HttpRequest) -> None:
        sessions.append(1)
        original(self, request)

    monkeypatch.setattr(SessionMiddleware, "process_request", counted)
    first = client.get("/pl/plain/")
    for _ in range(3):
        again = client.get("/pl/plain/")
        assert again.content == first.content == b" render 1"
        assert again["Content-Language"] == "pl"
        assert again["Content-Security-Policy"]
    assert pages == ["/pl/plain/"]
    assert sessions == [1]


def test_a_signed_in_visitors_session_cookie_never_gets_the_cached_page(
    pages: list[str], client: Client, world: Any
) -> None:
    Client().get("/pl/plain/")
    Client().get("/pl/plain/")  # stored, and answered early
    client.force_login(world.staff)
    html = client.get("/pl/plain/").content.decode()
    assert world.staff.get_username() in html
    assert html.endswith("render 2")
    assert len(pages) == 2


def test_a_page_with_a_csrf_token_is_never_stored_even_with_the_whole_middleware(
    pages: list[str], client: Client
) -> None:
    first = Client().get("/pl/form/")
    second = Client().get("/pl/form/")
    third = client.get("/pl/form/")
    again = client.get("/pl/form/")  # a visitor who already holds the CSRF cookie
    assert len(pages) == 4
    assert "csrftoken" in first.cookies
    assert len({first.content, second.content, third.content, again.content}) == 4


def test_a_page_that_showed_a_visitors_message_is_never_served_to_the_next_visitor(
    pages: list[str], client: Client
) -> None:
    shown = client.get("/pl/leave-message/", follow=True).content.decode()
    assert "[Zapisano]" in shown
    assert "Zapisano" not in Client().get("/pl/plain/").content.decode()


def test_a_publish_is_visible_at_once_to_visitors_answered_early(
    pages: list[str], client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    client.get("/pl/plain/")
    client.get("/pl/plain/")
    with django_capture_on_commit_callbacks(execute=True):
        invalidate_public_pages()
    assert client.get("/pl/plain/").content == b" render 2"
    assert client.get("/pl/plain/").content == b" render 2"


def test_a_lost_version_never_brings_back_a_page_stored_under_an_older_one(
    pages: list[str], client: Client, settings: Any
) -> None:
    settings.PUBLIC_PAGE_VERSION_SECONDS = 0  # every hit asks the cache
    client.get("/pl/plain/")
    page_cache().delete(VERSION_KEY)
    assert client.get("/pl/plain/").content == b" render 2"


def test_a_request_for_another_host_is_refused_before_the_cache_answers(
    pages: list[str], client: Client
) -> None:
    client.get("/pl/plain/")
    assert client.get("/pl/plain/", HTTP_HOST="evil.example.org").status_code == 400


# ---- the real site, at the HTTP boundary: whatever serves the cache, a signed-in visitor is never served
# a page rendered for someone else -------------------------------------------------------------------


@pytest.mark.parametrize(
    "email", ["interesariusz@mazowsze.example", "pracownik@mazowsze.example", "admin@secon.example"]
)
def test_a_signed_in_visitor_never_gets_a_cached_public_page(settings: Any, demo: None, email: str) -> None:
    from secon.accounts.models import User
    from secon.projects.models import Project
    from secon.tests.pages import public_paths

    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    urls = public_paths("pl") + public_paths("en")
    visitor = Client()
    for url in urls:
        visitor.get(url)
        visitor.get(url)
    # Changed behind the cache's back (no invalidation), on every page: what is cached is now stale.
    stale = f">{Project.objects.get().acronym}<"
    Project.objects.update(acronym="NOWY-SKRÓT")
    stale_for_anonymous = [url for url in urls if stale in Client().get(url).content.decode()]
    assert {"/pl/", "/en/", "/pl/partners/"} <= set(stale_for_anonymous), "the cache served nothing"

    visitor.force_login(User.objects.get(email=email))
    for url in urls:
        response = visitor.get(url)
        assert response.status_code == 200, url
        assert ">NOWY-SKRÓT<" in response.content.decode(), f"{url} came from the cache"
        assert "public" not in response.get("Cache-Control", ""), f"{url} may be kept by a shared cache"


def test_a_hit_while_the_version_is_trusted_costs_no_cache_round_trip(
    pages: list[str], client: Client, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.PUBLIC_PAGE_VERSION_SECONDS = 60
    client.get("/pl/plain/")

    def unreachable(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the cache was asked")

    monkeypatch.setattr(page_cache(), "get_many", unreachable)
    assert client.get("/pl/plain/").content == b" render 1"


def test_a_publish_in_this_process_is_visible_at_once_while_the_version_is_trusted(
    pages: list[str], client: Client, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.PUBLIC_PAGE_VERSION_SECONDS = 60
    client.get("/pl/plain/")
    client.get("/pl/plain/")
    with django_capture_on_commit_callbacks(execute=True):
        invalidate_public_pages()
    assert client.get("/pl/plain/").content == b" render 2"
