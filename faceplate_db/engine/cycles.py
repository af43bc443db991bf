"""Dependency cycles among a migration's statements, found and broken the way pg_dump breaks them.

A cycle is found by walking back from the first statement left waiting, along the edges that
keep it waiting, until a statement comes round again. It is broken by rewriting one statement
of it, and the migration says so in a comment above the statement written for the purpose:

  a default    a table whose default needs what needs the table (a function returning its row
               type, or whose SQL-standard body reads it) is created without the default,
               which is set once the rest exists; a table dropped so loses the default first
  a view       a view that needs what needs the view (a function whose SQL-standard body reads
               it) is first created with placeholder columns (NULL::type AS name), and defined
               once the rest exists; a view dropped so is first made a placeholder

Each rewrite names its statements' roles: a placeholder creates the view without needing
what its definition needs, and the definition that completes it is not what others wait for.
"""

from __future__ import annotations

from faceplate_db.engine.catalog.dependencies import Node
from faceplate_db.engine.inspect import Snapshot
from faceplate_db.engine.names import quote_identifier

PLACEHOLDER = "placeholder"
COMPLETION = "completion"
_NOTE = "-- dependency cycle: "


def a_cycle(plan, left: list[int], ignored: set[tuple[int, int]]) -> set[int]:
    """The statements of one cycle that keeps the first statement left waiting."""
    waiting = set(left)
    seen: dict[int, int] = {}
    path: list[int] = []
    at = min(left)
    while at not in seen:
        seen[at] = len(path)
        path.append(at)
        at = min(j for j in plan.before(at) if j in waiting and (j, at) not in ignored)
    return set(path[seen[at] :])


def display(node: Node) -> str:
    if node[0] == "function":
        return node[1]
    return ".".join(quote_identifier(part) for part in node[1:])


def _named(nodes) -> str:
    return ", ".join(sorted(display(node) for node in nodes))


def broken(plan, cycle: set[int], naming, old: Snapshot, new: Snapshot):
    """(position, the statements to put there, their roles) breaking the cycle, else None."""
    for i in sorted(cycle):
        others = cycle - {i}
        created = {node for j in others for node in plan.effects[j].creates}
        dropped = {node for j in others for node in plan.effects[j].gone}
        effects, sql = plan.effects[i], plan.statements[i]
        creating = {
            node: needs
            for node in effects.creates
            if (needs := naming.target.needs.get(node, set()) & created)
        }
        dropping = {
            node: needs
            for node in effects.gone
            if (needs := naming.live.needs.get(node, set()) & dropped)
        }
        for node, needs in sorted(creating.items()):
            table = sql.lstrip().lower().startswith("create table")
            if node[0] == "default" and table and (instead := _without(sql, creating, new)):
                return i, instead, {}
            if node[0] == "relation" and (view := _view(new, node)) is not None:
                placeholder = _placeholder(view)
                completion = (
                    f"{_NOTE}{display(node)} needs {_named(needs)}, which needs the view: it is "
                    "created with placeholder columns first, and defined here once both exist "
                    f"(as pg_dump does)\n{sql}"
                )
                return (
                    i,
                    [placeholder, completion],
                    {
                        placeholder: PLACEHOLDER,
                        completion: COMPLETION,
                    },
                )
        for node, needs in sorted(dropping.items()):
            if node[0] == "default" and not effects.creates:
                return i, [*_defaults_dropped_first(dropping), sql], {}
            if node in effects.drops and (view := _view(old, node)) is not None:
                placeholder = (
                    f"{_NOTE}{display(node)} needs {_named(needs)}, which needs the view: the "
                    f"view is made a placeholder first, so both can go (as pg_dump does)\n"
                    f"{_placeholder(view)}"
                )
                return i, [placeholder, sql], {placeholder: PLACEHOLDER}
    return None


def unbreakable(plan, cycle: set[int], first: int) -> str:
    """The statement kept where it was, with a comment that says why it may fail."""
    others = {
        node
        for j in cycle - {first}
        for node in plan.effects[j].creates | plan.effects[j].drops
        if node[0] not in ("column", "default")
    }
    return (
        f"{_NOTE}this statement and {_named(others)} need each other, and no statement breaks "
        f"the cycle: this one keeps the place it had\n{plan.statements[first]}"
    )


def _view(snap: Snapshot, node: Node):
    view = snap.inspector.selectables.get(display(node))
    return view if view is not None and view.relationtype == "v" else None


def _placeholder(view) -> str:
    """pg_dump's stand-in: the view's columns, of their types, all NULL."""
    columns = ", ".join(
        f"NULL::{column.dbtypestr}"
        + (f" COLLATE {column.collation}" if column.collation else "")
        + f" AS {column.quoted_name}"
        for column in view.columns.values()
    )
    return f"create or replace view {view.quoted_full_name} as select {columns};"


def _without(sql: str, creating: dict, new: Snapshot) -> list[str]:
    """The CREATE TABLE without the defaults in the cycle, and the statements setting them; []
    when one of them cannot be set on its own (a generated column)."""
    defaults = sorted(node for node in creating if node[0] == "default")
    table = new.inspector.tables.get(display(("relation", *defaults[0][1:3])))
    if table is None:
        return []
    settings = []
    for node in defaults:
        column = table.columns.get(node[3])
        if column is None or column.is_generated:
            return []
        start = sql.find(f"\n    {column.quoted_name} ") + 1
        end = sql.find("\n", start)
        # The default closes the column's line (schemainspect's creation_clause).
        cut = sql.find(" default ", start + len(column.quoted_name) + 5, end) if start else -1
        if cut < 0:
            return []
        expression = sql[cut + len(" default ") : end].removesuffix(",")
        sql = sql[:cut] + sql[cut + len(" default ") + len(expression) :]
        settings.append(
            f"{_NOTE}the default of {display(node)} needs {_named(creating[node])}, which needs "
            "the table: the table is created without it, and it is set once both exist (as "
            f"pg_dump does)\nalter table {table.quoted_full_name} alter column "
            f"{column.quoted_name} set default {expression};"
        )
    return [sql, *settings]


def _defaults_dropped_first(dropping: dict) -> list[str]:
    return [
        f"{_NOTE}the default of {display(node)} needs {_named(needs)}, which needs the table: "
        f"the default is dropped first (as pg_dump does)\n"
        f"alter table {display(('relation', *node[1:3]))} alter column "
        f"{quote_identifier(node[3])} drop default;"
        for node, needs in sorted(dropping.items())
        if node[0] == "default"
    ]
