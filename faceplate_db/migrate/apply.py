"""Applying pending migrations under guard, and adopting a database (baseline).

Before anything runs, every pending file is checked (guards.py): applied files unchanged and
present, hazards approved and declared, fingerprints chained. Then each pending file runs in
its own transaction with its history row (running.py), on the connection that holds the
migration lock.
"""

from __future__ import annotations

from dataclasses import dataclass

from faceplate_db.config import Settings
from faceplate_db.errors import MigrationRefused
from faceplate_db.migrate import history
from faceplate_db.migrate.folder import discover
from faceplate_db.migrate.guards import (
    applied_problems,
    chain_problems,
    check_start,
    refuse_if,
    review_problems,
)
from faceplate_db.migrate.history import HistoryRow
from faceplate_db.migrate.migrations import MigrationFile, file_name
from faceplate_db.migrate.running import AppliedMigration, live_fingerprint, run_migration


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
    problems = applied_problems(files, applied)
    done = {row.version for row in applied}
    last = max(done, default=0)
    pending = [migration for migration in files if migration.version not in done]
    for migration in pending:
        if migration.version < last:
            last_name = next(row.name for row in applied if row.version == last)
            problems.append(
                f"{migration.filename} is not applied but {file_name(last, last_name)}"
                " is: renumber it after the last applied migration"
            )
    return pending, problems


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
        problems += review_problems(pending)
        problems += chain_problems(pending, rows[-1].to_fingerprint if rows else None)
        refuse_if(problems)
        if pending and dry_run:
            check_start(conn, pending[0], settings.schemas)
        warnings += [
            f"{migration.filename} runs outside a transaction (-- faceplate-db: "
            "no-transaction): a failure part-way leaves its earlier statements applied"
            for migration in pending
            if migration.no_transaction
        ]
        if dry_run:
            return ApplyResult((), tuple(pending), True, None, 0, tuple(warnings))
        for migration in pending:
            applied.append(run_migration(conn, migration, settings, _recorder(migration, settings)))
    in_sync, differences = None, 0
    if verify_schema and applied:
        in_sync, differences = schema_matches(settings)
    return ApplyResult(tuple(applied), (), False, in_sync, differences, tuple(warnings))


def _recorder(migration: MigrationFile, settings: Settings):
    def record(conn, duration_s: float) -> None:
        history.record(conn, migration, duration_s, settings.applied_by)

    return record


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
        refuse_if(problems)
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
