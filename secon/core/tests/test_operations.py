"""Operations: the health check, the friendly CSRF page, JSON logs, and production settings that refuse
to start unsafely and pass `check --deploy`."""

from __future__ import annotations

import io
import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from conftest import World
from secon.core.logging import JsonFormatter

ROOT = Path(__file__).resolve().parents[3]


# ---- /healthz -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_healthz_answers_ok_when_the_database_answers(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_fails(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    # Patched only around the request, so the test database is whole again for the teardown.
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("database is down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert "database is down" not in response.content.decode()  # details go to the log, not the world
    assert any("health check" in record.getMessage() for record in caplog.records)


def test_healthz_needs_no_login_and_is_outside_the_language_prefix() -> None:
    assert reverse("healthz") == "/healthz"


# ---- CSRF -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_stale_csrf_token_gets_a_friendly_page_and_changes_nothing(world: World) -> None:
    from secon.projects.models import WorkItem

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.staff)
    client.get(reverse("manage:work_item_create"))  # sets the CSRF cookie
    response = client.post(
        reverse("manage:work_item_create"),
        {"csrfmiddlewaretoken": "stale" * 10, "title": "x", "semester": 3, "due_date": "2024-08-31"},
    )
    assert response.status_code == 403
    assert "core/csrf_failure.html" in [t.name for t in response.templates]
    body = response.content.decode()
    assert "<h1>" in body
    assert "Nothing was saved" in body or "Nic nie zostało zapisane" in body or "<main" in body
    assert not WorkItem.objects.exists()


@pytest.mark.django_db
def test_a_login_form_posted_without_its_cookie_gets_the_friendly_page() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_login"), {"login": "a@example.org", "password": "x"})
    assert response.status_code == 403
    assert "core/csrf_failure.html" in [t.name for t in response.templates]


# ---- structured logs ------------------------------------------------------------------------------


def test_json_formatter_writes_one_object_per_line_with_the_extra_fields() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("secon.test.jsonlog")
    logger.handlers = [handler]
    logger.propagate = False
    logger.setLevel(logging.INFO)

    logger.info("import finished: %s rows", 12, extra={"path": "/manage/import/", "rows": 12})
    logger.warning("second line\nwith a newline", extra={"partner": object()})
    try:
        raise ValueError("boom")
    except ValueError:
        logger.exception("failed")

    lines = stream.getvalue().splitlines()
    assert len(lines) == 3
    first, second, third = (json.loads(line) for line in lines)
    assert first["message"] == "import finished: 12 rows"
    assert first["level"] == "INFO"
    assert first["logger"] == "secon.test.jsonlog"
    assert first["path"] == "/manage/import/"
    assert first["rows"] == 12
    assert "time" in first
    assert second["message"] == "second line\nwith a newline"
    assert isinstance(second["partner"], str)
    assert "ValueError: boom" in third["exception"]


# ---- production settings --------------------------------------------------------------------------

# A made-up key of the length and variety `check --deploy` asks for; never used outside these tests.
PRODUCTION_KEY = "k3Y-x7Qp9LmZ2vR8tW4sN6bH1cJ5dF0gA3eUyKoIiPl-_MnBvC"


def _run(code_or_args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    # Start from this environment minus what the test sets, and minus the test-only async override
    # (conftest sets DJANGO_ALLOW_ASYNC_UNSAFE for Playwright; check --deploy rightly rejects it).
    unwanted = {
        "SECRET_KEY",
        "DEBUG",
        "SECON_ENV",
        "ALLOWED_HOSTS",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "DATABASE_URL",
        "SITE_URL",
    }
    clean = {k: v for k, v in os.environ.items() if k not in unwanted}
    clean.update({"DJANGO_SETTINGS_MODULE": "secon.settings", **env})
    return subprocess.run(
        [sys.executable, *code_or_args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _production_env(tmp_path: Path) -> dict[str, str]:
    return {
        "SECON_ENV": "production",
        "SECRET_KEY": PRODUCTION_KEY,
        "ALLOWED_HOSTS": "secon.example.org",
        "SITE_URL": "https://secon.example.org",
        "SECON_VAR_DIR": str(tmp_path),
    }


def test_production_settings_pass_check_deploy(tmp_path: Path) -> None:
    assert len(PRODUCTION_KEY) == 50
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **_production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    env = _production_env(tmp_path)
    del env["SECRET_KEY"]
    result = _run(["-c", "import secon.settings"], **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_the_local_development_key(tmp_path: Path) -> None:
    from secon.settings import DEV_SECRET_KEY

    result = _run(
        ["-c", "import secon.settings"], **{**_production_env(tmp_path), "SECRET_KEY": DEV_SECRET_KEY}
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_with_debug_on(tmp_path: Path) -> None:
    result = _run(["-c", "import secon.settings"], **_production_env(tmp_path), DEBUG="1")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DEBUG" in result.stderr


def test_local_settings_start_with_no_configuration_at_all(tmp_path: Path) -> None:
    result = _run(
        ["-c", "import secon.settings as s; print(s.DEBUG, s.DATABASES['default']['ENGINE'])"],
        SECON_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "django.db.backends.sqlite3"]


# ---- the operations guide -------------------------------------------------------------------------


def _variables_read(path: Path, pattern: str) -> set[str]:
    return set(re.findall(pattern, path.read_text()))


def test_operations_guide_documents_every_environment_variable() -> None:
    settings_vars = _variables_read(ROOT / "secon" / "settings.py", r'env[a-z]*\(\s*"([A-Z][A-Z0-9_]+)"')
    server_vars = _variables_read(ROOT / "gunicorn.conf.py", r'environ\.get\(\s*"([A-Z][A-Z0-9_]+)"')
    assert "SECRET_KEY" in settings_vars and "BIND" in server_vars  # the patterns still find them
    guide = (ROOT / "docs" / "operations.md").read_text()
    documented = set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|", guide, flags=re.MULTILINE))
    missing = sorted((settings_vars | server_vars) - documented)
    assert not missing, f"docs/operations.md does not describe: {missing}"
