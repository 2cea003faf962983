"""`make bench`: public pages against a stock Django view, side by side, on the server config bin/run ships.

    .venv/bin/python -m bench.run [--server granian,gunicorn,gunicorn-sync] [--workers 2] [--threads 1]
                                  [--cache both] [--connections 32] [--duration 15] [--rounds 3] [--check]

For each server config three servers run at once, each on a free loopback port: the stock project
(`bench/stock`, what `startproject` writes plus one view), the platform with its public page cache, and
the platform without it. `wrk` (native, keep-alive connections) drives one target at a time; the
measured time is split into rounds of windows — stock, bare, home, news list, news item, the same pages
uncached — so drift in the machine's load falls on every target alike. Around each window the CPU time
of every server process is read from /proc: the server's CPU per request, and how it split across the
workers (a worker left idle shows as a busiest-worker share near 100 %).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shlex
import signal
import statistics
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx

from bench import server, wrk

RESULTS = server.ROOT / "bench" / "results" / "latest.json"
MAX_CONFIGS = 8
# The goals of issue 8, for the configuration bin/run ships.
CACHED_MIN_RATIO = 0.7  # cached public pages, req/s against the stock view's
BARE_MIN_RATIO = 0.8  # the bare view with our whole middleware, against the stock view
P99_MAX_MS = 20.0  # cached public pages
BUSIEST_MAX_SHARE = 0.6  # no worker does more than 60 % of the work (60/40 with two)


@dataclass(frozen=True)
class Target:
    name: str
    path: str
    html: bool = True
    role: str = "cached"  # which server: "stock", "cached" (the platform as shipped) or "uncached"


@dataclass
class Row:
    """One target's windows, combined."""

    name: str
    role: str
    path: str
    requests: int = 0
    seconds: float = 0.0
    errors: int = 0
    p50_ms: list[float] = field(default_factory=list)  # one per window
    p99_ms: list[float] = field(default_factory=list)
    server_cpu_seconds: float = 0.0
    busiest_share: list[float] = field(default_factory=list)  # the busiest worker's share, per window
    load_average: list[float] = field(default_factory=list)
    skipped: str = ""

    def add(self, window: wrk.Window, workers: set[int], load: float) -> None:
        self.requests += window.wrk.requests
        self.seconds += window.wrk.seconds
        self.errors += window.wrk.errors
        self.p50_ms.append(window.wrk.latency_ms.get("50", 0.0))
        self.p99_ms.append(window.wrk.latency_ms.get("99", 0.0))
        self.server_cpu_seconds += window.server_cpu_seconds
        share = busiest_share(window.cpu_by_process, workers)
        if share is not None:
            self.busiest_share.append(share)
        self.load_average.append(load)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def server_ms_per_request(self) -> float | None:
        return self.server_cpu_seconds * 1000 / self.requests if self.requests else None

    @property
    def p50(self) -> float:
        return statistics.median(self.p50_ms) if self.p50_ms else 0.0

    @property
    def p99(self) -> float:
        # The worst window: a tail that shows up in one window of three is a tail visitors meet.
        return max(self.p99_ms, default=0.0)

    @property
    def busiest(self) -> float | None:
        return max(self.busiest_share, default=None)

    def as_dict(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "rps": self.rps,
            "server_ms_per_request": self.server_ms_per_request,
            "p50": self.p50,
            "p99": self.p99,
        }


def busiest_share(cpu_by_process: dict[int, float], workers: set[int]) -> float | None:
    """The largest share of the workers' CPU that one worker used; None without two busy workers."""
    used = [seconds for pid, seconds in cpu_by_process.items() if pid in workers]
    total = sum(used)
    if len(used) < 2 or total <= 0:
        return None
    return max(used) / total


def ratio(row: Row, baseline: Row | None) -> float | None:
    if baseline is None or not baseline.rps or row.skipped:
        return None
    return row.rps / baseline.rps


def cpu_ratio(row: Row, baseline: Row | None) -> float | None:
    """The baseline's server CPU per request over the row's: the cost free of the client's share."""
    if baseline is None or row.skipped:
        return None
    mine, theirs = row.server_ms_per_request, baseline.server_ms_per_request
    return theirs / mine if mine and theirs else None


