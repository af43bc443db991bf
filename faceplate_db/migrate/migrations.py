"""Migration files read: names, the header, parsing into statements with their lines, checksums,
hazards and approvals, and their directives (writing.py writes them; folder.py finds them).

A migration file is plain text a reviewer reads top to bottom:

    -- faceplate-db migration 0002_add_message_tokens
    -- schema.sql sha256: 3f1c...
    -- from fingerprint: 9a0b1c2d3e4f5a6b
    -- to fingerprint: 0f1e2d3c4b5a6978
    -- hazards: lock
    --
    -- (how to approve)

    -- hazard: lock: SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock
    ALTER TABLE faceplate.messages ALTER COLUMN tokens SET NOT NULL;

A file whose statements carry a hazard runs only once the reviewer has added, for each hazard
kind, the line `-- approve: KIND`. A statement's hazards are those its `-- hazard:` comments
declare plus those the engine's `classify` finds in its SQL (file_hazards.py), so a hand-edited
statement cannot slip a DROP TABLE past review; and the header's `-- hazards:` line must say
exactly what the statements carry, so it never claims what a reviewer's edit took away.

Beside NNNN_name.sql, its down file NNNN_name.down.sql (the same format, from the up file's
to-fingerprint back to its from-fingerprint) is what `rollback` runs. A file that cannot be
undone says `-- faceplate-db: irreversible REASON` instead: in the up file before it is applied,
or as the whole of its down file once the up file can no longer change.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from faceplate_db.engine import HAZARD_KINDS
from faceplate_db.errors import ConfigError, MigrationFileError
from faceplate_db.migrate.directives import migration_directives
from faceplate_db.migrate.file_hazards import classify_in_file, pair_reasons
from faceplate_db.migrate.sql_text import first_token, statement_offsets

FILE_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
DOWN_FILE_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.down\.sql$")
MIGRATION_NAME = re.compile(r"^[a-z0-9_]{1,60}$")
NO_TRANSACTION = "-- faceplate-db: no-transaction"
IRREVERSIBLE_LINE = "-- faceplate-db: irreversible REASON"
_HEADER = re.compile(r"^--\s*(schema\.sql sha256|from fingerprint|to fingerprint|hazards):\s*(.*)$")
_HAZARD_COMMENT = re.compile(r"^--\s*hazard:\s*([a-z-]+)\s*:\s*(.*)$")
_APPROVE = re.compile(r"^-- approve: ([a-z-]+)$")
# Statements PostgreSQL refuses to run inside a transaction block.
OUTSIDE_TRANSACTION = re.compile(
    r"^\s*(?:create\s+(?:unique\s+)?index\s+concurrently|drop\s+index\s+concurrently|"
    r"reindex\b.*\bconcurrently|alter\s+system|vacuum|create\s+database|drop\s+database)\b",
    re.IGNORECASE | re.DOTALL,
)


def validate_name(name: str, setting: str = "--write") -> str:
    if not MIGRATION_NAME.match(name or ""):
        raise ConfigError(
            setting, name, "a migration name is 1-60 characters of [a-z0-9_], e.g. add_user_avatar"
        )
    return name


def checksum(text: str) -> str:
    """sha256 of the file's text with line endings normalised (a checkout on Windows must not
    look like an edit)."""
    return hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).hexdigest()


# Statements that change rows rather than the schema: a reviewer's backfill, a data fix.
_DML = re.compile(
    r"^\s*(?:insert|update|delete|merge|copy|with\b.*?\b(?:insert|update|delete|merge))\b",
    re.IGNORECASE | re.DOTALL,
)


def is_dml(sql: str) -> bool:
    return bool(_DML.match(sql))


@dataclass(frozen=True)
class FileStatement:
    """A statement of a migration file, where it is, and the hazards it carries."""

    sql: str
    line: int
    hazards: frozenset[str]
    reasons: tuple[str, ...]
    offset: int = 0  # where the statement starts in the file's text

    @property
    def is_dml(self) -> bool:
        """Changes rows (a backfill), not the schema: the review says so."""
        return is_dml(self.sql)


@dataclass(frozen=True)
class Unapproved:
    """A hazardous statement whose kind the reviewer has not approved."""

    path: Path
    line: int
    kind: str
    reason: str
    sql: str

    @property
    def approval_line(self) -> str:
        return f"-- approve: {self.kind}"

    def __str__(self) -> str:
        first = self.sql.strip().splitlines()[0] if self.sql.strip() else ""
        return (
            f"{self.path}:{self.line}: {self.kind} hazard not approved ({self.reason}): {first}\n"
            f"    add the line `{self.approval_line}` to {self.path.name} once reviewed"
        )


@dataclass(frozen=True)
class MigrationFile:
    path: Path
    version: int
    name: str
    text: str
    checksum: str
    schema_sha256: str
    from_fingerprint: str
    to_fingerprint: str
    # The header's `-- hazards:` line, in HAZARD_KINDS order; None when the header has none.
    declared_hazards: tuple[str, ...] | None
    approvals: frozenset[str]
    no_transaction: bool
    statements: tuple[FileStatement, ...]
    irreversible: str | None = None  # the reason its `irreversible` directive gives
    down: MigrationFile | None = None  # its down file, when it has one (folder.discover)

    @property
    def filename(self) -> str:
        return self.path.name

    @property
    def is_down(self) -> bool:
        return bool(DOWN_FILE_NAME.match(self.path.name))

    @property
    def down_path(self) -> Path:
        return self.path.with_name(down_file_name(self.version, self.name))

    @property
    def irreversible_reason(self) -> str | None:
        """Why it cannot be rolled back, from its own directive or its down file's."""
        return self.irreversible or (self.down.irreversible if self.down else None)

    @property
    def hazards(self) -> tuple[str, ...]:
        """What the statements carry (the header's line is checked against it)."""
        found = {kind for statement in self.statements for kind in statement.hazards}
        return tuple(kind for kind in HAZARD_KINDS if kind in found)

    def hazards_header_problem(self) -> str | None:
        """The header's `-- hazards:` line must say what the statements carry: a reviewer who
        replaced a DROP by a rename must not leave `data-loss` claimed."""
        if self.declared_hazards is None or self.declared_hazards == self.hazards:
            return None
        said, carried = (
            ", ".join(kinds) or "none" for kinds in (self.declared_hazards, self.hazards)
        )
        return (
            f"{self.path}: the header says `-- hazards: {said}`, but the statements carry "
            f"{carried}; correct the header line to `-- hazards: {carried}`"
        )

    def unapproved(self) -> list[Unapproved]:
        """One entry per hazardous statement and kind lacking its `-- approve:` line."""
        return [
            Unapproved(self.path, statement.line, kind, reason, statement.sql)
            for statement in self.statements
            for kind in HAZARD_KINDS
            if kind in statement.hazards and kind not in self.approvals
            for reason in [_reason_for(statement, kind)]
        ]


