"""The history tables (faceplate_migrations.history, .rollbacks) and the advisory lock appliers
take.

One connection does everything for an apply: it holds a session-level advisory lock for the
whole run, so the lock goes when the connection goes, however the process ends (the server
notices a dead client within `CLIENT_CHECK_MS` even in the middle of a long statement).
The history schema is never managed, diffed or fingerprinted.
"""

from __future__ import annotations

import hashlib
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime

import psycopg
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, OperationalError

from faceplate_db import engine
from faceplate_db.config import HISTORY_SCHEMA, Settings, mask_url
from faceplate_db.errors import DatabaseUnavailable, MigrationRefused
from faceplate_db.migrate.migrations import MigrationFile, file_name
from faceplate_db.migrate.sql_text import bookkeeping_sql

# One lock per database for every faceplate-db applier: a stable 63-bit number from the name.
LOCK_KEY = int.from_bytes(hashlib.sha256(HISTORY_SCHEMA.encode()).digest()[:8], "big") >> 1
# How often the server checks, during a statement, that the applier is still connected.
CLIENT_CHECK_MS = 500


def applier_name() -> str:
    """The application_name of an applier's connection: which host and process holds the lock,
    so an instance waiting at startup can say who it waits for (63 bytes at most)."""
    return f"faceplate-db {socket.gethostname()} pid {os.getpid()}"[:63]


@dataclass(frozen=True)
class HistoryRow:
    version: int
    name: str
    checksum: str
    from_fingerprint: str
    to_fingerprint: str
    applied_at: datetime
    duration_s: float
    applied_by: str
    baseline: bool
    down_checksum: str | None = None  # its down file's when it was applied

    @property
    def filename(self) -> str:
        return file_name(self.version, self.name)


@contextmanager
def live_connection(url: str) -> Iterator[Connection]:
    """A connection to the live database (SQLAlchemy over psycopg 3, as inspection uses, so a
    snapshot can be taken inside a migration's transaction)."""
    try:
        with engine.inspection_connection(url) as conn:
            conn.execute(
                text("SELECT set_config('application_name', :name, false)"),
                {"name": applier_name()},
            )
            if conn.dialect.server_version_info >= (14,):
                conn.exec_driver_sql(f"SET client_connection_check_interval = {CLIENT_CHECK_MS}")
            conn.commit()
            yield conn
    except OperationalError as exc:
        if not isinstance(exc.orig, psycopg.OperationalError) or _connected(exc):
            raise
        first = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else "unreachable"
        raise DatabaseUnavailable(mask_url(url), first) from None


def _connected(exc: OperationalError) -> bool:
    """An OperationalError raised by a statement (not by connecting) carries a SQLSTATE."""
    return getattr(exc.orig, "sqlstate", None) is not None


def history_exists(conn: Connection) -> bool:
    found = conn.execute(text("SELECT to_regclass(:name) IS NOT NULL"), {"name": _table()})
    return bool(found.scalar())


def _table() -> str:
    return f"{HISTORY_SCHEMA}.history"


def ensure_history(conn: Connection) -> None:
    """Creates the history schema and tables on first use, or brings a history made by an older
    faceplate-db up to date (under the lock: no race)."""
    if not read_rollbacks_possible(conn):
        try:
            conn.exec_driver_sql(bookkeeping_sql("history.sql"))
        except DBAPIError as exc:
            conn.rollback()
            reason = getattr(getattr(exc.orig, "diag", None), "message_primary", None)
            raise MigrationRefused(
                f"cannot create the history table {_table()}: {reason or exc.orig}; "
                f"run faceplate-db once as a role that may create schemas, or create "
                f"{HISTORY_SCHEMA} for this role"
            ) from None
    conn.commit()


def read_history(conn: Connection) -> list[HistoryRow]:
    """The applied migrations by version; none when the table does not exist yet."""
    if not history_exists(conn):
        return []
    rows = conn.execute(text(bookkeeping_sql("history_rows.sql"))).mappings().all()
    return [HistoryRow(**row) for row in rows]


@dataclass(frozen=True)
class RollbackRow:
    version: int
    rolled_back_at: datetime
    rolled_back_by: str


