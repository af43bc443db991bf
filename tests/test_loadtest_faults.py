"""Faults under load: the fault window's classification of failures, recovery, the request log,
the lost/duplicate append check against a real database, and one short real run of each fault,
directly and through PgBouncer with two app processes. Each run stops everything it started."""

from __future__ import annotations

import json
import os

import psutil
import pytest

from faceplate_db.data.ids import new_id
from loadtest import run as harness
from loadtest.faults import FaultWindow, check_appends, classify_failures, recovery_s
from loadtest.pgbouncer import running_pgbouncer
from loadtest.processes import listening
from loadtest.requestlog import Append, RequestLog, append_content, read_outcomes
from loadtest.server import own_server

# A restart: began at 100, stopped at 100.2, accepting again at 101.5, retry delay 1 s.
RESTART = FaultWindow("restart", 100.0, 100.2, 101.5, 1.0)


@pytest.mark.parametrize(
    ("failed_at", "inside", "outside"),
    [
        ([100.0, 100.1, 101.5, 102.5], 4, 0),  # both ends belong to the window
        ([99.99], 0, 1),  # before the fault began
        ([102.51], 0, 1),  # after the server was back and the retry delay was over
        ([50.0, 100.5, 102.0, 200.0], 2, 2),
        ([], 0, 0),
    ],
)
def test_failures_are_classified_by_the_fault_window(failed_at, inside, outside):
    assert classify_failures(failed_at, RESTART) == (inside, outside)
    assert RESTART.ends_at == 102.5


def test_recovery_runs_from_the_server_accepting_again_to_the_first_success():
    # Successes before the server stopped do not count; the first after it, 0.3 s after up.
    assert recovery_s([99.0, 100.1, 101.8, 102.0], RESTART) == 0.3
    # Nothing succeeded after the fault: no recovery to report.
    assert recovery_s([99.0, 100.1], RESTART) is None
    # Terminate: the server never stopped; a success right at the end is immediate recovery.
    terminate = FaultWindow("terminate", 100.0, 100.05, 100.05, 1.0, backends_terminated=20)
    assert recovery_s([100.05], terminate) == 0.0


def test_the_request_log_keeps_each_outcome(tmp_path):
    log = RequestLog(tmp_path)
    log.request(1.0, "read", None)
    log.request(2.0, "append message", "append message: 503 no server")
    log.append(2.0, "t1", None)
    log.request(0.5, "read", None)
    log.append(3.0, "t2", "0192-id")
    log.close()
    outcomes = read_outcomes(tmp_path)
    assert outcomes.successes == [0.5, 1.0]
    assert [(f.at, f.name) for f in outcomes.failures] == [(2.0, "append message")]
    assert outcomes.appends == [Append(2.0, "t1", None), Append(3.0, "t2", "0192-id")]
    assert [a.acknowledged for a in outcomes.appends] == [False, True]


async def test_appends_are_checked_by_id_and_counted_by_token(engine, fresh_db):
    from faceplate_db.data.queries import conversations, messages, users

    user = await users.get_or_create_user(engine, "sub-f", "f@example.com")
    chat = await conversations.create_conversation(engine, user.id)

    async def store(token: str) -> str:
        row = await messages.append_message(engine, user.id, chat.id, "user", append_content(token))
        return str(row.id)

    kept = await store("kept")
    twice = await store("twice")
    await store("twice")  # what a non-idempotent retry would have done
    stored_unacknowledged = await store("late-ack")
    appends = [
        Append(1.0, "kept", kept),
        Append(1.1, "twice", twice),
        Append(1.2, "lost", str(new_id())),  # acknowledged, yet not there
        Append(1.3, "late-ack", None),  # failed, but its commit happened
        Append(1.4, "never", None),
    ]
    assert stored_unacknowledged
    assert check_appends(fresh_db, appends) == {
        "acknowledged_appends": 3,
        "appends_found": 2,
        "lost_appends": 1,
        "duplicate_appends": 1,
        "unacknowledged_appends_stored": 1,
    }


