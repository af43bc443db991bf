"""What apply and rollback check before anything runs, so a refusal changes nothing: applied
files still as they were, every hazard approved and the header honest about them, fingerprints
chained, and the live database where the first file starts."""

from __future__ import annotations

from sqlalchemy.engine import Connection

from faceplate_db.errors import MigrationRefused
from faceplate_db.migrate.history import HistoryRow
from faceplate_db.migrate.migrations import MigrationFile
from faceplate_db.migrate.running import drift, live_fingerprint


def applied_problems(files: list[MigrationFile], applied: list[HistoryRow]) -> list[str]:
    """An applied file missing, renamed or changed since."""
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
    return problems


def chain_problems(files: list[MigrationFile], start: str | None) -> list[str]:
    """Each file must start where the one before it ends."""
    problems = []
    previous = start
    for migration in files:
        if previous is not None and migration.from_fingerprint != previous:
            problems.append(
                f"{migration.filename} expects to start from fingerprint "
                f"{migration.from_fingerprint}, but the migration before it produces {previous}; "
                "it was written against another state: regenerate it with `faceplate-db diff --write`"
            )
        previous = migration.to_fingerprint
    return problems


def review_problems(files: list[MigrationFile]) -> list[str]:
    """Hazards not approved, and headers that claim other hazards than the statements carry."""
    problems = [str(item) for migration in files for item in migration.unapproved()]
    return problems + [
        problem for migration in files if (problem := migration.hazards_header_problem())
    ]


def refuse_if(problems: list[str]) -> None:
    if problems:
        raise MigrationRefused("\n".join(problems))


def check_start(conn: Connection, first: MigrationFile, schemas: tuple[str, ...]) -> None:
    """Refuses unless the live database is where `first` starts (a dry run's check; a real
    run checks it again inside each file's transaction)."""
    live = live_fingerprint(conn, schemas)
    conn.rollback()
    if live != first.from_fingerprint:
        raise drift(first, live)
