"""Every URL of the site, fed malformed parameters: 404 or a message, never a server error.

The walk finds every URL pattern through `get_resolver()` (a new view is fuzzed the day it is added),
puts a hostile value into one path parameter at a time — the others keep working values, so the
hostile one is the one the view meets — and then adds hostile values for every query-string parameter
the site reads. Each persona that reaches different code is tried: anonymous, partner staff, admin.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import World
from secon.core.tests.test_access_walk import URL_CASES, no_arguments

pytestmark = pytest.mark.django_db

HOSTILE_VALUES = (
    "99999999999999999999",  # more than any database integer (OverflowError before the fix)
    str(2**63),  # one more than the largest bigint
    "-1",
    "0",
    "abc",
    "1.5",
    "١٢٣",  # Arabic-Indic digits: str.isdigit() says yes, the database does not
    "zażółć",
    "../../etc/passwd",
    "%00",
    "x" * 3000,
)

# Every query-string parameter some page reads, by name.
QUERY_PARAMETERS = (
    "partner",
    "page",
    "sort",
    "q",
    "status",
    "kind",
    "semester",
    "type",
    "helix",
    "territory",
    "theme",
    "role",
    "language",
    "find",
    "on",
    "date",
    "next",
    "format",
    "rows",
)

FUZZ_PERSONAS = ("anonymous", "staff", "admin")
POSTED = ("=99999999999999999999", "=abc", "=-1", "=xxxxxxxxxx")


@dataclass(frozen=True)
class Route:
    """One URL pattern: its name and a template such as `manage/news/{pk}/{language}/`."""

    name: str
    template: str
    parameters: tuple[str, ...]


_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>")


def _regex_template(regex: str) -> str:
    """`^confirm-email/(?P<key>[-:\\w]+)/$` -> `confirm-email/{key}/` (groups with nested brackets too)."""
    out, position = [], 0
    regex = regex.removeprefix("^").removesuffix("$").removesuffix(r"\Z")
    while match := _GROUP.search(regex, position):
        out.append(regex[position : match.start()])
        depth, index = 1, match.end()
        while depth:
            depth += {"(": 1, ")": -1}.get(regex[index], 0) if regex[index - 1] != "\\" else 0
            index += 1
        out.append("{" + match["name"] + "}")
        position = index
    out.append(regex[position:])
    return "".join(out).replace("\\", "")


def _route_template(route: str) -> str:
    return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)


def _template_part(pattern: Any) -> str:
    if isinstance(pattern, LocalePrefixPattern):
        return pattern.language_prefix
    if isinstance(pattern, RoutePattern):
        return _route_template(str(pattern))
    if isinstance(pattern, RegexPattern):
        return _regex_template(str(pattern))
    raise AssertionError(f"Unknown URL pattern type {type(pattern)}")


def _walk(entries: list[Any], parts: tuple[str, ...], namespaces: tuple[str, ...]) -> Iterator[Route]:
    for entry in entries:
        if isinstance(entry, URLResolver):
            inner = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from _walk(entry.url_patterns, (*parts, _template_part(entry.pattern)), inner)
        elif isinstance(entry, URLPattern):
            template = "/" + "".join((*parts, _template_part(entry.pattern)))
            name = ":".join((*namespaces, entry.name or template))
            yield Route(name, template, tuple(re.findall(r"\{(\w+)\}", template)))


def every_route() -> list[Route]:
    with translation.override("pl"):
        return list(_walk(get_resolver().url_patterns, (), ()))


def _url(route: Route, values: dict[str, Any]) -> str:
    return route.template.format(**{name: quote(str(value), safe="/%") for name, value in values.items()})


def _working_values(route: Route, world: World, news_pk: int) -> dict[str, Any]:
    """Parameters that reach the view's own code: real objects of world.partner where the walk has them."""
    short = route.name.removeprefix("manage:")
    if route.name.startswith("manage:") and short in URL_CASES:
        values = dict(URL_CASES[short].kwargs(world))
    else:
        values = {}
    defaults = {"pk": news_pk, "slug": world.partner.slug, "language": "pl", "token": "abc", "key": "abc"}
    return {name: values.get(name, defaults.get(name, "1")) for name in route.parameters}


def _client_as(world: World, persona: str) -> Client:
    client = Client(raise_request_exception=False)
    user = world.personas()[persona]
    if user is not None:
        client.force_login(user)
    return client


def _published_news(world: World) -> int:
    from secon.news.tests.builders import make_news, published

    return make_news(world.partner, {"pl": published(), "en": published()}).pk


def _failures(client: Client, method: str, urls: list[str]) -> list[str]:
    failed = []
    for url in urls:
        response = client.get(url) if method == "get" else client.post(url, {})
        if response.status_code >= 500:
            failed.append(f"{method.upper()} {url[:160]} -> {response.status_code}")
    return failed


def test_the_walk_finds_the_site() -> None:
    names = {route.name for route in every_route()}
    assert {"public:news_detail_short", "manage:record_history", "manage:organisation_list"} <= names


@pytest.mark.parametrize("persona", FUZZ_PERSONAS)
def test_no_path_parameter_causes_a_server_error(world: World, persona: str) -> None:
    client = _client_as(world, persona)
    news_pk = _published_news(world)
    failed: list[str] = []
    for route in every_route():
        for parameter in route.parameters:
            working = _working_values(route, world, news_pk)
            urls = [_url(route, {**working, parameter: value}) for value in HOSTILE_VALUES]
            failed += _failures(client, "get", urls)
            if route.name.startswith("manage:"):
                failed += _failures(client, "post", urls)
    assert not failed, "Server errors on malformed path parameters:\n" + "\n".join(failed)


