"""The README's workflow end to end through the command line, on a copy of this repository's
schema and migrations with rows in the tables: a declared rename, a rollback and forward again,
and a backfill a reviewer writes into a generated migration."""

from __future__ import annotations

import shutil
from pathlib import Path

import psycopg

from faceplate_db.config import libpq_url
from tests.conftest import PROJECT_ROOT
from tests.migrate.handwritten import query
from tests.test_cli_schema import run


def edit(path: Path, *replacements: tuple[str, str]) -> None:
    text = path.read_text()
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text)


def test_a_rename_a_rollback_and_a_backfill_end_to_end(capsys, empty_db, tmp_path):
    shutil.copytree(PROJECT_ROOT / "schema", tmp_path / "schema")
    schema, migrations = tmp_path / "schema" / "schema.sql", tmp_path / "schema" / "migrations"
    argv = ["--database", empty_db, "--schema-file", str(schema), "--migrations", str(migrations)]
    assert run(capsys, "apply", *argv)[0] == 0
    with psycopg.connect(libpq_url(empty_db)) as conn:
        conn.execute(
            "INSERT INTO faceplate.users (email, subject_id) VALUES "
            "('ada@example.com', 'auth0|1'), ('bob@example.org', 'auth0|2');"
            "INSERT INTO faceplate.conversations (user_id, title) "
            "SELECT id, 'Trip to ' || split_part(email, '@', 2) FROM faceplate.users"
        )
    titles = [("Trip to example.com",), ("Trip to example.org",)]

    # 1. A declared rename: one ALTER ... RENAME, breaking, approved in both files.
    edit(
        schema,
        (
            "CREATE TABLE faceplate.conversations (",
            "-- faceplate-db: rename column faceplate.conversations.title to subject\n"
            "CREATE TABLE faceplate.conversations (",
        ),
        ("    title       text ", "    subject     text "),
        ("char_length(title)", "char_length(subject)"),
        ("faceplate.conversations.title IS", "faceplate.conversations.subject IS"),
    )
    code, out, _ = run(capsys, "diff", *argv)
    assert code == 0
    assert out.endswith(
        '\nalter table "faceplate"."conversations" rename column "title" to "subject";\n'
    )
    assert "-- hazards: breaking\n" in out and "drop column" not in out
    code, out, err = run(capsys, "diff", *argv, "--write", "rename_conversation_title")
    up = migrations / "0002_rename_conversation_title.sql"
    down = migrations / "0002_rename_conversation_title.down.sql"
    assert out.split() == [str(up), str(down)]
    code, _, err = run(capsys, "apply", *argv)
    assert code == 3 and "add the line `-- approve: breaking`" in err
    for path in (up, down):
        edit(path, ("-- hazards: breaking\n", "-- hazards: breaking\n-- approve: breaking\n"))
    code, out, _ = run(capsys, "apply", *argv)
    assert code == 0 and "the live database now matches schema.sql" in out
    assert run(capsys, "diff", *argv, "--exit-code")[:2] == (0, "")
    assert query(empty_db, "SELECT subject FROM faceplate.conversations ORDER BY 1") == titles

    # 2. Back down, and forward again.
    code, out, _ = run(capsys, "rollback", *argv)
    assert code == 0 and out.startswith("rolled back 0002_rename_conversation_title.sql: ")
    assert query(empty_db, "SELECT title FROM faceplate.conversations ORDER BY 1") == titles
    code, out, _ = run(capsys, "status", *argv)
    assert code == 2 and "pending  0002_rename_conversation_title.sql  (rolled back " in out
    assert run(capsys, "apply", *argv)[0] == 0
    assert run(capsys, "status", *argv)[0] == 0
    # The first migration says why it has no way back: rollback refuses, changing nothing.
    code, _, err = run(capsys, "rollback", *argv, "--to", "0")
    assert code == 3 and "0001_initial.sql is irreversible: " in err
    assert query(empty_db, "SELECT count(*) FROM faceplate_migrations.history") == [(2,)]

    # 3. A required column on a table with rows: the reviewer adds a backfill.
    edit(
        schema,
        (
            "    subject_id  text        NOT NULL,\n    created_at",
            "    subject_id  text        NOT NULL,\n    handle      text        NOT NULL,\n"
            "    created_at",
        ),
    )
    code, out, _ = run(capsys, "diff", *argv, "--write", "add_user_handle")
    up = migrations / "0003_add_user_handle.sql"
    code, _, err = run(capsys, "apply", *argv)
    assert code == 1 and 'column "handle" of relation "users" contains null values' in err
    edit(
        up,
        (
            'alter table "faceplate"."users" add column "handle" text not null;\n',
            'alter table "faceplate"."users" add column "handle" text;\n\n'
            "-- Backfill: a handle from the local part of the email address.\n"
            'update "faceplate"."users" set "handle" = split_part("email", \'@\', 1);\n\n'
            'alter table "faceplate"."users" alter column "handle" set not null;\n',
        ),
    )
    code, _, err = run(capsys, "apply", *argv)
    assert code == 3 and "the header says `-- hazards: none`, but the statements carry lock" in err
    edit(up, ("-- hazards: none\n", "-- hazards: lock\n-- approve: lock\n"))
    edit(
        migrations / "0003_add_user_handle.down.sql",
        ("-- hazards: data-loss\n", "-- hazards: data-loss\n-- approve: data-loss\n"),
    )
    code, out, _ = run(capsys, "apply", *argv)
    assert code == 0 and "applied 0003_add_user_handle.sql: 3 statement(s)" in out
    assert query(empty_db, "SELECT handle FROM faceplate.users ORDER BY 1") == [("ada",), ("bob",)]
    code, out, _ = run(capsys, "check", *argv)
    assert code == 0, out
    assert "| `0003_add_user_handle.sql` | 3 | lock | lock | 1 |" in out
    assert '- `0003_add_user_handle.sql:18` **DML**: `update "faceplate"."users" set' in out
    assert "lead back, newest first: 0003_add_user_handle.down.sql, 0002_rename" in out
