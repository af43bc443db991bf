"""Functions, composite types and materialized views around the tables: migra creates functions
and composite types after the tables whose columns, defaults and checks may use them, and drops
them before; these steps move them to where the tables need them, and record what they did in
`old` so migra does not do it again."""

from __future__ import annotations

from migra.changes import get_selectable_differences

from faceplate_db.engine.functions import has_sql_standard_body, renamed_parameters
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


def early_selectables(old: Snapshot, new: Snapshot) -> list[str]:
    """New functions and composite types that depend on no new relation, created before the
    tables (whose columns, defaults and checks may use them; migra creates them after tables).
    They are then recorded in `old` so migra does not create them again."""
    old_selectables = old.inspector.selectables
    new_selectables = new.inspector.selectables
    added = {key for key in new_selectables if key not in old_selectables}
    # Left to migra, after the tables and the drops: functions whose body is parsed at once,
    # and those replacing one with other parameter names.
    later = set(renamed_parameters(old, new).values()) | {
        key
        for key in added
        if new_selectables[key].relationtype == "f" and has_sql_standard_body(new_selectables[key])
    }
    statements: list[str] = []
    early: set[str] = set()
    # Composite types first: a function's signature may use one (schemainspect does not say).
    candidates = sorted(
        (key for key in added - later if new_selectables[key].relationtype in ("f", "c")),
        key=lambda key: (new_selectables[key].relationtype != "c", key),
    )
    progress = True
    while progress:
        progress = False
        for key in candidates:
            selectable = new_selectables[key]
            if key in early or any(
                dep in added and dep not in early for dep in selectable.dependent_on
            ):
                continue
            statements.append(selectable.create_statement)
            early.add(key)
            progress = True
            old_selectables[key] = selectable
            if selectable.relationtype == "f":
                old.inspector.functions[key] = selectable
    if any(new_selectables[key].relationtype == "f" for key in early):
        statements.insert(0, "set check_function_bodies = off;")
    return statements


def late_type_drops(old: Snapshot, new: Snapshot) -> list[str]:
    """Composite types that go away, dropped after the tables (whose columns may use them;
    migra drops them before). They are removed from `old` so migra does not drop them."""
    statements = []
    for key, selectable in list(old.inspector.selectables.items()):
        if selectable.relationtype == "c" and key not in new.inspector.selectables:
            statements.append(selectable.drop_statement)
            del old.inspector.selectables[key]
    return statements


def late_function_drops(old: Snapshot, new: Snapshot) -> list[str]:
    """Functions that go away and that a column default or generated expression calls are
    dropped after the tables (migra drops functions before, while the columns still use them).
    They are removed from `old` so migra does not drop them."""
    defaults = [
        column.default
        for table in old.inspector.tables.values()
        for column in table.columns.values()
        if column.default
    ]
    statements = []
    for key, function in list(old.inspector.functions.items()):
        if key in new.inspector.selectables:
            continue
        called = f"{function.schema}.{function.name}(".lower()
        if any(called in default.lower().replace('"', "") for default in defaults):
            statements.append(function.drop_statement)
            del old.inspector.functions[key]
            old.inspector.selectables.pop(key, None)
    return statements
