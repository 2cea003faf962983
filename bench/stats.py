"""Pure helpers of the benchmark: percentiles, one target's summary, ratios to the bare view, the table."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) of already sorted values, interpolating linearly between ranks."""
    if not sorted_values:
        raise ValueError("percentile of no values")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} is outside 0-100")
    position = (len(sorted_values) - 1) * q / 100
    lower = math.floor(position)
    upper = math.ceil(position)
    if lower == upper:
        return float(sorted_values[lower])
    weight = position - lower
    return float(sorted_values[lower] * (1 - weight) + sorted_values[upper] * weight)


@dataclass
class Sample:
    """What the load driver saw for one target in one measured window."""

    latencies: list[float] = field(default_factory=list)  # seconds, successful requests only
    errors: int = 0
    seconds: float = 0.0  # length of the measured window
    client_cpu_seconds: float = 0.0
    server_cpu_seconds: float | None = None

    def merged(self, other: Sample) -> Sample:
        """Two windows of the same target (the bare view runs first and last) as one."""
        server_cpu = (
            None
            if self.server_cpu_seconds is None or other.server_cpu_seconds is None
            else self.server_cpu_seconds + other.server_cpu_seconds
        )
        return Sample(
            latencies=[*self.latencies, *other.latencies],
            errors=self.errors + other.errors,
            seconds=self.seconds + other.seconds,
            client_cpu_seconds=self.client_cpu_seconds + other.client_cpu_seconds,
            server_cpu_seconds=server_cpu,
        )


@dataclass(frozen=True)
class TargetResult:
    """One row of the results table; `skipped` holds the reason when the page could not be measured."""

    name: str
    path: str
    skipped: str = ""
    requests: int = 0
    errors: int = 0
    rps: float = 0.0
    p50_ms: float = 0.0
    p90_ms: float = 0.0
    p99_ms: float = 0.0
    client_cpu: float = 0.0  # cores used by the load driver while measuring
    server_cpu: float | None = None  # cores used by the server while measuring
    server_ms_per_request: float | None = None  # server CPU time per request
    ratio: float | None = None  # rps / the bare view's rps
    cpu_ratio: float | None = None  # the bare view's server CPU per request / this target's

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def summarise(name: str, path: str, sample: Sample) -> TargetResult:
    latencies = sorted(sample.latencies)
    if not latencies or sample.seconds <= 0:
        return TargetResult(name=name, path=path, skipped="no successful request", errors=sample.errors)
    return TargetResult(
        name=name,
        path=path,
        requests=len(latencies),
        errors=sample.errors,
        rps=len(latencies) / sample.seconds,
        p50_ms=percentile(latencies, 50) * 1000,
        p90_ms=percentile(latencies, 90) * 1000,
        p99_ms=percentile(latencies, 99) * 1000,
        client_cpu=sample.client_cpu_seconds / sample.seconds,
        server_cpu=None if sample.server_cpu_seconds is None else sample.server_cpu_seconds / sample.seconds,
        server_ms_per_request=(
            None if sample.server_cpu_seconds is None else sample.server_cpu_seconds * 1000 / len(latencies)
        ),
    )


def skipped(name: str, path: str, reason: str) -> TargetResult:
    return TargetResult(name=name, path=path, skipped=reason)


def with_ratios(results: Iterable[TargetResult], baseline: TargetResult) -> list[TargetResult]:
    """Each measured row with its throughput, and its server CPU cost, as a multiple of the baseline's.

    On one machine the client's own CPU cost per request is the same for every target, which pulls
    the throughput ratio towards 1; the server-CPU ratio is free of that and shows the pages' real cost.
    """
    rows = []
    for row in results:
        if row.skipped or baseline.skipped or baseline.rps <= 0:
            rows.append(row)
            continue
        cpu_ratio = None
        if baseline.server_ms_per_request and row.server_ms_per_request:
            cpu_ratio = baseline.server_ms_per_request / row.server_ms_per_request
        rows.append(replace(row, ratio=row.rps / baseline.rps, cpu_ratio=cpu_ratio))
    return rows


COLUMNS = (
    "target",
    "path",
    "req/s",
    "p50 ms",
    "p90 ms",
    "p99 ms",
    "errors",
    "cores c/s",
    "srv ms/req",
    "× bare",
    "cpu × bare",
)


def _figures(row: TargetResult) -> tuple[str, ...]:
    """The figure cells of a measured row (everything after target and path)."""
    server = "?" if row.server_cpu is None else f"{row.server_cpu:.1f}"
    return (
        f"{row.rps:,.0f}",
        f"{row.p50_ms:.1f}",
        f"{row.p90_ms:.1f}",
        f"{row.p99_ms:.1f}",
        str(row.errors),
        f"{row.client_cpu:.1f}/{server}",
        "?" if row.server_ms_per_request is None else f"{row.server_ms_per_request:.2f}",
        "-" if row.ratio is None else f"{row.ratio:.2f}",
        "-" if row.cpu_ratio is None else f"{row.cpu_ratio:.2f}",
    )


def format_table(rows: Sequence[TargetResult]) -> str:
    """A plain-text table; a skipped row says why in place of its figures."""
    measured = [(row.name, row.path, *_figures(row)) for row in rows if not row.skipped]
    names = [(row.name, row.path or "-") for row in rows]
    widths = [len(title) for title in COLUMNS]
    for cells in [*measured, *names]:
        for i, cell in enumerate(cells):
            widths[i] = max(widths[i], len(cell))

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.ljust(widths[i]) if i < 2 else cell.rjust(widths[i]) for i, cell in enumerate(cells)
        )

    lines = [line(COLUMNS).rstrip(), "  ".join("-" * width for width in widths)]
    for row in rows:
        if row.skipped:
            lines.append(line((row.name, row.path or "-")) + f"  skipped: {row.skipped}")
        else:
            lines.append(line((row.name, row.path, *_figures(row))))
    return "\n".join(lines)


def format_markdown(rows: Sequence[TargetResult]) -> str:
    """The same table in Markdown, for docs/performance.md."""
    lines = [
        "| " + " | ".join(COLUMNS) + " |",
        "|" + "|".join(["---"] * 2 + ["---:"] * (len(COLUMNS) - 2)) + "|",
    ]
    for row in rows:
        path = f"`{row.path}`" if row.path else "-"
        if row.skipped:
            figures: tuple[str, ...] = (f"skipped: {row.skipped}", *[""] * (len(COLUMNS) - 3))
        else:
            figures = _figures(row)
        lines.append("| " + " | ".join((row.name, path, *figures)) + " |")
    return "\n".join(lines)
