"""The web while a 50 MB import is checked: p99 of a public page idle and under the check, and the task
worker's peak memory.

    .venv/bin/python -m bench.import_load [--megabytes 50] [--rows 200000] [--duration 10] [--connections 8]

A throw-away var dir is prepared as bin/run prepares it (SQLite, demo data). The web server runs as
bin/run starts it (bin/web), with one `db_worker`, both in production mode (bench/server.py). wrk
measures `/pl/`
(--duration seconds, --connections keep-alive connections, 2 threads) while nothing else runs; then a
generated organisation import of --rows rows, padded with notes to --megabytes, is uploaded (through the
service, in this process, on the same database) and its reading and check are queued for the worker, and
wrk measures `/pl/` again while the worker works. The worker's peak resident memory is read from /proc
(VmHWM) before the import and after the check. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _kilobytes(pid: int, field: str) -> int:
    """A /proc/<pid>/status memory field of the process and its children, summed (kB)."""
    from bench.server import _children

    total = 0
    for each in [pid, *_children(pid)]:
        try:
            match = re.search(rf"^{field}:\s+(\d+) kB", Path(f"/proc/{each}/status").read_text(), re.M)
        except OSError:
            continue
        total += int(match.group(1)) if match else 0
    return total


def wrk_p99(url: str, *, duration: int, connections: int) -> dict[str, float]:
    """Requests/s and the 50th/99th percentile latency (ms) wrk reports for one URL."""
    done = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    )
    units = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    found: dict[str, float] = {}
    for label in ("50", "99"):
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", done.stdout, re.M)
        if match:
            found[f"p{label}_ms"] = round(float(match.group(1)) * units[match.group(2)], 2)
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", done.stdout, re.M)
    found["requests_per_s"] = float(rate.group(1)) if rate else 0.0
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", done.stdout)
    found["errors"] = int(errors.group(1)) if errors else 0
    return found


def import_file(rows: int, megabytes: float) -> bytes:
    """An organisation import as users make them, each row padded with a note to reach the size."""
    from secon.registry.generator import write_organisation_import_csv

    stream = io.StringIO()
    write_organisation_import_csv(stream, rows=rows, seed=7)
    text = stream.getvalue()
    lines = text.splitlines()
    # Just under the size: a file of exactly the limit's size is the largest the upload accepts.
    target = int(megabytes * 1024 * 1024) - 64 * 1024
    pad = max(0, (target - len(text.encode()) * 2 // 2 - len(lines)) // len(lines) - 1)
    note = "Uwagi z zebrania: " + "x" * pad
    body = [lines[0] + ";Uwagi"] + [f"{line};{note[:pad]}" for line in lines[1:]]
    return ("\ufeff" + "\r\n".join(body) + "\r\n").encode()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=50)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--nice", type=int, default=19, help="The worker's niceness, as bin/run starts it.")
    args = parser.parse_args(argv)

    from bench import server

    with tempfile.TemporaryDirectory(prefix="secon-import-load-") as tmp:
        var_dir = Path(tmp)
        server.prepare(var_dir)
        os.environ.update(server.production_env(var_dir))
        import django

        django.setup()
        from django.db import transaction

        from secon.projects.models import Partner
        from secon.registry import imports
        from secon.registry.models import ImportBatch, ImportStatus

        data = import_file(args.rows, args.megabytes)
        workers, threads = server.shipped_defaults()
        web = server.RunningServer(
            server.ServerConfig("granian", workers, threads, None), var_dir, var_dir / "web.log"
        )
        log = (var_dir / "worker.log").open("wb")
        nice = ["nice", "-n", str(args.nice)] if args.nice else []
        worker = subprocess.Popen(
            [*nice, sys.executable, str(ROOT / "manage.py"), "db_worker", "--queue-name", "default"],
            cwd=ROOT,
            env=server.production_env(var_dir),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            web.wait_healthy()
            url = f"{web.base_url}/pl/"
            wrk_p99(url, duration=2, connections=args.connections)  # warm-up: the page cache fills
            idle = wrk_p99(url, duration=args.duration, connections=args.connections)
            worker_before = _kilobytes(worker.pid, "VmHWM")

            from django.core.files.uploadedfile import SimpleUploadedFile

            partner = Partner.objects.order_by("pk").first()
            if partner is None:
                raise SystemExit("seed_demo made no partner")
            started = time.monotonic()
            with transaction.atomic():
                batch = imports.upload_import(
                    partner, actor=None, kind="organisations", upload=SimpleUploadedFile("big.csv", data)
                )
            upload_s = time.monotonic() - started
            while True:  # the worker reads the file, then the dry run is queued at once
                batch.refresh_from_db()
                if batch.status != ImportStatus.READING:
                    break
                time.sleep(0.2)
            if batch.status != ImportStatus.UPLOADED:
                raise SystemExit(f"reading failed: {batch.error}")
            read_s = time.monotonic() - started
            with transaction.atomic():
                batch = imports.check_import(batch, actor=None, mapping=batch.mapping)
            check_started = time.monotonic()
            loaded = wrk_p99(url, duration=args.duration, connections=args.connections)
            overlap = ImportBatch.objects.get(pk=batch.pk).status == ImportStatus.CHECKING
            while ImportBatch.objects.get(pk=batch.pk).status == ImportStatus.CHECKING:
                time.sleep(0.2)
            check_s = time.monotonic() - check_started
            batch.refresh_from_db()
            worker_peak = _kilobytes(worker.pid, "VmHWM")
            idle_after = wrk_p99(url, duration=args.duration, connections=args.connections)
        finally:
            web.stop()
            worker.terminate()
            worker.wait(timeout=30)
            log.close()
        result: dict[str, Any] = {
            "file_mb": round(len(data) / 1024 / 1024, 1),
            "rows": args.rows,
            "status": batch.status,
            "error": batch.error,
            "bad_rows": batch.report.get("bad_rows"),
            "upload_request_s": round(upload_s, 2),
            "read_s": round(read_s, 1),
            "check_s": round(check_s, 1),
            "check_still_running_when_wrk_ended": overlap,
            "worker_peak_mb_before": round(worker_before / 1024),
            "worker_peak_mb_after_check": round(worker_peak / 1024),
            "idle": idle,
            "during_check": loaded,
            "idle_after": idle_after,
            # Against the better of the two idle windows around it (the machine may be shared).
            "p99_ratio": round(loaded["p99_ms"] / min(idle["p99_ms"], idle_after["p99_ms"]), 2),
            "server": f"granian (bin/web) {workers} workers x {threads} threads",
            "worker_nice": args.nice,
            "load_average": os.getloadavg(),
        }
        print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
