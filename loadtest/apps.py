"""The app under load: one or more processes of loadtest/app.py, each a uvicorn server on a
loopback port of its own with its own pool, as separate instances behind a load balancer are
(Locust's users are spread over them). Started together, and stopped whatever happens."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from faceplate_db.config import find_project_root
from faceplate_db.errors import FaceplateError
from loadtest.app import MIGRATE_ON_STARTUP, MIGRATION_URL
from loadtest.processes import free_port, stop, wait_until_ready
from loadtest.sampler import read_pool

ROOT = find_project_root(Path(__file__).parent)
START_ATTEMPTS = 3


@dataclass(frozen=True)
class AppProcess:
    base: str
    process: subprocess.Popen

    @property
    def pool_url(self) -> str:
        return f"{self.base}/pool"

    def answers(self) -> bool:
        """This very process answers on its port (free_port's port may be taken by another
        process between our look and uvicorn's bind)."""
        try:
            return read_pool(self.pool_url).get("pid") == self.process.pid
        except OSError:
            return False


def app_environment(
    database_url: str,
    application_name: str,
    pool: dict[str, int],
    *,
    pgbouncer: bool = False,
    migrate: bool = False,
    direct_url: str | None = None,
) -> dict[str, str]:
    """The FACEPLATE_* settings an app process runs with. Migrations at startup go to
    `direct_url` when given: behind PgBouncer in transaction mode the session-level migration
    lock could not be held."""
    env = {
        "DATABASE_URL": database_url,
        "FACEPLATE_APPLICATION_NAME": application_name,
        "FACEPLATE_PGBOUNCER": "true" if pgbouncer else "false",
        MIGRATE_ON_STARTUP: "true" if migrate else "false",
        MIGRATION_URL: direct_url or database_url,
    }
    env.update({f"FACEPLATE_{k.upper()}": str(v) for k, v in pool.items()})
    return env


def _start(settings: dict[str, str]) -> AppProcess:
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "loadtest.app:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        cwd=ROOT,
        env={**os.environ, **settings},
    )
    return AppProcess(f"http://127.0.0.1:{port}", process)


@contextmanager
def running_apps(count: int, settings: dict[str, str]) -> Iterator[list[AppProcess]]:
    """`count` app processes with these settings, all answering before this yields."""
    apps: list[AppProcess] = []
    try:
        for _ in range(count):
            apps.append(_start(settings))
        for n, app in enumerate(apps):
            for attempt in range(START_ATTEMPTS):
                try:
                    wait_until_ready(app.answers, app.process, f"the app on {app.base}")
                    break
                except FaceplateError:
                    # Lost the port to another process: again on another port.
                    if app.process.poll() is None or attempt == START_ATTEMPTS - 1:
                        raise
                    app = apps[n] = _start(settings)
        yield apps
    finally:
        stop(*(app.process for app in apps))


@contextmanager
def running_app(
    database_url: str, application_name: str, pool: dict[str, int], migrate: bool = False
) -> Iterator[str]:
    """One app process; yields its base URL."""
    settings = app_environment(database_url, application_name, pool, migrate=migrate)
    with running_apps(1, settings) as (app,):
        yield app.base
