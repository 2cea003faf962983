"""Fast checks of the benchmark's pure parts; no server is started and nothing is timed."""

from __future__ import annotations

import argparse

import pytest

from bench import load, run, stats, wrk


def test_percentile_interpolates_between_ranks() -> None:
    values = [1.0, 2.0, 3.0, 4.0]
    assert stats.percentile(values, 0) == 1.0
    assert stats.percentile(values, 50) == 2.5
    assert stats.percentile(values, 100) == 4.0
    assert stats.percentile([7.0], 99) == 7.0


def test_percentile_of_nothing_or_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError):
        stats.percentile([], 50)
    with pytest.raises(ValueError):
        stats.percentile([1.0], 101)


def test_summary_counts_only_successful_requests_in_the_window() -> None:
    sample = stats.Sample(
        latencies=[0.001] * 90 + [0.010] * 10, errors=3, seconds=2.0, server_cpu_seconds=0.1
    )
    row = stats.summarise("home", "/pl/", sample)
    assert row.requests == 100
    assert row.errors == 3
    assert row.rps == 50.0
    assert row.p50_ms == pytest.approx(1.0)
    assert row.p99_ms == pytest.approx(10.0)
    assert row.server_ms_per_request == pytest.approx(1.0)


def test_bare_view_windows_merge_into_one_baseline() -> None:
    first = stats.Sample(latencies=[0.001] * 10, seconds=1.0, server_cpu_seconds=0.01)
    last = stats.Sample(latencies=[0.001] * 30, errors=1, seconds=1.0, server_cpu_seconds=0.03)
    merged = first.merged(last)
    assert len(merged.latencies) == 40
    assert merged.errors == 1
    assert merged.seconds == 2.0
    assert merged.server_cpu_seconds == pytest.approx(0.04)


def test_ratios_compare_throughput_and_server_cost_with_the_bare_view() -> None:
    bare = stats.TargetResult(name="bare view", path="/bench/bare", rps=1000.0, server_ms_per_request=1.0)
    page = stats.TargetResult(name="home", path="/pl/", rps=600.0, server_ms_per_request=4.0)
    missing = stats.skipped("news item", "", "not found (HTTP 404)")
    rows = stats.with_ratios([bare, page, missing], bare)
    assert rows[0].ratio == 1.0
    assert rows[1].ratio == pytest.approx(0.6)
    assert rows[1].cpu_ratio == pytest.approx(0.25)
    assert rows[2].ratio is None


def test_table_lines_up_and_says_why_a_page_was_skipped() -> None:
    rows = [
        stats.TargetResult(name="bare view", path="/bench/bare", requests=9, rps=1234.5, ratio=1.0),
        stats.skipped("news list", "/pl/news/", "not found (HTTP 404)"),
    ]
    lines = stats.format_table(rows).splitlines()
    assert lines[0].startswith("target")
    assert "1,234" in lines[2] or "1,235" in lines[2]
    assert lines[3].endswith("skipped: not found (HTTP 404)")
    assert lines[3].index("/pl/news/") == lines[2].index("/bench/bare")
    markdown = stats.format_markdown(rows).splitlines()
    assert all(line.count("|") == markdown[0].count("|") for line in markdown)


def test_first_news_item_link_is_found_in_the_list_page() -> None:
    html = (
        '<a href="/pl/news/">News</a><a href="/pl/news/feed.rss">RSS</a><a href="/pl/news/12-kick-off/">x</a>'
    )
    assert run.first_news_item_path(html, "pl") == "/pl/news/12-kick-off/"
    assert run.first_news_item_path('<a href="/pl/news/">News</a>', "pl") is None


def test_load_is_only_sent_to_the_loopback() -> None:
    with pytest.raises(ValueError):
        load.drive("http://example.org", "/", concurrency=1, duration=1, warmup=0)
    with pytest.raises(ValueError):
        wrk.run("http://example.org/", connections=1, threads=1, seconds=1)


def test_command_line_bounds_are_enforced() -> None:
    with pytest.raises(SystemExit):
        run.parse_args(["--connections", "500"])
    with pytest.raises(SystemExit):
        run.parse_args(["--duration", "3600"])
    with pytest.raises(argparse.ArgumentTypeError):
        run._int_list("2,x")
    args = run.parse_args(["--server", "granian,gunicorn", "--workers", "2,3", "--threads", "1"])
    assert len(run.configs(args)) == 4


WRK_OUTPUT = """Running 5s test @ http://127.0.0.1:8000/
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     5.10ms    2.00ms  40.00ms   90.00%
  Latency Distribution
     50%    4.80ms
     75%    5.90ms
     90%    7.20ms
     99%    1.20s
  30000 requests in 5.00s, 10.00MB read
  Socket errors: connect 0, read 7, write 1, timeout 2
  Non-2xx or 3xx responses: 3
Requests/sec:   6000.00
"""


def test_wrk_output_is_read_in_milliseconds_and_counts_real_errors_only() -> None:
    result = wrk.parse(WRK_OUTPUT)
    assert result.requests == 30000
    assert result.requests_per_s == pytest.approx(6000.0)
    assert result.latency_ms["50"] == pytest.approx(4.8)
    assert result.latency_ms["99"] == pytest.approx(1200.0)
    # read errors are a server closing a connection after answering (no keep-alive), not failures
    assert result.errors == 3 + 1 + 2


def test_the_busiest_worker_share_ignores_the_server_process_and_needs_two_workers() -> None:
    assert run.busiest_share({1: 5.0, 2: 0.6, 3: 0.4}, workers={2, 3}) == pytest.approx(0.6)
    assert run.busiest_share({1: 5.0, 2: 1.0, 3: 0.0}, workers={2, 3}) == pytest.approx(1.0)
    assert run.busiest_share({2: 1.0}, workers={2}) is None


def _row(name: str, role: str, rps: float, p99: float = 5.0, share: float = 0.5) -> run.Row:
    row = run.Row(name, role, "/x")
    row.requests, row.seconds, row.p99_ms, row.busiest_share = int(rps * 10), 10.0, [p99], [share]
    row.server_cpu_seconds = row.requests / rps
    return row


def test_goals_compare_cached_pages_and_the_bare_view_with_the_stock_view() -> None:
    rows = [
        _row("stock Django view", "stock", 6000),
        _row("bare view", "cached", 4900),
        _row("home", "cached", 4300),
        _row("news item", "cached", 4100, p99=25.0),
        _row("home", "uncached", 400, p99=90.0, share=0.7),
    ]
    met = dict(run.goals(rows))
    assert met["bare view ≥ 0.8× stock: 0.82×"]
    assert met["home ≥ 0.7× stock: 0.72×"]
    assert not met["news item p99 < 20 ms: 25.0 ms"]
    assert not met["busiest worker ≤ 60% of the CPU in every window: worst 70%"]
    text, markdown = run.tables(rows)
    assert "0.72" in text.splitlines()[4]
    assert all(line.count("|") == markdown.splitlines()[0].count("|") for line in markdown.splitlines())
