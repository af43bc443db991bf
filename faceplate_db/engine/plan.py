"""The engine's output vocabulary: a statement and the hazards it carries.

It lives in the engine because the engine speaks it (every statement it computes comes out
classified), and the workflow only reads it: migration files, apply and the renderers take
`Statement` and the hazard kinds from here, and nothing here knows about them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DATA_LOSS = "data-loss"
BREAKING = "breaking"
REWRITE = "rewrite"
LOCK = "lock"
# Order is the order in which hazards are printed.
HAZARD_KINDS = (DATA_LOSS, BREAKING, REWRITE, LOCK)


_LEADING_COMMENTS = re.compile(r"^(?:\s*--[^\n]*\n)*")


def without_leading_comments(sql: str) -> str:
    """The statement itself: a statement's SQL may open with comment lines saying why it is
    where it is (a dependency cycle broken, ordering.py)."""
    return _LEADING_COMMENTS.sub("", sql, count=1).strip()


@dataclass(frozen=True)
class Statement:
    """One SQL statement of a migration, with the hazards it carries and why."""

    sql: str
    hazards: frozenset[str] = frozenset()
    reasons: tuple[str, ...] = ()
