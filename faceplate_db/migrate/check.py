"""The CI gate: schema/migrations replayed onto an empty scratch database must produce
schema.sql, every down file must lead back, and every hazardous statement must carry its
approval.

Two scratch databases: one receives the migration files in order (each checked against its
header's fingerprints, as apply would), the other schema.sql; the diff engine compares them,
with schema.sql's declared renames (one no migration makes yet is missing as a rename).
Then the down files run on the first, newest first, each checked to end where its migration
started, down to the first irreversible migration. The live database is only used to find the
server scratch databases are created on.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy.engine import Connection

from faceplate_db import engine
from faceplate_db.config import Settings
from faceplate_db.errors import MigrationFailed, MigrationFileError, MigrationRefused
from faceplate_db.migrate import history, renames, scratch
from faceplate_db.migrate.folder import discover, reversibility_problems
from faceplate_db.migrate.guards import chain_problems
from faceplate_db.migrate.migrations import MigrationFile, Unapproved
from faceplate_db.migrate.running import run_migration


@dataclass(frozen=True)
class CheckResult:
    files: tuple[MigrationFile, ...]
    unapproved: tuple[Unapproved, ...]
    # Files that cannot be read or parsed, fingerprints that do not chain, headers claiming other
    # hazards than their statements carry, migrations without a way back.
    file_problems: tuple[str, ...]
    # The first failure while replaying the files on the scratch database.
    replay_error: str | None
    # What schema.sql has that the replayed migrations do not produce (empty: they agree).
    missing: tuple[engine.Statement, ...]
    replayed: bool
    # The first down file that failed to lead back to where its migration started.
    down_error: str | None = None
    # The down files replayed, newest first.
    downs_replayed: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return (
            self.replayed
            and not self.unapproved
            and not self.file_problems
            and self.replay_error is None
            and self.down_error is None
            and not self.missing
        )


def _reviewed(files: list[MigrationFile]) -> list[MigrationFile]:
    """Every file a reviewer approves: the migrations and their down files."""
    return [f for migration in files for f in (migration, migration.down) if f is not None]


def _replay(conn: Connection, files, settings: Settings) -> str | None:
    """Runs files in order without history; the first failure, or None."""
    for migration in files:
        try:
            run_migration(conn, migration, settings, record=None)
        except (MigrationFailed, MigrationRefused) as exc:
            return str(exc)
    return None


def _downs(files: list[MigrationFile]) -> list[MigrationFile]:
    """The down files rollback could run from the newest migration, newest first."""
    downs = []
    for migration in reversed(files):
        if migration.irreversible_reason or reversibility_problems(migration):
            break
        downs.append(migration.down)
    return downs


def check(settings: Settings) -> CheckResult:
    try:
        files = discover(settings.migrations_dir)
    except MigrationFileError as exc:
        return CheckResult((), (), (str(exc),), None, (), False)
    reviewed = _reviewed(files)
    unapproved = tuple(item for migration in reviewed for item in migration.unapproved())
    problems = chain_problems(files, None)
    problems += [p for migration in reviewed if (p := migration.hazards_header_problem())]
    problems += [p for migration in files for p in reversibility_problems(migration)]
    missing: tuple[engine.Statement, ...] = ()
    down_error = None
    downs = _downs(files)

    with (
        scratch.scratch_database(settings) as replayed,
        scratch.scratch_database(settings) as target,
    ):
        declared = scratch.load_schema_file(target, settings.schema_file)
        replay_settings = replace(settings, database_url=replayed, scratch_url=None)
        with history.live_connection(replayed) as conn:
            replay_error = _replay(conn, files, replay_settings)
        if replay_error is None:
            # A rename no migration makes yet is missing as a rename, not as a drop and an add.
            renamed = renames.resolve(declared, replayed, target, tuple(settings.schemas))
            missing = engine.diff_databases(replayed, target, renamed.schemas) + renamed.statements
            with history.live_connection(replayed) as conn:
                down_error = _replay(conn, downs, replay_settings)
    return CheckResult(
        tuple(files),
        unapproved,
        tuple(problems),
        replay_error,
        missing,
        True,
        down_error,
        tuple(down.filename for down in downs) if replay_error is None else (),
    )
