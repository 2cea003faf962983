"""Run a burst of parallel requests against the real database, configured as in production.

The test database of an SQLite test run lives in memory with a shared cache, whose table locks make
parallel writers fail instead of wait; that proves nothing about the site. So a race runs in a fresh
process: on SQLite against a new database file with the production settings (WAL, IMMEDIATE
transactions, busy timeout), on PostgreSQL against the test database of the current run.

`python -m secon.core.tests.race module:function` sets Django up, migrates a fresh SQLite file, calls
the scenario (which returns a dict) and prints it as JSON on the last line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]


def run_scenario(scenario: str, tmp_path: Path) -> dict[str, Any]:
    """Run `module:function` in a fresh process on a real database; returns what the function returned."""
    from django.db import connection

    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECON_ENV"}}
    env.update(
        DJANGO_SETTINGS_MODULE="secon.settings",
        PYTHONPATH=str(ROOT),
        SECON_VAR_DIR=str(tmp_path),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        TASKS_BACKEND="django_tasks.backends.dummy.DummyBackend",
        CACHE_BACKEND="django.core.cache.backends.locmem.LocMemCache",
        PAGE_CACHE_BACKEND="django.core.cache.backends.locmem.LocMemCache",
        ALLOWED_HOSTS="testserver",
    )
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
        env["DATABASE_URL"] = f"postgres://{db['USER']}:{db['PASSWORD']}@{host}:{port}/{db['NAME']}"
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'race.sqlite3'}"
    done = subprocess.run(
        [sys.executable, "-m", "secon.core.tests.race", scenario],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def in_parallel(count: int, work: Callable[[int], Any]) -> list[Any]:
    """Start `count` threads that call work(i) at the same moment; their results (or exceptions)."""
    from django.db import connections

    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = work(index)
        except Exception as error:  # reported to the test, which fails on it
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def limiter_burst() -> dict[str, Any]:
    """30 attempts at once against a limit of 5 in one window."""
    from secon.core import ratelimit

    rate = (ratelimit.Rate(5, 3600),)
    results = in_parallel(30, lambda _: ratelimit.hit("race", ip="192.0.2.7", fixed=rate, now=1800.0).allowed)
    errors = [repr(r) for r in results if isinstance(r, Exception)]
    return {"allowed": sum(1 for r in results if r is True), "errors": errors}


def _main(scenario: str) -> None:
    import importlib

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "sqlite":
        call_command("migrate", verbosity=0, interactive=False)
    module, function = scenario.split(":")
    result = getattr(importlib.import_module(module), function)()
    print(json.dumps(result))


if __name__ == "__main__":
    _main(sys.argv[1])
