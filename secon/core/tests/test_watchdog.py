"""A web worker stuck in one request past WEB_TIMEOUT is ended, and the server starts a new one."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import httpx
import pytest

from secon.core.watchdog import StuckRequestWatchdog

ROOT = Path(__file__).resolve().parents[3]


def _wait_until(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_a_request_past_the_limit_is_reported_with_its_path() -> None:
    ended: list[tuple[str, float]] = []

    def slow(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        time.sleep(0.6)
        start_response("200 OK", [])
        return [b""]

    app = StuckRequestWatchdog(slow, timeout=0.2, interval=0.05, on_stuck=lambda p, s: ended.append((p, s)))
    app({"PATH_INFO": "/pl/news/"}, lambda *args: None)
    assert _wait_until(lambda: bool(ended), 2)
    assert ended[0][0] == "/pl/news/" and ended[0][1] > 0.2


def test_requests_within_the_limit_end_nothing_and_leave_no_trace() -> None:
    ended: list[tuple[str, float]] = []

    def quick(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        start_response("200 OK", [])
        return [b"ok"]

    app = StuckRequestWatchdog(quick, timeout=0.2, interval=0.05, on_stuck=lambda p, s: ended.append((p, s)))
    for _ in range(50):
        assert app({"PATH_INFO": "/"}, lambda *args: None) == [b"ok"]
    time.sleep(0.4)
    assert ended == [] and app._running == {}


def test_an_exception_in_the_application_still_ends_the_clock() -> None:
    def broken(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        raise RuntimeError("boom")

    app = StuckRequestWatchdog(broken, timeout=5, on_stuck=lambda p, s: None)
    with pytest.raises(RuntimeError):
        app({"PATH_INFO": "/"}, lambda *args: None)
    assert app._running == {}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_the_production_server_replaces_a_worker_stuck_in_a_request(tmp_path: Path) -> None:
    port = _free_port()
    env = {
        **os.environ,
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",  # one worker: the one that gets stuck, so a new pid is its successor
        "WEB_TIMEOUT": "2",
        "ACCESS_LOG": "off",
        "DJANGO_SETTINGS_MODULE": "secon.settings",
    }
    log = tmp_path / "web.log"
    server = subprocess.Popen(
        [str(ROOT / "bin" / "web"), "secon.core.tests.stuck_app:application"],
        env=env,
        cwd=ROOT,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"

    def worker_pids(count: int = 20) -> set[str]:
        pids = set()
        for _ in range(count):
            with contextlib.suppress(httpx.HTTPError):  # the worker being replaced
                pids.add(httpx.get(base + "/pid", timeout=2).text)
        return pids

    try:
        assert _wait_until(lambda: bool(worker_pids(1)), 30), log.read_text()[-2000:]
        before = worker_pids()
        assert len(before) == 1
        with pytest.raises(httpx.HTTPError):
            httpx.get(base + "/stuck", timeout=15)  # the worker ends itself: the connection is dropped
        # A new worker has taken the stuck one's place and answers again.
        assert _wait_until(lambda: bool(worker_pids(1) - before), 20), log.read_text()[-2000:]
        assert "WEB_TIMEOUT" in log.read_text()
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=20)
