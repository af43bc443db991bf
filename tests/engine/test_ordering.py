"""ordering: the statements in an order both databases' dependency graphs allow, as close to the
order they came in as those allow; dependency cycles broken as pg_dump breaks them, and said."""

from __future__ import annotations

import psycopg

from faceplate_db.engine.diff import diff_databases, snapshot_pair
from faceplate_db.engine.ordering import ordered
from tests.engine.conftest import run_sql

TABLE_AND_VIEW = """
CREATE SCHEMA app;
CREATE TABLE app.t (id int PRIMARY KEY, label text);
CREATE TABLE app.u (id int);
CREATE VIEW app.v AS SELECT id, label FROM app.t;
"""

# A table whose default calls a function returning the table's row type: neither can be created
# first (pg_dump creates the table, then the function, then sets the default).
DEFAULT_CYCLE = """
CREATE SCHEMA app;
CREATE TABLE app.ticket (id int PRIMARY KEY, ref text);
CREATE FUNCTION app.latest() RETURNS app.ticket LANGUAGE sql STABLE
    AS $$ SELECT * FROM app.ticket ORDER BY id DESC LIMIT 1 $$;
ALTER TABLE app.ticket ALTER COLUMN ref SET DEFAULT coalesce((app.latest()).ref, '') || '+';
"""


def apply(url: str, statements: list[str]) -> None:
    with psycopg.connect(url) as conn:  # one transaction
        for sql in statements:
            conn.execute(sql)


def sqls(live: str, target: str) -> list[str]:
    return [statement.sql for statement in diff_databases(live, target, ("app",))]


def migrate(live: str, target: str) -> list[str]:
    """The statements from live to target, applied to live in one transaction; then in sync."""
    statements = sqls(live, target)
    apply(live, statements)
    assert sqls(live, target) == []
    return statements


def position(statements: list[str], start: str) -> int:
    return next(i for i, sql in enumerate(statements) if sql.lstrip().startswith(start))


def test_where_no_dependency_says_otherwise_the_order_is_kept(empty_db, target_db):
    run_sql(target_db, TABLE_AND_VIEW)
    old, new = snapshot_pair(empty_db, target_db, ("app",))
    view = new.inspector.selectables['"app"."v"'].create_statement
    tables = [new.inspector.tables[key].create_statement for key in ('"app"."u"', '"app"."t"')]
    assert ordered([*tables, view], old, new) == [*tables, view]
    assert ordered([view, *tables], old, new) == [*tables, view]


def test_a_statement_of_no_known_form_stays_after_every_statement_before_it(empty_db, target_db):
    run_sql(target_db, TABLE_AND_VIEW)
    old, new = snapshot_pair(empty_db, target_db, ("app",))
    view = new.inspector.selectables['"app"."v"'].create_statement
    table = new.inspector.tables['"app"."t"'].create_statement
    assert ordered([view, "select 1;", table], old, new) == [table, view, "select 1;"]


def test_check_function_bodies_is_turned_off_once_and_first(empty_db, target_db):
    run_sql(target_db, TABLE_AND_VIEW)
    old, new = snapshot_pair(empty_db, target_db, ("app",))
    table = new.inspector.tables['"app"."u"'].create_statement
    off = "set check_function_bodies = off;"
    assert ordered([table, off, table, off], old, new) == [off, table, table]


ROW_TYPE_FUNCTION = """
CREATE SCHEMA app;
CREATE TABLE app.t (id int);
CREATE FUNCTION app.label(r app.t) RETURNS text LANGUAGE plpgsql AS $$ BEGIN RETURN r.id::text; END $$;
CREATE VIEW app.labels AS SELECT app.label(t) FROM app.t;
"""


def test_a_function_over_a_row_type_comes_after_its_table_and_goes_before_it(
    empty_db, target_db, migrated_db
):
    run_sql(target_db, ROW_TYPE_FUNCTION)
    forward = migrate(migrated_db, target_db)
    assert position(forward, 'create table "app"."t"') < position(
        forward, "CREATE OR REPLACE FUNCTION app.label"
    )
    backward = migrate(migrated_db, empty_db)
    assert position(backward, 'drop view if exists "app"."labels"') < position(
        backward, 'drop function if exists "app"."label"'
    )
    assert position(backward, 'drop function if exists "app"."label"') < position(
        backward, 'drop table "app"."t"'
    )


def test_a_cycle_through_a_default_is_broken_as_pg_dump_breaks_it_and_said(
    empty_db, target_db, migrated_db
):
    run_sql(target_db, DEFAULT_CYCLE)
    forward = migrate(migrated_db, target_db)
    table = forward[position(forward, 'create table "app"."ticket"')]
    assert " default " not in table
    setting = forward[position(forward, "-- dependency cycle")]
    assert setting.splitlines()[-1].startswith(
        'alter table "app"."ticket" alter column "ref" set default'
    )
    assert "app.latest()" in setting.splitlines()[0]
    assert (
        forward.index(table)
        < position(forward, "CREATE OR REPLACE FUNCTION app.latest")
        < forward.index(setting)
    )
    backward = migrate(migrated_db, empty_db)
    dropping = backward[position(backward, "-- dependency cycle")]
    assert dropping.endswith('alter table "app"."ticket" alter column "ref" drop default;')
    assert (
        backward.index(dropping)
        < position(backward, 'drop function if exists "app"."latest"')
        < position(backward, 'drop table "app"."ticket"')
    )


VIEW_CYCLE = """
CREATE SCHEMA app;
CREATE TABLE app.t (id int, score int);
CREATE VIEW app.v AS SELECT id, score FROM app.t;
CREATE FUNCTION app.best() RETURNS int LANGUAGE sql STABLE BEGIN ATOMIC SELECT max(score) FROM app.v; END;
CREATE OR REPLACE VIEW app.v AS SELECT id, score, score = app.best() AS is_best FROM app.t;
"""


def test_a_cycle_through_a_view_is_broken_by_a_placeholder_view(empty_db, target_db, migrated_db):
    run_sql(target_db, VIEW_CYCLE)
    forward = migrate(migrated_db, target_db)
    placeholder = (
        'create or replace view "app"."v" as select NULL::integer AS "id", '
        'NULL::integer AS "score", NULL::boolean AS "is_best";'
    )
    definition = forward[position(forward, "-- dependency cycle")]
    assert definition.splitlines()[1].startswith('create or replace view "app"."v" as  SELECT')
    assert (
        forward.index(placeholder)
        < position(forward, "CREATE OR REPLACE FUNCTION app.best")
        < forward.index(definition)
    )
    backward = migrate(migrated_db, empty_db)
    assert backward[position(backward, "-- dependency cycle")].endswith(placeholder)
    assert position(backward, "-- dependency cycle") < position(
        backward, 'drop function if exists "app"."best"'
    )
