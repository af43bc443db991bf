"""ENFORCED and NOT ENFORCED (PostgreSQL 18): a foreign key whose only change is its
enforcement is altered in place, keeping its name, comment and identity, where migra would drop
and add it:

  to NOT ENFORCED   ALTER CONSTRAINT ... NOT ENFORCED: nothing is checked
  to ENFORCED       ALTER CONSTRAINT ... ENFORCED, which validates every row under an ACCESS
                    EXCLUSIVE lock (hazards.py says so); dropping and adding the key again would
                    hold the same lock, taken by the DROP, until the migration commits. Only
                    when the target's key is valid: one the target leaves NOT VALID is dropped
                    and added NOT VALID (ALTER CONSTRAINT always validates)

A CHECK's enforcement cannot be altered (PostgreSQL refuses), so migra drops and adds it.
Adjusts the `old` snapshot, as diff.py's steps do, so migra sees the key unchanged.
"""

from __future__ import annotations

from faceplate_db.engine.inspect import Snapshot
from faceplate_db.engine.names import unquote_name


def _key_itself(definition: str) -> str:
    """The definition without the markers PostgreSQL prints after the key's own options."""
    for marker in (" NOT VALID", " NOT ENFORCED"):
        definition = definition.removesuffix(marker)
    return definition


def enforcement_changes(old: Snapshot, new: Snapshot) -> list[str]:
    unvalidated = {unquote_name(name) for name in new.unvalidated}
    statements = []
    for key, constraint in sorted(old.inspector.constraints.items()):
        target = new.inspector.constraints.get(key)
        if (
            target is None
            or not constraint.is_fk
            or constraint.is_enforced == target.is_enforced
            or (target.is_enforced and unquote_name(key) in unvalidated)
            or _key_itself(constraint.definition) != _key_itself(target.definition)
        ):
            continue
        word = "enforced" if target.is_enforced else "not enforced"
        statements.append(
            f"alter table {constraint.quoted_full_table_name} alter constraint "
            f"{constraint.quoted_name} {word};"
        )
        old.inspector.constraints[key] = target
    return statements
