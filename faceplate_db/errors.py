"""Every error a user can meet, rendered once at the CLI edge.

    FaceplateError                    exit code 1 unless stated
    ├── ConfigError                   a setting has an invalid value (.setting, .value)
    ├── DatabaseUnavailable           cannot reach the server (.target: masked host:port, .cause)
    ├── SchemaLoadError               schema.sql (or a migration) failed to load (.path, .line, .column)
    ├── MigrationFileError            a migration file is malformed or misnamed (.path)
    ├── MigrationFailed               a statement failed while applying; rolled back (.path, .line)
    ├── MigrationRefused              apply will not run: drift, checksum, hazard, lock (exit 3)
    ├── UnmanagedDependents           the diff would drop or retype what an unmanaged object
    │                                 uses (.conflicts: (managed object, dependent)) (exit 3)
    ├── UnsupportedFeature            the two sides differ in something the engine cannot
    │                                 express (.objects: (object, what it is)) (exit 3)
    ├── OutOfSync                     check/status found a disagreement (exit 2)
    │   └── NotMigrated               verify(): files pending, changed, or the schema drifted
    │                                 (.pending, .problems, .live_fingerprint, .expected_fingerprint)
    ├── PoolTimeout                   no pooled connection within pool_timeout (data layer)
    ├── NotFound                      no such row for this user (data layer; .entity, .key)
    └── InvalidInput                  a value the database cannot store as given (.field)

Errors carry their facts as attributes so callers can act on them without parsing text.
"""

from __future__ import annotations

from pathlib import Path


class FaceplateError(Exception):
    exit_code = 1


class ConfigError(FaceplateError):
    def __init__(self, setting: str, value: object, problem: str) -> None:
        self.setting = setting
        self.value = value
        super().__init__(f"invalid setting {setting}={value!r}: {problem}")


class DatabaseUnavailable(FaceplateError):
    def __init__(self, target: str, cause: str) -> None:
        self.target = target
        self.cause = cause
        super().__init__(f"cannot connect to PostgreSQL at {target}: {cause}")


class SchemaLoadError(FaceplateError):
    def __init__(
        self,
        path: Path | str,
        line: int | None,
        column: int | None,
        message: str,
        source_line: str | None = None,
        detail: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.line = line
        self.column = column
        self.server_message = message
        self.source_line = source_line
        self.detail = detail
        where = str(path)
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        text = f"{where}: {message}"
        if source_line is not None:
            text += f"\n    {source_line.rstrip()}"
            if column is not None:
                text += "\n    " + " " * (column - 1) + "^"
        if detail:
            text += f"\n{detail}"
        super().__init__(text)


class MigrationFileError(FaceplateError):
    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        super().__init__(f"{path}: {problem}")


class MigrationFailed(FaceplateError):
    """A statement failed; the migration's transaction was rolled back."""

    def __init__(self, path: Path | str, line: int | None, statement: str, cause: str) -> None:
        self.path = Path(path)
        self.line = line
        self.statement = statement
        self.cause = cause
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(
            f"{where}: migration failed and was rolled back (database unchanged): {cause}\n"
            f"    statement: {statement.strip().splitlines()[0] if statement.strip() else ''}"
        )


class MigrationRefused(FaceplateError):
    exit_code = 3


def _indented_pairs(pairs: list[tuple[str, str]]) -> str:
    """`    object: what about it`, one line each, under a message."""
    return "\n".join(f"    {name}: {what}" for name, what in pairs)


class UnmanagedDependents(FaceplateError):
    exit_code = 3

    def __init__(self, conflicts: list[tuple[str, str]]) -> None:
        self.conflicts = conflicts
        listed = _indented_pairs(conflicts)
        super().__init__(
            "the migration would drop or change the type of managed objects that objects "
            "outside the managed schemas depend on (the database is shared; faceplate-db "
            "never changes those). Change the dependents first, or manage their schema:\n" + listed
        )


class UnsupportedFeature(FaceplateError):
    exit_code = 3

    def __init__(self, objects: list[tuple[str, str]]) -> None:
        self.objects = objects
        listed = _indented_pairs(objects)
        super().__init__(
            "the live database and the schema differ in objects faceplate-db cannot express "
            "as statements; rather than leave them out of the migration, the diff stops. "
            "Change them by hand, then diff again:\n" + listed
        )


class OutOfSync(FaceplateError):
    exit_code = 2


class NotMigrated(OutOfSync):
    """An instance that must not migrate found the database not where the files end."""

    def __init__(
        self,
        pending: tuple[str, ...],
        problems: tuple[str, ...],
        live_fingerprint: str | None,
        expected_fingerprint: str | None,
    ) -> None:
        self.pending = pending
        self.problems = problems
        self.live_fingerprint = live_fingerprint
        self.expected_fingerprint = expected_fingerprint
        lines = ["the database is not migrated to the reviewed migrations:"]
        if pending:
            lines.append(f"    pending: {', '.join(pending)} (run `faceplate-db apply`)")
        if live_fingerprint is not None:
            lines.append(
                f"    drift: the live schema has fingerprint {live_fingerprint}, the applied "
                f"migrations produce {expected_fingerprint} (see `faceplate-db status`)"
            )
        lines.extend(f"    {problem}" for problem in problems)
        super().__init__("\n".join(lines))


class PoolTimeout(FaceplateError):
    def __init__(self, waited_s: float, pool_size: int, max_overflow: int) -> None:
        self.waited_s = waited_s
        super().__init__(
            f"no database connection available after {waited_s:.1f} s "
            f"(pool_size={pool_size}, max_overflow={max_overflow}, all checked out)"
        )


class NotFound(FaceplateError, LookupError):
    """The row does not exist, or belongs to another user: the two are indistinguishable."""

    def __init__(self, entity: str, key: object) -> None:
        self.entity = entity
        self.key = key
        super().__init__(f"{entity} {key} not found for this user")


class InvalidInput(FaceplateError, ValueError):
    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        super().__init__(f"invalid {field}: {problem}")
