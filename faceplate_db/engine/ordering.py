"""The order of a migration's statements, from the databases' own dependency graphs.

migra and the repair modules produce the statements; this module orders them. Each statement
is read for the nodes it creates, drops and touches (statement_objects.py), and must come:

  creates   after the statements creating what its objects need in the target's graph
            (pg_depend: column types, row types, domains, defaults, checks, SQL-standard
            bodies, views' rules, sequences owned by columns, partitions)
  drops     after the statements dropping (or defining anew without it) what needs its
            objects in the live database's graph: the live graph, reversed; and after the
            statements dropping by name what it takes along (a table's constraints, its
            partitions), which would be gone already
  one node  in the order the statements had, when several create, drop or rename the same
            node; and a statement that only touches a node stays between them

Nodes are named as the catalog names them (schema, relation, column, function by argument
types), not by OID: the statements are text and the two databases' OIDs differ, while a name
reads the same in a statement, in the target and in the live database.

What pg_depend does not hold is added as a weaker edge: a function whose body is a string
(plpgsql, or SQL with check_function_bodies off) comes after the relations and functions its
body names, which matters where it runs as it is created (a materialized view, an index, a
check validated on existing rows).

The order is a stable topological sort: of the statements free to go, the one that came first
goes first, so where the statements' own order breaks no edge it is kept as it was, and the
output stays close to the steps in diff.py. A statement none of the known forms matches goes
after every statement that came before it.

A dependency cycle gives up its weak edges first; then it is broken as pg_dump breaks it, by a
table created without a default or a view created as a placeholder first, said in a comment
in the output (cycles.py); as a last resort its first statement keeps its place, also said.
`set check_function_bodies = off` is said once, first, when the migration creates a function
(as pg_dump does: a body may name what is created after it).
"""

from __future__ import annotations

import gc
import heapq
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from itertools import pairwise

from faceplate_db.engine.catalog.dependencies import Node
from faceplate_db.engine.cycles import COMPLETION, PLACEHOLDER, a_cycle, broken, unbreakable
from faceplate_db.engine.dependency_graph import Graph
from faceplate_db.engine.functions import has_sql_standard_body
from faceplate_db.engine.inspect import Snapshot
from faceplate_db.engine.statement_objects import Effects, Naming, effects_of, name_parts

_CHECK_FUNCTION_BODIES = "set check_function_bodies = off;"
_NONE: frozenset = frozenset()
_WORD = re.compile(r'"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_$]*)')


