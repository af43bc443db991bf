"""The migrations folder: every NNNN_name.sql in version order, each with its down file
NNNN_name.down.sql when it has one; any other .sql file is an error (a file silently skipped is
a migration that silently never runs). And what stands in the way of rolling a file back."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from faceplate_db.errors import MigrationFileError
from faceplate_db.migrate.migrations import IRREVERSIBLE_LINE, MigrationFile, file_name, parse_file


def discover(folder: Path) -> list[MigrationFile]:
    """Every migration in folder by version, with its down file; a stray .sql file, a duplicate
    version or a down file without its migration is an error."""
    folder = Path(folder)
    if not folder.exists():
        return []
    if not folder.is_dir():
        raise MigrationFileError(folder, "the migrations folder is not a directory")
    ups: dict[int, MigrationFile] = {}
    downs: dict[int, MigrationFile] = {}
    for path in sorted(folder.glob("*.sql")):
        migration = parse_file(path)
        found = downs if migration.is_down else ups
        if migration.version in found:
            raise MigrationFileError(
                path, f"version {migration.version:04d} is also {found[migration.version].path}"
            )
        found[migration.version] = migration
    for version, down in downs.items():
        up = ups.get(version)
        if up is None or up.name != down.name:
            raise MigrationFileError(
                down.path,
                f"a down file without its migration {file_name(version, down.name)} "
                "(renamed or deleted?)",
            )
    return [replace(ups[version], down=downs.get(version)) for version in sorted(ups)]


def reversibility_problems(migration: MigrationFile) -> list[str]:
    """Why `migration` cannot be rolled back as it stands: no down file and no reason why not,
    or a down file that does not lead back to where the migration started. An irreversible
    migration has none (rollback stops at it, saying why)."""
    down = migration.down
    if migration.irreversible:
        if down is not None:
            return [
                f"{migration.filename} says it is irreversible but has a down file "
                f"{down.filename}: keep one of the two"
            ]
        return []
    if down is None:
        return [
            f"{migration.filename} has no down file {migration.down_path.name}: write it with "
            "`faceplate-db diff --write NAME`, or say why it cannot be undone with the line "
            f"`{IRREVERSIBLE_LINE}` (in the up file before it is applied, or as the whole "
            "down file)"
        ]
    if down.irreversible:
        return []
    expected = (migration.to_fingerprint, migration.from_fingerprint)
    if (down.from_fingerprint, down.to_fingerprint) != expected:
        return [
            f"{down.filename} goes from fingerprint {down.from_fingerprint} to "
            f"{down.to_fingerprint}, but undoing {migration.filename} goes from {expected[0]} "
            f"to {expected[1]}: it was written for another migration; regenerate both"
        ]
    return []
