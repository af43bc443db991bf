"""Scratch databases: where schema.sql is loaded so it can be inspected like any database.

A scratch database lives on the live database's server (same major version, same extensions)
unless `settings.scratch_url` names another server, or the live role may not create databases,
in which case the embedded server is used and a warning says so. It is always dropped: on
success, on error and on KeyboardInterrupt.

Throwaway databases (scratch, tests, benchmarks) go into the server's tablespace named
`faceplate_scratch` when it has one the role may create in: the embedded server keeps it in
memory (see embedded.py), and an operator can offer one on any server the same way.
"""

from __future__ import annotations

import re
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from psycopg import sql
from sqlalchemy.engine import make_url

from faceplate_db.config import Settings, find_project_root, libpq_url, mask_url
from faceplate_db.embedded import SCRATCH_TABLESPACE, embedded_database_url
from faceplate_db.errors import DatabaseUnavailable, SchemaLoadError
from faceplate_db.migrate.directives import Rename, schema_renames
from faceplate_db.migrate.sql_text import statement_offsets

SCRATCH_PREFIX = "faceplate_scratch_"


def connect(url: str, **kwargs) -> psycopg.Connection:
    try:
        return psycopg.connect(libpq_url(url), **kwargs)
    except psycopg.OperationalError as exc:
        target = make_url(libpq_url(url))
        where = f"{target.host or 'localhost'}:{target.port or 5432}"
        if not target.host:
            where = mask_url(url)
        raise DatabaseUnavailable(where, str(exc).strip().splitlines()[0]) from None


def may_create_databases(url: str) -> bool:
    with connect(url) as conn:
        row = conn.execute(
            "SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user"
        ).fetchone()
    return bool(row and row[0])


def scratch_server_url(settings: Settings) -> str:
    """The server a scratch database is created on (see the module docstring)."""
    if settings.scratch_url:
        return settings.scratch_url
    if may_create_databases(settings.database_url):
        return settings.database_url
    embedded = embedded_database_url(find_project_root(Path(settings.schema_file).parent))
    print(
        f"faceplate-db: warning: the role of {settings.masked_url} may not create databases; "
        "loading the schema file into a scratch database on the embedded PostgreSQL server "
        "instead (its major version may differ from the live server's; pass --scratch-url "
        "to choose a server)",
        file=sys.stderr,
    )
    return embedded


def database_url(server_url: str, dbname: str) -> str:
    """The URL of database dbname on the server of server_url."""
    return make_url(libpq_url(server_url)).set(database=dbname).render_as_string(False)


def create_database(server_url: str, dbname: str, template: str = "template0") -> str:
    """Creates dbname (a copy of template) on the server of server_url, in its scratch
    tablespace if it offers one; returns its URL."""
    with connect(server_url, autocommit=True) as conn:
        offered = conn.execute(
            "SELECT 1 FROM pg_tablespace WHERE spcname = %s"
            " AND has_tablespace_privilege(oid, 'CREATE')",
            [SCRATCH_TABLESPACE],
        ).fetchone()
        statement = sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            sql.Identifier(dbname), sql.Identifier(template)
        )
        if offered:
            statement += sql.SQL(" TABLESPACE {}").format(sql.Identifier(SCRATCH_TABLESPACE))
        conn.execute(statement)
    return database_url(server_url, dbname)


def drop_database(server_url: str, dbname: str) -> None:
    with connect(server_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(dbname))
        )


@contextmanager
def scratch_database_on(server_url: str, prefix: str = SCRATCH_PREFIX) -> Iterator[str]:
    """A new empty database on server_url, dropped when the block ends, however it ends."""
    dbname = f"{prefix}{uuid.uuid4().hex[:16]}"
    url = create_database(server_url, dbname)
    try:
        yield url
    finally:
        # Runs on KeyboardInterrupt too; a second Ctrl-C during the drop is the only way out.
        drop_database(server_url, dbname)


@contextmanager
def scratch_database(settings: Settings) -> Iterator[str]:
    """Creates a scratch database for settings and yields its URL; always dropped."""
    with scratch_database_on(scratch_server_url(settings)) as url:
        yield url


def _position_to_line_column(text: str, position: int) -> tuple[int, int, str]:
    """1-based character position in text -> (line, column, that line's text)."""
    index = max(0, min(position - 1, len(text)))
    line_start = text.rfind("\n", 0, index) + 1
    line_end = text.find("\n", index)
    if line_end == -1:
        line_end = len(text)
    line = text.count("\n", 0, index) + 1
    return line, index - line_start + 1, text[line_start:line_end]


def _failing_statement_offset(
    conn: psycopg.Connection, text: str
) -> tuple[int, psycopg.Error] | None:
    """Replays text one statement at a time (rolled back) to find the one that fails: the server
    gives no position for some errors (e.g. a missing relation in REFERENCES)."""
    try:
        with conn.transaction(force_rollback=True):
            for start, end in statement_offsets(text):
                try:
                    conn.execute(text[start:end])
                except psycopg.Error as exc:
                    return start, exc
    except psycopg.Error:
        return None
    return None


def load_error(
    path: Path, text: str, exc: psycopg.Error, statement_start: int = 0
) -> SchemaLoadError:
    diag = exc.diag
    message = diag.message_primary or str(exc).strip().splitlines()[0]
    extra = [
        f"{label}: {value}"
        for label, value in (("DETAIL", diag.message_detail), ("HINT", diag.message_hint))
        if value
    ]
    if diag.context:
        extra.append(f"CONTEXT: {diag.context.strip()}")
    line = column = source_line = None
    position = int(diag.statement_position) if diag.statement_position else None
    if position is None and statement_start:
        # No position from the server: point at the failing statement's first token.
        position = len(text[statement_start:]) - len(text[statement_start:].lstrip()) + 1
    if position is not None:
        line, column, source_line = _position_to_line_column(text, statement_start + position)
    return SchemaLoadError(
        path, line, column, message, source_line=source_line, detail="\n".join(extra) or None
    )


# What pg_dump 13.22/14.19/15.14/16.10/17.6 and later write around a dump (psql's guard against
# meta-commands smuggled into it): harmless outside psql, and left out.
_IGNORED_META_COMMANDS = ("restrict", "unrestrict")
_META_COMMAND = re.compile(r"(?m)^[ \t]*\\([a-zA-Z!?.]*)[^\n]*")


def without_psql_meta_commands(path: Path, text: str) -> str:
    """text with pg_dump's \\restrict and \\unrestrict lines blanked (line numbers kept); any
    other psql meta-command at the start of a statement is refused, naming its line."""
    out = text
    for start, end in statement_offsets(text):
        position = start
        while True:
            leading = re.match(r"(?:\s|--[^\n]*)*", text[position:end]).end()
            command = _META_COMMAND.match(text, position + leading)
            at_line_start = position + leading == 0 or text[position + leading - 1] == "\n"
            if not command or not at_line_start or command.start() >= end:
                break
            line, column, source = _position_to_line_column(text, command.start() + 1)
            if command.group(1) not in _IGNORED_META_COMMANDS:
                raise SchemaLoadError(
                    path,
                    line,
                    column,
                    f"psql meta-command \\{command.group(1)} is not SQL: a schema file holds "
                    "SQL statements only",
                    source_line=source,
                )
            out = out[: command.start()] + " " * len(command.group()) + out[command.end() :]
            position = command.end()
    return out


def load_schema_file(url: str, path: Path | str) -> list[Rename]:
    """Runs the file in one transaction on url; a failure is a SchemaLoadError pointing into it.
    Returns the file's rename directives (a malformed or unknown directive is an error too)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SchemaLoadError(path, None, None, f"cannot read the schema file: {exc}") from None
    # An empty file is a desired state too (everything in the managed schemas removed): the
    # diff drops it all, and apply's approval of data-loss hazards guards the data.
    if not text.strip():
        return []
    text = without_psql_meta_commands(path, text)
    renames = schema_renames(path, text)
    with connect(url) as conn:
        try:
            with conn.transaction():
                # One string, so the server's error position is an offset into the file.
                conn.execute(text)
        except psycopg.Error as exc:
            if exc.diag.statement_position:
                raise load_error(path, text, exc) from None
            found = _failing_statement_offset(conn, text)
            if found is None:
                raise load_error(path, text, exc) from None
            raise load_error(path, text, found[1], statement_start=found[0]) from None
    return renames
