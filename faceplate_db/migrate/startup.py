"""Migrations when an application boots: the library API behind "migrations run on app startup".

    from faceplate_db.migrate import upgrade, upgrade_async, verify, verify_async

    applied = upgrade()                      # DATABASE_URL, else the embedded default
    applied = await upgrade_async(database_url=url, migrations="schema/migrations")

`upgrade` is `faceplate-db apply` without the command line: the same advisory lock, approvals,
checksums, fingerprints and timeouts, and the same exceptions (their text is what the CLI
prints, so a crash-looping instance's log says what to do). Many instances starting at once
queue on the lock; the first applies, the others then find nothing pending and return []. It
does not compare the result with schema.sql (that needs a scratch database, which an
application's role may not be allowed to create): the files' fingerprints already prove each
result is the reviewed state, and `faceplate-db check` in CI proves the files equal schema.sql.

`verify` is for instances that must not migrate (read replicas, or deployments where a separate
job migrates): it raises `NotMigrated` when a file is pending or the schema drifted, and returns
None otherwise. It takes no lock and writes nothing.

The async forms run the synchronous tool in a worker thread, so the event loop keeps serving;
a cancelled await does not stop a migration already running (it finishes or rolls back).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from faceplate_db.config import Settings, positive_float
from faceplate_db.errors import NotMigrated


def startup_settings(
    database_url: str | None = None,
    *,
    schema_file: str | Path | None = None,
    migrations: str | Path | None = None,
    schemas: list[str] | tuple[str, ...] | None = None,
    lock_timeout: float | None = None,
    statement_timeout: float | None = None,
) -> Settings:
    """Keywords win over the environment (DATABASE_URL, FACEPLATE_LOCK_TIMEOUT,
    FACEPLATE_STATEMENT_TIMEOUT), which wins over pyproject.toml and the defaults."""
    settings = Settings.resolve(
        database=database_url,
        schema_file=schema_file,
        migrations_dir=migrations,
        schemas=schemas,
    )
    if lock_timeout is not None:
        settings = replace(settings, lock_timeout_s=positive_float("lock_timeout", lock_timeout))
    if statement_timeout is not None:
        settings = replace(
            settings, statement_timeout_s=positive_float("statement_timeout", statement_timeout)
        )
    return settings


def upgrade(database_url: str | None = None, **options) -> list[str]:
    """Applies the pending reviewed migrations; returns the versions applied (e.g.
    ['0002_add_tokens']), oldest first, [] when nothing was pending. Raises MigrationRefused
    (drift, a changed checksum, an unapproved hazard, the lock not granted in time) before any
    statement runs, MigrationFailed when a statement fails (its file rolled back)."""
    from faceplate_db.migrate.apply import apply

    result = apply(startup_settings(database_url, **options), verify_schema=False)
    return [Path(migration.filename).stem for migration in result.applied]


def verify(database_url: str | None = None, **options) -> None:
    """Raises NotMigrated when a migration is pending, an applied file changed or went missing,
    or the live schema drifted from what the applied files produce."""
    from faceplate_db.migrate.status import status

    found = status(startup_settings(database_url, **options))
    if not found.in_sync:
        raise NotMigrated(
            pending=tuple(migration.filename for migration in found.pending),
            problems=found.problems,
            live_fingerprint=found.live_fingerprint if found.drift else None,
            expected_fingerprint=found.expected_fingerprint if found.drift else None,
        )


async def upgrade_async(database_url: str | None = None, **options) -> list[str]:
    """`upgrade` in a worker thread: awaitable in a Starlette or FastAPI lifespan."""
    import asyncio  # here, not at the top: the command line imports this package

    return await asyncio.to_thread(upgrade, database_url, **options)


async def verify_async(database_url: str | None = None, **options) -> None:
    """`verify` in a worker thread."""
    import asyncio

    await asyncio.to_thread(verify, database_url, **options)
