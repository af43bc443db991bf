"""diff_databases: scope (managed schemas only, never the history schema, never other schemas),
extensions, the managed schema created when missing, hazards classified in context, ids kept
across serial and identity, and objects of other applications."""

from __future__ import annotations

import psycopg
import pytest

from faceplate_db.config import HISTORY_SCHEMA
from faceplate_db.engine import DATA_LOSS, LOCK, REWRITE
from faceplate_db.engine.capabilities import Capabilities
from faceplate_db.engine.diff import diff_databases
from faceplate_db.engine.inspect import inspection_connection
from faceplate_db.errors import UnmanagedDependents
from tests.engine.conftest import run_sql

UNMANAGED = """
CREATE SCHEMA other_app;
CREATE TYPE other_app.kind AS ENUM ('x');
CREATE TABLE other_app.things (id int PRIMARY KEY, kind other_app.kind);
CREATE FUNCTION other_app.f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
CREATE SCHEMA faceplate_migrations;
CREATE TABLE faceplate_migrations.history (id int PRIMARY KEY);
"""


def sqls(statements) -> list[str]:
    return [statement.sql for statement in statements]


def test_other_schemas_and_the_history_schema_are_never_touched(empty_db, target_db):
    run_sql(empty_db, UNMANAGED + "CREATE SCHEMA app; CREATE TABLE app.t (id int);")
    run_sql(target_db, "CREATE SCHEMA app; CREATE TABLE app.t (id int, n int);")
    statements = sqls(diff_databases(empty_db, target_db, ("app",)))
    assert statements == ['alter table "app"."t" add column "n" integer;']
    assert HISTORY_SCHEMA == "faceplate_migrations"


def test_a_missing_managed_schema_is_created_first(empty_db, target_db):
    run_sql(target_db, "CREATE SCHEMA app; CREATE TABLE app.t (id int);")
    statements = sqls(diff_databases(empty_db, target_db, ("app",)))
    assert statements[0] == 'create schema if not exists "app";'
    assert statements[1].startswith('create table "app"."t"')


def available_extension(url: str) -> tuple[str, str]:
    """An extension this server ships, with a column type it provides."""
    with psycopg.connect(url) as conn:
        names = {row[0] for row in conn.execute("SELECT name FROM pg_available_extensions")}
    for name, column_type in (("citext", "public.citext"), ("vector", "public.vector(3)")):
        if name in names:
            return name, column_type
    raise AssertionError(f"neither citext nor vector is available: {sorted(names)}")


def test_extensions_the_schema_needs_are_created_and_never_dropped(empty_db, target_db, server_url):
    extension, column_type = available_extension(server_url)
    run_sql(
        target_db,
        f"CREATE EXTENSION {extension} WITH SCHEMA public; CREATE SCHEMA app; "
        f"CREATE TABLE app.t (v {column_type});",
    )
    forward = sqls(diff_databases(empty_db, target_db, ("app",)))
    assert f'create extension if not exists "{extension}" with schema "public";' in forward
    assert forward.index(
        f'create extension if not exists "{extension}" with schema "public";'
    ) < next(i for i, sql in enumerate(forward) if sql.startswith("create table"))
    backward = sqls(diff_databases(target_db, empty_db, ("app",)))
    assert not [sql for sql in backward if "extension" in sql.lower()]
    assert 'drop table "app"."t";' in backward


def test_enum_value_removal_and_column_drop_are_data_loss(empty_db, target_db):
    run_sql(
        empty_db,
        "CREATE SCHEMA app; CREATE TYPE app.s AS ENUM ('a', 'b', 'c');"
        "CREATE TABLE app.t (id int, s app.s, gone text);",
    )
    run_sql(
        target_db,
        "CREATE SCHEMA app; CREATE TYPE app.s AS ENUM ('a', 'b');"
        "CREATE TABLE app.t (id int, s app.s);",
    )
    statements = diff_databases(empty_db, target_db, ("app",))
    by_sql = {statement.sql: statement for statement in statements}
    assert DATA_LOSS in by_sql['alter table "app"."t" drop column "gone";'].hazards
    recast = [s for s in statements if "::text::" in s.sql]
    assert recast and DATA_LOSS in recast[0].hazards
    assert any("c" in reason for reason in recast[0].reasons)


