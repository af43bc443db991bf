"""Splitting SQL text into statements."""

from __future__ import annotations

from faceplate_db.migrate.sql_text import statement_offsets


def test_statement_offsets_skip_semicolons_in_quotes_and_comments():
    text = "SELECT ';';\n-- a; b\nSELECT $x$ ; $x$; /* ; */ SELECT E'\\';';\nSELECT 1"
    starts = [text[start:end].strip() for start, end in statement_offsets(text)]
    assert starts == [
        "SELECT ';';",
        "-- a; b\nSELECT $x$ ; $x$;",
        "/* ; */ SELECT E'\\';';",
        "SELECT 1",
    ]


def test_a_sql_standard_body_is_one_statement_as_psql_reads_it():
    text = (
        "CREATE OR REPLACE FUNCTION app.f(x int) RETURNS int LANGUAGE sql\n"
        "BEGIN ATOMIC\n SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END;\n SELECT x;\nEND;\n"
        "CREATE PROCEDURE app.p() BEGIN ATOMIC INSERT INTO app.t VALUES (1); END;\n"
        "CREATE TABLE app.begin_end (\"end\" int); SELECT 'begin';"
    )
    statements = [text[start:end].strip() for start, end in statement_offsets(text)]
    assert [s.split()[:2] for s in statements] == [
        ["CREATE", "OR"],
        ["CREATE", "PROCEDURE"],
        ["CREATE", "TABLE"],
        ["SELECT", "'begin';"],
    ]
    assert statements[0].endswith("SELECT x;\nEND;")
