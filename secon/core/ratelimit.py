"""Rate limits that no cache eviction can reset and no burst of parallel requests can outrun.

A limit has a name and a rate in settings.RATE_LIMITS, e.g. `"join": "5/h"` or
`"login_failed": "10/m/ip,5/5m/key"` (count / period / per whom: `ip` by default, or `key`, a value
the caller names such as an account's e-mail). Every rate is parsed when the site starts
(`check_settings`, from the core app's ready()), so a typo stops the start-up with a clear message
instead of switching a limit off.

Counting happens in the database table of `RateCounter`, never in the cache: public pages are cached
by URL, and a visitor who can fill the cache must not be able to push a counter out of it. A hit is
one conditional UPDATE (`count = count + 1 WHERE count < budget`), which both SQLite (one writer at a
time) and PostgreSQL (row lock, the condition re-checked after waiting) apply atomically, so N parallel
requests let exactly as many through as the limit allows.

Windows slide: the budget of the current fixed window is the limit less the share of the previous
window's hits that still falls inside the last period, so a burst straddling a window boundary cannot
get twice the limit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import math
import re
import time
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import F

from secon.core.clientip import trusted_networks

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
PER = ("ip", "key")
_RATE = re.compile(r"(\d+)/(\d*)([smhd])(?:/(ip|key))?")
IPV6_PREFIX = 64  # one subscriber usually holds a whole /64; counting single addresses would be no limit


@dataclass(frozen=True)
class Rate:
    limit: int
    seconds: int
    per: str = "ip"

    def __str__(self) -> str:
        return f"{self.limit}/{self.seconds}s/{self.per}"


@lru_cache(maxsize=64)
def parse_rates(text: str, *, name: str = "rate") -> tuple[Rate, ...]:
    """`"10/m/ip,5/5m/key"` → two rates; raises ImproperlyConfigured, naming the setting, when malformed."""
    rates = []
    for part in str(text).split(","):
        match = _RATE.fullmatch(part.strip().replace(" ", ""))
        if match is None or int(match.group(1)) < 1:
            raise ImproperlyConfigured(
                f"The rate limit {name!r} must look like 5/h, 20/30m or 10/m/ip,5/5m/key "
                f"(a count of at least 1, a period in s, m, h or d, optionally /ip or /key), not {text!r}."
            )
        count, multiple, unit, per = match.groups()
        seconds = int(multiple or 1) * UNITS[unit]
        if seconds < 1:
            raise ImproperlyConfigured(
                f"The rate limit {name!r} needs a period of at least 1s, not {text!r}."
            )
        rates.append(Rate(int(count), seconds, per or "ip"))
    return tuple(rates)


def rates(name: str) -> tuple[Rate, ...]:
    """The rates of one named limit in settings.RATE_LIMITS."""
    try:
        text = settings.RATE_LIMITS[name]
    except KeyError:
        raise ImproperlyConfigured(f"RATE_LIMITS has no limit named {name!r}.") from None
    return parse_rates(str(text), name=name)


def check_settings() -> None:
    """Parse every configured limit and the trusted proxies once, at start-up; raise on the first bad one."""
    for name in settings.RATE_LIMITS:
        rates(name)
    trusted_networks()


def _subject(rate: Rate, *, ip: str, key: str | None) -> str:
    if rate.per == "key":
        if key is None:
            raise ImproperlyConfigured("A rate per key was configured for a limit that counts no key.")
        value = "key:" + key.strip().lower()
    else:
        try:
            address = ipaddress.ip_address(ip)
        except ValueError:
            value = "ip:" + ip
        else:
            if isinstance(address, ipaddress.IPv6Address):
                address = ipaddress.IPv6Network(f"{address}/{IPV6_PREFIX}", strict=False).network_address
            value = f"ip:{address}"
    # Hashed: the table holds neither addresses nor e-mails, and every subject fits the column.
    return hashlib.sha256(f"{rate}:{value}".encode()).hexdigest()


@dataclass(frozen=True)
class _Slot:
    scope: str
    subject: str
    window: int
    budget: int
    expires_at: dt.datetime


def _slot(name: str, rate: Rate, subject: str, now: float) -> _Slot:
    from secon.core.models import RateCounter

    window, into = divmod(now, rate.seconds)
    previous = (
        RateCounter.objects.filter(scope=name, subject=subject, window=int(window) - 1)
        .values_list("count", flat=True)
        .first()
        or 0
    )
    still_inside = previous * (1 - into / rate.seconds)
    return _Slot(
        scope=name,
        subject=subject,
        window=int(window),
        budget=rate.limit - math.ceil(still_inside),
        # Kept one window longer than its own: the next window weighs it.
        expires_at=dt.datetime.fromtimestamp((int(window) + 2) * rate.seconds, tz=dt.UTC),
    )


def _take(slot: _Slot) -> bool:
    from secon.core.models import RateCounter

    if slot.budget <= 0:
        return False
    rows = RateCounter.objects.filter(scope=slot.scope, subject=slot.subject, window=slot.window)
    if rows.filter(count__lt=slot.budget).update(count=F("count") + 1):
        return True
    RateCounter.objects.bulk_create(
        [RateCounter(scope=slot.scope, subject=slot.subject, window=slot.window, expires_at=slot.expires_at)],
        ignore_conflicts=True,  # another request may create the same row at the same moment
    )
    return bool(rows.filter(count__lt=slot.budget).update(count=F("count") + 1))


def _give_back(slot: _Slot) -> None:
    from secon.core.models import RateCounter

    RateCounter.objects.filter(
        scope=slot.scope, subject=slot.subject, window=slot.window, count__gt=0
    ).update(count=F("count") - 1)


def _purge(now: float) -> None:
    from secon.core.models import RateCounter

    RateCounter.objects.filter(expires_at__lt=dt.datetime.fromtimestamp(now, tz=dt.UTC)).delete()


@dataclass
class Hit:
    """One counted attempt; `give_back()` undoes it (e.g. a login that turned out to be right)."""

    allowed: bool
    slots: tuple[_Slot, ...] = ()
    retry_after: int = 0

    def __bool__(self) -> bool:
        return self.allowed

    def give_back(self) -> None:
        for slot in self.slots:
            _give_back(slot)
        self.slots = ()

    rollback = give_back  # the name django-allauth calls on a usage it wants undone


def _slots(
    name: str, *, ip: str, key: str | None, now: float, fixed: tuple[Rate, ...] | None
) -> list[tuple[Rate, _Slot]]:
    chosen = rates(name) if fixed is None else fixed
    return [(rate, _slot(name, rate, _subject(rate, ip=ip, key=key), now)) for rate in chosen]


def hit(
    name: str,
    *,
    ip: str = "",
    key: str | None = None,
    now: float | None = None,
    fixed: tuple[Rate, ...] | None = None,
) -> Hit:
    """Count one attempt against every rate of the limit; allowed only when each still has room.

    The rates are settings.RATE_LIMITS[name], or `fixed` for a limit that is not meant to be configured.
    When one rate refuses, the others give their count back, so a refused attempt uses up nothing.
    """
    now = time.time() if now is None else now
    _purge(now)
    taken: list[_Slot] = []
    for rate, slot in _slots(name, ip=ip, key=key, now=now, fixed=fixed):
        if not _take(slot):
            for earlier in taken:
                _give_back(earlier)
            retry = int(rate.seconds - now % rate.seconds) + 1
            return Hit(allowed=False, retry_after=retry)
        taken.append(slot)
    return Hit(allowed=True, slots=tuple(taken))


def exceeded(
    name: str,
    *,
    ip: str = "",
    key: str | None = None,
    now: float | None = None,
    fixed: tuple[Rate, ...] | None = None,
) -> bool:
    """True when the next attempt would be refused; counts nothing (a cheap early answer)."""
    from secon.core.models import RateCounter

    now = time.time() if now is None else now
    for _rate, slot in _slots(name, ip=ip, key=key, now=now, fixed=fixed):
        used = (
            RateCounter.objects.filter(scope=slot.scope, subject=slot.subject, window=slot.window)
            .values_list("count", flat=True)
            .first()
            or 0
        )
        if used >= slot.budget:
            return True
    return False


def clear(name: str, *, key: str, fixed: tuple[Rate, ...] | None = None) -> None:
    """Forget what was counted for this key (the limit's rates per key; rates per IP are kept)."""
    from secon.core.models import RateCounter

    chosen = rates(name) if fixed is None else fixed
    subjects = [_subject(rate, ip="", key=key) for rate in chosen if rate.per == "key"]
    RateCounter.objects.filter(scope=name, subject__in=subjects).delete()


def period_seconds(name: str) -> int:
    """The longest period of a limit: how long a refused visitor may have to wait at most."""
    return max(rate.seconds for rate in rates(name))
