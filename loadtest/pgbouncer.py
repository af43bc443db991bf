"""A real PgBouncer (Debian's package, 1.18) in transaction pooling mode in front of one
PostgreSQL server, for the load harness and the tests.

`running_pgbouncer(server_url)` finds the executable (installing the package with apt-get when
it is missing and we are root), writes a config from loadtest/pgbouncer.ini.template into a
private temporary directory, starts PgBouncer on 127.0.0.1 and yields a `PgBouncer`; whatever
happens it is stopped and the directory removed.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from string import Template

import psycopg
from sqlalchemy.engine import make_url

from faceplate_db.config import libpq_url
from faceplate_db.errors import FaceplateError
from loadtest.processes import free_port, listening, stop, wait_until_ready

TEMPLATE = Path(__file__).with_name("pgbouncer.ini.template")
POOL_SIZE = 20
# Room for 4 app processes x 20 connections, the sampler and the admin console, with slack.
MAX_CLIENT_CONN = 200
PACKAGE = "pgbouncer"


@dataclass(frozen=True)
class PgBouncer:
    port: int
    role: str
    pool_size: int
    logfile: Path

    def url(self, database: str) -> str:
        """A postgresql:// URL reaching `database` through PgBouncer."""
        return f"postgresql://{self.role}@127.0.0.1:{self.port}/{database}"

    def client_connections(self, database: str) -> int:
        """Client connections PgBouncer holds for `database` now (active and waiting), from
        SHOW POOLS on its admin console."""
        with psycopg.connect(self.url("pgbouncer"), autocommit=True, connect_timeout=5) as conn:
            cursor = conn.execute("SHOW POOLS")
            columns = [d.name for d in cursor.description]
            return sum(
                pool["cl_active"] + pool["cl_waiting"]
                for pool in (dict(zip(columns, row, strict=True)) for row in cursor)
                if pool["database"] == database
            )


def executable() -> str:
    """The pgbouncer executable; installs Debian's package when it is missing and we are root."""
    found = shutil.which(PACKAGE) or shutil.which(PACKAGE, path="/usr/sbin:/usr/local/sbin")
    if found:
        return found
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise FaceplateError(
            "pgbouncer is not installed; install it (Debian: apt-get install pgbouncer) or run "
            "as root, where the harness installs it with apt-get"
        )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "--no-install-recommends", PACKAGE]
    if subprocess.run(install, env=env, capture_output=True).returncode != 0:
        # Package lists may be missing or stale on a fresh machine.
        subprocess.run(["apt-get", "update"], env=env, capture_output=True, check=False)
        done = subprocess.run(install, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise FaceplateError(f"apt-get install pgbouncer failed: {done.stderr.strip()[-500:]}")
    found = shutil.which(PACKAGE) or shutil.which(PACKAGE, path="/usr/sbin")
    if not found:
        raise FaceplateError("apt-get installed pgbouncer, but no pgbouncer executable was found")
    return found


def _quoted(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _server(server_url: str) -> tuple[str, str, str | None, str]:
    """(connection string for [databases], role, unix socket directory or None, unix user)."""
    url = make_url(libpq_url(server_url))
    host = url.host or url.query.get("host") or "/var/run/postgresql"
    host = host if isinstance(host, str) else host[0]
    role = url.username or "postgres"
    parts = {"host": host, "port": str(url.port or 5432), "user": role}
    if url.password:
        parts["password"] = url.password
    socket_dir = host if host.startswith("/") else None
    if os.geteuid() != 0:
        unix_user = pwd.getpwuid(os.geteuid()).pw_name
    elif socket_dir:
        # The user that owns the socket's directory can reach the socket (the embedded server's
        # data directory is private to its own system user).
        unix_user = pwd.getpwuid(Path(socket_dir).stat().st_uid).pw_name
    else:
        unix_user = "nobody"
    return " ".join(f"{k}={_quoted(v)}" for k, v in parts.items()), role, socket_dir, unix_user


def write_config(directory: Path, server_url: str, port: int, pool_size: int) -> tuple[Path, str]:
    """Writes pgbouncer.ini and its auth file into directory; returns (config path, role)."""
    server, role, _socket_dir, unix_user = _server(server_url)
    auth_file = directory / "users.txt"
    auth_file.write_text(f'"{role}" ""\n')
    config = directory / "pgbouncer.ini"
    config.write_text(
        Template(TEMPLATE.read_text()).substitute(
            server=server,
            port=port,
            pool_size=pool_size,
            max_client_conn=MAX_CLIENT_CONN,
            auth_file=auth_file,
            role=role,
            logfile=directory / "pgbouncer.log",
            pidfile=directory / "pgbouncer.pid",
            unix_user=unix_user,
        )
    )
    if os.geteuid() == 0:
        account = pwd.getpwnam(unix_user)
        for path in (directory, auth_file, config):
            os.chown(path, account.pw_uid, account.pw_gid)
    return config, role


@contextlib.contextmanager
def running_pgbouncer(server_url: str, pool_size: int = POOL_SIZE) -> Iterator[PgBouncer]:
    """PgBouncer on 127.0.0.1 in front of server_url's server, stopped afterwards."""
    program = executable()
    directory = Path(tempfile.mkdtemp(prefix="faceplate-pgbouncer-"))
    try:
        port = free_port()
        config, role = write_config(directory, server_url, port, pool_size)
        process = subprocess.Popen(
            [program, "--quiet", str(config)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        bouncer = PgBouncer(port, role, pool_size, directory / "pgbouncer.log")
        try:
            try:
                wait_until_ready(lambda: listening(port), process, "pgbouncer", timeout_s=10)
            except FaceplateError as exc:
                raise FaceplateError(f"{exc}; its log:\n{_tail(bouncer.logfile)}") from None
            yield bouncer
        finally:
            stop(process, timeout_s=5)
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def _tail(logfile: Path, lines: int = 20) -> str:
    try:
        return "\n".join(logfile.read_text().splitlines()[-lines:])
    except OSError:
        return "(no log)"
