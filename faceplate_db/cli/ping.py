"""ping: connect through the data layer's settings and report the server and the pool."""

from __future__ import annotations


def register(commands, add_common_options) -> None:
    """Adds the ping subcommand."""