def _reason_for(statement: FileStatement, kind: str) -> str:
    for reason in statement.reasons:
        if reason.startswith(f"{kind}: "):
            return reason.removeprefix(f"{kind}: ")
    return kind


def file_name(version: int, name: str) -> str:
    return f"{version:04d}_{name}.sql"


def down_file_name(version: int, name: str) -> str:
    return f"{version:04d}_{name}.down.sql"


def _comment_lines(prefix: str) -> list[str]:
    return [line.strip() for line in prefix.splitlines() if line.strip().startswith("--")]


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def parse_text(path: Path, text: str) -> MigrationFile:
    """Parses a migration's text; `path` names it in errors and fixes its version and name."""
    match = FILE_NAME.match(path.name) or DOWN_FILE_NAME.match(path.name)
    if not match:
        raise MigrationFileError(
            path,
            "a migration file is named NNNN_name.sql (four digits, then [a-z0-9_]), and its down "
            "file NNNN_name.down.sql",
        )
    directives = migration_directives(path, text)
    header: dict[str, str] = {}
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("--"):
            break
        found = _HEADER.match(stripped)
        if found:
            header[found.group(1)] = found.group(2).strip()
    # A down file that only says its migration is irreversible needs nothing more.
    only_irreversible = directives.irreversible and DOWN_FILE_NAME.match(path.name)
    for key in ("from fingerprint", "to fingerprint"):
        if only_irreversible:
            header.setdefault(key, "")
        elif not re.fullmatch(r"[0-9a-f]{16}", header.get(key, "")):
            raise MigrationFileError(
                path,
                f"the header has no valid `-- {key}: <16 hex digits>` line "
                "(write migrations with `faceplate-db diff --write NAME`)",
            )
    declared = tuple(
        kind.strip() for kind in header.get("hazards", "").split(",") if kind.strip() != "none"
    )
    declared = tuple(kind for kind in declared if kind)
    lines = [line.strip() for line in text.splitlines()]
    approvals = frozenset(found.group(1) for line in lines if (found := _APPROVE.match(line)))
    for kind in (*declared, *approvals):
        if kind and kind not in HAZARD_KINDS:
            raise MigrationFileError(
                path, f"unknown hazard kind {kind!r} (known: {', '.join(HAZARD_KINDS)})"
            )
    no_transaction = directives.no_transaction
    statements = _statements(path, text, no_transaction)
    if only_irreversible and statements:
        raise MigrationFileError(
            path,
            f"line {statements[0].line}: a down file that says its migration is irreversible "
            "holds no statements",
        )
    return MigrationFile(
        path=path,
        version=int(match.group(1)),
        name=match.group(2),
        text=text,
        checksum=checksum(text),
        schema_sha256=header.get("schema.sql sha256", ""),
        from_fingerprint=header["from fingerprint"],
        to_fingerprint=header["to fingerprint"],
        declared_hazards=(
            tuple(kind for kind in HAZARD_KINDS if kind in declared)
            if "hazards" in header
            else None
        ),
        approvals=approvals,
        no_transaction=no_transaction,
        statements=statements,
        irreversible=directives.irreversible,
    )


