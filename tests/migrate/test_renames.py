"""Declared renames against a real server: every kind keeps its rows, PostgreSQL carries what
hangs on a renamed column, a second diff is empty with the directives still in schema.sql, and
each way a directive can be wrong is an error naming its file and line (never drop + add)."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from faceplate_db.config import Settings, libpq_url
from faceplate_db.engine import BREAKING
from faceplate_db.errors import SchemaLoadError
from faceplate_db.migrate.planning import plan_migration
from tests.engine.test_diff import run_sql

LIVE = """
CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('happy', 'sad');
CREATE TYPE app.point2 AS (x int, y int);
CREATE SEQUENCE app.ticket_seq START 100;
CREATE TABLE app.chats (
    id bigint CONSTRAINT chats_pkey PRIMARY KEY,
    title text NOT NULL DEFAULT 'untitled' CONSTRAINT chats_title_len CHECK (length(title) < 100),
    mood app.mood NOT NULL DEFAULT 'happy',
    spot app.point2,
    ticket bigint DEFAULT nextval('app.ticket_seq')
);
CREATE INDEX chats_title_idx ON app.chats (title);
COMMENT ON COLUMN app.chats.title IS 'What the chat is about.';
GRANT SELECT (title) ON app.chats TO PUBLIC;
CREATE VIEW app.recent AS SELECT id, title FROM app.chats;
CREATE MATERIALIZED VIEW app.totals AS SELECT count(*) AS n FROM app.chats;
CREATE FUNCTION app.title_of(bigint) RETURNS text LANGUAGE sql
    AS $$ SELECT title FROM app.chats WHERE id = $1 $$;
"""
ROWS = """
INSERT INTO app.chats (id, title, mood, spot) VALUES (1, 'hello', 'sad', ROW(1, 2));
INSERT INTO app.chats (id, title, mood, spot) VALUES (2, 'again', 'happy', ROW(3, 4));
REFRESH MATERIALIZED VIEW app.totals;
"""
DIRECTIVES = """\
-- faceplate-db: rename table app.chats to conversations
-- faceplate-db: rename column app.conversations.title to subject
-- faceplate-db: rename index app.chats_title_idx to conversations_subject_idx
-- faceplate-db: rename constraint app.conversations.chats_title_len to conversations_subject_len
-- faceplate-db: rename enum value app.mood.sad to gloomy
-- faceplate-db: rename view app.recent to recent_conversations
-- faceplate-db: rename materialized view app.totals to conversation_totals
-- faceplate-db: rename sequence app.ticket_seq to ticket_numbers
-- faceplate-db: rename type app.point2 to position
-- faceplate-db: rename function app.title_of to subject_of
"""
TARGET = """
CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('happy', 'gloomy');
CREATE TYPE app.position AS (x int, y int);
CREATE SEQUENCE app.ticket_numbers START 100;
CREATE TABLE app.conversations (
    id bigint CONSTRAINT chats_pkey PRIMARY KEY,
    subject text NOT NULL DEFAULT 'untitled'
        CONSTRAINT conversations_subject_len CHECK (length(subject) < 100),
    mood app.mood NOT NULL DEFAULT 'happy',
    spot app.position,
    ticket bigint DEFAULT nextval('app.ticket_numbers')
);
CREATE INDEX conversations_subject_idx ON app.conversations (subject);
COMMENT ON COLUMN app.conversations.subject IS 'What the chat is about.';
GRANT SELECT (subject) ON app.conversations TO PUBLIC;
CREATE VIEW app.recent_conversations AS SELECT id, subject AS title FROM app.conversations;
CREATE MATERIALIZED VIEW app.conversation_totals AS SELECT count(*) AS n FROM app.conversations;
CREATE FUNCTION app.subject_of(bigint) RETURNS text LANGUAGE sql
    AS $$ SELECT subject FROM app.conversations WHERE id = $1 $$;
