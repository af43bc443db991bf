"""The vocabulary shared by diff, migration files and apply."""

from __future__ import annotations

from dataclasses import dataclass, field

DATA_LOSS = "data-loss"
REWRITE = "rewrite"
LOCK = "lock"
# Order is the order in which hazards are printed.
HAZARD_KINDS = (DATA_LOSS, REWRITE, LOCK)


@dataclass(frozen=True)
class Statement:
    """One SQL statement of a migration, with the hazards it carries and why."""

    sql: str
    hazards: frozenset[str] = frozenset()
    reasons: tuple[str, ...] = ()


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
