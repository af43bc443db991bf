"""Migration files: names, header, statements with their lines, hazards, approvals, directives.
Pure parsing: no database."""

from __future__ import annotations

from pathlib import Path

import pytest

from faceplate_db.engine import DATA_LOSS, LOCK
from faceplate_db.errors import MigrationFileError
from faceplate_db.migrate.folder import discover
from faceplate_db.migrate.migrations import NO_TRANSACTION, checksum, parse_text

FROM = "0123456789abcdef"
TO = "fedcba9876543210"
HEADER = f"""-- faceplate-db migration
-- schema.sql sha256: abc
-- from fingerprint: {FROM}
-- to fingerprint: {TO}
-- hazards: none
"""


def parse(body: str, name: str = "0001_test.sql", header: str = HEADER):
    return parse_text(Path("/m") / name, header + body)


def test_statements_split_on_semicolons_outside_quotes_dollar_quotes_and_comments():
    body = """
-- a comment; with a semicolon
CREATE FUNCTION faceplate.f() RETURNS text LANGUAGE plpgsql AS $body$
BEGIN
    RETURN 'a;b';
END
$body$;

/* block; comment */
INSERT INTO faceplate.t (x) VALUES ('it''s; fine'), ($$dollar;quoted$$);
SELECT E'escaped \\' quote;' AS x;
"""
    migration = parse(body)
    sqls = [statement.sql for statement in migration.statements]
    assert len(sqls) == 3
    assert sqls[0].startswith("CREATE FUNCTION") and sqls[0].endswith("$body$;")
    assert sqls[1] == "INSERT INTO faceplate.t (x) VALUES ('it''s; fine'), ($$dollar;quoted$$);"
    assert sqls[2].startswith("SELECT E'escaped")


def test_each_statement_keeps_its_line_in_the_file():
    body = "\nSELECT 1;\n\n-- note\nSELECT\n  2;\nSELECT 3; SELECT 4;\n"
    migration = parse(body)
    header_lines = HEADER.count("\n")
    assert [s.line - header_lines for s in migration.statements] == [2, 5, 7, 7]
    text = migration.text
    for statement in migration.statements:
        assert text[statement.offset :].startswith(statement.sql.rstrip(";"))


def test_header_fingerprints_and_checksum():
    migration = parse("SELECT 1;\n", name="0042_add_things.sql")
    assert (migration.version, migration.name) == (42, "add_things")
    assert (migration.from_fingerprint, migration.to_fingerprint) == (FROM, TO)
    assert migration.schema_sha256 == "abc"
    assert migration.checksum == checksum(migration.text)
    # A checkout with CRLF line endings is the same file.
    assert checksum(migration.text.replace("\n", "\r\n")) == migration.checksum
    assert checksum(migration.text + "-- edited\n") != migration.checksum


@pytest.mark.parametrize("missing", ["from fingerprint", "to fingerprint"])
def test_a_header_without_fingerprints_is_rejected(missing):
    header = "\n".join(line for line in HEADER.splitlines() if missing not in line) + "\n"
    with pytest.raises(MigrationFileError, match=missing):
        parse("SELECT 1;\n", header=header)


@pytest.mark.parametrize("name", ["1_x.sql", "0001-x.sql", "0001_X.sql", "0001_.sql", "x.sql"])
def test_misnamed_files_are_rejected(name):
    with pytest.raises(MigrationFileError, match=r"NNNN_name\.sql"):
        parse("SELECT 1;\n", name=name)


def test_discover_orders_by_version_and_rejects_duplicates(tmp_path):
    (tmp_path / "0002_b.sql").write_text(HEADER + "SELECT 2;\n")
    (tmp_path / "0001_a.sql").write_text(HEADER + "SELECT 1;\n")
    (tmp_path / "notes.txt").write_text("not a migration")
    assert [m.filename for m in discover(tmp_path)] == ["0001_a.sql", "0002_b.sql"]
    assert discover(tmp_path / "absent") == []
    (tmp_path / "0002_c.sql").write_text(HEADER + "SELECT 3;\n")
    with pytest.raises(MigrationFileError, match="version 0002 is also"):
        discover(tmp_path)


def test_a_stray_sql_file_is_an_error_not_skipped(tmp_path):
    (tmp_path / "fix.sql").write_text("SELECT 1;\n")
    with pytest.raises(MigrationFileError, match=r"fix\.sql"):
        discover(tmp_path)


def test_a_hazard_comment_needs_its_approval_line():
    body = "-- hazard: data-loss: drops a table and every row in it\nDROP TABLE faceplate.old;\n"
    migration = parse(body)
    assert migration.hazards == (DATA_LOSS,)
    (item,) = migration.unapproved()
    assert item.line == HEADER.count("\n") + 2
    assert item.approval_line == "-- approve: data-loss"
    assert f"/m/0001_test.sql:{item.line}" in str(item)
    assert "-- approve: data-loss" in str(item)
    assert parse(body + "-- approve: data-loss\n").unapproved() == []
    # Approval of another kind, or a line that is not exactly the approval, does not count.
    assert parse(body + "-- approve: lock\n").unapproved()
    assert parse(body + "-- approve data-loss\n").unapproved()


def test_a_hand_written_hazard_without_a_comment_is_found_by_its_sql():
    migration = parse("ALTER TABLE faceplate.users DROP COLUMN email;\n")
    assert [item.kind for item in migration.unapproved()] == [DATA_LOSS]
    assert "drops a column" in migration.unapproved()[0].reason


def test_statements_on_a_table_the_file_creates_carry_no_lock_hazard():
    body = (
        "CREATE TABLE faceplate.t (id int, x int);\n"
        "ALTER TABLE faceplate.t ADD CONSTRAINT t_x CHECK (x > 0);\n"
        "CREATE INDEX t_x_idx ON faceplate.t (x);\n"
    )
    assert parse(body).unapproved() == []
    existing = parse("CREATE INDEX users_x_idx ON faceplate.users (email);\n")
    assert [item.kind for item in existing.unapproved()] == [LOCK]


def test_unknown_hazard_kinds_are_rejected():
    with pytest.raises(MigrationFileError, match="unknown hazard kind 'dataloss'"):
        parse("-- hazard: dataloss: x\nSELECT 1;\n")
    with pytest.raises(MigrationFileError, match="unknown hazard kind 'everything'"):
        parse("SELECT 1;\n-- approve: everything\n")


def test_statements_that_cannot_run_in_a_transaction_need_the_directive():
    body = "CREATE INDEX CONCURRENTLY users_x_idx ON faceplate.users (email);\n"
    with pytest.raises(MigrationFileError, match=NO_TRANSACTION):
        parse(body)
    migration = parse(body, header=HEADER + NO_TRANSACTION + "\n")
    assert migration.no_transaction
    assert migration.unapproved() == []  # CONCURRENTLY does not block writes