def _statements(path: Path, text: str, no_transaction: bool) -> tuple[FileStatement, ...]:
    statements: list[FileStatement] = []
    spans = statement_offsets(text)
    sqls = [
        text[start:end][first:].strip()
        for start, end in spans
        if (first := first_token(text[start:end])) is not None
    ]
    classified = iter(classify_in_file(sqls))
    for start, end in spans:
        chunk = text[start:end]
        body_start = first_token(chunk)
        if body_start is None:
            continue  # only comments
        sql = chunk[body_start:].strip()
        line = _line_of(text, start + body_start)
        declared: list[tuple[str, str]] = []
        for comment in _comment_lines(chunk[:body_start]):
            found = _HAZARD_COMMENT.match(comment)
            if found:
                if found.group(1) not in HAZARD_KINDS:
                    raise MigrationFileError(
                        path,
                        f"line {line}: unknown hazard kind {found.group(1)!r} "
                        f"(known: {', '.join(HAZARD_KINDS)})",
                    )
                declared.append((found.group(1), found.group(2).strip()))
        if OUTSIDE_TRANSACTION.match(sql) and not no_transaction:
            raise MigrationFileError(
                path,
                f"line {line}: this statement cannot run inside a transaction; add the line "
                f"`{NO_TRANSACTION}` to the header (the file then runs statement by statement, "
                "and a failure part-way leaves the earlier statements applied)",
            )
        found_by_sql = next(classified)
        hazards = {kind for kind, _ in declared} | set(found_by_sql.hazards)
        reasons = [f"{kind}: {reason}" for kind, reason in declared]
        reasons += [
            f"{kind}: {reason}"
            for kind, reason in pair_reasons(found_by_sql)
            if kind not in {k for k, _ in declared}
        ]
        statements.append(
            FileStatement(sql, line, frozenset(hazards), tuple(reasons), start + body_start)
        )
    return tuple(statements)


def parse_file(path: Path) -> MigrationFile:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise MigrationFileError(path, f"cannot read: {exc}") from None
    return parse_text(path, text)
