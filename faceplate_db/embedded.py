"""The embedded default: a PostgreSQL 16 server from the `pgserver` wheel, so a machine with only
Python can run the tool and its tests. Used whenever no DATABASE_URL is given.

The server keeps its data in `<project>/.faceplate/pgdata` (git-ignored), listens on a unix
socket only, and is left running for the next command to reuse (starting one takes ~0.6 s).
It is a development server: durability is traded for speed (fsync off), which makes the
per-test databases and scratch databases cheap to drop.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

DATA_DIR_ENV = "FACEPLATE_EMBEDDED_DIR"
_SPEED_SETTINGS = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}


def embedded_data_dir(project_root: Path) -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override) if override else project_root / ".faceplate" / "pgdata"


def embedded_database_url(project_root: Path) -> str:
    """Starts the embedded server if it is not running, and returns its postgres database URL."""
    data_dir = embedded_data_dir(project_root)
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        # platformdirs warns (at pgserver's import) that XDG_RUNTIME_DIR is unset; pgserver then
        # uses /tmp, which is fine.
        warnings.simplefilter("ignore")
        import pgserver

        server = pgserver.get_server(data_dir, cleanup_mode=None)
    url = server.get_uri()
    _tune_for_development(url)
    return url


def stop_embedded_server(project_root: Path) -> bool:
    """Stops the embedded server if one runs on this project's data directory."""
    data_dir = embedded_data_dir(project_root)
    if not (data_dir / "postmaster.pid").exists():
        return False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pgserver

        pgserver.get_server(data_dir, cleanup_mode="stop").cleanup()
    return True


def _tune_for_development(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        current = dict(
            conn.execute(
                "SELECT name, setting FROM pg_settings WHERE name = ANY(%s)",
                [list(_SPEED_SETTINGS)],
            ).fetchall()
        )
        if current == _SPEED_SETTINGS:
            return
        for name, value in _SPEED_SETTINGS.items():
            conn.execute(f"ALTER SYSTEM SET {name} = {value}")
        conn.execute("SELECT pg_reload_conf()")
