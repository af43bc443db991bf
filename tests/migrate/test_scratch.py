"""Scratch databases are created where they should be and always dropped; schema files load
in one transaction, and a failure points into the file."""

from __future__ import annotations

import uuid
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from faceplate_db.config import Settings, libpq_url
from faceplate_db.errors import SchemaLoadError
from faceplate_db.migrate import scratch
from tests.conftest import SCHEMA_FILE


@pytest.fixture
def settings(server_url: str) -> Settings:
    return Settings(database_url=server_url, schema_file=SCHEMA_FILE)


def scratch_databases(server_url: str) -> set[str]:
    with psycopg.connect(libpq_url(server_url)) as conn:
        rows = conn.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s",
            [scratch.SCRATCH_PREFIX + "%"],
        ).fetchall()
    return {row[0] for row in rows}


def dbname(url: str) -> str:
    return psycopg.conninfo.conninfo_to_dict(url)["dbname"]


def test_scratch_database_exists_inside_the_block_and_is_dropped_after(settings, server_url):
    with scratch.scratch_database(settings) as url:
        assert dbname(url) in scratch_databases(server_url)
        with psycopg.connect(url) as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
    assert dbname(url) not in scratch_databases(server_url)


@pytest.mark.parametrize("raised", [RuntimeError("boom"), KeyboardInterrupt()])
def test_scratch_database_is_dropped_on_error_and_interrupt(settings, server_url, raised):
    with pytest.raises(type(raised)), scratch.scratch_database(settings) as url:
        # An open connection must not keep the database alive (DROP ... WITH (FORCE)).
        conn = psycopg.connect(url)
        raise raised
    conn.close()
    assert dbname(url) not in scratch_databases(server_url)


def test_scratch_url_names_the_server_used(server_url):
    unreachable = "postgresql://nobody@127.0.0.1:1/nothing"
    settings = Settings(database_url=unreachable, scratch_url=server_url)
    with scratch.scratch_database(settings) as url:
        assert dbname(url) in scratch_databases(server_url)


def test_role_that_may_not_create_databases_falls_back_to_embedded_with_a_warning(
    server_url, capsys
):
    role = f"fp_nocreatedb_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(libpq_url(server_url), autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {role} LOGIN NOCREATEDB")
    try:
        live_url = (
            make_url(libpq_url(server_url))
            .set(username=role, password=None)
            .render_as_string(hide_password=False)
        )
        assert scratch.may_create_databases(live_url) is False
        chosen = scratch.scratch_server_url(
            Settings(database_url=live_url, schema_file=SCHEMA_FILE)
        )
        warning = capsys.readouterr().err
        assert "may not create databases" in warning and "embedded" in warning
        with scratch.scratch_database_on(chosen) as url, psycopg.connect(url) as conn:
            assert conn.execute("SELECT current_user").fetchone()[0] != role
    finally:
        with psycopg.connect(libpq_url(server_url), autocommit=True) as conn:
            conn.execute(f"DROP ROLE {role}")


def test_load_schema_file_runs_the_whole_file(settings):
    with scratch.scratch_database(settings) as url:
        scratch.load_schema_file(url, SCHEMA_FILE)
        with psycopg.connect(url) as conn:
            tables = conn.execute(
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'faceplate'"
            ).fetchone()[0]
    assert tables == 4


def load_error(settings: Settings, tmp_path: Path, text: str) -> SchemaLoadError:
    path = tmp_path / "schema.sql"
    path.write_text(text, encoding="utf-8")
    with scratch.scratch_database(settings) as url, pytest.raises(SchemaLoadError) as caught:
        scratch.load_schema_file(url, path)
    return caught.value


def test_syntax_error_points_at_line_and_column(settings, tmp_path):
    error = load_error(
        settings,
        tmp_path,
        "CREATE SCHEMA s;\n-- ünïcödé before the error\nCREATE TABLE s.t (\n    id integr\n);\n",
    )
    assert (error.line, error.column) == (4, 8)
    assert error.source_line == "    id integr"
    assert 'type "integr" does not exist' in error.server_message
    assert str(error).startswith(f"{tmp_path / 'schema.sql'}:4:8: ")


PG_DUMP_GUARDED = """\\restrict 9mGXbXhQyfsRzbgQ

SET statement_timeout = 0;
CREATE SCHEMA s;
CREATE FUNCTION s.f() RETURNS text LANGUAGE sql AS $$ SELECT '
\\restrict is only text inside a body' $$;

\\unrestrict 9mGXbXhQyfsRzbgQ
"""


def test_pg_dumps_restrict_lines_are_left_out_and_bodies_kept(settings, tmp_path):
    path = tmp_path / "dump.sql"
    path.write_text(PG_DUMP_GUARDED, encoding="utf-8")
    with scratch.scratch_database(settings) as url:
        scratch.load_schema_file(url, path)
        with psycopg.connect(url) as conn:
            body = conn.execute("SELECT prosrc FROM pg_proc WHERE proname = 'f'").fetchone()[0]
    assert "\\restrict is only text inside a body" in body


def test_other_psql_meta_commands_are_refused_with_their_line(settings, tmp_path):
    error = load_error(settings, tmp_path, "CREATE SCHEMA s;\n\\connect other\nSELECT 1;\n")
    assert (error.line, error.column) == (2, 1)
    assert "\\connect" in error.server_message


def test_error_without_server_position_points_at_the_failing_statement(settings, tmp_path):
    error = load_error(
        settings,
        tmp_path,
        "CREATE SCHEMA s;\nCREATE FUNCTION s.f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;\n"
        "CREATE TABLE s.t (id int REFERENCES s.missing (id));\n",
    )
    assert (error.line, error.column) == (3, 1)
    assert 'relation "s.missing" does not exist' in error.server_message


def test_detail_and_hint_are_kept(settings, tmp_path):
    error = load_error(
        settings,
        tmp_path,
        "CREATE SCHEMA s;\nCREATE TABLE s.t (n int);\nINSERT INTO s.t VALUES (1), (1);\n"
        "CREATE UNIQUE INDEX t_n ON s.t (n);\n",
    )
    assert error.line == 4
    assert "DETAIL: Key (n)=(1) is duplicated." in error.detail


def test_a_failed_load_leaves_nothing_behind(settings, tmp_path):
    path = tmp_path / "schema.sql"
    path.write_text("CREATE SCHEMA s;\nCREATE TABLE s.t (id int);\nSELECT 1/0;\n")
    with scratch.scratch_database(settings) as url:
        with pytest.raises(SchemaLoadError):
            scratch.load_schema_file(url, path)
        with psycopg.connect(url) as conn:
            assert conn.execute("SELECT to_regnamespace('s')").fetchone() == (None,)


def test_missing_file_is_a_schema_load_error(settings, tmp_path):
    with scratch.scratch_database(settings) as url, pytest.raises(SchemaLoadError) as caught:
        scratch.load_schema_file(url, tmp_path / "nope.sql")
    assert caught.value.line is None
    assert "cannot read" in str(caught.value)
