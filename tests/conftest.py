"""The test server is chosen here, once: DATABASE_URL if set, else the embedded PostgreSQL 16.

Fixtures are nouns:
  server_url   the maintenance database URL of the server under test
  fresh_db     URL of a new database already holding schema.sql (cloned from a template: ~40 ms)
  empty_db     URL of a new, empty database
  pgbouncer    PgBouncer's executable (Debian's package, installed when missing and root)
Every database a test gets is its own and is dropped afterwards.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from faceplate_db.config import Settings, libpq_url, mask_url
from faceplate_db.migrate.scratch import create_database, drop_database

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FILE = PROJECT_ROOT / "schema" / "schema.sql"


@pytest.fixture(scope="session")
def server_url() -> str:
    return Settings.resolve(project_root=PROJECT_ROOT).database_url


def pytest_report_header(config: pytest.Config) -> list[str]:
    url = Settings.resolve(project_root=PROJECT_ROOT).database_url
    with psycopg.connect(libpq_url(url)) as conn:
        version = conn.execute("SHOW server_version").fetchone()[0]
    return [f"faceplate-db test server: PostgreSQL {version} at {mask_url(url)}"]


@pytest.fixture(scope="session")
def schema_template(server_url: str) -> Iterator[str]:
    """A template database holding schema.sql, named after its content so edits rebuild it."""
    digest = hashlib.sha256(SCHEMA_FILE.read_bytes()).hexdigest()[:12]
    name = f"fp_template_{digest}_{uuid.uuid4().hex[:6]}"
    url = create_database(server_url, name)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(SCHEMA_FILE.read_text(encoding="utf-8"))
    yield name
    drop_database(server_url, name)


@pytest.fixture
def fresh_db(server_url: str, schema_template: str) -> Iterator[str]:
    name = f"fp_test_{uuid.uuid4().hex[:12]}"
    yield create_database(server_url, name, template=schema_template)
    drop_database(server_url, name)


@pytest.fixture
def empty_db(server_url: str) -> Iterator[str]:
    name = f"fp_empty_{uuid.uuid4().hex[:12]}"
    yield create_database(server_url, name)
    drop_database(server_url, name)


@pytest.fixture
def app_name() -> str:
    """A unique application_name, so a test can count its own server connections."""
    return f"fp-test-{uuid.uuid4().hex[:10]}"


@pytest.fixture
async def engine(fresh_db: str, app_name: str):
    """The data layer's engine on a fresh database, with the default pool settings."""
    from faceplate_db.data.engine import create_engine
    from faceplate_db.data.settings import PoolSettings

    engine = create_engine(PoolSettings.validated(database_url=fresh_db, application_name=app_name))
    yield engine
    await engine.dispose()


def server_connections(url: str, app_name: str) -> int:
    """How many server connections carry this application_name right now."""
    with psycopg.connect(libpq_url(url), autocommit=True) as conn:
        return conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", [app_name]
        ).fetchone()[0]


@pytest.fixture(scope="session")
def pgbouncer() -> str:
    """The tests that need PgBouncer are skipped, saying why, only where it is missing and
    cannot be installed (not root)."""
    from faceplate_db.errors import FaceplateError
    from loadtest.pgbouncer import executable

    try:
        return executable()
    except FaceplateError as exc:
        pytest.skip(f"needs PgBouncer: {exc}")
