"""Rate limits: parsed at start-up, counted atomically in their own table, out of reach of the page cache."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse

from conftest import World
from secon.core import ratelimit
from secon.core.models import RateCounter
from secon.core.tests.race import ROOT, run_scenario
from secon.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

FIVE_AN_HOUR = (ratelimit.Rate(5, 3600),)


# --- Settings ------------------------------------------------------------------------------------------


def test_rates_read_count_period_and_whom_they_count() -> None:
    assert ratelimit.parse_rates("5/h") == (ratelimit.Rate(5, 3600, "ip"),)
    assert ratelimit.parse_rates("10/m/ip, 5/5m/key") == (
        ratelimit.Rate(10, 60, "ip"),
        ratelimit.Rate(5, 300, "key"),
    )
    assert ratelimit.parse_rates("20/30s") == (ratelimit.Rate(20, 30, "ip"),)


@pytest.mark.parametrize("text", ["", "5", "5/fortnight", "five/h", "0/h", "5/h/user", "5/h,", "-1/h"])
def test_a_malformed_rate_is_refused_with_a_message_naming_the_limit(text: str) -> None:
    with pytest.raises(ImproperlyConfigured, match=r"'join'.*5/h"):
        ratelimit.parse_rates(text, name="join")


def _start(**env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment.update(DJANGO_SETTINGS_MODULE="secon.settings", PYTHONPATH=str(ROOT), **env)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_site_does_not_start_with_a_bad_rate_setting() -> None:
    assert _start().returncode == 0
    started = _start(JOIN_RATE_LIMIT="5/fortnight")
    assert started.returncode != 0
    assert "ImproperlyConfigured" in started.stderr
    assert "'5/fortnight'" in started.stderr
    started = _start(LOGIN_FAILED_RATE="10/m/ip,5/5m/person")
    assert started.returncode != 0
    assert "'login_failed'" in started.stderr


def test_the_site_does_not_start_with_a_trusted_proxy_that_is_not_an_address() -> None:
    started = _start(TRUSTED_PROXIES="127.0.0.1,proxy.local")
    assert started.returncode != 0
    assert "TRUSTED_PROXIES" in started.stderr
    assert "'proxy.local'" in started.stderr


# --- Counting ------------------------------------------------------------------------------------------


def _hits(count: int, *, now: float, ip: str = "192.0.2.1") -> list[bool]:
    return [ratelimit.hit("t", ip=ip, fixed=FIVE_AN_HOUR, now=now).allowed for _ in range(count)]


def test_the_limit_lets_five_through_and_refuses_the_sixth() -> None:
    assert _hits(6, now=1800.0) == [True] * 5 + [False]
    assert ratelimit.exceeded("t", ip="192.0.2.1", fixed=FIVE_AN_HOUR, now=1800.0)
    assert not ratelimit.exceeded("t", ip="192.0.2.2", fixed=FIVE_AN_HOUR, now=1800.0)


def test_a_refused_attempt_is_not_counted() -> None:
    _hits(20, now=1800.0)
    assert RateCounter.objects.get().count == 5


def test_a_burst_across_the_window_boundary_does_not_get_twice_the_limit() -> None:
    assert _hits(5, now=3599.0) == [True] * 5
    # One second into the next window almost all of the previous window still counts.
    assert _hits(5, now=3601.0) == [False] * 5
    # Half-way through, half of it does.
    assert _hits(5, now=3600.0 + 1800.0) == [True, True, False, False, False]
    # Two periods later everything is forgotten.
    assert _hits(6, now=3 * 3600.0 + 1.0) == [True] * 5 + [False]


def test_addresses_of_one_ipv6_network_share_a_limit() -> None:
    for n in range(5):
        assert ratelimit.hit("t", ip=f"2001:db8:1:2::{n + 1}", fixed=FIVE_AN_HOUR, now=10.0)
    assert not ratelimit.hit("t", ip="2001:db8:1:2:ffff::1", fixed=FIVE_AN_HOUR, now=10.0)
    assert ratelimit.hit("t", ip="2001:db8:1:3::1", fixed=FIVE_AN_HOUR, now=10.0)


def test_when_one_rate_refuses_the_others_give_their_count_back() -> None:
    both = (ratelimit.Rate(10, 60, "ip"), ratelimit.Rate(2, 300, "key"))
    assert ratelimit.hit("l", ip="192.0.2.1", key="a@example.org", fixed=both, now=10.0)
    assert ratelimit.hit("l", ip="192.0.2.1", key="a@example.org", fixed=both, now=10.0)
    assert not ratelimit.hit("l", ip="192.0.2.1", key="a@example.org", fixed=both, now=10.0)
    counts = sorted(RateCounter.objects.values_list("count", flat=True))
    assert counts == [2, 2]


def test_a_given_back_attempt_frees_its_place() -> None:
    attempt = ratelimit.hit("t", ip="192.0.2.1", fixed=FIVE_AN_HOUR, now=10.0)
    attempt.give_back()
    assert RateCounter.objects.get().count == 0


def test_the_table_keeps_no_address_or_email() -> None:
    ratelimit.hit(
        "l", ip="192.0.2.44", key="Anna@Example.org", fixed=(ratelimit.Rate(5, 60, "key"),), now=1.0
    )
    ratelimit.hit("t", ip="192.0.2.44", fixed=FIVE_AN_HOUR, now=1.0)
    stored = " ".join(f"{row.scope} {row.subject}" for row in RateCounter.objects.all())
    assert "192.0.2.44" not in stored
    assert "anna" not in stored.lower()


def test_windows_that_no_longer_matter_are_deleted_as_new_counts_are_written() -> None:
    _hits(3, now=10.0)
    assert RateCounter.objects.count() == 1
    _hits(1, now=2 * 3600.0 + 10.0, ip="192.0.2.99")  # the first row's window and the next one are over
    assert list(RateCounter.objects.values_list("window", flat=True)) == [2]
    assert RateCounter.objects.get().expires_at == dt.datetime(1970, 1, 1, 4, tzinfo=dt.UTC)


@pytest.mark.django_db(transaction=True)
def test_thirty_parallel_attempts_let_exactly_five_through(tmp_path: Path) -> None:
    # In a fresh process, on the real database as configured in production (see race.py).
    result = run_scenario("secon.core.tests.race:limiter_burst", tmp_path)
    assert result["errors"] == []
    assert result["allowed"] == 5


# --- Out of reach of the page cache ---------------------------------------------------------------------


def test_450_cached_pages_do_not_reset_the_login_throttle(
    client: Client, world: World, settings: Any
) -> None:
    # The flood that reset it before: every distinct URL of a public page became a cache entry, and the
    # cache culled its oldest entries, the login counters among them.
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    login = reverse("account_login")
    for _ in range(5):
        client.post(login, {"login": world.staff.email, "password": "wrong"})
    visitor = Client()
    for n in range(450):
        assert visitor.get(f"/pl/news/?page={n}").status_code in (200, 404)
        visitor.get(f"/pl/news/?x={n}")
    response = client.post(login, {"login": world.staff.email, "password": "wrong-again"})
    assert "too_many_login_attempts" in [e.code for e in response.context["form"].errors.as_data()["__all__"]]


# --- The visitor's address ------------------------------------------------------------------------------


def _ip(remote: str, forwarded: str | None = None) -> str:
    from django.test import RequestFactory

    from secon.core.clientip import client_ip

    extra: dict[str, Any] = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(RequestFactory().get("/", **extra))


@pytest.mark.django_db(transaction=True)
def test_thousands_of_new_cache_keys_do_not_drop_a_second_factor_counter() -> None:
    """allauth counts wrong codes in the default cache: as shipped, filling it must not cull a counter."""
    from django.core.cache.backends.db import DatabaseCache
    from django.core.management import call_command

    import secon.settings as shipped

    params = shipped.CACHES["default"]
    call_command("createcachetable", "secon_test_counters", database="default", verbosity=0)
    cache = DatabaseCache("secon_test_counters", {**params, "LOCATION": "secon_test_counters"})
    cache.set("allauth:rl:mfa-auth-user-1", [1.0, 2.0, 3.0], 300)
    cache.set_many({f"allauth:rl:reset:{n}@example.org": [1.0] for n in range(3000)}, 300)
    assert cache.get("allauth:rl:mfa-auth-user-1") == [1.0, 2.0, 3.0]


def test_a_forwarded_for_header_from_anyone_but_a_trusted_proxy_is_ignored(settings: Any) -> None:
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert _ip("198.51.100.9", "203.0.113.1") == "198.51.100.9"
    assert _ip("198.51.100.9") == "198.51.100.9"


def test_behind_the_trusted_proxy_the_visitor_is_the_address_it_appended(settings: Any) -> None:
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    assert _ip("127.0.0.1", "203.0.113.1") == "203.0.113.1"
    # What the visitor wrote into the header comes first and is not believed.
    assert _ip("127.0.0.1", "1.1.1.1, 203.0.113.1") == "203.0.113.1"
    # A load balancer in front of the proxy: both are ours, so the visitor is the next one left.
    assert _ip("127.0.0.1", "1.1.1.1, 203.0.113.1, 10.0.0.5") == "203.0.113.1"
    assert _ip("127.0.0.1", "[2001:db8::1]:4431, 10.0.0.5") == "2001:db8::1"
    # Without a header, or with garbage a proxy would not write, the proxy's own address stays.
    assert _ip("127.0.0.1") == "127.0.0.1"
    assert _ip("127.0.0.1", "not-an-address") == "127.0.0.1"


def test_with_no_trusted_proxy_the_header_is_never_read(settings: Any) -> None:
    settings.TRUSTED_PROXIES = []
    assert _ip("127.0.0.1", "203.0.113.1") == "127.0.0.1"


def test_allauth_sees_the_same_visitor_address(settings: Any) -> None:
    from allauth.account.adapter import get_adapter
    from django.test import RequestFactory

    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    request = RequestFactory().post("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.1")
    assert get_adapter(request).get_client_ip(request) == "203.0.113.1"


def test_login_failures_behind_the_proxy_count_per_visitor(
    client: Client, world: World, settings: Any
) -> None:
    # 10 failures a minute per address: a visitor guessing across accounts is stopped, the next one is not.
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    login = reverse("account_login")
    guesser: dict[str, Any] = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.66"}
    for n in range(10):
        client.post(login, {"login": f"nobody{n}@example.org", "password": "wrong"}, **guesser)
    refused = client.post(login, {"login": world.staff.email, "password": "wrong"}, **guesser)
    assert "too_many_login_attempts" in [e.code for e in refused.context["form"].errors.as_data()["__all__"]]
    other = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.67")
    assert other.post(login, {"login": world.staff.email, "password": PASSWORD}).status_code == 302
