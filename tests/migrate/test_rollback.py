"""rollback against the real server: down files newest first under apply's guards (the lock, one
transaction per file with its history, fingerprints before and after, approvals), the rollback
recorded, every refusal changing nothing; then apply goes forward again and ends in sync."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from faceplate_db.config import libpq_url
from faceplate_db.errors import ConfigError, MigrationFailed, MigrationRefused
from faceplate_db.migrate import history, render
from faceplate_db.migrate.apply import apply
from faceplate_db.migrate.rollback import rollback
from faceplate_db.migrate.status import status
from tests.migrate.handwritten import (
    fingerprints_of,
    history_rows,
    lock_holders,
    query,
    settings_for,
    write_migration,
)

ADD_NICKNAME = "ALTER TABLE faceplate.users ADD COLUMN nickname text;\n"
DROP_NICKNAME = "ALTER TABLE faceplate.users DROP COLUMN nickname;\n-- approve: data-loss\n"
ADD_TAGS = "CREATE TABLE faceplate.tags (id int PRIMARY KEY, label text NOT NULL);\n"
DROP_TAGS = "DROP TABLE faceplate.tags;\n-- approve: data-loss\n"


def execute(db_url: str, sql: str) -> None:
    with psycopg.connect(libpq_url(db_url), autocommit=True) as conn:
        conn.execute(sql)


def live(db_url: str) -> str:
    return fingerprints_of(db_url, "SELECT 1")[0]


@pytest.fixture
def two_applied(fresh_db: str, tmp_path: Path) -> Path:
    """0001 adds users.nickname, 0002 creates faceplate.tags, each with its down file; both
    applied, with a row in each."""
    folder = tmp_path / "migrations"
    write_migration(folder, "0001_nickname.sql", ADD_NICKNAME, fresh_db, down=DROP_NICKNAME)
    execute(fresh_db, ADD_NICKNAME)
    write_migration(folder, "0002_tags.sql", ADD_TAGS, fresh_db, down=DROP_TAGS)
    execute(fresh_db, "ALTER TABLE faceplate.users DROP COLUMN nickname")
    apply(settings_for(fresh_db, folder), verify_schema=False)
    execute(fresh_db, "INSERT INTO faceplate.tags VALUES (1, 'work')")
    return folder


def test_rollback_undoes_the_newest_migration_and_records_who_and_when(fresh_db, two_applied):
    settings = settings_for(fresh_db, two_applied)
    start = query(
        fresh_db, "SELECT to_fingerprint FROM faceplate_migrations.history WHERE version = 1"
    )
    result = rollback(settings)
    assert [m.filename for m in result.rolled_back] == ["0002_tags.down.sql"]
    assert history_rows(fresh_db) == [(1, "nickname")]
    assert live(fresh_db) == start[0][0]
    assert query(fresh_db, "SELECT to_regclass('faceplate.tags')") == [(None,)]
    recorded = query(
        fresh_db,
        "SELECT version, name, rolled_back_by, rolled_back_at > applied_at, duration_s > 0 "
        "FROM faceplate_migrations.rollbacks",
    )
    assert recorded == [(2, "tags", "tester", True, True)]
    assert lock_holders(fresh_db) == 0
    # Forward again: the file is pending, apply runs it and everything chains.
    assert [m.filename for m in status(settings).pending] == ["0002_tags.sql"]
    assert [m.filename for m in apply(settings, verify_schema=False).applied] == ["0002_tags.sql"]
    assert status(settings).in_sync


def test_steps_and_to_roll_back_several_newest_first(fresh_db, two_applied):
    settings = settings_for(fresh_db, two_applied)
    before = fingerprints_of(fresh_db, "SELECT 1")[0]
    result = rollback(settings, to_version=0)
    assert [m.filename for m in result.rolled_back] == [
        "0002_tags.down.sql",
        "0001_nickname.down.sql",
    ]
    assert history_rows(fresh_db) == []
    assert before != live(fresh_db)
    apply(settings, verify_schema=False)
    assert rollback(settings, steps=2).rolled_back[-1].filename == "0001_nickname.down.sql"
    apply(settings, verify_schema=False)
    assert [m.filename for m in rollback(settings, to_version=1).rolled_back] == [
        "0002_tags.down.sql"
    ]
    assert "nothing to roll back" in render.rollback_report(rollback(settings, to_version=1))
    for bad, option in [({"steps": 0}, "--steps"), ({"to_version": 7}, "--to")]:
        with pytest.raises(ConfigError, match=option):
            rollback(settings, **bad)


def test_dry_run_lists_the_down_files_and_changes_nothing(fresh_db, two_applied):
    before = live(fresh_db)
    result = rollback(settings_for(fresh_db, two_applied), steps=2, dry_run=True)
    assert [m.filename for m in result.pending] == ["0002_tags.down.sql", "0001_nickname.down.sql"]
    report = render.rollback_report(result)
    assert "-- ==== 0002_tags.down.sql ====" in report and "DROP TABLE faceplate.tags" in report
    assert live(fresh_db) == before and len(history_rows(fresh_db)) == 2


def refused(db_url: str, folder: Path, **options) -> str:
    before, rows = live(db_url), history_rows(db_url)
    with pytest.raises(MigrationRefused) as caught:
        rollback(settings_for(db_url, folder), **options)
    assert live(db_url) == before and history_rows(db_url) == rows
    return str(caught.value)


def test_a_missing_down_file_is_refused(fresh_db, two_applied):
    (two_applied / "0002_tags.down.sql").unlink()
    message = refused(fresh_db, two_applied)
    assert "0002_tags.sql has no down file 0002_tags.down.sql" in message


def test_a_down_file_edited_after_its_migration_was_applied_is_refused(fresh_db, two_applied):
    down = two_applied / "0002_tags.down.sql"
    down.write_text(down.read_text() + "-- reviewed again\n")
    message = refused(fresh_db, two_applied)
    assert "0002_tags.down.sql changed after 0002_tags.sql was applied" in message


def test_an_unapproved_hazard_in_a_down_file_is_refused(fresh_db, two_applied):
    down = two_applied / "0002_tags.down.sql"
    down.write_text(down.read_text().replace("-- approve: data-loss\n", ""))
    # Record the edited down file as the reviewed one, so only the approval is missing.
    execute(
        fresh_db,
        "UPDATE faceplate_migrations.history SET down_checksum = NULL WHERE version = 2",
    )
    message = refused(fresh_db, two_applied)
    assert "0002_tags.down.sql:" in message and "add the line `-- approve: data-loss`" in message


@pytest.mark.parametrize("where", ["up file", "down file"])
def test_an_irreversible_migration_stops_the_rollback_with_its_reason(fresh_db, tmp_path, where):
    folder = tmp_path / "migrations"
    reason = "-- faceplate-db: irreversible: nicknames are promised to stay\n"
    extra = reason if where == "up file" else ""
    write_migration(folder, "0001_nickname.sql", ADD_NICKNAME, fresh_db, header_extra=extra)
    if where == "down file":  # said once the up file could no longer change
        (folder / "0001_nickname.down.sql").write_text(reason)
    apply(settings_for(fresh_db, folder), verify_schema=False)
    message = refused(fresh_db, folder)
    assert "0001_nickname.sql is irreversible: nicknames are promised to stay" in message


def test_drift_is_refused_before_the_down_file_runs(fresh_db, two_applied):
    execute(fresh_db, "ALTER TABLE faceplate.tags ADD COLUMN sneaky int")
    before, rows = live(fresh_db), history_rows(fresh_db)
    with pytest.raises(MigrationRefused, match="not in the state this migration was reviewed"):
        rollback(settings_for(fresh_db, two_applied))
    assert live(fresh_db) == before and history_rows(fresh_db) == rows


def test_a_down_file_that_fails_rolls_back_and_keeps_the_history(fresh_db, two_applied):
    execute(fresh_db, "CREATE VIEW public.tag_labels AS SELECT label FROM faceplate.tags")
    before, rows = live(fresh_db), history_rows(fresh_db)
    with pytest.raises(MigrationFailed, match=r"0002_tags\.down\.sql:.*rolled back"):
        rollback(settings_for(fresh_db, two_applied))
    assert live(fresh_db) == before and history_rows(fresh_db) == rows
    assert query(fresh_db, "SELECT label FROM faceplate.tags") == [("work",)]


def test_a_held_lock_makes_rollback_refuse(fresh_db, two_applied):
    with psycopg.connect(libpq_url(fresh_db)) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", [history.LOCK_KEY])
        with pytest.raises(MigrationRefused, match="holds the migration lock"):
            rollback(settings_for(fresh_db, two_applied, lock_timeout_s=0.3))
    assert len(history_rows(fresh_db)) == 2


def test_a_history_from_before_down_files_is_brought_up_to_date(fresh_db, two_applied):
    # As an older faceplate-db left it: no down_checksum column, no rollbacks table.
    execute(
        fresh_db,
        "DROP TABLE faceplate_migrations.rollbacks;"
        "ALTER TABLE faceplate_migrations.history DROP COLUMN down_checksum",
    )
    settings = settings_for(fresh_db, two_applied)
    assert [row.down_checksum for row in status(settings).applied] == [None, None]
    result = rollback(settings)
    assert [m.filename for m in result.rolled_back] == ["0002_tags.down.sql"]
    assert any("applied before faceplate-db recorded down files" in w for w in result.warnings)
    assert query(fresh_db, "SELECT version FROM faceplate_migrations.rollbacks") == [(2,)]
    apply(settings, verify_schema=False)
    assert query(
        fresh_db,
        "SELECT version, down_checksum IS NOT NULL FROM faceplate_migrations.history ORDER BY 1",
    ) == [(1, False), (2, True)]


def test_nothing_applied_is_nothing_to_roll_back_and_writes_nothing(empty_db, tmp_path):
    result = rollback(settings_for(empty_db, tmp_path / "migrations"))
    assert result.rolled_back == () and not result.dry_run
    assert render.rollback_report(result) == "nothing to roll back: no migration is applied\n"
    assert query(empty_db, "SELECT to_regnamespace('faceplate_migrations')") == [(None,)]
