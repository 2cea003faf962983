"""Registry at scale: the organisation list (bare, filtered, searched) beside a bare Django view.

    .venv/bin/python -m bench.registry_bench [--organisations 50000] [--people 100000] [--duration 10]

A throw-away database gets the demo and a generated registry (`manage.py generate_registry`), the
production server starts on the loopback (bench/server.py), and a coordinator's session cookie rides on
every request. Targets run in interleaved rounds with the bare view, so each ratio compares figures
taken moments apart on a machine that other work shares.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import json
import os
import secrets
import shlex
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

from bench import load, server, stats
from bench.run import Target, _stop_on_term, machine

RESULTS = server.ROOT / "bench" / "results" / "registry.json"
COORDINATOR = "koordynator@mazowsze.example"
LIST = "/manage/registry/organisations/"
PEOPLE = "/manage/registry/people/"

TARGETS = (
    Target("bare view", "/bench/bare", html=False),
    Target("organisations, no filter", LIST),
    Target("organisations, type filter", LIST + "?type=association"),
    Target("organisations, powiat filter", LIST + "?powiat=1419"),
    Target("organisations, search", LIST + "?q=spoldzielni"),
    Target("organisations, search + filter", LIST + "?q=spoldzielni&subregion=PL923&sort=-name"),
    Target("people, search", PEOPLE + "?q=kowalska"),
    # Sorted by a column heading and paged on: each order is read from an index (registry 0008).
    Target("people, by surname, page 40", PEOPLE + "?page=40"),
    Target("people, recently changed, 100 a page", PEOPLE + "?sort=-updated&per_page=100&page=5"),
    Target("organisations, by type, page 20", LIST + "?sort=type&page=20"),
)

# Signs the coordinator in the way the login form would leave them: a stored session, an enrolled TOTP
# device, and the session's record of a password and a code, so the two-factor gate of production lets
# the session through.
SESSION_SCRIPT = """
import time
from importlib import import_module
from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY, AUTHENTICATION_METHODS_SESSION_KEY,
)
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from secon.accounts.models import User
user = User.objects.get(email=%r)
device, _ = Authenticator.objects.get_or_create(
    user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "bench"}}
)
store = import_module(settings.SESSION_ENGINE).SessionStore()
store[AUTHENTICATION_METHODS_SESSION_KEY] = [
    {"method": "password", "at": time.time(), "email": user.email},
    {"method": "mfa", "at": time.time(), "id": device.pk, "type": "totp"},
]
store[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
store[SESSION_KEY] = str(user.pk)
store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
store[HASH_SESSION_KEY] = user.get_session_auth_hash()
store.create()
print(settings.SESSION_COOKIE_NAME, store.session_key)
"""


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.registry_bench", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--organisations", type=int, default=50_000)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--concurrency", type=int, default=4, choices=range(1, load.MAX_CONCURRENCY + 1))
    parser.add_argument("--duration", type=float, default=10.0, help="measured seconds per target (10)")
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--rounds", type=int, default=2, choices=range(1, 11))
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument(
        "--var-dir",
        type=Path,
        help="keep the database here and reuse it on the next run (default: a throw-away directory)",
    )
    parser.add_argument("--markdown", action="store_true", help="also print the table as Markdown")
    parser.add_argument(
        "--database-url",
        default="",
        help="a throw-away PostgreSQL database to measure on (default: SQLite in the var dir); "
        "with --var-dir, keep one var dir per database",
    )
    return parser.parse_args(argv)


def _manage(var_dir: Path, *command: str) -> str:
    done = subprocess.run(
        [sys.executable, str(server.ROOT / "manage.py"), *command],
        cwd=server.ROOT,
        env=server.production_env(var_dir),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


@contextlib.contextmanager
def signed_in(cookie_name: str, session_key: str) -> Iterator[None]:
    """bench.load's clients, each carrying the session cookie, for the time of the block."""

    class SignedInHttpx:
        def __getattr__(self, name: str) -> Any:
            return getattr(httpx, name)

        @staticmethod
        def Client(*args: Any, **kwargs: Any) -> httpx.Client:
            return httpx.Client(*args, cookies={cookie_name: session_key}, **kwargs)

    original = load.httpx
    load.httpx = SignedInHttpx()  # type: ignore[assignment]
    try:
        yield
    finally:
        load.httpx = original


@contextlib.contextmanager
def one_secret_key() -> Iterator[None]:
    """Every process of the run (shell, server) gets the same SECRET_KEY, as one deployment has.

    bench.server draws a new key for each environment it builds; the session signed by the shell
    would not open in a server with another key.
    """
    key = secrets.token_urlsafe(48)

    class FixedSecrets:
        def __getattr__(self, name: str) -> Any:
            return getattr(secrets, name)

        @staticmethod
        def token_urlsafe(nbytes: int | None = None) -> str:
            return key

    original = server.secrets
    server.secrets = FixedSecrets()  # type: ignore[assignment]
    try:
        yield
    finally:
        server.secrets = original


def _check(base_url: str, cookies: dict[str, str]) -> None:
    """Every target answers 200 as the coordinator, before any time is spent measuring."""
    for target in TARGETS:
        response = httpx.get(base_url + target.path, cookies=cookies, timeout=60, follow_redirects=False)
        if response.status_code != 200:
            where = response.headers.get("location", "")
            raise RuntimeError(f"{target.path} answered HTTP {response.status_code} {where}".strip())


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _stop_on_term)  # unwinds through the finally that stops the server
    if args.database_url:
        os.environ["BENCH_DATABASE_URL"] = args.database_url  # bench/server.py hands it to every process
    report: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": shlex.join(
            [
                Path(sys.executable).name,
                "-m",
                "bench.registry_bench",
                *(argv if argv is not None else sys.argv[1:]),
            ]
        ),
        "machine": machine(),
        "database": args.database_url.split(":", 1)[0] if args.database_url else "sqlite",
    }
    with contextlib.ExitStack() as stack:
        stack.enter_context(one_secret_key())
        if args.var_dir:
            var_dir = args.var_dir.resolve()
            var_dir.mkdir(parents=True, exist_ok=True)
        else:
            var_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="secon-registry-bench-")))
        ready = var_dir / "registry-bench-ready"
        if ready.exists():
            print(f"reusing the database in {var_dir}: {ready.read_text().strip()}", flush=True)
        else:
            print("preparing a fresh database with the demo data ...", flush=True)
            server.prepare(var_dir)
            print(
                f"generating {args.organisations:,} organisations and {args.people:,} people ...", flush=True
            )
            started = time.perf_counter()
            generated = _manage(
                var_dir,
                "generate_registry",
                "--partner",
                "mazovia",
                "--organisations",
                str(args.organisations),
                "--people",
                str(args.people),
            ).strip()
            print(f"  {generated}", flush=True)
            report["generation_seconds"] = round(time.perf_counter() - started, 1)
            ready.write_text(generated + "\n")
        report["registry"] = ready.read_text().strip()
        # The last line: settings may log to stdout before the script prints.
        output = _manage(var_dir, "shell", "-c", SESSION_SCRIPT % COORDINATOR).strip().splitlines()[-1]
        cookie_name, session_key = output.split()

        # The configuration `make run` ships (bin/web), as the public pages are measured.
        workers, threads = server.shipped_defaults()
        config = server.ServerConfig(server="granian", workers=workers, threads=threads, cache_seconds=None)
        running = server.RunningServer(config, var_dir, var_dir / "server.log")
        samples: dict[str, list[stats.Sample]] = {}
        try:
            running.wait_healthy()
            _check(running.base_url, {cookie_name: session_key})
            bare, pages = TARGETS[0], TARGETS[1:]
            schedule = [*[t for _ in range(args.rounds) for t in (bare, *pages)], bare]
            window = args.duration / args.rounds
            with signed_in(cookie_name, session_key):
                for target in schedule:
                    windows = samples.setdefault(target.name, [])
                    print(f"  {target.name:<32} {target.path}  (window {len(windows) + 1})", flush=True)
                    windows.append(
                        load.drive(
                            running.base_url,
                            target.path,
                            concurrency=args.concurrency,
                            duration=window,
                            warmup=args.warmup if not windows else min(args.warmup, 0.5),
                            cpu_probe=running.cpu_seconds,
                        )
                    )
        finally:
            running.stop()

    def combined(name: str) -> stats.Sample:
        return functools.reduce(stats.Sample.merged, samples[name])

    baseline = stats.summarise(TARGETS[0].name, TARGETS[0].path, combined(TARGETS[0].name))
    rows = stats.with_ratios(
        [baseline, *(stats.summarise(t.name, t.path, combined(t.name)) for t in TARGETS[1:])], baseline
    )
    print()
    print(stats.format_table(rows))
    if args.markdown:
        print()
        print(stats.format_markdown(rows))
    report.update(
        {
            "organisations": args.organisations,
            "people": args.people,
            "config": config.label,
            "client": {"concurrency": args.concurrency, "duration_s": args.duration, "rounds": args.rounds},
            "targets": [row.as_dict() for row in rows],
            "load_average_at_end": list(os.getloadavg()),
        }
    )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"\nJSON: {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
