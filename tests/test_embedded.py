"""The embedded default server: started (or reused) by the project itself. Tested whatever
DATABASE_URL says, since a fresh machine depends on it."""

from __future__ import annotations

import psycopg

from faceplate_db.config import Settings
from faceplate_db.embedded import embedded_database_url
from tests.conftest import PROJECT_ROOT


def test_without_database_url_the_embedded_postgresql_16_is_used():
    settings = Settings.resolve(environ={}, project_root=PROJECT_ROOT)
    with psycopg.connect(settings.database_url) as conn:
        version = conn.execute("SHOW server_version_num").fetchone()[0]
    assert int(version) // 10000 == 16


def test_a_second_call_reuses_the_running_server():
    first = embedded_database_url(PROJECT_ROOT)
    with psycopg.connect(first) as conn:
        started = conn.execute("SELECT pg_postmaster_start_time()").fetchone()[0]
    second = embedded_database_url(PROJECT_ROOT)
    with psycopg.connect(second) as conn:
        assert conn.execute("SELECT pg_postmaster_start_time()").fetchone()[0] == started


def test_embedded_server_is_tuned_for_cheap_scratch_databases():
    with psycopg.connect(embedded_database_url(PROJECT_ROOT)) as conn:
        assert conn.execute("SHOW fsync").fetchone()[0] == "off"
