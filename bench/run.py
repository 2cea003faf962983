"""`make bench`: public pages against a bare Django view, side by side, on the production server config.

    .venv/bin/python -m bench.run [--server gunicorn,granian] [--workers 2,3] [--threads 4] [--cache both]

Each server config gets a fresh process on a free loopback port; within it the bare view runs first and
last around the pages, so every ratio compares figures taken minutes apart at most.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import itertools
import json
import os
import platform
import shlex
import signal
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import load, server, stats

RESULTS = server.ROOT / "bench" / "results" / "latest.json"
MAX_CONFIGS = 16
QUALITY_BAR = 0.5  # home and news list, at least this fraction of the bare view's req/s
BAR_TARGETS = ("home", "news list")


@dataclass(frozen=True)
class Target:
    name: str
    path: str
    html: bool = True


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
    unknown = [name for name in names if name not in server.SERVERS]
    if not names or unknown:
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
    parser.add_argument("--server", type=_server_list, default=["gunicorn"], help="gunicorn, granian or both")
    parser.add_argument("--workers", type=_int_list, help="WEB_CONCURRENCY values to try (default: conf)")
    parser.add_argument("--threads", type=_int_list, help="WEB_THREADS values to try (default: conf)")
    parser.add_argument(
        "--cache",
        choices=("on", "off", "both"),
        default="both",
        help="public page cache: settings default (on), PUBLIC_PAGE_CACHE_SECONDS=0 (off), or both",
    )
    parser.add_argument(
        "--concurrency",
        type=int,
        default=8,
        choices=range(1, load.MAX_CONCURRENCY + 1),
        metavar=f"1-{load.MAX_CONCURRENCY}",
        help="concurrent keep-alive clients (8)",
    )
    parser.add_argument(
        "--duration",
        type=_bounded(1, load.MAX_DURATION),
        default=10.0,
        help="measured seconds per target (10)",
    )
    parser.add_argument(
        "--warmup",
        type=_bounded(0, load.MAX_WARMUP),
        default=2.0,
        help="unmeasured seconds before each target (2)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        choices=range(1, 11),
        metavar="1-10",
        help="the duration is split into this many windows, interleaved with the bare view (3)",
    )
    parser.add_argument("--language", choices=("pl", "en"), default="pl")
    parser.add_argument("--output", type=Path, default=RESULTS, help="JSON results file")
    parser.add_argument("--markdown", action="store_true", help="also print the tables as Markdown")
    parser.add_argument("--check", action="store_true", help="exit 1 when the quality bar is missed")
    return parser.parse_args(argv)


def configs(args: argparse.Namespace) -> list[server.ServerConfig]:
    default_workers, default_threads = server.gunicorn_defaults()
    cache_choices: dict[str, list[int | None]] = {"on": [None], "off": [0], "both": [None, 0]}
    caches = cache_choices[args.cache]
    # Servers and cache settings vary fastest, so the configs compared most often run next to each other.
    found = [
        server.ServerConfig(server=name, workers=workers, threads=threads, cache_seconds=cache)
        for workers, threads, name, cache in itertools.product(
            args.workers or [default_workers], args.threads or [default_threads], args.server, caches
        )
    ]
    if len(found) > MAX_CONFIGS:
        raise SystemExit(f"{len(found)} server configs asked for; at most {MAX_CONFIGS} in one run")
    return found


def resolve_targets(base_url: str, language: str) -> list[Target | stats.TargetResult]:
    """The pages to measure, or a skipped row for each one that does not exist yet."""
    out: list[Target | stats.TargetResult] = []
    for name, path in (("home", f"/{language}/"), ("news list", f"/{language}/news/")):
        found = load.probe_page(base_url, path, html=True)
        out.append(Target(name, path) if found.found else stats.skipped(name, path, found.reason))
        if name == "news list":
            item = load.first_news_item_path(found.body, language) if found.found else None
            if item is None:
                reason = "not found (no news item link on the list page)" if found.found else found.reason
                out.append(stats.skipped("news item", "", reason))
            else:
                probe = load.probe_page(base_url, item, html=True)
                out.append(
                    Target("news item", item)
                    if probe.found
                    else stats.skipped("news item", item, probe.reason)
                )
    return out


def measure(config: server.ServerConfig, var_dir: Path, args: argparse.Namespace) -> dict[str, Any]:
    load_before = os.getloadavg()[0]
    running = server.RunningServer(config, var_dir, var_dir / f"{config.server}.log")
    try:
        running.wait_healthy()
        bare = Target("bare view", "/bench/bare", html=False)
        if not load.probe_page(running.base_url, bare.path, html=False).found:
            raise RuntimeError("the bare view /bench/bare is not mounted (BENCH_ENDPOINTS)")
        pages = resolve_targets(running.base_url, args.language)
        if any(isinstance(page, stats.TargetResult) and "HTTP 5" in page.skipped for page in pages):
            for error in running.logged_errors():
                print(f"  server error: {error}", flush=True)

        measured = [page for page in pages if isinstance(page, Target)]
        # Rounds of bare, page, page, ... and a last bare view, so slow drift in the machine's load
        # (other work on the same cores) falls on the baseline and the pages alike.
        schedule = [*[target for _ in range(args.rounds) for target in (bare, *measured)], bare]
        window = args.duration / args.rounds
        samples: dict[str, list[stats.Sample]] = {}
        for target in schedule:
            windows = samples.setdefault(target.name, [])
            print(f"  {target.name:<10} {target.path}  (window {len(windows) + 1})", flush=True)
            windows.append(
                load.drive(
                    running.base_url,
                    target.path,
                    concurrency=args.concurrency,
                    duration=window,
                    # Warm caches and connections once; later windows only let the previous target drain.
                    warmup=args.warmup if not windows else min(args.warmup, 0.5),
                    cpu_probe=running.cpu_seconds,
                )
            )
    finally:
        running.stop()

    def combined(name: str) -> stats.Sample:
        return functools.reduce(stats.Sample.merged, samples[name])

    baseline = stats.summarise(bare.name, bare.path, combined(bare.name))
    rows = [
        page
        if isinstance(page, stats.TargetResult)
        else stats.summarise(page.name, page.path, combined(page.name))
        for page in pages
    ]
    rows = stats.with_ratios([baseline, *rows], baseline)
    first = stats.summarise(bare.name, bare.path, samples[bare.name][0])
    last = stats.summarise(bare.name, bare.path, samples[bare.name][-1])
    drift = (last.rps - first.rps) / first.rps if first.rps else None
    return {
        "config": {
            "server": config.server,
            "workers": config.workers,
            "threads": config.threads,
            "public_page_cache_seconds": config.cache_seconds,
            "label": config.label,
        },
        "targets": [row.as_dict() for row in rows],
        "bare_rps_first": first.rps,
        "bare_rps_last": last.rps,
        "bare_drift": drift,
        # Other work on the machine shows here; this process and the server add about 1.5-2 themselves.
        "load_average_1min": [load_before, os.getloadavg()[0]],
        "_rows": rows,
    }


def quality_bar(rows: list[stats.TargetResult]) -> tuple[bool, str]:
    """Whether home and the news list reach QUALITY_BAR × the bare view's throughput, in words."""
    passed = True
    words = []
    for row in rows:
        if row.name in BAR_TARGETS:
            if row.ratio is None:
                words.append(f"{row.name} not measured ({row.skipped})")
                passed = False
            else:
                ok = row.ratio >= QUALITY_BAR
                passed = passed and ok
                words.append(f"{row.name} {row.ratio:.2f}× {'PASS' if ok else 'FAIL'}")
    return passed, f"quality bar (≥ {QUALITY_BAR:.2f}× bare): " + ", ".join(words)


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
    # SystemExit unwinds through the `finally` that stops the server; a bare SIGTERM would orphan it.
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _stop_on_term)
    plan = configs(args)
    pages = 3  # home, news list, news item
    per_config = (pages + 1) * (args.duration + args.warmup) + args.duration / args.rounds + 3
    estimate = len(plan) * per_config
    print(
        f"{len(plan)} server config(s), about {estimate / 60:.1f} min of load; client: {args.concurrency} "
        f"threads on this machine ({os.cpu_count()} CPUs)",
        flush=True,
    )

    report: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": shlex.join(
            [Path(sys.executable).name, "-m", "bench.run", *(argv if argv is not None else sys.argv[1:])]
        ),
        "machine": machine(),
        "client": {
            "concurrency": args.concurrency,
            "duration_s": args.duration,
            "warmup_s": args.warmup,
            "rounds": args.rounds,
        },
        "quality_bar": QUALITY_BAR,
        "runs": [],
    }
    all_passed = True
    with tempfile.TemporaryDirectory(prefix="secon-bench-") as tmp:
        var_dir = Path(tmp)
        print("preparing a fresh database with the demo data ...", flush=True)
        server.prepare(var_dir)
        for config in plan:
            print(f"\n{config.label}", flush=True)
            result = measure(config, var_dir, args)
            rows: list[stats.TargetResult] = result.pop("_rows")
            print()
            print(stats.format_table(rows))
            if args.markdown:
                print()
                print(stats.format_markdown(rows))
            if result["bare_drift"] is not None:
                first, last = result["bare_rps_first"], result["bare_rps_last"]
                before, after = result["load_average_1min"]
                drift = result["bare_drift"]
                print(
                    f"bare view first/last window: {first:,.0f}/{last:,.0f} req/s ({drift:+.0%}); "
                    f"load average before/after: {before:.1f}/{after:.1f}"
                )
            if config.cache_seconds is None:
                passed, words = quality_bar(rows)
                all_passed = all_passed and passed
                result["quality_bar_passed"] = passed
                print(words)
            report["runs"].append(result)

    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(
        "\ncores c/s: CPU cores busy in the client / the server while measuring; srv ms/req: server CPU"
        "\ntime a request; × bare: req/s against the bare view; cpu × bare: the bare view's srv ms/req"
        f"\nagainst the target's (the page's cost free of the client sharing the CPUs). JSON: {args.output}"
    )
    return 1 if args.check and not all_passed else 0


if __name__ == "__main__":
    raise SystemExit(main())
