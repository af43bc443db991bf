"""This repository's own schema/migrations must produce schema/schema.sql: the CI gate, run on
ourselves, and the initial migration applied to an empty database through the real apply."""

from __future__ import annotations

import psycopg

from faceplate_db.config import Settings
from faceplate_db.migrate.apply import apply
from faceplate_db.migrate.check import check
from faceplate_db.migrate.status import status
from tests.conftest import PROJECT_ROOT


def repository_settings(url: str) -> Settings:
    return Settings.resolve(database=url, project_root=PROJECT_ROOT)


def test_repository_migrations_produce_schema_sql(server_url):
    result = check(repository_settings(server_url))
    assert result.ok, result


def test_applying_the_repository_migrations_to_an_empty_database(empty_db):
    settings = repository_settings(empty_db)
    apply(settings)
    assert status(settings).in_sync
    with psycopg.connect(empty_db) as conn:
        tables = conn.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'faceplate'"
        ).fetchone()[0]
    assert tables == 4
