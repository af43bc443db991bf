"""One database's dependency graph (catalog/dependencies.py read it), indexed for the ordering:
what a node needs, what needs it, a relation's parts, and what goes with a node when it is
dropped."""

from __future__ import annotations

from collections import defaultdict

from faceplate_db.engine.catalog.dependencies import Node

# The nodes named after their table: created with it (columns, defaults) or on it.
_PART_KINDS = ("column", "default", "constraint", "trigger", "policy", "rule")


class Graph:
    def __init__(self, dependencies: frozenset[tuple[Node, Node, str]]) -> None:
        self.needs: dict[Node, set[Node]] = defaultdict(set)  # normal and automatic
        self.needed_by: dict[Node, set[Node]] = defaultdict(set)  # normal only
        self.goes_with: dict[Node, set[Node]] = defaultdict(set)  # automatic only
        self.nodes: set[Node] = set()
        self.parts: dict[tuple[str, str], set[Node]] = defaultdict(set)
        for dependent, referenced, kind in dependencies:
            self.needs[dependent].add(referenced)
            (self.needed_by if kind == "n" else self.goes_with)[referenced].add(dependent)
            self.nodes.update((dependent, referenced))
        for node in self.nodes:
            if node[0] in _PART_KINDS:
                self.parts[node[1], node[2]].add(node)

    def parts_of(self, relation: Node, kinds: tuple[str, ...] = _PART_KINDS) -> set[Node]:
        return {node for node in self.parts.get(relation[1:], ()) if node[0] in kinds}

    def dropped_with(self, nodes: frozenset[Node]) -> frozenset[Node]:
        """nodes, the parts of the relations among them, and what depends on them
        automatically (a table's indexes, its partitions, a sequence's OWNED BY), all the way
        down: what dropping them drops."""
        found = set(nodes)
        waiting = list(nodes)
        while waiting:
            node = waiting.pop()
            more = set(self.goes_with.get(node, ()))
            if node[0] == "relation":
                more |= self.parts_of(node)
            for other in more - found:
                found.add(other)
                waiting.append(other)
        return frozenset(found)
