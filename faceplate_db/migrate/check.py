"""The CI gate: schema/migrations replayed onto an empty scratch database must produce
schema.sql, and every hazardous statement must carry its approval.

Two scratch databases: one receives the migration files in order (each checked against its
header's fingerprints, as apply would), the other schema.sql; the diff engine compares them.
The live database is only used to find the server scratch databases are created on.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from faceplate_db import engine
from faceplate_db.config import Settings
from faceplate_db.errors import MigrationFailed, MigrationFileError, MigrationRefused
from faceplate_db.migrate import history, scratch
from faceplate_db.migrate.apply import chain_problems, run_migration
from faceplate_db.migrate.migrations import MigrationFile, Unapproved, discover


@dataclass(frozen=True)
class CheckResult:
    files: tuple[MigrationFile, ...]
    unapproved: tuple[Unapproved, ...]
    # Files that cannot be read or parsed, fingerprints that do not chain.
    file_problems: tuple[str, ...]
    # The first failure while replaying the files on the scratch database.
    replay_error: str | None
    # What schema.sql has that the replayed migrations do not produce (empty: they agree).
    missing: tuple[engine.Statement, ...]
    replayed: bool

    @property
    def ok(self) -> bool:
        return (
            self.replayed
            and not self.unapproved
            and not self.file_problems
            and self.replay_error is None
            and not self.missing
        )


def check(settings: Settings) -> CheckResult:
    try:
        files = discover(settings.migrations_dir)
    except MigrationFileError as exc:
        return CheckResult((), (), (str(exc),), None, (), False)
    unapproved = tuple(item for migration in files for item in migration.unapproved())
    problems = tuple(chain_problems(files, None))
    replay_error = None
    missing: tuple[engine.Statement, ...] = ()

    with (
        scratch.scratch_database(settings) as replayed,
        scratch.scratch_database(settings) as target,
    ):
        scratch.load_schema_file(target, settings.schema_file)
        replay_settings = replace(settings, database_url=replayed, scratch_url=None)
        with history.live_connection(replayed) as conn:
            for migration in files:
                try:
                    run_migration(conn, migration, replay_settings, record=False)
                except (MigrationFailed, MigrationRefused) as exc:
                    replay_error = str(exc)
                    break
        if replay_error is None:
            missing = engine.diff_databases(replayed, target, settings.schemas)
    return CheckResult(tuple(files), unapproved, problems, replay_error, missing, True)
