"""One migration file run under guard: the part apply, rollback and check's replay share.

In one transaction on the connection that holds the migration lock: check that the live schema
is in the state the file starts from (its from-fingerprint); SET LOCAL lock_timeout and
statement_timeout; run the statements; check the result is the state the file promises (its
to-fingerprint); write its history (a Recorder: apply records the file, rollback removes it);
commit. Any failure rolls the whole file back, history included. A no-transaction file runs
statement by statement, and its history is written once its result is checked.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from faceplate_db import engine
from faceplate_db.config import Settings
from faceplate_db.errors import MigrationFailed, MigrationRefused
from faceplate_db.migrate.migrations import MigrationFile
from faceplate_db.migrate.scratch import load_error

# Writes a file's history in its transaction, given the connection and the run's duration.
Recorder = Callable[[Connection, float], None]


class PartiallyApplied(MigrationFailed):
    """A statement of a no-transaction file failed: the statements before it stay applied."""

    def __init__(self, migration: MigrationFile, line: int | None, statement: str, cause: str):
        super().__init__(migration.path, line, statement, cause)
        self.args = (
            f"{migration.path}:{line}: statement failed in a no-transaction migration: {cause}\n"
            "    the statements before it stay applied and no history row was written; "
            "undo them by hand, or fix the file and its from-fingerprint, then apply again",
        )


@dataclass(frozen=True)
class AppliedMigration:
    filename: str
    statements: int
    duration_s: float
    no_transaction: bool


def _failure_cause(migration: MigrationFile, offset: int, exc: DBAPIError) -> tuple[int, str]:
    """(line, message) of a failing statement: the server's position mapped into the file."""
    error = exc.orig
    if error is None or not hasattr(error, "diag"):
        return 0, str(exc).strip().splitlines()[0]
    located = load_error(migration.path, migration.text, error, statement_start=offset)
    message = located.server_message
    if error.sqlstate:
        message = f"{message} (SQLSTATE {error.sqlstate})"
    if located.line is not None and located.column is not None:
        message += f"\n    at {migration.path}:{located.line}:{located.column}: "
        message += (located.source_line or "").strip()
    if located.detail:
        message += "\n" + located.detail
    return located.line or 0, message


def live_fingerprint(conn: Connection, schemas: tuple[str, ...]) -> str:
    return engine.fingerprint(engine.take_snapshot(conn, schemas))


def drift(migration: MigrationFile, live: str) -> MigrationRefused:
    return MigrationRefused(
        f"{migration.path}: the live database is not in the state this migration was reviewed "
        f"against (live fingerprint {live}, the file expects {migration.from_fingerprint}). "
        "The schema was changed outside migrations, or the file was written against another "
        "database; see `faceplate-db status` and `faceplate-db diff`"
    )


def _timeout_hint(exc: DBAPIError, settings: Settings) -> str:
    """Which of our timeouts ended the statement, and the setting that controls it."""
    sqlstate = getattr(exc.orig, "sqlstate", None)
    if sqlstate == "57014" and "statement timeout" in str(exc.orig):
        return (
            f"\n    the statement ran longer than {settings.statement_timeout_s:g} s "
            "(FACEPLATE_STATEMENT_TIMEOUT)"
        )
    if sqlstate == "55P03":
        return (
            f"\n    waited {settings.lock_timeout_s:g} s for a lock another session holds "
            "(FACEPLATE_LOCK_TIMEOUT); retry when the table is quieter"
        )
    return ""


def _run_statements(
    conn: Connection, migration: MigrationFile, settings: Settings, partial: bool
) -> None:
    for statement in migration.statements:
        try:
            conn.exec_driver_sql(statement.sql, execution_options={"no_parameters": True})
        except DBAPIError as exc:
            _, cause = _failure_cause(migration, statement.offset, exc)
            cause += _timeout_hint(exc, settings)
            error = PartiallyApplied if partial else MigrationFailed
            args = (migration,) if partial else (migration.path,)
            raise error(*args, statement.line, statement.sql, cause) from None


def _verify_result(conn: Connection, migration: MigrationFile, schemas, partial: bool) -> None:
    after = live_fingerprint(conn, schemas)
    if after != migration.to_fingerprint:
        cause = (
            f"the result has fingerprint {after}, but the file promises "
            f"{migration.to_fingerprint}: its statements do not produce the reviewed state"
        )
        last = migration.statements[-1] if migration.statements else None
        line, sql = (last.line, last.sql) if last else (None, "")
        if partial:
            raise PartiallyApplied(migration, line, sql, cause)
        raise MigrationFailed(migration.path, line, sql, cause)


def run_migration(
    conn: Connection, migration: MigrationFile, settings: Settings, record: Recorder | None
) -> AppliedMigration:
    """Runs one file (see the module docstring); `record` writes its history in the same
    transaction (None: a replay without history)."""
    conn.commit()
    started = time.perf_counter()
    lock_ms = int(settings.lock_timeout_s * 1000)
    statement_ms = int(settings.statement_timeout_s * 1000)
    if migration.no_transaction:
        return _run_outside_transaction(conn, migration, settings, record, started)
    with conn.begin():
        live = live_fingerprint(conn, settings.schemas)
        if live != migration.from_fingerprint:
            raise drift(migration, live)
        # The timeouts bound the migration's statements, not the reading of the catalog
        # around them (which grows with the schema, not with the data).
        conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{lock_ms}ms'")
        conn.exec_driver_sql(f"SET LOCAL statement_timeout = '{statement_ms}ms'")
        _run_statements(conn, migration, settings, partial=False)
        conn.exec_driver_sql("SET LOCAL lock_timeout TO DEFAULT")
        conn.exec_driver_sql("SET LOCAL statement_timeout TO DEFAULT")
        _verify_result(conn, migration, settings.schemas, partial=False)
        duration = time.perf_counter() - started
        if record is not None:
            record(conn, duration)
    return AppliedMigration(migration.filename, len(migration.statements), duration, False)


def _run_outside_transaction(
    conn: Connection,
    migration: MigrationFile,
    settings: Settings,
    record: Recorder | None,
    started: float,
) -> AppliedMigration:
    live = live_fingerprint(conn, settings.schemas)
    conn.rollback()
    if live != migration.from_fingerprint:
        raise drift(migration, live)
    auto = conn.execution_options(isolation_level="AUTOCOMMIT")
    try:
        auto.exec_driver_sql(f"SET lock_timeout = '{int(settings.lock_timeout_s * 1000)}ms'")
        auto.exec_driver_sql(
            f"SET statement_timeout = '{int(settings.statement_timeout_s * 1000)}ms'"
        )
        _run_statements(auto, migration, settings, partial=True)
        auto.exec_driver_sql("RESET lock_timeout")
        auto.exec_driver_sql("RESET statement_timeout")
    finally:
        # Ends SQLAlchemy's (autocommit) transaction object, so the level may change back.
        auto.rollback()
        conn.execution_options(isolation_level=conn.default_isolation_level)
    with conn.begin():
        _verify_result(conn, migration, settings.schemas, partial=True)
        duration = time.perf_counter() - started
        if record is not None:
            record(conn, duration)
    return AppliedMigration(migration.filename, len(migration.statements), duration, True)
