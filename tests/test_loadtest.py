"""The load harness: its criteria logic, a run that fails a criterion exits non-zero, Locust's
distributed mode with 2 workers, and loopback-only targets. Runs are a few seconds each."""

from __future__ import annotations

import json

import pytest

from faceplate_db.errors import ConfigError
from loadtest import run as harness
from loadtest.criteria import all_passed, evaluate

GOOD = dict(
    failures=0,
    peak_server_connections=20,
    connections_opened=20,
    p99_ms=80.0,
    max_connections=20,
    p99_bound_ms=500.0,
)


def test_criteria_pass_at_their_bounds():
    criteria = evaluate(**GOOD)
    assert all_passed(criteria)
    assert set(criteria) == {
        "failed_requests",
        "peak_server_connections",
        "connections_opened",
        "p99_ms",
    }
    assert criteria["peak_server_connections"] == {"value": 20, "bound": 20, "passed": True}


@pytest.mark.parametrize(
    ("change", "failed"),
    [
        ({"failures": 1}, "failed_requests"),
        ({"peak_server_connections": 21}, "peak_server_connections"),
        ({"connections_opened": 400}, "connections_opened"),
        ({"p99_ms": 500.1}, "p99_ms"),
    ],
)
def test_each_criterion_fails_on_its_own(change, failed):
    criteria = evaluate(**{**GOOD, **change})
    assert not all_passed(criteria)
    assert [name for name, c in criteria.items() if not c["passed"]] == [failed]


@pytest.mark.parametrize(
    "target", ["http://10.0.0.5:8000", "http://example.com", "http://192.168.1.2"]
)
def test_only_loopback_targets_are_accepted(target):
    with pytest.raises(ConfigError) as caught:
        harness.loopback_only(target)
    assert "--target" in str(caught.value)


def test_loopback_targets_are_accepted():
    assert harness.loopback_only("http://127.0.0.1:8000/") == "http://127.0.0.1:8000"
    assert harness.loopback_only("http://[::1]:8000") == "http://[::1]:8000"


def run_harness(server_url, tmp_path, *extra):
    code = harness.main(
        [
            "--database",
            server_url,
            "--duration",
            "3",
            "--users",
            "6",
            "--spawn-rate",
            "6",
            "--results",
            str(tmp_path),
            *extra,
        ]
    )
    return code, json.loads((tmp_path / "summary.json").read_text())


def test_a_run_that_misses_a_criterion_exits_non_zero(server_url, tmp_path):
    code, summary = run_harness(server_url, tmp_path, "--p99-bound-ms", "0.001")
    assert code == 1
    assert summary["requests"] > 0
    assert summary["criteria"]["p99_ms"]["passed"] is False
    assert summary["criteria"]["failed_requests"]["passed"] is True
    assert summary["locust_exit_code"] != 0, "Locust's own quitting listener failed the run too"
    assert (tmp_path / "locust_report.html").stat().st_size > 0


def test_distributed_mode_with_two_workers_passes(server_url, tmp_path):
    code, summary = run_harness(server_url, tmp_path, "--processes", "2", "--p99-bound-ms", "5000")
    assert code == 0, summary["criteria"]
    assert summary["failures"] == 0
    assert summary["requests"] > 50
    assert summary["peak_server_connections"] <= 20
    assert summary["connections_opened"] <= 20
    for key in (
        "users",
        "duration_s",
        "rps",
        "p50_ms",
        "p95_ms",
        "p99_ms",
        "pool_checked_out_peak",
        "pool_timeouts",
    ):
        assert key in summary
