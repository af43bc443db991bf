"""The engine's output vocabulary: a statement and the hazards it carries.

It lives in the engine because the engine speaks it (every statement it computes comes out
classified), and the workflow only reads it: migration files, apply and the renderers take
`Statement` and the hazard kinds from here, and nothing here knows about them.
"""

from __future__ import annotations

from dataclasses import dataclass

DATA_LOSS = "data-loss"
BREAKING = "breaking"
REWRITE = "rewrite"
LOCK = "lock"
# Order is the order in which hazards are printed.
HAZARD_KINDS = (DATA_LOSS, BREAKING, REWRITE, LOCK)


@dataclass(frozen=True)
class Statement:
    """One SQL statement of a migration, with the hazards it carries and why."""

    sql: str
    hazards: frozenset[str] = frozenset()
    reasons: tuple[str, ...] = ()
