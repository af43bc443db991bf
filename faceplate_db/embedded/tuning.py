"""What makes an embedded server a cheap development server: durability traded for speed, and
a tablespace in memory for the throwaway databases (per-test and scratch databases).

Loading a 1,000-table schema file into a scratch database takes half the time in memory,
because creating thousands of relation files on a disk filesystem is what dominated it. The
live data stays on disk. Memory is cleared at reboot, so the tablespace is rebuilt at start
when its directory has gone.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from pathlib import Path

# The tablespace throwaway databases go into, on any server that offers one by this name (the
# embedded server makes it; an operator may make one elsewhere; scratch.py looks for it).
SCRATCH_TABLESPACE = "faceplate_scratch"
SCRATCH_DIR_ENV = "FACEPLATE_EMBEDDED_SCRATCH_DIR"
_MEMORY_FILESYSTEM = Path("/dev/shm")
_SPEED_SETTINGS = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}


def embedded_scratch_dir(data_dir: Path) -> Path | None:
    """Where the embedded server keeps throwaway databases: one directory per data directory,
    so several checkouts' servers never share one; None keeps them on disk."""
    override = os.environ.get(SCRATCH_DIR_ENV)
    if override is not None:
        return Path(override) if override else None
    if not (_MEMORY_FILESYSTEM.is_dir() and os.access(_MEMORY_FILESYSTEM, os.W_OK)):
        return None
    digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:12]
    return _MEMORY_FILESYSTEM / f"faceplate-{os.getuid()}-{digest}"


def tune_for_development(url: str, data_dir: Path) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        _ensure_scratch_tablespace(conn, data_dir)
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


def _ensure_scratch_tablespace(conn, data_dir: Path) -> None:
    """The scratch tablespace exists, in embedded_scratch_dir, with its directory in place."""
    import psycopg
    from psycopg import sql

    wanted = embedded_scratch_dir(data_dir)
    found = conn.execute(
        "SELECT oid, pg_tablespace_location(oid) FROM pg_tablespace WHERE spcname = %s",
        [SCRATCH_TABLESPACE],
    ).fetchone()
    tablespace = sql.Identifier(SCRATCH_TABLESPACE)
    if found:
        location = Path(found[1])
        if location == wanted and any(location.glob("PG_*")):
            return
        # Its directory is gone (memory cleared at reboot) or moved elsewhere: the databases
        # in it were throwaway ones.
        stale = conn.execute(
            "SELECT datname FROM pg_database WHERE dattablespace = %s", [found[0]]
        ).fetchall()
        for (name,) in stale:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        conn.execute(sql.SQL("DROP TABLESPACE IF EXISTS {}").format(tablespace))
    if wanted is None:
        return
    wanted.mkdir(parents=True, exist_ok=True)
    for leftover in wanted.glob("PG_*"):
        # A former server on the same data directory (since deleted) used it.
        shutil.rmtree(leftover)
    owner = data_dir.stat()
    if os.geteuid() == 0 and wanted.stat().st_uid != owner.st_uid:
        # pgserver runs the server as its own system user when started by root.
        os.chown(wanted, owner.st_uid, owner.st_gid)
    # Another process starting the same server may have made it first.
    with contextlib.suppress(psycopg.errors.DuplicateObject):
        conn.execute(
            sql.SQL("CREATE TABLESPACE {} LOCATION {}").format(tablespace, sql.Literal(str(wanted)))
        )
