"""The command line starts at once: importing it, `--help`, an argument error and `ping` at a
server that is down load none of the heavy libraries. Each check runs in a fresh interpreter, so
what other tests imported cannot hide an import."""

from __future__ import annotations

import json
import socket
import subprocess
import sys

HEAVY = ("migra", "schemainspect", "psycopg", "sqlalchemy", "asyncpg", "asyncio")


def heavy_modules_loaded_by(code: str) -> list[str]:
    """Runs code in a fresh interpreter and returns the heavy libraries it left imported."""
    probe = f"""
import sys
{code}
print(__import__("json").dumps(sorted({{m.partition(".")[0] for m in sys.modules}} & {set(HEAVY)!r})))
"""
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    return json.loads(done.stdout.splitlines()[-1])


def run_main(*argv: str) -> str:
    """Code that runs the command line as `faceplate-db argv...` would, whatever it exits with."""
    return f"""
from faceplate_db.cli import main
try:
    main({list(argv)!r})
except SystemExit:
    pass
"""


def test_importing_the_command_line_loads_no_heavy_library():
    assert heavy_modules_loaded_by("import faceplate_db.cli") == []


def test_help_loads_no_heavy_library():
    assert heavy_modules_loaded_by(run_main("--help")) == []
    assert heavy_modules_loaded_by(run_main("diff", "--help")) == []


def test_an_argument_error_loads_no_heavy_library():
    assert heavy_modules_loaded_by(run_main("diff", "--format", "pdf")) == []


def test_ping_at_a_server_that_is_down_loads_no_heavy_library():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert (
        heavy_modules_loaded_by(
            run_main("ping", "--database", f"postgresql://u@127.0.0.1:{port}/x")
        )
        == []
    )


def test_the_probe_sees_an_import():
    """The check itself can fail: a command that does import a heavy library is caught."""
    assert "sqlalchemy" in heavy_modules_loaded_by("import sqlalchemy")
