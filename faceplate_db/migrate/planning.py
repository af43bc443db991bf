"""Planning a migration: schema.sql loaded into a scratch database, and the engine's statements
from the live database to it (and back, for a down file), with the declared renames and the
fingerprints and checksum a migration file records."""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from faceplate_db import engine
from faceplate_db.config import Settings
from faceplate_db.engine import HAZARD_KINDS, Statement
from faceplate_db.migrate import renames, scratch


@dataclass(frozen=True)
class DiffResult:
    """What it takes to bring the live database to schema.sql (and, when asked for, back)."""

    statements: tuple[Statement, ...]
    schema_sha256: str
    from_fingerprint: str
    to_fingerprint: str
    schemas: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())
    # From schema.sql back to the live database (None unless planned with_down): the down file.
    down_statements: tuple[Statement, ...] | None = None
    # schema.sql defines nothing in the managed schemas (at most the schemas themselves):
    # the statements drop everything there, which the command line warns about.
    defines_nothing: bool = False

    @property
    def in_sync(self) -> bool:
        return not self.statements

    @property
    def hazards(self) -> tuple[str, ...]:
        return hazards_of(self.statements)

    @property
    def down_hazards(self) -> tuple[str, ...]:
        return hazards_of(self.down_statements or ())


def hazards_of(statements) -> tuple[str, ...]:
    found = {kind for statement in statements for kind in statement.hazards}
    return tuple(kind for kind in HAZARD_KINDS if kind in found)


def plan_migration(settings: Settings, *, with_down: bool = False) -> DiffResult:
    """schema.sql loaded into a scratch database, diffed against the live database, with the
    declared renames (renames.py) made after the diff. Reads the live database only. With
    with_down, also the statements from schema.sql back to the live database.

    The live database is inspected while the schema file loads, and the scratch database is
    dropped while the diff is computed; the drop still happens before this returns or raises.
    """
    schema_file = Path(settings.schema_file)
    schemas = tuple(settings.schemas)
    live_url = settings.database_url
    with ThreadPoolExecutor(max_workers=1) as pool:
        live = pool.submit(engine.snapshot, live_url, schemas)
        with scratch.scratch_database(settings) as scratch_url:
            declared = scratch.load_schema_file(scratch_url, schema_file)
            new = engine.snapshot(scratch_url, schemas)
            # From schema.sql as written, before the renames are undone in the scratch database.
            to_fingerprint = engine.fingerprint(new)
            defines_nothing = all(kind == "schema" for kind, _ in new.objects)
            renamed = renames.resolve(declared, live_url, scratch_url, schemas)
            old = live.result()
            from_fingerprint = engine.fingerprint(old)
            if renamed.pending:
                new = engine.snapshot(scratch_url, renamed.schemas)
                if renamed.schemas != schemas:
                    old = engine.snapshot(live_url, renamed.schemas)
            down = None
            if with_down:
                # Fresh snapshots: statements_between adjusts its `old` in place.
                back_from, back_to = (
                    engine.snapshot(scratch_url, renamed.schemas),
                    engine.snapshot(live_url, renamed.schemas),
                )
                down = pool.submit(engine.statements_between, back_from, back_to)
            planned = pool.submit(engine.statements_between, old, new)
        statements = planned.result() + renamed.statements
        down_statements = renamed.undo + down.result() if down is not None else None
    return DiffResult(
        statements=statements,
        schema_sha256=hashlib.sha256(schema_file.read_bytes()).hexdigest(),
        from_fingerprint=from_fingerprint,
        to_fingerprint=to_fingerprint,
        schemas=schemas,
        down_statements=down_statements if statements else None,
        defines_nothing=defines_nothing,
    )