def marked_processes() -> dict[int, int]:
    """pid -> parent pid of the processes a run starts: PgBouncer, its own server, app servers."""
    marks = ("faceplate-pgbouncer-", "faceplate-fault-", "loadtest.app:app")
    found = {}
    for process in psutil.process_iter(["pid", "ppid", "cmdline"]):
        if any(mark in " ".join(process.info["cmdline"] or ()) for mark in marks):
            found[process.info["pid"]] = process.info["ppid"]
    return found


def left_running(before: dict[int, int]) -> list[int]:
    """New marked processes that are ours (our children) or nobody's (orphans): what a run that
    failed to stop something leaves. Other checkouts' runs on the machine are neither."""
    return [
        pid
        for pid, parent in marked_processes().items()
        if pid not in before and parent in (os.getpid(), 1)
    ]


def test_pgbouncer_and_the_own_server_stop_when_the_run_fails(pgbouncer):
    before = marked_processes()
    with pytest.raises(RuntimeError), own_server() as server:
        data_dir = server.data_dir
        assert server.accepts_connections()
        with running_pgbouncer(server.url) as bouncer:
            assert listening(bouncer.port)
            raise RuntimeError("the run failed")
    assert not listening(bouncer.port)
    assert not data_dir.exists()
    assert left_running(before) == []


def passing_fault_run(server_url, tmp_path, fault: str, through: str) -> tuple[dict, dict]:
    """A 10 s run with the fault, directly or through PgBouncer with 2 app processes; it must
    pass, lose nothing and leave nothing running. Returns (summary, its fault section)."""
    before = marked_processes()
    options = ["--fault", fault, "--duration", "10", "--users", "20", "--spawn-rate", "20"]
    # Terminate keeps the p99 criterion; requests caught by it wait out the 1 s retry delay,
    # which on a 10 s run on a busy 2-core machine can be more than 1 % of them.
    options += ["--p99-bound-ms", "5000", "--results", str(tmp_path)]
    if through == "pgbouncer":
        options += ["--pgbouncer", "--app-processes", "2"]
    if fault == "terminate":
        options += ["--database", server_url]
    code = harness.main(options)
    assert left_running(before) == [], "the run left a process of its own running"
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert code == 0, (summary["criteria"], summary["fault"], summary["failure_examples"])
    found = summary["fault"]
    assert found["acknowledged_appends"] > 10
    assert found["appends_found"] == found["acknowledged_appends"]
    assert found["lost_appends"] == 0
    assert found["duplicate_appends"] == 0
    assert found["failed_requests_outside_window"] == 0
    assert 0 <= found["recovery_s"] <= 2
    assert found["app_processes_restarted"] == 0
    assert summary["pgbouncer"] is (through == "pgbouncer")
    return summary, found


@pytest.mark.parametrize("through", ["direct", "pgbouncer"])
def test_a_restart_under_load_loses_nothing(server_url, tmp_path, through, request):
    if through == "pgbouncer":
        request.getfixturevalue("pgbouncer")
    summary, fault = passing_fault_run(server_url, tmp_path, "restart", through)
    assert fault["kind"] == "restart" and fault["outage_s"] > 0
    assert summary["requests"] > fault["failed_requests_in_window"]


@pytest.mark.parametrize("through", ["direct", "pgbouncer"])
def test_terminating_every_backend_under_load_fails_no_request(
    server_url, tmp_path, through, request
):
    if through == "pgbouncer":
        request.getfixturevalue("pgbouncer")
    summary, fault = passing_fault_run(server_url, tmp_path, "terminate", through)
    assert fault["backends_terminated"] >= 1
    assert summary["failures"] == 0
    if through == "pgbouncer":
        assert summary["app_processes"] == 2
        assert summary["peak_server_connections"] <= 20
        assert summary["client_connections_peak"] > 0
