"""`faceplate-db ping`, invoked as a user would."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

from faceplate_db.cli import main


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
    assert "pre-ping on" in out
    assert "round trip" in out and " ms" in out


def test_ping_an_unreachable_server_fails_fast_without_the_password():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    started = time.monotonic()
    done = ping_in_a_subprocess(port)
    assert time.monotonic() - started < 5 + 3  # interpreter start-up included
    assert done.returncode == 1
    assert f"127.0.0.1:{port}" in done.stderr
    assert "Connection refused" in done.stderr
    assert "hunter2" not in done.stderr + done.stdout


def test_ping_reports_an_invalid_pool_setting(monkeypatch, capsys):
    monkeypatch.setenv("FACEPLATE_POOL_SIZE", "lots")
    assert main(["ping", "--database", "postgresql://u:pw@127.0.0.1:1/x"]) == 1
    err = capsys.readouterr().err
    assert "FACEPLATE_POOL_SIZE" in err and "lots" in err


def test_ping_a_server_that_never_answers_gives_up_at_the_connect_timeout():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)  # completes the TCP handshake, never says a word
        port = listener.getsockname()[1]
        started = time.monotonic()
        done = ping_in_a_subprocess(port)
        elapsed = time.monotonic() - started
    assert elapsed < 5 + 3  # the 5 s connect timeout plus interpreter start-up
    assert done.returncode == 1
    assert f"127.0.0.1:{port}" in done.stderr
    assert "connect_timeout" in done.stderr
    assert "hunter2" not in done.stderr + done.stdout
