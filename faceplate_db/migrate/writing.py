"""Migration files written: the next number in the folder, the header a reviewer reads first
(fingerprints, hazards, how to approve), then each statement under its hazard marks; and beside
it the down file that undoes it, reviewed the same way."""

from __future__ import annotations

from pathlib import Path

from faceplate_db.engine import HAZARD_KINDS, Statement
from faceplate_db.errors import MigrationRefused
from faceplate_db.migrate.file_hazards import pair_reasons, with_file_hazards
from faceplate_db.migrate.folder import discover
from faceplate_db.migrate.migrations import (
    FILE_NAME,
    NO_TRANSACTION,
    OUTSIDE_TRANSACTION,
    file_name,
    validate_name,
)
from faceplate_db.migrate.planning import DiffResult

APPROVAL_HELP = """\
-- Review every statement below. A statement marked `-- hazard: KIND` runs only after a
-- reviewer adds, for each hazard kind, the line `-- approve: KIND` (e.g. `-- approve: lock`)
-- to this header. Statements that cannot run in a transaction (CREATE INDEX CONCURRENTLY)
-- need the line `-- faceplate-db: no-transaction`. The .down.sql file beside a migration undoes
-- it (`faceplate-db rollback`); one that cannot be undone has none, and says why in the line
-- `-- faceplate-db: irreversible REASON` instead."""


def next_path(folder: Path, name: str) -> Path:
    names = [FILE_NAME.match(path.name) for path in Path(folder).glob("*.sql")]
    last = max((int(match.group(1)) for match in names if match), default=0)
    return Path(folder) / file_name(last + 1, validate_name(name))


def write_migration(folder: Path, name: str, plan: DiffResult) -> Path:
    """Writes plan as the next numbered file in folder, and its down file beside it when the
    plan has down statements, and returns the migration's path. Refuses when the plan does not
    start where the last migration ends (its from-fingerprint would not chain: the live
    database lacks pending migrations, or drifted)."""
    validate_name(name)
    existing = discover(folder)
    if existing and existing[-1].to_fingerprint != plan.from_fingerprint:
        raise MigrationRefused(
            f"the live database (fingerprint {plan.from_fingerprint}) is not in the state "
            f"{existing[-1].filename} produces ({existing[-1].to_fingerprint}), so a new "
            "migration would not start where the last one ends. Apply the pending migrations "
            "first; if the database drifted (`faceplate-db status`), write the migration "
            "against a database holding exactly the migrations"
        )
    path = next_path(folder, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = format_migration(
        plan.statements, plan.schema_sha256, plan.from_fingerprint, plan.to_fingerprint, path.stem
    )
    down = None
    if plan.down_statements is not None:
        down = path.with_name(path.stem + ".down.sql")
        # From where the migration ends back to where it starts.
        down_text = format_migration(
            plan.down_statements,
            plan.schema_sha256,
            plan.to_fingerprint,
            plan.from_fingerprint,
            f"{down.name.removesuffix('.sql')} (undoes {path.name}; run by `faceplate-db rollback`)",
        )
    with path.open("x", encoding="utf-8") as out:
        out.write(text)
    if down is not None:
        with down.open("x", encoding="utf-8") as out:
            out.write(down_text)
    return path


def format_statement(statement: Statement) -> str:
    sql = statement.sql.strip()
    if not sql.endswith(";"):
        sql += ";"
    kinds = [kind for kind in HAZARD_KINDS if kind in statement.hazards]
    marks = [f"-- hazard: {kind}: {reason}" for kind, reason in pair_reasons(statement)]
    # A kind without its own reason still gets a mark, so the file declares it.
    marks += [
        f"-- hazard: {kind}: see the statement"
        for kind in kinds
        if not any(m.startswith(f"-- hazard: {kind}:") for m in marks)
    ]
    return "\n".join([*marks, sql])


def format_migration(
    statements: tuple[Statement, ...],
    schema_sha256: str,
    from_fingerprint: str,
    to_fingerprint: str,
    title: str | None = None,
) -> str:
    """The text of a migration file (and of `diff`'s SQL output): header, then statements,
    each hazardous one preceded by its `-- hazard:` comments. Executable as it stands."""
    statements = with_file_hazards(statements)
    found = {kind for statement in statements for kind in statement.hazards}
    hazards = [kind for kind in HAZARD_KINDS if kind in found]
    needs_no_transaction = any(OUTSIDE_TRANSACTION.match(s.sql) for s in statements)
    header = [
        f"-- faceplate-db migration {title}" if title else "-- faceplate-db migration",
        f"-- schema.sql sha256: {schema_sha256}",
        f"-- from fingerprint: {from_fingerprint}",
        f"-- to fingerprint: {to_fingerprint}",
        f"-- hazards: {', '.join(hazards) if hazards else 'none'}",
        "--",
        APPROVAL_HELP,
    ]
    if needs_no_transaction:
        header.append(NO_TRANSACTION)
    body = "\n\n".join(format_statement(statement) for statement in statements)
    return "\n".join(header) + "\n\n" + body + "\n"
