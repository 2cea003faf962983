"""Security headers and deployment settings: CSP with no inline script, Permissions-Policy, no-store on the
back office, SITE_URL, and `check --deploy` clean for any configuration with DEBUG off."""

from __future__ import annotations

import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client
from django.urls import reverse

from secon.accounts.models import User
from secon.tests.browser import sign_in
from secon.tests.pages import back_office_paths, public_paths

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]
COORDINATOR = "koordynator@mazowsze.example"


def policy(response: object) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]  # type: ignore[index]
    directives = [part.split() for part in header.split(";") if part.strip()]
    return {name: values for name, *values in directives}


class InlineCode(HTMLParser):
    """Collects what a CSP without 'unsafe-inline' would block: inline scripts and styles, on…= handlers."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_inline_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script" and "src" not in names and names.get("type") != "application/json":
            self._in_inline_script = True
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style> element")
        self.found += [f"{name}= on <{tag}>" for name in names if name.startswith("on") or name == "style"]
        links = [value for value in names.values() if (value or "").strip().lower().startswith("javascript:")]
        self.found += [f"javascript: URL on <{tag}>" for _ in links]


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.found


def visited_pages(client: Client) -> dict[str, object]:
    """Every kind of page: public in both languages, back office, accounts, the admin, an error page."""
    responses: dict[str, object] = {}
    for path in [*public_paths("pl"), *public_paths("en"), "/pl/no-such-page/", reverse("account_login")]:
        responses[path] = client.get(path)
    admin = User.objects.get(role="admin")
    client.force_login(admin)
    for path in [reverse("admin:index"), reverse("admin:accounts_user_changelist")]:
        responses[path] = client.get(path)
    responses["/admin/accounts/user/<pk>/change/"] = client.get(
        reverse("admin:accounts_user_change", args=[admin.pk])
    )
    client.force_login(User.objects.get(email=COORDINATOR))
    for path in [*back_office_paths(), reverse("mfa_index"), reverse("account_change_password")]:
        responses[path] = client.get(path)
    return responses


def test_every_page_allows_only_the_sites_own_scripts_and_holds_no_inline_code(
    client: Client, demo: None
) -> None:
    problems: dict[str, list[str]] = {}
    for path, response in visited_pages(client).items():
        assert response.status_code in (200, 404), path  # type: ignore[attr-defined]
        csp = policy(response)
        assert csp["script-src"] == ["'self'"], path
        assert csp["style-src"] == ["'self'"], path
        assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'none'"], path
        found = inline_code(response.content.decode())  # type: ignore[attr-defined]
        if found:
            problems[path] = found
    assert not problems, problems


def test_the_totp_activation_page_shows_its_qr_code_under_the_policy(client: Client, demo: None) -> None:
    client.force_login(User.objects.get(email=COORDINATOR))
    response = client.get(reverse("mfa_activate_totp"), follow=True)
    assert "data:" in policy(response)["img-src"]
    assert not inline_code(response.content.decode())


def test_a_view_with_a_policy_of_its_own_keeps_it(rf: object) -> None:
    from django.http import HttpResponse

    from secon.core.headers import SecurityHeadersMiddleware

    def view(request: object) -> HttpResponse:
        response = HttpResponse("file")
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response

    response = SecurityHeadersMiddleware(view)(rf.get("/media/x.png"))  # type: ignore[attr-defined]
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_htmx_keeps_no_page_copies_and_reloads_whole_pages_on_history_navigation(
    client: Client, demo: None
) -> None:
    """Back-office pages hold personal data: htmx must not keep snapshots of them in the browser, and a
    back or forward to a page it changed must load the whole page (the views answer htmx with partials).
    Going back and forth is not driven in the browser here: the live test server shares one in-memory
    SQLite database between its threads, and the reload races the page's own requests."""
    import json

    page = client.get(reverse("public:home")).content.decode()
    config = json.loads(page.split('<meta name="htmx-config" content=\'', 1)[1].split("'>", 1)[0])
    assert config["historyCacheSize"] == 0
    assert config["refreshOnHistoryMiss"] is True


