"""The local processes a load run starts (app servers, PgBouncer): a free loopback port for
each, waiting for one to be ready, and stopping it whatever state it is in."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable

from faceplate_db.errors import FaceplateError


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


def wait_until_ready(
    ready: Callable[[], bool], process: subprocess.Popen, what: str, timeout_s: float = 30
) -> None:
    """Polls `ready` until it holds; fails naming `what` when the process exits first or the
    timeout passes."""
    deadline = time.monotonic() + timeout_s
    while not ready():
        if process.poll() is not None:
            raise FaceplateError(f"{what} exited with code {process.returncode} while starting")
        if time.monotonic() > deadline:
            raise FaceplateError(f"{what} was not ready after {timeout_s:g} s")
        time.sleep(0.05)


def stop(*processes: subprocess.Popen, timeout_s: float = 10) -> None:
    """SIGTERM to each, then SIGKILL to any that has not exited within timeout_s."""
    running = [p for p in processes if p.poll() is None]
    for process in running:
        process.terminate()
    deadline = time.monotonic() + timeout_s
    for process in running:
        try:
            process.wait(timeout=max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
