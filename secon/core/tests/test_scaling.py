"""Two web processes and two task workers against one database behave as one installation.

Sessions and the login throttle live in the database, so a visitor may hit either process and a
password guesser gets one budget, not one per process; the task queue is claimed with row locks, so
each task runs exactly once whichever worker takes it, and both workers take work. Runs on the
database of the current test pass: a fresh SQLite file, or a fresh PostgreSQL database on the same server.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from django.conf import settings

from secon.projects.demo import DEMO_PASSWORD

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent
TASKS = 40


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def installation(tmp_path: Path) -> Iterator[dict[str, str]]:
    """The environment of a production installation on a database of its own."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        SECON_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL="http://127.0.0.1",  # plain HTTP on the loopback: no HTTPS redirect, no secure-only cookies
        STAFF_REQUIRE_2FA="0",  # signing in with TOTP is tested elsewhere
        SECON_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="secon.settings",
        PYTHONPATH=str(ROOT),
    )
    database = settings.DATABASES["default"]
    created = None
    if database["ENGINE"].endswith("postgresql"):
        import psycopg

        created = f"secon_scaling_{os.getpid()}"
        host, port = database["HOST"] or "127.0.0.1", database["PORT"] or 5432
        admin = f"postgresql://{database['USER']}:{database['PASSWORD']}@{host}:{port}"
        with psycopg.connect(f"{admin}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{created}"')
            connection.execute(f'CREATE DATABASE "{created}"')
        env["DATABASE_URL"] = f"{admin}/{created}"
    manage = [str(BIN / "python"), str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "createcachetable"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "collectstatic", "--no-input", "-v", "0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "seed_demo"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    yield env
    if created:
        import psycopg

        with psycopg.connect(f"{admin}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{created}" WITH (FORCE)')


def _start_web(env: dict[str, str], log: Path) -> tuple[subprocess.Popen[bytes], str]:
    # The production web server as bin/run starts it (bin/web), one worker process each.
    port = _free_port()
    env = {**env, "BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "1"}
    command = [str(ROOT / "bin" / "web")]
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise AssertionError(f"web process did not start: {log.read_text()[-2000:]}")


def _sign_in(url: str, login: str, password: str) -> httpx.Response:
    """Post the sign-in form of one web process, in English, as a browser would."""
    # Production cookies are marked Secure and these servers speak plain HTTP on the loopback, so the
    # test sends them itself.
    with httpx.Client(base_url=url, headers={"Accept-Language": "en"}) as client:
        page = client.get("/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert token is not None
        return client.post(
            "/accounts/login/",
            data={"csrfmiddlewaretoken": token.group(1), "login": login, "password": password},
            headers={"Referer": url + "/accounts/login/", "Cookie": f"csrftoken={page.cookies['csrftoken']}"},
        )


@pytest.mark.django_db
def test_two_web_processes_and_two_workers_behave_as_one(
    installation: dict[str, str], tmp_path: Path
) -> None:
    web_a, url_a = _start_web(installation, tmp_path / "a.log")
    web_b, url_b = _start_web(installation, tmp_path / "b.log")
    try:
        # Sign in on process A, carry on on process B: the session is shared.
        response = _sign_in(url_a, "koordynator@mazowsze.example", DEMO_PASSWORD)
        assert response.status_code == 302, response.text[:500]
        session = response.cookies["sessionid"]
        with httpx.Client(base_url=url_b) as b:
            assert b.get("/manage/", headers={"Cookie": f"sessionid={session}"}).status_code == 200
            assert b.get("/manage/").status_code == 302  # and without the session, the login page

        # Failed sign-ins are counted once for the whole installation: five wrong passwords for one
        # account spread over both processes use up its budget (5 per 5 minutes), so the right
        # password is refused next, on either process. Counted per process, each would have seen 2 or 3.
        for url in (url_a, url_b, url_a, url_b, url_a):
            wrong = _sign_in(url, "pracownik@mazowsze.example", "not-the-password")
            assert wrong.status_code == 200 and "sessionid" not in wrong.cookies
            assert "Too many failed login attempts" not in wrong.text
        for url in (url_b, url_a):
            refused = _sign_in(url, "pracownik@mazowsze.example", DEMO_PASSWORD)
            assert refused.status_code == 200 and "sessionid" not in refused.cookies, url
            assert "Too many failed login attempts" in refused.text, url
        # Another account is not affected.
        assert _sign_in(url_b, "interesariusz@mazowsze.example", DEMO_PASSWORD).status_code == 302

        # Enqueue tasks, let two workers drain the queue: every task runs once.
        script = (
            "import django; django.setup()\n"
            "from secon.core.tests.scaling_tasks import stamp\n"
            f"[stamp.enqueue(n) for n in range({TASKS})]\n"
        )
        subprocess.run([str(BIN / "python"), "-c", script], env=installation, cwd=ROOT, check=True)
        workers = [
            subprocess.Popen(
                [
                    str(BIN / "python"),
                    str(ROOT / "manage.py"),
                    "db_worker",
                    "--batch",
                    "--no-startup-delay",
                    "--interval",
                    "0.05",
                    # Neither worker may run the whole queue, so both must have run tasks.
                    "--max-tasks",
                    str(TASKS * 3 // 4),
                ],
                env=installation,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            for _ in range(2)
        ]
        for worker in workers:
            _out, err = worker.communicate(timeout=120)
            assert worker.returncode == 0, err.decode()[-2000:]
        check = (
            "import django, json; django.setup()\n"
            "from secon.core.models import AuditEvent\n"
            "events = AuditEvent.objects.filter(code='core.test.stamped')\n"
            "print(json.dumps([[e.changes['number'], e.changes['process']] for e in events]))\n"
        )
        result = subprocess.run(
            [str(BIN / "python"), "-c", check], env=installation, cwd=ROOT, check=True, capture_output=True
        )
        runs = json.loads(result.stdout)
        assert sorted(number for number, _process in runs) == list(range(TASKS))  # each task once
        ran = Counter(process for _number, process in runs)
        assert set(ran) == {worker.pid for worker in workers}, ran  # both workers, and only they, ran tasks
    finally:
        for process in (web_a, web_b):
            process.terminate()
            process.wait(timeout=20)
