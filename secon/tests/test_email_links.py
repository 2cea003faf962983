"""Every link in the site's e-mails starts with SITE_URL, whatever address the form was posted to."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from conftest import World
from secon.registry.tests.join_builders import form_data, links_in

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SITE = "http://192.0.2.10:9000"
OTHER_HOST = "localhost:8000"  # an address the site also answers to, as behind a proxy or on another port


def test_the_password_reset_link_and_signature_follow_site_url(
    client: Client, world: World, settings: Any
) -> None:
    settings.SITE_URL = SITE
    client.post(reverse("account_reset_password"), {"email": world.staff.email}, HTTP_HOST=OTHER_HOST)
    [message] = mail.outbox
    assert links_in(message) and all(link.startswith(f"{SITE}/") for link in links_in(message))
    assert OTHER_HOST not in f"{message.subject} {message.body}"
    assert "192.0.2.10:9000" in message.subject


def test_the_join_us_confirmation_and_its_opt_out_link_follow_site_url(
    client: Client, world: World, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.SITE_URL = SITE
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("public:join"), form_data(world.partner), HTTP_HOST=OTHER_HOST)
    [message] = mail.outbox
    links = links_in(message)
    assert any("/join/confirm/" in link for link in links) and any("/opt-out/" in link for link in links)
    assert all(link.startswith(f"{SITE}/") for link in links if "example.org" not in link)
    assert OTHER_HOST not in message.body


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({"BIND": "0.0.0.0:8081"}, "http://0.0.0.0:8081"),
        ({"BIND": "127.0.0.1:9000", "SITE_URL": "https://secon.example.org"}, "https://secon.example.org"),
        ({}, "http://127.0.0.1:8000"),
    ],
)
def test_site_url_follows_the_servers_address_unless_set(
    tmp_path: Path, variables: dict[str, str], expected: str
) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG", "BIND", "SITE_URL"}}
    env.update(DJANGO_SETTINGS_MODULE="secon.settings", SECON_VAR_DIR=str(tmp_path), **variables)
    code = "import django; django.setup(); from django.conf import settings; print(settings.SITE_URL)"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
