"""The order of a migration's statements, from the databases' own dependency graphs.

migra and the repair modules produce the statements; this module orders them. Each statement
is read for the nodes it creates, drops and touches (statement_objects.py), and must come:

  creates   after the statements creating what its objects need in the target's graph
            (pg_depend: column types, row types, domains, defaults, checks, SQL-standard
            bodies, views' rules, sequences owned by columns, partitions)
  drops     after the statements dropping (or defining anew without it) what needs its
            objects in the live database's graph: the live graph, reversed
  one node  in the order the statements had, when several create, drop or rename the same
            node; and a statement that only touches a node stays between them

What pg_depend does not hold is added as a weaker edge: a function whose body is a string
(plpgsql, or SQL with check_function_bodies off) comes after the relations and functions its
body names, which matters where it runs as it is created (a materialized view, an index, a
check validated on existing rows).

The order is a stable topological sort: of the statements free to go, the one that came first
goes first, so where the statements' own order breaks no edge it is kept as it was, and the
output stays close to the steps in diff.py. A statement none of the known forms matches goes
after every statement that came before it.

A dependency cycle is broken as pg_dump breaks it: weak edges go first; then a table that a
cycle runs through by a column default (the default calls a function over the table's row
type, or whose body reads the table) is created without that default, which is set once the
rest exists, with a comment in the output that says so; as a last resort the first statement
of the cycle keeps its place. `set check_function_bodies = off` is said once, first, when the
migration creates a function (as pg_dump does: a body may name what is created after it).
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left
from collections import defaultdict
from itertools import pairwise

from faceplate_db.engine.catalog.dependencies import Node
from faceplate_db.engine.dependency_graph import Graph
from faceplate_db.engine.functions import has_sql_standard_body
from faceplate_db.engine.inspect import Snapshot
from faceplate_db.engine.names import quote_identifier
from faceplate_db.engine.statement_objects import Effects, Naming, effects_of, name_parts

_CHECK_FUNCTION_BODIES = "set check_function_bodies = off;"
_WORD = re.compile(r'"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_$]*)')


class _Plan:
    """The statements with their effects and the edges between them (by position)."""

    def __init__(self, statements: list[str], naming: Naming, body_refs: dict) -> None:
        self.statements = statements
        self.effects = [effects_of(sql, naming) for sql in statements]
        self.hard: dict[int, set[int]] = defaultdict(set)  # statement -> those before it
        self.weak: dict[int, set[int]] = defaultdict(set)
        self._edges(naming, body_refs)

    def _edges(self, naming: Naming, body_refs: dict[Node, set[Node]]) -> None:
        creators: dict[Node, list[int]] = defaultdict(list)
        droppers: dict[Node, list[int]] = defaultdict(list)  # dropping it by name
        gone: dict[Node, list[int]] = defaultdict(list)  # by name or along with another
        chain: dict[Node, list[int]] = defaultdict(list)
        live_name: dict[Node, Node] = {}  # a renamed node's new name -> its live name
        new_name: dict[Node, Node] = {}  # a renamed node's live name -> its new name
        for i, effects in enumerate(self.effects):
            for node in effects.creates:
                creators[node].append(i)
            for node in effects.drops:
                droppers[node].append(i)
            for node in effects.drops | effects.dropped_along:
                gone[node].append(i)
            renamed = effects.renamed or ()
            for node in effects.creates | effects.drops | set(renamed):
                chain[node].append(i)
            if effects.renamed:
                old, new = effects.renamed
                live_name[new] = live_name.get(old, old)
                new_name[live_name[new]] = new
        for members in chain.values():
            for before, after in pairwise(members):
                self.hard[after].add(before)
        for i, effects in enumerate(self.effects):
            for node in effects.touches:
                members = chain.get(node, ())
                at = bisect_left(members, i)
                if at > 0:
                    self.hard[i].add(members[at - 1])
                if at < len(members) and members[at] != i:
                    self.hard[members[at]].add(i)
            for node in effects.creates:
                for needed in naming.target.needs.get(node, ()):
                    self.hard[i].update(j for j in creators.get(needed, ()) if j != i)
                for needed in body_refs.get(node, ()):
                    self.weak[i].update(j for j in creators.get(needed, ()) if j != i)
            self._drop_edges(i, effects, naming.live, creators, gone, (live_name, new_name))
            # What a drop takes along and another statement drops by name goes first (after,
            # it would be gone already).
            for node in effects.dropped_along:
                self.hard[i].update(j for j in droppers.get(node, ()) if j != i)
        for i, before in self.weak.items():
            before -= self.hard.get(i, set())

    def _drop_edges(self, i, effects: Effects, live: Graph, creators, gone, names) -> None:
        """What needs a node this statement drops (or defines anew) in the live database goes
        first: dropped (under its live name or the name a rename gave it), or, for a drop,
        defined anew without it."""
        live_name, new_name = names
        dropping = effects.drops | effects.dropped_along
        # A node renamed out of the way is not defined anew by what takes its name.
        for node in dropping | (effects.creates & live.nodes - new_name.keys()):
            dropped = node in dropping
            for dependent in live.needed_by.get(live_name.get(node, node), ()):
                if dependent in dropping:
                    continue
                # Once dropped it is gone: the first statement dropping it is the one to wait for.
                before = (
                    gone.get(dependent, [])[:1]
                    or gone.get(new_name.get(dependent), [])[:1]
                    or (creators.get(dependent, ()) if dropped else ())
                )
                self.hard[i].update(j for j in before if j != i)

    def order(self, ignored: set[tuple[int, int]], released: set[int]) -> tuple[list, list]:
        """(the order, the statements left over when a cycle blocks them), without the edges
        ignored, and with the statements released free of waiting for those before them."""
        count = len(self.statements)
        waiting = [0] * count
        after: list[list[int]] = [[] for _ in range(count)]
        for edges in (self.hard, self.weak):
            for i, before in edges.items():
                for j in before:
                    if (j, i) not in ignored:
                        after[j].append(i)
                        waiting[i] += 1
        unknown = {i for i, e in enumerate(self.effects) if not e.nodes and i not in released}
        ready = [i for i in range(count) if not waiting[i] and i not in unknown]
        heapq.heapify(ready)
        held = sorted(i for i in unknown if not waiting[i])  # until all before them are out
        done = [False] * count
        first_left = 0
        order: list[int] = []
        while ready or (held and held[0] == first_left):
            i = held.pop(0) if held and held[0] == first_left else heapq.heappop(ready)
            order.append(i)
            done[i] = True
            while first_left < count and done[first_left]:
                first_left += 1
            for k in after[i]:
                waiting[k] -= 1
                if not waiting[k]:
                    if k in unknown:
                        held.append(k)
                        held.sort()
                    else:
                        heapq.heappush(ready, k)
        return order, [i for i in range(count) if not done[i]]

    def edges_within(self, members: set[int], ignored: set) -> list[tuple[int, int, bool]]:
        return [
            (j, i, edges is self.weak)
            for edges in (self.hard, self.weak)
            for i in members
            for j in edges.get(i, ())
            if j in members and (j, i) not in ignored
        ]


def _first_cycle(plan: _Plan, left: list[int], ignored: set) -> set[int] | None:
    """The strongly connected statements among those left that nothing else left blocks
    (Tarjan), the one with the earliest statement when there are several."""
    members = set(left)
    edges = defaultdict(list)
    for j, i, _ in plan.edges_within(members, ignored):
        edges[j].append(i)
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    stack: list[int] = []
    on_stack: set[int] = set()
    components: list[set[int]] = []
    counter = 0
    for root in sorted(members):
        if root in index:
            continue
        work = [(root, iter(edges[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            advanced = False
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = counter
                    counter += 1
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(edges[successor])))
                    advanced = True
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                components.append(component)
    component_of = {member: n for n, component in enumerate(components) for member in component}
    blocked = {
        component_of[i]
        for j, i, _ in plan.edges_within(members, ignored)
        if component_of[i] != component_of[j]
    }
    cycles = [c for n, c in enumerate(components) if len(c) > 1 and n not in blocked]
    return min(cycles, key=min) if cycles else None


def _cycle_through_a_default(plan: _Plan, cycle: set[int], naming: Naming, new: Snapshot):
    """(position, the statements to put there) breaking a cycle that runs through a column
    default, as pg_dump breaks it: a table created in the cycle is created without the
    default, which is set once the rest exists; a table dropped in the cycle loses the default
    first. None when the cycle runs through no default."""
    for i in sorted(cycle):
        others = cycle - {i}
        created = {node for j in others for node in plan.effects[j].creates}
        dropped = {n for j in others for n in plan.effects[j].drops | plan.effects[j].dropped_along}
        effects = plan.effects[i]
        creating = sorted(
            node
            for node in effects.creates
            if node[0] == "default" and naming.target.needs.get(node, set()) & created
        )
        if creating and plan.statements[i].lstrip().lower().startswith("create table"):
            statements = _created_without(plan.statements[i], creating, new, naming, created)
            if statements:
                return i, statements
        dropping = sorted(
            node
            for node in effects.drops | effects.dropped_along
            if node[0] == "default" and naming.live.needs.get(node, set()) & dropped
        )
        if dropping and not effects.creates:
            return i, [
                f"-- faceplate-db: a dependency cycle: the default of {_display(node)} needs "
                f"{_needs(naming.live, node, dropped)}, which needs the table: the default is "
                "dropped first (as pg_dump does)\n"
                f"alter table {_display(('relation', *node[1:3]))} alter column "
                f"{quote_identifier(node[3])} drop default;"
                for node in dropping
            ] + [plan.statements[i]]
    return None


def _created_without(sql: str, defaults, new: Snapshot, naming: Naming, created) -> list[str]:
    """The CREATE TABLE without defaults, and the statements setting them; [] when one of them
    cannot be set on its own (a generated column)."""
    table = new.inspector.tables.get(_display(("relation", *defaults[0][1:3])))
    if table is None:
        return []
    settings = []
    for node in defaults:
        column = table.columns.get(node[3])
        start = sql.find(f"\n    {column.quoted_name} ") + 1 if column is not None else 0
        end = sql.find("\n", start)
        # The default closes the column's line (schemainspect's creation_clause).
        cut = sql.find(" default ", start + len(column.quoted_name) + 5, end) if start else -1
        if column is None or column.is_generated or cut < 0:
            return []
        expression = sql[cut + len(" default ") : end].removesuffix(",")
        sql = sql[:cut] + sql[cut + len(" default ") + len(expression) :]
        settings.append(
            f"-- faceplate-db: a dependency cycle: the default of {_display(node)} needs "
            f"{_needs(naming.target, node, created)}, which needs the table: the table is created "
            "without it, and it is set once both exist (as pg_dump does)\n"
            f"alter table {table.quoted_full_name} alter column {column.quoted_name} "
            f"set default {expression};"
        )
    return [sql, *settings]


def _needs(graph: Graph, node: Node, among: set[Node]) -> str:
    return ", ".join(sorted(_display(other) for other in graph.needs.get(node, set()) & among))


def _display(node: Node) -> str:
    if node[0] == "function":
        return node[1]
    return ".".join(quote_identifier(part) for part in node[1:])


def body_references(new: Snapshot, target: Graph) -> dict[Node, set[Node]]:
    """For each function whose body is a string, the relations and functions of the target's
    graph its body names (pg_depend does not record them)."""
    by_name: dict[str, set[Node]] = defaultdict(set)
    for node in target.nodes:
        if node[0] == "relation":
            by_name[node[2]].add(node)
        elif node[0] == "function":
            by_name[name_parts(node[1].split("(")[0])[-1]].add(node)
    found: dict[Node, set[Node]] = {}
    for key, function in new.inspector.functions.items():
        if has_sql_standard_body(function) or key not in new.functions:
            continue
        node = ("function", new.functions[key].identity)
        words = {
            quoted.replace('""', '"') if quoted else bare.lower()
            for quoted, bare in _WORD.findall(function.definition or "")
        }
        found[node] = {other for word in words for other in by_name.get(word, ()) if other != node}
    return found


def ordered(statements: list[str], old: Snapshot, new: Snapshot) -> list[str]:
    """statements in an order both databases' dependency graphs allow (see the module)."""
    body = [sql for sql in statements if sql.strip().lower() != _CHECK_FUNCTION_BODIES]
    naming = Naming(
        Graph(new.dependencies),
        Graph(old.dependencies),
        {key: facts.identity for snap in (old, new) for key, facts in snap.functions.items()},
        {
            function.create_statement.strip().splitlines()[0]: key
            for key, function in new.inspector.functions.items()
        },
    )
    body_refs = body_references(new, naming.target)
    ignored: set[tuple[int, int]] = set()
    released: set[int] = set()
    while True:
        plan = _Plan(body, naming, body_refs)
        order, left = plan.order(ignored, released)
        if not left:
            break
        cycle = _first_cycle(plan, left, ignored)
        if cycle is None:
            # Only a statement of no known form waits, for one that waits behind it: it goes.
            released.add(next(i for i in left if not plan.effects[i].nodes))
            continue
        weak = [(j, i) for j, i, is_weak in plan.edges_within(cycle, ignored) if is_weak]
        split = None if weak else _cycle_through_a_default(plan, cycle, naming, new)
        if weak:
            ignored.update(weak)
        elif split:
            at, instead = split
            body = [*body[:at], *instead, *body[at + 1 :]]
            ignored, released = set(), set()
        else:
            # Nothing to break it by: the first statement keeps the place it had, and says so.
            first = min(cycle)
            ignored.update(
                (j, first) for j, i, _ in plan.edges_within(cycle, ignored) if i == first
            )
            if not body[first].startswith("--"):
                others = sorted(
                    {_display(n) for j in cycle - {first} for n in plan.effects[j].nodes}
                )
                body[first] = (
                    f"-- faceplate-db: a dependency cycle with {', '.join(others)} that no "
                    "statement can break: this one keeps the place it had\n" + body[first]
                )
    result = [body[i] for i in order]
    creates_functions = any(node[0] == "function" for e in plan.effects for node in e.creates)
    if creates_functions or len(body) < len(statements):
        result.insert(0, _CHECK_FUNCTION_BODIES)
    return result
