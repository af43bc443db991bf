"""Hand-written migration files whose headers carry the fingerprints their bodies really have,
the settings the workflow tests use, and reads of the history and the advisory lock."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import psycopg

from faceplate_db.config import Settings, libpq_url
from faceplate_db.migrate import history
from faceplate_db.migrate.apply import live_fingerprint
from tests.conftest import SCHEMA_FILE

SCHEMAS = ("faceplate",)


def fingerprints_of(db_url: str, body: str, schemas=SCHEMAS) -> tuple[str, str]:
    """(before, after) fingerprints of running body on db_url, in a transaction rolled back."""
    with history.live_connection(db_url) as conn:
        before = live_fingerprint(conn, schemas)
        conn.exec_driver_sql(body, execution_options={"no_parameters": True})
        after = live_fingerprint(conn, schemas)
        conn.rollback()
    return before, after


def write_migration(
    folder: Path,
    filename: str,
    body: str,
    db_url: str,
    header_extra: str = "",
    fingerprint_body: str | None = None,
) -> Path:
    """A hand-written migration file whose header carries the fingerprints body really has
    on db_url (fingerprint_body stands in for a body that cannot run in a transaction)."""
    before, after = fingerprints_of(db_url, fingerprint_body or body)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / filename
    path.write_text(
        f"-- faceplate-db migration {path.stem}\n-- schema.sql sha256: test\n"
        f"-- from fingerprint: {before}\n-- to fingerprint: {after}\n{header_extra}\n{body}",
        encoding="utf-8",
    )
    return path


def settings_for(db_url: str, folder: Path, **overrides) -> Settings:
    base = Settings(
        database_url=db_url,
        schema_file=SCHEMA_FILE,
        migrations_dir=folder,
        schemas=SCHEMAS,
        lock_timeout_s=5.0,
        applied_by="tester",
    )
    return replace(base, **overrides)


def query(db_url: str, sql: str, params=()) -> list[tuple]:
    with psycopg.connect(libpq_url(db_url)) as conn:
        return conn.execute(sql, params).fetchall()


def history_rows(db_url: str) -> list[tuple]:
    if not query(db_url, "SELECT to_regclass('faceplate_migrations.history')")[0][0]:
        return []
    return query(db_url, "SELECT version, name FROM faceplate_migrations.history ORDER BY 1")


def lock_holders(db_url: str) -> int:
    return query(
        db_url,
        "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
        "WHERE l.locktype = 'advisory' AND d.datname = current_database()",
    )[0][0]
