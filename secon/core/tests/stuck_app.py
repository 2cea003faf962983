"""A tiny WSGI application for the watchdog test: /pid answers with the worker's process id, /stuck never
returns. Served by the production server (bin/web) with the same watchdog as secon.wsgi."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from typing import Any

from secon.core.watchdog import StuckRequestWatchdog


def _app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    if environ.get("PATH_INFO") == "/stuck":
        while True:  # a request that never ends, as an endless loop in a view would
            time.sleep(0.1)
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [str(os.getpid()).encode()]


application = StuckRequestWatchdog(_app, timeout=float(os.environ.get("WEB_TIMEOUT", "2")), interval=0.2)
