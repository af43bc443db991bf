"""Fixtures of the engine's tests: databases to diff between."""

from __future__ import annotations

import uuid

import psycopg
import pytest

from tests.conftest import create_database, drop_database


def run_sql(url: str, sql: str) -> None:
    with psycopg.connect(url) as conn:
        conn.execute(sql)


def new_database(server_url: str, prefix: str):
    name = f"{prefix}{uuid.uuid4().hex[:12]}"
    yield create_database(server_url, name)
    drop_database(server_url, name)


@pytest.fixture
def target_db(server_url):
    """A database holding what a diff goes to."""
    yield from new_database(server_url, "fp_target_")


@pytest.fixture
def migrated_db(server_url):
    """A database a test migrates, from nothing to the target and back."""
    yield from new_database(server_url, "fp_migrated_")