def test_enum_value_added_is_alter_type_add_value_without_hazard(empty_db, target_db):
    run_sql(
        empty_db,
        "CREATE SCHEMA app; CREATE TYPE app.s AS ENUM ('a', 'c');CREATE TABLE app.t (s app.s);",
    )
    run_sql(
        target_db,
        "CREATE SCHEMA app; CREATE TYPE app.s AS ENUM ('a', 'b', 'c');"
        "CREATE TABLE app.t (s app.s);",
    )
    statements = diff_databases(empty_db, target_db, ("app",))
    assert sqls(statements) == ["alter type \"app\".\"s\" add value 'b' after 'a';"]
    assert not statements[0].hazards


def test_hazards_on_existing_tables_and_none_on_new_ones(empty_db, target_db):
    run_sql(empty_db, "CREATE SCHEMA app; CREATE TABLE app.old (id int, n int);")
    run_sql(
        target_db,
        "CREATE SCHEMA app; CREATE TABLE app.old (id int NOT NULL, n bigint);"
        "CREATE INDEX old_n_idx ON app.old (n);"
        "CREATE TABLE app.fresh (id int NOT NULL); CREATE INDEX fresh_id_idx ON app.fresh (id);",
    )
    statements = {s.sql: s for s in diff_databases(empty_db, target_db, ("app",))}
    assert statements['alter table "app"."old" alter column "id" set not null;'].hazards == {LOCK}
    assert (
        REWRITE
        in statements[
            'alter table "app"."old" alter column "n" set data type bigint using "n"::bigint;'
        ].hazards
    )
    assert statements["CREATE INDEX old_n_idx ON app.old USING btree (n);"].hazards == {LOCK}
    assert not statements["CREATE INDEX fresh_id_idx ON app.fresh USING btree (id);"].hazards


def test_comments_set_changed_and_removed(empty_db, target_db):
    run_sql(
        empty_db,
        "CREATE SCHEMA app; CREATE TABLE app.t (a int, b int);"
        "COMMENT ON TABLE app.t IS 'old'; COMMENT ON COLUMN app.t.b IS 'goes away';",
    )
    run_sql(
        target_db,
        "CREATE SCHEMA app; CREATE TABLE app.t (a int, b int);"
        "COMMENT ON TABLE app.t IS 'new'; COMMENT ON COLUMN app.t.a IS 'it''s a';",
    )
    assert sorted(sqls(diff_databases(empty_db, target_db, ("app",)))) == [
        "COMMENT ON COLUMN app.t.a IS 'it''s a';",
        "COMMENT ON COLUMN app.t.b IS NULL;",
        "COMMENT ON TABLE app.t IS 'new';",
    ]


def run_statements(url: str, statements) -> None:
    with psycopg.connect(url) as conn:
        for statement in statements:
            conn.execute(statement.sql)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("id serial PRIMARY KEY", "id int GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
        ("id int GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "id serial PRIMARY KEY"),
    ],
    ids=["serial-to-identity", "identity-to-serial"],
)
def test_ids_continue_where_they_were_when_serial_and_identity_swap(
    empty_db, target_db, before, after
):
    run_sql(
        empty_db,
        f"CREATE SCHEMA app; CREATE TABLE app.t ({before}, name text);"
        "INSERT INTO app.t (name) VALUES ('a'), ('b'), ('c');",
    )
    run_sql(target_db, f"CREATE SCHEMA app; CREATE TABLE app.t ({after}, name text);")
    run_statements(empty_db, diff_databases(empty_db, target_db, ("app",)))
    with psycopg.connect(empty_db) as conn:
        added = conn.execute("INSERT INTO app.t (name) VALUES ('d') RETURNING id").fetchone()
    assert added == (4,)
    assert diff_databases(empty_db, target_db, ("app",)) == ()