def goals(rows: Sequence[Row]) -> list[tuple[str, bool]]:
    """Each goal of the shipped configuration in words, and whether it was met."""
    by_name = {(row.role, row.name): row for row in rows}
    stock = by_name.get(("stock", "stock Django view"))
    found: list[tuple[str, bool]] = []
    bare = by_name.get(("cached", "bare view"))
    if bare is not None:
        value = ratio(bare, stock)
        found.append(
            (f"bare view ≥ {BARE_MIN_RATIO}× stock: {_num(value)}×", bool(value and value >= BARE_MIN_RATIO))
        )
    for row in rows:
        if row.role != "cached" or row.name == "bare view":
            continue
        if row.skipped:
            found.append((f"{row.name}: not measured ({row.skipped})", False))
            continue
        value = ratio(row, stock)
        found.append(
            (
                f"{row.name} ≥ {CACHED_MIN_RATIO}× stock: {_num(value)}×",
                bool(value and value >= CACHED_MIN_RATIO),
            )
        )
        found.append((f"{row.name} p99 < {P99_MAX_MS:.0f} ms: {row.p99:.1f} ms", row.p99 < P99_MAX_MS))
    shares = [share for row in rows if not row.skipped for share in row.busiest_share]
    worst = max(shares, default=None)
    found.append(
        (
            f"busiest worker ≤ {BUSIEST_MAX_SHARE:.0%} of the CPU in every window: worst {_pct(worst)}",
            worst is not None and worst <= BUSIEST_MAX_SHARE,
        )
    )
    return found


def _num(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


COLUMNS = (
    "target",
    "cache",
    "path",
    "req/s",
    "p50 ms",
    "p99 ms",
    "errors",
    "srv ms/req",
    "busiest",
    "× stock",
    "cpu × stock",
    "× bare",
)


def _cells(row: Row, stock: Row | None, bare: Row | None) -> tuple[str, ...]:
    cache = {"stock": "-", "cached": "on", "uncached": "off"}[row.role]
    if row.skipped:
        return (row.name, cache, row.path or "-", f"skipped: {row.skipped}", *[""] * (len(COLUMNS) - 4))
    return (
        row.name,
        cache,
        row.path,
        f"{row.rps:,.0f}",
        f"{row.p50:.1f}",
        f"{row.p99:.1f}",
        str(row.errors),
        _num(row.server_ms_per_request, 3),
        _pct(row.busiest),
        _num(ratio(row, stock)),
        _num(cpu_ratio(row, stock)),
        _num(ratio(row, bare)) if row.role != "stock" else "-",
    )


def tables(rows: Sequence[Row]) -> tuple[str, str]:
    """The results as a plain-text table and as Markdown."""
    stock = next((row for row in rows if row.role == "stock"), None)
    bare = next((row for row in rows if row.name == "bare view"), None)
    body = [_cells(row, stock, bare) for row in rows]
    widths = [max(len(line[i]) for line in [COLUMNS, *body]) for i in range(len(COLUMNS))]
    text = [
        "  ".join(
            cell.ljust(widths[i]) if i < 3 else cell.rjust(widths[i]) for i, cell in enumerate(line)
        ).rstrip()
        for line in [COLUMNS, *body]
    ]
    text.insert(1, "  ".join("-" * width for width in widths))
    markdown = [
        "| " + " | ".join(COLUMNS) + " |",
        "|" + "|".join(["---"] * 3 + ["---:"] * (len(COLUMNS) - 3)) + "|",
    ]
    for line in body:
        cells = list(line)
        cells[2] = f"`{cells[2]}`" if cells[2] != "-" else "-"
        markdown.append("| " + " | ".join(cells) + " |")
    return "\n".join(text), "\n".join(markdown)


def _int_list(text: str) -> list[int]:
    try:
        values = [int(item) for item in text.split(",") if item.strip()]
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"expected numbers separated by commas, got {text!r}") from error
    if not values or any(not 1 <= value <= 32 for value in values):
        raise argparse.ArgumentTypeError("each value must be 1-32")
    return values


def _server_list(text: str) -> list[str]:
    names = [item.strip() for item in text.split(",") if item.strip()]
    if not names or any(name not in server.SERVERS for name in names):
        raise argparse.ArgumentTypeError(f"servers are {', '.join(server.SERVERS)}")
    return names


