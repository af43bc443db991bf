"""Snapshots: what a database's managed schemas hold, read on one connection or two."""

from __future__ import annotations

import psycopg

from faceplate_db.engine.inspect import (
    fingerprint,
    inspection_connection,
    snapshot,
    take_snapshot,
)

OBJECTS = """
CREATE SCHEMA app;
CREATE TABLE app."Mixed Case" ("Id" int PRIMARY KEY, "select" text, plain text);
CREATE TABLE app.parted (at date, v int) PARTITION BY RANGE (at);
CREATE INDEX parted_at_idx ON app.parted (at);
CREATE VIEW app.v AS SELECT "Id", plain FROM app."Mixed Case";
CREATE MATERIALIZED VIEW app.mv AS SELECT "Id" FROM app."Mixed Case";
CREATE TYPE app.pair AS (a int, "B" text);
CREATE SEQUENCE app.s;
COMMENT ON COLUMN app."Mixed Case"."select" IS 'a keyword as a column name';
"""


def test_column_identities_are_spelled_as_pg_identify_object_spells_them(empty_db):
    with psycopg.connect(empty_db) as conn:
        conn.execute(OBJECTS)
        conn.commit()
        expected = set(
            conn.execute(
                """SELECT o.type, o.identity FROM pg_attribute a
                JOIN pg_class c ON c.oid = a.attrelid
                CROSS JOIN LATERAL pg_identify_object('pg_class'::regclass, c.oid, a.attnum) o
                WHERE c.relnamespace = 'app'::regnamespace AND c.relkind NOT IN ('i', 'I')
                  AND a.attnum > 0 AND NOT a.attisdropped"""
            ).fetchall()
        )
    columns = {
        (kind, identity)
        for kind, identity in snapshot(empty_db, ("app",)).objects
        if kind.endswith(" column")
    }
    assert ("table column", 'app."Mixed Case"."select"') in columns
    assert columns == expected


def test_two_connections_see_what_one_sees(empty_db):
    with psycopg.connect(empty_db) as conn:
        conn.execute(OBJECTS)
    with inspection_connection(empty_db) as conn:
        single = take_snapshot(conn, ("app",))
    parallel = snapshot(empty_db, ("app",))
    assert parallel.comments == single.comments
    assert parallel.objects == single.objects
    assert fingerprint(parallel) == fingerprint(single)
