"""statement_objects: what each form of statement the engine writes creates, drops and touches,
in the nodes of a real database's dependency graph."""

from __future__ import annotations

import psycopg
import pytest

from faceplate_db.engine.dependency_graph import Graph
from faceplate_db.engine.inspect import snapshot
from faceplate_db.engine.statement_objects import Naming, effects_of

SCHEMA = """
CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('ok', 'meh');
CREATE FUNCTION app.seed(a integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURN a + 1;
CREATE TABLE app.t (id serial PRIMARY KEY, n integer DEFAULT app.seed(1), m app.mood);
CREATE INDEX t_n_idx ON app.t (n);
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER t_touch BEFORE UPDATE ON app.t FOR EACH ROW EXECUTE FUNCTION app.touch();
CREATE VIEW app.v AS SELECT id, n FROM app.t;
CREATE RULE v_insert AS ON INSERT TO app.v DO INSTEAD INSERT INTO app.t (id, n) VALUES (NEW.id, NEW.n);
"""


@pytest.fixture
def naming(empty_db):
    with psycopg.connect(empty_db) as conn:
        conn.execute(SCHEMA)
    snap = snapshot(empty_db, ("app",))
    graph = Graph(snap.dependencies)
    return Naming(
        graph,
        graph,
        {key: facts.identity for key, facts in snap.functions.items()},
        {f.create_statement.splitlines()[0]: key for key, f in snap.inspector.functions.items()},
    )


def test_a_new_table_creates_its_columns_and_the_defaults_its_lines_hold(naming):
    effects = effects_of(
        'create table "app"."t" (\n    "id" integer not null,\n    "n" integer,\n'
        '    "m" app.mood\n);',
        naming,
    )
    assert {("relation", "app", "t"), ("column", "app", "t", "n")} <= effects.creates
    # The defaults of id (nextval) and n are not on their lines: set by statements of their own.
    assert not {node for node in effects.creates if node[0] == "default"}
    with_default = effects_of(
        'create table "app"."t" (\n    "n" integer default app.seed(1)\n);', naming
    )
    assert ("default", "app", "t", "n") in with_default.creates


def test_constraints_indexes_triggers_and_rules_are_named_on_their_table(naming):
    key = effects_of(
        'alter table "app"."t" add constraint "t_pkey" PRIMARY KEY using index "t_pkey";', naming
    )
    assert key.creates == {("constraint", "app", "t", "t_pkey"), ("relation", "app", "t_pkey")}
    assert key.touches == {("relation", "app", "t")}
    index = effects_of("CREATE INDEX t_n_idx ON app.t USING btree (n);", naming)
    assert index.creates == {("relation", "app", "t_n_idx")}
    trigger = effects_of(
        "CREATE TRIGGER t_touch BEFORE UPDATE OF n ON app.t FOR EACH ROW "
        "EXECUTE FUNCTION app.touch();",
        naming,
    )
    assert trigger.creates == {("trigger", "app", "t", "t_touch")}
    rule = effects_of(
        "CREATE RULE v_insert AS ON INSERT TO app.v DO INSTEAD INSERT INTO app.t (id, n) "
        "VALUES (new.id, new.n);",
        naming,
    )
    assert rule.creates == {("rule", "app", "v", "v_insert")}


def test_functions_are_named_by_their_argument_types(naming):
    created = effects_of(
        "CREATE OR REPLACE FUNCTION app.seed(a integer)\n RETURNS integer\n LANGUAGE sql\n"
        " IMMUTABLE\nRETURN (a + 1);",
        naming,
    )
    dropped = effects_of('drop function if exists "app"."seed"(a integer);', naming)
    assert created.creates == dropped.drops == {("function", "app.seed(integer)")}


def test_a_drop_takes_along_what_goes_with_the_dropped(naming):
    effects = effects_of('drop table "app"."t";', naming)
    assert effects.drops == {("relation", "app", "t")}
    assert {
        ("column", "app", "t", "n"),
        ("default", "app", "t", "n"),
        ("constraint", "app", "t", "t_pkey"),
        ("relation", "app", "t_n_idx"),
        ("trigger", "app", "t", "t_touch"),
        ("sequence owner", "app", "t_id_seq"),
    } <= effects.dropped_along


def test_column_changes_renames_comments_and_unknown_forms(naming):
    retyped = effects_of(
        'alter table "app"."t" alter column "n" set data type bigint using "n"::bigint;', naming
    )
    assert retyped.creates == {("column", "app", "t", "n")}
    unset = effects_of('alter table "app"."t" alter column "n" drop default;', naming)
    assert unset.drops == {("default", "app", "t", "n")}
    renamed = effects_of('alter type "app"."mood" rename to "mood__old";', naming)
    assert renamed.renamed == (("relation", "app", "mood"), ("relation", "app", "mood__old"))
    comment = effects_of("COMMENT ON COLUMN app.t.n IS 'the count';", naming)
    assert comment.touches == {("relation", "app", "t")}
    assert not effects_of("select 1;", naming).nodes
