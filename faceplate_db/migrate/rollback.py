"""Rolling applied migrations back with their down files, newest first, under apply's guards.

Before anything runs, every file to undo is checked (and any problem refuses the whole
rollback, changing nothing): its migration unchanged since it was applied, a down file present,
not edited since (its checksum was recorded when the migration was applied), leading back to
where the migration started, its hazards approved; a migration that says it is irreversible
stops the rollback with its reason. Then each down file runs in its own transaction under the
migration lock (running.py): the live database must be where the migration left it, the result
where it started, and the history row is removed and the rollback recorded in the same
transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from faceplate_db.config import Settings
from faceplate_db.errors import ConfigError
from faceplate_db.migrate import history
from faceplate_db.migrate.folder import discover, reversibility_problems
from faceplate_db.migrate.guards import applied_problems, check_start, refuse_if, review_problems
from faceplate_db.migrate.history import HistoryRow
from faceplate_db.migrate.migrations import MigrationFile
from faceplate_db.migrate.running import AppliedMigration, run_migration


@dataclass(frozen=True)
class RollbackResult:
    rolled_back: tuple[AppliedMigration, ...]  # the down files run, in order
    # With dry_run: the down files that would run, in order (nothing ran).
    pending: tuple[MigrationFile, ...]
    dry_run: bool
    warnings: tuple[str, ...] = ()


def rows_to_undo(rows: list[HistoryRow], steps: int | None, to_version: int | None):
    """The applied rows to roll back, newest first: the last `steps` (default 1), or every one
    above `to_version`."""
    if steps is not None and to_version is not None:
        raise ConfigError("--steps", steps, "give --steps or --to, not both")
    if to_version is not None:
        if to_version < 0:
            raise ConfigError("--to", to_version, "a version is 0 (everything) or more")
        if to_version and to_version not in {row.version for row in rows}:
            raise ConfigError("--to", to_version, "no migration with this version is applied")
        return [row for row in reversed(rows) if row.version > to_version]
    steps = 1 if steps is None else steps
    if steps < 1:
        raise ConfigError("--steps", steps, "roll back at least 1 migration")
    return list(reversed(rows))[:steps]


def _down_problems(migration: MigrationFile, row: HistoryRow) -> list[str]:
    problems = reversibility_problems(migration)
    if migration.irreversible_reason and not problems:
        return [f"{migration.filename} is irreversible: {migration.irreversible_reason}"]
    down = migration.down
    if down is not None and row.down_checksum and down.checksum != row.down_checksum:
        problems.append(
            f"{down.filename} changed after {migration.filename} was applied (checksum "
            f"{row.down_checksum[:12]} then, {down.checksum[:12]} now); restore it: the down "
            "file reviewed with a migration is the one that undoes it"
        )
    return problems


def _recorder(row: HistoryRow, down: MigrationFile, settings: Settings):
    def record(conn, duration_s: float) -> None:
        history.record_rollback(conn, row, down, duration_s, settings.applied_by)

    return record


def rollback(
    settings: Settings,
    *,
    steps: int | None = None,
    to_version: int | None = None,
    dry_run: bool = False,
) -> RollbackResult:
    """Rolls back the last `steps` applied migrations (default 1), or every one above
    `to_version`, newest first. With dry_run, checks everything and returns the down files that
    would run, changing nothing."""
    files = discover(settings.migrations_dir)
    by_version = {migration.version: migration for migration in files}
    done: list[AppliedMigration] = []
    with history.locked_connection(settings) as conn:
        rows = history.read_history(conn)
        undo = rows_to_undo(rows, steps, to_version)
        problems = applied_problems(files, [row for row in rows if row in undo])
        migrations = [by_version.get(row.version) for row in undo]
        if not problems:
            for migration, row in zip(migrations, undo, strict=True):
                problems += _down_problems(migration, row)
        downs = [migration.down for migration in migrations if migration and migration.down]
        problems += review_problems(downs)
        refuse_if(problems)
        warnings = [
            f"{row.filename} was applied before faceplate-db recorded down files: "
            f"{migration.down.filename} cannot be checked against the one reviewed with it"
            for migration, row in zip(migrations, undo, strict=True)
            if row.down_checksum is None
        ]
        if dry_run or not downs:
            if downs:
                check_start(conn, downs[0], settings.schemas)
            return RollbackResult((), tuple(downs), dry_run, tuple(warnings))
        history.ensure_history(conn)
        for down, row in zip(downs, undo, strict=True):
            done.append(run_migration(conn, down, settings, _recorder(row, down, settings)))
    return RollbackResult(tuple(done), (), False, tuple(warnings))