def read_rollbacks_possible(conn: Connection) -> bool:
    """Whether the history has its rollbacks table (a history made before down files has not)."""
    found = conn.execute(text(f"SELECT to_regclass('{HISTORY_SCHEMA}.rollbacks') IS NOT NULL"))
    return bool(found.scalar())


def read_rollbacks(conn: Connection) -> dict[int, RollbackRow]:
    """The latest rollback of each version; none when there is no rollbacks table yet."""
    if not read_rollbacks_possible(conn):
        return {}
    rows = conn.execute(text(bookkeeping_sql("rollback_rows.sql"))).mappings().all()
    return {row["version"]: RollbackRow(**row) for row in rows}


def record(
    conn: Connection,
    migration: MigrationFile,
    duration_s: float,
    applied_by: str,
    baseline: bool = False,
) -> None:
    """Inserts the history row, in the caller's transaction."""
    conn.execute(
        text(bookkeeping_sql("record_migration.sql")),
        {
            "version": migration.version,
            "name": migration.name,
            "checksum": migration.checksum,
            "from_fingerprint": migration.from_fingerprint,
            "to_fingerprint": migration.to_fingerprint,
            "duration_s": duration_s,
            "applied_by": applied_by,
            "baseline": baseline,
            "down_checksum": migration.down.checksum if migration.down else None,
        },
    )


def record_rollback(
    conn: Connection, row: HistoryRow, down: MigrationFile, duration_s: float, by: str
) -> None:
    """Removes the history row and records the rollback, in the caller's transaction."""
    conn.execute(
        text(bookkeeping_sql("record_rollback.sql")),
        {
            "version": row.version,
            "down_checksum": down.checksum,
            "rolled_back_by": by,
            "duration_s": duration_s,
        },
    )


def _holder(conn: Connection) -> str:
    row = conn.execute(
        text(
            "SELECT a.pid, a.application_name, a.client_addr, a.backend_start, a.state, "
            "a.query_start "
            "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.granted AND l.database = "
            "(SELECT oid FROM pg_database WHERE datname = current_database()) "
            "AND l.classid = (:key >> 32)::oid AND l.objid = (:key & 4294967295)::oid "
            "AND l.objsubid = 1"
        ),
        {"key": LOCK_KEY},
    ).first()
    if row is None:
        return "another applier"
    when = "%Y-%m-%d %H:%M:%S %Z"
    facts = [
        f"server pid {row.pid}",
        f"from {row.client_addr or 'a local socket'}",
        f"connected since {row.backend_start:{when}}",
    ]
    if row.state == "active":
        facts.append(f"running a statement since {row.query_start:{when}}")
    return f"{row.application_name or 'a client'} ({', '.join(facts)})"


@contextmanager
def migration_lock(conn: Connection, settings: Settings) -> Iterator[None]:
    """Holds the database's migration lock for the block; waits at most settings.lock_timeout_s
    for another applier, then refuses."""
    conn.commit()
    try:
        conn.exec_driver_sql(f"SET lock_timeout = '{int(settings.lock_timeout_s * 1000)}ms'")
        conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": LOCK_KEY})
        conn.exec_driver_sql("RESET lock_timeout")
        conn.commit()
    except DBAPIError as exc:
        if not isinstance(exc.orig, psycopg.errors.LockNotAvailable):
            raise
        conn.rollback()
        conn.exec_driver_sql("RESET lock_timeout")
        holder = _holder(conn)
        conn.rollback()
        raise MigrationRefused(
            f"{settings.masked_url}: {holder} holds the migration lock; waited "
            f"{settings.lock_timeout_s:g} s (FACEPLATE_LOCK_TIMEOUT). Run again when it is done."
        ) from None
    try:
        yield
    finally:
        # Closing the connection releases the lock too; unlocking explicitly frees it even if
        # the caller keeps the connection.
        with suppress(DBAPIError):
            conn.rollback()
            conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": LOCK_KEY})
            conn.commit()


@contextmanager
def locked_connection(settings: Settings) -> Iterator[Connection]:
    """A live connection holding the migration lock for the block."""
    with live_connection(settings.database_url) as conn, migration_lock(conn, settings):
        yield conn
