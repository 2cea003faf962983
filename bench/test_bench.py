"""Fast checks of the benchmark's pure parts; no server is started and nothing is timed."""

from __future__ import annotations

import argparse

import pytest

from bench import load, run, stats


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
    assert load.first_news_item_path(html, "pl") == "/pl/news/12-kick-off/"
    assert load.first_news_item_path('<a href="/pl/news/">News</a>', "pl") is None


def test_load_is_only_sent_to_the_loopback() -> None:
    with pytest.raises(ValueError):
        load.drive("http://example.org", "/", concurrency=1, duration=1, warmup=0)


def test_command_line_bounds_are_enforced() -> None:
    with pytest.raises(SystemExit):
        run.parse_args(["--concurrency", "500"])
    with pytest.raises(SystemExit):
        run.parse_args(["--duration", "3600"])
    with pytest.raises(argparse.ArgumentTypeError):
        run._int_list("2,x")
    args = run.parse_args(["--server", "gunicorn,granian", "--workers", "2,3", "--cache", "on"])
    assert len(run.configs(args)) == 4
