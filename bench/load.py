"""The load driver: N keep-alive HTTP clients in threads hammer one path for a fixed time."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from bench.stats import Sample

MAX_CONCURRENCY = 64
MAX_DURATION = 120.0
MAX_WARMUP = 30.0


@dataclass
class _ClientLog:
    latencies: list[float]
    errors: int = 0
    last_finish: float = 0.0


def _is_loopback(base_url: str) -> bool:
    return httpx.URL(base_url).host in {"127.0.0.1", "localhost", "::1"}


def drive(
    base_url: str,
    path: str,
    *,
    concurrency: int,
    duration: float,
    warmup: float,
    cpu_probe: Callable[[], float | None] = lambda: None,
) -> Sample:
    """Requests started inside the measured window count, each client waits for its own answer."""
    if not _is_loopback(base_url):
        raise ValueError("the benchmark only sends traffic to the loopback")
    if not 1 <= concurrency <= MAX_CONCURRENCY:
        raise ValueError(f"concurrency must be 1-{MAX_CONCURRENCY}")
    if not 0 < duration <= MAX_DURATION or not 0 <= warmup <= MAX_WARMUP:
        raise ValueError(f"duration must be 0-{MAX_DURATION:.0f} s and warm-up 0-{MAX_WARMUP:.0f} s")

    logs = [_ClientLog(latencies=[]) for _ in range(concurrency)]
    ready = threading.Barrier(concurrency + 1)
    timing: dict[str, float] = {}

    def client(log: _ClientLog) -> None:
        with httpx.Client(base_url=base_url, timeout=30) as http:
            ready.wait()
            window_start, window_end = timing["start"], timing["end"]
            while True:
                started = time.perf_counter()
                if started >= window_end:
                    return
                try:
                    ok = http.get(path).status_code == 200
                except httpx.HTTPError:
                    ok = False
                finished = time.perf_counter()
                if started >= window_start:
                    if ok:
                        log.latencies.append(finished - started)
                    else:
                        log.errors += 1
                    log.last_finish = finished

    threads = [threading.Thread(target=client, args=(log,), daemon=True) for log in logs]
    for thread in threads:
        thread.start()
    now = time.perf_counter()
    timing["start"] = now + warmup
    timing["end"] = now + warmup + duration
    ready.wait()

    time.sleep(max(0.0, timing["start"] - time.perf_counter()))
    client_cpu_before = time.process_time()
    server_cpu_before = cpu_probe()
    for thread in threads:
        thread.join(timeout=duration + 60)
    client_cpu = time.process_time() - client_cpu_before
    server_cpu_after = cpu_probe()

    # Requests in flight at the end of the window finish after it; the window stretches to cover them.
    window = max([timing["end"], *(log.last_finish for log in logs)]) - timing["start"]
    return Sample(
        latencies=[latency for log in logs for latency in log.latencies],
        errors=sum(log.errors for log in logs),
        seconds=window,
        client_cpu_seconds=client_cpu,
        server_cpu_seconds=(
            None
            if server_cpu_before is None or server_cpu_after is None
            else server_cpu_after - server_cpu_before
        ),
    )


@dataclass(frozen=True)
class Probe:
    found: bool
    reason: str = ""
    body: str = ""


def probe_page(base_url: str, path: str, *, html: bool) -> Probe:
    """Whether a target exists yet: a 200 with content (an HTML page when html=True)."""
    try:
        response = httpx.get(f"{base_url}{path}", timeout=30)
    except httpx.HTTPError as error:
        return Probe(found=False, reason=f"not found ({type(error).__name__})")
    if response.status_code != 200:
        return Probe(found=False, reason=f"not found (HTTP {response.status_code})")
    if not response.text.strip() or (html and "<html" not in response.text.lower()):
        return Probe(found=False, reason="not found (placeholder page)")
    return Probe(found=True, body=response.text)


def first_news_item_path(list_html: str, language: str) -> str | None:
    """The first /<lang>/news/<id>-<slug>/ link of the news list page."""
    match = re.search(rf'href="(/{re.escape(language)}/news/\d+-[^"/?#]+/)"', list_html)
    return match.group(1) if match else None