"""


def settings(db_url: str, schema_file: Path, schemas=("app",)) -> Settings:
    return Settings(database_url=db_url, schema_file=schema_file, schemas=schemas)


def schema_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "schema.sql"
    path.write_text(text, encoding="utf-8")
    return path


def run_plan(db_url: str, plan) -> None:
    with psycopg.connect(libpq_url(db_url)) as conn:
        for statement in plan.statements:
            conn.execute(statement.sql)


def renamed(db_url: str, live: str, tmp_path: Path, target: str, expected: list[str]):
    """live set up, a plan to target that is exactly `expected`, applied, then in sync."""
    run_sql(db_url, live)
    target_settings = settings(db_url, schema_file(tmp_path, target))
    plan = plan_migration(target_settings)
    assert [s.sql for s in plan.statements] == expected
    run_plan(db_url, plan)
    again = plan_migration(target_settings)
    assert again.in_sync and again.from_fingerprint == plan.to_fingerprint


def rows(db_url: str, sql: str) -> list[tuple]:
    with psycopg.connect(libpq_url(db_url)) as conn:
        return conn.execute(sql).fetchall()


def test_every_kind_of_rename_keeps_the_rows_and_the_directives_may_stay(empty_db, tmp_path):
    run_sql(empty_db, LIVE + ROWS)
    target = settings(empty_db, schema_file(tmp_path, DIRECTIVES + TARGET))
    plan = plan_migration(target)
    sqls = [statement.sql for statement in plan.statements]
    renames = [sql for sql in sqls if " rename " in sql]
    assert len(renames) == 10
    assert not any(sql.startswith(("drop table", "create table")) for sql in sqls)
    assert not any(" drop column " in sql or " add column " in sql for sql in sqls)
    assert not any(
        sql.startswith(("drop type", "drop sequence", "drop materialized")) for sql in sqls
    )
    # Each rename is breaking, not data-loss; the view's and function's new text comes first.
    for statement in plan.statements:
        if " rename " in statement.sql:
            assert statement.hazards == {BREAKING}
            assert "running code that uses the old name breaks" in statement.reasons[0]
    assert plan.hazards == (BREAKING,)
    assert sqls.index(renames[0]) == len(sqls) - 10

    run_plan(empty_db, plan)
    assert rows(
        empty_db,
        "SELECT id, subject, mood::text, spot::text, ticket FROM app.conversations ORDER BY id",
    ) == [
        (1, "hello", "gloomy", "(1,2)", 100),
        (2, "again", "happy", "(3,4)", 101),
    ]
    assert rows(empty_db, "SELECT n FROM app.conversation_totals") == [(2,)]
    assert rows(empty_db, "SELECT title FROM app.recent_conversations ORDER BY id") == [
        ("hello",),
        ("again",),
    ]
    assert rows(empty_db, "SELECT app.subject_of(2), nextval('app.ticket_numbers')") == [
        ("again", 102)
    ]
    assert rows(empty_db, "SELECT ROW(5, 6)::app.position::text") == [("(5,6)",)]
    again = plan_migration(target)
    assert again.in_sync, [s.sql for s in again.statements]
    assert again.from_fingerprint == plan.to_fingerprint


def column_renamed(schema: str) -> str:
    """LIVE with column title called subject (and nothing else renamed)."""
    for old, new in [
        ("title text", "subject text"),
        ("length(title)", "length(subject)"),
        ("(title)", "(subject)"),
        ("chats.title IS", "chats.subject IS"),
        ("id, title FROM", "id, subject AS title FROM"),
        ("SELECT title FROM", "SELECT subject FROM"),
    ]:
        schema = schema.replace(old, new)
    return schema


def test_a_column_rename_carries_its_default_constraint_index_comment_and_grant(empty_db, tmp_path):
    run_sql(empty_db, LIVE + ROWS)
    target = schema_file(
        tmp_path,
        "-- faceplate-db: rename column app.chats.title to subject\n" + column_renamed(LIVE),
    )
    plan = plan_migration(settings(empty_db, target))
    renames = [s.sql for s in plan.statements if " rename " in s.sql]
    assert renames == ['alter table "app"."chats" rename column "title" to "subject";']
    run_plan(empty_db, plan)
    carried = rows(
        empty_db,
        "SELECT pg_get_expr(d.adbin, d.adrelid), col_description('app.chats'::regclass, a.attnum),"
        " has_column_privilege('public', 'app.chats', 'subject', 'SELECT'),"
        " pg_get_constraintdef((SELECT oid FROM pg_constraint WHERE conname = 'chats_title_len')),"
        " pg_get_indexdef('app.chats_title_idx'::regclass)"
        " FROM pg_attribute a JOIN pg_attrdef d ON (d.adrelid, d.adnum) = (a.attrelid, a.attnum)"
        " WHERE a.attrelid = 'app.chats'::regclass AND a.attname = 'subject'",
    )
    assert carried == [
        (
            "'untitled'::text",
            "What the chat is about.",
            True,
            "CHECK ((length(subject) < 100))",
            "CREATE INDEX chats_title_idx ON app.chats USING btree (subject)",
        )
    ]
    assert rows(empty_db, "SELECT subject FROM app.chats ORDER BY id") == [("hello",), ("again",)]
    assert rows(empty_db, "SELECT app.title_of(1), count(*) FROM app.recent") == [("hello", 2)]
    assert plan_migration(settings(empty_db, target)).in_sync


def test_a_further_change_to_a_renamed_column_follows_the_rename(empty_db, tmp_path):
    renamed(
        empty_db,
        "CREATE SCHEMA app; CREATE TABLE app.t (id int PRIMARY KEY, title varchar(20));"
        "INSERT INTO app.t VALUES (1, 'kept');",
        tmp_path,
        "CREATE SCHEMA app;\n-- faceplate-db: rename column app.t.title to subject\n"
        "CREATE TABLE app.t (id int PRIMARY KEY, subject text DEFAULT 'none');\n",
        [
            'alter table "app"."t" alter column "title" drop default;',
            'alter table "app"."t" alter column "title" set data type text using "title"::text;',
            'alter table "app"."t" alter column "title" set default \'none\'::text;',
            'alter table "app"."t" rename column "title" to "subject";',
        ],
    )
    assert rows(empty_db, "SELECT subject FROM app.t") == [("kept",)]


def test_a_schema_rename(empty_db, tmp_path):
    renamed(
        empty_db,
        "CREATE SCHEMA app_v1; CREATE TABLE app_v1.t (id int PRIMARY KEY);"
        "INSERT INTO app_v1.t VALUES (7);",
        tmp_path,
        "-- faceplate-db: rename schema app_v1 to app\n"
        "CREATE SCHEMA app;\nCREATE TABLE app.t (id int PRIMARY KEY);\n",
        ['alter schema "app_v1" rename to "app";'],
    )
    assert rows(empty_db, "SELECT id FROM app.t") == [(7,)]


def test_renames_apply_in_file_order_and_each_step_is_resumed_where_the_live_database_is(
    empty_db, tmp_path
):
    run_sql(
        empty_db, "CREATE SCHEMA app; CREATE TABLE app.a (id int); INSERT INTO app.a VALUES (1);"
    )
    target = schema_file(
        tmp_path,
        "-- faceplate-db: rename table app.a to b\n-- faceplate-db: rename table app.b to c\n"
        "-- faceplate-db: rename column app.c.id to key\n"
        "CREATE SCHEMA app;\nCREATE TABLE app.c (key int);\n",
    )
    plan = plan_migration(settings(empty_db, target))
    assert [s.sql for s in plan.statements] == [
        'alter table "app"."a" rename to "b";',
        'alter table "app"."b" rename to "c";',
        'alter table "app"."c" rename column "id" to "key";',
    ]
    # A database half way (b exists): only what is left.
    run_sql(empty_db, "ALTER TABLE app.a RENAME TO b")
    plan = plan_migration(settings(empty_db, target))
    assert next(s.sql for s in plan.statements) == 'alter table "app"."b" rename to "c";'
    run_plan(empty_db, plan)
    assert rows(empty_db, "SELECT key FROM app.c") == [(1,)]
    assert plan_migration(settings(empty_db, target)).in_sync


def test_a_database_without_the_object_gets_it_made_under_the_new_name(empty_db, tmp_path):
    target = settings(empty_db, schema_file(tmp_path, DIRECTIVES + TARGET))
    plan = plan_migration(target, with_down=True)
    assert not any(" rename " in s.sql for s in plan.statements)
    assert not any(" rename " in s.sql for s in plan.down_statements)
    run_plan(empty_db, plan)
    assert plan_migration(target).in_sync


def test_the_down_statements_undo_the_renames_first(empty_db, tmp_path):
    run_sql(empty_db, LIVE + ROWS)
    target = settings(empty_db, schema_file(tmp_path, DIRECTIVES + TARGET))
    plan = plan_migration(target, with_down=True)
    downs = [s.sql for s in plan.down_statements]
    assert downs[0] == 'alter routine "app"."subject_of" rename to "title_of";'
    assert downs[9] == 'alter table "app"."conversations" rename to "chats";'
    assert all(s.hazards == {BREAKING} for s in plan.down_statements[:10])
    run_plan(empty_db, plan)
    with psycopg.connect(libpq_url(empty_db)) as conn:
        for sql in downs:
            conn.execute(sql)
    back = plan_migration(settings(empty_db, schema_file(tmp_path, LIVE)))
    assert back.in_sync and back.from_fingerprint == plan.from_fingerprint
    assert rows(empty_db, "SELECT title, mood::text FROM app.chats ORDER BY id") == [
        ("hello", "sad"),
        ("again", "happy"),
    ]


def plan_error(db_url: str, tmp_path: Path, text: str, schemas=("app",)) -> SchemaLoadError:
    with pytest.raises(SchemaLoadError) as caught:
        plan_migration(settings(db_url, schema_file(tmp_path, text), schemas))
    return caught.value


BASE = "CREATE SCHEMA app; CREATE TABLE app.t (id int, title text); CREATE VIEW app.v AS SELECT 1 AS one;"


@pytest.mark.parametrize(
    ("directive", "schema", "message"),
    [
        (
            "rename column app.t.title to subject",
            "CREATE SCHEMA app; CREATE TABLE app.t (id int, title text, subject text);",
            "schema.sql defines both app.t.title and app.t.subject",
        ),
        (
            "rename column app.t.title to subject",
            "CREATE SCHEMA app; CREATE TABLE app.t (id int, title text);",
            "schema.sql does not define column app.t.subject",
        ),
        (
            "rename column app.t.titel to subject",
            "CREATE SCHEMA app; CREATE TABLE app.t (id int, subject text);",
            "neither app.t.titel nor app.t.subject exists in the live database, and the diff "
            "would drop app.t.title: is the old name misspelt?",
        ),
        (
            "rename table app.v to w",
            "CREATE SCHEMA app; CREATE TABLE app.t (id int, title text); CREATE TABLE app.w ();",
            "app.v is a view in the live database, not a table",
        ),
        (
            "rename view app.v to w",
            "CREATE SCHEMA app; CREATE TABLE app.t (id int, title text); CREATE TABLE app.w ();",
            "app.w is a table in schema.sql, not a view",
        ),
        (
            "rename table other.t to u",
            "CREATE SCHEMA app; CREATE TABLE app.t (id int, title text);",
            "other is not a managed schema",
        ),
        (
            "rename schema app to app2",
            "CREATE SCHEMA app2; CREATE TABLE app2.t (id int, title text);",
            "app2 is not a managed schema",
        ),
    ],
)
def test_a_rename_that_cannot_be_made_is_an_error_naming_its_line(
    empty_db, tmp_path, directive, schema, message
):
    run_sql(empty_db, BASE)
    error = plan_error(empty_db, tmp_path, f"{schema}\n\n-- faceplate-db: {directive}\n")
    assert message in str(error)
    assert (error.path.name, error.line) == ("schema.sql", 3)
    assert str(error).startswith(f"{tmp_path / 'schema.sql'}:3: ")


def test_both_names_existing_live_is_an_error(empty_db, tmp_path):
    run_sql(empty_db, BASE + "ALTER TABLE app.t ADD COLUMN subject text;")
    error = plan_error(
        empty_db,
        tmp_path,
        "CREATE SCHEMA app; CREATE TABLE app.t (id int, subject text);\n"
        "-- faceplate-db: rename column app.t.title to subject\n",
    )
    assert error.line == 2
    assert "both app.t.title and app.t.subject exist in the live database" in str(error)


def test_functions_are_named_by_their_arguments_when_overloaded(empty_db, tmp_path):
    functions = (
        "CREATE FUNCTION app.{0}(int) RETURNS int LANGUAGE sql AS 'SELECT 1';"
        "CREATE FUNCTION app.{0}(text) RETURNS int LANGUAGE sql AS 'SELECT 2';"
    )
    run_sql(empty_db, "CREATE SCHEMA app;" + functions.format("f"))
    both_new = "CREATE SCHEMA app;" + functions.format("g")
    error = plan_error(
        empty_db, tmp_path, both_new + "\n-- faceplate-db: rename function app.f to g\n"
    )
    assert error.line == 2 and "app.f is overloaded (2 functions): name the argument" in str(error)
    one_renamed = (
        "CREATE SCHEMA app;"
        "CREATE FUNCTION app.f(int) RETURNS int LANGUAGE sql AS 'SELECT 1';"
        "CREATE FUNCTION app.g(text) RETURNS int LANGUAGE sql AS 'SELECT 2';"
        "\n-- faceplate-db: rename function app.f(text) to g\n"
    )
    target = settings(empty_db, schema_file(tmp_path, one_renamed))
    plan = plan_migration(target)
    assert [s.sql for s in plan.statements] == ['alter routine "app"."f"(text) rename to "g";']
    run_plan(empty_db, plan)
    assert rows(empty_db, "SELECT app.f(1), app.g('x')") == [(1, 2)]
    assert plan_migration(target).in_sync


def test_a_rename_directive_is_checked_even_where_nothing_is_diffed(empty_db, tmp_path):
    # The directive's schema.sql side is checked against a database that has nothing yet.
    error = plan_error(
        empty_db,
        tmp_path,
        "CREATE SCHEMA app;\n-- faceplate-db: rename table app.a to b\nCREATE TABLE app.c ();\n",
    )
    assert error.line == 2 and "schema.sql does not define table app.b" in str(error)


def test_quoted_names_keep_their_case_and_dots(empty_db, tmp_path):
    renamed(
        empty_db,
        'CREATE SCHEMA app; CREATE TABLE app."Old.Name" ("Col" int);'
        'INSERT INTO app."Old.Name" VALUES (3);',
        tmp_path,
        '-- faceplate-db: rename table app."Old.Name" to "New Name"\n'
        '-- faceplate-db: rename column APP."New Name"."Col" to Value\n'
        'CREATE SCHEMA app; CREATE TABLE app."New Name" (value int);\n',
        [
            'alter table "app"."Old.Name" rename to "New Name";',
            'alter table "app"."New Name" rename column "Col" to "value";',
        ],
    )
    assert rows(empty_db, 'SELECT value FROM app."New Name"') == [(3,)]


def test_a_table_renamed_with_the_names_postgresql_gave_what_hangs_on_it(empty_db, tmp_path):
    # PostgreSQL keeps a renamed table's key, constraint and sequence names; schema.sql names
    # them after the new table, so each gets its own directive, and ids continue.
    renamed(
        empty_db,
        "CREATE SCHEMA app; CREATE TABLE app.chats (id serial PRIMARY KEY, n int UNIQUE);"
        "INSERT INTO app.chats (n) VALUES (5);",
        tmp_path,
        "-- faceplate-db: rename table app.chats to conversations\n"
        "-- faceplate-db: rename constraint app.conversations.chats_pkey to conversations_pkey\n"
        "-- faceplate-db: rename constraint app.conversations.chats_n_key to conversations_n_key\n"
        "-- faceplate-db: rename sequence app.chats_id_seq to conversations_id_seq\n"
        "CREATE SCHEMA app;\n"
        "CREATE TABLE app.conversations (id serial PRIMARY KEY, n int UNIQUE);\n",
        [
            'alter table "app"."chats" rename to "conversations";',
            'alter table "app"."conversations" rename constraint "chats_pkey" to "conversations_pkey";',
            'alter table "app"."conversations" rename constraint "chats_n_key" to "conversations_n_key";',
            'alter sequence "app"."chats_id_seq" rename to "conversations_id_seq";',
        ],
    )
    run_sql(empty_db, "INSERT INTO app.conversations (n) VALUES (6)")
    assert rows(empty_db, "SELECT id, n FROM app.conversations ORDER BY id") == [(1, 5), (2, 6)]
