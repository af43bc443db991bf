"""`-- faceplate-db:` directives read from schema files and migration files: names by SQL's
rules, and every malformed or unknown directive an error naming its file, line and column.
Pure parsing: no database."""

from __future__ import annotations

from pathlib import Path

import pytest

from faceplate_db.errors import MigrationFileError, SchemaLoadError
from faceplate_db.migrate.directives import migration_directives, schema_renames

SCHEMA = Path("/project/schema/schema.sql")


def renames(text: str):
    return schema_renames(SCHEMA, text)


def test_every_kind_with_names_by_sql_rules():
    text = """CREATE SCHEMA app; -- faceplate-db: rename table app.chats to conversations
-- faceplate-db: rename column App.Conversations."Ti.tle" to Subject
   --faceplate-db:rename enum value app.role.'Bot' to "Assistant"
-- faceplate-db: rename materialized view app.totals to "Totals"
-- faceplate-db: rename function app.f(integer, text) to g
-- faceplate-db: rename schema old to app
CREATE FUNCTION app.f() RETURNS text LANGUAGE sql AS $$ SELECT '-- faceplate-db: not one' $$;
"""
    found = [(r.kind, r.old, r.new, r.arguments, r.directive.line) for r in renames(text)]
    assert found == [
        ("table", ("app", "chats"), "conversations", None, 1),
        ("column", ("app", "conversations", "Ti.tle"), "subject", None, 2),
        ("enum value", ("app", "role", "Bot"), "Assistant", None, 3),
        ("materialized view", ("app", "totals"), "Totals", None, 4),
        ("function", ("app", "f"), "g", "integer, text", 5),
        ("schema", ("old",), "app", None, 6),
    ]
    kinds = ["index", "constraint", "view", "sequence", "type"]
    for kind in kinds:
        parts = "app.t.c" if kind == "constraint" else "app.c"
        (rename,) = renames(f"-- faceplate-db: rename {kind} {parts} to d\n")
        assert (rename.kind, rename.new_path[-1]) == (kind, "d")


@pytest.mark.parametrize(
    ("line", "column", "message"),
    [
        ("rename tabel app.a to b", 25, "unknown rename kind; one of: column, constraint"),
        ("rename table a to b", 31, "a table is named SCHEMA.NAME here, schema first"),
        ("rename column app.t to b", 32, "a column is named SCHEMA.TABLE.COLUMN here"),
        ("rename table app.a b", 37, "expected `to NEW` after the old name"),
        ("rename table app.a to app.b", 43, "the new name is one bare name"),
        ("rename table app.a to b c", 42, "unexpected text after the new name"),
        ("rename table app.a to " + "x" * 64, 40, "must be 1 to 63 bytes long"),
        ('rename table app."" to b', 35, "must be 1 to 63 bytes long"),
        ("rename table app.1a to b", 35, "expected the old name (SCHEMA.NAME): a name"),
        ("rename table app.a to a", 40, "the new name is the old one"),
        ("rename function app.f(int to g", 39, "no closing parenthesis"),
    ],
)
def test_a_malformed_rename_points_at_its_line_and_column(line, column, message):
    with pytest.raises(SchemaLoadError) as caught:
        renames(f"CREATE SCHEMA app;\n-- faceplate-db: {line}\n")
    error = caught.value
    assert (error.path, error.line, error.column) == (SCHEMA, 2, column)
    assert message in str(error)
    assert str(error).startswith(f"{SCHEMA}:2:{column}: ")
    assert f"-- faceplate-db: {line}" in str(error)


@pytest.mark.parametrize(
    ("directive", "message"),
    [
        ("frobnicate", "unknown directive `faceplate-db: frobnicate`"),
        ("no-transaction", "`faceplate-db: no-transaction` belongs in a migration file"),
        ("irreversible: why", "`faceplate-db: irreversible` belongs in a migration file"),
        ("", "unknown directive"),
    ],
)
def test_a_schema_file_knows_only_renames(directive, message):
    with pytest.raises(SchemaLoadError) as caught:
        renames(f"SELECT 1;\n\n  -- Faceplate-DB: {directive}\n")
    assert caught.value.line == 3 and message in str(caught.value)


def test_migration_files_know_no_transaction_and_irreversible_with_a_reason():
    path = Path("0002_x.sql")
    text = (
        "-- faceplate-db: no-transaction\n-- faceplate-db: irreversible: the values are gone\n"
        "-- the header says to add the line `-- faceplate-db: no-transaction` (not a directive)\n"
    )
    found = migration_directives(path, text)
    assert found.no_transaction and found.irreversible == "the values are gone"
    assert migration_directives(path, "SELECT 1;\n").irreversible is None
    for bad, message in [
        ("irreversible", "needs its reason"),
        ("rename table a.b to c", "rename directives belong in schema.sql"),
        ("no-transactoin", "unknown directive `faceplate-db: no-transactoin`"),
    ]:
        with pytest.raises(MigrationFileError) as caught:
            migration_directives(path, f"SELECT 1;\n-- faceplate-db: {bad}\n")
        assert "0002_x.sql: line 2: " in str(caught.value) and message in str(caught.value)
