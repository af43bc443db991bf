"""Composite types and materialized views, where migra's statements fail: a composite type whose
attributes change is altered in place, and a materialized view made anew gets its indexes
back. Each records what it did in `old` so migra does not do it again. (Where functions and
composite types go relative to the tables that use them is the dependency graph's to say:
ordering.py.)"""

from __future__ import annotations

from migra.changes import get_selectable_differences

from faceplate_db.engine.inspect import Snapshot
from faceplate_db.engine.names import qualified_name


def composite_alterations(old: Snapshot, new: Snapshot) -> list[str]:
    """Composite types whose attributes change are altered in place (migra drops and creates
    them, which fails while a column uses them); `old` then holds the target's definition."""
    statements = []
    for key, target in new.inspector.selectables.items():
        current = old.inspector.selectables.get(key)
        if current is None or target.relationtype != "c" or current.relationtype != "c":
            continue
        if current == target:
            continue
        name = f"alter type {key}"
        for column, info in current.columns.items():
            if column not in target.columns:
                statements.append(f"{name} drop attribute {info.quoted_name};")
        for column, info in target.columns.items():
            before = current.columns.get(column)
            if before is None:
                statements.append(f"{name} add attribute {info.quoted_name} {info.dbtypestr};")
            elif before.dbtypestr != info.dbtypestr:
                statements.append(
                    f"{name} alter attribute {info.quoted_name} type {info.dbtypestr};"
                )
        old.inspector.selectables[key] = target
    return statements


def indexes_of_recreated_matviews(old: Snapshot, new: Snapshot) -> None:
    """A materialized view migra drops and creates again (a table under it changed) loses its
    indexes, which compare equal: they are forgotten in `old`, so migra creates them again."""
    modified = get_selectable_differences(
        old.inspector.selectables,
        new.inspector.selectables,
        old.inspector.enums,
        new.inspector.enums,
    )[7]
    recreated = {key for key, view in modified.items() if view.relationtype == "m"}
    for key, index in list(old.inspector.indexes.items()):
        if (
            qualified_name(index.schema, index.table_name) in recreated
            and key in new.inspector.indexes
        ):
            del old.inspector.indexes[key]
