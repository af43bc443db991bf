"""The Core tables must agree with the catalog of a database built from schema.sql."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import ForeignKeyConstraint, UniqueConstraint

from faceplate_db.data import tables
from faceplate_db.data.ids import new_id
from faceplate_db.migrate.scratch import database_url

CORE_TABLES = {t.name: t for t in tables.metadata.sorted_tables}
ON_DELETE = {"c": "CASCADE", "a": None, "r": "RESTRICT", "n": "SET NULL", "d": "SET DEFAULT"}


@pytest.fixture(scope="module")
def catalog(server_url, schema_template):
    with psycopg.connect(database_url(server_url, schema_template)) as conn:
        yield conn


def rows(conn, sql, *params):
    return conn.execute(sql, params).fetchall()


def test_same_tables(catalog):
    found = {
        r[0]
        for r in rows(catalog, "SELECT tablename FROM pg_tables WHERE schemaname = 'faceplate'")
    }
    assert found == set(CORE_TABLES)


@pytest.mark.parametrize("name", sorted(CORE_TABLES))
def test_columns_types_and_nullability_match(catalog, name):
    table = CORE_TABLES[name]
    columns = rows(
        catalog,
        "SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull, "
        "pg_get_expr(d.adbin, d.adrelid) "
        "FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
        "WHERE a.attrelid = %s::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
        f"faceplate.{name}",
    )
    assert [c[0] for c in columns] == [c.name for c in table.columns], "column order or names"
    for column_name, sql_type, nullable, default in columns:
        column = table.c[column_name]
        assert column.type.compile(dialect=_dialect()).lower() in _type_aliases(sql_type), (
            column_name
        )
        assert column.nullable == nullable, f"{name}.{column_name} nullability"
        has_server_default = column.server_default is not None
        # ids are generated client-side; the database default only serves raw SQL.
        if column_name != "id":
            assert has_server_default == (default is not None), f"{name}.{column_name} default"


@pytest.mark.parametrize("name", sorted(CORE_TABLES))
def test_foreign_keys_and_on_delete_match(catalog, name):
    found = {
        (tuple(cols), ref, tuple(refcols), ON_DELETE[action], conname)
        for conname, cols, ref, refcols, action in rows(
            catalog,
            "SELECT c.conname, "
            "array(SELECT attname FROM pg_attribute WHERE attrelid = c.conrelid AND attnum = ANY(c.conkey)), "
            "c.confrelid::regclass::text, "
            "array(SELECT attname FROM pg_attribute WHERE attrelid = c.confrelid AND attnum = ANY(c.confkey)), "
            "c.confdeltype FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid = %s::regclass",
            f"faceplate.{name}",
        )
    }
    declared = {
        (
            tuple(c.name for c in fk.columns),
            fk.referred_table.fullname,
            tuple(e.column.name for e in fk.elements),
            fk.ondelete,
            fk.name,
        )
        for fk in CORE_TABLES[name].constraints
        if isinstance(fk, ForeignKeyConstraint)
    }
    assert declared == found


@pytest.mark.parametrize("name", sorted(CORE_TABLES))
def test_unique_constraints_and_indexes_match(catalog, name):
    uniques = {
        (conname, tuple(cols))
        for conname, cols in rows(
            catalog,
            "SELECT conname, array(SELECT attname FROM unnest(conkey) k JOIN pg_attribute a "
            "ON a.attrelid = conrelid AND a.attnum = k) FROM pg_constraint "
            "WHERE contype = 'u' AND conrelid = %s::regclass",
            f"faceplate.{name}",
        )
    }
    declared_uniques = {
        (c.name, tuple(col.name for col in c.columns))
        for c in CORE_TABLES[name].constraints
        if isinstance(c, UniqueConstraint)
    }
    assert declared_uniques == uniques
    indexes = {
        index: " ".join(definition.split(" USING ", 1)[1].split())
        for index, definition in rows(
            catalog,
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "WHERE i.indrelid = %s::regclass AND NOT i.indisunique AND NOT i.indisprimary",
            f"faceplate.{name}",
        )
    }
    declared_indexes = {
        f"faceplate.{index.name}": "btree ("
        + ", ".join(str(e) if not hasattr(e, "name") else e.name for e in index.expressions)
        + ")"
        for index in CORE_TABLES[name].indexes
    }
    assert declared_indexes == indexes


def test_ids_are_time_ordered_uuid7():
    ids = [new_id() for _ in range(1000)]
    assert all(i.version == 7 for i in ids)
    assert ids == sorted(ids), "UUIDv7 ids generated in sequence sort in that sequence"
    assert len(set(ids)) == len(ids)


def _dialect():
    from sqlalchemy.dialects import postgresql

    return postgresql.dialect()


def _type_aliases(sql_type: str) -> set[str]:
    aliases = {
        "timestamp with time zone": {"timestamp with time zone"},
        "text": {"text"},
        "uuid": {"uuid"},
        "jsonb": {"jsonb"},
        "boolean": {"boolean"},
    }
    return aliases.get(sql_type, {sql_type})