SHARED = """
CREATE SCHEMA app;
CREATE TABLE app.orders (id int PRIMARY KEY, total numeric(10, 2), note text);
CREATE VIEW app.order_totals AS SELECT id, total FROM app.orders;
CREATE SCHEMA reporting;
CREATE VIEW reporting.big_orders AS SELECT id FROM app.order_totals WHERE total > 100;
CREATE TABLE reporting.notes (order_id int REFERENCES app.orders (id));
"""


def test_a_diff_that_would_break_another_applications_objects_is_refused_naming_them(
    empty_db, target_db
):
    run_sql(empty_db, SHARED)
    # The key is renamed (its index made anew) and the view loses a column (made anew).
    run_sql(
        target_db,
        "CREATE SCHEMA app; CREATE TABLE app.orders (id int CONSTRAINT orders_key PRIMARY KEY,"
        " total numeric(10, 2), note text); CREATE VIEW app.order_totals AS SELECT id FROM app.orders;",
    )
    with pytest.raises(UnmanagedDependents) as refused:
        diff_databases(empty_db, target_db, ("app",))
    assert refused.value.exit_code == 3
    described = str(refused.value)
    assert "view reporting.big_orders" in described
    assert "constraint notes_order_id_fkey on table reporting.notes" in described


def test_a_key_other_applications_reference_may_change_type(empty_db, target_db):
    """PostgreSQL rebuilds a foreign key whose referenced column changes type."""
    run_sql(
        empty_db,
        "CREATE SCHEMA app; CREATE TABLE app.orders (id int PRIMARY KEY); CREATE SCHEMA reporting;"
        " CREATE TABLE reporting.notes (order_id int REFERENCES app.orders (id));",
    )
    run_sql(target_db, "CREATE SCHEMA app; CREATE TABLE app.orders (id bigint PRIMARY KEY);")
    statements = diff_databases(empty_db, target_db, ("app",))
    assert (
        'alter table "app"."orders" alter column "id" set data type bigint using "id"::bigint;'
        in sqls(statements)
    )


def test_changes_other_applications_objects_do_not_use_go_through(empty_db, target_db):
    run_sql(empty_db, SHARED)
    run_sql(
        target_db,
        "CREATE SCHEMA app; CREATE TABLE app.orders (id int PRIMARY KEY, total numeric(10, 2),"
        " note text, added text); CREATE VIEW app.order_totals AS SELECT id, total FROM app.orders;",
    )
    assert sqls(diff_databases(empty_db, target_db, ("app",))) == [
        'alter table "app"."orders" add column "added" text;'
    ]


def test_a_temporal_key_is_added_as_a_constraint_not_as_a_gist_index(empty_db, target_db):
    with inspection_connection(target_db) as conn:
        if not Capabilities.of(conn).temporal_keys:
            pytest.skip("WITHOUT OVERLAPS arrived in PostgreSQL 18")
    table = "CREATE TABLE app.room (id int NOT NULL, valid tstzrange NOT NULL, {key});"
    run_sql(
        empty_db, "CREATE SCHEMA app;" + table.format(key="CONSTRAINT room_pkey PRIMARY KEY (id)")
    )
    run_sql(
        target_db,
        "CREATE EXTENSION btree_gist WITH SCHEMA public; CREATE SCHEMA app;"
        + table.format(key="CONSTRAINT room_pkey PRIMARY KEY (id, valid WITHOUT OVERLAPS)"),
    )
    statements = sqls(diff_databases(empty_db, target_db, ("app",)))
    assert statements[-2:] == [
        'alter table "app"."room" drop constraint "room_pkey";',
        'alter table "app"."room" add constraint "room_pkey" '
        "PRIMARY KEY (id, valid WITHOUT OVERLAPS);",
    ]
    assert not any("index" in sql.lower() for sql in statements)
