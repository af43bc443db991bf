"""Hand-written migration files whose headers carry the fingerprints their bodies really have,
the settings the workflow tests use, and reads of the history and the advisory lock."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import psycopg

from faceplate_db.config import Settings, libpq_url
from faceplate_db.migrate import history
from faceplate_db.migrate.running import live_fingerprint
from tests.conftest import SCHEMA_FILE

SCHEMAS = ("faceplate",)
# For a first migration whose way back is dropping the database.
INITIAL_IRREVERSIBLE = "-- faceplate-db: irreversible: the initial schema\n"


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
    down: str | None = None,
    down_header_extra: str = "",
) -> Path:
    """A hand-written migration file whose header carries the fingerprints body really has
    on db_url (fingerprint_body stands in for a body that cannot run in a transaction); with
    down, its down file beside it (from where body ends back to where it starts)."""
    before, after = fingerprints_of(db_url, fingerprint_body or body)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / filename
    path.write_text(_file(path, before, after, header_extra, body), encoding="utf-8")
    if down is not None:
        down_path = path.with_name(path.stem + ".down.sql")
        down_path.write_text(_file(down_path, after, before, down_header_extra, down), "utf-8")
    return path


def _file(path: Path, before: str, after: str, header_extra: str, body: str) -> str:
    return (
        f"-- faceplate-db migration {path.stem}\n-- schema.sql sha256: test\n"
        f"-- from fingerprint: {before}\n-- to fingerprint: {after}\n{header_extra}\n{body}"
    )


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