def test_pages_switch_off_camera_microphone_and_geolocation(client: Client, demo: None) -> None:
    header = client.get(reverse("public:home"))["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in header


def test_back_office_admin_account_pages_and_exports_are_never_stored(client: Client, demo: None) -> None:
    assert "no-store" not in client.get(reverse("public:home")).get("Cache-Control", "")
    assert "no-store" in client.get(reverse("account_login"))["Cache-Control"]
    client.force_login(User.objects.get(email=COORDINATOR))
    for path in [
        *back_office_paths(),
        reverse("manage:export_list", args=["people", "csv"]),
        reverse("manage:export_list", args=["organisations", "xlsx"]),
        reverse("admin:login"),
    ]:
        response = client.get(path)
        cache_control = response.get("Cache-Control", "")
        assert "no-store" in cache_control and "private" in cache_control, (path, response.status_code)


def test_second_factor_pages_are_never_stored(client: Client, demo: None, settings: object) -> None:
    coordinator = User.objects.get(email=COORDINATOR)
    TOTP.activate(coordinator, generate_totp_secret())
    client.force_login(coordinator)
    response = client.get(reverse("mfa_reauthenticate"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


# ---- settings, in a fresh process as the server would start ------------------------------------------

PRODUCTION_KEY = "t9Vq-2LmX8rZ4wP7sN1bH6cJ3dF0gA5eUyKoIiPl-_MnBvCxQe"


def run_settings(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    unwanted = {"SECRET_KEY", "DEBUG", "SECON_ENV", "ALLOWED_HOSTS", "SITE_URL", "DATABASE_URL"}
    unwanted |= {"DJANGO_ALLOW_ASYNC_UNSAFE", "SILENCED_SYSTEM_CHECKS", "SECURE_SSL_REDIRECT"}
    clean = {k: v for k, v in os.environ.items() if k not in unwanted}
    clean.update({"DJANGO_SETTINGS_MODULE": "secon.settings", **env})
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120, check=False
    )


def check_deploy(**env: str) -> subprocess.CompletedProcess[str]:
    return run_settings(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **env)


def production(tmp_path: Path) -> dict[str, str]:
    return {
        "SECON_ENV": "production",
        "SECRET_KEY": PRODUCTION_KEY,
        "ALLOWED_HOSTS": "secon.example.org",
        "SITE_URL": "https://secon.example.org",
        "SECON_VAR_DIR": str(tmp_path),
    }


def test_check_deploy_is_clean_in_production(tmp_path: Path) -> None:
    result = check_deploy(**production(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


def test_check_deploy_is_clean_for_make_run_on_the_loopback(tmp_path: Path) -> None:
    # What bin/run starts with nothing configured: DEBUG off, plain HTTP on 127.0.0.1.
    result = check_deploy(SECON_VAR_DIR=str(tmp_path), SITE_URL="http://127.0.0.1:8000")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_still_warns_about_plain_http_on_a_public_address(tmp_path: Path) -> None:
    result = check_deploy(SECON_VAR_DIR=str(tmp_path), SITE_URL="http://secon.example.org")
    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr + result.stdout


def test_each_local_installation_gets_a_random_secret_key_of_its_own(tmp_path: Path) -> None:
    show = ["-c", "from django.conf import settings; print(settings.SECRET_KEY)"]
    first = run_settings(show, SECON_VAR_DIR=str(tmp_path / "a"))
    again = run_settings(show, SECON_VAR_DIR=str(tmp_path / "a"))
    other = run_settings(show, SECON_VAR_DIR=str(tmp_path / "b"))
    assert first.returncode == 0, first.stderr
    assert first.stdout == again.stdout != other.stdout
    assert len(first.stdout.strip()) >= 50
    assert (tmp_path / "a" / "secret_key").stat().st_mode & 0o077 == 0


def test_production_refuses_to_start_without_site_url(tmp_path: Path) -> None:
    env = production(tmp_path)
    del env["SITE_URL"]
    result = run_settings(["-c", "import secon.settings"], **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "SITE_URL" in result.stderr


def test_a_site_url_that_is_not_an_address_is_refused(tmp_path: Path) -> None:
    result = run_settings(
        ["-c", "import secon.settings"], SECON_VAR_DIR=str(tmp_path), SITE_URL="secon.example.org"
    )
    assert result.returncode != 0
    assert "SITE_URL" in result.stderr


def test_https_settings_follow_the_site_url(tmp_path: Path) -> None:
    code = "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)"
    show = ["-c", code]
    https = run_settings(show, SECON_VAR_DIR=str(tmp_path), SITE_URL="https://secon.example.org")
    http = run_settings(show, SECON_VAR_DIR=str(tmp_path), SITE_URL="http://127.0.0.1:8000")
    assert https.stdout.split() == ["True", "31536000"], https.stderr
    assert http.stdout.split() == ["False", "0"], http.stderr


def site_url_under_make_run(**env: str) -> str:
    """SITE_URL as bin/run exports it (its lines up to that export, run without starting anything)."""
    lines = (ROOT / "bin" / "run").read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("ADDRESS="))
    end = next(i for i, line in enumerate(lines) if line.startswith("export SITE_URL="))
    script = "\n".join([*lines[start : end + 1], 'echo "$SITE_URL"'])
    clean = {k: v for k, v in os.environ.items() if k not in {"BIND", "SITE_URL"}}
    result = subprocess.run(
        ["bash", "-c", script], env={**clean, **env}, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_make_run_derives_site_url_from_bind_unless_it_is_set() -> None:
    assert site_url_under_make_run() == "http://127.0.0.1:8000"
    assert site_url_under_make_run(BIND="127.0.0.1:9000") == "http://127.0.0.1:9000"
    assert site_url_under_make_run(BIND="0.0.0.0:80", SITE_URL="https://x.example") == "https://x.example"


# ---- in the real browser: nothing the policy blocks, and htmx still works ------------------------------


def csp_reports(page: Any) -> list[str]:
    """Chromium logs every blocked script, style or eval as a console error naming the policy."""
    reports: list[str] = []
    page.on(
        "console",
        lambda message: reports.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return reports


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_htmx_filters_work_under_the_policy_and_nothing_is_blocked(
    page: Any, live_server: Any, demo: None
) -> None:
    reports = csp_reports(page)
    page.goto(live_server.url + reverse("public:home"))
    page.goto(live_server.url + reverse("account_login"))
    sign_in(page.context, live_server, COORDINATOR)
    htmx_requests: list[str] = []
    page.on(
        "request",
        lambda request: htmx_requests.append(request.url) if request.headers.get("hx-request") else None,
    )
    page.goto(live_server.url + reverse("manage:organisation_list"))
    select = page.locator("form.filters select").first
    with page.expect_response(lambda response: bool(response.request.headers.get("hx-request"))):
        select.select_option(index=1)
    assert htmx_requests, "the filter change did not go through htmx"
    page.wait_for_url(lambda url: "?" in url)  # hx-push-url put the filter in the address
    # The no-store page is not copied into the browser's storage by htmx.
    assert page.evaluate("sessionStorage.getItem('htmx-history-cache')") is None
    page.goto(live_server.url + reverse("admin:index"))
    assert not reports, reports
