"""A web worker stuck in one request longer than `WEB_TIMEOUT` is ended, and the server starts a new one.

gunicorn has this built in (`timeout`); granian, the server we ship (decision 0001), has no limit on a
request's time. Each worker process therefore watches itself: the WSGI application is wrapped so that
every request notes when it started, and a daemon thread looks once a second. A request still in the
application past the limit means the worker is stuck (an endless loop, a lock never released); the
thread logs it and ends the process, and granian (`--respawn-failed-workers`, set in `bin/web`) starts a
fresh worker. The other workers go on serving meanwhile.

Only the time inside the application counts: streaming a response to a slow client happens after the
call returns and is the proxy's business, as in gunicorn.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

logger = logging.getLogger(__name__)

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
# The exit status of a worker the watchdog ended (EX_SOFTWARE), to tell it apart in the server's log.
STUCK_EXIT_STATUS = 70


def _end_process(path: str, seconds: float) -> None:
    logging.shutdown()
    os._exit(STUCK_EXIT_STATUS)


class StuckRequestWatchdog:
    """The WSGI application, with a limit on how long one request may keep the worker busy."""

    def __init__(
        self,
        app: WSGIApp,
        *,
        timeout: float,
        on_stuck: Callable[[str, float], None] = _end_process,
        interval: float = 1.0,
    ) -> None:
        self.app = app
        self.timeout = timeout
        self.on_stuck = on_stuck
        self.interval = interval
        self._running: dict[int, tuple[float, str]] = {}  # request id -> (started, path)
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._pid = 0

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if self.timeout <= 0:
            return self.app(environ, start_response)
        self._ensure_thread()
        key = id(environ)
        with self._lock:
            self._running[key] = (time.monotonic(), str(environ.get("PATH_INFO", "")))
        try:
            return self.app(environ, start_response)
        finally:
            with self._lock:
                self._running.pop(key, None)

    def _ensure_thread(self) -> None:
        # Started in the worker on its first request: a thread started before the server forks would
        # not exist in the workers.
        if self._thread is not None and self._pid == os.getpid():
            return
        with self._lock:
            if self._thread is None or self._pid != os.getpid():
                self._pid = os.getpid()
                self._thread = threading.Thread(target=self._watch, name="request-watchdog", daemon=True)
                self._thread.start()

    def _watch(self) -> None:
        while True:
            time.sleep(self.interval)
            now = time.monotonic()
            with self._lock:
                stuck = [(now - started, path) for started, path in self._running.values()]
            for seconds, path in stuck:
                if seconds > self.timeout:
                    logger.critical(
                        "A request has kept this web worker busy past WEB_TIMEOUT: ending the worker",
                        extra={"path": path, "seconds": round(seconds, 1), "pid": os.getpid()},
                    )
                    self.on_stuck(path, seconds)
                    return
