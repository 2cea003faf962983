"""The load generator: `wrk` with keep-alive connections, and the server's CPU per worker around it.

wrk is a native program: on a 2-core machine a Python client spends as much CPU per request as the
server it measures and caps every target alike. Its connections are kept alive, as a browser's or a
proxy's are, which is what showed the load piling onto one worker.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
MISSING = (
    "wrk is not installed: the benchmark needs this native load generator "
    "(Debian/Ubuntu: sudo apt-get install -y wrk)"
)


def wrk_path() -> str:
    """The wrk binary, or SystemExit with how to install it."""
    found = shutil.which("wrk")
    if found is None:
        raise SystemExit(MISSING)
    return found


@dataclass
class WrkResult:
    requests: int
    seconds: float
    requests_per_s: float
    latency_ms: dict[str, float]  # "50", "75", "90", "99"
    errors: int  # non-2xx/3xx answers plus socket errors (connect, read, write, timeout)


def parse(output: str) -> WrkResult:
    """The figures of `wrk --latency` output."""
    latency: dict[str, float] = {}
    for label, value, unit in re.findall(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M):
        latency[label] = float(value) * UNITS_MS[unit]
    done = re.search(r"^\s*(\d+) requests in ([\d.]+)(us|ms|s|m)", output, re.M)
    if done is None:
        raise ValueError(f"unexpected wrk output:\n{output}")
    requests = int(done.group(1))
    seconds = float(done.group(2)) * UNITS_MS[done.group(3)] / 1000
    errors = 0
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        errors += int(non_2xx.group(1))
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if socket:
        # A read error is how wrk counts a server closing the connection after a response, which is
        # what a server without keep-alive does on every request: only connect/write/timeout are failures.
        errors += int(socket.group(1)) + int(socket.group(3)) + int(socket.group(4))
    return WrkResult(
        requests=requests,
        seconds=seconds,
        requests_per_s=requests / seconds if seconds else 0.0,
        latency_ms=latency,
        errors=errors,
    )


def run(url: str, *, connections: int, threads: int, seconds: float) -> WrkResult:
    """wrk against one URL; connections are kept alive unless the server closes them."""
    if not url.startswith(("http://127.0.0.1:", "http://localhost:")):
        raise ValueError("the benchmark only sends traffic to the loopback")
    done = subprocess.run(
        [
            wrk_path(),
            f"-t{threads}",
            f"-c{connections}",
            f"-d{max(1, round(seconds))}s",
            "--timeout",
            "10s",
            "--latency",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return parse(done.stdout)


@dataclass
class Window:
    """One measured window: wrk's figures and the CPU each server process used during it."""

    wrk: WrkResult
    cpu_by_process: dict[int, float] = field(default_factory=dict)  # pid → CPU seconds in the window

    @property
    def server_cpu_seconds(self) -> float:
        return sum(self.cpu_by_process.values())


def measure(
    url: str, *, connections: int, threads: int, seconds: float, cpu: Callable[[], dict[int, float]]
) -> Window:
    """wrk for one window, with every server process's CPU read from /proc before and after it."""
    before = cpu()
    result = run(url, connections=connections, threads=threads, seconds=seconds)
    after = cpu()
    used = {pid: after[pid] - before.get(pid, 0.0) for pid in after}
    return Window(wrk=result, cpu_by_process=used)
