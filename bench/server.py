"""Start and stop the production server config against a throw-away var dir with the demo data."""

from __future__ import annotations

import json
import os
import runpy
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
# "granian" is what bin/run ships (bin/web); the gunicorn ones are the measured alternatives.
SERVERS = ("granian", "gunicorn", "gunicorn-sync")
PLATFORM_APP = "secon.wsgi:application"
STOCK_APP = "bench.stock.wsgi:application"
NEWS_PAGE_FILE = "news-page-path.txt"

# Variables that would point the benchmark at real data or change the config under test.
_INHERITED_OVERRIDES = (
    "DATABASE_URL",
    "CACHE_BACKEND",
    "CACHE_LOCATION",
    "MEDIA_ROOT",
    "DEBUG",
    "SERVE_MEDIA",
    "BIND",
    "DJANGO_SETTINGS_MODULE",
)


def free_port() -> int:
    """A TCP port on the loopback nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def shipped_defaults() -> tuple[int, int]:
    """Workers and threads bin/web chooses for this machine and environment."""
    workers = int(os.environ.get("WEB_CONCURRENCY") or max(2, os.cpu_count() or 1))
    return workers, int(os.environ.get("WEB_THREADS") or 1)


def gunicorn_defaults() -> tuple[int, int]:
    """Workers and threads gunicorn.conf.py chooses for this machine and environment."""
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    return int(conf["workers"]), int(conf["threads"])


def production_env(var_dir: Path, *, cache_seconds: int | None = None) -> dict[str, str]:
    """The environment of a production deployment on the loopback, minus TLS."""
    env = {key: value for key, value in os.environ.items() if key not in _INHERITED_OVERRIDES}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "secon.settings",
            "SECON_ENV": "production",
            "SECON_VAR_DIR": str(var_dir),
            "SECRET_KEY": secrets.token_urlsafe(48),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": "http://127.0.0.1",  # required in production; plain HTTP on the loopback
            # There is no TLS proxy on the loopback; a redirect to https would measure nothing.
            "SECURE_SSL_REDIRECT": "0",
            "BENCH_ENDPOINTS": "1",
            "PYTHONUNBUFFERED": "1",
        }
    )
    # A benchmark that measures PostgreSQL names its own throw-away database (never the inherited one).
    if os.environ.get("BENCH_DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    if cache_seconds is not None:
        env["PUBLIC_PAGE_CACHE_SECONDS"] = str(cache_seconds)
    else:
        env.pop("PUBLIC_PAGE_CACHE_SECONDS", None)
    return env


def prepare(var_dir: Path) -> None:
    """Database, cache table, static files and demo data, exactly as bin/run prepares them."""
    env = production_env(var_dir)
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (
        ["migrate", "--no-input", "-v", "0"],
        ["createcachetable"],
        ["collectstatic", "--no-input", "-v", "0"],
        ["seed_demo"],
    ):
        done = subprocess.run(
            [*manage, *command], cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    # A news item the size of a peer's news page (600 words, an image), measured as "news item".
    done = subprocess.run(
        [sys.executable, "-m", "bench.news_page"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"bench.news_page failed:\n{done.stdout}\n{done.stderr}")
    (var_dir / NEWS_PAGE_FILE).write_text(done.stdout.strip().splitlines()[-1])


@dataclass(frozen=True)
class ServerConfig:
    server: str
    workers: int
    threads: int
    cache_seconds: int | None  # None: the settings default

    @property
    def label(self) -> str:
        cache = (
            "default cache"
            if self.cache_seconds is None
            else f"PUBLIC_PAGE_CACHE_SECONDS={self.cache_seconds}"
        )
        return f"{self.server}, {self.workers} workers × {self.threads} threads, {cache}"


def _command(config: ServerConfig, port: int, app: str) -> list[str]:
    if config.server == "granian":
        return [str(ROOT / "bin" / "web"), app]  # BIND, WEB_CONCURRENCY and WEB_THREADS from the environment
    if config.server in ("gunicorn", "gunicorn-sync"):
        command = [
            str(VENV_BIN / "gunicorn"),
            "-c",
            str(ROOT / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
        ]
        if config.server == "gunicorn-sync":
            command += ["--worker-class", "sync"]
        return [*command, app]
    raise ValueError(f"unknown server {config.server!r}")


class RunningServer:
    """A server process group started by the benchmark, stopped by its own process id."""

    def __init__(self, config: ServerConfig, var_dir: Path, log_path: Path, app: str = PLATFORM_APP) -> None:
        self.config = config
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        env = production_env(var_dir, cache_seconds=config.cache_seconds)
        env["WEB_CONCURRENCY"] = str(config.workers)
        env["WEB_THREADS"] = str(config.threads)
        env["BIND"] = f"127.0.0.1:{self.port}"
        self._log = log_path.open("ab")
        self.process = subprocess.Popen(
            _command(config, self.port, app),
            cwd=ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_healthy(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.config.server} exited early:\n{self.log_tail()}")
            try:
                if httpx.get(f"{self.base_url}/healthz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{self.config.server} not healthy after {timeout:.0f} s:\n{self.log_tail()}")

    def cpu_seconds(self) -> float | None:
        """CPU time used so far by the server and its workers, reaped ones included; None off Linux."""
        try:
            ticks = os.sysconf("SC_CLK_TCK")
            total = _proc_cpu_ticks(self.process.pid, include_reaped=True)
            for child in _children(self.process.pid):
                total += _proc_cpu_ticks(child, include_reaped=True)
        except (OSError, ValueError):
            return None
        return total / ticks

    def cpu_by_process(self) -> dict[int, float]:
        """CPU seconds used so far by the server process and by each live worker, by process id."""
        ticks = os.sysconf("SC_CLK_TCK")
        used = {}
        for pid in [self.process.pid, *_children(self.process.pid)]:
            try:
                used[pid] = _proc_cpu_ticks(pid, include_reaped=False) / ticks
            except (OSError, ValueError, IndexError):
                continue
        return used

    def workers(self) -> set[int]:
        """The worker processes (the server's descendants that use CPU on requests)."""
        return set(_children(self.process.pid))

    def log_tail(self, lines: int = 30) -> str:
        self._log.flush()
        text = self.log_path.read_text(errors="replace").splitlines()
        return "\n".join(text[-lines:])

    def logged_errors(self, limit: int = 5) -> list[str]:
        """The last errors Django logged (one JSON object a line), each as message + exception's last line."""
        self._log.flush()
        found = []
        for line in self.log_path.read_text(errors="replace").splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if isinstance(entry, dict) and entry.get("level") in {"ERROR", "CRITICAL"}:
                exception = str(entry.get("exception", "")).strip().splitlines()
                found.append(f"{entry.get('message', '')}: {exception[-1] if exception else ''}")
        return found[-limit:]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                # The group is the one start_new_session made for this server and nothing else.
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self._log.close()


def _stat_fields(pid: int) -> list[str]:
    raw = Path(f"/proc/{pid}/stat").read_text()
    # The command name is in parentheses and may contain spaces; the fields after it are plain.
    return raw[raw.rindex(")") + 2 :].split()


def _proc_cpu_ticks(pid: int, *, include_reaped: bool) -> int:
    fields = _stat_fields(pid)
    # After the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14).
    ticks = int(fields[11]) + int(fields[12])
    if include_reaped:
        ticks += int(fields[13]) + int(fields[14])
    return ticks


def _children(pid: int) -> list[int]:
    """Live descendants of pid (granian and gunicorn workers are its children)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int(_stat_fields(int(entry.name))[1])
            except (OSError, ValueError, IndexError):
                continue
    found: list[int] = []
    frontier = [pid]
    while frontier:
        parent = frontier.pop()
        kids = [child for child, ppid in parents.items() if ppid == parent]
        found.extend(kids)
        frontier.extend(kids)
    return found
