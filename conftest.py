"""Shared test setup: fast hashing, tasks run at once, the personas, and the real browser."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from secon.accounts.models import Role, User
from secon.projects.models import Partner, Project
from secon.tests.factories import make_partner, make_project, make_user

# Playwright's sync API keeps an event loop in the test thread; the ORM calls in tests are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(autouse=True)
def _fast_settings(settings: Any, tmp_path: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    settings.STAFF_REQUIRE_2FA = False
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    }
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _clear_cache(_fast_settings: None) -> Iterator[None]:
    # Depends on _fast_settings so that it clears the test's in-memory cache, not the database one.
    from django.core.cache import caches

    for alias in ("default", "pages"):
        caches[alias].clear()
    yield
    for alias in ("default", "pages"):
        caches[alias].clear()


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    # A request through the test client leaves its language active in the thread (LocaleMiddleware
    # activates and nothing deactivates): without this, a test could pass only because an earlier one
    # left English active. Each test starts and ends in the default language; `english` asks for more.
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@dataclass
class World:
    """A project with two partners and one user of every persona."""

    project: Project
    lead_partner: Partner
    partner: Partner
    other_partner: Partner
    admin: User
    lead: User
    coordinator: User
    staff: User
    other_staff: User
    stakeholder: User

    def personas(self) -> dict[str, User | None]:
        return {
            "anonymous": None,
            "stakeholder": self.stakeholder,
            "other_staff": self.other_staff,
            "staff": self.staff,
            "coordinator": self.coordinator,
            "lead": self.lead,
            "admin": self.admin,
        }


@pytest.fixture
def world(db: Any) -> World:
    project = make_project()
    lead_partner = make_partner(project, slug="lead", name="Lead", name_en="Lead", role="LP", order=0)
    project.lead_partner = lead_partner
    project.save()
    partner = make_partner(project, slug="mazovia", name="Mazowsze", name_en="Mazovia", order=5)
    other = make_partner(
        project,
        slug="extremadura",
        name="Extremadura",
        name_en="Extremadura",
        country="ES",
        nuts2="ES43",
        order=8,
    )
    return World(
        project=project,
        lead_partner=lead_partner,
        partner=partner,
        other_partner=other,
        admin=make_user(Role.ADMIN, email="admin@example.org"),
        lead=make_user(Role.LEAD_COORDINATOR, partner=lead_partner, email="lead@example.org"),
        coordinator=make_user(Role.COORDINATOR, partner=partner, email="coordinator@example.org"),
        staff=make_user(Role.STAFF, partner=partner, email="staff@example.org"),
        other_staff=make_user(Role.STAFF, partner=other, email="other@example.org"),
        stakeholder=make_user(Role.STAKEHOLDER, partner=partner, email="stakeholder@example.org"),
    )


def browser_available() -> bool:
    return shutil.which(CHROMIUM) is not None or os.path.exists(CHROMIUM)


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    if browser_available():
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(f"Chromium is required (REQUIRE_BROWSER=1) but {CHROMIUM} is missing.")
    skip = pytest.mark.skip(reason=f"Chromium not installed at {CHROMIUM}")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="pl-PL")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def time_machine_today(monkeypatch: Any) -> Any:
    """Pretend today is a given date (django.utils.timezone.localdate and now follow it)."""
    import datetime as dt

    from django.utils import timezone

    def travel(day: dt.date) -> None:
        moment = dt.datetime.combine(day, dt.time(12, 0), tzinfo=dt.UTC)
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return travel


@pytest.fixture
def count_queries(db: Any) -> Any:
    """Run a callable and return how many SQL queries it made (for "no N+1" tests)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(action: Any) -> int:
        with CaptureQueriesContext(connection) as context:
            action()
        return len(context.captured_queries)

    return count


@pytest.fixture
def demo(db: Any) -> None:
    """The demo data (`manage.py seed_demo`), as a person trying the platform sees it."""
    from django.core.management import call_command

    with open(os.devnull, "w") as devnull:
        call_command("seed_demo", stdout=devnull)


@pytest.fixture
def english(client: Any) -> Iterator[None]:
    """Read the interface in English (Polish is the default), in code and through the test client."""
    from django.conf import settings
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield
