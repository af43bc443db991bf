"""What one statement of a migration does to the catalog's objects, in the dependency graph's
nodes (catalog/dependencies.py): the nodes it creates (or defines anew: CREATE OR REPLACE, a
column's new type, a domain's new constraint), those it drops, those it only needs to exist
(an ALTER, a GRANT, a COMMENT), and a rename's old and new name.

The statements are the engine's own (migra's and the repair modules'), so the forms are few
and regular; a statement none of them matches has no effects, and the ordering keeps it after
every statement that came before it (ordering.py). Names are read as the catalog spells them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from faceplate_db.engine.catalog.dependencies import Node
from faceplate_db.engine.dependency_graph import Graph
from faceplate_db.engine.plan import without_leading_comments

_IDENT = r'(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)'
_QNAME = rf"{_IDENT}(?:\s*\.\s*{_IDENT})*"
_PARTS = re.compile(r'"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_$]*)')
_FLAGS = re.IGNORECASE | re.DOTALL


@lru_cache(maxsize=8192)
def name_parts(qualified: str) -> tuple[str, ...]:
    """'"s"."T".c' -> ('s', 'T', 'c'): quoted parts as written, bare ones folded to lower case."""
    return tuple(
        quoted.replace('""', '"') if quoted else bare.lower()
        for quoted, bare in _PARTS.findall(qualified)
    )


@dataclass(frozen=True)
class Effects:
    creates: frozenset[Node] = frozenset()
    drops: frozenset[Node] = frozenset()
    touches: frozenset[Node] = frozenset()
    renamed: tuple[Node, Node] | None = None  # (old name, new name)
    dropped_along: frozenset[Node] = frozenset()  # what goes with the nodes it drops

    @property
    def nodes(self) -> frozenset[Node]:
        return self.creates | self.drops | self.touches | frozenset(self.renamed or ())

    @property
    def gone(self) -> frozenset[Node]:
        return self.drops | self.dropped_along


@dataclass
class Naming:
    """What a statement's names are matched against: the target's graph for what it creates,
    the live database's for what it drops, and the functions of both (their statements name
    them as schemainspect keys them, or spell the arguments as pg_get_functiondef does; their
    nodes are named by argument types)."""

    target: Graph
    live: Graph
    identities: dict[str, str] = field(default_factory=dict)  # function key -> identity
    creations: dict[str, str] = field(default_factory=dict)  # CREATE FUNCTION's line -> key
    by_name: dict[tuple[str, ...], set[Node]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for key, identity in self.identities.items():
            self.by_name.setdefault(name_parts(key.split("(")[0]), set()).add(
                ("function", identity)
            )

    @staticmethod
    def relation(qualified: str) -> Node:
        return ("relation", *("", *name_parts(qualified))[-2:])

    def functions(self, qualified: str, key: str | None = None) -> set[Node]:
        """The function of that key, else every function named schema.name."""
        if key in self.identities:
            return {("function", self.identities[key])}
        return set(self.by_name.get(name_parts(qualified)[-2:], ()))


def _on(table: Node, kind: str, name: str) -> Node:
    return (kind, table[1], table[2], *name_parts(name)[-1:])


_TABLE_ACTION = re.compile(
    rf"(?P<verb>add|drop|validate)\s+(?P<part>constraint|column)\s+(?:if\s+(?:not\s+)?exists\s+)?"
    rf"(?P<name>{_IDENT})"
    rf"|alter\s+column\s+(?P<column>{_IDENT})\s+(?P<change>.*)"
    rf"|(?:(?:attach|detach)\s+partition|(?:no\s+)?inherit)\s+(?P<other>{_QNAME})"
    rf"|(?:enable|disable)\s+(?:replica\s+|always\s+)?trigger\s+(?P<trigger>{_IDENT})"
    rf"|rename\s+to\s+(?P<new_name>{_IDENT})",
    _FLAGS,
)


def _alter_table(naming: Naming, table: Node, action: str) -> Effects:
    match = _TABLE_ACTION.match(action)
    found = match.groupdict() if match else {}
    touches = frozenset({table})
    if found.get("part"):
        verb, name = found["verb"].lower(), found["name"]
        if found["part"].lower() == "column":
            nodes = frozenset({_on(table, "column", name), _on(table, "default", name)})
        elif verb == "validate":
            return Effects(touches=touches | {_on(table, "constraint", name)})
        else:
            # A key's or an exclusion constraint's index bears its name.
            index = ("relation", table[1], name_parts(name)[0])
            nodes = frozenset({_on(table, "constraint", name), index})
        if verb == "add":
            return Effects(nodes, touches=touches)
        return Effects(drops=nodes, touches=touches)
    if found.get("column"):
        column = _on(table, "column", found["column"])
        default = _on(table, "default", found["column"])
        change = found["change"].lower()
        if change.startswith("set default"):
            return Effects(frozenset({default}), touches=touches | {column})
        if change.startswith("drop default"):
            return Effects(drops=frozenset({default}), touches=touches | {column})
        if change.startswith(("type", "set data type")):
            return Effects(frozenset({column}), touches=touches)
        return Effects(touches=touches | {column})
    if found.get("other"):
        return Effects(touches=touches | {naming.relation(found["other"])})
    if found.get("trigger"):
        return Effects(touches=touches | {_on(table, "trigger", found["trigger"])})
    if found.get("new_name"):
        return Effects(renamed=(table, (*table[:2], name_parts(found["new_name"])[0])))
    return Effects(touches=touches)


def _drop(naming: Naming, kind: str, name: str) -> Effects:
    if kind == "schema":
        return Effects(drops=frozenset({("schema", *name_parts(name)[-1:])}))
    if kind in ("function", "procedure", "aggregate"):
        key = name.strip()
        return Effects(drops=frozenset(naming.functions(key.split("(")[0], key)))
    if kind in ("statistics", "collation"):
        return Effects(drops=frozenset({(kind, *name_parts(name)[-2:])}))
    if kind.startswith("text search"):
        return Effects(drops=frozenset({("text search", *name_parts(name)[-2:])}))
    relation = naming.relation(name)
    return Effects(drops=frozenset({relation}))


_CREATE_RELATION = re.compile(
    rf"^create\s+(?:or\s+replace\s+)?(?:unlogged\s+|materialized\s+|recursive\s+)?"
    rf"(table|view|type|domain|sequence)\s+(?:if\s+not\s+exists\s+)?({_QNAME})",
    _FLAGS,
)
_CREATE_INDEX = re.compile(
    rf"^create\s+(?:unique\s+)?index\s+(?:concurrently\s+)?(?:if\s+not\s+exists\s+)?"
    rf"({_IDENT})\s+on\s+(?:only\s+)?({_QNAME})",
    _FLAGS,
)
_CREATE_FUNCTION = re.compile(
    rf"^create\s+(?:or\s+replace\s+)?(?:function|procedure|aggregate)\s+({_QNAME})\s*\(", _FLAGS
)
_ON_TABLE = re.compile(
    rf"^(create|drop|alter)\s+(?:or\s+replace\s+)?(?:constraint\s+)?(trigger|policy|rule)\s+"
    rf"(?:if\s+exists\s+)?({_IDENT})\s+(?:as\s+on\s+\w+\s+to|.*?\bon)\s+(?:only\s+)?({_QNAME})",
    _FLAGS,
)
_DROP = re.compile(
    r"^drop\s+(table|view|materialized\s+view|sequence|type|domain|index|schema|function|"
    r"procedure|aggregate|statistics|collation|text\s+search\s+\w+)\s+(?:if\s+exists\s+)?"
    r"(.+?)(?:\s+cascade)?;?\s*$",
    _FLAGS,
)
_ALTER = re.compile(
    rf"^alter\s+(table|index|sequence|view|materialized\s+view|type|domain|statistics)\s+"
    rf"(?:if\s+exists\s+)?(?:only\s+)?({_QNAME})\s+(.*)$",
    _FLAGS,
)
_SIMPLE_CREATE = re.compile(
    rf"^create\s+(schema|extension|collation|statistics|text\s+search\s+\w+)\s+"
    rf"(?:if\s+not\s+exists\s+)?({_QNAME})",
    _FLAGS,
)
_COLUMN_LINE = re.compile(rf"^    ({_IDENT}) (.*)$", re.MULTILINE)
_GRANT_OR_COMMENT = re.compile(
    rf"^(?:grant|revoke)\s.*?\bon\s+(table|sequence|schema|type|domain|function|procedure|"
    rf"routine)?\s*({_QNAME})|^comment\s+on\s+(table|view|materialized\s+view|sequence|type|"
    rf"domain|index|schema|function|procedure|aggregate|column)\s+({_QNAME})",
    _FLAGS,
)


_DEFAULT_ON_LINE = re.compile(r" default | generated always as \(")


def effects_of(sql: str, naming: Naming) -> Effects:
    """What sql does to the graph's nodes (nothing known when no form matches). A relation
    created comes with its columns and their defaults; a node dropped takes along what goes
    with it (graph.dropped_with)."""
    text = without_leading_comments(sql) if sql.lstrip().startswith("--") else sql.strip()
    verb = text[:8].split(None, 1)[0].lower() if text else ""
    if verb == "create":
        return _created(text, naming)
    if verb in ("alter", "drop"):
        if match := _ON_TABLE.match(text):
            return _on_table(naming, *match.groups())
        effects = Effects()
        if verb == "drop" and (match := _DROP.match(text)):
            effects = _drop(naming, " ".join(match.group(1).lower().split()), match.group(2))
        elif verb == "alter" and (match := _ALTER.match(text)):
            effects = _alter(naming, " ".join(match.group(1).lower().split()), *match.group(2, 3))
        if effects.drops:
            along = naming.live.dropped_with(effects.drops) - effects.drops
            return Effects(effects.creates, effects.drops, effects.touches, effects.renamed, along)
        return effects
    if verb in ("grant", "revoke", "comment") and (match := _GRANT_OR_COMMENT.match(text)):
        return Effects(touches=frozenset(_named(naming, match)))
    return Effects()


def _created(text: str, naming: Naming) -> Effects:
    if match := _CREATE_RELATION.match(text):
        relation = naming.relation(match.group(2))
        parts = naming.target.parts_of(relation, ("column", "default"))
        # A default left out of its column's line (ordering.py sets it apart) is not created.
        lines = {name_parts(m.group(1))[0]: m.group(2) for m in _COLUMN_LINE.finditer(text)}
        return Effects(
            frozenset(
                {relation}
                | {
                    node
                    for node in parts
                    if node[0] == "column"
                    or node[3] not in lines
                    or _DEFAULT_ON_LINE.search(lines[node[3]])
                }
            )
        )
    if match := _CREATE_INDEX.match(text):
        table = naming.relation(match.group(2))
        index = ("relation", table[1], name_parts(match.group(1))[0])
        return Effects(frozenset({index}), touches=frozenset({table}))
    if match := _CREATE_FUNCTION.match(text):
        key = naming.creations.get(text.splitlines()[0])
        return Effects(frozenset(naming.functions(match.group(1), key)))
    if match := _ON_TABLE.match(text):
        return _on_table(naming, *match.groups())
    if match := _SIMPLE_CREATE.match(text):
        kind = " ".join(match.group(1).lower().split())
        parts = name_parts(match.group(2))
        if kind in ("schema", "extension"):
            return Effects(frozenset({(kind, parts[-1])}))
        kind = "text search" if kind.startswith("text") else kind
        return Effects(frozenset({(kind, *parts[-2:])}))
    return Effects()


def _on_table(naming: Naming, verb: str, kind: str, name: str, table: str) -> Effects:
    """A trigger, policy or rule, named on its table."""
    relation = naming.relation(table)
    node = _on(relation, kind.lower(), name)
    if verb.lower() == "drop":
        return Effects(drops=frozenset({node}), touches=frozenset({relation}))
    return Effects(frozenset({node}), touches=frozenset({relation}))


def _named(naming: Naming, match: re.Match) -> set[Node]:
    kind = (match.group(1) or match.group(3) or "table").lower()
    name = match.group(2) or match.group(4)
    if kind == "schema":
        return {("schema", name_parts(name)[-1])}
    if kind in ("function", "procedure", "routine", "aggregate"):
        return naming.functions(name)
    if kind == "column":
        return {("relation", *name_parts(name)[-3:-1])}
    return {naming.relation(name)}


def _alter(naming: Naming, kind: str, name: str, action: str) -> Effects:
    if kind == "table":
        return _alter_table(naming, naming.relation(name), action)
    if kind == "statistics":
        return Effects(touches=frozenset({("statistics", *name_parts(name)[-2:])}))
    relation = naming.relation(name)
    match = re.match(rf"rename\s+to\s+({_IDENT})", action, _FLAGS)
    if match:
        return Effects(renamed=(relation, (*relation[:2], name_parts(match.group(1))[0])))
    if kind == "sequence":
        owner = re.match(r"owned\s+by\s", action, _FLAGS)
        if owner:
            return Effects(
                frozenset({("sequence owner", *relation[1:])}), touches=frozenset({relation})
            )
        return Effects(touches=frozenset({relation}))
    if kind == "domain" or (
        kind == "type" and re.match(r"(?:add|drop|alter)\s+attribute", action, _FLAGS)
    ):
        # A domain's constraints and a composite type's attributes are part of it.
        return Effects(frozenset({relation}))
    return Effects(touches=frozenset({relation}))