def _bounded(low: float, high: float) -> Any:
    def parse(text: str) -> float:
        value = float(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be {low:g}-{high:g}")
        return value

    return parse


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--server", type=_server_list, default=["granian"], help="granian (shipped), gunicorn, gunicorn-sync"
    )
    parser.add_argument(
        "--workers", type=_int_list, help="WEB_CONCURRENCY values to try (default: as shipped)"
    )
    parser.add_argument("--threads", type=_int_list, help="WEB_THREADS values to try (default: as shipped)")
    parser.add_argument(
        "--cache",
        choices=("on", "off", "both"),
        default="both",
        help="measure the pages with the public page cache, without it, or both",
    )
    parser.add_argument(
        "--connections",
        type=int,
        default=32,
        choices=range(1, 257),
        metavar="1-256",
        help="wrk's keep-alive connections (32)",
    )
    parser.add_argument("--wrk-threads", type=int, default=2, choices=range(1, 9), metavar="1-8")
    parser.add_argument(
        "--duration", type=_bounded(3, 300), default=15.0, help="measured seconds per target (15)"
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        choices=range(1, 11),
        metavar="1-10",
        help="the duration is split into this many windows, interleaved across targets (3)",
    )
    parser.add_argument(
        "--warmup",
        type=_bounded(0, 30),
        default=2.0,
        help="unmeasured seconds before a target's first window",
    )
    parser.add_argument("--language", choices=("pl", "en"), default="pl")
    parser.add_argument("--output", type=Path, default=RESULTS, help="JSON results file")
    parser.add_argument("--markdown", action="store_true", help="also print the table as Markdown")
    parser.add_argument("--check", action="store_true", help="exit 1 when a goal is missed")
    return parser.parse_args(argv)


def configs(args: argparse.Namespace) -> list[server.ServerConfig]:
    default_workers, default_threads = server.shipped_defaults()
    found = [
        server.ServerConfig(server=name, workers=workers, threads=threads, cache_seconds=None)
        for name in args.server
        for workers in args.workers or [default_workers]
        for threads in args.threads or [default_threads]
    ]
    if len(found) > MAX_CONFIGS:
        raise SystemExit(f"{len(found)} server configs asked for; at most {MAX_CONFIGS} in one run")
    return found


def probe(base_url: str, path: str) -> tuple[str, str]:
    """The page's HTML, or '' and why it cannot be measured."""
    try:
        response = httpx.get(f"{base_url}{path}", timeout=30)
    except httpx.HTTPError as error:
        return "", f"not found ({type(error).__name__})"
    if response.status_code != 200:
        return "", f"not found (HTTP {response.status_code})"
    return response.text, ""


def first_news_item_path(list_html: str, language: str) -> str | None:
    """The first /<lang>/news/<id>-<slug>/ link of the news list page."""
    match = re.search(rf'href="(/{re.escape(language)}/news/\d+-[^"/?#]+/)"', list_html)
    return match.group(1) if match else None


def page_targets(base_url: str, language: str, item: str | None = None) -> list[Target | Row]:
    """home, news list and a news item (the given one, else the list's first), or a skipped row for each
    one that does not exist yet."""
    out: list[Target | Row] = []
    listing = ""
    for name, path in (("home", f"/{language}/"), ("news list", f"/{language}/news/")):
        html, why = probe(base_url, path)
        out.append(Target(name, path) if not why else Row(name, "cached", path, skipped=why))
        listing = html if name == "news list" else listing
    item = item or first_news_item_path(listing, language)
    if item is None:
        out.append(Row("news item", "cached", "", skipped="no news item link on the list page"))
    else:
        out.append(Target("news item", item))
    return out


