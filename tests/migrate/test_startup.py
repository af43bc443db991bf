"""The startup API against a real server: upgrade() applies once however many instances start
together, a lock wait that times out names the holder, refusals come before any change,
upgrade_async leaves the event loop free, and verify() raises exactly when not migrated."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from faceplate_db.config import libpq_url
from faceplate_db.errors import MigrationRefused, NotMigrated
from faceplate_db.migrate import history, upgrade, upgrade_async, verify, verify_async
from tests.conftest import PROJECT_ROOT
from tests.migrate.handwritten import history_rows, query, write_migration

# Slow enough that every instance certainly arrives while the first one holds the lock.
SLOW = "\nSELECT pg_sleep(0.5);\n"

INSTANCE = """
import json, pathlib, sys, time
from faceplate_db.migrate import upgrade
start = pathlib.Path(sys.argv[3])
while not start.exists():
    time.sleep(0.005)
print(json.dumps(upgrade(sys.argv[1], migrations=sys.argv[2], lock_timeout=60)))
"""


def slowed(folder: Path) -> Path:
    path = folder / "0001_initial.sql"
    path.write_text(path.read_text() + SLOW)
    return folder


def test_upgrade_returns_what_it_applied_then_nothing(empty_db, initial):
    assert upgrade(empty_db, migrations=initial) == ["0001_initial"]
    assert upgrade(empty_db, migrations=initial) == []
    assert history_rows(empty_db) == [(1, "initial")]


def test_four_instances_starting_together_apply_each_file_once(empty_db, initial, tmp_path):
    slowed(initial)
    go = tmp_path / "go"
    instances = [
        subprocess.Popen(
            [sys.executable, "-c", INSTANCE, empty_db, str(initial), str(go)],
            cwd=PROJECT_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    time.sleep(1.0)  # all four have imported the API and wait for the same instant
    go.touch()
    outcomes = [instance.communicate(timeout=120) for instance in instances]
    assert [instance.returncode for instance in instances] == [0, 0, 0, 0], outcomes
    returned = sorted(json.loads(out) for out, _ in outcomes)
    assert returned == [[], [], [], ["0001_initial"]]
    assert history_rows(empty_db) == [(1, "initial")]


def test_a_lock_wait_that_times_out_names_the_holder(empty_db, initial):
    with psycopg.connect(libpq_url(empty_db), autocommit=True) as holder:
        holder.execute("SET application_name = 'deploy job 7'")
        holder.execute("SELECT pg_advisory_lock(%s)", [history.LOCK_KEY])
        pid = holder.info.backend_pid
        started = time.monotonic()
        with pytest.raises(MigrationRefused) as caught:
            upgrade(empty_db, migrations=initial, lock_timeout=0.3)
        waited = time.monotonic() - started
    message = str(caught.value)
    assert f"deploy job 7 (server pid {pid}" in message
    assert "connected since" in message and "waited 0.3 s (FACEPLATE_LOCK_TIMEOUT)" in message
    assert 0.3 <= waited < 5
    assert history_rows(empty_db) == []


def test_the_applier_names_its_host_and_process_to_those_waiting(empty_db, initial):
    slowed(initial)
    seen = []

    async def watch_then_upgrade():
        task = asyncio.create_task(upgrade_async(empty_db, migrations=initial))
        while not task.done():
            seen.extend(
                query(
                    empty_db,
                    "SELECT application_name FROM pg_stat_activity WHERE datname = current_database()",
                )
            )
            await asyncio.sleep(0.05)
        return await task

    assert asyncio.run(watch_then_upgrade()) == ["0001_initial"]
    assert (history.applier_name(),) in seen


def unchanged(db_url: str) -> None:
    assert history_rows(db_url) == []
    assert query(db_url, "SELECT to_regnamespace('faceplate')") == [(None,)]


def test_an_unapproved_hazard_is_refused_before_any_statement(empty_db, fresh_db, initial):
    # fresh_db holds what 0001 produces, so the second file chains after the first.
    write_migration(initial, "0002_drop.sql", "DROP TABLE faceplate.messages;\n", fresh_db)
    with pytest.raises(MigrationRefused, match=r"(?s)0002_drop\.sql.*-- approve: data-loss"):
        upgrade(empty_db, migrations=initial)
    unchanged(empty_db)


def test_drift_is_refused_before_any_statement(empty_db, initial):
    with psycopg.connect(libpq_url(empty_db), autocommit=True) as conn:
        conn.execute("CREATE SCHEMA faceplate; CREATE TABLE faceplate.stray (id int)")
    with pytest.raises(MigrationRefused, match=r"not in the state this migration was reviewed"):
        upgrade(empty_db, migrations=initial)
    assert history_rows(empty_db) == []
    assert query(empty_db, "SELECT to_regclass('faceplate.users')") == [(None,)]


def test_a_changed_checksum_is_refused_before_any_statement(empty_db, initial):
    assert upgrade(empty_db, migrations=initial) == ["0001_initial"]
    path = initial / "0001_initial.sql"
    path.write_text(path.read_text() + "\n-- edited after review\n")
    write_migration(initial, "0002_x.sql", "CREATE TABLE faceplate.x (id int);\n", empty_db)
    with pytest.raises(MigrationRefused, match=r"0001_initial\.sql changed after it was applied"):
        upgrade(empty_db, migrations=initial)
    assert history_rows(empty_db) == [(1, "initial")]
    assert query(empty_db, "SELECT to_regclass('faceplate.x')") == [(None,)]


async def test_upgrade_async_leaves_the_event_loop_free(empty_db, initial):
    slowed(initial)
    ticks = 0

    async def ticker():
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.01)

    counting = asyncio.create_task(ticker())
    started = time.monotonic()
    try:
        assert await upgrade_async(empty_db, migrations=initial) == ["0001_initial"]
    finally:
        counting.cancel()
    elapsed = time.monotonic() - started
    # A blocked loop would have ticked once or not at all during the half-second migration.
    assert elapsed >= 0.5
    assert ticks >= 20


async def test_verify_raises_exactly_when_not_migrated(empty_db, initial):
    with pytest.raises(NotMigrated) as pending:
        await verify_async(empty_db, migrations=initial)
    assert pending.value.pending == ("0001_initial.sql",)
    assert "pending: 0001_initial.sql (run `faceplate-db apply`)" in str(pending.value)
    assert history_rows(empty_db) == []  # verify writes nothing, not even the history table

    await upgrade_async(empty_db, migrations=initial)
    assert verify(empty_db, migrations=initial) is None

    with psycopg.connect(libpq_url(empty_db), autocommit=True) as conn:
        conn.execute("ALTER TABLE faceplate.users ADD COLUMN nickname text")
    with pytest.raises(NotMigrated) as drifted:
        verify(empty_db, migrations=initial)
    assert drifted.value.pending == ()
    assert drifted.value.live_fingerprint != drifted.value.expected_fingerprint
    assert "drift:" in str(drifted.value)
