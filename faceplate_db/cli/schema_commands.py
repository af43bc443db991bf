"""diff, apply, status, check, baseline: thin layers over faceplate_db.migrate."""

from __future__ import annotations


def register(commands, add_common_options) -> None:
    """Adds the schema tool's subcommands."""
