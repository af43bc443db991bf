"""plan_migration: schema.sql loaded into a scratch database that is always dropped, the
statements from the live database to it, and nothing changed when the file is broken."""

from __future__ import annotations

import hashlib

import psycopg
import pytest

from faceplate_db.config import Settings, libpq_url
from faceplate_db.engine import DATA_LOSS
from faceplate_db.engine.inspect import canonical_schema_text, schema_fingerprint
from faceplate_db.errors import SchemaLoadError
from faceplate_db.migrate import scratch
from faceplate_db.migrate.planning import plan_migration
from tests.conftest import SCHEMA_FILE
from tests.engine.test_diff import UNMANAGED, run_sql


def scratch_databases(server_url: str) -> set[str]:
    with psycopg.connect(libpq_url(server_url)) as conn:
        return {
            row[0]
            for row in conn.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s",
                [scratch.SCRATCH_PREFIX + "%"],
            )
        }


def test_plan_migration_from_empty_then_in_sync(empty_db, server_url):
    run_sql(empty_db, UNMANAGED)
    settings = Settings(database_url=empty_db, schema_file=SCHEMA_FILE)
    before = scratch_databases(server_url)
    live_before = schema_fingerprint(empty_db, ("faceplate",))
    result = plan_migration(settings)
    assert scratch_databases(server_url) == before
    assert schema_fingerprint(empty_db, ("faceplate",)) == live_before == result.from_fingerprint
    assert result.schema_sha256 == hashlib.sha256(SCHEMA_FILE.read_bytes()).hexdigest()
    assert result.schemas == ("faceplate",)
    assert not result.in_sync and not result.hazards and not result.defines_nothing
    with psycopg.connect(empty_db) as conn:
        for statement in result.statements:
            conn.execute(statement.sql)
    again = plan_migration(settings)
    assert again.in_sync
    assert again.from_fingerprint == again.to_fingerprint == result.to_fingerprint


def test_plan_migration_with_a_broken_schema_file_changes_nothing(empty_db, server_url, tmp_path):
    run_sql(empty_db, UNMANAGED)
    broken = tmp_path / "schema.sql"
    broken.write_text("CREATE SCHEMA faceplate;\nCREATE TABLE faceplate.t (id nope);\n")
    before_live = canonical_schema_text(empty_db, ("other_app", "faceplate"))
    before = scratch_databases(server_url)
    with pytest.raises(SchemaLoadError) as caught:
        plan_migration(Settings(database_url=empty_db, schema_file=broken))
    assert (caught.value.line, caught.value.column) == (2, 30)
    assert scratch_databases(server_url) == before
    assert canonical_schema_text(empty_db, ("other_app", "faceplate")) == before_live


@pytest.mark.parametrize("text", ["", "\n", "-- everything in faceplate was removed\n"])
def test_an_empty_schema_file_is_a_state_whose_diff_drops_everything(fresh_db, tmp_path, text):
    empty = tmp_path / "schema.sql"
    empty.write_text(text, encoding="utf-8")
    result = plan_migration(Settings(database_url=fresh_db, schema_file=empty))
    assert result.defines_nothing and result.hazards == (DATA_LOSS,)
    drops = [s for s in result.statements if s.sql.startswith(("drop table", "drop schema"))]
    assert len(drops) == 5 and all(DATA_LOSS in s.hazards for s in drops)
    with psycopg.connect(fresh_db) as conn:
        for statement in result.statements:
            conn.execute(statement.sql)
    again = plan_migration(Settings(database_url=fresh_db, schema_file=empty))
    assert again.in_sync and again.defines_nothing
    assert again.from_fingerprint == again.to_fingerprint == result.to_fingerprint


def test_a_schema_file_with_only_the_schema_defines_nothing_in_it(fresh_db, tmp_path):
    bare = tmp_path / "schema.sql"
    bare.write_text("CREATE SCHEMA faceplate;\n", encoding="utf-8")
    result = plan_migration(Settings(database_url=fresh_db, schema_file=bare))
    assert result.defines_nothing
    assert not any(s.sql.startswith("drop schema") for s in result.statements)