@pytest.mark.parametrize("persona", FUZZ_PERSONAS)
def test_no_query_parameter_causes_a_server_error(world: World, persona: str) -> None:
    client = _client_as(world, persona)
    news_pk = _published_news(world)
    failed: list[str] = []
    for route in every_route():
        if route.name.startswith("admin:") or route.name.startswith("/media/"):
            continue  # Django's own admin validates its query strings; media paths take none.
        base = _url(route, _working_values(route, world, news_pk))
        urls = [f"{base}?{urlencode(dict.fromkeys(QUERY_PARAMETERS, value))}" for value in HOSTILE_VALUES]
        failed += _failures(client, "get", urls)
        if route.name.startswith("manage:"):
            # Forms read their query string as their page does: a few kinds of value are enough here.
            failed += _failures(client, "post", [url for url in urls if any(v in url for v in POSTED)])
    assert not failed, "Server errors on malformed query parameters:\n" + "\n".join(failed)


# ---- the cases of the report, named, so a regression says what broke ---------------------------------


@pytest.mark.parametrize(
    ("persona", "url"),
    [
        ("anonymous", "/en/news/99999999999999999999/"),
        ("anonymous", "/pl/news/99999999999999999999-slug/"),
        ("coordinator", "/manage/history/registry.organisation/abc/"),
        ("coordinator", "/manage/history/registry.organisation/99999999999999999999/"),
        ("coordinator", "/manage/history/no.such-model/1/"),
        ("admin", "/manage/?partner=abc"),
        ("admin", "/manage/?partner=99999999999999999999"),
        ("admin", "/manage/registry/stakeholder-group/?partner=abc"),
        ("lead", "/manage/registry/stakeholder-group/?partner=-1"),
    ],
)
def test_a_malformed_id_is_a_page_that_does_not_exist(world: World, persona: str, url: str) -> None:
    response = _client_as(world, persona).get(url)
    assert response.status_code == 404, url


def test_a_malformed_partner_in_a_member_form_post_is_not_found(world: World) -> None:
    client = _client_as(world, "admin")
    response = client.post("/manage/registry/stakeholder-group/new/", {"partner": "abc"})
    assert response.status_code == 404


# ---- a bounded fuzz of the query strings of the busiest lists -----------------------------------------

LIST_PAGES = (
    "/manage/registry/organisations/",
    "/manage/registry/people/",
    "/manage/work-plan/",
    "/manage/news/",
    "/manage/join-requests/",
    "/manage/registry/stakeholder-group/",
    "/pl/news/",
)
_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
_query = st.dictionaries(
    st.sampled_from(QUERY_PARAMETERS) | _text, _text | st.integers().map(str), max_size=6
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(LIST_PAGES), query=_query)
def test_list_pages_survive_any_query_string(world: World, path: str, query: dict[str, str]) -> None:
    response = _client_as(world, "admin").get(f"{path}?{urlencode(query)}")
    assert response.status_code < 500, f"{path}?{urlencode(query)}"


# ---- dates at the ends of the calendar in every form that takes one -----------------------------------

EXTREME_DATES = ("0001-01-01", "9999-12-31", "1899-12-31", "2200-01-01")
# Forms with a date that the access walk posts without one.
DATED_FORM_DATA = {"news_publish": {"published_at": "2024-05-02T10:00"}}


def _dated_forms() -> Iterator[Any]:
    for name, case in URL_CASES.items():
        if case.post is not None and (case.data is not no_arguments or name in DATED_FORM_DATA):
            yield pytest.param(name, id=name)


def _date_fields(data: dict[str, Any]) -> list[str]:
    return [
        key for key, value in data.items() if re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?", str(value))
    ]


@pytest.mark.parametrize("name", list(_dated_forms()))
def test_a_date_at_the_ends_of_the_calendar_gets_a_field_message(world: World, name: str) -> None:
    from django.urls import reverse

    case = URL_CASES[name]
    client = _client_as(world, "coordinator")
    data = {**case.data(world), **DATED_FORM_DATA.get(name, {})}
    for field in _date_fields(data):
        for extreme in EXTREME_DATES:
            value = extreme + ("T00:00" if "T" in str(data[field]) else "")
            url = reverse(f"manage:{name}", kwargs=case.kwargs(world))
            response = client.post(url, {**data, field: value})
            assert response.status_code == 200, f"{name} {field}={value}: {response.status_code}"
            assert "1900-01-01" in response.content.decode(), f"{name} {field}={value}: no field message"


def _all_form_classes() -> Iterator[type[Any]]:
    import importlib
    import pkgutil

    from django import forms

    import secon

    for module in pkgutil.walk_packages(secon.__path__, "secon."):
        if module.name.rsplit(".", 1)[-1].endswith("forms"):
            importlib.import_module(module.name)
    pending: list[type[Any]] = [forms.BaseForm]
    while pending:
        cls = pending.pop()
        pending += cls.__subclasses__()
        # The forms of the site itself; Django's admin (platform administrators only) keeps its own.
        if cls.__module__.startswith("secon.") and cls.__module__.endswith("forms"):
            yield cls


def test_every_date_field_of_every_form_is_bounded() -> None:
    from django import forms

    from secon.core.forms import BoundedDateField, BoundedDateTimeField

    unbounded = sorted(
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in _all_form_classes()
        for name, field in cls.base_fields.items()
        if isinstance(field, forms.DateField | forms.DateTimeField)
        and not isinstance(field, BoundedDateField | BoundedDateTimeField)
    )
    assert not unbounded, f"Use secon.core.forms.BoundedDate(Time)Field for: {unbounded}"
