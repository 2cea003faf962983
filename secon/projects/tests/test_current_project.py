"""The project every public page shows is read once per process until published content changes."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import HttpRequest
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from secon.core.cache import invalidate_public_pages
from secon.projects.current import project_for
from secon.projects.models import Programme, Project

pytestmark = pytest.mark.django_db


def _anonymous() -> HttpRequest:
    request = RequestFactory().get("/pl/")
    request.user = AnonymousUser()
    return request


def current_project() -> Project | None:
    return project_for(_anonymous())


def test_the_project_is_read_once_and_then_kept_in_the_process(world: Any) -> None:
    assert current_project() == world.project
    with CaptureQueriesContext(connection) as queries:
        assert current_project() == world.project
    assert not [q for q in queries.captured_queries if "projects_project" in q["sql"]]


def test_a_signed_in_user_always_gets_the_project_fresh(world: Any) -> None:
    current_project()
    Programme.objects.filter(pk=world.project.programme_id).update(name_en="Changed behind the copy")
    request = RequestFactory().get("/pl/")
    request.user = world.staff
    project = project_for(request)
    assert project is not None and project.programme.name_en == "Changed behind the copy"


def test_a_publish_makes_the_process_read_the_project_again(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    current_project()
    Programme.objects.filter(pk=world.project.programme_id).update(name_en="Interreg Europe 2021-2027")
    with django_capture_on_commit_callbacks(execute=True):
        invalidate_public_pages()
    project = current_project()
    assert project is not None and project.programme.name_en == "Interreg Europe 2021-2027"


def test_a_save_in_this_process_shows_at_once(world: Any) -> None:
    current_project()
    programme = world.project.programme
    programme.name_en = "Interreg Europe (renamed)"
    programme.save()
    project = current_project()
    assert project is not None and project.programme.name_en == "Interreg Europe (renamed)"


def test_an_admin_edit_shows_on_cached_public_pages_at_once(
    client: Any, world: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # Configuration edited in the admin shows on public pages; the admin drops the cached ones.
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    programme = world.project.programme
    assert "Interreg Europe" in client.get("/en/").content.decode()
    client.force_login(world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:projects_programme_change", args=[programme.pk]),
            {"name": programme.name, "name_en": "Interreg Europe – renamed in the admin", "website": ""},
        )
    assert response.status_code == 302
    client.logout()
    assert "Interreg Europe – renamed in the admin" in client.get("/en/").content.decode()
