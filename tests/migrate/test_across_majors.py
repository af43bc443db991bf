"""A migration file written on one major applies on every other and ends in sync: the promise a
developer on 16 and a production 17 or 18 rely on. The file is written here, on the server under
test, and applied through the real apply on a server of every other major there is: the
system's (127.0.0.1:5432, 15 here and in CI) and the embedded 16, 17 and 18 whose wheels are
installed (the test session installs them)."""

from __future__ import annotations

import contextlib
import uuid
from pathlib import Path

import psycopg
import pytest

from faceplate_db.config import Settings
from faceplate_db.embedded import MAJOR_ENV, embedded_database_url
from faceplate_db.embedded.distributions import DISTRIBUTIONS
from faceplate_db.errors import FaceplateError
from faceplate_db.migrate.apply import apply
from faceplate_db.migrate.planning import plan_migration
from faceplate_db.migrate.status import status
from faceplate_db.migrate.writing import write_migration
from tests.conftest import PROJECT_ROOT, SCHEMA_FILE, create_database, drop_database

SYSTEM_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres"

# Beside schema.sql: what majors keep in their catalogues in different ways (NOT NULL
# constraints, domain constraints, identity, generated columns, partitions, grants to PUBLIC).
MORE = """
CREATE DOMAIN faceplate.short_text AS text NOT NULL CHECK (length(VALUE) < 100);
CREATE TABLE faceplate.events (
    id bigint GENERATED ALWAYS AS IDENTITY,
    at timestamptz NOT NULL DEFAULT now(),
    label faceplate.short_text,
    label_length int GENERATED ALWAYS AS (length(label)) STORED,
    PRIMARY KEY (id, at)
) PARTITION BY RANGE (at);
CREATE TABLE faceplate.events_2026 PARTITION OF faceplate.events
    FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE VIEW faceplate.event_labels AS SELECT id, label FROM faceplate.events;
GRANT SELECT ON faceplate.event_labels TO PUBLIC;
"""


def server_major(url: str) -> int:
    with psycopg.connect(url, connect_timeout=2) as conn:
        return conn.info.server_version // 10000


def servers_of_other_majors(this_major: int) -> dict[int, str]:
    found: dict[int, str] = {}
    with contextlib.suppress(psycopg.Error):
        found[server_major(SYSTEM_POSTGRES_URL)] = SYSTEM_POSTGRES_URL
    for major in DISTRIBUTIONS:
        if major not in found:
            with contextlib.suppress(FaceplateError):
                found[major] = embedded_database_url(PROJECT_ROOT, {MAJOR_ENV: str(major)})
    found.pop(this_major, None)
    return found


@contextlib.contextmanager
def empty_database(server: str):
    name = f"fp_majors_{uuid.uuid4().hex[:12]}"
    try:
        yield create_database(server, name)
    finally:
        drop_database(server, name)


def test_a_migration_written_on_this_major_applies_on_every_other(server_url, tmp_path: Path):
    others = servers_of_other_majors(server_major(server_url))
    if not others:
        pytest.skip("no server of another major (install faceplate-db[postgres17,postgres18])")
    schema_file = tmp_path / "schema.sql"
    schema_file.write_text(SCHEMA_FILE.read_text("utf-8") + MORE, encoding="utf-8")
    folder = tmp_path / "migrations"
    with empty_database(server_url) as here:
        plan = plan_migration(Settings(database_url=here, schema_file=schema_file))
    written = write_migration(folder, "initial", plan)

    outcomes = {}
    for major, server in others.items():
        with empty_database(server) as there:
            settings = Settings(database_url=there, schema_file=schema_file, migrations_dir=folder)
            try:
                result = apply(settings)  # its fingerprints checked, and schema.sql compared
            except FaceplateError as exc:
                outcomes[major] = str(exc)
                continue
            filenames = [migration.filename for migration in result.applied]
            outcomes[major] = (filenames, result.schema_in_sync, status(settings).in_sync)
    assert outcomes == {major: ([written.name], True, True) for major in others}
