"""`faceplate-db ping`, invoked as a user would. Fail fast means within the 5 s connect
timeout as the user measures it: from before the process starts to after it has ended."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

from faceplate_db.cli import main

CONNECT_TIMEOUT_S = 5


def ping_in_a_subprocess(port: int) -> subprocess.CompletedProcess:
    """`python -m faceplate_db ping` at 127.0.0.1:port, with a password to keep secret."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "faceplate_db",
            "ping",
            "--database",
            f"postgresql://app:hunter2@127.0.0.1:{port}/chat",
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_ping_reports_version_pool_and_round_trip(fresh_db, capsys):
    assert main(["ping", "--database", fresh_db]) == 0
    out = capsys.readouterr().out
    assert "PostgreSQL 1" in out
    assert "size 5 + overflow 15 (at most 20), timeout 30 s" in out
    assert "pre-ping on (connections idle over 0.5 s)" in out
    assert "round trip" in out and " ms" in out


def test_ping_an_unreachable_server_fails_fast_without_the_password():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    started = time.monotonic()
    done = ping_in_a_subprocess(port)
    assert time.monotonic() - started < CONNECT_TIMEOUT_S
    assert done.returncode == 1
    assert f"127.0.0.1:{port}" in done.stderr
    assert "Connection refused" in done.stderr
    assert "hunter2" not in done.stderr + done.stdout


def test_ping_reports_an_invalid_pool_setting(monkeypatch, capsys):
    monkeypatch.setenv("FACEPLATE_POOL_SIZE", "lots")
    assert main(["ping", "--database", "postgresql://u:pw@127.0.0.1:1/x"]) == 1
    err = capsys.readouterr().err
    assert "FACEPLATE_POOL_SIZE" in err and "lots" in err


def test_ping_a_server_that_never_answers_ends_within_the_connect_timeout_start_up_included():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)  # completes the TCP handshake, never says a word
        port = listener.getsockname()[1]
        started = time.monotonic()
        done = ping_in_a_subprocess(port)
        elapsed = time.monotonic() - started
    assert elapsed < CONNECT_TIMEOUT_S
    assert elapsed > CONNECT_TIMEOUT_S * 0.7, "it waited for the server, not for nothing"
    assert done.returncode == 1
    assert f"127.0.0.1:{port}" in done.stderr
    assert "connect_timeout" in done.stderr
    assert "hunter2" not in done.stderr + done.stdout


def test_the_connect_budget_counts_from_the_process_start():
    """A start-up slowed by half a second (a loaded machine) is taken off the connect budget."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import time; time.sleep(0.5)\n"
            "from faceplate_db.cli.ping import seconds_since_start\n"
            "print(seconds_since_start())",
        ],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert 0.5 <= float(done.stdout) < CONNECT_TIMEOUT_S
