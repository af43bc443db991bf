"""Objects outside the managed schemas are never touched: a change that would drop or retype
what they use (another application's view over a managed table, its foreign key to a key made
anew) stops the diff, naming both sides, instead of producing SQL that PostgreSQL would refuse or
that CASCADE would let destroy the other application's objects."""

from __future__ import annotations

from faceplate_db.engine.comments import canonical_name
from faceplate_db.engine.inspect import Snapshot
from faceplate_db.engine.table_settings import retyped_columns
from faceplate_db.errors import UnmanagedDependents

# What PostgreSQL will not let a column change type under (a foreign key it rebuilds itself).
_BLOCKING_A_TYPE_CHANGE = ("pg_rewrite", "pg_policy", "pg_trigger")


def refuse_to_break_unmanaged_dependents(
    old: Snapshot, statements: list[str], recreated: set[str]
) -> None:
    """PostgreSQL would refuse the migration (or CASCADE would destroy another application's
    objects): say so now, naming both sides, instead of when the migration runs."""
    retyped = retyped_columns(statements)
    conflicts = sorted(
        (referenced, dependent)
        for referenced, dependent, catalog in old.external_dependents
        if canonical_name(referenced) in recreated
        or canonical_name(referenced).rsplit(".", 1)[0] in recreated
        or (canonical_name(referenced) in retyped and catalog in _BLOCKING_A_TYPE_CHANGE)
    )
    if conflicts:
        raise UnmanagedDependents(conflicts)
