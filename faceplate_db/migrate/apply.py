"""Applying pending migrations under guard, and adopting a database (baseline).

For each pending file, in one transaction on the connection that holds the migration lock:
SET LOCAL lock_timeout and statement_timeout; check that the live schema is in the state the
file was reviewed against (its from-fingerprint); run the statements; check the result is the
state the file promises (its to-fingerprint); insert the history row; commit. Any failure rolls
the whole file back, history included. Before anything runs, every pending file is checked:
applied files unchanged and present, hazards approved, fingerprints chained.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from faceplate_db import engine
from faceplate_db.config import Settings
from faceplate_db.errors import MigrationFailed, MigrationRefused
from faceplate_db.migrate import history
from faceplate_db.migrate.history import HistoryRow
from faceplate_db.migrate.migrations import MigrationFile, discover, file_name
from faceplate_db.migrate.scratch import load_error


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


@dataclass(frozen=True)
class ApplyResult:
    applied: tuple[AppliedMigration, ...]
    # With dry_run: the files that would run, in order (nothing ran).
    pending: tuple[MigrationFile, ...]
    dry_run: bool
    # After applying: does the live database equal schema.sql? None when not checked.
    schema_in_sync: bool | None
    schema_differences: int = 0
    warnings: tuple[str, ...] = ()


def reconcile(
    files: list[MigrationFile], applied: list[HistoryRow]
) -> tuple[list[MigrationFile], list[str]]:
    """(pending files, problems): an applied file missing, renamed or changed; a pending file
    numbered below an applied one."""
    by_version = {migration.version: migration for migration in files}
    problems = []
    for row in applied:
        migration = by_version.get(row.version)
        if migration is None:
            problems.append(
                f"{row.filename} was applied on {row.applied_at:%Y-%m-%d} but is missing from the "
                "migrations folder (deleted or renumbered?); restore it"
            )
        elif migration.name != row.name:
            problems.append(
                f"{migration.filename}: version {row.version:04d} was applied as {row.filename}; "
                "an applied migration must not be renamed or renumbered"
            )
        elif migration.checksum != row.checksum:
            problems.append(
                f"{migration.filename} changed after it was applied (checksum {row.checksum[:12]}"
                f" then, {migration.checksum[:12]} now); restore it and put the change in a new "
                "migration"
            )
    done = {row.version for row in applied}
    last = max(done, default=0)
    pending = [migration for migration in files if migration.version not in done]
    for migration in pending:
        if migration.version < last:
            problems.append(
                f"{migration.filename} is not applied but {file_name(last, _name(applied, last))}"
                " is: renumber it after the last applied migration"
            )
    return pending, problems


def _name(applied: list[HistoryRow], version: int) -> str:
    return next(row.name for row in applied if row.version == version)


def chain_problems(pending: list[MigrationFile], start: str | None) -> list[str]:
    """Each file must start where the one before it ends."""
    problems = []
    previous = start
    for migration in pending:
        if previous is not None and migration.from_fingerprint != previous:
            problems.append(
                f"{migration.filename} expects to start from fingerprint "
                f"{migration.from_fingerprint}, but the migration before it produces {previous}; "
                "it was written against another state: regenerate it with `faceplate-db diff --write`"
            )
        previous = migration.to_fingerprint
    return problems


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


def _drift(migration: MigrationFile, live: str) -> MigrationRefused:
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
    conn: Connection, migration: MigrationFile, settings: Settings, record: bool = True
) -> AppliedMigration:
    """Runs one file (see the module docstring); `record=False` replays without history."""
    conn.commit()
    started = time.perf_counter()
    lock_ms = int(settings.lock_timeout_s * 1000)
    statement_ms = int(settings.statement_timeout_s * 1000)
    if migration.no_transaction:
        return _run_outside_transaction(conn, migration, settings, record, started)
    with conn.begin():
        live = live_fingerprint(conn, settings.schemas)
        if live != migration.from_fingerprint:
            raise _drift(migration, live)
        # The timeouts bound the migration's statements, not the reading of the catalog
        # around them (which grows with the schema, not with the data).
        conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{lock_ms}ms'")
        conn.exec_driver_sql(f"SET LOCAL statement_timeout = '{statement_ms}ms'")
        _run_statements(conn, migration, settings, partial=False)
        conn.exec_driver_sql("SET LOCAL lock_timeout TO DEFAULT")
        conn.exec_driver_sql("SET LOCAL statement_timeout TO DEFAULT")
        _verify_result(conn, migration, settings.schemas, partial=False)
        duration = time.perf_counter() - started
        if record:
            history.record(conn, migration, duration, settings.applied_by)
    return AppliedMigration(migration.filename, len(migration.statements), duration, False)


def _run_outside_transaction(
    conn: Connection, migration: MigrationFile, settings: Settings, record: bool, started: float
) -> AppliedMigration:
    live = live_fingerprint(conn, settings.schemas)
    conn.rollback()
    if live != migration.from_fingerprint:
        raise _drift(migration, live)
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
        if record:
            history.record(conn, migration, duration, settings.applied_by)
    return AppliedMigration(migration.filename, len(migration.statements), duration, True)


def _refuse_if(problems: list[str]) -> None:
    if problems:
        raise MigrationRefused("\n".join(problems))


def _unapproved_problems(pending: list[MigrationFile]) -> list[str]:
    return [str(item) for migration in pending for item in migration.unapproved()]


def apply(
    settings: Settings,
    *,
    dry_run: bool = False,
    verify_schema: bool = True,
) -> ApplyResult:
    """Applies the pending migrations of settings.migrations_dir to settings.database_url.
    With dry_run, checks everything and returns what would run, changing nothing. With
    verify_schema, after applying, compares the live database with schema.sql."""
    files = discover(settings.migrations_dir)
    warnings = []
    applied: list[AppliedMigration] = []
    with history.locked_connection(settings) as conn:
        if not dry_run:
            history.ensure_history(conn)
        rows = history.read_history(conn)
        pending, problems = reconcile(files, rows)
        problems += _unapproved_problems(pending)
        problems += chain_problems(pending, rows[-1].to_fingerprint if rows else None)
        _refuse_if(problems)
        if pending and dry_run:
            # (A real run checks this inside each migration's transaction.)
            live = live_fingerprint(conn, settings.schemas)
            conn.rollback()
            if live != pending[0].from_fingerprint:
                raise _drift(pending[0], live)
        warnings += [
            f"{migration.filename} runs outside a transaction (-- faceplate-db: "
            "no-transaction): a failure part-way leaves its earlier statements applied"
            for migration in pending
            if migration.no_transaction
        ]
        if dry_run:
            return ApplyResult((), tuple(pending), True, None, 0, tuple(warnings))
        for migration in pending:
            applied.append(run_migration(conn, migration, settings))
    in_sync, differences = None, 0
    if verify_schema and applied:
        in_sync, differences = schema_matches(settings)
    return ApplyResult(tuple(applied), (), False, in_sync, differences, tuple(warnings))


def schema_matches(settings: Settings) -> tuple[bool, int]:
    """(live == schema.sql, number of differing statements)."""
    from faceplate_db.migrate.planning import plan_migration

    plan = plan_migration(settings)
    return plan.in_sync, len(plan.statements)


@dataclass(frozen=True)
class BaselineResult:
    recorded: tuple[str, ...]
    live_fingerprint: str


def baseline(settings: Settings, *, check_schema: bool = True) -> BaselineResult:
    """Records every migration file as applied without running it, for a database that
    already matches schema.sql and what the files produce; refuses otherwise."""
    files = discover(settings.migrations_dir)
    if not files:
        raise MigrationRefused(
            f"{settings.migrations_dir} holds no migration file to record; write the first one "
            "with `faceplate-db diff --write initial --database <an empty database>`"
        )
    if check_schema:
        in_sync, differences = schema_matches(settings)
        if not in_sync:
            raise MigrationRefused(
                f"{settings.masked_url} does not match {settings.schema_file} "
                f"({differences} statement(s) differ); baseline adopts only a database that "
                "already matches schema.sql: see `faceplate-db diff`"
            )
    with history.locked_connection(settings) as conn:
        history.ensure_history(conn)
        rows = history.read_history(conn)
        pending, problems = reconcile(files, rows)
        problems += chain_problems(pending, rows[-1].to_fingerprint if rows else None)
        _refuse_if(problems)
        live = live_fingerprint(conn, settings.schemas)
        conn.rollback()
        expected = (pending or files)[-1].to_fingerprint
        if live != expected:
            raise MigrationRefused(
                f"{settings.masked_url} has fingerprint {live}, but the migrations produce "
                f"{expected}: the files do not describe this database "
                "(see `faceplate-db check`)"
            )
        with conn.begin():
            for migration in pending:
                history.record(conn, migration, 0.0, settings.applied_by, baseline=True)
    return BaselineResult(tuple(m.filename for m in pending), live)
