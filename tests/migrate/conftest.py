"""Fixtures of the workflow tests (the server and databases come from tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SCHEMA_FILE
from tests.migrate.handwritten import write_migration


@pytest.fixture
def initial(empty_db: str, tmp_path: Path) -> Path:
    """A migrations folder whose first file creates schema.sql on an empty database."""
    folder = tmp_path / "migrations"
    write_migration(folder, "0001_initial.sql", SCHEMA_FILE.read_text("utf-8"), empty_db)
    return folder
