"""The load harness: its criteria logic per kind of run, options that cannot go together, a run
that fails a criterion exits non-zero, Locust's distributed mode with 2 workers, and
loopback-only targets. Runs are a few seconds each."""

from __future__ import annotations

import json

import pytest

from faceplate_db.errors import ConfigError
from loadtest import options as options_module
from loadtest import run as harness
from loadtest.criteria import all_passed, bounds, evaluate

GOOD = {
    "failed_requests": 0,
    "peak_server_connections": 20,
    "connections_opened": 20,
    "p99_ms": 80.0,
    "client_connections_peak": 80,
    "lost_appends": 0,
    "duplicate_appends": 0,
    "failed_requests_outside_window": 0,
    "recovery_s": 2.0,
    "app_processes_restarted": 0,
}


def limits(**run):
    return bounds(pool_max=20, p99_bound_ms=500.0, **run)


def test_one_app_process_is_judged_by_its_own_pool():
    assert limits() == {
        "failed_requests": 0,
        "peak_server_connections": 20,
        "connections_opened": 20,
        "p99_ms": 500.0,
    }
    criteria = evaluate(GOOD, limits())
    assert all_passed(criteria)
    assert criteria["peak_server_connections"] == {"value": 20, "bound": 20, "passed": True}


def test_several_app_processes_behind_pgbouncer_are_judged_by_its_pool():
    four = limits(app_processes=4, pgbouncer_pool=20)
    assert four["peak_server_connections"] == 20
    assert four["client_connections_peak"] == 80
    assert limits(app_processes=4)["peak_server_connections"] == 80
    assert "client_connections_peak" not in limits(app_processes=4)


def test_a_fault_adds_what_must_hold_through_it():
    terminate = limits(fault="terminate")
    assert {
        "lost_appends": 0,
        "duplicate_appends": 0,
        "failed_requests_outside_window": 0,
        "recovery_s": 2.0,
        "app_processes_restarted": 0,
    }.items() <= terminate.items()
    # Terminate is survived without a failed request; connections may be made anew.
    assert terminate["failed_requests"] == 0
    assert terminate["connections_opened"] == 60
    # A restart's failures are judged by the window, and its p99 measures the outage.
    restart = limits(fault="restart")
    assert "failed_requests" not in restart and "p99_ms" not in restart
    assert restart["failed_requests_outside_window"] == 0


@pytest.mark.parametrize(
    ("change", "failed"),
    [
        ({"failed_requests": 1}, "failed_requests"),
        ({"peak_server_connections": 21}, "peak_server_connections"),
        ({"connections_opened": 61}, "connections_opened"),
        ({"p99_ms": 500.1}, "p99_ms"),
        ({"client_connections_peak": 81}, "client_connections_peak"),
        ({"lost_appends": 1}, "lost_appends"),
        ({"duplicate_appends": 1}, "duplicate_appends"),
        ({"failed_requests_outside_window": 1}, "failed_requests_outside_window"),
        ({"recovery_s": 2.001}, "recovery_s"),
        ({"recovery_s": None}, "recovery_s"),
        ({"app_processes_restarted": 1}, "app_processes_restarted"),
    ],
)
def test_each_criterion_fails_on_its_own(change, failed):
    run = limits(app_processes=4, pgbouncer_pool=20, fault="terminate")
    assert all_passed(evaluate(GOOD, run))
    criteria = evaluate({**GOOD, **change}, run)
    assert not all_passed(criteria)
    assert [name for name, c in criteria.items() if not c["passed"]] == [failed]


def test_a_criterion_without_a_measurement_fails():
    criteria = evaluate({}, {"p99_ms": 500})
    assert criteria == {"p99_ms": {"value": None, "bound": 500, "passed": False}}


@pytest.mark.parametrize(
    ("options", "refused"),
    [
        (["--target", "http://127.0.0.1:8000", "--fault", "terminate"], "--target"),
        (["--target", "http://127.0.0.1:8000", "--pgbouncer"], "--target"),
        (["--database", "postgresql://u:secret@h/db", "--fault", "restart"], "--database"),
        (["--app-processes", "0"], "--app-processes"),
    ],
)
def test_options_that_cannot_go_together_are_refused(options, refused):
    with pytest.raises(ConfigError) as caught:
        options_module.check_options(options_module.parse_args(options))
    assert refused in str(caught.value)
    assert "secret" not in str(caught.value)


@pytest.mark.parametrize(
    "target", ["http://10.0.0.5:8000", "http://example.com", "http://192.168.1.2"]
)
def test_only_loopback_targets_are_accepted(target):
    with pytest.raises(ConfigError) as caught:
        options_module.loopback_only(target)
    assert "--target" in str(caught.value)


def test_loopback_targets_are_accepted():
    assert options_module.loopback_only("http://127.0.0.1:8000/") == "http://127.0.0.1:8000"
    assert options_module.loopback_only("http://[::1]:8000") == "http://[::1]:8000"


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
    assert code == 0, (summary["criteria"], summary["failure_examples"])
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


def test_app_processes_migrate_an_empty_database_as_they_boot(server_url, tmp_path):
    code, summary = run_harness(
        server_url,
        tmp_path,
        "--app-processes",
        "3",
        "--migrate-at-startup",
        "--p99-bound-ms",
        "5000",
    )
    assert code == 0, (summary["criteria"], summary["failure_examples"])
    assert summary["migrated_at_startup"] is True
    assert summary["app_processes"] == 3 and summary["failures"] == 0
