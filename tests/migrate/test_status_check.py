"""status (applied, pending, drift) and check (replay onto a scratch database vs schema.sql,
hazard lint, markdown summary) against the real server."""

from __future__ import annotations

import psycopg
import pytest

from faceplate_db.config import libpq_url
from faceplate_db.migrate import render
from faceplate_db.migrate.apply import apply
from faceplate_db.migrate.check import check
from faceplate_db.migrate.status import status
from tests.conftest import SCHEMA_FILE
from tests.migrate.handwritten import query, settings_for, write_migration

SCHEMA_SQL = SCHEMA_FILE.read_text("utf-8")


@pytest.fixture
def folder(initial):
    return initial


def execute(db_url: str, sql: str) -> None:
    with psycopg.connect(libpq_url(db_url), autocommit=True) as conn:
        conn.execute(sql)


def test_status_pending_then_in_sync_then_drift(empty_db, folder):
    settings = settings_for(empty_db, folder)
    before = status(settings)
    assert [m.filename for m in before.pending] == ["0001_initial.sql"]
    assert not before.drift and not before.in_sync and before.problems == ()
    # status reads only: no history table appears.
    assert query(empty_db, "SELECT to_regnamespace('faceplate_migrations')") == [(None,)]

    apply(settings, verify_schema=False)
    after = status(settings)
    assert [row.filename for row in after.applied] == ["0001_initial.sql"]
    assert after.pending == () and not after.drift and after.in_sync
    assert "in sync" in render.status_report(after)

    execute(empty_db, "ALTER TABLE faceplate.users ADD COLUMN sneaky int")
    drifted = status(settings)
    assert drifted.drift and not drifted.in_sync
    assert drifted.live_fingerprint != drifted.expected_fingerprint
    assert "DRIFT" in render.status_report(drifted)


def test_status_points_a_populated_database_without_history_at_baseline(fresh_db, folder):
    result = status(settings_for(fresh_db, folder))
    assert result.drift and result.applied == ()
    assert "faceplate-db baseline" in render.status_report(result)


def test_status_reports_an_applied_file_that_changed(empty_db, folder):
    settings = settings_for(empty_db, folder)
    apply(settings, verify_schema=False)
    path = folder / "0001_initial.sql"
    path.write_text(path.read_text() + "-- edited\n")
    result = status(settings)
    assert not result.in_sync
    assert any("changed after it was applied" in problem for problem in result.problems)


def test_check_passes_when_the_migrations_produce_schema_sql(empty_db, folder):
    result = check(settings_for(empty_db, folder))
    assert result.ok, render.check_markdown(result)
    summary = render.check_markdown(result)
    assert summary.startswith("## faceplate-db check passed")
    assert "| `0001_initial.sql` |" in summary
    # check uses scratch databases only: the live database is untouched.
    assert query(empty_db, "SELECT to_regnamespace('faceplate')") == [(None,)]


def test_check_fails_when_schema_sql_has_changes_no_migration_covers(empty_db, folder, tmp_path):
    schema_file = tmp_path / "schema.sql"
    schema_file.write_text(SCHEMA_SQL + "\nCREATE TABLE faceplate.extra (id int);\n")
    result = check(settings_for(empty_db, folder, schema_file=schema_file))
    assert not result.ok
    assert any("extra" in statement.sql for statement in result.missing)
    summary = render.check_markdown(result)
    assert "FAILED" in summary and "schema.sql disagrees with the migrations" in summary
    assert "faceplate-db diff --write NAME" in summary


def test_check_reports_an_unapproved_hazard_with_its_line(empty_db, fresh_db, folder, tmp_path):
    body = "CREATE INDEX users_created_idx ON faceplate.users (created_at);\n"
    path = write_migration(folder, "0002_index.sql", body, fresh_db)
    schema_file = tmp_path / "schema.sql"
    schema_file.write_text(SCHEMA_SQL + "\n" + body)
    settings = settings_for(empty_db, folder, schema_file=schema_file)
    result = check(settings)
    assert result.replay_error is None and result.missing == (), render.check_markdown(result)
    (item,) = result.unapproved
    assert (item.path, item.kind) == (path, "lock")
    assert path.read_text().splitlines()[item.line - 1] == body.strip()
    assert not result.ok
    summary = render.check_markdown(result)
    assert f"`0002_index.sql:{item.line}` **lock**" in summary
    assert "`-- approve: lock`" in summary
    assert "NOT approved: add the line `-- approve: lock`" in summary
    path.write_text(path.read_text() + "-- approve: lock\n")
    approved = check(settings)
    assert approved.ok
    assert f"`0002_index.sql:{item.line}` **lock**" in render.check_markdown(approved)
    assert "(approved)" in render.check_markdown(approved)


def test_check_reports_a_migration_that_fails_to_replay(empty_db, folder, fresh_db):
    path = write_migration(folder, "0002_x.sql", "CREATE TABLE faceplate.x (id int);\n", fresh_db)
    path.write_text(path.read_text() + "INSERT INTO faceplate.x VALUES ('not a number');\n")
    result = check(settings_for(empty_db, folder))
    assert not result.ok and result.replay_error is not None
    line = path.read_text().splitlines().index("INSERT INTO faceplate.x VALUES ('not a number');")
    assert f"{path}:{line + 1}" in result.replay_error
    assert "Replaying the migrations failed" in render.check_markdown(result)


def test_check_reports_files_that_do_not_chain(empty_db, folder, tmp_path):
    # A second file written against an empty database cannot follow the first.
    write_migration(folder, "0002_x.sql", "CREATE SCHEMA faceplate;\n", empty_db)
    result = check(settings_for(empty_db, folder))
    assert not result.ok
    assert any("0002_x.sql expects to start from" in p for p in result.file_problems)
