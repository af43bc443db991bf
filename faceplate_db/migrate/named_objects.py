"""The objects a rename directive can name: the names in some schemas of one database, with
their catalog kinds (sql/names.sql), and what a name is called before or after other renames.

Names are paths as the catalog spells them: (schema,), (schema, name) for relations, types and
functions, (schema, table, name) for columns and constraints, (schema, enum, label) for enum
values. Relations share one namespace; a rename of a schema, table or enum carries what is in
it along.
"""

from __future__ import annotations

from dataclasses import replace

import psycopg

from faceplate_db.engine import qualified_name, quote_identifier
from faceplate_db.migrate.directives import Rename
from faceplate_db.migrate.sql_text import bookkeeping_sql

RELATIONS = {"table", "view", "materialized view", "sequence", "index"}


def namespace(kind: str) -> str:
    """Names that cannot coexist: relations share one namespace, each other kind its own."""
    return "relation" if kind in RELATIONS else kind


def container(kind: str, path: tuple[str, ...]) -> tuple[str, tuple[str, ...]] | None:
    """The (namespace, path) that holds the object: its table, its enum, or its schema."""
    if kind in ("column", "constraint"):
        return "relation", path[:2]
    if kind == "enum value":
        return "type", path[:2]
    if kind == "schema":
        return None
    return "schema", path[:1]


def name_before(rename: Rename, kind: str, path: tuple[str, ...]) -> tuple[str, ...] | None:
    """The path an object of `kind` called `path` after `rename` had before it; None when
    `path` is what the rename moved away (nothing is called that after it)."""
    ns, own = namespace(kind), namespace(rename.kind)
    if ns == own and path in (rename.old, rename.new_path):
        return rename.old if path == rename.new_path else None
    holder = container(kind, path)
    while holder is not None:
        holder_ns, holder_path = holder
        if holder_ns == own and holder_path in (rename.old, rename.new_path):
            if holder_path == rename.old:
                return None
            return rename.old + path[len(rename.old) :]
        holder = container(holder_ns, holder_path) if holder_ns != "schema" else None
    return path


def live_name(pending: list[Rename], kind: str, path: tuple[str, ...]) -> tuple[str, ...] | None:
    """What `path` (a name after the pending renames so far) is called in the live database."""
    for rename in reversed(pending):
        if path is None:
            return None
        path = name_before(rename, kind, path)
    return path


def scratch_name(kept: list[Rename], kind: str, path: tuple[str, ...]) -> tuple[str, ...] | None:
    """What `path` (a name before the kept renames) is called after them, in schema.sql."""
    for rename in kept:
        if path is None:
            return None
        backwards = replace(rename, old=rename.new_path, new=rename.old[-1])
        path = name_before(backwards, kind, path)
    return path


class Names:
    """The names in some schemas of one database, read once (read again after a rename)."""

    def __init__(self, conn: psycopg.Connection, schemas: tuple[str, ...]):
        self.conn, self.schemas = conn, schemas
        self.reread()

    def reread(self) -> None:
        rows = self.conn.execute(bookkeeping_sql("names.sql"), {"schemas": list(self.schemas)})
        self.kinds: dict[tuple[str, tuple[str, ...]], list[str]] = {}
        for ns, *path, kind in rows:
            key = (ns, tuple(part for part in path if part is not None))
            self.kinds.setdefault(key, []).append(kind)

    def kind_of(self, rename: Rename, path: tuple[str, ...] | None) -> str | None:
        """The catalog kind of what `path` names (for rename's kind), or None."""
        if path is None:
            return None
        found = self.kinds.get((namespace(rename.kind), path))
        if not found:
            return None
        if rename.kind == "function" and rename.arguments is not None:
            signature = f"{qualified_name(*path)}({rename.arguments})"
            try:
                row = self.conn.execute(
                    "SELECT prokind::text FROM pg_proc WHERE oid = to_regprocedure(%s)",
                    [signature],
                ).fetchone()
            except psycopg.Error as exc:
                message = exc.diag.message_primary
                raise rename.error(f"cannot read the argument types: {message}") from None
            return row[0] if row else None
        if len(found) > 1 and rename.kind == "function":
            raise rename.error(
                f"{dotted(path)} is overloaded ({len(found)} functions): name the argument "
                f"types, e.g. `rename function {dotted(path)}(integer) to ...`"
            )
        return found[0]

    def names_in(self, ns: str, holder: tuple[str, ...], accepted: set[str] | None) -> set[str]:
        return {
            path[-1]
            for (found_ns, path), kinds in self.kinds.items()
            if found_ns == ns
            and path[:-1] == holder
            and (accepted is None or set(kinds) & accepted)
        }


def dotted(path: tuple[str, ...]) -> str:
    return ".".join(quote_identifier(p) if p != p.lower() or "." in p else p for p in path)
