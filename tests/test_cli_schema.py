"""The schema commands invoked as a user does: output on stdout, messages on stderr, exit codes
0 ok, 1 error, 2 differences, 3 refused."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import psycopg
import pytest

from faceplate_db.cli import main
from faceplate_db.config import libpq_url
from tests.conftest import PROJECT_ROOT, SCHEMA_FILE
from tests.migrate.handwritten import INITIAL_IRREVERSIBLE, history_rows, query, write_migration


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def common(db_url: str, migrations) -> list[str]:
    return [
        "--database",
        db_url,
        "--migrations",
        str(migrations),
        "--schema-file",
        str(SCHEMA_FILE),
        "--schema",
        "faceplate",
    ]


PUBLIC_SCHEMA_FILE = """\\restrict AbCdEf
SET statement_timeout = 0;
SELECT pg_catalog.set_config('search_path', '', false);
CREATE TYPE public.mood AS ENUM ('ok', 'meh');
CREATE TABLE public."user" (id integer NOT NULL, name text COLLATE "C", mood public.mood DEFAULT 'ok');
CREATE SEQUENCE public.user_id_seq AS integer START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
ALTER SEQUENCE public.user_id_seq OWNED BY public."user".id;
ALTER TABLE ONLY public."user" ALTER COLUMN id SET DEFAULT nextval('public.user_id_seq'::regclass);
ALTER TABLE ONLY public."user" ADD CONSTRAINT user_pkey PRIMARY KEY (id);
CREATE VIEW public.happy AS SELECT id, name FROM public."user" WHERE mood = 'ok';
COMMENT ON TABLE public."user" IS 'people';
\\unrestrict AbCdEf
"""


def test_a_pg_dump_of_the_public_schema_is_diffed_applied_and_then_in_sync(
    capsys, empty_db, tmp_path
):
    schema_file = tmp_path / "dump.sql"
    schema_file.write_text(PUBLIC_SCHEMA_FILE, encoding="utf-8")
    with psycopg.connect(libpq_url(empty_db), autocommit=True) as conn:
        conn.execute("CREATE SCHEMA other_app; CREATE TABLE other_app.t (id int)")
        conn.execute("ALTER DATABASE " + conn.info.dbname + " SET search_path = other_app, public")
    argv = ["--database", empty_db, "--schema-file", str(schema_file), "--schema", "public"]
    code, out, err = run(capsys, "diff", *argv, "--exit-code")
    assert code == 2, err
    with psycopg.connect(libpq_url(empty_db), autocommit=True) as conn:
        conn.execute(out)
    assert run(capsys, "diff", *argv, "--exit-code")[:2] == (0, "")
    with psycopg.connect(libpq_url(empty_db)) as conn:
        assert conn.execute("SELECT count(*) FROM other_app.t").fetchone() == (0,)


def test_a_pg_dump_mixing_every_kind_is_written_applied_and_then_in_sync(
    capsys, empty_db, tmp_path
):
    """The roundtrip corpus' film store (a pg_dump with a dependency cycle) as a user takes it:
    written as a migration file, applied in one transaction, in sync."""
    migrations = tmp_path / "migrations"
    dump = PROJECT_ROOT / "tests" / "roundtrip" / "mix_film_store" / "to.sql"
    argv = ["--database", empty_db, "--migrations", str(migrations)]
    argv += ["--schema-file", str(dump), "--schema", "public"]
    assert run(capsys, "diff", *argv, "--write", "film_store")[0] == 0
    written = (migrations / "0001_film_store.sql").read_text()
    assert "-- dependency cycle: the default of" in written
    code, out, err = run(capsys, "apply", *argv)
    assert code == 0, err
    assert "applied 0001_film_store.sql" in out and "matches schema.sql" in out
    assert run(capsys, "diff", *argv, "--exit-code")[:2] == (0, "")


def test_diff_prints_nothing_when_in_sync(capsys, fresh_db, tmp_path):
    code, out, _ = run(capsys, "diff", *common(fresh_db, tmp_path), "--exit-code")
    assert (code, out) == (0, "")


def test_diff_sql_is_executable_and_brings_the_database_to_schema_sql(capsys, empty_db, tmp_path):
    code, out, _ = run(capsys, "diff", *common(empty_db, tmp_path), "--exit-code")
    assert code == 2
    assert out.startswith("-- faceplate-db migration")
    with psycopg.connect(libpq_url(empty_db), autocommit=True) as conn:
        conn.execute(out)
    code, out, _ = run(capsys, "diff", *common(empty_db, tmp_path), "--exit-code")
    assert (code, out) == (0, "")


@pytest.mark.skipif(shutil.which("psql") is None, reason="psql is not installed")
def test_diff_sql_runs_in_psql(capsys, empty_db, tmp_path):
    _, out, _ = run(capsys, "diff", *common(empty_db, tmp_path))
    done = subprocess.run(
        ["psql", "--no-psqlrc", "-v", "ON_ERROR_STOP=1", "-q", "-d", libpq_url(empty_db)],
        input=out,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    code, out, _ = run(capsys, "diff", *common(empty_db, tmp_path), "--exit-code")
    assert (code, out) == (0, "")


def test_diff_marks_hazards_as_comments_above_their_statement(capsys, fresh_db, tmp_path):
    with psycopg.connect(libpq_url(fresh_db), autocommit=True) as conn:
        conn.execute("CREATE TABLE faceplate.leftover (id int)")
    code, out, _ = run(capsys, "diff", *common(fresh_db, tmp_path))
    assert code == 0
    lines = out.splitlines()
    drop = next(i for i, line in enumerate(lines) if line.lower().startswith("drop table"))
    assert lines[drop - 1].startswith("-- hazard: data-loss: ")
    assert "-- hazards: data-loss" in out
    with psycopg.connect(libpq_url(fresh_db), autocommit=True) as conn:
        conn.execute(out)
    assert query(fresh_db, "SELECT to_regclass('faceplate.leftover')") == [(None,)]


def test_diff_as_json_and_markdown(capsys, fresh_db, tmp_path):
    with psycopg.connect(libpq_url(fresh_db), autocommit=True) as conn:
        conn.execute("CREATE TABLE faceplate.leftover (id int)")
    code, out, _ = run(capsys, "diff", *common(fresh_db, tmp_path), "--format", "json")
    document = json.loads(out)
    assert code == 0 and document["in_sync"] is False
    assert document["hazards"] == ["data-loss"]
    assert any(
        "leftover" in s["sql"] and s["hazards"] == ["data-loss"] for s in document["statements"]
    )
    code, out, _ = run(capsys, "diff", *common(fresh_db, tmp_path), "--format", "markdown")
    assert "```sql" in out and "| data-loss |" in out


def test_diff_write_validates_the_name(capsys, empty_db, tmp_path):
    code, out, err = run(capsys, "diff", *common(empty_db, tmp_path), "--write", "Add-Thing")
    assert code == 1 and out == ""
    assert "--write='Add-Thing'" in err and "[a-z0-9_]" in err
    assert list(tmp_path.iterdir()) == []


def test_write_apply_status_check_baseline_round_trip(capsys, empty_db, fresh_db, tmp_path):
    migrations = tmp_path / "migrations"
    code, out, err = run(capsys, "diff", *common(empty_db, migrations), "--write", "initial")
    up, down = migrations / "0001_initial.sql", migrations / "0001_initial.down.sql"
    assert code == 0 and out.split() == [str(up), str(down)]
    assert up.read_text().startswith("-- faceplate-db migration")
    # The way back drops what the migration creates: a hazard of its own to approve.
    assert "0001_initial.down.sql carries hazards (data-loss)" in err

    code, out, err = run(capsys, "check", *common(empty_db, migrations))
    assert code == 2 and "**data-loss**" in out and "lack approval" in err
    down.write_text(down.read_text() + "-- approve: data-loss\n")

    code, out, _ = run(capsys, "status", *common(empty_db, migrations))
    assert code == 2 and "pending  0001_initial.sql" in out

    code, out, _ = run(capsys, "check", *common(empty_db, migrations))
    assert code == 0 and out.startswith("## faceplate-db check passed")
    assert "Their down files lead back, newest first: 0001_initial.down.sql." in out

    code, out, _ = run(capsys, "apply", *common(empty_db, migrations), "--dry-run")
    assert code == 0 and "0001_initial.sql" in out and "create table" in out
    assert history_rows(empty_db) == []

    code, out, _ = run(capsys, "apply", *common(empty_db, migrations))
    assert code == 0 and "applied 0001_initial.sql" in out
    assert "matches schema.sql" in out

    code, out, _ = run(capsys, "status", *common(empty_db, migrations))
    assert code == 0 and "in sync" in out

    # Back down and forward again.
    code, out, _ = run(capsys, "rollback", *common(empty_db, migrations), "--dry-run")
    assert code == 0 and "0001_initial.down.sql" in out and "drop table" in out
    assert history_rows(empty_db) == [(1, "initial")]
    code, out, _ = run(capsys, "rollback", *common(empty_db, migrations), "--steps", "1")
    assert code == 0 and out.startswith("rolled back 0001_initial.sql: 0001_initial.down.sql, ")
    code, out, _ = run(capsys, "status", *common(empty_db, migrations))
    assert code == 2 and "pending  0001_initial.sql  (rolled back " in out and "DRIFT" not in out
    code, out, _ = run(capsys, "apply", *common(empty_db, migrations))
    assert code == 0 and "matches schema.sql" in out

    code, _, err = run(capsys, "diff", *common(empty_db, migrations), "--write", "again")
    assert code == 0 and "no migration written" in err
    assert sorted(p.name for p in migrations.iterdir()) == [down.name, up.name]

    # Another database that already matches schema.sql is adopted without running anything.
    code, out, _ = run(capsys, "baseline", *common(fresh_db, migrations))
    assert code == 0 and "recorded 0001_initial.sql" in out
    assert history_rows(fresh_db) == [(1, "initial")]


def test_an_empty_schema_file_drops_everything_once_the_data_loss_is_approved(
    capsys, empty_db, tmp_path
):
    migrations = tmp_path / "migrations"
    run(capsys, "diff", *common(empty_db, migrations), "--write", "initial")
    code, _, _ = run(capsys, "apply", *common(empty_db, migrations))
    assert code == 0
    with psycopg.connect(libpq_url(empty_db), autocommit=True) as conn:
        conn.execute("INSERT INTO faceplate.users (email, subject_id) VALUES ('a@b.c', 's1')")
    empty = tmp_path / "schema.sql"
    empty.write_text("-- everything was removed\n", encoding="utf-8")
    argv = [*common(empty_db, migrations)]
    argv[argv.index("--schema-file") + 1] = str(empty)

    code, out, err = run(capsys, "diff", *argv, "--exit-code")
    assert code == 2
    assert f"{empty} defines no objects in the managed schemas (faceplate)" in err
    assert "drops everything in them" in err
    lines = out.splitlines()
    drops = [i for i, line in enumerate(lines) if re.match(r"drop (table|schema) ", line)]
    assert len(drops) == 5  # the four tables and the schema
    assert all(lines[i - 1].startswith("-- hazard: data-loss: ") for i in drops)

    code, _, err = run(capsys, "diff", *argv, "--write", "remove_everything")
    assert code == 0 and "0002_remove_everything.sql carries hazards (data-loss)" in err
    code, out, err = run(capsys, "apply", *argv)
    assert code == 3 and "`-- approve: data-loss`" in err
    assert query(empty_db, "SELECT count(*) FROM faceplate.users") == [(1,)]

    up = migrations / "0002_remove_everything.sql"
    up.write_text(up.read_text() + "-- approve: data-loss\n")
    code, out, _ = run(capsys, "apply", *argv)
    assert code == 0 and "applied 0002_remove_everything.sql" in out
    assert query(empty_db, "SELECT to_regnamespace('faceplate')") == [(None,)]
    code, out, err = run(capsys, "diff", *argv, "--exit-code")
    assert code == 0 and "defines no objects" in err and "drops" not in err


def test_refusals_exit_3_with_the_reason_on_stderr(capsys, fresh_db, tmp_path):
    migrations = tmp_path / "migrations"
    body = "ALTER TABLE faceplate.users DROP COLUMN email;\n"
    path = write_migration(migrations, "0001_drop.sql", body, fresh_db)
    code, out, err = run(capsys, "apply", *common(fresh_db, migrations))
    assert code == 3 and out == ""
    assert f"{path}:" in err and "`-- approve: data-loss`" in err

    with psycopg.connect(libpq_url(fresh_db), autocommit=True) as conn:
        conn.execute("ALTER TABLE faceplate.users ADD COLUMN extra int")
    code, _, err = run(capsys, "baseline", *common(fresh_db, migrations))
    assert code == 3 and "does not match" in err


def test_check_failure_exits_2_with_a_markdown_summary(capsys, empty_db, tmp_path):
    schema_file = tmp_path / "schema.sql"
    schema_file.write_text(SCHEMA_FILE.read_text() + "\nCREATE TABLE faceplate.extra (id int);\n")
    migrations = tmp_path / "migrations"
    write_migration(
        migrations, "0001_initial.sql", SCHEMA_FILE.read_text(), empty_db, INITIAL_IRREVERSIBLE
    )
    argv = [*common(empty_db, migrations), "--schema-file", str(schema_file)]
    code, out, err = run(capsys, "check", *argv)
    assert code == 2
    assert out.startswith("## faceplate-db check FAILED") and "faceplate.extra" in out.replace(
        '"', ""
    )
    assert "the migrations do not produce schema.sql" in err


def test_a_malformed_migration_file_is_an_error_naming_it(capsys, fresh_db, tmp_path):
    (tmp_path / "0001_x.sql").write_text("SELECT 1;\n")
    code, _, err = run(capsys, "status", *common(fresh_db, tmp_path))
    assert code == 1 and "0001_x.sql" in err and "from fingerprint" in err


def test_an_unreachable_database_is_a_clear_error_without_the_password(capsys, tmp_path):
    url = "postgresql://someone:s3cret@127.0.0.1:1/nothing"
    code, out, err = run(capsys, "status", *common(url, tmp_path))
    assert code == 1 and out == ""
    assert "cannot connect to PostgreSQL" in err and "s3cret" not in err


@pytest.mark.parametrize("command", ["diff", "apply", "status", "check", "baseline"])
def test_every_command_runs_as_a_module_with_help(command):
    done = subprocess.run(
        [sys.executable, "-m", "faceplate_db", command, "--help"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    for option in ("--database", "--schema-file", "--migrations", "--schema"):
        assert option in done.stdout


def test_apply_exits_2_when_the_live_database_still_differs_from_schema_sql(
    capsys, fresh_db, tmp_path
):
    migrations = tmp_path / "migrations"
    write_migration(migrations, "0001_x.sql", "CREATE TABLE faceplate.x (id int);\n", fresh_db)
    code, out, err = run(capsys, "apply", *common(fresh_db, migrations))
    assert code == 2 and "applied 0001_x.sql" in out
    assert "still differs from schema.sql (1 statement(s))" in err


def test_a_bad_directive_in_schema_sql_is_an_error_naming_file_and_line(capsys, fresh_db, tmp_path):
    schema_file = tmp_path / "schema.sql"
    schema_file.write_text(
        SCHEMA_FILE.read_text() + "\n-- faceplate-db: rename column faceplate.users.email to mail\n"
    )
    line = schema_file.read_text().count("\n")
    argv = [*common(fresh_db, tmp_path / "m"), "--schema-file", str(schema_file)]
    code, out, err = run(capsys, "diff", *argv)
    assert code == 1 and out == ""
    assert err.startswith(f"faceplate-db diff: error: {schema_file}:{line}: ")
    assert "schema.sql does not define column faceplate.users.mail" in err
    schema_file.write_text(SCHEMA_FILE.read_text() + "\n-- faceplate-db: frobnicate\n")
    code, _, err = run(capsys, "check", *argv)
    assert code == 1 and f"{schema_file}:{line}: unknown directive" in err
