"""Planning a migration: schema.sql loaded into a scratch database, and the engine's statements
from the live database to it, with the fingerprints and checksum a migration file records."""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from faceplate_db import engine
from faceplate_db.config import Settings
from faceplate_db.engine import HAZARD_KINDS, Statement
from faceplate_db.migrate import scratch


@dataclass(frozen=True)
class DiffResult:
    """What it takes to bring the live database to schema.sql."""

    statements: tuple[Statement, ...]
    schema_sha256: str
    from_fingerprint: str
    to_fingerprint: str
    schemas: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def in_sync(self) -> bool:
        return not self.statements

    @property
    def hazards(self) -> tuple[str, ...]:
        found = {kind for statement in self.statements for kind in statement.hazards}
        return tuple(kind for kind in HAZARD_KINDS if kind in found)


def plan_migration(settings: Settings) -> DiffResult:
    """schema.sql loaded into a scratch database, diffed against the live database. Reads the
    live database only.

    The live database is inspected while the schema file loads, and the scratch database is
    dropped while the diff is computed; the drop still happens before this returns or raises.
    """
    schema_file = Path(settings.schema_file)
    schemas = tuple(settings.schemas)
    with ThreadPoolExecutor(max_workers=1) as pool:
        live = pool.submit(engine.snapshot, settings.database_url, schemas)
        with scratch.scratch_database(settings) as scratch_url:
            scratch.load_schema_file(scratch_url, schema_file)
            new = engine.snapshot(scratch_url, schemas)
            old = live.result()
            # Fingerprints first: statements_between adjusts `old` in place.
            from_fingerprint, to_fingerprint = engine.fingerprint(old), engine.fingerprint(new)
            planned = pool.submit(engine.statements_between, old, new)
        statements = planned.result()
    return DiffResult(
        statements=statements,
        schema_sha256=hashlib.sha256(schema_file.read_bytes()).hexdigest(),
        from_fingerprint=from_fingerprint,
        to_fingerprint=to_fingerprint,
        schemas=schemas,
    )
