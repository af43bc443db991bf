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
