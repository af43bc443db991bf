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
    down = "DROP INDEX faceplate.users_created_idx;\n"
    path = write_migration(folder, "0002_index.sql", body, fresh_db, down=down)
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
    path = write_migration(
        folder,
        "0002_x.sql",
        "CREATE TABLE faceplate.x (id int);\n",
        fresh_db,
        down="DROP TABLE faceplate.x;",
    )
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


TAGS = "CREATE TABLE faceplate.tags (id int PRIMARY KEY);\n"


def with_schema(db_url, folder, tmp_path, extra: str):
    """Settings whose schema.sql is the repository's plus extra."""
    schema_file = tmp_path / "schema.sql"
    schema_file.write_text(SCHEMA_SQL + "\n" + extra)
    return settings_for(db_url, folder, schema_file=schema_file)


def test_check_replays_each_down_file_and_fails_one_that_does_not_lead_back(
    empty_db, fresh_db, folder, tmp_path
):
    # The down file forgets the comment the migration added: its result is not the start.
    body = TAGS + "COMMENT ON TABLE faceplate.tags IS 'labels';\n"
    down = "DROP TABLE faceplate.tags;\n-- approve: data-loss\n"
    write_migration(folder, "0002_tags.sql", body, fresh_db, down=down)
    settings = with_schema(empty_db, folder, tmp_path, body)
    passed = check(settings)
    assert passed.ok and passed.downs_replayed == ("0002_tags.down.sql",)
    assert "Their down files lead back, newest first: 0002_tags.down.sql." in render.check_markdown(
        passed
    )
    (folder / "0002_tags.down.sql").write_text(
        (folder / "0002_tags.down.sql").read_text().replace("DROP TABLE", "SELECT 1; --")
    )
    failed = check(settings)
    assert not failed.ok and failed.replay_error is None
    assert (
        "0002_tags.down.sql" in failed.down_error
        and "the result has fingerprint" in failed.down_error
    )
    assert "A down file does not lead back" in render.check_markdown(failed)


def test_check_wants_a_down_file_or_a_reason_why_not(empty_db, fresh_db, folder, tmp_path):
    path = write_migration(folder, "0002_tags.sql", TAGS, fresh_db)
    settings = with_schema(empty_db, folder, tmp_path, TAGS)
    (problem,) = check(settings).file_problems
    assert "0002_tags.sql has no down file 0002_tags.down.sql" in problem
    assert "**missing**" in render.check_markdown(check(settings))

    path.write_text(path.read_text() + "-- faceplate-db: irreversible: tags are forever\n")
    result = check(settings)
    assert result.ok and result.downs_replayed == ()
    assert "irreversible: tags are forever" in render.check_markdown(result)

    down = folder / "0002_tags.down.sql"
    down.write_text(path.read_text().split("\n\n")[0] + "\nDROP TABLE faceplate.tags;\n")
    (problem,) = check(settings).file_problems
    assert "says it is irreversible but has a down file 0002_tags.down.sql" in problem


def test_check_wants_a_down_file_to_start_where_its_migration_ends(empty_db, fresh_db, folder):
    write_migration(folder, "0002_tags.sql", TAGS, fresh_db, down="DROP TABLE faceplate.tags;")
    down = folder / "0002_tags.down.sql"
    # A down file copied from another migration: its header does not fit.
    lines = down.read_text().splitlines()
    swapped = [
        line.replace("from fingerprint", "x")
        .replace("to fingerprint", "from fingerprint")
        .replace("x", "to fingerprint")
        if "fingerprint" in line
        else line
        for line in lines
    ]
    down.write_text("\n".join(swapped) + "\n")
    problems = check(settings_for(empty_db, folder)).file_problems
    assert any(
        "0002_tags.down.sql goes from fingerprint" in p and "regenerate both" in p for p in problems
    )


def test_check_marks_a_backfill_as_dml_and_a_dishonest_hazards_line(
    empty_db, fresh_db, folder, tmp_path
):
    body = (
        "ALTER TABLE faceplate.users ADD COLUMN nickname text;\n"
        "UPDATE faceplate.users SET nickname = split_part(email, '@', 1);\n"
        "WITH gone AS (DELETE FROM faceplate.users WHERE false RETURNING id) SELECT count(*) FROM gone;\n"
    )
    down = "ALTER TABLE faceplate.users DROP COLUMN nickname;\n-- approve: data-loss\n"
    path = write_migration(
        folder, "0002_nickname.sql", body, fresh_db, header_extra="-- hazards: data-loss", down=down
    )
    result = check(with_schema(empty_db, folder, tmp_path, body.splitlines()[0]))
    summary = render.check_markdown(result)
    assert "### Data changes (DML)" in summary
    lines = path.read_text().splitlines()
    update = lines.index("UPDATE faceplate.users SET nickname = split_part(email, '@', 1);") + 1
    assert f"- `0002_nickname.sql:{update}` **DML**: `UPDATE faceplate.users" in summary
    assert f"`0002_nickname.sql:{update + 1}` **DML**: `WITH gone" in summary
    assert "| `0002_nickname.sql` | 3 | none | none | 2 |" in summary
    # The header claims data-loss, which no statement carries.
    (problem,) = result.file_problems
    assert "the header says `-- hazards: data-loss`, but the statements carry none" in problem
    assert "correct the header line to `-- hazards: none`" in problem


def test_check_names_a_rename_no_migration_makes_yet_as_a_rename(empty_db, folder, tmp_path):
    schema_file = tmp_path / "schema.sql"
    schema_file.write_text(
        SCHEMA_SQL.replace(
            "CREATE TABLE faceplate.mcp_configs (",
            "-- faceplate-db: rename column faceplate.mcp_configs.enabled to active\n"
            "CREATE TABLE faceplate.mcp_configs (",
        )
        .replace("    enabled     boolean ", "    active      boolean ")
        .replace("mcp_configs.enabled IS", "mcp_configs.active IS")
    )
    result = check(settings_for(empty_db, folder, schema_file=schema_file))
    assert [s.sql for s in result.missing] == [
        'alter table "faceplate"."mcp_configs" rename column "enabled" to "active";'
    ]
    assert "-- hazard: breaking: renames column" in render.check_markdown(result)
