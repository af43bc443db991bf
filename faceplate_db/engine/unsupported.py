"""What the engine cannot express stops the diff, naming each object, instead of being left
out of the migration (so that the live database would silently keep, or never get, it).

Only a difference stops it: an object both sides hold alike needs no statement.

  constraints of an unfamiliar kind   a pg_constraint kind the engine does not read (a later
                                      major's), compared by kind and definition
"""

from __future__ import annotations

from faceplate_db.engine.inspect import Snapshot
from faceplate_db.engine.names import unquote_name
from faceplate_db.errors import UnsupportedFeature


def _unfamiliar_constraints(old: Snapshot, new: Snapshot) -> list[tuple[str, str]]:
    live, target = old.unfamiliar_constraints, new.unfamiliar_constraints
    found = []
    for key in sorted(set(live) | set(target)):
        if live.get(key) == target.get(key):
            continue
        kind, definition = target.get(key) or live[key]
        where = "in the schema" if key in target else "in the live database"
        found.append(
            (
                f"constraint {unquote_name(key)}",
                f"a constraint of kind '{kind}' ({definition}) {where}, which faceplate-db "
                "does not read",
            )
        )
    return found


def refuse_what_cannot_be_expressed(old: Snapshot, new: Snapshot) -> None:
    objects = _unfamiliar_constraints(old, new)
    if objects:
        raise UnsupportedFeature(objects)
