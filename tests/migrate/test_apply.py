"""apply against the real server: transactions with their history rows, refusals, the advisory
lock, an applier killed mid-migration, data kept, other schemas untouched; and baseline."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import uuid

import psycopg
import pytest
from sqlalchemy.engine import make_url

from faceplate_db.config import libpq_url
from faceplate_db.engine.inspect import schema_fingerprint
from faceplate_db.errors import MigrationFailed, MigrationRefused
from faceplate_db.migrate import history
from faceplate_db.migrate.apply import apply, baseline
from faceplate_db.migrate.migrations import NO_TRANSACTION, parse_file
from faceplate_db.migrate.planning import plan_migration
from faceplate_db.migrate.writing import write_migration as write_migration_file
from tests.conftest import PROJECT_ROOT, SCHEMA_FILE
from tests.migrate.handwritten import (
    SCHEMAS,
    history_rows,
    lock_holders,
    query,
    settings_for,
    write_migration,
)


def test_apply_runs_pending_files_in_order_and_records_history(empty_db, initial):
    settings = settings_for(empty_db, initial)
    result = apply(settings)
    assert [m.filename for m in result.applied] == ["0001_initial.sql"]
    assert result.schema_in_sync is True  # live == schema.sql afterwards
    row = query(
        empty_db,
        "SELECT version, name, checksum, from_fingerprint, to_fingerprint, applied_at, "
        "duration_s, applied_by, baseline FROM faceplate_migrations.history",
    )
    assert len(row) == 1
    version, name, checksum, from_fp, to_fp, applied_at, duration, applied_by, was_baseline = row[0]
    assert (version, name, applied_by, was_baseline) == (1, "initial", "tester", False)
    assert len(checksum) == 64 and applied_at is not None and duration > 0
    assert to_fp == schema_fingerprint(empty_db, SCHEMAS) != from_fp
    # Nothing pending: a second apply does nothing.
    again = apply(settings)
    assert again.applied == () and again.schema_in_sync is None
    assert lock_holders(empty_db) == 0


def test_a_failing_statement_rolls_back_everything_and_names_file_statement_line(
    fresh_db, tmp_path
):
    query(fresh_db, "SELECT 1")
    with psycopg.connect(libpq_url(fresh_db), autocommit=True) as conn:
        conn.execute("INSERT INTO faceplate.users (email, subject_id) VALUES ('a@b.c', 's1')")
    folder = tmp_path / "m"
    good = "ALTER TABLE faceplate.users ADD COLUMN nickname text;\n"
    path = write_migration(folder, "0001_bad.sql", good, fresh_db)
    # The reviewed file gains a statement that fails; its header no longer matters.
    path.write_text(path.read_text() + "\nSELECT 1;\nINSERT INTO faceplate.nope VALUES (1);\n")
    before = schema_fingerprint(fresh_db, SCHEMAS)
    with pytest.raises(MigrationFailed) as failed:
        apply(settings_for(fresh_db, folder), verify_schema=False)
    error = failed.value
    lines = path.read_text().splitlines()
    assert error.path == path
    assert lines[error.line - 1].startswith("INSERT INTO faceplate.nope")
    assert error.statement.startswith("INSERT INTO faceplate.nope")
    assert f"{path}:{error.line}" in str(error)
    assert 'relation "faceplate.nope" does not exist' in str(error)
    assert schema_fingerprint(fresh_db, SCHEMAS) == before
    assert query(fresh_db, "SELECT email FROM faceplate.users") == [("a@b.c",)]
    assert history_rows(fresh_db) == []
    assert lock_holders(fresh_db) == 0


def test_a_statement_over_the_statement_timeout_fails_and_rolls_back(fresh_db, tmp_path):
    folder = tmp_path / "m"
    create = "CREATE TABLE faceplate.slow (id int);\n"
    body = create + "SELECT pg_sleep(5);\n"
    write_migration(folder, "0001_slow.sql", body, fresh_db, fingerprint_body=create)
    settings = settings_for(fresh_db, folder, statement_timeout_s=0.2)
    with pytest.raises(MigrationFailed, match="statement timeout") as failed:
        apply(settings, verify_schema=False)
    assert failed.value.statement.startswith("SELECT pg_sleep")
    assert "longer than 0.2 s (FACEPLATE_STATEMENT_TIMEOUT)" in str(failed.value)
    assert query(fresh_db, "SELECT to_regclass('faceplate.slow')") == [(None,)]


def test_a_lock_held_on_a_table_ends_the_migration_after_lock_timeout(fresh_db, tmp_path):
    folder = tmp_path / "m"
    body = "ALTER TABLE faceplate.users ADD COLUMN nickname text;\n"
    write_migration(folder, "0001_nick.sql", body, fresh_db)
    with psycopg.connect(libpq_url(fresh_db)) as blocker:
        blocker.execute("LOCK TABLE faceplate.users IN ACCESS SHARE MODE")
        with pytest.raises(
            MigrationFailed, match=r"waited 0\.3 s for a lock .*FACEPLATE_LOCK_TIMEOUT"
        ):
            apply(settings_for(fresh_db, folder, lock_timeout_s=0.3), verify_schema=False)
    assert history_rows(fresh_db) == []


def test_a_result_other_than_the_reviewed_state_rolls_back(fresh_db, tmp_path):
    folder = tmp_path / "m"
    path = write_migration(folder, "0001_x.sql", "CREATE TABLE faceplate.x (id int);\n", fresh_db)
    path.write_text(path.read_text().replace("(id int)", "(id bigint)"))
    with pytest.raises(MigrationFailed, match="do not produce the reviewed state"):
        apply(settings_for(fresh_db, folder), verify_schema=False)
    assert query(fresh_db, "SELECT to_regclass('faceplate.x')") == [(None,)]
    assert history_rows(fresh_db) == []


def test_existing_rows_survive_a_migration_adding_a_column_and_a_constraint(fresh_db, tmp_path):
    with psycopg.connect(libpq_url(fresh_db), autocommit=True) as conn:
        conn.execute(
            "INSERT INTO faceplate.users (email, subject_id) VALUES ('a@b.c', 's1'), ('d@e.f', 's2')"
        )
    folder = tmp_path / "m"
    body = (
        "ALTER TABLE faceplate.users ADD COLUMN locale text NOT NULL DEFAULT 'en';\n"
        "-- hazard: lock: validates every row\n"
        "ALTER TABLE faceplate.users ADD CONSTRAINT users_locale_length "
        "CHECK (char_length(locale) <= 10);\n"
    )
    write_migration(folder, "0001_locale.sql", body, fresh_db, header_extra="-- approve: lock")
    apply(settings_for(fresh_db, folder), verify_schema=False)
    assert query(fresh_db, "SELECT email, subject_id, locale FROM faceplate.users ORDER BY 1") == [
        ("a@b.c", "s1", "en"),
        ("d@e.f", "s2", "en"),
    ]


def test_a_backfill_between_adding_a_column_and_making_it_not_null(fresh_db, tmp_path):
    """The reviewed workflow for a required column on a table with rows: the generated file's
    ADD COLUMN ... NOT NULL would fail, so the reviewer adds it nullable, backfills it and
    then sets NOT NULL, in the same file; apply re-reads and re-classifies it."""
    with psycopg.connect(libpq_url(fresh_db), autocommit=True) as conn:
        conn.execute(
            "INSERT INTO faceplate.users (email, subject_id) VALUES ('ada@x.org', 's1'), "
            "('bob@y.org', 's2')"
        )
    folder = tmp_path / "m"
    body = (
        "ALTER TABLE faceplate.users ADD COLUMN handle text;\n"
        "UPDATE faceplate.users SET handle = split_part(email, '@', 1);\n"
        "-- hazard: lock: SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock\n"
        "ALTER TABLE faceplate.users ALTER COLUMN handle SET NOT NULL;\n"
    )
    path = write_migration(folder, "0001_handle.sql", body, fresh_db, "-- hazards: none\n")
    settings = settings_for(fresh_db, folder)
    # The header still says what the generated file carried; apply wants it honest.
    with pytest.raises(MigrationRefused) as refused:
        apply(settings, verify_schema=False)
    assert "the header says `-- hazards: none`, but the statements carry lock" in str(refused.value)
    assert "add the line `-- approve: lock`" in str(refused.value)
    path.write_text(
        path.read_text().replace("-- hazards: none\n", "-- hazards: lock\n-- approve: lock\n")
    )
    (migration,) = apply(settings, verify_schema=False).applied
    assert migration.statements == 3
    assert query(fresh_db, "SELECT handle FROM faceplate.users ORDER BY handle") == [
        ("ada",),
        ("bob",),
    ]
    assert query(
        fresh_db,
        "SELECT is_nullable FROM information_schema.columns "
        "WHERE table_name = 'users' AND column_name = 'handle'",
    ) == [("NO",)]


def test_drift_is_refused_before_anything_runs(fresh_db, tmp_path):
    folder = tmp_path / "m"
    write_migration(folder, "0001_x.sql", "CREATE TABLE faceplate.x (id int);\n", fresh_db)
    query_url = libpq_url(fresh_db)
    with psycopg.connect(query_url, autocommit=True) as conn:
        conn.execute("ALTER TABLE faceplate.users ADD COLUMN sneaky int")
    with pytest.raises(MigrationRefused, match="not in the state this migration was reviewed"):
        apply(settings_for(fresh_db, folder))
    assert MigrationRefused.exit_code == 3
    assert query(fresh_db, "SELECT to_regclass('faceplate.x')") == [(None,)]


def test_an_unapproved_hazard_is_refused_with_the_line_to_add(fresh_db, tmp_path):
    folder = tmp_path / "m"
    body = "-- hazard: data-loss: drops a column\nALTER TABLE faceplate.users DROP COLUMN email;\n"
    path = write_migration(folder, "0001_drop.sql", body, fresh_db)
    with pytest.raises(MigrationRefused) as refused:
        apply(settings_for(fresh_db, folder))
    line = path.read_text().splitlines().index("ALTER TABLE faceplate.users DROP COLUMN email;") + 1
    assert f"{path}:{line}" in str(refused.value)
    assert "`-- approve: data-loss`" in str(refused.value)
    assert query(
        fresh_db,
        "SELECT count(*) FROM information_schema.columns WHERE column_name = 'email' AND table_name = 'users'",
    ) == [(1,)]
    path.write_text(path.read_text() + "-- approve: data-loss\n")
    apply(settings_for(fresh_db, folder), verify_schema=False)
    assert history_rows(fresh_db) == [(1, "drop")]


def test_changed_missing_and_renamed_applied_files_are_refused(empty_db, initial):
    settings = settings_for(empty_db, initial)
    apply(settings, verify_schema=False)
    path = initial / "0001_initial.sql"
    original = path.read_text()
    path.write_text(original + "\n-- an innocent edit\n")
    with pytest.raises(MigrationRefused, match="changed after it was applied"):
        apply(settings)
    path.unlink()
    (initial / "0001_renamed.sql").write_text(original)
    with pytest.raises(MigrationRefused, match="must not be renamed or renumbered"):
        apply(settings)
    (initial / "0001_renamed.sql").rename(initial / "0002_initial.sql")
    with pytest.raises(MigrationRefused, match=r"0001_initial\.sql was applied .* missing"):
        apply(settings)


def test_dry_run_reports_what_would_run_and_changes_nothing(empty_db, initial):
    result = apply(settings_for(empty_db, initial), dry_run=True)
    assert result.dry_run and [m.filename for m in result.pending] == ["0001_initial.sql"]
    assert query(empty_db, "SELECT to_regnamespace('faceplate_migrations')") == [(None,)]
    assert query(empty_db, "SELECT to_regnamespace('faceplate')") == [(None,)]


def test_a_held_lock_makes_the_second_applier_refuse_after_lock_timeout(empty_db, initial):
    with psycopg.connect(libpq_url(empty_db), autocommit=True) as holder:
        holder.execute("SET application_name = 'another applier'")
        holder.execute("SELECT pg_advisory_lock(%s)", [history.LOCK_KEY])
        started = time.monotonic()
        with pytest.raises(MigrationRefused, match=r"another applier .* waited 0\.3 s"):
            apply(settings_for(empty_db, initial, lock_timeout_s=0.3))
        assert 0.3 <= time.monotonic() - started < 3
    assert history_rows(empty_db) == []


def test_two_concurrent_appliers_never_both_run_a_migration(empty_db, initial):
    # The migration sleeps so that the second applier certainly arrives while the first holds it.
    path = initial / "0001_initial.sql"
    path.write_text(path.read_text() + "\nSELECT pg_sleep(0.5);\n")
    settings = settings_for(empty_db, initial, lock_timeout_s=30)
    results, errors = [], []

    def applier():
        try:
            results.append(apply(settings, verify_schema=False))
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=applier) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sorted(len(result.applied) for result in results) == [0, 1]
    assert history_rows(empty_db) == [(1, "initial")]


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_killing_the_applier_mid_migration_leaves_nothing_half_applied(fresh_db, tmp_path, how):
    folder = tmp_path / "m"
    create = "CREATE TABLE faceplate.half (id int);\n"
    body = create + "SELECT pg_sleep(30);\n"
    write_migration(folder, "0001_half.sql", body, fresh_db, fingerprint_body=create)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "faceplate_db",
            "apply",
            "--database",
            fresh_db,
            "--migrations",
            str(folder),
            "--schema-file",
            str(SCHEMA_FILE),
        ],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "FACEPLATE_STATEMENT_TIMEOUT": "60"},
    )
    try:
        deadline = time.monotonic() + 20
        while not query(
            fresh_db,
            "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() "
            "AND query LIKE 'SELECT pg_sleep(30)%%' AND state = 'active'",
        ):
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the applier never reached pg_sleep"
            time.sleep(0.05)
        process.send_signal(how)
        process.wait(10)
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate()
    # SIGTERM is an interrupt: the statement is cancelled and the transaction rolled back.
    assert process.returncode == (-signal.SIGKILL if how == signal.SIGKILL else 130)
    deadline = time.monotonic() + 10
    while lock_holders(fresh_db) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert lock_holders(fresh_db) == 0
    assert query(fresh_db, "SELECT to_regclass('faceplate.half')") == [(None,)]
    assert history_rows(fresh_db) == []


def test_a_no_transaction_file_runs_statement_by_statement_with_a_warning(fresh_db, tmp_path):
    folder = tmp_path / "m"
    body = "CREATE INDEX CONCURRENTLY users_created_idx ON faceplate.users (created_at);\n"
    write_migration(
        folder,
        "0001_index.sql",
        body,
        fresh_db,
        header_extra=NO_TRANSACTION,
        fingerprint_body=body.replace(" CONCURRENTLY", ""),
    )
    result = apply(settings_for(fresh_db, folder), verify_schema=False)
    assert result.applied[0].no_transaction
    assert any("outside a transaction" in warning for warning in result.warnings)
    assert query(fresh_db, "SELECT to_regclass('faceplate.users_created_idx')") != [(None,)]
    assert history_rows(fresh_db) == [(1, "index")]


def test_other_schemas_are_never_touched(fresh_db, tmp_path):
    with psycopg.connect(libpq_url(fresh_db), autocommit=True) as conn:
        conn.execute("CREATE SCHEMA other_app; CREATE TABLE other_app.t (id int)")
        conn.execute("INSERT INTO other_app.t VALUES (1)")
    before = schema_fingerprint(fresh_db, ("other_app", "public"))
    folder = tmp_path / "m"
    write_migration(folder, "0001_x.sql", "CREATE TABLE faceplate.x (id int);\n", fresh_db)
    apply(settings_for(fresh_db, folder), verify_schema=False)
    assert schema_fingerprint(fresh_db, ("other_app", "public")) == before
    assert query(fresh_db, "SELECT id FROM other_app.t") == [(1,)]


def test_baseline_records_the_files_without_running_them(fresh_db, empty_db, tmp_path):
    folder = tmp_path / "m"
    write_migration(folder, "0001_initial.sql", SCHEMA_FILE.read_text("utf-8"), empty_db)
    result = baseline(settings_for(fresh_db, folder))
    assert result.recorded == ("0001_initial.sql",)
    assert query(fresh_db, "SELECT name, baseline FROM faceplate_migrations.history") == [
        ("initial", True)
    ]
    assert apply(settings_for(fresh_db, folder)).applied == ()
    assert baseline(settings_for(fresh_db, folder)).recorded == ()


def test_baseline_refuses_a_database_that_does_not_match_schema_sql(fresh_db, empty_db, tmp_path):
    folder = tmp_path / "m"
    write_migration(folder, "0001_initial.sql", SCHEMA_FILE.read_text("utf-8"), empty_db)
    with psycopg.connect(libpq_url(fresh_db), autocommit=True) as conn:
        conn.execute("ALTER TABLE faceplate.users ADD COLUMN extra int")
    with pytest.raises(MigrationRefused, match="does not match"):
        baseline(settings_for(fresh_db, folder))
    assert history_rows(fresh_db) == []
    with pytest.raises(MigrationRefused, match="no migration file"):
        baseline(settings_for(fresh_db, tmp_path / "none"))


ROUNDTRIP = PROJECT_ROOT / "tests" / "roundtrip"


@pytest.mark.parametrize(
    "case",
    [
        "functions",
        "functions_overloads_triggers",
        "comments",
        "views_on_functions",
        "domains_and_functions",
        "enum_used_everywhere",
        "rls_policies",
        "columns",
    ],
)
def test_a_written_migration_file_applies_to_exactly_the_target(empty_db, tmp_path, case):
    """diff --write's file, read back by the parser (dollar quotes, strings, comments), applies
    with its fingerprints verified and leaves the database equal to the schema file."""
    folder = ROUNDTRIP / case
    with psycopg.connect(libpq_url(empty_db), autocommit=True) as conn:
        conn.execute((folder / "from.sql").read_text("utf-8"))
    schemas_file = folder / "schemas"
    schemas = tuple(schemas_file.read_text().split()) if schemas_file.exists() else ("app",)
    settings = settings_for(
        empty_db, tmp_path / "m", schema_file=folder / "to.sql", schemas=schemas
    )
    plan = plan_migration(settings)
    path = write_migration_file(settings.migrations_dir, case, plan)
    migration = parse_file(path)
    assert len(migration.statements) == len(plan.statements)
    approvals = "".join(f"-- approve: {kind}\n" for kind in migration.hazards)
    path.write_text(path.read_text() + approvals)
    result = apply(settings)
    assert result.schema_in_sync is True
    assert history_rows(empty_db) == [(1, case)]


def test_a_role_that_may_not_create_the_history_schema_is_refused_clearly(empty_db, initial):
    role = f"fp_plain_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(libpq_url(empty_db), autocommit=True) as conn:
        conn.execute(f'CREATE ROLE "{role}" LOGIN')
    try:
        url = make_url(empty_db).set(username=role).render_as_string(hide_password=False)
        with pytest.raises(MigrationRefused, match="cannot create the history table"):
            apply(settings_for(url, initial))
    finally:
        with psycopg.connect(libpq_url(empty_db), autocommit=True) as conn:
            conn.execute(f'DROP ROLE "{role}"')
    assert history_rows(empty_db) == []