class _Plan:
    """The statements with their effects and the edges between them (by position). A
    statement's role (cycles.py) adjusts its effects: a placeholder needs only its schema and
    its columns' types; a completion is not what the others wait for."""

    def __init__(
        self, statements: list[str], naming: Naming, body_refs: dict, roles: dict[str, str]
    ) -> None:
        self.statements = statements
        self.effects = [effects_of(sql, naming) for sql in statements]
        self.placeholders = {i for i, sql in enumerate(statements) if roles.get(sql) == PLACEHOLDER}
        self.completes: dict[int, frozenset[Node]] = {}
        for i, sql in enumerate(statements):
            if roles.get(sql) == COMPLETION:
                self.completes[i] = self.effects[i].creates
                self.effects[i] = replace(self.effects[i], creates=_NONE)
        self.hard: dict[int, set[int]] = defaultdict(set)  # statement -> those before it
        self.weak: dict[int, set[int]] = defaultdict(set)
        self._edges(naming, body_refs)

    def before(self, i: int) -> set[int]:
        return self.hard.get(i, set()) | self.weak.get(i, set())

    def _needs(self, i: int, node: Node, target: Graph) -> set[Node]:
        needs = target.needs.get(node, _NONE)
        if node[0] == "relation" and i in self.placeholders:
            return {needed for needed in needs if needed[0] == "schema"}
        return needs

    def _edges(self, naming: Naming, body_refs: dict[Node, set[Node]]) -> None:
        creators: dict[Node, list[int]] = defaultdict(list)
        droppers: dict[Node, list[int]] = defaultdict(list)  # dropping it by name
        # Dropping it by name, along with another, or (a view) making it a placeholder.
        gone: dict[Node, list[int]] = defaultdict(list)
        chain: dict[Node, list[int]] = defaultdict(list)
        live_name: dict[Node, Node] = {}  # a renamed node's new name -> its live name
        new_name: dict[Node, Node] = {}  # a renamed node's live name -> its new name
        for i, effects in enumerate(self.effects):
            for node in effects.creates:
                creators[node].append(i)
            for node in effects.drops:
                droppers[node].append(i)
            for node in effects.gone | (effects.creates if i in self.placeholders else _NONE):
                gone[node].append(i)
            completed = self.completes.get(i, _NONE)
            for node in effects.creates | effects.drops | completed | set(effects.renamed or ()):
                chain[node].append(i)
            if effects.renamed:
                old, new = effects.renamed
                live_name[new] = live_name.get(old, old)
                new_name[live_name[new]] = new
        for members in gone.values():
            members.sort()
        hard = self.hard
        for members in chain.values():
            for before, after in pairwise(members):
                hard[after].add(before)
        live = naming.live
        for i, effects in enumerate(self.effects):
            before = hard[i]
            for node in effects.touches:
                members = chain.get(node)
                if members:
                    at = bisect_left(members, i)
                    if at > 0:
                        before.add(members[at - 1])
                    if at < len(members) and members[at] != i:
                        hard[members[at]].add(i)
            for node in effects.creates | self.completes.get(i, _NONE):
                for needed in self._needs(i, node, naming.target):
                    if needed in creators:
                        before.update(creators[needed])
                if node[0] == "function":
                    for needed in body_refs.get(node, _NONE):
                        self.weak[i].update(creators.get(needed, ()))
            if i not in self.placeholders and (
                effects.gone or not effects.creates.isdisjoint(live.nodes)
            ):
                self._drop_edges(i, effects, live, creators, gone, (live_name, new_name))
            # What a drop takes along and another statement drops by name goes first (after,
            # it would be gone already).
            for node in effects.dropped_along:
                before.update(droppers.get(node, ()))
            before.discard(i)
        for i, weak in self.weak.items():
            weak -= hard.get(i, _NONE)
            weak.discard(i)

    def _drop_edges(self, i, effects: Effects, live: Graph, creators, gone, names) -> None:
        """What needs a node this statement drops (or defines anew) in the live database goes
        first: dropped (under its live name or the name a rename gave it), or, for a drop,
        defined anew without it."""
        live_name, new_name = names
        dropping = effects.gone
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

    def order(self, ignored: set[tuple[int, int]]) -> tuple[list[int], list[int]]:
        """(the order, the statements left over when a cycle blocks them), without the edges
        ignored. A statement of no known form waits for all those before it."""
        count = len(self.statements)
        waiting = [0] * count
        after: list[list[int]] = [[] for _ in range(count)]
        for edges in (self.hard, self.weak):
            for i, before in edges.items():
                for j in before:
                    if (j, i) not in ignored:
                        after[j].append(i)
                        waiting[i] += 1
        unknown = [i for i, effects in enumerate(self.effects) if not effects.nodes]
        held = set(unknown)
        ready = [i for i in range(count) if not waiting[i] and i not in held]
        heapq.heapify(ready)
        done = [False] * count
        first_left = 0
        order: list[int] = []
        while ready or (unknown and unknown[0] == first_left):
            i = unknown.pop(0) if unknown and unknown[0] == first_left else heapq.heappop(ready)
            order.append(i)
            done[i] = True
            while first_left < count and done[first_left]:
                first_left += 1
            for k in after[i]:
                waiting[k] -= 1
                if not waiting[k] and k not in held:
                    heapq.heappush(ready, k)
        return order, [i for i in range(count) if not done[i]]

    def weak_edges_within(self, members: set[int], ignored: set) -> list[tuple[int, int]]:
        return [
            (j, i)
            for i in members
            for j in self.weak.get(i, ())
            if j in members and (j, i) not in ignored
        ]


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


@contextmanager
def _collection_paused() -> Iterator[None]:
    """The cyclic garbage collector off while the order is worked out: the ordering makes many
    small objects and no cycles, and each collection would walk the snapshots' large object
    graphs (it took a third of the ordering's time on a 1,000-table schema)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def ordered(statements: list[str], old: Snapshot, new: Snapshot) -> list[str]:
    """statements in an order both databases' dependency graphs allow (see the module)."""
    with _collection_paused():
        return _ordered(statements, old, new)


def _ordered(statements: list[str], old: Snapshot, new: Snapshot) -> list[str]:
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
    roles: dict[str, str] = {}
    ignored: set[tuple[int, int]] = set()
    while True:
        plan = _Plan(body, naming, body_refs, roles)
        order, left = plan.order(ignored)
        if not left:
            break
        cycle = a_cycle(plan, left, ignored)
        weak = plan.weak_edges_within(cycle, ignored)
        rewrite = None if weak else broken(plan, cycle, naming, old, new)
        if weak:
            ignored.update(weak)
        elif rewrite:
            at, instead, new_roles = rewrite
            body = [*body[:at], *instead, *body[at + 1 :]]
            roles.update(new_roles)
            ignored = set()
        else:
            first = min(cycle)
            ignored.update((j, first) for j in plan.before(first) if j in cycle)
            if first not in plan.placeholders and not body[first].startswith("--"):
                body[first] = unbreakable(plan, cycle, first)
    result = [body[i] for i in order]
    creates_functions = any(node[0] == "function" for e in plan.effects for node in e.creates)
    if creates_functions or len(body) < len(statements):
        result.insert(0, _CHECK_FUNCTION_BODIES)
    return result