def measure(config: server.ServerConfig, var_dir: Path, args: argparse.Namespace) -> dict[str, Any]:
    running: dict[str, server.RunningServer] = {}
    try:
        running["stock"] = server.RunningServer(config, var_dir, var_dir / "stock.log", app=server.STOCK_APP)
        running["cached"] = server.RunningServer(config, var_dir, var_dir / "platform.log")
        if args.cache in ("off", "both"):
            uncached = server.ServerConfig(config.server, config.workers, config.threads, cache_seconds=0)
            running["uncached"] = server.RunningServer(uncached, var_dir, var_dir / "uncached.log")
        for each in running.values():
            each.wait_healthy()
        prepared = var_dir / server.NEWS_PAGE_FILE
        item = prepared.read_text().strip() if prepared.exists() and args.language == "pl" else None
        pages = page_targets(running["cached"].base_url, args.language, item)
        targets: list[Target] = [Target("stock Django view", "/", html=False, role="stock")]
        targets.append(Target("bare view", "/bench/bare", html=False))
        rows: list[Row] = [Row(t.name, t.role, t.path) for t in targets]
        for page in pages:
            if isinstance(page, Row):
                rows.append(page)
                continue
            if args.cache in ("on", "both"):
                targets.append(page)
                rows.append(Row(page.name, "cached", page.path))
        if args.cache in ("off", "both"):
            for page in pages:
                if isinstance(page, Target):
                    targets.append(Target(page.name, page.path, role="uncached"))
                    rows.append(Row(page.name, "uncached", page.path))
        by_key = {(row.role, row.name): row for row in rows}
        window = args.duration / args.rounds
        for round_number in range(args.rounds):
            for target in targets:
                where = running[target.role]
                url = f"{where.base_url}{target.path}"
                print(
                    f"  round {round_number + 1}: {target.name:<18} {target.role:<8} {target.path}",
                    flush=True,
                )
                if round_number == 0 and args.warmup:
                    wrk.run(url, connections=args.connections, threads=args.wrk_threads, seconds=args.warmup)
                measured = wrk.measure(
                    url,
                    connections=args.connections,
                    threads=args.wrk_threads,
                    seconds=window,
                    cpu=where.cpu_by_process,
                )
                by_key[(target.role, target.name)].add(measured, where.workers(), os.getloadavg()[0])
    finally:
        for each in running.values():
            each.stop()
    return {"config": asdict(config) | {"label": config.label}, "rows": rows}


def machine() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "load_average_at_start": list(os.getloadavg()),
    }


def _stop_on_term(signum: int, frame: object) -> None:
    # SystemExit unwinds through the `finally` that stops the servers; a bare SIGTERM would orphan them.
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    wrk.wrk_path()  # fail at once, with how to install it, when wrk is missing
    signal.signal(signal.SIGTERM, _stop_on_term)
    plan = configs(args)
    targets = 2 + 3 * (2 if args.cache == "both" else 1)
    minutes = len(plan) * targets * (args.duration + args.warmup) / 60
    print(
        f"{len(plan)} server config(s), about {minutes:.1f} min of load; wrk -t{args.wrk_threads} "
        f"-c{args.connections} on this machine ({os.cpu_count()} CPUs); load {os.getloadavg()[0]:.2f}",
        flush=True,
    )
    report: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": shlex.join(
            [Path(sys.executable).name, "-m", "bench.run", *(argv if argv is not None else sys.argv[1:])]
        ),
        "machine": machine(),
        "wrk": {
            "connections": args.connections,
            "threads": args.wrk_threads,
            "duration_s": args.duration,
            "rounds": args.rounds,
            "warmup_s": args.warmup,
        },
        "runs": [],
    }
    all_met = True
    with tempfile.TemporaryDirectory(prefix="secon-bench-") as tmp:
        var_dir = Path(tmp)
        print("preparing a fresh database with the demo data ...", flush=True)
        server.prepare(var_dir)
        for config in plan:
            print(f"\n{config.label}", flush=True)
            before = os.getloadavg()[0]
            result = measure(config, var_dir, args)
            rows: list[Row] = result["rows"]
            text, markdown = tables(rows)
            print()
            print(text)
            if args.markdown:
                print()
                print(markdown)
            met = goals(rows)
            print(f"load average (1 min) before/after: {before:.2f}/{os.getloadavg()[0]:.2f}")
            for words, ok in met:
                print(f"  {'PASS' if ok else 'FAIL'}  {words}")
            all_met = all_met and all(ok for _, ok in met)
            report["runs"].append(
                {
                    "config": result["config"],
                    "rows": [row.as_dict() for row in rows],
                    "goals": [{"goal": words, "met": ok} for words, ok in met],
                    "load_average_before_after": [before, os.getloadavg()[0]],
                }
            )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(
        "\nsrv ms/req: CPU time of the server's processes per request; busiest: the largest share of the"
        "\nworkers' CPU one worker used, in the worst window (50 % = even over two workers); × stock, × bare:"
        "\nreq/s against the stock Django view / our bare view; cpu × stock: the stock view's srv ms/req over"
        f"\nthe target's. p99: the worst window's. JSON: {args.output}"
    )
    return 1 if args.check and not all_met else 0


if __name__ == "__main__":
    raise SystemExit(main())
