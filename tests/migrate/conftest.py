"""Fixtures of the workflow tests (the server and databases come from tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SCHEMA_FILE
from tests.migrate.handwritten import INITIAL_IRREVERSIBLE, write_migration


@pytest.fixture
def initial(empty_db: str, tmp_path: Path) -> Path:
    """A migrations folder whose first file creates schema.sql on an empty database (and, like
    this repository's, says it is irreversible)."""
    folder = tmp_path / "migrations"
    schema = SCHEMA_FILE.read_text("utf-8")
    write_migration(folder, "0001_initial.sql", schema, empty_db, INITIAL_IRREVERSIBLE)
    return folder
