"""The options every command takes, and the settings they resolve to (arguments, then the
environment, then pyproject.toml)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from faceplate_db.config import Settings


def add_common_options(parser: argparse.ArgumentParser) -> None:
    """The options every command takes; defaults come from the environment and pyproject."""
    parser.add_argument(
        "--database",
        metavar="URL",
        help="postgresql:// URL of the live database (default: $DATABASE_URL, else the embedded server)",
    )
    parser.add_argument(
        "--schema-file",
        metavar="PATH",
        help="the schema source of truth (default: schema/schema.sql)",
    )
    parser.add_argument(
        "--migrations", metavar="DIR", help="migration files (default: schema/migrations)"
    )
    parser.add_argument(
        "--schema",
        metavar="NAME",
        action="append",
        dest="schemas",
        help="a managed schema; repeatable (default: [tool.faceplate-db] schemas, else faceplate)",
    )


def settings_from(args: argparse.Namespace) -> Settings:
    from faceplate_db.config import Settings

    return Settings.resolve(
        database=args.database,
        schema_file=args.schema_file,
        migrations_dir=args.migrations,
        schemas=args.schemas,
        scratch_url=getattr(args, "scratch_url", None),
    )
