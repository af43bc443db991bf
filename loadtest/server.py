"""A PostgreSQL server of the harness's own, for `--fault restart`: the embedded PostgreSQL (the
major FACEPLATE_EMBEDDED_MAJOR picks, 16 by default) in a new data directory, restarted with a fast shutdown and a
start in the middle of a run, then stopped and removed.

Its own server, because restarting a shared one would break whoever else uses it: the test
suite shares one embedded server per checkout, and a developer's server is theirs. It keeps
PostgreSQL's durable defaults (fsync on), unlike the embedded development server, since what a
restart run checks is that no acknowledged write is lost.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

from faceplate_db.errors import FaceplateError

START_TIMEOUT_S = 30.0
PROBE_INTERVAL_S = 0.01


@dataclass(frozen=True)
class Restart:
    """Wall-clock times (time.time()) of one restart."""

    began_at: float  # the fast shutdown was asked for
    stopped_at: float  # the server had stopped
    up_at: float  # the server accepted a connection again


@dataclass(frozen=True)
class OwnServer:
    url: str
    data_dir: Path
    socket_dir: str
    pg_ctl: Path
    # The system user the embedded server runs as when we are root; None otherwise.
    system_user: str | None

    def _pg_ctl(self, *args: str) -> None:
        done = subprocess.run(
            [str(self.pg_ctl), "-D", str(self.data_dir), *args],
            user=self.system_user,
            capture_output=True,
            text=True,
            timeout=START_TIMEOUT_S + 5,
        )
        if done.returncode != 0:
            raise FaceplateError(f"pg_ctl {' '.join(args)} failed: {done.stderr.strip()}")

    def accepts_connections(self) -> bool:
        try:
            psycopg.connect(self.url, connect_timeout=2).close()
        except psycopg.Error:
            return False
        return True

    def restart(self) -> Restart:
        """A fast shutdown (every backend terminated, a checkpoint), then a start; returns when
        the server accepts connections again, within START_TIMEOUT_S."""
        began_at = time.time()
        self._pg_ctl("stop", "--mode=fast", "--wait")
        stopped_at = time.time()
        # The same options the embedded server starts with: unix socket only. Not --wait: pg_ctl polls
        # in tenths of a second; the probe below sees the server accept within 10 ms.
        self._pg_ctl(
            "start",
            "--no-wait",
            "--log",
            str(self.data_dir / "log"),
            "-o",
            f'-h "" -k {self.socket_dir}',
        )
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self.accepts_connections():
            if time.monotonic() > deadline:
                raise FaceplateError(
                    f"the restarted server did not accept connections within {START_TIMEOUT_S:g} s"
                )
            time.sleep(PROBE_INTERVAL_S)
        return Restart(began_at, stopped_at, time.time())

    def stop(self) -> None:
        if (self.data_dir / "postmaster.pid").exists():
            self._pg_ctl("stop", "--mode=fast", "--wait")


@contextlib.contextmanager
def own_server() -> Iterator[OwnServer]:
    """A new embedded server in a temporary data directory; stopped and removed afterwards."""
    from faceplate_db.embedded import embedded_distribution

    distribution = embedded_distribution()
    data_dir = Path(tempfile.mkdtemp(prefix="faceplate-fault-"))
    try:
        # Started without a cleanup of the wheel's own: it would not know the restarted server.
        url = distribution.start(data_dir)
        parsed = make_url(url)
        server = OwnServer(
            url=url,
            data_dir=data_dir,
            socket_dir=str(parsed.query.get("host") or data_dir),
            pg_ctl=distribution.bin_dir() / "pg_ctl",
            system_user=pwd.getpwuid(data_dir.stat().st_uid).pw_name if os.geteuid() == 0 else None,
        )
        try:
            yield server
        finally:
            server.stop()
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
